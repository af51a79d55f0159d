// asmgen differential snippet: branch b
	mov x0, #1
	b 1f
	mov x0, #2
1:	add x0, x0, #10
	b .Lskip
	mov x0, #3
.Lskip:
	add x0, x0, #100
