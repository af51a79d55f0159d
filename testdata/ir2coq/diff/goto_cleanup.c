// TEST f(0) f(1) f(2) f(3)
int f(int x) { int r = 0; if (x == 1) goto e1; r += 10; if (x == 2) goto e2; r += 100; goto done;
e1: r += 1; e2: r += 2; done: return r; }
