// TEST f(0,1) f(5,3) f(3,5)
unsigned f(unsigned a, unsigned b) { return a - b; }
