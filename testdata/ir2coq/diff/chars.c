// TEST f(200) f(65) f(-3)
int f(int x) { signed char c = (signed char)x; unsigned char u = (unsigned char)x; return c * 1000 + u; }
