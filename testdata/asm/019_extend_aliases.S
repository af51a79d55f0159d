// asmgen differential snippet: extend aliases
	uxtb w0, w14
	uxth w1, w14
	sxtb x2, w14
	sxth x3, w14
	sxtw x4, w14
	sxtb w5, w23
	sxth w6, w24
