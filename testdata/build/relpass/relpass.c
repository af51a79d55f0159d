/* Golden case `relpass` of autov build: a primitive passed through a layer whose refinement
   relation is not equality. The trusted bottom keeps a value doubled (`get_raw`) and a tick
   counter (`tick`); `tick2` (layer Ticks, generated) ticks twice; layer Val reads the value back
   (`get_val`) and relates its state to the bottom's; `step` above it calls `tick2` through Val. */
extern unsigned long get_raw(void);
extern void tick(void);

unsigned long get_val(void) { return get_raw() / 2; }

void tick2(void) {
  tick();
  tick();
}

unsigned long step(void) {
  tick2();
  return get_val() + 1;
}
