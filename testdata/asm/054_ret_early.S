// asmgen differential snippet: ret early
	mov x0, #7
	cmp x0, #7
	b.ne 1f
	ret
1:	mov x0, #9
