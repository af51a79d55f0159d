// asmgen differential snippet: wreg zero extend
	add w0, w4, #1
	mov w1, w4
	orr w2, w5, w6
	sub w3, w0, #1
	sub w4, wzr, w9
	lsl w10, w4, #0
	ldr w11, [x19, #60]
