// asmgen differential snippet: memcpy loop
	mov x0, x19
	add x1, x19, #256
	mov x2, #4
1:	ldp x3, x4, [x0], #16
	stp x3, x4, [x1], #16
	sub x2, x2, #1
	cbnz x2, 1b
