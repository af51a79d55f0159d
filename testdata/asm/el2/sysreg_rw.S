//! events: [EvSysWrite (SR 3 4 1 1 0) 1; EvSysWrite (SR 3 4 2 1 0) 2; EvSysWrite (SR 3 4 1 1 0) 5]
//! x0 = 1
//! x3 = 2
//! x4 = 5
	msr hcr_el2, x1
	mrs x0, hcr_el2
	msr vttbr_el2, x2
	mrs x3, vttbr_el2
	msr s3_4_c1_c1_0, x5
	mrs x4, hcr_el2
	ret
