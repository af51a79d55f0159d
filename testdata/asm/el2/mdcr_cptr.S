//! events: [EvSysWrite (SR 3 4 1 1 1) 6; EvSysWrite (SR 3 4 1 1 2) 7; EvSysWrite (SR 3 4 2 1 2) 8; EvSysWrite (SR 3 5 1 0 0) 9]
//! x10 = 7
	msr mdcr_el2, x6
	msr cptr_el2, x7
	msr vtcr_el2, x8
	msr sctlr_el12, x9
	mrs x10, cptr_el2
