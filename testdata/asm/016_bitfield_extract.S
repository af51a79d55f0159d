// asmgen differential snippet: bitfield extract
	ubfx x0, x7, #4, #12
	sbfx x1, x8, #60, #4
	ubfx w2, w14, #0, #8
	sbfx w3, w14, #28, #4
	ubfx x4, x7, #63, #1
	sbfx x5, x7, #0, #64
