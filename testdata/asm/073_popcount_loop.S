// asmgen differential snippet: popcount loop
	mov x0, #0
	mov x1, x7
1:	cbz x1, 2f
	and x2, x1, #1
	add x0, x0, x2
	lsr x1, x1, #1
	b 1b
2:	nop
