// asmgen differential snippet: decimal hex imm
	mov x0, #10
	mov x1, #0x10
	mov x2, #99
	add x3, x0, #12
	add x4, x0, #0x12
	sub x5, x0, #-10
	mov x6, #-10
	mov x10, #0b1011
