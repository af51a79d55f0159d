// asmgen differential snippet: nzcv msr
	mov x0, #0xf0000000
	msr nzcv, x0
	cset x1, eq
	cset x2, vs
	mov x3, #0x60000000
	msr nzcv, x3
	mrs x4, nzcv
	cset x5, hi
