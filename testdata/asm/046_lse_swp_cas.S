// asmgen differential snippet: lse swp cas
	swp x7, x0, [x19]
	swpal w14, w1, [x20]
	mov x2, x7
	cas x2, x8, [x19]
	mov x3, #5
	casal x3, x11, [x20]
	ldr x4, [x19]
	ldr x5, [x20]
	casb w3, w23, [x20]
