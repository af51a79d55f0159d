// asm goto (callbr) with one and two indirect labels, and a function without asm goto.
int one_label(int x) {
  asm goto("cbz %w0, %l[zero]" : : "r"(x) : : zero);
  return x + 1;
zero:
  return -1;
}

int two_labels(int x) {
  asm goto("cbz %w0, %l[a]\n\tcbnz %w0, %l[b]" : : "r"(x) : "cc" : a, b);
  return 0;
a:
  return 1;
b:
  return 2;
}


static int key;
int static_branch(void) {
  asm goto("1: nop\n\t.pushsection __jump_table, \"aw\"\n\t.quad 1b, %l[yes], %c0\n\t.popsection"
           : : "i"(&key) : : yes);
  return 0;
yes:
  return 1;
}

int plain(int a) { return a ^ 5; }
