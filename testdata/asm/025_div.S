// asmgen differential snippet: div
	udiv x0, x7, x11
	sdiv x1, x13, x12
	udiv w2, w14, w12
	sdiv w3, w13, w12
	udiv x4, x7, xzr
	sdiv x5, x5, x4
	sdiv w6, w10, w9
