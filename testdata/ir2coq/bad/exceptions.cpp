// One function that converts and one that uses C++ exceptions (invoke/landingpad: no mapping).
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
