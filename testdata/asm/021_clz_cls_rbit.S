// asmgen differential snippet: clz cls rbit
	clz x0, x11
	clz w1, w10
	clz x2, xzr
	cls x3, x13
	cls w4, w14
	rbit x5, x7
	rbit w6, w14
