//! Golden outputs (`testdata/ir2coq/golden/*.ll` → `*.expected`, all emitted files concatenated);
//! `BLESS=1 cargo test -p ir2coq --test golden` refreshes them. Also: bad input yields located
//! errors, the other functions still convert, no panic; output is deterministic.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/ir2coq")
}

fn render(out: &ir2coq::ModuleOutput) -> String {
    let mut s = String::new();
    for (p, c) in &out.files {
        s.push_str(&format!("==== {p}\n{c}"));
    }
    s
}

fn convert(path: &Path) -> ir2coq::ModuleOutput {
    let m = ir2json::read_module(path).expect("test IR reads");
    ir2coq::convert_module(
        &m,
        &ir2coq::Options {
            prefix: "G".into(),
            source: path.file_name().unwrap().to_string_lossy().into_owned(),
        },
    )
}

#[test]
fn golden_outputs() {
    let dir = root().join("golden");
    let mut ll: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ll"))
        .collect();
    ll.sort();
    assert!(ll.len() >= 5);
    let bless = std::env::var_os("BLESS").is_some();
    let mut bad = Vec::new();
    for p in ll {
        let out = convert(&p);
        assert_eq!(out.failed().count(), 0, "{}", p.display());
        let text = render(&out);
        assert_eq!(text, render(&convert(&p)), "nondeterministic output");
        let exp = p.with_extension("expected");
        if bless {
            std::fs::write(&exp, &text).unwrap();
        } else if std::fs::read_to_string(&exp).ok().as_deref() != Some(text.as_str()) {
            bad.push(exp.display().to_string());
        }
    }
    assert!(
        bad.is_empty(),
        "golden mismatch (BLESS=1 to refresh): {bad:?}"
    );
}

#[test]
fn unsupported_constructs_are_located_errors() {
    let out = convert(&root().join("bad/exceptions.ll"));
    let ok: Vec<&str> = out
        .functions
        .iter()
        .filter(|f| f.result.is_ok())
        .map(|f| f.name.as_str())
        .collect();
    assert!(ok.contains(&"_Z2oki"), "{ok:?}");
    let errs: Vec<&ir2coq::ConvError> = out.failed().collect();
    assert_eq!(errs.len(), 1);
    let e = errs[0];
    assert_eq!(e.function, "_Z7catchesi");
    assert_eq!(e.code, "E-I2C001");
    let loc = e.loc.as_ref().expect("debug location");
    assert!(
        loc.file.ends_with("exceptions.cpp") && loc.line >= 4,
        "{loc:?}"
    );
    let msg = e.to_string();
    assert!(
        msg.contains("_Z7catchesi") && msg.contains("exceptions.cpp:"),
        "{msg}"
    );
    // The function table does not list the failed function.
    let code = &out.files.iter().find(|(p, _)| p == "Code.v").unwrap().1;
    assert!(code.contains("g__Z2oki") && !code.contains("F__Z7catchesi"));
}
