// TEST f(1,2) f(-5,9) f(100,200)
struct P { int x; char c; long long y; short z; };
int f(int a, int b) { struct P p[3]; for (int i = 0; i < 3; i++) { p[i].x = a + i; p[i].c = (char)(b + i); p[i].y = (long long)a * b + i; p[i].z = (short)(a - b); }
  int s = 0; for (int i = 0; i < 3; i++) s += p[i].x + p[i].c + (int)p[i].y + p[i].z; return s; }
