// asmgen differential snippet: adrp page
	adrp x0, 1f
	adr x1, 1f
	and x1, x1, #~0xfff
	sub x2, x1, x0
	mov x0, #0
	mov x1, #0
1:	nop
