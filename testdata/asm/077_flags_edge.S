// asmgen differential snippet: flag edge cases (signed overflow both ways, borrow, zero)
	adds x0, x6, #1
	mrs x1, nzcv
	subs x2, x5, #1
	mrs x3, nzcv
	subs w4, w10, #1
	mrs x10, nzcv
	cmp x0, x0
	mrs x11, nzcv
	cmn x4, #1
	mrs x12, nzcv
	subs x16, xzr, x1
	mrs x17, nzcv
	ccmn x5, x5, #0, al
	mrs x18, nzcv
