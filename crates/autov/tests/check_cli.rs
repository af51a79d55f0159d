//! `autov test-conversion --check` end to end on small modules, with the check files made small
//! (`--check-chunk-bytes`) so that every grouping is used: small modules bundled into one coqc
//! run, a big module split into check files that require its compiled `Types.v`/`Globals.v`, and
//! modules checked alone. With faults injected (`--check-fault-in`), each failure must still be
//! attributed to exactly the function that has it, and every other function compiled. Needs coqc
//! and a built coq-lib.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The inputs: four golden modules and `all_instructions.ll` without the one function that does
/// not convert (so that the run's verdict is the check's).
fn inputs(name: &str) -> testkit::Scratch {
    let d = testkit::Scratch::new("autov-check", name);
    let input = d.join("in");
    std::fs::create_dir_all(&input).unwrap();
    for m in ["fnptr", "phi_rotate", "switch_fall", "struct_access"] {
        let f = format!("{m}.ll");
        std::fs::copy(
            repo().join("testdata/ir2coq/golden").join(&f),
            input.join(&f),
        )
        .unwrap();
    }
    let all = std::fs::read_to_string(repo().join("testdata/ir2json/all_instructions.ll")).unwrap();
    let start = all
        .find("define void @eh_funclets")
        .expect("eh_funclets in the input");
    let end = start + all[start..].find("\n}\n").expect("its end") + 3;
    std::fs::write(
        input.join("all_instructions.ll"),
        format!("{}{}", &all[..start], &all[end..]),
    )
    .unwrap();
    d
}

/// Runs the check; returns (success, stdout).
fn check(d: &Path, extra: &[&str]) -> (bool, String) {
    let coqlib = testkit::coq::require_built();
    let out = Command::new(env!("CARGO_BIN_EXE_autov"))
        .env("RUST_BACKTRACE", "0")
        .arg("test-conversion")
        .arg(d.join("in"))
        .arg("--out")
        .arg(d.join("out"))
        .arg("--coqlib")
        .arg(&coqlib)
        .args(["--check", "--check-chunk-bytes", "5000"])
        .args(extra)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// Emitted files (what the check counts), over all modules.
fn emitted(d: &Path) -> usize {
    let mut n = 0;
    for m in std::fs::read_dir(d.join("out/in")).unwrap() {
        for f in std::fs::read_dir(m.unwrap().path()).unwrap() {
            let name = f.unwrap().file_name().to_string_lossy().into_owned();
            if name.ends_with(".v") && !name.starts_with("Check") {
                n += 1;
            }
        }
    }
    n
}

#[test]
fn grouped_check_compiles_everything_and_attributes_each_fault() {
    testkit::tools::require(&["coqc"], "the grouped check tests");
    let d = inputs("ok");
    let (ok, stdout) = check(&d, &[]);
    assert!(ok, "{stdout}");
    let files = emitted(&d);
    assert!(
        stdout.contains(&format!("check: compiled {files} files, failed 0")),
        "{stdout}"
    );
    let out = d.join("out/in");
    // phi_rotate and switch_fall (each under 5000 bytes, together too) share a bundle;
    // all_instructions is split, its Globals.v compiled once; struct_access is checked alone.
    assert!(out.join("phi_rotate/Check_bundle.v").exists());
    assert!(!out.join("switch_fall/Check_bundle.v").exists());
    assert!(out.join("all_instructions/Check_1.v").exists());
    assert!(out.join("all_instructions/Globals.vo").exists());
    assert!(out.join("struct_access/Check_0.v").exists());

    // Faults: `f` in four modules (a bundle, which is then checked module by module, and modules
    // checked alone), `leaf` in one check file of the split module.
    let d = inputs("fault");
    let (ok, stdout) = check(&d, &["--check-fault-in", "f,leaf"]);
    assert!(!ok, "{stdout}");
    let mut failed: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("  coqc failed "))
        .map(|l| l.split(':').next().unwrap())
        .collect();
    failed.sort();
    assert_eq!(
        failed,
        [
            "all_instructions.ll/F_leaf.v",
            "fnptr.ll/F_f.v",
            "phi_rotate.ll/F_f.v",
            "struct_access.ll/F_f.v",
            "switch_fall.ll/F_f.v"
        ],
        "{stdout}"
    );
    // Everything else compiles, but the function table (`Code.v`) of a module with a failed
    // function, which is not checked.
    assert!(
        stdout.contains(&format!(
            "check: compiled {} files, failed 5",
            emitted(&d) - 5 - 5
        )),
        "{stdout}"
    );
}
