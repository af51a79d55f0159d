// asmgen differential snippet: mull mulh
	smull x0, w13, w12
	umull x1, w9, w9
	smaddl x2, w13, w11, x7
	umsubl x3, w14, w12, x8
	umulh x4, x7, x8
	smulh x5, x7, x13
	smulh x6, x5, x5
