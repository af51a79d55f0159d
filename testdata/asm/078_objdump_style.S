// asmgen differential snippet: objdump-style spellings (hex immediates, no '#', comments)
	mov	x0, #0xa                   	// #10
	subs	x1, x0, #0x1
	add	x2, x1, x0, lsl #2
	and	x3, x7, #0xffff
	ldr	x4, [x19, #8]
	orr	x5, xzr, #0x5555555555555555
