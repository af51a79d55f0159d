/* Golden case `sysreg` of autov build: system-register wrappers written with inline asm, as a
 * hypervisor's EL2 code has them, and code above them. */

unsigned long read_esr(void)
{
	unsigned long v;
	asm volatile("mrs %0, esr_el2" : "=r"(v));
	return v;
}

void write_hcr(unsigned long v)
{
	asm volatile("msr hcr_el2, %x0" : : "rZ"(v));
}

/* two instructions: the old value is read, the new one written */
unsigned long swap_tpidr(unsigned long v)
{
	unsigned long old;
	asm volatile("mrs %0, tpidr_el2\n\tmsr tpidr_el2, %1" : "=&r"(old) : "r"(v));
	return old;
}

/* TLB maintenance for one IPA of the current VM: each barrier and the TLBI go to the bottom's
 * maintenance handler (LAYER_ASM_MAINT), in order */
void flush_ipa(unsigned long ipa)
{
	asm volatile("dsb ishst\n\ttlbi ipas2e1is, %0\n\tdsb ish\n\tisb" : : "r"(ipa) : "memory");
}

/* a barrier: without a maintenance handler, an effect the register view does not carry
 * (err/asm_barrier.v) */
void sync_context(void)
{
	asm volatile("isb" : : : "memory");
}

/* above the wrappers: the exception class field of ESR_EL2 */
unsigned int exception_class(void)
{
	return (unsigned int)(read_esr() >> 26) & 0x3f;
}

/* set HCR_EL2 from the old TPIDR_EL2, which gets x */
void hcr_from_tpidr(unsigned long x)
{
	write_hcr(swap_tpidr(x) | 1);
}
