// asmgen differential snippet: hints
	nop
	yield
	sev
	sevl
	wfe
	add x0, x7, #2
