//! `autov mutate CONFIG`: mutation testing of the generated proofs (the `mutate` crate; see
//! docs/mutate.md). Prints the table, the survivors and the mutation score; `--json` writes every
//! mutant's record.

use indicatif::{ProgressBar, ProgressStyle};
use mutate::run::{Equivalents, Event, Options, Status};
use mutate::Class;
use std::io::IsTerminal as _;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(clap::Args)]
pub struct Args {
    /// The proof configuration (`proof.v`).
    config: PathBuf,
    /// Work directory: inputs, the base project, logs (default: ./mutate-<PROJ_NAME>).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// `make -j N` for each mutant.
    #[arg(short, long, default_value_t = 1)]
    jobs: usize,
    /// Check N mutants side by side, each in its own copy of the project (WORKDIR/run.K); each
    /// one's make gets -j as given. On 2 cores, `-w 2 -j 1` keeps both busy where one mutant's
    /// proofs form a chain.
    #[arg(short, long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=16))]
    workers: u16,
    /// Only the mutants of one class.
    #[arg(long, value_parser = ["code", "spec", "rel"])]
    only: Option<String>,
    /// Run at most N of the selected mutants, spread evenly over them.
    #[arg(long)]
    limit: Option<usize>,
    /// Run exactly these mutants (ids as listed by --list, comma-separated).
    #[arg(long, value_delimiter = ',')]
    ids: Vec<String>,
    /// Write every mutant's record to FILE (JSON).
    #[arg(long)]
    json: Option<PathBuf>,
    /// Per-mutant make timeout in seconds (default: 3 x the base project's make, at least 600).
    #[arg(long)]
    timeout: Option<u64>,
    /// coq-lib directory (default as for `autov build`).
    #[arg(long)]
    coqlib: Option<PathBuf>,
    /// Keep every mutant's project copy under WORKDIR/mutants/ID.
    #[arg(long)]
    keep: bool,
    /// `make -k` of the whole project for every mutant (default: the cheap generated checks, then
    /// the refinement proofs, stopping at the first failure, then the rest).
    #[arg(long)]
    full_make: bool,
    /// List the selected mutants and stop (nothing is built).
    #[arg(long)]
    list: bool,
    /// Go on with an interrupted run: reuse the outcomes in WORKDIR/journal.jsonl recorded for the
    /// same inputs, coq-lib and autov (without it the journal starts empty).
    #[arg(long)]
    resume: bool,
    /// Survivors declared equivalent, each with its reason (default: mutate.equivalent beside the
    /// configuration, if there is one; see docs/mutate.md).
    #[arg(long, conflicts_with = "no_equivalent")]
    equivalent: Option<PathBuf>,
    /// Report every survivor as one, ignoring mutate.equivalent.
    #[arg(long)]
    no_equivalent: bool,
    /// Report what WORKDIR/journal.jsonl already decided and run nothing (the work directory is
    /// left as it is, so this is safe while a run is going on in it).
    #[arg(long, conflicts_with_all = ["resume", "list"])]
    journal_only: bool,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let only = args.only.as_deref().and_then(Class::parse);
    let workdir = args
        .output
        .clone()
        .unwrap_or_else(|| mutate::default_workdir(&args.config));
    let tty = std::io::stderr().is_terminal();
    let bar: Arc<Mutex<Option<ProgressBar>>> = Arc::new(Mutex::new(None));
    let b2 = bar.clone();
    // the number of mutants, for "[k/N]" in plain (non-terminal) progress lines
    let of = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let progress: mutate::run::ProgressFn = Arc::new(move |e: Event| {
        let mut bar = b2.lock().unwrap_or_else(|p| p.into_inner());
        let n = of.load(std::sync::atomic::Ordering::Relaxed);
        match e {
            Event::Stage(s) => eprintln!("autov mutate: {s}"),
            Event::Start { total } => {
                of.store(total, std::sync::atomic::Ordering::Relaxed);
                if tty {
                    let b = ProgressBar::new(total as u64);
                    b.set_style(
                        ProgressStyle::with_template("{bar:30} {pos}/{len} {elapsed} {wide_msg}")
                            .unwrap_or_else(|_| ProgressStyle::default_bar()),
                    );
                    b.enable_steady_tick(Duration::from_secs(1));
                    *bar = Some(b);
                } else {
                    eprintln!("autov mutate: {total} mutant(s)");
                }
            }
            Event::Mutant { index, mutant } => {
                if let Some(b) = bar.as_ref() {
                    b.set_message(format!("{} {}", mutant.id, mutant.change));
                } else {
                    eprintln!(
                        "[{}/{n}] {}",
                        index + 1,
                        mutate::report::mutant_line(mutant)
                    );
                }
            }
            Event::Done {
                index,
                record,
                resumed,
            } => {
                let o = &record.outcome;
                let line = format!(
                    "[{}/{n}] {} {} ({:.0} s{}): {}",
                    index + 1,
                    record.mutant.id,
                    o.status.as_str(),
                    o.seconds,
                    if resumed { ", earlier run" } else { "" },
                    o.reason
                );
                if let Some(b) = bar.as_ref() {
                    if o.status == Status::Survived {
                        b.println(line);
                    }
                    b.inc(1);
                } else {
                    eprintln!("{line}");
                }
            }
        }
    });
    let opts = Options {
        workdir,
        jobs: args.jobs.max(1),
        workers: usize::from(args.workers),
        only,
        limit: args.limit,
        ids: args.ids.clone(),
        timeout: args.timeout.map(Duration::from_secs),
        coqlib: args.coqlib.clone(),
        keep: args.keep,
        full_make: args.full_make,
        list: args.list,
        resume: args.resume,
        journal_only: args.journal_only,
        equivalents: match (&args.equivalent, args.no_equivalent) {
            (_, true) => Equivalents::Off,
            (Some(f), false) => Equivalents::File(f.clone()),
            (None, false) => Equivalents::Beside,
        },
        progress: Some(progress),
    };
    let r = mutate::run::run(&args.config, &opts)?;
    if let Some(b) = bar.lock().unwrap_or_else(|p| p.into_inner()).take() {
        b.finish_and_clear();
    }
    for w in &r.warnings {
        eprintln!("warning: {w}");
    }
    if args.list {
        for m in &r.listed {
            println!("{}", mutate::report::mutant_line(m));
        }
        let mut per = std::collections::BTreeMap::<Class, usize>::new();
        for m in &r.listed {
            *per.entry(m.class).or_default() += 1;
        }
        println!(
            "{} mutant(s) selected of {} ({})",
            r.listed.len(),
            r.enumerated.values().sum::<usize>(),
            per.iter()
                .map(|(c, n)| format!("{c} {n}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    } else {
        print!("{}", mutate::report::render(&r));
    }
    if let Some(j) = &args.json {
        let doc = if args.list {
            serde_json::json!({ "config": r.config, "enumerated": r.enumerated, "mutants": r.listed })
        } else {
            mutate::report::json(&r)
        };
        mutate::report::write_json(j, &doc)?;
    }
    Ok(())
}
