// asmgen differential snippet: bitfield insert
	mov x0, x8
	bfi x0, x7, #8, #16
	mov x1, x8
	bfxil x1, x7, #12, #8
	ubfiz x2, x7, #4, #8
	sbfiz x3, x13, #8, #8
	mov w4, w14
	bfi w4, w12, #30, #2
	mov x5, x4
	bfc x5, #4, #12
