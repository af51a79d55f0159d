//! `autov ir2json`: LLVM 14 IR files or directories to JSON documents (one per module).

use anyhow::{bail, Context};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// `.ll`/`.bc` files and/or directories (searched recursively for `*.ll` and `*.bc`).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Output: a `.json` file for a single input file; otherwise a directory that mirrors the input
    /// tree (`DIR/a/b.ll` → `OUT/a/b.json`). Without `-o`: stdout (one document, or JSON Lines for
    /// several modules).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Compact JSON instead of pretty-printed.
    #[arg(long)]
    compact: bool,
    /// Worker threads (default: all cores).
    #[arg(short, long)]
    jobs: Option<usize>,
}

/// One unit of work: an input file and where its JSON goes (`None` = stdout).
struct Job {
    input: PathBuf,
    output: Option<PathBuf>,
}

fn plan(args: &Args) -> anyhow::Result<Vec<Job>> {
    let single_file = args.inputs.len() == 1 && !args.inputs[0].is_dir();
    let out_is_file = single_file
        && args
            .output
            .as_ref()
            .is_some_and(|o| !o.is_dir() && !o.as_os_str().to_string_lossy().ends_with('/'));
    let mut jobs = Vec::new();
    for input in &args.inputs {
        if input.is_dir() {
            let files = match ir2json::find_ir_files(input) {
                Ok(files) => files,
                Err(e) => {
                    crate::report::eprint(
                        &diag::Diagnostic::at(
                            diag::Code::IrUnreadable,
                            diag::Place::file(input.display().to_string()),
                            format!("cannot list directory: {e}"),
                        )
                        .hint("check the directory and the permissions of the folders in it"),
                    );
                    bail!("{} cannot be listed", input.display());
                }
            };
            for f in files {
                let rel = f.strip_prefix(input).unwrap_or(&f).with_extension("json");
                let output = args.output.as_ref().map(|o| o.join(&rel));
                jobs.push(Job { input: f, output });
            }
        } else {
            let output = match &args.output {
                None => None,
                Some(o) if out_is_file => Some(o.clone()),
                Some(o) => {
                    let stem = input.file_name().map(PathBuf::from).unwrap_or_default();
                    Some(o.join(stem.with_extension("json")))
                }
            };
            jobs.push(Job {
                input: input.clone(),
                output,
            });
        }
    }
    // Two inputs must not write the same output file (e.g. `a/x.ll b/x.ll -o out/`).
    let mut seen = std::collections::HashMap::new();
    for j in &jobs {
        if let Some(o) = &j.output {
            if let Some(prev) = seen.insert(o.clone(), &j.input) {
                bail!(
                    "{} and {} would both be written to {}; convert them separately or pass their directory",
                    prev.display(),
                    j.input.display(),
                    o.display()
                );
            }
        }
    }
    Ok(jobs)
}

fn convert(job: &Job, compact: bool, to_stdout_lines: bool) -> anyhow::Result<Option<String>> {
    let module = ir2json::read_module(&job.input)?;
    let json = if compact || to_stdout_lines {
        serde_json::to_string(&module)?
    } else {
        ir2json::to_json(&module)
    };
    match &job.output {
        Some(out) => {
            if let Some(parent) = out.parent() {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("cannot create {}", parent.display()))?;
            }
            std::fs::write(out, json + "\n")
                .with_context(|| format!("cannot write {}", out.display()))?;
            Ok(None)
        }
        None => Ok(Some(json)),
    }
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let jobs = plan(&args)?;
    if jobs.is_empty() {
        bail!("no .ll or .bc files found in the given inputs");
    }
    let pool = {
        let mut b = rayon::ThreadPoolBuilder::new();
        if let Some(j) = args.jobs {
            b = b.num_threads(j);
        }
        b.build()?
    };
    let bar = if std::io::stderr().is_terminal() && jobs.len() > 1 {
        let b = ProgressBar::new(jobs.len() as u64);
        b.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed} {wide_msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        b
    } else {
        ProgressBar::hidden()
    };
    let lines = jobs.len() > 1;
    let results: Vec<anyhow::Result<Option<String>>> = pool.install(|| {
        jobs.par_iter()
            .map(|job| {
                let r = convert(job, args.compact, lines);
                bar.set_message(short(&job.input));
                bar.inc(1);
                r
            })
            .collect()
    });
    bar.finish_and_clear();

    let mut stdout = std::io::stdout().lock();
    let mut failures = Vec::new();
    for (job, r) in jobs.iter().zip(results) {
        match r {
            Ok(Some(json)) => writeln!(stdout, "{json}")?,
            Ok(None) => {}
            Err(e) => failures.push((job, e)),
        }
    }
    stdout.flush()?;
    if failures.is_empty() {
        return Ok(());
    }
    for (job, e) in &failures {
        match e.downcast_ref::<ir2json::IrError>() {
            Some(ir) => crate::report::eprint(&ir.diagnostic()),
            None => crate::report::eprint_error(&job.input.display().to_string(), e),
        }
    }
    eprintln!(
        "error: {} of {} file(s) failed to convert",
        failures.len(),
        jobs.len()
    );
    // Every error is already reported above; exit non-zero without a second report.
    std::process::exit(1)
}

fn short(p: &Path) -> String {
    p.file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}
