//! `autov test-conversion DIR... [--check] [-j N] [--json FILE]`: convert every `.ll` under each DIR
//! (one project per DIR) and report per project; `--check` compiles every emitted `.v` with coqc.

use anyhow::Context;
use rayon::prelude::*;
use serde_json::json;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// Project directories (each searched recursively for `*.ll`).
    #[arg(required = true)]
    dirs: Vec<PathBuf>,
    /// Also compile every emitted `.v` with coqc against coq-lib.
    #[arg(long)]
    check: bool,
    /// Parallel jobs (conversion threads and coqc processes).
    #[arg(short, long, default_value_t = 2)]
    jobs: usize,
    /// Write a machine-readable report here.
    #[arg(long)]
    json: Option<PathBuf>,
    /// Where the converted modules go (default: `target/test-conversion`).
    #[arg(long, default_value = "target/test-conversion")]
    out: PathBuf,
    /// coq-lib folder (built with `make -C coq-lib`; default: `$AUTOV_COQLIB` or `./coq-lib`).
    #[arg(long)]
    coqlib: Option<PathBuf>,
    /// Size of the check files (bytes of emitted Coq per coqc run); for the check's own tests.
    #[arg(long, hide = true, default_value_t = CHUNK_BYTES)]
    check_chunk_bytes: usize,
    /// Fault injection for the check's own tests: the named functions' Coq gets a definition that
    /// does not type-check, so that the error attribution can be seen at work.
    #[arg(long, hide = true, value_delimiter = ',')]
    check_fault_in: Vec<String>,
}

struct FileResult {
    rel: String,
    outdir: PathBuf,
    prefix: String,
    /// Module-level failure (unreadable file): its message (for the JSON report) and diagnostic.
    error: Option<(String, diag::Diagnostic)>,
    out: Option<ir2coq::ModuleOutput>,
}

fn ll_files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).with_context(|| format!("cannot list {}", d.display()))? {
            let p = e?.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "ll") {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

fn project_name(dir: &Path) -> String {
    dir.canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|s| s.to_string_lossy().into_owned()))
        .unwrap_or_else(|| dir.display().to_string())
}

/// First coqc error: the `File ..., line ...` line and the message after it.
fn first_error(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let i = lines
        .iter()
        .position(|l| l.starts_with("Error") || l.contains("Error:"));
    match i {
        Some(i) => {
            let start = if i > 0 && lines[i - 1].starts_with("File") {
                i - 1
            } else {
                i
            };
            lines[start..(i + 3).min(lines.len())].join(" ")
        }
        None => lines.iter().take(3).cloned().collect::<Vec<_>>().join(" "),
    }
}

static DONE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn coqc_inner(coqlib: &Path, dir: &Path, prefix: &str, file: &str) -> Result<(), String> {
    let out = Command::new("coqc")
        .current_dir(dir)
        .arg("-q")
        .arg("-R")
        .arg(coqlib)
        .arg("AutoV")
        .arg("-R")
        .arg(".")
        .arg(prefix)
        .arg(file)
        .output()
        .map_err(|e| format!("cannot run coqc: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        let mut t = String::from_utf8_lossy(&out.stderr).into_owned();
        t.push_str(&String::from_utf8_lossy(&out.stdout));
        Err(t)
    }
}

#[derive(Default)]
struct CheckResult {
    /// Emitted files whose sentences compiled (`Types.v`, `Globals.v`, function files, `Code.v`).
    compiled: usize,
    failed: Vec<(String, String)>,
    /// coqc runs made.
    runs: usize,
}

/// Function files per check file: at most this many bytes of emitted function files (a check file
/// also holds `Types.v` and `Globals.v`, so big modules are split only where it pays).
const CHUNK_BYTES: usize = 600_000;

/// The line of the first error coqc reports in `file` (`File "./Check_0.v", line 12, ...`).
fn error_line(text: &str, file: &str) -> Option<usize> {
    let key = format!("File \"./{file}\", line ");
    let at = text.find(&key)? + key.len();
    text[at..]
        .split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

/// One check file of a module: the function indices it holds and whether the function table
/// follows them (single-chunk modules).
struct Task<'a> {
    f: &'a FileResult,
    name: String,
    funcs: Vec<usize>,
    code: bool,
    /// `Types.v` and `Globals.v` are compiled first and required (modules of several check
    /// files: their `Globals.v`, 1,800 definitions and 3 s of coqc for memcached's, is then
    /// checked once, not once per check file), rather than inlined.
    base_compiled: bool,
}

#[derive(Default)]
struct TaskOut {
    compiled_funcs: usize,
    code_ok: bool,
    base_failed: bool,
    failed: Vec<(String, String)>,
    runs: usize,
}

/// An emitted file compiled on its own (after `Types.v` and `Globals.v`), for the exact error of
/// a file a check file attributed a failure to.
fn confirm(coqlib: &Path, f: &FileResult, file: &str) -> Result<(), String> {
    for dep in ["Types.v", "Globals.v"] {
        if dep == file {
            break;
        }
        coqc_inner(coqlib, &f.outdir, &f.prefix, dep)?;
    }
    coqc_inner(coqlib, &f.outdir, &f.prefix, file)
}

/// Run one check file; on an error, attribute it to the function whose module holds the error
/// line (confirmed by compiling that function's own file), and go on with the functions after it.
fn run_task(coqlib: &Path, t: &Task) -> TaskOut {
    let o = t.f.out.as_ref().expect("checked modules converted");
    let mut out = TaskOut::default();
    let mut remaining = t.funcs.clone();
    let file = format!("{}.v", t.name);
    loop {
        let code = t.code && out.failed.is_empty();
        let (text, ranges) = o.check_file(&remaining, code, t.base_compiled);
        if let Err(e) = std::fs::write(t.f.outdir.join(&file), text) {
            out.failed
                .push((format!("{}/{file}", t.f.rel), format!("cannot write: {e}")));
            out.base_failed = true;
            return out;
        }
        out.runs += 1;
        match coqc_inner(coqlib, &t.f.outdir, &t.f.prefix, &file) {
            Ok(()) => {
                out.compiled_funcs += remaining.len();
                out.code_ok = code;
                bump(remaining.len());
                return out;
            }
            Err(full) => {
                let line = error_line(&full, &file);
                let hit = line.and_then(|l| ranges.iter().position(|&(a, b)| a <= l && l <= b));
                match hit {
                    Some(i) => {
                        out.compiled_funcs += i;
                        bump(i + 1);
                        let fname = format!("{}.v", o.modules[remaining[i]].1);
                        out.runs += 3;
                        let e = match confirm(coqlib, t.f, &fname) {
                            Err(e) => first_error(&e),
                            Ok(()) => {
                                format!("fails in the grouped check only: {}", first_error(&full))
                            }
                        };
                        eprintln!("check: coqc failed {}/{fname}: {e}", t.f.outdir.display());
                        out.failed.push((format!("{}/{fname}", t.f.rel), e));
                        remaining.drain(..=i);
                        if remaining.is_empty() {
                            return out;
                        }
                    }
                    None if ranges
                        .last()
                        .is_some_and(|&(_, b)| line.is_some_and(|l| l > b))
                        && code =>
                    {
                        // The function table after all functions.
                        out.compiled_funcs += remaining.len();
                        bump(remaining.len());
                        out.failed
                            .push((format!("{}/Code.v", t.f.rel), first_error(&full)));
                        return out;
                    }
                    None => {
                        // Before the functions: Types.v or Globals.v (or the shared header).
                        out.base_failed = true;
                        out.runs += 2;
                        let which = ["Types.v", "Globals.v"]
                            .into_iter()
                            .find_map(|v| confirm(coqlib, t.f, v).err().map(|e| (v, e)));
                        let (v, e) = match which {
                            Some((v, e)) => (v.to_string(), first_error(&e)),
                            None => (file.clone(), first_error(&full)),
                        };
                        eprintln!("check: coqc failed {}/{v}: {e}", t.f.outdir.display());
                        out.failed.push((format!("{}/{v}", t.f.rel), e));
                        return out;
                    }
                }
            }
        }
    }
}

/// The bytes a check file of task `t` holds (its functions, `Types.v` and `Globals.v`).
fn task_bytes(t: &Task) -> usize {
    let o = t.f.out.as_ref().expect("checked modules converted");
    t.funcs
        .iter()
        .map(|&k| o.parts.funcs[k].bytes)
        .sum::<usize>()
        + o.parts.globals.bytes
        + o.parts.types.bytes
}

/// `--check-fault-in`: the named functions get a definition that does not type-check.
fn inject_check_faults(r: &mut FileResult, names: &[String]) {
    let Some(o) = r.out.as_mut() else { return };
    let ks: Vec<usize> = (0..o.modules.len())
        .filter(|&k| names.contains(&o.modules[k].0))
        .collect();
    for k in ks {
        if let Err(e) = o.inject_check_fault(k, &r.outdir) {
            eprintln!("check: cannot inject a fault into {}: {e}", o.modules[k].0);
        }
    }
}

/// What one coqc run checks first: the tasks (indices) of one check file, or several whole small
/// modules bundled into one file.
enum Unit {
    Single(usize),
    Bundle(Vec<usize>),
    /// The check files of one big module: `Types.v` and `Globals.v` first, then the check files
    /// (in parallel), which require them.
    Chunked(Vec<usize>),
}

/// Modules checked by one check file and smaller than `CHUNK_BYTES` share check files (bundles of
/// up to `CHUNK_BYTES`, in input order), so that coqc's start-up is paid once per bundle, not once
/// per module. Units come largest first, so that the long ones do not end up last on a busy pool.
fn bundle_small_modules(tasks: &[Task], chunk_bytes: usize) -> Vec<Unit> {
    let mut units = Vec::new();
    let mut bundle: Vec<usize> = Vec::new();
    let mut bytes = 0;
    let flush = |bundle: &mut Vec<usize>, units: &mut Vec<Unit>| {
        let b = std::mem::take(bundle);
        match b.len() {
            0 => {}
            1 => units.push(Unit::Single(b[0])),
            _ => units.push(Unit::Bundle(b)),
        }
    };
    let mut chunked: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (k, t) in tasks.iter().enumerate() {
        if t.base_compiled {
            chunked.entry(t.f.rel.as_str()).or_default().push(k);
            continue;
        }
        let b = task_bytes(t);
        if !t.code || b >= chunk_bytes {
            units.push(Unit::Single(k));
            continue;
        }
        if bytes + b > chunk_bytes {
            flush(&mut bundle, &mut units);
            bytes = 0;
        }
        bundle.push(k);
        bytes += b;
    }
    flush(&mut bundle, &mut units);
    units.extend(chunked.into_values().map(Unit::Chunked));
    let size = |u: &Unit| match u {
        Unit::Single(k) => task_bytes(&tasks[*k]),
        Unit::Bundle(ks) | Unit::Chunked(ks) => ks.iter().map(|&k| task_bytes(&tasks[k])).sum(),
    };
    units.sort_by_key(|u| std::cmp::Reverse(size(u)));
    units
}

/// Run a unit; a bundle that fails is checked again module by module (`run_task`), which
/// attributes the error. Returns each task's outcome with its index.
fn run_unit(coqlib: &Path, tasks: &[Task], u: &Unit) -> Vec<(usize, TaskOut)> {
    let ks = match u {
        Unit::Single(k) => return vec![(*k, run_task(coqlib, &tasks[*k]))],
        Unit::Chunked(ks) => return run_chunked(coqlib, tasks, ks),
        Unit::Bundle(ks) => ks,
    };
    let outs: Vec<&ir2coq::ModuleOutput> = ks
        .iter()
        .map(|&k| tasks[k].f.out.as_ref().expect("checked modules converted"))
        .collect();
    let first = tasks[ks[0]].f;
    let file = "Check_bundle.v";
    let ok = std::fs::write(first.outdir.join(file), ir2coq::emit::check_bundle(&outs)).is_ok()
        && coqc_inner(coqlib, &first.outdir, &first.prefix, file).is_ok();
    if !ok {
        return ks
            .iter()
            .map(|&k| {
                let mut o = run_task(coqlib, &tasks[k]);
                o.runs += usize::from(k == ks[0]);
                (k, o)
            })
            .collect();
    }
    ks.iter()
        .map(|&k| {
            let n = tasks[k].funcs.len();
            bump(n);
            let o = TaskOut {
                compiled_funcs: n,
                code_ok: true,
                runs: usize::from(k == ks[0]),
                ..TaskOut::default()
            };
            (k, o)
        })
        .collect()
}

/// The check files of one module after compiling its `Types.v` and `Globals.v`; if one of those
/// fails, every check file's functions are left uncompiled (the first task carries the error).
fn run_chunked(coqlib: &Path, tasks: &[Task], ks: &[usize]) -> Vec<(usize, TaskOut)> {
    let f = tasks[ks[0]].f;
    let mut base_runs = 0;
    let mut base_error = None;
    for v in ["Types.v", "Globals.v"] {
        base_runs += 1;
        if let Err(e) = coqc_inner(coqlib, &f.outdir, &f.prefix, v) {
            let e = first_error(&e);
            eprintln!("check: coqc failed {}/{v}: {e}", f.outdir.display());
            base_error = Some((format!("{}/{v}", f.rel), e));
            break;
        }
    }
    if let Some(err) = base_error {
        return ks
            .iter()
            .enumerate()
            .map(|(i, &k)| {
                let o = TaskOut {
                    base_failed: true,
                    failed: if i == 0 { vec![err.clone()] } else { vec![] },
                    runs: if i == 0 { base_runs } else { 0 },
                    ..TaskOut::default()
                };
                (k, o)
            })
            .collect();
    }
    let mut outs: Vec<(usize, TaskOut)> = ks
        .par_iter()
        .map(|&k| (k, run_task(coqlib, &tasks[k])))
        .collect();
    outs[0].1.runs += base_runs;
    outs
}

fn bump(n: usize) {
    let before = DONE.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
    if (before + n) / 500 > before / 500 {
        eprintln!("check: {} function files done", before + n);
    }
}

/// Check the modules. Each module's `Types.v`, `Globals.v`, function files and `Code.v` are
/// compiled as check files: the same sentences as the emitted files, under their shared header,
/// each file's sentences in a `Module` of its name, ~`CHUNK_BYTES` of function files per check
/// file (one coqc run each, run in parallel over all modules); a module split into several check
/// files gets its function table checked by one more file requiring them. A coqc error is
/// attributed to the function (or `Types.v`/`Globals.v`/`Code.v`) whose lines hold it, and that
/// emitted file is then compiled on its own for the exact error; the functions after it are
/// checked by a new check file. Small modules (one check file each, under `CHUNK_BYTES`) are
/// first checked together, several per coqc run (`bundle_small_modules`); a bundle that fails is
/// checked again module by module, as above. Per-function reporting is the same as compiling every
/// file alone, at a fraction of coqc's start-up and library loading.
fn check(coqlib: &Path, files: &[FileResult], chunk_bytes: usize) -> CheckResult {
    let mods: Vec<&FileResult> = files.iter().filter(|f| f.out.is_some()).collect();
    let mut tasks: Vec<Task> = Vec::new();
    let mut nchunks: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &mods {
        let o = f.out.as_ref().unwrap();
        let mut chunks: Vec<Vec<usize>> = vec![Vec::new()];
        let mut bytes = 0;
        for (k, p) in o.parts.funcs.iter().enumerate() {
            let cur = chunks.last_mut().unwrap();
            if !cur.is_empty() && bytes + p.bytes > chunk_bytes {
                chunks.push(vec![k]);
                bytes = p.bytes;
            } else {
                cur.push(k);
                bytes += p.bytes;
            }
        }
        let single = chunks.len() == 1;
        nchunks.insert(f.rel.as_str(), chunks.len());
        for (i, c) in chunks.into_iter().enumerate() {
            tasks.push(Task {
                f,
                name: format!("Check_{i}"),
                funcs: c,
                code: single,
                base_compiled: !single,
            });
        }
    }
    let units = bundle_small_modules(&tasks, chunk_bytes);
    let mut outs: Vec<(usize, TaskOut)> = units
        .par_iter()
        .flat_map_iter(|u| run_unit(coqlib, &tasks, u))
        .collect();
    outs.sort_by_key(|(k, _)| *k);
    let outs: Vec<TaskOut> = outs.into_iter().map(|(_, o)| o).collect();
    let mut res = CheckResult::default();
    // Per module: base ok (Types/Globals), all functions ok.
    let mut state: BTreeMap<&str, (bool, bool)> = BTreeMap::new();
    for (t, o) in tasks.iter().zip(&outs) {
        let st = state.entry(t.f.rel.as_str()).or_insert((true, true));
        res.runs += o.runs;
        if o.base_failed {
            st.0 = false;
        }
        if !o.failed.is_empty() {
            st.1 = false;
        }
        res.compiled += o.compiled_funcs + usize::from(o.code_ok);
        for e in &o.failed {
            if !res.failed.contains(e) {
                res.failed.push(e.clone());
            }
        }
    }
    let mut code_tasks = Vec::new();
    for f in &mods {
        let (base, all) = state.get(f.rel.as_str()).copied().unwrap_or((true, true));
        let o = f.out.as_ref().unwrap();
        if base {
            res.compiled += 2;
        } else {
            let compiled_here: usize = tasks
                .iter()
                .zip(&outs)
                .filter(|(t, _)| t.f.rel == f.rel)
                .map(|(_, o)| o.compiled_funcs)
                .sum();
            res.failed.push((
                format!(
                    "{} ({} dependent files)",
                    f.rel,
                    o.modules.len() + 1 - compiled_here
                ),
                "not compiled: a dependency failed".into(),
            ));
        }
        let n = nchunks.get(f.rel.as_str()).copied().unwrap_or(1);
        if base && all && n > 1 {
            code_tasks.push((*f, n));
        }
    }
    let code: Vec<Result<(), (String, String)>> = code_tasks
        .par_iter()
        .map(|(f, n)| {
            let o = f.out.as_ref().unwrap();
            let drivers: Vec<String> = (0..*n).map(|i| format!("Check_{i}")).collect();
            let text = o.check_code(&drivers);
            std::fs::write(f.outdir.join("CheckCode.v"), text)
                .map_err(|e| (format!("{}/Code.v", f.rel), e.to_string()))?;
            coqc_inner(coqlib, &f.outdir, &f.prefix, "CheckCode.v")
                .map_err(|e| (format!("{}/Code.v", f.rel), first_error(&e)))
        })
        .collect();
    res.runs += code.len();
    for r in code {
        match r {
            Ok(()) => res.compiled += 1,
            Err(e) => res.failed.push(e),
        }
    }
    res
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.max(1))
        .stack_size(256 << 20)
        .build()?;
    let coqlib = args
        .coqlib
        .clone()
        .or_else(|| std::env::var_os("AUTOV_COQLIB").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("coq-lib"));
    let coqlib = coqlib.canonicalize().unwrap_or(coqlib);
    if args.check && !coqlib.join("Semantics/Syntax.vo").exists() {
        anyhow::bail!(
            "{}: coq-lib is not built (run `make -C coq-lib`) or not found (--coqlib)",
            coqlib.display()
        );
    }
    let mut any_failure = false;
    let mut report = Vec::new();
    for dir in &args.dirs {
        let t0 = Instant::now();
        let name = project_name(dir);
        let files = if dir.is_file() {
            vec![dir.clone()]
        } else {
            ll_files(dir)?
        };
        let root = if dir.is_file() {
            dir.parent().unwrap_or(Path::new(".")).to_path_buf()
        } else {
            dir.clone()
        };
        let mut results: Vec<FileResult> = pool.install(|| {
            files
                .par_iter()
                .map(|f| {
                    let rel = f.strip_prefix(&root).unwrap_or(f).display().to_string();
                    let stem = rel.trim_end_matches(".ll");
                    let outdir = args.out.join(&name).join(stem);
                    let prefix = ir2coq::prefix_for(&stem.replace('/', "__"));
                    match ir2coq::convert_file(f, &outdir, Some(&prefix)) {
                        Ok(o) => FileResult {
                            rel,
                            outdir,
                            prefix,
                            error: None,
                            out: Some(o),
                        },
                        Err(e) => FileResult {
                            rel,
                            outdir,
                            prefix,
                            error: Some((e.to_string(), e.diagnostic())),
                            out: None,
                        },
                    }
                })
                .collect()
        });
        let convert_time = t0.elapsed();
        for r in &mut results {
            inject_check_faults(r, &args.check_fault_in);
        }
        let mut defined = 0;
        let mut converted = 0;
        let mut decls = 0;
        let mut warnings = 0;
        let mut global_failed = 0;
        let mut reasons: BTreeMap<String, (usize, Vec<String>)> = BTreeMap::new();
        let mut file_errors = Vec::new();
        let mut dispatch_fns = 0;
        let mut worst = (0.0f64, String::new());
        for r in &results {
            if let Some((e, d)) = &r.error {
                file_errors.push((r.rel.clone(), e.clone(), d));
            }
            if let Some(o) = &r.out {
                defined += o.functions.len();
                converted += o.converted();
                decls += o.declarations;
                warnings += o.warnings.len();
                for fr in &o.functions {
                    if let Some(st) = &fr.stats {
                        if st.dispatchers > 0 {
                            dispatch_fns += 1;
                        }
                        if st.blowup() > worst.0 {
                            worst = (st.blowup(), fr.name.clone());
                        }
                    }
                }
                global_failed += o.global_errors.len();
                for e in o.failed().chain(&o.global_errors) {
                    let ent = reasons
                        .entry(format!("{} {}", e.code.as_str(), e.reason))
                        .or_default();
                    ent.0 += 1;
                    if ent.1.len() < 5 {
                        ent.1.push(format!("{} ({})", e.function, r.rel));
                    }
                }
            }
        }
        let failed = defined - converted;
        println!("== {name} ({})", dir.display());
        println!(
            "files: {} ({} unreadable), defined functions: {defined}, converted: {converted}, failed: {failed}, global initializers failed: {global_failed}, declarations: {decls} (not counted), warnings: {warnings}, time: {:.2}s",
            files.len(),
            file_errors.len(),
            convert_time.as_secs_f64()
        );
        println!(
            "structuring: {dispatch_fns} functions with irreducible regions (dispatch), largest size factor {:.2} (@{})",
            worst.0, worst.1
        );
        for (reason, (n, names)) in &reasons {
            println!("  failed {n}: {reason}; e.g. {}", names.join(", "));
        }
        for (f, _, d) in file_errors.iter().take(10) {
            println!("  unreadable {f}: {} (see stderr)", d.code);
            crate::report::eprint(d);
        }
        let mut check_json = serde_json::Value::Null;
        if failed > 0 || global_failed > 0 || !file_errors.is_empty() {
            any_failure = true;
        }
        if args.check {
            let t1 = Instant::now();
            let c = pool.install(|| check(&coqlib, &results, args.check_chunk_bytes));
            println!(
                "check: compiled {} files, failed {}, time: {:.2}s ({} coqc runs)",
                c.compiled,
                c.failed.len(),
                t1.elapsed().as_secs_f64(),
                c.runs
            );
            for (f, e) in c.failed.iter().take(20) {
                println!("  coqc failed {f}: {e}");
            }
            if !c.failed.is_empty() {
                any_failure = true;
            }
            check_json = json!({
                "compiled": c.compiled,
                "failed": c.failed.len(),
                "failures": c.failed.iter().map(|(f, e)| json!({"file": f, "error": e})).collect::<Vec<_>>(),
                "coqc_runs": c.runs,
                "time_s": t1.elapsed().as_secs_f64(),
            });
        }
        report.push(json!({
            "project": name,
            "dir": dir.display().to_string(),
            "files": files.len(),
            "unreadable": file_errors.iter().map(|(f, e, _)| json!({"file": f, "error": e})).collect::<Vec<_>>(),
            "defined_functions": defined,
            "converted": converted,
            "failed": failed,
            "global_initializers_failed": global_failed,
            "failure_reasons": reasons.iter().map(|(r, (n, names))| json!({"reason": r, "count": n, "examples": names})).collect::<Vec<_>>(),
            "declarations": decls,
            "warnings": warnings,
            "functions_with_dispatch": dispatch_fns,
            "largest_size_factor": worst.0,
            "largest_size_factor_function": worst.1,
            "convert_time_s": convert_time.as_secs_f64(),
            "check": check_json,
        }));
    }
    if let Some(j) = &args.json {
        let doc =
            json!({ "tool": format!("autov ir2coq {}", ir2coq::VERSION), "projects": report });
        std::fs::write(j, serde_json::to_string_pretty(&doc)?)
            .with_context(|| format!("cannot write {}", j.display()))?;
    }
    if any_failure {
        anyhow::bail!("conversion or check failures (see above)");
    }
    Ok(())
}
