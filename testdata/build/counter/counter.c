/* A four-layer golden case for `autov build` (testdata/build/README.md has the clang command).
 * Bottom: memory of `slots` and the trusted `log_event`. Slots: get/set. Sum: counted loops.
 * Top: `bump`, `note` and entry points over the loops, with hand-written specs over the same state. */
unsigned long slots[16];
extern void log_event(unsigned long i);

unsigned long get_slot(unsigned long i) { return slots[i & 15]; }
void set_slot(unsigned long i, unsigned long v) { slots[i & 15] = v; }

/* counted loop against a constant: the bound is inferred */
unsigned long sum_slots(void) {
  unsigned long s = 0;
  for (unsigned long i = 0; i < 16; i++)
    s += get_slot(i);
  return s;
}

/* counted loop against an argument: the bound is given by the configuration */
void clear_upto(unsigned long n) {
  for (unsigned long i = 0; i < n; i++)
    set_slot(i, 0);
}

/* counted loop against an argument, no configured bound: inferred from the argument */
void fill_upto(unsigned long n, unsigned long v) {
  for (unsigned long i = 0; i < n; i++)
    set_slot(i, v);
}

/* a call chain across layers: get_slot and set_slot (Slots, passed through Sum), log_event (Bottom) */
unsigned long bump(unsigned long i) {
  unsigned long v = get_slot(i);
  set_slot(i, v + 1);
  log_event(i);
  return v;
}

/* a hand-written spec (proof.v) over the same state: the RefProof is generated */
unsigned long note(unsigned long i) {
  log_event(i);
  return i + 1;
}

/* entry points over the Sum loops: hand-written specs (proof.v), so the top theorem observes the
   loops' code (their RefProofs use the loop lemmas of proofs.v) */
unsigned long total(void) { return sum_slots(); }
void reset(unsigned long n) { clear_upto(n); }
void fill(unsigned long n, unsigned long v) { fill_upto(n, v); }
