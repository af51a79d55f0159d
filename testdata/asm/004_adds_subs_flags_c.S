// asmgen differential snippet: adds subs flags c
	adds x0, x4, #1
	mrs x1, nzcv
	subs x2, x0, #1
	mrs x3, nzcv
	adds x5, x6, #1
	mrs x10, nzcv
