// asmgen differential snippet: bfm raw
	ubfm x0, x7, #8, #23
	sbfm x1, x8, #56, #7
	mov x2, x8
	bfm x2, x7, #60, #3
	sbfm w3, w14, #4, #2
