// asmgen differential snippet: ldar stlr
	ldar x0, [x19]
	ldar w1, [x20]
	stlr x7, [x19]
	stlrb w14, [x20]
	ldarb w2, [x20]
	ldarh w3, [x19]
	stlrh w14, [x19]
	ldr x4, [x19]
