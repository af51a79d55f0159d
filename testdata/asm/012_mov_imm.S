// asmgen differential snippet: mov imm
	mov x0, #0x1234
	mov x1, #-1
	mov w2, #-1
	mov x3, #0x12340000
	mov x4, #0xffff0000ffff0000
	mov w5, #0xffff
	mov x6, #-4096
	mov x10, #0x5555555555555555
	mov w11, #0x80000000
