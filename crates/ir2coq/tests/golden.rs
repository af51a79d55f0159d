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

fn convert_model(m: &ir2json::Module, source: &str) -> ir2coq::ModuleOutput {
    ir2coq::convert_module(
        m,
        &ir2coq::Options {
            prefix: "G".into(),
            source: source.into(),
        },
    )
}

fn convert(path: &Path) -> ir2coq::ModuleOutput {
    let m = ir2json::read_module(path).expect("test IR reads");
    convert_model(&m, &path.file_name().unwrap().to_string_lossy())
}

/// `callbr/callbr.ll` with the asm call ending each block marked `; callbr` turned into a
/// `callbr` terminator (ir2json's reader cannot read `callbr` itself).
fn callbr_model() -> ir2json::Module {
    let path = root().join("callbr/callbr.ll");
    let mut m = ir2json::read_module(&path).expect("callbr base reads");
    for f in &mut m.functions {
        let b = &mut f.blocks[0];
        let i = b.instrs.pop().expect("asm call");
        let ir2json::Op::Call { call } = i.op else {
            panic!("the entry block ends with the asm call")
        };
        let succ: Vec<ir2json::Name> = match &b.term.op {
            ir2json::TermOp::Br { dest } => vec![dest.clone()],
            ir2json::TermOp::CondBr {
                on_true, on_false, ..
            } => vec![on_true.clone(), on_false.clone()],
            t => panic!("unexpected terminator {t:?}"),
        };
        b.term.result = i.result;
        b.term.op = ir2json::TermOp::CallBr {
            call,
            default: succ[0].clone(),
            indirect: succ[1..].to_vec(),
        };
    }
    m
}

/// The golden cases: (expected file, output).
fn cases() -> Vec<(PathBuf, ir2coq::ModuleOutput)> {
    let dir = root().join("golden");
    let mut ll: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ll"))
        .collect();
    ll.sort();
    assert!(ll.len() >= 8);
    let mut v: Vec<(PathBuf, ir2coq::ModuleOutput)> = ll
        .into_iter()
        .map(|p| (p.with_extension("expected"), convert(&p)))
        .collect();
    v.push((
        root().join("callbr/callbr.expected"),
        convert_model(&callbr_model(), "callbr.ll"),
    ));
    v
}

#[test]
fn golden_outputs() {
    let bless = std::env::var_os("BLESS").is_some();
    let mut bad = Vec::new();
    let again = cases();
    for ((exp, out), (_, out2)) in cases().iter().zip(&again) {
        assert_eq!(out.failed().count(), 0, "{}", exp.display());
        assert!(out.global_errors.is_empty(), "{}", exp.display());
        let text = render(out);
        assert_eq!(text, render(out2), "nondeterministic output");
        if bless {
            std::fs::write(exp, &text).unwrap();
        } else if std::fs::read_to_string(exp).ok().as_deref() != Some(text.as_str()) {
            bad.push(exp.display().to_string());
        }
    }
    assert!(
        bad.is_empty(),
        "golden mismatch (BLESS=1 to refresh): {bad:?}"
    );
}

fn coqc(dir: &Path, coqlib: &Path, file: &str) -> Result<(), String> {
    let out = std::process::Command::new("coqc")
        .current_dir(dir)
        .args(["-q", "-R"])
        .arg(coqlib)
        .args(["AutoV", "-R", ".", "G", file])
        .output()
        .map_err(|e| format!("coqc: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{}: {}{}",
            dir.join(file).display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// Every golden output compiles with coqc, and the hand-written `<case>.check.v` next to the
/// expected file (vm_compute runs of coq-lib's interpreter, with negative cases) holds of it.
/// Needs coqc and a built coq-lib (`make -C coq-lib`).
#[test]
fn golden_outputs_compile_and_checks_hold() {
    let coqlib = std::env::var_os("AUTOV_COQLIB")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../../coq-lib"))
        .canonicalize()
        .unwrap();
    assert!(
        coqlib.join("Semantics/Interp.vo").exists(),
        "build coq-lib first: make -C coq-lib"
    );
    let tmp = root().join("../../target/ir2coq-golden");
    let cases = cases();
    let errors: Vec<String> = std::thread::scope(|s| {
        let hs: Vec<_> = (0..2)
            .map(|k| {
                let (cases, tmp, coqlib) = (&cases, &tmp, &coqlib);
                s.spawn(move || {
                    let mut errs = Vec::new();
                    for (exp, out) in cases.iter().skip(k).step_by(2) {
                        let name = exp.file_stem().unwrap().to_string_lossy().into_owned();
                        let dir = tmp.join(&name);
                        let _ = std::fs::remove_dir_all(&dir);
                        out.write(&dir).unwrap();
                        let mut order: Vec<String> = vec!["Types.v".into(), "Globals.v".into()];
                        order.extend(
                            out.files
                                .iter()
                                .filter(|(p, _)| p.starts_with("F_"))
                                .map(|(p, _)| p.clone()),
                        );
                        order.push("Code.v".into());
                        let check = exp.with_extension("check.v");
                        if check.exists() {
                            std::fs::copy(&check, dir.join("Check.v")).unwrap();
                            order.push("Check.v".into());
                        }
                        for f in &order {
                            if let Err(e) = coqc(&dir, coqlib, f) {
                                errs.push(e);
                                break;
                            }
                        }
                    }
                    errs
                })
            })
            .collect();
        hs.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

/// A global initializer with no constant form is a located hard error, not a silent `None`.
#[test]
fn unmappable_initializer_is_an_error() {
    let text = "@f = global double 1.0\n@g = global i1 fcmp olt (double bitcast (i64 ptrtoint (double* @f to i64) to double), double 0.0)\n@h = global i32 7\n";
    let m = ir2json::read_module_str(text, "init.ll").expect("reads");
    let out = convert_model(&m, "init.ll");
    assert_eq!(out.global_errors.len(), 1, "{:?}", out.global_errors);
    let e = &out.global_errors[0];
    assert_eq!((e.code.as_str(), e.function.as_str()), ("E-I2C003", "g"));
    assert!(e.to_string().contains("hint"), "{e}");
    let globals = &out.files.iter().find(|(p, _)| p == "Globals.v").unwrap().1;
    assert!(globals.contains("gv_h : gvar") && globals.contains("FAILED"));
}

#[test]
fn unsupported_constructs_are_located_errors() {
    let out = convert(&root().join("bad/seh.ll"));
    let ok: Vec<&str> = out
        .functions
        .iter()
        .filter(|f| f.result.is_ok())
        .map(|f| f.name.as_str())
        .collect();
    assert!(ok.contains(&"?ok@@YAHH@Z"), "{ok:?}");
    let errs: Vec<&ir2coq::ConvError> = out.failed().collect();
    assert_eq!(errs.len(), 1);
    let e = errs[0];
    assert_eq!(e.function, "?catches@@YAHH@Z");
    assert_eq!(e.code.as_str(), "E-I2C001");
    let loc = e.loc.as_ref().expect("debug location");
    assert!(loc.file.ends_with("seh.cpp") && loc.line >= 5, "{loc:?}");
    let msg = e.to_string();
    assert!(
        msg.contains("?catches@@YAHH@Z") && msg.contains("seh.cpp:"),
        "{msg}"
    );
    // The function table does not list the failed function.
    let code = &out.files.iter().find(|(p, _)| p == "Code.v").unwrap().1;
    assert!(code.contains("g_'3fok'40'40YAHH'40Z") && !code.contains("F_'3fcatches"));
}
