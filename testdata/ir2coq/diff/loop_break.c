// TEST f(10) f(0) f(-3) f(100)
int f(int n) { int s = 0; for (int i = 0; i < n; i++) { if (i * i > 50) break; s += i; } return s; }
