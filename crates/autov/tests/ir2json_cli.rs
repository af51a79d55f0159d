//! `autov ir2json` end to end: single file to stdout, directory mode mirroring the input tree, and
//! failures that do not stop the other files but make the exit status non-zero.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn scratch(name: &str) -> testkit::Scratch {
    testkit::Scratch::new("autov-ir2json", name)
}

fn autov() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_autov"));
    c.env("RUST_BACKTRACE", "0");
    c
}

#[test]
fn single_file_to_stdout_is_the_model_json() {
    let ll = repo().join("testdata/ir2json/all_instructions.ll");
    let out = autov().arg("ir2json").arg(&ll).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let m: ir2json::Module =
        serde_json::from_slice(&out.stdout).expect("stdout is one JSON module");
    assert_eq!(m.schema_version, ir2json::SCHEMA_VERSION);
    assert_eq!(
        m,
        ir2json::read_module(&ll).unwrap(),
        "JSON round-trips to the same model"
    );
}

#[test]
fn directory_mode_mirrors_tree_and_keeps_going() {
    let input = scratch("in");
    let output = scratch("out");
    let good = std::fs::read(repo().join("testdata/ir2json/all_instructions.ll")).unwrap();
    std::fs::create_dir_all(input.join("a/b")).unwrap();
    std::fs::write(input.join("top.ll"), &good).unwrap();
    std::fs::write(input.join("a/b/deep.ll"), &good).unwrap();
    std::fs::write(
        input.join("a/broken.ll"),
        b"define i32 @f() {\n  ret i32 %x\n}\n",
    )
    .unwrap();
    std::fs::write(input.join("a/empty.ll"), b"").unwrap();
    std::fs::write(input.join("a/notes.txt"), b"ignored").unwrap();
    let out = autov()
        .arg("ir2json")
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "must fail when a file fails");
    assert!(
        stderr.contains("E-IR004") && stderr.contains("broken.ll:2:"),
        "{stderr}"
    );
    assert!(
        stderr.contains("E-IR002") && stderr.contains("empty.ll"),
        "{stderr}"
    );
    assert!(stderr.contains("2 of 4 file(s) failed"), "{stderr}");
    for ok in ["top.json", "a/b/deep.json"] {
        let text = std::fs::read_to_string(output.join(ok)).unwrap_or_else(|e| panic!("{ok}: {e}"));
        let m: ir2json::Module = serde_json::from_str(&text).unwrap();
        assert_eq!(m.functions.len(), 14);
    }
    assert!(!output.join("a/broken.json").exists());
}

#[test]
fn unreadable_input_is_an_error() {
    let out = autov()
        .arg("ir2json")
        .arg("/nonexistent/dir/x.ll")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("E-IR001"));
}

#[test]
fn colliding_outputs_are_refused() {
    let d = scratch("collide");
    let good = std::fs::read(repo().join("testdata/ir2json/all_instructions.ll")).unwrap();
    for sub in ["a", "b"] {
        std::fs::create_dir_all(d.join(sub)).unwrap();
        std::fs::write(d.join(sub).join("x.ll"), &good).unwrap();
    }
    let out = autov()
        .arg("ir2json")
        .arg(d.join("a/x.ll"))
        .arg(d.join("b/x.ll"))
        .arg("-o")
        .arg(d.join("out"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("would both be written"));
    assert!(!d.join("out/x.json").exists());
}
