// asmgen differential snippet: rev
	rev x0, x7
	rev w1, w14
	rev16 x2, x7
	rev16 w3, w14
	rev32 x4, x7
