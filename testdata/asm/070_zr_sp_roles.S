// asmgen differential snippet: zr sp roles
	add x0, xzr, x7
	mov x1, sp
	add x2, sp, #16
	sub sp, sp, #32
	mov x3, sp
	add sp, sp, #32
	str xzr, [x19, #8]
	ldr x4, [x19, #8]
	adds xzr, x7, x8
	mrs x5, nzcv
