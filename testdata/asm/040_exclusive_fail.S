// asmgen differential snippet: exclusive fail
	stxr w0, x7, [x19]
	ldxr w1, [x19]
	clrex
	stxr w2, w14, [x19]
	ldr x3, [x19]
