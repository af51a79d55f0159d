//! events: [EvExc HVC 16384; EvExc SMC 0; EvExc SVC 1]
//! x0 = 7
	hvc #0x4000
	smc #0
	svc #1
	mov x0, #7
