// TEST f(0) f(255) f(4294967295) f(305419896)
int f(unsigned x) { int c = 0; while (x) { x &= x - 1; c++; } return c; }
