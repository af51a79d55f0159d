//! events: [EvTlbi "vmalls12e1is" None; EvBarrier DSB ISH; EvTlbi "ipas2e1is" (Some 1); EvTlbi "vae2is" (Some 2); EvTlbi "alle2" None; EvBarrier DSB ISH; EvBarrier ISB SY]
	tlbi vmalls12e1is
	dsb ish
	tlbi ipas2e1is, x1
	tlbi vae2is, x2
	tlbi alle2
	dsb ish
	isb
