// Kernel-style context switch fragment with macros (`autov asmgen --expand-macros`).
#include <asm/kvm_asm.h>   // cpp lines are comments here
	.macro save_callee_saved_regs ctxt
	stp	x19, x20, [\ctxt, #0]
	stp	x21, x22, [\ctxt, #16]
	stp	x23, x24, [\ctxt, #32]
	stp	x25, x26, [\ctxt, #48]
	stp	x27, x28, [\ctxt, #64]
	stp	x29, lr, [\ctxt, #80]
	.endm

	.macro restore_callee_saved_regs ctxt
	ldp	x19, x20, [\ctxt, #0]
	ldp	x21, x22, [\ctxt, #16]
	ldp	x23, x24, [\ctxt, #32]
	ldp	x25, x26, [\ctxt, #48]
	ldp	x27, x28, [\ctxt, #64]
	ldp	x29, lr, [\ctxt, #80]
	.endm

	.equ	CTXT_SYS_REGS, 96

	.text
	.global __switch_stage2
	.type __switch_stage2, %function
__switch_stage2:
	save_callee_saved_regs x1
	.irp	n, 2, 3
	mrs	x\n, tpidr_el2
	.endr
	str	x2, [x1, #CTXT_SYS_REGS]
	msr	vttbr_el2, x0
	isb
	tlbi	vmalls12e1is
	dsb	ish
	restore_callee_saved_regs x1
	ret
	.size __switch_stage2, .-__switch_stage2
