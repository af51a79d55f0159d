/* Golden case `inlined` of autov build: a synthesised spec that inlines a hand-written spec whose
   precondition names a constant. The trusted bottom keeps a level (`get_level`, `set_level`);
   `swap_level` (layer Mid, a hand-written spec) replaces it and returns the old one; `swap2`
   (layer Top, synthesised) swaps twice. */
extern unsigned long get_level(void);
extern void set_level(unsigned long v);

unsigned long swap_level(unsigned long d)
{
	unsigned long l = get_level();
	set_level(d);
	return l;
}

unsigned long swap2(void)
{
	swap_level(1);
	return swap_level(2);
}
