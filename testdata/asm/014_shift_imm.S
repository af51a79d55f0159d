// asmgen differential snippet: shift imm
	lsl x0, x7, #4
	lsr x1, x7, #60
	asr x2, x8, #8
	ror x3, x7, #16
	lsl w4, w14, #31
	lsr w5, w14, #1
	asr w6, w10, #4
	ror w10, w14, #28
