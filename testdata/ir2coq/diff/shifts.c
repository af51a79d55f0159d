// TEST f(-16,2) f(16,2) f(-1,31) f(12345,0)
int f(int x, int s) { return (x >> s) ^ (int)((unsigned)x >> s) ^ (x << (s & 7)); }
