//! Differential testing with csmith (issue 15): random C programs are compiled by clang-14 at -O0
//! and -O1 to IR and to a native binary; the IR is converted by ir2coq and its entry function run
//! by coq-lib's interpreter under `vm_compute` over the byte-level test layer
//! `testdata/ir2coq/csmith/ByteLayer.v`; the checksum must equal the native run's.
//!
//! Harness: csmith's printing runtime is replaced by `testdata/ir2coq/csmith/runtime/csmith.h`
//! (the same CRC-32 over the hashed globals, kept in a global instead of printed); the program's
//! `main` is renamed `csmith_main` and called by `autov_entry`, which returns the checksum. Global
//! initializers become the initial memory (all bytes zero as in the native data sections, then
//! the scalar cells at their DataLayout offsets).
//!
//! Every program lands in exactly one class: `agree`, `MISMATCH` (a bug), `unsupported`
//! (conversion failed: counted apart with its reason), `fuel` (no result with 2^22 fuel but a
//! result with 2^25; then compared), `no-result` (no result even with 2^25: undefined in the
//! model or deeper than that), `timeout` (the interpreter ran out of wall time), `native-timeout`
//! (the native run did not finish: csmith can generate very long runs), `coq-error` (emitted Coq
//! that coqc rejects: a bug). The test fails on any `MISMATCH` or `coq-error`.
//!
//! `CSMITH_SEEDS=a-b` (default: the CI sample below), `CSMITH_JOBS` (default 2),
//! `CSMITH_REPORT=file` (one line per program and level), `CSMITH_KEEP=1` keeps the work folders.
//! `scripts/csmith-diff.sh` runs large seed ranges. Needs csmith, libcsmith-dev, clang-14, coqc
//! and a built coq-lib.

mod common;

use ir2json::{Constant, Module, Type};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use testkit::coq::{Coqc, Outcome};
use testkit::tools::run_limited;

/// The CI sample: fixed seeds, two fresh programs besides the regression seeds (the suite's time
/// budget; `CSMITH_SEEDS` and `scripts/csmith-diff.sh` run more).
const CI_SEEDS: std::ops::RangeInclusive<u64> = 1..=2;
/// Programs that once failed to agree, run in CI too: 107 (a 17-bit bitfield in an `i24` storage
/// unit of a 4-byte struct, loaded as `i32` at -O1 and masked: the padding byte, `undef` in the
/// initializer, read as absent memory, so no result; fixed by zero-filling globals as the native
/// data sections do); 1104 (at -O0 a struct argument passed `byval` was written by the callee
/// into the caller's object; fixed by giving the callee its copy, see
/// `testdata/ir2coq/diff/byval_struct.c`); 1001 (no result at -O0: a struct with padding returned
/// by value is reloaded as `{i64, i64}`, an aggregate load over unwritten padding bytes, which
/// `ByteLayer.v` left undefined; it now reads aggregates field by field and unwritten bytes next
/// to written ones as 0).
const REGRESSION_SEEDS: &[u64] = &[107, 1104, 1001];
/// csmith options: small programs (few functions, shallow nesting) so that the interpreter
/// finishes; no volatiles (no semantics for them here), no packed structs.
const CSMITH_OPTS: &[&str] = &[
    "--no-argc",
    "--no-volatiles",
    "--no-packed-struct",
    "--max-funcs",
    "3",
    "--max-block-depth",
    "3",
    "--max-expr-complexity",
    "5",
    "--max-array-len-per-dim",
    "4",
    "--max-struct-fields",
    "5",
];
const FUEL: u32 = 22;
const FUEL_RETRY: u32 = 25;

fn run(cmd: &mut Command) -> Result<String, String> {
    run_limited(cmd, Duration::from_secs(600))?.ok_or_else(|| "time-out".to_string())
}

/// The initial memory: each global's initializer flattened to scalar cells at DataLayout offsets,
/// as Coq `(ptr, typ, const)` triples.
fn cells(m: &Module) -> Result<Vec<String>, String> {
    let mc = ir2coq::convert::ModCtx::new(m);
    let lay = ir2json::layout::Layout::new(m);
    let mut out = Vec::new();
    for g in &m.globals {
        let Some(init) = &g.initializer else { continue };
        let gid = ir2coq::mangle::global(&g.name);
        // All bytes zero first, as in the native binary's data sections: padding, `undef`
        // fields (e.g. the unused bits of a bitfield's storage unit, which code compiled at -O1
        // loads and masks) and zero initializers; the initializer's scalars are then stored over.
        let size = lay.alloc_size(&g.ty).map_err(|e| e.to_string())?;
        for b in 0..size {
            out.push(format!("(Ptr (Bglob {gid}) {b}, Tint 8, Cint 8 0)"));
        }
        flatten(&mc, &lay, m, init, &g.ty, 0, &gid, &mut out)?;
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
fn flatten(
    mc: &ir2coq::convert::ModCtx,
    lay: &ir2json::layout::Layout,
    m: &Module,
    c: &Constant,
    ty: &Type,
    off: u64,
    gid: &str,
    out: &mut Vec<String>,
) -> Result<(), String> {
    let e = |x: ir2json::layout::LayoutError| x.to_string();
    let fields = |t: &Type| -> Option<Vec<Type>> {
        match t {
            Type::Struct { fields, .. } => Some(fields.clone()),
            Type::Named { name } => m
                .types
                .iter()
                .find(|s| &s.name == name)
                .and_then(|s| s.body.as_ref())
                .map(|b| b.fields.clone()),
            _ => None,
        }
    };
    match c {
        Constant::Struct { fields: cs, .. } => {
            let fts = fields(ty).ok_or("struct constant of a non-struct type")?;
            for (i, (fc, ft)) in cs.iter().zip(&fts).enumerate() {
                let fo = lay.field_offset(ty, i).map_err(e)?;
                flatten(mc, lay, m, fc, ft, off + fo, gid, out)?;
            }
        }
        Constant::Array { elem_ty, elems } => {
            let stride = lay.alloc_size(elem_ty).map_err(e)?;
            for (i, x) in elems.iter().enumerate() {
                flatten(mc, lay, m, x, elem_ty, off + i as u64 * stride, gid, out)?;
            }
        }
        // Zero bytes are already there (see `cells`).
        Constant::Zero { .. } | Constant::Undef { .. } | Constant::Poison { .. } => {}
        c => {
            let t = mc.typ(ty).map_err(|x| x.to_string())?;
            let k = mc.const_val(c).map_err(|x| x.to_string())?;
            out.push(format!(
                "(Ptr (Bglob {gid}) {off}, {}, {})",
                t.term().render(),
                k.term().render()
            ));
        }
    }
    Ok(())
}

/// The interpreter's answer: `Some(v)`, `None` (no result), or an error/time-out string.
enum Interp {
    Value(u64),
    NoResult,
    Timeout,
}

fn interp(
    dir: &Path,
    coqlib: &Path,
    sdir: &Path,
    prefix: &str,
    fuel: u32,
) -> Result<Interp, String> {
    let name = format!("Run{fuel}.v");
    let t = format!(
        "From AutoV Require Import All.\nFrom S Require Import ByteLayer.\nFrom {prefix} Require Import Check_0 Xp.\n\
         Import Types Globals.\nLocal Open Scope Z_scope.\n\
         Eval vm_compute in run (Nat.pow 2 {fuel}) code xp cells g_autov_entry.\n"
    );
    std::fs::write(dir.join(&name), t).unwrap();
    let limit = Duration::from_secs(
        std::env::var("CSMITH_COQ_SECS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(120),
    );
    let out = match Coqc::new(coqlib)
        .quiet()
        .map(sdir, "S")
        .map(".", prefix)
        .in_dir(dir)
        .limit(limit)
        .compile(&name)
    {
        Outcome::Ok { stdout } => stdout,
        Outcome::TimedOut => return Ok(Interp::Timeout),
        o => return Err(o.result(&name).unwrap_err()),
    };
    let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.starts_with("= None") {
        return Ok(Interp::NoResult);
    }
    let v = flat
        .split("Vint 32 ")
        .nth(1)
        .and_then(|r| r.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|d| d.parse().ok())
        .ok_or_else(|| format!("unexpected interpreter output: {out}"))?;
    Ok(Interp::Value(v))
}

/// One program at one optimisation level: its class and a detail.
fn one(seed: u64, opt: &str, work: &Path, coqlib: &Path, sdir: &Path) -> (String, String) {
    match one_inner(seed, opt, work, coqlib, sdir) {
        Ok(x) => x,
        Err(e) => ("coq-error".into(), e),
    }
}

fn one_inner(
    seed: u64,
    opt: &str,
    work: &Path,
    coqlib: &Path,
    sdir: &Path,
) -> Result<(String, String), String> {
    let rt = testkit::root().join("testdata/ir2coq/csmith/runtime");
    let dir = work.join(format!("s{seed}{opt}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let c = dir.join("p.c");
    // `CSMITH_C=file`: that program instead of csmith's (a saved or reduced one, to narrow down
    // a mismatch)
    match std::env::var_os("CSMITH_C") {
        Some(f) => {
            std::fs::copy(&f, &c).map_err(|e| format!("CSMITH_C: {e}"))?;
        }
        None => {
            run(Command::new("csmith")
                .arg("--seed")
                .arg(seed.to_string())
                .args(CSMITH_OPTS)
                .arg("-o")
                .arg(&c))?;
        }
    }
    let mut src = std::fs::read_to_string(&c).unwrap();
    src.push_str("\nuint32_t autov_entry(void) { csmith_main(); return autov_checksum; }\n");
    std::fs::write(&c, src).unwrap();
    let cflags = |cmd: &mut Command| {
        cmd.arg(opt)
            .args(["-w", "-fno-stack-protector", "-Dmain=csmith_main", "-I"])
            .arg(&rt)
            .arg("-I/usr/include/csmith");
    };
    // Native.
    let mut cc = Command::new("clang-14");
    cflags(&mut cc);
    run(cc.arg("-c").arg("-o").arg(dir.join("p.o")).arg(&c))?;
    run(Command::new("clang-14")
        .arg("-o")
        .arg(dir.join("native"))
        .arg(dir.join("p.o"))
        .arg(rt.join("csmith-entry.c")))?;
    let native = match run_limited(
        &mut Command::new(dir.join("native")),
        Duration::from_secs(5),
    )? {
        Some(o) => o.trim().parse::<u64>().map_err(|e| e.to_string())?,
        None => return Ok(("native-timeout".into(), String::new())),
    };
    // IR and conversion.
    let ll = dir.join("p.ll");
    let mut cc = Command::new("clang-14");
    cflags(&mut cc);
    run(cc.args(["-S", "-emit-llvm", "-o"]).arg(&ll).arg(&c))?;
    let m = match ir2json::read_module(&ll) {
        Ok(m) => m,
        Err(e) => return Ok(("unsupported".into(), format!("read: {e}"))),
    };
    let prefix = format!("P{seed}{}", &opt[1..]);
    let out = ir2coq::convert_module(
        &m,
        &ir2coq::Options {
            prefix: prefix.clone(),
            source: "p.ll".into(),
        },
    );
    if let Some(e) = out.failed().chain(&out.global_errors).next() {
        return Ok((
            "unsupported".into(),
            format!("{} {}", e.code.as_str(), e.reason),
        ));
    }
    let cells = match cells(&m) {
        Ok(c) => c,
        Err(e) => return Ok(("unsupported".into(), format!("initial memory: {e}"))),
    };
    out.write(&dir).unwrap();
    let all: Vec<usize> = (0..out.modules.len()).collect();
    std::fs::write(dir.join("Check_0.v"), out.check_file(&all, true, false).0).unwrap();
    let coqc = Coqc::new(coqlib)
        .quiet()
        .map(sdir, "S")
        .map(".", &prefix)
        .in_dir(&dir);
    coqc.run("Check_0.v")?;
    let xp = format!(
        "From AutoV Require Import All.\nFrom S Require Import ByteLayer.\nFrom {prefix} Require Import Check_0.\n\
         Import Types Globals.\nLocal Open Scope Z_scope.\n{}\nDefinition cells : list (ptr * typ * const) := [\n  {}].\n",
        common::xprim(&m, true),
        cells.join(";\n  ")
    );
    std::fs::write(dir.join("Xp.v"), xp).unwrap();
    coqc.run("Xp.v")?;
    let cmp = |v: u64, class: &str| {
        if v == native {
            (class.to_string(), format!("{native:#x}"))
        } else {
            (
                "MISMATCH".to_string(),
                format!("native {native:#x}, interpreter {v:#x}"),
            )
        }
    };
    Ok(match interp(&dir, coqlib, sdir, &prefix, FUEL)? {
        Interp::Value(v) => cmp(v, "agree"),
        Interp::Timeout => ("timeout".into(), String::new()),
        Interp::NoResult => match interp(&dir, coqlib, sdir, &prefix, FUEL_RETRY)? {
            Interp::Value(v) => {
                let (c, d) = cmp(v, "fuel");
                (c, format!("{d} (needed more than 2^{FUEL} fuel)"))
            }
            Interp::Timeout => ("fuel".into(), "time-out with more fuel".into()),
            Interp::NoResult => ("no-result".into(), format!("None with 2^{FUEL_RETRY} fuel")),
        },
    })
}

fn seeds() -> Vec<u64> {
    match std::env::var("CSMITH_SEEDS") {
        Ok(s) => {
            let (a, b) = s.split_once('-').unwrap_or((&s, &s));
            (a.trim().parse().unwrap()..=b.trim().parse().unwrap()).collect()
        }
        Err(_) => CI_SEEDS.chain(REGRESSION_SEEDS.iter().copied()).collect(),
    }
}

#[test]
fn csmith_programs_agree_with_coq_interpreter() {
    let root = testkit::root();
    testkit::tools::require(
        &["csmith", "clang-14", "coqc"],
        "the csmith differential test",
    );
    assert!(
        Path::new("/usr/include/csmith/safe_math.h").exists(),
        "csmith's headers are missing (libcsmith-dev)"
    );
    let coqlib = testkit::coq::require_built();
    let work = std::env::var_os("CSMITH_WORK")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target/csmith"));
    let sdir = work.join("S");
    testkit::coq::compile_into(
        &coqlib,
        &root.join("testdata/ir2coq/csmith/ByteLayer.v"),
        &sdir,
        "S",
    )
    .expect("ByteLayer.v compiles");
    let jobs: usize = std::env::var("CSMITH_JOBS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2);
    let work_items: Vec<(u64, &str)> = seeds()
        .into_iter()
        .flat_map(|s| [(s, "-O0"), (s, "-O1")])
        .collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let report = std::env::var_os("CSMITH_REPORT").map(PathBuf::from);
    let lines = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..jobs.max(1) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(&(seed, opt)) = work_items.get(i) else {
                    break;
                };
                let t0 = Instant::now();
                let (class, detail) = one(seed, opt, &work, &coqlib, &sdir);
                let line = format!(
                    "seed {seed} {opt}: {class} {detail} ({:.1}s)",
                    t0.elapsed().as_secs_f64()
                );
                eprintln!("csmith: {line}");
                if let Some(r) = &report {
                    use std::io::Write as _;
                    let mut f = std::fs::OpenOptions::new()
                        .create(true)
                        .append(true)
                        .open(r)
                        .unwrap();
                    let _ = writeln!(f, "{line}");
                }
                if std::env::var_os("CSMITH_KEEP").is_none() && class == "agree" {
                    let _ = std::fs::remove_dir_all(work.join(format!("s{seed}{opt}")));
                }
                lines.lock().unwrap().push((seed, opt, class, detail));
            });
        }
    });
    let lines = lines.into_inner().unwrap();
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    for (_, _, c, _) in &lines {
        *counts.entry(c.as_str()).or_default() += 1;
    }
    eprintln!("csmith: {} runs: {counts:?}", lines.len());
    let bad: Vec<_> = lines
        .iter()
        .filter(|(_, _, c, _)| c == "MISMATCH" || c == "coq-error")
        .collect();
    assert!(bad.is_empty(), "{bad:#?}");
    // The sample must really exercise the interpreter.
    assert!(
        counts.get("agree").copied().unwrap_or(0) * 2 >= lines.len(),
        "{counts:?}"
    );
}
