// asmgen differential snippet: movi (struct zeroing in compiler output) stored through q/d registers
	movi v0.2d, #0000000000000000
	str q0, [x19, #16]
	movi v1.2d, #0xff00ff0000ffff00
	str q1, [x19, #48]
	movi d2, #0xffffffff00000000
	str q2, [x19, #80]
	movi v3.16b, #0x5a
	str q3, [x20]
	movi v4.8b, #0x81
	str q4, [x20, #32]
	stp q0, q0, [x20, #64]
