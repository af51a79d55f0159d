// asmgen differential snippet: logical imm
	and x0, x7, #0xff
	orr x1, x7, #0xf0f0f0f0f0f0f0f0
	eor x2, x8, #0x5555555555555555
	and w3, w14, #0xffff0000
	orr w4, wzr, #0x3c
	eor w5, w9, #1
	and x6, x4, #0x7ffffffffffffffe
