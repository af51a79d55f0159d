// asmgen differential snippet: dc zva
	add x0, x19, #64
	dc zva, x0
	add x1, x19, #200
	dc zva, x1
	ldr x2, [x19, #64]
