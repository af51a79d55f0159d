// TEST f(48,18) f(17,5) f(0,9) f(100,75)
unsigned f(unsigned a, unsigned b) { return b == 0 ? a : f(b, a % b); }
