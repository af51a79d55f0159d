// TEST f(0,5) f(1,5) f(2,5)
static int inc(int x) { return x + 1; }
static int dbl(int x) { return x * 2; }
static int neg(int x) { return -x; }
int f(int k, int x) { int (*tab[3])(int) = {inc, dbl, neg}; return tab[k](x) + tab[(k + 1) % 3](x); }
