/* Code for the error cases of autov build (testdata/build/README.md has the clang command). */
extern unsigned long ext(unsigned long x);
unsigned long leaf(unsigned long x) { return x + 1; }
unsigned long uses_ext(unsigned long x) { return ext(x) + leaf(x); }
unsigned long self_rec(unsigned long x) { return x ? self_rec(x - 1) + 1 : 0; }
unsigned long ping(unsigned long x);
unsigned long pong(unsigned long x) { return x ? ping(x - 1) : 0; }
unsigned long ping(unsigned long x) { return x ? pong(x - 1) : 1; }
/* a loop whose bound cannot be inferred (the exit test compares with 0) */
unsigned long halve(unsigned long n) {
  unsigned long s = 0;
  while (n) { s += n; n >>= 1; }
  return s;
}
unsigned long uses_halve(unsigned long n) { return halve(n) + 1; }
unsigned long ident(unsigned long x) { return x; }
unsigned long uses_leaf(unsigned long x) { return leaf(x) * 2; }
