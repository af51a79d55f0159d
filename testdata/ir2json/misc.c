/* ir2json test input: wide integers, floats, vectors, computed goto, asm goto, varargs, function
 * pointers and other constructs that give callbr/indirectbr/blockaddress/shufflevector/select/phi. */
#include <stdarg.h>

typedef int v4si __attribute__((vector_size(16)));
typedef float v4sf __attribute__((vector_size(16)));

unsigned __int128 mul64(unsigned long a, unsigned long b)
{
	return (unsigned __int128)a * b;
}

__int128 big_const(void)
{
	return -((__int128)1 << 100) + 12345;
}

double fmix(double x, float y)
{
	if (x != x)
		return -0.0;
	return x * 0.1 + y / 3.0f - (double)(long)x;
}

v4si vmix(v4si a, v4si b)
{
	v4si s = __builtin_shufflevector(a, b, 0, 5, 2, 7);
	return s + a[1];
}

v4sf vscale(v4sf a, float k)
{
	return a * k;
}

int dispatch(int op, int x)
{
	static void *table[] = { &&inc, &&dbl, &&neg };
	goto *table[op % 3];
inc:
	return x + 1;
dbl:
	return x * 2;
neg:
	return -x;
}

int asm_goto(int x)
{
	asm goto("cbz %w0, %l[zero]" : : "r"(x) : : zero);
	return 1;
zero:
	return 0;
}

int sum_va(int n, ...)
{
	va_list ap;
	int s = 0;
	va_start(ap, n);
	for (int i = 0; i < n; i++)
		s += va_arg(ap, int);
	va_end(ap);
	return s;
}

int apply(int (*f)(int, int), int a, int b)
{
	return f(a, b) + dispatch(a, b);
}

int max3(int a, int b, int c)
{
	int m = a > b ? a : b;
	return m > c ? m : c;
}

int add2(int a, int b)
{
	return a + b;
}

struct pt { int x, y; };

struct pt mkpt(int x, int y)
{
	struct pt p = { x, y };
	return p;
}

int use_all(void)
{
	struct pt p = mkpt(1, 2);
	return sum_va(3, p.x, p.y, 3) + apply(add2, 1, 2);
}
