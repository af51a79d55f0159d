// TEST f(4294967295,1) f(0,1) f(123,456)
unsigned f(unsigned a, unsigned b) { return a + b * 0x9e3779b9u; }
