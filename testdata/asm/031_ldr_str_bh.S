// asmgen differential snippet: ldr str bh
	ldrb w0, [x19, #3]
	ldrh w1, [x19, #6]
	strb w14, [x19, #40]
	strh w14, [x19, #42]
	ldrb w2, [x19, #40]
	ldrh w3, [x19, #42]
	ldrb w4, [x19, #255]
