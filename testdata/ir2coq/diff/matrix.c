// TEST f(1) f(2) f(-3)
int f(int k) { int a[3][3], b[3][3], c[3][3]; for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) { a[i][j] = i + j * k; b[i][j] = i * k - j; }
  for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) { c[i][j] = 0; for (int l = 0; l < 3; l++) c[i][j] += a[i][l] * b[l][j]; }
  return c[0][0] + c[1][2] * 100 + c[2][1] * 10000; }
