// asmgen differential snippet: extr ror
	extr x0, x7, x8, #16
	extr w1, w14, w9, #4
	extr x2, x7, x7, #0
	extr x3, x7, x8, #63
