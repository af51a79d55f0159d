//! events: [EvPState DAIFSET 15; EvPState DAIFCLR 2; EvPState PAN 1]
//! x0 = 832
	msr daifset, #0xf
	msr daifclr, #2
	mrs x0, daif
	msr pan, #1
