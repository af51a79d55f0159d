// TEST f(70000) f(-1) f(32768)
int f(int x) { short s = (short)x; unsigned short u = (unsigned short)x; return s + u * 3; }
