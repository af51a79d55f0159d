//! Golden output of the Coq printer (`BLESS=1 cargo test -p asmgen --test golden` refreshes it), and
//! the golden file compiles with coqc (refinement theorems included).

#[test]
fn golden_example() {
    golden("example", false);
}

#[test]
fn golden_kernel_macros() {
    golden("ctxt_macros", true);
}

fn golden(stem: &str, expand: bool) {
    let dir = testkit::root().join("testdata/asm/golden");
    let mut src = std::fs::read_to_string(dir.join(format!("{stem}.S"))).expect("read");
    if expand {
        src = asmgen::inline::expand_macros_in_file(&src).expect("expand");
    }
    let (prog, text) = asmgen::asm_to_coq(&src, &format!("{stem}.S")).expect("parse");
    assert!(prog.warnings.is_empty(), "{:?}", prog.warnings);
    testkit::bless::assert_golden(
        &dir.join(format!("{stem}.v")),
        &text,
        testkit::bless_command!(),
    );

    if testkit::tools::wanted(&["coqc"]) {
        testkit::coq::PrivateLib::new(
            &format!("golden-{stem}"),
            "AArch64",
            &["AsmSyntax", "AsmSemantics"],
        )
        .check("Example.v", &text);
    }
}
