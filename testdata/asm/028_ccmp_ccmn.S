// asmgen differential snippet: ccmp ccmn
	cmp x11, #100
	ccmp x12, #7, #4, eq
	cset x0, eq
	cmp x11, #99
	ccmp x12, #7, #2, eq
	mrs x1, nzcv
	cmp x11, #100
	ccmn x13, #7, #0, eq
	cset x2, eq
	cmp x12, x13
	ccmp w12, w13, #15, lt
	mrs x3, nzcv
