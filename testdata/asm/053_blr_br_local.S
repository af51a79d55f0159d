// asmgen differential snippet: blr br local
	mov x0, #0
	adr x1, 1f
	blr x1
	add x0, x0, #3
	adr x2, 2f
	br x2
	mov x0, #99
1:	add x0, x0, #10
	ret
2:	nop
