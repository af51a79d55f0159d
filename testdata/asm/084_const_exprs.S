// asmgen differential snippet: constant expressions as GNU as evaluates them (precedence
// `* / % << >>` over `| & ^ !` over `+ -` over comparisons over `&&` over `||`; comparisons give
// -1; `>>` is logical; 64-bit wrap-around)
	mov x0, #(1 + 2 << 3)
	mov x1, #(4 - 1 & 2)
	mov x2, #(8 >> 1 + 1)
	mov x3, #(1 ^ 3 & 2)
	mov x4, #((2 < 3) + 5)
	mov x5, #(1 == 1)
	mov x6, #(-1 >> 1)
	mov x7, #(-7 / 2)
	mov x8, #(-7 % 2)
	mov x9, #(0xffffffffffffffff + 2)
	mov x10, #(1 ! 2)
	mov x11, #(!0 + !5)
	mov x12, #(2 && 3 || 0)
	add x13, x13, #(1 << 12) - 1
	add x14, x14, #0xffffffffffffffff
	ldr x15, [x19, #(4 + 4 << 1)]
	mov x16, #(1 < < 2)
	mov w17, #(3 << 30 | 3 >> 1)
	movz x18, #(0x12 << 4), lsl #(1 << 4)
	mov x21, #+(6 * 7)
	mov x22, #(~0 >= -1)
	mov x23, #(5 <> 5)
