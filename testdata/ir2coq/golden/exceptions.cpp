// C++ exceptions: invoke, landingpad (catch and cleanup), resume.
struct Guard {
  int *p;
  ~Guard();
};
void may_throw(int);
int catches(int x) {
  try {
    may_throw(x);
  } catch (int e) {
    return e;
  } catch (...) {
    return -1;
  }
  return x;
}
int cleanup(int *p, int x) {
  Guard g{p};
  may_throw(x);
  return x + 1;
}
