// TEST f(0) f(15) f(16) f(1000) f(65535)
unsigned f(unsigned n) { unsigned r = 0; while ((unsigned long long)(r + 1) * (r + 1) <= n) r++; return r; }
