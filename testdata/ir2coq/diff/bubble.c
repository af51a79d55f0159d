// TEST f(3) f(11) f(0)
int f(int seed) { int a[6]; for (int i = 0; i < 6; i++) a[i] = (seed * (i + 3) * 7919) % 101;
  for (int i = 0; i < 6; i++) for (int j = 0; j + 1 < 6 - i; j++) if (a[j] > a[j + 1]) { int t = a[j]; a[j] = a[j + 1]; a[j + 1] = t; }
  return a[0] + a[5] * 1000; }
