// asmgen differential snippet: tbz tbnz
	mov x0, #0
	tbz x7, #4, 1f
	add x0, x0, #1
1:	tbnz x5, #63, 2f
	add x0, x0, #2
2:	tbz w14, #0, 3f
	add x0, x0, #4
3:	tbnz x7, #0, 4f
	add x0, x0, #8
4:	nop
