// asmgen differential snippet: mul madd
	mul x0, x7, x11
	mul w1, w14, w12
	madd x2, x11, x12, x7
	msub x3, x11, x12, x7
	mneg x4, x11, x13
	madd w5, w9, w9, w12
