// TEST f(1,2,3,4) f(5,6,7,0) f(9,8,7,10)
int f(int a, int b, int c, int n) { while (n-- > 0) { int t = a; a = b; b = c; c = t; } return a * 10000 + b * 100 + c; }
