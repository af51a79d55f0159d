// Vector GEPs: loops vectorised by clang -O3 -mavx2 (x86-64) compute vectors of addresses,
// `getelementptr i32, i32* %base, <4 x i64> %idx` and, into structs,
// `getelementptr %struct.pt, %struct.pt* %p, <4 x i64> %idx, i32 1`; the scalar function next to
// them must still convert.
void addrs(int **restrict out, int *base, int n) {
  for (int i = 0; i < n; i++)
    out[i] = &base[3 * i];
}

struct pt { int x, y; };
void fields(int **restrict out, struct pt *ps, int n) {
  for (int i = 0; i < n; i++)
    out[i] = &ps[i].y;
}

int scalar(int a) { return a + 1; }
