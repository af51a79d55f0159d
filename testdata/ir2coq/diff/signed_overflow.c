// TEST f(2147483647) f(-2147483648) f(5)
unsigned f(int x) { unsigned u = (unsigned)x; return u + 1u; }
