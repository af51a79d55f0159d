// asmgen differential snippet: tpidr el0
	msr tpidr_el0, x7
	mrs x0, tpidr_el0
	add x1, x0, #1
