// TEST f(0) f(1) f(10) f(15)
int f(int n) { return n < 2 ? n : f(n - 1) + f(n - 2); }
