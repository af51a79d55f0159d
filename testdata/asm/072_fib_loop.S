// asmgen differential snippet: fib loop
	mov x0, #0
	mov x1, #1
	mov x2, #20
1:	add x3, x0, x1
	mov x0, x1
	mov x1, x3
	sub x2, x2, #1
	cbnz x2, 1b
