// TEST f(0,10) f(1,10) f(2,7) f(5,3)
int f(int x, int n) { int s = 0;
  if (x & 1) goto b;
a: s += 3; if (--n <= 0) return s; if (s % 5 == 0) goto b; goto a;
b: s += 7; if (--n <= 0) return s; if (s % 4 == 0) goto a; goto b; }
