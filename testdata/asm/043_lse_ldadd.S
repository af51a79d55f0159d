// asmgen differential snippet: lse ldadd
	ldadd x11, x0, [x19]
	ldaddal x11, x1, [x19]
	ldaddb w12, w2, [x20]
	ldaddh w12, w3, [x20]
	staddl x12, [x19]
	ldr x4, [x19]
	ldr x5, [x20]
