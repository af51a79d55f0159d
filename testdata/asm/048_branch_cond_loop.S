// asmgen differential snippet: branch cond loop
	mov x0, #0
	mov x1, #10
1:	add x0, x0, x1
	subs x1, x1, #1
	b.ne 1b
	cmp x0, #55
	b.eq 2f
	mov x0, #0
2:	nop
