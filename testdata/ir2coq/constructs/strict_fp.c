// Strict floating point (-ffp-exception-behavior=strict): llvm.experimental.constrained.* calls
// with metadata string operands (rounding mode, exception behaviour).
double strict_add(double a, double b) { return a + b; }
int strict_cvt(double a) { return (int)a; }
int strict_cmp(double a, double b) { return a < b; }
