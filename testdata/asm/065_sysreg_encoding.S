// asmgen differential snippet: sysreg encoding
	msr s3_3_c13_c0_2, x8
	mrs x0, s3_3_c13_c0_2
	mrs x1, tpidr_el0
