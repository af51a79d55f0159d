// TEST f(-1,1) f(300,70000) f(2147483647,-2147483648)
long long f(int a, int b) { long long x = a; unsigned long long y = (unsigned)b; return x * 3 - (long long)y + (long long)(short)a; }
