//! `autov ir2coq in.ll -o out/`: the Coq code model of one module (see docs/coq-ir.md).

use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// LLVM 14 IR module (`.ll` or `.bc`).
    input: PathBuf,
    /// Output folder (one `.v` per function plus Types.v, Globals.v, Code.v, _CoqProject, Makefile).
    #[arg(short, long)]
    output: PathBuf,
    /// Coq logical name of the output folder (default: `M_<file stem>`).
    #[arg(long)]
    prefix: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let pool = rayon::ThreadPoolBuilder::new()
        .stack_size(256 << 20)
        .build()?;
    let out = match pool
        .install(|| ir2coq::convert_file(&args.input, &args.output, args.prefix.as_deref()))
    {
        Ok(out) => out,
        Err(e) => {
            crate::report::eprint(&e.diagnostic());
            anyhow::bail!(
                "{} cannot be converted ({})",
                args.input.display(),
                e.diagnostic().code
            );
        }
    };
    let failed: Vec<_> = out.failed().collect();
    for e in failed.iter().copied().chain(&out.global_errors) {
        crate::report::eprint(&e.diagnostic());
    }
    for w in &out.warnings {
        eprintln!("warning: {w}");
    }
    println!(
        "{}: {} defined functions, {} converted, {} failed, {} declarations; wrote {} files to {}",
        args.input.display(),
        out.functions.len(),
        out.converted(),
        failed.len(),
        out.declarations,
        out.files.len(),
        args.output.display()
    );
    if !failed.is_empty() || !out.global_errors.is_empty() {
        anyhow::bail!(
            "{} function(s) and {} global initializer(s) could not be converted",
            failed.len(),
            out.global_errors.len()
        );
    }
    Ok(())
}
