// TEST f(3,9,5) f(-1,-7,0) f(4,4,4)
int f(int a, int b, int c) { int mn = a < b ? a : b; mn = mn < c ? mn : c; int mx = a > b ? a : b; mx = mx > c ? mx : c; return mx * 100 + mn; }
