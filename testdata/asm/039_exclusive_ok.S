// asmgen differential snippet: exclusive ok
	ldxr x0, [x19]
	add x0, x0, #1
	stxr w1, x0, [x19]
	ldxr x2, [x19]
