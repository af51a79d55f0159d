// asmgen differential snippet: atomic inc loop
1:	ldaxr x0, [x19]
	add x0, x0, #5
	stlxr w1, x0, [x19]
	cbnz w1, 1b
	ldr x2, [x19]
