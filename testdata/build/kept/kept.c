/* Golden case `kept` of autov build: a synthesised spec that keeps a call of a lower generated
   spec (`Hint NoUnfold bump_spec`). The trusted bottom keeps a level (`get_level`, `set_level`);
   `bump` (layer Mid, synthesised) adds to it and returns the old one; `bump2` (layer Top,
   synthesised) bumps twice. */
extern unsigned long get_level(void);
extern void set_level(unsigned long v);

unsigned long bump(unsigned long d)
{
	unsigned long l = get_level();
	set_level(l + d);
	return l;
}

unsigned long bump2(void)
{
	bump(1);
	return bump(2);
}
