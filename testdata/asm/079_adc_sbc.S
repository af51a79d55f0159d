// asmgen differential snippet: add/subtract with carry (128-bit arithmetic)
	adds x0, x4, x1
	adc x1, x2, x3
	mrs x2, nzcv
	subs x3, xzr, x1
	sbc x4, x7, x8
	adcs w5, w9, w9
	mrs x6, nzcv
	sbcs x10, x5, x6
	mrs x11, nzcv
	ngc x12, x7
	ngcs w13, w14
	mrs x15, nzcv
