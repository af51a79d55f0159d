// asmgen differential snippet: add sub extended
	add x0, x7, w8, uxtb
	add x1, x7, w8, uxth #2
	add x2, x7, w9, sxtw
	sub x3, x7, w13, sxtw #4
	add x4, x7, x13, sxtx #1
	add w5, w7, w8, sxtb
	sub x6, x11, w14, uxtw #3
