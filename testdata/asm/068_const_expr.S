// asmgen differential snippet: const expr
	mov x0, #(1 << 12)
	add x1, x7, #(3 * 4 + 1)
	mov x2, #((3) << 19 | (4) << 16)
	and x3, x7, #~0xff
