//! events: [EvDc "civac" 65536; EvIc "ialluis" None; EvIc "ivau" (Some 1); EvDc "cvau" 2; EvBarrier DSB SY]
	dc civac, x19
	ic ialluis
	ic ivau, x1
	dc cvau, x2
	dsb sy
