//! `autov build CONFIG`: generate the Coq project of a layered proof configuration (specgen) and
//! report per layer. Exit status non-zero when the configuration or the code has errors, or when any
//! primitive could not be generated.

use specgen::generate::Domain;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The proof configuration (`proof.v`).
    config: PathBuf,
    /// Output directory (default: the configuration's PROJ_BASE).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// coq-lib directory (default: $AUTOV_COQLIB, else the coq-lib/ of this checkout).
    #[arg(long)]
    coqlib: Option<PathBuf>,
    /// Plain (uncoloured, deterministic) diagnostics.
    #[arg(long)]
    plain: bool,
    /// Progress lines on stderr from the start (by default they appear once a run takes over 1 s).
    #[arg(long)]
    progress: bool,
    /// Keep every generated spec as its low spec (no high-spec synthesis).
    #[arg(long)]
    no_synth: bool,
    /// The persistent Z3 query cache of synthesis (default: $AUTOV_CACHE_DIR/z3-cache.jsonl, else
    /// $XDG_CACHE_HOME/autov/…, else ~/.cache/autov/…).
    #[arg(long)]
    synth_cache: Option<PathBuf>,
    /// Run synthesis without a cache file.
    #[arg(long)]
    no_synth_cache: bool,
    /// Z3 resource limit per query (deterministic; no wall-clock timeouts).
    #[arg(long, default_value_t = 500_000)]
    synth_rlimit: u64,
    /// Fault injection for tests: enable a deliberately unsound rewrite rule (the generated
    /// certificates must then fail in coqc).
    #[arg(long, hide = true)]
    synth_fault_injection: bool,
}

fn default_cache() -> Option<PathBuf> {
    let dir = std::env::var_os("AUTOV_CACHE_DIR")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("XDG_CACHE_HOME").map(|d| PathBuf::from(d).join("autov")))
        .or_else(|| std::env::var_os("HOME").map(|d| PathBuf::from(d).join(".cache/autov")))?;
    Some(dir.join("z3-cache.jsonl"))
}

pub fn run(args: Args) -> anyhow::Result<()> {
    use specgen::generate::{BuildFailure, BuildOptions};
    let t0 = std::time::Instant::now();
    let always = args.progress;
    let opts = BuildOptions {
        coqlib: args.coqlib.clone(),
        out: args.output.clone(),
        progress: Some(std::sync::Arc::new(move |m: &str| {
            if always || t0.elapsed().as_secs_f64() > 1.0 {
                eprintln!("autov build: {m}");
            }
        })),
        synth: specgen::synth::SynthOptions {
            enabled: !args.no_synth,
            cache: if args.no_synth_cache {
                None
            } else {
                args.synth_cache.clone().or_else(default_cache)
            },
            rlimit: args.synth_rlimit,
            unsound: args.synth_fault_injection,
            ..Default::default()
        },
    };
    // deep structured bodies: a big stack, as for ir2coq
    let pool = rayon::ThreadPoolBuilder::new()
        .stack_size(256 << 20)
        .build()?;
    let r = pool.install(|| specgen::generate::build(&args.config, &opts));
    let report = match r {
        Ok(r) => r,
        Err(BuildFailure::Config(e)) => {
            if args.plain {
                eprint!("{}", e.render_plain());
            } else {
                for rep in e.reports() {
                    eprintln!("{rep:?}");
                }
            }
            anyhow::bail!("{e}");
        }
        Err(BuildFailure::Code(p, diags)) => {
            for d in &diags {
                if args.plain {
                    eprint!("{}", d.render_plain(&p.sources));
                } else {
                    eprintln!("{:?}", miette::Report::new(d.to_miette(&p.sources)));
                }
            }
            anyhow::bail!(
                "{} error(s): the configuration disagrees with the code",
                diags.len()
            );
        }
        Err(BuildFailure::Load(e)) => {
            eprintln!("{e}");
            anyhow::bail!("the code cannot be loaded ({})", e.code)
        }
        Err(BuildFailure::Cycles(es)) => {
            for e in &es {
                eprintln!("{e}");
            }
            anyhow::bail!("{} call cycle(s) among the primitives", es.len())
        }
        Err(BuildFailure::Io(e)) => anyhow::bail!("{e}"),
    };
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    println!(
        "{:<14} {:>5} {:>6} {:>6} {:>6} {:>5} {:>4} {:>6} {:>6} {:>5} {:>8}",
        "layer",
        "prims",
        "given",
        "gen'd",
        "field",
        "pass",
        "asm",
        "code",
        "ref",
        "loops",
        "Admitted"
    );
    let mut admitted = 0;
    for l in &report.layers {
        println!(
            "{:<14} {:>5} {:>6} {:>6} {:>6} {:>5} {:>4} {:>6} {:>6} {:>5} {:>8}",
            l.name,
            l.prims,
            l.specs_given,
            l.specs_generated,
            l.field_specs,
            l.passthrough,
            l.asm,
            l.code_proofs,
            l.ref_proofs,
            l.loops,
            l.admitted.len()
        );
        for a in &l.admitted {
            println!("  Admitted: {a}");
        }
        admitted += l.admitted.len();
    }
    if report.layers.iter().any(|l| l.synth.generated > 0) {
        println!(
            "synthesis: {:<14} {:>11} {:>7} {:>7} {:>6} {:>6} {:>7} {:>9} {:>14}",
            "layer", "synth/total", "queries", "sampled", "hits", "unkn", "budget", "time", "nodes"
        );
        let mut tot = (0, 0, 0, 0, 0, 0, 0u128);
        for l in &report.layers {
            let s = &l.synth;
            if s.generated == 0 {
                continue;
            }
            println!(
                "synthesis: {:<14} {:>5}/{:<5} {:>7} {:>7} {:>6} {:>6} {:>7} {:>8.3}s {:>6} -> {:<6}",
                l.name,
                s.synthesised,
                s.generated,
                s.queries,
                s.sampled,
                s.hits,
                s.unknown,
                s.skipped,
                s.micros as f64 / 1e6,
                s.size_before,
                s.size_after
            );
            for (p, a, b) in &s.sizes {
                println!("synthesis:   {p:<24} {a:>6} -> {b:<6} nodes");
            }
            for p in &s.keeps_calls {
                println!("synthesis:   keeps (Hint NoUnfold): {p}");
            }
            for p in &s.incomplete {
                println!("synthesis:   incomplete: {p}");
            }
            for p in &s.kept {
                println!("synthesis:   kept as generated: {p}");
            }
            tot.0 += s.synthesised;
            tot.1 += s.generated;
            tot.2 += s.queries;
            tot.3 += s.sampled;
            tot.4 += s.hits;
            tot.5 += s.unknown;
            tot.6 += s.micros;
        }
        let z3 = tot.2 - tot.3 - tot.4;
        println!(
            "synthesis: total {}/{} synthesised, {} queries: {} sampled, {} cache hits ({:.0}% of those \
             asked of the cache), {} run by Z3, {} unknown, {:.3}s",
            tot.0,
            tot.1,
            tot.2,
            tot.3,
            tot.4,
            if tot.2 > tot.3 {
                100.0 * tot.4 as f64 / (tot.2 - tot.3) as f64
            } else {
                0.0
            },
            z3,
            tot.5,
            tot.6 as f64 / 1e6
        );
    }
    if !report.preconditions.is_empty() {
        println!("top layer: where each primitive's spec is promised (the domain of top_refines)");
        for (p, pre) in &report.preconditions {
            match pre {
                Domain::Given(pre) => println!("  {p:<24} hand-written spec, defined when: {pre}"),
                Domain::Map {
                    lock_word: false,
                    paths,
                } => match paths.as_slice() {
                    [path] => println!(
                        "  {p:<24} spec of field `{path}` (memory map), defined under its index bounds and access check"
                    ),
                    _ => println!(
                        "  {p:<24} spec of the fields `{}` (memory map), chosen by its arguments, each defined under its index bounds and access check",
                        paths.join("`, `")
                    ),
                },
                Domain::Map {
                    lock_word: true,
                    paths,
                } => println!(
                    "  {p:<24} lock operation on the word `{}` (memory map), defined under its index bounds",
                    paths.join("`, `")
                ),
                Domain::Code => println!("  {p:<24} generated spec (its code's meaning)"),
            }
        }
    }
    println!(
        "hand proofs: {} assumption(s){}",
        report.hand_assumptions.len(),
        report
            .hand_assumptions
            .iter()
            .map(|a| format!("\n  {}:{}: {} `{}`", a.file, a.line, a.kind, a.name))
            .collect::<String>()
    );
    println!(
        "schedule: {} primitive(s) with code in {} wave(s) over the call graph",
        report.waves.iter().map(|w| w.len()).sum::<usize>(),
        report.waves.len()
    );
    println!(
        "{}: {} files ({} written, {} unchanged, {} stale removed), {} lines of Coq generated from {} lines of configuration{}, {} Admitted, {:.2}s",
        report.out.display(),
        report.files,
        report.written,
        report.unchanged,
        report.removed,
        report.coq_lines,
        report.config_lines,
        if report.hand_proof_lines > 0 {
            format!(" and {} of hand proofs", report.hand_proof_lines)
        } else {
            String::new()
        },
        admitted,
        report.seconds
    );
    for e in &report.errors {
        eprintln!("{e}");
    }
    if !report.errors.is_empty() {
        anyhow::bail!("{} generation error(s)", report.errors.len());
    }
    Ok(())
}
