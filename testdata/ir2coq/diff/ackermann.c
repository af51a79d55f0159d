// TEST f(1,2) f(2,3) f(0,5)
int f(int m, int n) { if (m == 0) return n + 1; if (n == 0) return f(m - 1, 1); return f(m - 1, f(m, n - 1)); }
