// TEST f(0,0) f(1,0) f(5,5) f(-2,3)
int f(int a, int b) { return (a && b) + 2 * (a || b) + 4 * (!a) + 8 * (a < b) + 16 * ((unsigned)a < (unsigned)b); }
