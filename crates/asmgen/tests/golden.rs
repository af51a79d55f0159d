//! Golden output of the Coq printer (`BLESS=1 cargo test -p asmgen --test golden` refreshes it), and
//! the golden file compiles with coqc (refinement theorems included).

use std::path::Path;
use std::process::Command;

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

    if Command::new("coqc").arg("--version").output().is_err() {
        return;
    }
    let root = dir.join("../../..");
    let work = std::env::temp_dir().join(format!("asmgen-golden-{stem}-{}", std::process::id()));
    let lib = work.join("lib/AArch64");
    std::fs::create_dir_all(&lib).expect("dir");
    for f in ["AsmSyntax", "AsmSemantics"] {
        let dst = lib.join(format!("{f}.v"));
        std::fs::copy(root.join("coq-lib/AArch64").join(format!("{f}.v")), &dst).expect("copy");
        let o = Command::new("coqc")
            .arg("-R")
            .arg(work.join("lib"))
            .arg("AutoV")
            .arg(&dst)
            .output()
            .expect("coqc");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let v = work.join("Example.v");
    std::fs::write(&v, &text).expect("write");
    let o = Command::new("coqc")
        .arg("-R")
        .arg(work.join("lib"))
        .arg("AutoV")
        .arg(&v)
        .output()
        .expect("coqc");
    let _ = std::fs::remove_dir_all(&work);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}
