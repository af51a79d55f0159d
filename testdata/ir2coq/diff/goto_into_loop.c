// TEST f(0,5) f(1,5) f(1,0) f(0,0) f(3,9)
int f(int k, int n) { int s = 0, i = 0;
  if (k) goto inside;
  while (i < n) { s += 2;
inside:
    s += i; i++; }
  return s; }
