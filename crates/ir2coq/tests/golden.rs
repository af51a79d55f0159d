//! Golden outputs (`testdata/ir2coq/golden/*.ll` → `*.expected`, all emitted files concatenated);
//! `BLESS=1 cargo test -p ir2coq --test golden` refreshes them. Also: bad input yields located
//! errors, the other functions still convert, no panic; output is deterministic.

use std::path::{Path, PathBuf};

mod common;

fn root() -> PathBuf {
    testkit::root().join("testdata/ir2coq")
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
    let ll = testkit::files_with_ext(&dir, "ll");
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
    let mut bad = Vec::new();
    let again = cases();
    for ((exp, out), (_, out2)) in cases().iter().zip(&again) {
        assert_eq!(out.failed().count(), 0, "{}", exp.display());
        assert!(out.global_errors.is_empty(), "{}", exp.display());
        let text = render(out);
        assert_eq!(text, render(out2), "nondeterministic output");
        if let Err(e) = testkit::bless::check(exp, &text, testkit::bless_command!()) {
            bad.push(e);
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// Every golden output compiles with coqc, and the hand-written `<case>.check.v` next to the
/// expected file (vm_compute runs of coq-lib's interpreter, with negative cases) holds of it.
/// Needs coqc and a built coq-lib (`make -C coq-lib`).
#[test]
fn golden_outputs_compile_and_checks_hold() {
    let coqlib = testkit::coq::require_built();
    let tmp = testkit::root().join("target/ir2coq-golden");
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
                        let mut order = common::coq_order(out);
                        let check = exp.with_extension("check.v");
                        if check.exists() {
                            std::fs::copy(&check, dir.join("Check.v")).unwrap();
                            order.push("Check.v".into());
                        }
                        let coqc = testkit::coq::Coqc::new(coqlib)
                            .quiet()
                            .map(".", "G")
                            .in_dir(&dir);
                        for f in &order {
                            if let Err(e) = coqc.run(f) {
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
