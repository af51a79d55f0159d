//! events: [EvAt "s1e1r" 2; EvAt "s12e1w" 3]
//! x0 = 4098
//! x1 = 4099
	at s1e1r, x2
	mrs x0, par_el1
	at s12e1w, x3
	mrs x1, par_el1
