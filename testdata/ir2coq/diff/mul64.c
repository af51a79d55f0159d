// TEST f(123456789,987654321) f(-1,-1) f(4294967296,3)
long long f(long long a, long long b) { return a * b + (a >> 3); }
