//! `autov asmgen`: aarch64 assembly (GNU as `.S` style or `objdump -d` output) to its Coq model.

use anyhow::Context;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// Assembly input (`.S`/`.s`, or `objdump -d` text). Preprocess `.S` files with cpp first if they
    /// use macros or `#include`.
    input: PathBuf,
    /// Output `.v` file (default: stdout).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Treat skipped directives as errors.
    #[arg(long)]
    strict: bool,
    /// Expand `.macro`/`.irp`/`.if`/`.equ`/`.inst` (as in inline asm) before parsing; error positions
    /// then refer to the expanded text.
    #[arg(long)]
    expand_macros: bool,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let src = std::fs::read_to_string(&args.input)
        .with_context(|| format!("reading {}", args.input.display()))?;
    let name = args.input.display().to_string();
    let src = if args.expand_macros {
        asmgen::inline::expand_macros_in_file(&src).map_err(|e| anyhow::anyhow!("{name}:{e}"))?
    } else {
        src
    };
    let stem = args
        .input
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("anon")
        .to_string();
    // Keep going past failing procedures; report every failure, exit non-zero if any.
    let (prog, errors) =
        asmgen::parse_program_all(&src, &stem).map_err(|e| anyhow::anyhow!("{name}:{e}"))?;
    for w in &prog.warnings {
        eprintln!("{name}:{w}");
    }
    for e in &errors {
        eprintln!("{name}:{e}");
    }
    let text = asmgen::emit::program_file(&prog, &name).render();
    match &args.output {
        Some(o) => std::fs::write(o, text).with_context(|| format!("writing {}", o.display()))?,
        None => print!("{text}"),
    }
    let n: usize = prog.procedures.iter().map(|p| p.body.len()).sum();
    eprintln!(
        "asmgen: {} procedure(s), {n} instruction(s) from {name}; {} procedure(s) failed",
        prog.procedures.len(),
        errors.len()
    );
    if !errors.is_empty() {
        anyhow::bail!("{} procedure(s) failed", errors.len());
    }
    if args.strict && !prog.warnings.is_empty() {
        anyhow::bail!("{} directive(s) skipped (--strict)", prog.warnings.len());
    }
    Ok(())
}
