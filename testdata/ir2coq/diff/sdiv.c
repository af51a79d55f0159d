// TEST f(-100,7) f(100,-7) f(-7,-100) f(-2147483647,3000000)
int f(int a, int b) { return a / b * 1000 + a % b; }
