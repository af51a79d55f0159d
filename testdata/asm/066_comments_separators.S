// asmgen differential snippet: comments separators
	/* block comment */ add x0, x7, #1 // trailing
	add x1, x0, #1 ; add x2, x1, #1
	// full-line comment
	add x3, x2, #0x10   /* multi
	   line */ ; add x4, x3, #10
