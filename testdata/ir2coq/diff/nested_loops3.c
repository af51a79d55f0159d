// TEST f(3) f(5) f(0)
int f(int n) { int c = 0; for (int i = 0; i < n; i++) for (int j = i; j < n; j++) for (int k = j; k < n; k++) { if ((i + j + k) % 4 == 0) continue; c += i * j - k; } return c; }
