// One function that converts and one that uses Windows C++ exceptions (catchswitch/catchpad: no
// mapping). Built with clang++-14 --target=x86_64-pc-windows-msvc -O1 -g -S -emit-llvm.
int ok(int x) { return x * 2 + 1; }
void may_throw(int);
int catches(int x) {
  try {
    may_throw(x);
  } catch (...) {
    return -1;
  }
  return x;
}
