// asmgen differential snippet: bl ret local
	mov x0, #1
	bl 1f
	add x0, x0, #100
	b 2f
1:	add x0, x0, #5
	mov x1, x30
	ret
2:	nop
