// asmgen differential snippet: stack push pop
	stp x29, x30, [sp, #-32]!
	mov x29, sp
	str x7, [sp, #16]
	ldr x0, [x29, #16]
	ldp x29, x30, [sp], #32
	mov x1, sp
