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

fn coqc(coqlib: &Path, dir: &Path, prefix: &str, file: &str) -> Result<(), String> {
    let r = coqc_inner(coqlib, dir, prefix, file);
    let n = DONE.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
    if n.is_multiple_of(100) {
        eprintln!("check: {n} files done");
    }
    if let Err(e) = &r {
        eprintln!("check: coqc failed {}/{file}: {e}", dir.display());
    }
    r
}

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
        Err(first_error(&t))
    }
}

#[derive(Default)]
struct CheckResult {
    compiled: usize,
    failed: Vec<(String, String)>,
}

/// Compile the modules: Types/Globals per module, then all function files, then Code.v.
fn check(coqlib: &Path, files: &[FileResult]) -> CheckResult {
    let mods: Vec<&FileResult> = files.iter().filter(|f| f.out.is_some()).collect();
    let mut res = CheckResult::default();
    let base: Vec<Result<(), (String, String)>> = mods
        .par_iter()
        .map(|f| {
            for v in ["Types.v", "Globals.v"] {
                coqc(coqlib, &f.outdir, &f.prefix, v).map_err(|e| (format!("{}/{v}", f.rel), e))?;
            }
            Ok(())
        })
        .collect();
    let mut tasks = Vec::new();
    for (f, b) in mods.iter().zip(&base) {
        match b {
            Ok(()) => {
                res.compiled += 2;
                for (p, _) in &f.out.as_ref().unwrap().files {
                    if p.starts_with("F_") {
                        tasks.push((*f, p.clone()));
                    }
                }
            }
            Err(e) => {
                res.failed.push(e.clone());
                let n = f
                    .out
                    .as_ref()
                    .unwrap()
                    .files
                    .iter()
                    .filter(|(p, _)| p.ends_with(".v"))
                    .count();
                res.failed.push((
                    format!("{} ({} dependent files)", f.rel, n - 1),
                    "not compiled: a dependency failed".into(),
                ));
            }
        }
    }
    let done: Vec<Result<(), (String, String)>> = tasks
        .par_iter()
        .map(|(f, p)| {
            coqc(coqlib, &f.outdir, &f.prefix, p).map_err(|e| (format!("{}/{p}", f.rel), e))
        })
        .collect();
    let mut module_ok: BTreeMap<&str, bool> = BTreeMap::new();
    for ((f, _), r) in tasks.iter().zip(done) {
        let ok = module_ok.entry(f.rel.as_str()).or_insert(true);
        match r {
            Ok(()) => res.compiled += 1,
            Err(e) => {
                *ok = false;
                res.failed.push(e);
            }
        }
    }
    let code: Vec<Result<(), (String, String)>> = mods
        .par_iter()
        .zip(base.par_iter())
        .filter(|(f, b)| b.is_ok() && *module_ok.get(f.rel.as_str()).unwrap_or(&true))
        .map(|(f, _)| {
            coqc(coqlib, &f.outdir, &f.prefix, "Code.v")
                .map_err(|e| (format!("{}/Code.v", f.rel), e))
        })
        .collect();
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
        let results: Vec<FileResult> = pool.install(|| {
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
            let c = pool.install(|| check(&coqlib, &results));
            println!(
                "check: compiled {} files, failed {}, time: {:.2}s",
                c.compiled,
                c.failed.len(),
                t1.elapsed().as_secs_f64()
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
