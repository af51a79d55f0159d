//! `autov build CONFIG`: generate the Coq project of a layered proof configuration (specgen) and
//! report per layer. Exit status non-zero when the configuration or the code has errors, or when any
//! primitive could not be generated.

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
        "{:<14} {:>5} {:>6} {:>6} {:>5} {:>6} {:>6} {:>5} {:>8}",
        "layer", "prims", "given", "gen'd", "pass", "code", "ref", "loops", "Admitted"
    );
    let mut admitted = 0;
    for l in &report.layers {
        println!(
            "{:<14} {:>5} {:>6} {:>6} {:>5} {:>6} {:>6} {:>5} {:>8}",
            l.name,
            l.prims,
            l.specs_given,
            l.specs_generated,
            l.passthrough,
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
    if !report.preconditions.is_empty() {
        println!("top layer: where each primitive's spec is promised (the domain of top_refines)");
        for (p, pre) in &report.preconditions {
            match pre {
                Some(pre) => println!("  {p:<24} hand-written spec, defined when: {pre}"),
                None => println!("  {p:<24} generated spec (its code's meaning)"),
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
