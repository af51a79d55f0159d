// Golden input for `autov asmgen`: a straight-line leaf, a loop with local labels, a system helper.
	.text
	.global add_shift
	.type add_shift, %function
add_shift:
	add x0, x0, x1, lsl #3
	sub w2, w2, #10
	cmp x0, #0x10
	csel x0, x0, x2, hi
	ret
	.size add_shift, .-add_shift

	.global count_down
	.type count_down, %function
count_down:
	mov x1, #0
1:	cbz x0, 2f
	add x1, x1, x0
	sub x0, x0, #1
	b 1b
2:	mov x0, x1
	ret

	.global flush_guest_tlb
	.type flush_guest_tlb, %function
flush_guest_tlb:
	msr vttbr_el2, x0
	isb
	tlbi vmalls12e1is
	dsb ish
	isb
	ret
