// Named-register intrinsics (llvm.read_register / llvm.write_register with a metadata register
// name), as kernel code emits them: the stack pointer through a global register variable, a
// per-CPU system register through __builtin_arm_rsr64/wsr64.
register unsigned long current_stack_pointer __asm__("sp");

unsigned long sp_now(void) { return current_stack_pointer; }

unsigned long read_tpidr(void) { return __builtin_arm_rsr64("tpidr_el2"); }

void write_tpidr(unsigned long v) { __builtin_arm_wsr64("tpidr_el2", v); }

unsigned long plain(unsigned long a) { return a * 3 + 1; }
