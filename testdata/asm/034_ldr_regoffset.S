// asmgen differential snippet: ldr regoffset
	mov x0, #3
	ldr x1, [x19, x0, lsl #3]
	ldr w2, [x19, x0, lsl #2]
	ldrb w3, [x19, x0]
	mov w4, #-8
	ldr x5, [x20, w4, sxtw]
	mov w6, #2
	ldrh w10, [x19, w6, uxtw #1]
	str x7, [x19, x0, lsl #3]
	ldr x11, [x20, x13, sxtx]
