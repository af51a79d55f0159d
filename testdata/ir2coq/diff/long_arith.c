// TEST f(1) f(-1) f(9223372036854775807)
unsigned long long f(long long x) { unsigned long long u = (unsigned long long)x; return (u >> 1) + (u << 3) + (unsigned long long)(x / 3); }
