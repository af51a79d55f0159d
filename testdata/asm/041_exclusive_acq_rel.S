// asmgen differential snippet: exclusive acq rel
	ldaxr x0, [x19]
	stlxr w1, x7, [x19]
	ldaxrb w2, [x19]
	stlxrb w3, w14, [x19]
	ldxrh w4, [x20]
	stxrh w5, w14, [x20]
	ldr x6, [x19]
	ldr x10, [x20]
