// asmgen differential snippet: ldr signed
	ldrsb x0, [x19, #2]
	ldrsb w1, [x19, #2]
	ldrsh x2, [x19, #4]
	ldrsh w3, [x19, #12]
	ldrsw x4, [x19, #20]
	strb w23, [x19, #50]
	ldrsb x5, [x19, #50]
