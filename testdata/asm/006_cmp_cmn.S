// asmgen differential snippet: cmp cmn
	cmp x11, #100
	cset x0, eq
	cmp x11, x12
	cset x1, gt
	cmn x13, #7
	cset x2, eq
	cmp x13, #0
	cset x3, lt
	cmp x5, x6
	cset x4, vs
	cset x6, hi
	cset x10, ls
