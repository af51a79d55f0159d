// TEST f(5,7) f(9,9) f(0,4) f(20,3)
int f(int a, int b) { int c = 0;
  for (int i = 0; i < a; i++) { for (int j = 0; j < b; j++) { if (i + j == 7) goto out; if (j > i) break; c += i ^ j; } }
out: return c; }
