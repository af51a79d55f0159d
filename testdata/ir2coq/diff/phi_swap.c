// TEST f(1,2,5) f(3,4,0) f(7,11,6) f(1,1,17)
int f(int a, int b, int n) { for (int i = 0; i < n; i++) { int t = a; a = b; b = t + i; } return a * 100 + b; }
