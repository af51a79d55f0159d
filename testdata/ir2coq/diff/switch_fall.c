// TEST f(0) f(1) f(2) f(3) f(4) f(9) f(-1)
int f(int x) { int r = 0; switch (x) { case 0: r += 1; case 1: r += 10; break; case 2: r += 100; case 3: r += 1000; case 4: r *= 2; break; default: r = -5; } return r; }
