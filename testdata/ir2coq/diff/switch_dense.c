// TEST f(0) f(1) f(2) f(3) f(4) f(5) f(6) f(7) f(100)
unsigned f(unsigned x) { switch (x) { case 0: return 7; case 1: return 9; case 2: return 13; case 3: return 21; case 5: return 2; case 6: return 99; default: return x * 3; } }
