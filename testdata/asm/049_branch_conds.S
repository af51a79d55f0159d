// asmgen differential snippet: branch conds
	mov x0, #0
	cmp x12, x13
	b.lt 1f
	orr x0, x0, #1
1:	b.ge 2f
	orr x0, x0, #2
2:	b.hi 3f
	orr x0, x0, #4
3:	b.ls 4f
	orr x0, x0, #8
4:	b.mi 5f
	orr x0, x0, #16
5:	b.vc 6f
	orr x0, x0, #32
6:	nop
