//! Differential tests: each `testdata/ir2coq/diff/*.c` is compiled by clang-14 to IR and to a native
//! binary; the IR is converted by ir2coq and run by coq-lib's interpreter under `vm_compute` on the
//! inputs listed in the file's `// TEST f(a,b) ...` line; both must return the same value.
//! Needs clang-14, coqc and a built coq-lib (`make -C coq-lib`). `DIFF_ONLY=name` runs one program.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run(cmd: &mut Command) -> Result<String, String> {
    let out = cmd.output().map_err(|e| format!("{cmd:?}: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(format!(
            "{cmd:?} failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

fn coqc(dir: &Path, coqlib: &Path, prefix: &str, file: &str, tl: &Path) -> Result<String, String> {
    run(Command::new("coqc")
        .current_dir(dir)
        .args(["-q", "-R"])
        .arg(coqlib)
        .arg("AutoV")
        .arg("-R")
        .arg(tl)
        .arg("T")
        .args(["-R", ".", prefix, file]))
}

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
    let mut s = String::from("Definition xp : xprim := fun f vs m =>\n");
    for d in &m.declarations {
        let n = &d.sig.name;
        let prim = [
            ("llvm.umin.", "prim_umin"),
            ("llvm.umax.", "prim_umax"),
            ("llvm.smin.", "prim_smin"),
            ("llvm.smax.", "prim_smax"),
            ("llvm.abs.", "prim_abs"),
            ("llvm.fshl.", "prim_fsh true"),
            ("llvm.fshr.", "prim_fsh false"),
        ]
        .iter()
        .find(|(p, _)| n.starts_with(p));
        if let Some((_, p)) = prim {
            let _ = writeln!(
                s,
                "  if Pos.eqb f {} then lift ({p} vs) m else",
                ir2coq::mangle::global(n)
            );
        }
    }
    s.push_str("  None.\n\n");
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
    run(Command::new("clang-14")
        .args(["-O1", "-S", "-emit-llvm", "-fno-inline", "-o"])
        .arg(&ll)
        .arg(c_file))?;
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
    let mut order = vec!["Types.v".to_string(), "Globals.v".to_string()];
    order.extend(
        out.files
            .iter()
            .filter(|(p, _)| p.starts_with("F_"))
            .map(|(p, _)| p.clone()),
    );
    order.push("Code.v".into());
    let mut t = format!(
        "From AutoV Require Import All.\nFrom T Require Import TestLayer.\nFrom {prefix} Require Import Globals Code.\nLocal Open Scope Z_scope.\n\n"
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
    order.push("Test.v".into());
    for f in &order {
        coqc(&dir, coqlib, &prefix, f, tl).map_err(|e| format!("{name}: {f}: {e}"))?;
    }
    Ok(cases.len())
}

#[test]
fn c_programs_agree_with_coq_interpreter() {
    let root = root();
    // AUTOV_COQLIB: a built coq-lib snapshot (default: the repository's coq-lib).
    let coqlib = std::env::var_os("AUTOV_COQLIB")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("coq-lib"))
        .canonicalize()
        .unwrap();
    assert!(
        Command::new("clang-14").arg("--version").output().is_ok()
            && Command::new("coqc").arg("-v").output().is_ok(),
        "differential tests need clang-14 and coqc"
    );
    assert!(
        coqlib.join("Semantics/Interp.vo").exists(),
        "build coq-lib first: make -C coq-lib"
    );
    let tmp = root.join("target/ir2coq-diff");
    let tl = tmp.join("T");
    std::fs::create_dir_all(&tl).unwrap();
    std::fs::copy(
        root.join("testdata/ir2coq/TestLayer.v"),
        tl.join("TestLayer.v"),
    )
    .unwrap();
    run(Command::new("coqc")
        .current_dir(&tl)
        .args(["-q", "-R"])
        .arg(&coqlib)
        .arg("AutoV")
        .args(["-R", ".", "T", "TestLayer.v"]))
    .expect("TestLayer.v compiles");
    let only = std::env::var("DIFF_ONLY").ok();
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("testdata/ir2coq/diff"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "c"))
        .filter(|p| {
            only.as_ref()
                .is_none_or(|o| p.file_stem().unwrap().to_string_lossy() == *o)
        })
        .collect();
    files.sort();
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
