// asmgen differential snippet: add sub shifted
	add x0, x1, x2, lsl #3
	add x3, x7, x8, lsr #4
	sub x4, x7, x8, asr #60
	add w5, w9, w10, lsl #1
	sub w6, w14, w9, lsr #31
	add x20, x11, x12, lsl #63
