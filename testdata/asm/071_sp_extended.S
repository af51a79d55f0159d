// asmgen differential snippet: sp extended
	add x0, sp, x11
	sub x1, sp, w12, uxtw #2
	add sp, sp, #0
	cmp sp, x20
	cset x2, ne
