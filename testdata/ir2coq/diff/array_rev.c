// TEST f(1) f(7) f(3)
int f(int k) { int a[8]; for (int i = 0; i < 8; i++) a[i] = i * k; for (int i = 0, j = 7; i < j; i++, j--) { int t = a[i]; a[i] = a[j]; a[j] = t; } return a[0] * 1000 + a[1] * 10 + a[7]; }
