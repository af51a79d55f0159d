// Scalable vectors (SVE): not modelled. The SVE function must fail with its own coded error and
// the plain function beside it must still convert.
#include <arm_sve.h>

svint32_t add_sve(svint32_t a, svint32_t b) { return svadd_s32_x(svptrue_b32(), a, b); }

long count_sve(void) { return svcntw(); }

int plain(int a) { return a - 1; }
