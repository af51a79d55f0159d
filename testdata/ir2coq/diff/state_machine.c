// TEST f(0) f(1) f(12345) f(99999)
int f(unsigned seed) { int st = 0, out = 0;
  for (int i = 0; i < 20; i++) { seed = seed * 1103515245u + 12345u; unsigned b = (seed >> 16) & 3;
    switch (st) { case 0: st = b ? 1 : 2; out += 1; break; case 1: if (b == 2) st = 0; else st = 2; out += 3; break; default: st = (int)b % 2; out += 7; } }
  return out * 10 + st; }
