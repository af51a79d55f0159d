// asmgen differential snippet: mvn mov reg
	mvn x0, x7
	mvn w1, w14
	mvn x2, x8, lsl #4
	mov x3, x7
	mov w4, w8
	mov x5, sp
	mov x6, xzr
