// asmgen differential snippet: spinlock like
	mov w3, #1
	sevl
1:	wfe
	ldaxr w0, [x20]
	cbnz w0, 2f
	stxr w0, w3, [x20]
	cbnz w0, 1b
	b 3f
2:	mov w0, #0
	str w0, [x20]
	b 1b
3:	stlr wzr, [x20]
	ldr w4, [x20]
