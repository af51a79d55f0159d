//! Errors at the command line: every subcommand prints its diagnostics through miette (the
//! configuration's with their source spans, see `cmd_build`; code and assembly diagnostics with
//! their `file:line:col @function` place).

/// Print one diagnostic without a configuration span (code, assembly) to stderr.
pub fn eprint(d: &diag::Diagnostic) {
    eprintln!(
        "{:?}",
        miette::Report::new(d.to_miette(&diag::SourceMap::default()))
    );
}

/// Print an error that has no diagnostic code (e.g. an output file that cannot be written),
/// about `what` (a file).
pub fn eprint_error(what: &str, e: &anyhow::Error) {
    eprintln!("{:?}", miette::miette!("{what}: {e:#}"));
}
