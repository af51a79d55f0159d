// asmgen differential snippet: movz movn movk
	movz x0, #0xbeef
	movk x0, #0xdead, lsl #16
	movk x0, #0xcafe, lsl #48
	movn x1, #0
	movn w2, #5
	movz w3, #1, lsl #16
	movk w14, #0x1111
	movn x4, #0xffff, lsl #32
