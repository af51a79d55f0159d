//! `autov asmgen`: aarch64 assembly (GNU as `.S` style or `objdump -d` output) to its Coq model.
//! Errors and warnings are `diag::Diagnostic`s (`E-ASM…`), rendered by miette (or plainly).

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
    /// Plain (uncoloured, deterministic) diagnostics.
    #[arg(long)]
    plain: bool,
}

/// Renders diagnostics of one assembly text (with its source lines).
struct Reporter {
    sources: diag::SourceMap,
    file: diag::FileId,
    name: String,
    plain: bool,
}

impl Reporter {
    fn new(name: &str, text: &str, plain: bool) -> Reporter {
        let mut sources = diag::SourceMap::default();
        let file = sources.add(name.into(), text.to_string());
        Reporter {
            sources,
            file,
            name: name.to_string(),
            plain,
        }
    }

    fn report(&self, mut d: diag::Diagnostic, line: usize, col: usize) {
        d.span = asmgen::error::span_at(self.file, &self.sources.file(self.file).text, line, col);
        if self.plain {
            eprint!("{}", d.render_plain(&self.sources));
        } else {
            eprintln!("{:?}", miette::Report::new(d.to_miette(&self.sources)));
        }
    }

    fn error(&self, e: &asmgen::AsmError) {
        self.report(e.diagnostic(&self.name), e.line, e.col);
    }
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let src = std::fs::read_to_string(&args.input)
        .with_context(|| format!("reading {}", args.input.display()))?;
    let name = args.input.display().to_string();
    let src = if args.expand_macros {
        match asmgen::inline::expand_macros_in_file(&src) {
            Ok(t) => t,
            Err(e) => {
                Reporter::new(&name, &src, args.plain).error(&e);
                anyhow::bail!("{name}: macro expansion failed ({})", e.code);
            }
        }
    } else {
        src
    };
    let rep = Reporter::new(
        &if args.expand_macros {
            format!("{name} (macros expanded)")
        } else {
            name.clone()
        },
        &src,
        args.plain,
    );
    let stem = args
        .input
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("anon")
        .to_string();
    // Keep going past failing procedures; report every failure, exit non-zero if any.
    let (prog, errors) = match asmgen::parse_program_all(&src, &stem) {
        Ok(r) => r,
        Err(e) => {
            rep.error(&e);
            anyhow::bail!("{name}: cannot be read ({})", e.code);
        }
    };
    for w in &prog.warnings {
        rep.report(w.diagnostic(&rep.name), w.line, w.col);
    }
    for e in &errors {
        rep.error(e);
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
