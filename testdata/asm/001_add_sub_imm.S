// asmgen differential snippet: add sub imm
	add x0, x1, #4095
	add x2, x3, #1, lsl #12
	sub w4, w11, #1
	sub x5, x12, #200
	add w6, w9, #1
	add x16, x16, #-4
	sub x17, x17, #-8
