fn main() {
    afl::fuzz!(|data: &[u8]| fuzzing::harness::config(data));
}
