// asmgen differential snippet: logical reg
	and x0, x7, x8
	orr x1, x7, x8, lsl #8
	eor x2, x7, x8, ror #12
	bic x3, x4, x15
	orn x4, x7, x8, lsr #3
	eon x5, x7, x8, asr #2
	and w6, w14, w15, ror #7
	bic w10, w9, w14, lsl #4
