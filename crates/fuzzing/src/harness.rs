//! The fuzz harnesses: one function per front end, called by the AFL++ binaries (`fuzz/src/bin`),
//! by `fuzz/src/bin/replay.rs` and by the mutation fuzzer of this crate. A harness returns
//! normally for any input the front end accepts or rejects with a diagnostic; a crash is a panic
//! that escapes, an abort, or (for LLVM IR) an `E-IR008` internal conversion failure, which is a
//! reader panic turned into an error.

use std::path::Path;

/// LLVM IR text: read it (ir2json), serialise it, and convert it (ir2coq) when it reads.
pub fn ir(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match ir2json::read_module_str(text, "fuzz.ll") {
        Ok(m) => {
            let _ = ir2json::to_json(&m);
            let out = ir2coq::convert_module(
                &m,
                &ir2coq::Options {
                    prefix: "M_fuzz".into(),
                    source: "fuzz.ll".into(),
                },
            );
            for e in out.failed().chain(&out.global_errors) {
                let _ = e.diagnostic();
            }
        }
        Err(e) => {
            let d = e.diagnostic();
            assert!(
                e.code() != "E-IR008",
                "internal conversion failure: {e} ({})",
                d.code.as_str()
            );
        }
    }
}

/// The configuration language: load and check a `proof.v` held in memory (includes resolve in a
/// folder that does not exist).
pub fn config(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match config::load_str(Path::new("/nonexistent-autov-fuzz/proof.v"), text) {
        Ok(p) => drop(p),
        Err(e) => drop(e),
    }
}

/// aarch64 assembly: parse and print as Coq.
pub fn asm(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = asmgen::asm_to_coq(text, "fuzz.S");
}
