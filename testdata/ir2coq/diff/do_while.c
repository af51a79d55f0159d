// TEST f(0) f(5) f(12)
int f(int n) { int s = 1; do { s = s * 3 % 1000; n--; } while (n > 0); return s; }
