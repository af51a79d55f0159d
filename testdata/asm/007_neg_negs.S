// asmgen differential snippet: neg negs
	neg x0, x11
	neg w1, w12
	negs x2, x5
	mrs x3, nzcv
	neg x4, x7, lsl #4
	negs w6, wzr
	mrs x10, nzcv
