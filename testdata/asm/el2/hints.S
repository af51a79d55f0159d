//! events: [EvHint WFI; EvHint WFE; EvHint SEV; EvHint SEVL; EvHint YIELD]
	wfi
	wfe
	sev
	sevl
	yield
	nop
