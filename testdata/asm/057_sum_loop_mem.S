// asmgen differential snippet: sum loop mem
	mov x0, #0
	mov x1, x19
	mov x2, #8
1:	ldr x3, [x1], #8
	add x0, x0, x3
	subs x2, x2, #1
	b.ne 1b
	str x0, [x19, #64]
