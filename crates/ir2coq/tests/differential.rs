//! Differential tests: each `testdata/ir2coq/diff/*.c` is compiled by clang-14 to IR and to a native
//! binary; the IR is converted by ir2coq and run by coq-lib's interpreter under `vm_compute` on the
//! inputs listed in the file's `// TEST f(a,b) ...` line; both must return the same value.
//! Needs clang-14, coqc and a built coq-lib (`make -C coq-lib`). `DIFF_ONLY=name` runs one program.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

use testkit::coq::Coqc;
use testkit::tools::run;

struct Case {
    func: String,
    args: Vec<i128>,
}

fn parse_tests(src: &str) -> Vec<Case> {
    let line = src
        .lines()
        .find_map(|l| l.strip_prefix("// TEST "))
        .expect("TEST line");
    line.split_whitespace()
        .map(|t| {
            let (f, rest) = t.split_once('(').expect("f(args)");
            let args = rest
                .trim_end_matches(')')
                .split(',')
                .filter(|a| !a.is_empty())
                .map(|a| a.parse().expect("integer argument"))
                .collect();
            Case {
                func: f.to_string(),
                args,
            }
        })
        .collect()
}

fn bits(t: &ir2json::Type) -> u32 {
    match t {
        ir2json::Type::Int { bits } => *bits,
        other => panic!("test functions take and return integers, not {other:?}"),
    }
}

/// The intrinsics the module declares (mapped to TestLayer's executable versions) and the initial
/// memory: global arrays/scalars of integers and pointers, one cell per element.
fn prims_and_memory(m: &ir2json::Module) -> String {
    use ir2json::{Constant, Type};
    let mut s = common::xprim(m, false);
    s.push('\n');
    let lay = ir2json::layout::Layout::new(m);
    let val = |c: &Constant| -> Option<String> {
        match c {
            Constant::Int { bits, value, .. } => Some(format!("Vint {bits} {value}")),
            Constant::Global { name, .. } => Some(format!(
                "Vptr (Ptr (Bglob {}) 0)",
                ir2coq::mangle::global(name)
            )),
            Constant::Null { .. } => Some("Vptr (Ptr Babs 0)".into()),
            _ => None,
        }
    };
    let mut cells = Vec::new();
    for g in &m.globals {
        let gid = ir2coq::mangle::global(&g.name);
        match (&g.initializer, &g.ty) {
            (Some(Constant::Array { elems, elem_ty }), _) => {
                let sz = lay.alloc_size(elem_ty).unwrap();
                for (i, e) in elems.iter().enumerate() {
                    if let Some(v) = val(e) {
                        cells.push(format!("(Ptr (Bglob {gid}) {}, {v})", i as u64 * sz));
                    }
                }
            }
            (Some(c), Type::Int { .. } | Type::Ptr { .. }) => {
                if let Some(v) = val(c) {
                    cells.push(format!("(Ptr (Bglob {gid}) 0, {v})"));
                }
            }
            _ => {}
        }
    }
    let _ = writeln!(
        s,
        "Definition init : list (ptr * val) := [{}].\n",
        cells.join(";\n  ")
    );
    s
}

fn one(c_file: &Path, tmp: &Path, coqlib: &Path, tl: &Path) -> Result<usize, String> {
    let name = c_file.file_stem().unwrap().to_string_lossy().into_owned();
    let dir = tmp.join(&name);
    std::fs::create_dir_all(&dir).unwrap();
    let src = std::fs::read_to_string(c_file).unwrap();
    let cases = parse_tests(&src);
    let ll = dir.join(format!("{name}.ll"));
    testkit::tools::clang_emit_llvm(&["-O1", "-fno-inline"], c_file, &ll)?;
    let m = ir2json::read_module(&ll).map_err(|e| e.to_string())?;
    // Native run.
    let mut main = format!(
        "#include <stdio.h>\n#include <stdint.h>\n#include \"{}\"\nint main(void) {{\n",
        c_file.display()
    );
    let mut widths = Vec::new();
    for c in &cases {
        let f = m
            .function(&c.func)
            .ok_or(format!("{name}: no function {}", c.func))?;
        let w = bits(&f.sig.ret_ty);
        let args: Vec<String> = c.args.iter().map(|a| format!("{a}LL")).collect();
        let _ = writeln!(
            main,
            "  printf(\"%llu\\n\", (unsigned long long)(uint{w}_t){}({}));",
            c.func,
            args.join(", ")
        );
        widths.push((
            w,
            f.sig.params.iter().map(|p| bits(&p.ty)).collect::<Vec<_>>(),
        ));
    }
    main.push_str("  return 0;\n}\n");
    let main_c = dir.join("main.c");
    std::fs::write(&main_c, main).unwrap();
    let exe = dir.join("native");
    run(Command::new("clang-14")
        .args(["-O1", "-w", "-o"])
        .arg(&exe)
        .arg(&main_c))?;
    let native = run(&mut Command::new(&exe))?;
    let results: Vec<&str> = native.lines().collect();
    // Coq run.
    let prefix = format!("D_{name}");
    let out = ir2coq::convert_module(
        &m,
        &ir2coq::Options {
            prefix: prefix.clone(),
            source: format!("{name}.c"),
        },
    );
    if let Some(e) = out.failed().next() {
        return Err(format!("{name}: conversion failed: {e}"));
    }
    out.write(&dir).unwrap();
    // The emitted files' sentences in one check file (one coqc run instead of one per file: the
    // golden tests compile the files themselves).
    let all: Vec<usize> = (0..out.modules.len()).collect();
    std::fs::write(dir.join("Check_0.v"), out.check_file(&all, true, false).0).unwrap();
    let mut t = format!(
        "From AutoV Require Import All.\nFrom T Require Import TestLayer.\nFrom {prefix} Require Import Check_0.\nImport Types Globals.\nLocal Open Scope Z_scope.\n\n"
    );
    t.push_str(&prims_and_memory(&m));
    for (k, (c, r)) in cases.iter().zip(&results).enumerate() {
        let (w, pw) = &widths[k];
        let args: Vec<String> = c
            .args
            .iter()
            .zip(pw)
            .map(|(a, w)| format!("Vint {w} {}", a.rem_euclid(1i128 << w)))
            .collect();
        let _ = writeln!(
            t,
            "(* native: {}({}) = {r} *)\nExample t{k} : run code xp init {} [{}] = Some (Some (Vint {w} {r})).\nProof. vm_compute. reflexivity. Qed.",
            c.func,
            c.args.iter().map(|a| a.to_string()).collect::<Vec<_>>().join(", "),
            ir2coq::mangle::global(&c.func),
            args.join("; ")
        );
    }
    std::fs::write(dir.join("Test.v"), t).unwrap();
    let coqc = Coqc::new(coqlib)
        .quiet()
        .map(tl, "T")
        .map(".", &prefix)
        .in_dir(&dir);
    for f in ["Check_0.v", "Test.v"] {
        coqc.run(f).map_err(|e| format!("{name}: {e}"))?;
    }
    Ok(cases.len())
}

#[test]
fn c_programs_agree_with_coq_interpreter() {
    let root = testkit::root();
    testkit::tools::require(&["clang-14", "coqc"], "the differential tests");
    // AUTOV_COQLIB: a built coq-lib snapshot (default: the repository's coq-lib).
    let coqlib = testkit::coq::require_built();
    let tmp = root.join("target/ir2coq-diff");
    let tl = tmp.join("T");
    testkit::coq::compile_into(&coqlib, &root.join("testdata/ir2coq/TestLayer.v"), &tl, "T")
        .expect("TestLayer.v compiles");
    let only = std::env::var("DIFF_ONLY").ok();
    let mut files = testkit::files_with_ext(&root.join("testdata/ir2coq/diff"), "c");
    files.retain(|p| {
        only.as_ref()
            .is_none_or(|o| p.file_stem().unwrap().to_string_lossy() == *o)
    });
    let results: Vec<Result<usize, String>> = std::thread::scope(|s| {
        let hs: Vec<_> = (0..2)
            .map(|k| {
                let chunk: Vec<PathBuf> = files.iter().skip(k).step_by(2).cloned().collect();
                let (tmp, coqlib, tl) = (&tmp, &coqlib, &tl);
                s.spawn(move || {
                    chunk
                        .iter()
                        .map(|f| one(f, tmp, coqlib, tl))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        hs.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    let failures: Vec<&String> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    let cases: usize = results.iter().filter_map(|r| r.as_ref().ok()).sum();
    eprintln!(
        "differential: {} programs, {cases} cases passed, {} programs failed",
        files.len(),
        failures.len()
    );
    for f in &failures {
        eprintln!("{f}\n");
    }
    assert!(failures.is_empty());
    assert!(files.len() >= 40 || only.is_some());
}
