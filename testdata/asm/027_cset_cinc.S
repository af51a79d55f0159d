// asmgen differential snippet: cset cinc
	cmp x12, x13
	cset w0, hi
	csetm x1, lo
	cinc x2, x11, ge
	cinv x3, x11, lt
	cneg x4, x12, gt
	cset x5, mi
	cset x6, pl
