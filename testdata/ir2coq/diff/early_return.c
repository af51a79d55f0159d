// TEST f(5,3) f(0,3) f(7,0) f(-1,-1)
int f(int a, int b) { if (a == 0) return -1; if (b == 0) return -2; for (int i = 0; i < 100; i++) { if (a * i > 50) return i; if (b * i < -50) return -i; } return 0; }
