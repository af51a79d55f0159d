// Intrinsics with metadata operands or only marker meaning that clang-14 emits for kernel and
// library C: llvm.var.annotation, llvm.ptr.annotation, llvm.annotation, llvm.assume with an
// operand bundle, llvm.objectsize, llvm.experimental.noalias.scope.decl (restrict + inlining),
// llvm.dbg.label (-g),
// llvm.expect, llvm.is.constant.
struct dev { int __attribute__((annotate("field"))) flags; };

int annotated(int x) {
  int __attribute__((annotate("local"))) y = x * 2;
  return y;
}

int field(struct dev *d) { return d->flags; }

int aligned(int *p) {
  int *q = __builtin_assume_aligned(p, 16);
  return q[0];
}

unsigned long objsize(char *p) { return __builtin_object_size(p, 0) + __builtin_dynamic_object_size(p, 1); }

static inline void copy(int *restrict a, const int *restrict b) { *a = *b; }
void inlined(int *a, const int *b) { copy(a, b); copy(a + 1, b + 1); }

int with_label(int x) {
  if (x) goto out;
  x = 3;
out:
  return x;
}

int expect(int x) { return __builtin_expect(x > 3, 1) ? 1 : __builtin_constant_p(x); }

