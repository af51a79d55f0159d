// asmgen differential snippet: shift reg
	lsl x0, x7, x12
	lsr x1, x8, x25
	asr x2, x8, x11
	ror x3, x7, x16
	lslv w4, w14, w12
	lsrv w5, w10, w16
	asrv w6, w10, w17
	rorv x10, x7, x13
