// TEST f(10) f(7) f(0)
static int odd(int n);
static int even(int n) { return n == 0 ? 1 : odd(n - 1); }
static int odd(int n) { return n == 0 ? 0 : even(n - 1); }
int f(int n) { return even(n) * 10 + odd(n); }
