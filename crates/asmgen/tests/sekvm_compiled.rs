//! Real compiler output: ../shared/sekvm/SeKVM.ll compiled by clang-14 for aarch64 (-O1 -S); every
//! procedure parses and the Coq model of the whole file (with its refinement theorems) compiles.

use std::process::Command;

#[test]
fn sekvm_compiled_by_clang_converts() {
    let ll = testkit::shared().join("sekvm/SeKVM.ll");
    assert!(
        ll.exists(),
        "{} is missing (set AUTOV_SHARED)",
        ll.display()
    );
    if !testkit::tools::wanted(&["clang-14", "coqc"]) {
        return;
    }
    let work = std::env::temp_dir().join(format!("asmgen-sekvm-{}", std::process::id()));
    std::fs::create_dir_all(&work).expect("dir");
    let s = work.join("SeKVM.s");
    testkit::tools::run(
        Command::new("clang-14")
            .args(["--target=aarch64-linux-gnu", "-O1", "-S", "-o"])
            .arg(&s)
            .arg(&ll),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let src = std::fs::read_to_string(&s).expect("read .s");
    let (prog, errors) = asmgen::parse_program_all(&src, "SeKVM").expect("lex");
    let msgs: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{}", msgs.join("\n"));
    let n: usize = prog.procedures.iter().map(|p| p.body.len()).sum();
    eprintln!(
        "SeKVM.s: {} procedures, {n} instructions",
        prog.procedures.len()
    );
    assert!(prog.procedures.len() >= 340);
    testkit::coq::PrivateLib::new("sekvm-lib", "AArch64", &["AsmSyntax", "AsmSemantics"]).check(
        "SeKVM.v",
        &asmgen::emit::program_file(&prog, "SeKVM.s").render(),
    );
    let _ = std::fs::remove_dir_all(&work);
}
