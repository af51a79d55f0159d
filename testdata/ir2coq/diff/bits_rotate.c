// TEST f(1,1) f(2147483648,1) f(305419896,8) f(305419896,0)
unsigned f(unsigned x, unsigned r) { r &= 31; return (x << r) | (x >> ((32 - r) & 31)); }
