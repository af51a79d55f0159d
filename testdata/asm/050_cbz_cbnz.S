// asmgen differential snippet: cbz cbnz
	mov x0, #0
	cbz x2, 1f
	add x0, x0, #1
1:	cbnz x2, 2f
	add x0, x0, #2
2:	cbz wzr, 3f
	add x0, x0, #4
3:	cbnz w28, 4f
	add x0, x0, #8
4:	cbz x4, 5f
	add x0, x0, #16
5:	nop
