// TEST f(3) f(-7) g(5)
// A struct larger than 16 bytes is passed `byval` on x86-64: the callee owns a copy, so its writes
// to the parameter must not reach the caller's object (csmith seed 1104 found ir2coq passing the
// caller's object itself).
struct big { long a, b, c, d, e; };
__attribute__((noinline)) long bump(struct big s) { s.a += 100; s.e *= 2; return s.a + s.e; }
__attribute__((noinline)) long twice(struct big s, struct big t) { s.b = t.c; t.c = 0; return s.b * 10 + t.c; }
long f(long x) { struct big s = {x, 2, 3, 4, 5}; long r = bump(s); return r * 1000 + s.a + s.e; }
long g(long x) { struct big s = {1, 2, x, 4, 5}; long r = twice(s, s); return r * 1000 + s.b + s.c; }
