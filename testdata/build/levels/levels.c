/* Golden case `levels` (see proof.v): a table index whose shift depends on the level, and a
   switch over the level that calls it. */
unsigned int pt_index(unsigned long addr, unsigned int level) {
  return (unsigned int)(addr >> (39 - 9 * level)) & 511;
}

unsigned int index_mix(unsigned long addr, unsigned int level) {
  unsigned int i = pt_index(addr, level);
  switch (level) {
  case 0:
    return i + 1;
  case 1:
    return i * 2;
  case 2:
    return i ^ 7;
  default:
    return 0;
  }
}
