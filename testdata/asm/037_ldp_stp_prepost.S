// asmgen differential snippet: ldp stp prepost
	mov x0, x20
	stp x7, x8, [x0, #-16]!
	ldp x1, x2, [x0], #16
	stp w14, w12, [x0, #8]!
	ldp w3, w4, [x0, #-8]
	ldp x5, x6, [x0], #-32
