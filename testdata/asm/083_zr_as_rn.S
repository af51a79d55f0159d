// asmgen differential snippet: the zero register as first operand of flag-setting ops
	cmp	xzr, x7
	cset x0, eq
	cmn wzr, w9
	mrs x1, nzcv
	adds xzr, xzr, x8
	mrs x2, nzcv
	subs x3, xzr, x8, lsl #4
