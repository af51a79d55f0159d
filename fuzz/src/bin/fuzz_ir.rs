fn main() {
    afl::fuzz!(|data: &[u8]| autov_fuzz::ir(data));
}
