// asmgen differential snippet: lse logic
	ldclr x15, x0, [x19]
	ldset x15, x1, [x20]
	ldeor x7, x2, [x19]
	ldseta w12, w3, [x20]
	ldclrl w14, w4, [x19]
	ldr x5, [x19]
	ldr x6, [x20]
