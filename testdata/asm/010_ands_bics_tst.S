// asmgen differential snippet: ands bics tst
	ands x0, x7, x8
	mrs x1, nzcv
	bics x2, x15, x15
	mrs x3, nzcv
	tst x5, #0x8000000000000000
	mrs x4, nzcv
	tst w12, w13
	mrs x6, nzcv
	ands w10, w9, #0x80000000
	mrs x11, nzcv
