// asmgen differential snippet: lse minmax
	ldsmax x13, x0, [x19]
	ldsmin x13, x1, [x19]
	ldumax x4, x2, [x20]
	ldumin x11, x3, [x20]
	ldsmaxb w23, w5, [x19]
	ldr x4, [x19]
	ldr x6, [x20]
