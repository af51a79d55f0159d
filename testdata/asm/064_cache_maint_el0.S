// asmgen differential snippet: cache maint el0
	dc civac, x19
	dc cvac, x20
	dc cvau, x19
	ic ivau, x19
	dsb ish
	isb
	ldr x0, [x19]
