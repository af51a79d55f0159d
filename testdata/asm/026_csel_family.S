// asmgen differential snippet: csel family
	cmp x11, #100
	csel x0, x7, x8, eq
	csinc x1, x7, x8, ne
	csinv x2, x7, x8, ne
	csneg x3, x7, x8, ne
	csneg w4, w12, w13, lt
	csel w5, w12, w13, ge
