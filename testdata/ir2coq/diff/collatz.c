// TEST f(27) f(1) f(97)
int f(unsigned n) { int steps = 0; while (n != 1 && steps < 1000) { n = (n & 1) ? 3 * n + 1 : n / 2; steps++; } return steps; }
