// asmgen differential snippet: misc forms (byte/half exclusives, non-temporal pairs, long multiplies)
	ldxrb w0, [x19]
	stxrb w1, w14, [x19]
	ldaxrh w2, [x20]
	stlxrh w3, w14, [x20]
	ldnp x4, x5, [x19, #16]
	stnp x7, x8, [x19, #48]
	ldursb w6, [x19, #9]
	sturb w14, [x19, #70]
	rev64 x10, x7
	smnegl x11, w13, w12
	smsubl x12, w13, w11, x7
	umaddl x15, w9, w9, x8
	umnegl x16, w9, w12
	ldr x17, [x19, #48]
