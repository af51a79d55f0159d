// asmgen differential snippet: adds flags w
	adds w0, w9, #1
	mrs x1, nzcv
	adds w2, w22, #1
	mrs x3, nzcv
	subs w4, w10, w22
	mrs x5, nzcv
