// asmgen differential snippet: ldp stp
	ldp x0, x1, [x19]
	ldp w2, w3, [x19, #8]
	stp x7, x8, [x19, #32]
	ldp x4, x5, [x19, #32]
	stp w14, w9, [x19, #-0]
	ldpsw x6, x10, [x19, #40]
