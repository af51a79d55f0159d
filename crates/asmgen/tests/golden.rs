//! Golden output of the Coq printer (`BLESS=1 cargo test -p asmgen --test golden` refreshes it), and
//! the golden file compiles with coqc (refinement theorems included).

mod common;

use std::path::Path;

#[test]
fn golden_example() {
    golden("example", false);
}

#[test]
fn golden_kernel_macros() {
    golden("ctxt_macros", true);
}

fn golden(stem: &str, expand: bool) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/asm/golden");
    let mut src = std::fs::read_to_string(dir.join(format!("{stem}.S"))).expect("read");
    if expand {
        src = asmgen::inline::expand_macros_in_file(&src).expect("expand");
    }
    let (prog, text) = asmgen::asm_to_coq(&src, &format!("{stem}.S")).expect("parse");
    assert!(prog.warnings.is_empty(), "{:?}", prog.warnings);
    let golden = dir.join(format!("{stem}.v"));
    if std::env::var("BLESS").is_ok() {
        std::fs::write(&golden, &text).expect("bless");
    }
    let want = std::fs::read_to_string(&golden).expect("golden file (run with BLESS=1)");
    assert_eq!(
        text,
        want,
        "output differs from {} (BLESS=1 to accept)",
        golden.display()
    );

    if common::coq_wanted() {
        common::AsmCoqLib::new(&format!("golden-{stem}"), &["AsmSyntax", "AsmSemantics"])
            .check("Example.v", &text);
    }
}
