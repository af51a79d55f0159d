//! events: [EvSysWrite (SR 3 4 4 0 1) 1; EvSysWrite (SR 3 4 4 0 0) 5; EvEret]
//! x0 = 0
	msr elr_el2, x1
	msr spsr_el2, x5
	eret
	mov x0, #9
