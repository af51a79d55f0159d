//! events: [EvExclusive 65536 8; EvExclusive 65792 4; EvClrex]
//! x1 = 1
//! x3 = 1
	ldxr x0, [x19]
	ldaxr w2, [x20]
	stxr w1, x0, [x19]
	clrex
	stxr w3, w0, [x20]
