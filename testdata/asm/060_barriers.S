// asmgen differential snippet: barriers
	dsb sy
	dsb ish
	dsb ishst
	dmb ish
	dmb ishld
	dmb oshst
	isb
	dsb st
	dsb ld
	add x0, x7, #1
