// asmgen differential snippet: ldr str offset
	ldr x0, [x19]
	ldr x1, [x19, #8]
	ldr w2, [x19, #4]
	str x7, [x19, #16]
	str w14, [x19, #28]
	ldr x3, [x19, #16]
	ldr x4, [x19, #32760 & 0x1f8]
