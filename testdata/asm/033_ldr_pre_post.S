// asmgen differential snippet: ldr pre post
	mov x0, x19
	ldr x1, [x0, #8]!
	ldr x2, [x0], #16
	str x7, [x0, #-8]!
	str x8, [x0], #24
	ldrb w3, [x0, #1]!
	ldrh w4, [x0], #-2
