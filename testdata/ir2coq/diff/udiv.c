// TEST f(100,7) f(4294967295,2) f(7,100)
unsigned f(unsigned a, unsigned b) { return a / b + a % b; }
