// asmgen differential snippet: FP/SIMD register loads and stores (struct copies in compiler output)
	ldr q0, [x19]
	str q0, [x19, #128]
	ldr d1, [x19, #24]
	str d1, [x20, #8]
	ldr s2, [x19, #4]
	str s2, [x20, #20]
	ldr h3, [x19, #2]
	str h3, [x20, #30]
	ldr b4, [x19, #7]
	str b4, [x20, #33]
	ldp q5, q6, [x19, #32]
	stp q6, q5, [x20, #64]
	ldp d7, d8, [x19], #0
	stp d8, d7, [x20, #112]!
	ldur q9, [x19, #3]
	stur q9, [x20, #-3]
	mov x0, #2
	ldr q10, [x19, x0, lsl #4]
	str q10, [x19, #224]
	ldp s11, s12, [x19, #40]
	stp s12, s11, [x19, #240]
