// asmgen differential snippet: adr diff
	adr x0, 1f
	adr x1, 2f
	sub x2, x1, x0
	adr x3, .
	nop
1:	nop
2:	sub x0, x0, x3
	mov x1, #0
	mov x3, #0
