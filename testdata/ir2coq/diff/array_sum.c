// TEST f(5) f(0) f(16)
int f(int n) { int a[16]; for (int i = 0; i < 16; i++) a[i] = i * i - 3; int s = 0; for (int i = 0; i < n && i < 16; i++) s += a[i]; return s; }
