//! ir2coq: LLVM IR model → structured code → typed Coq AST → text.
//!
//! Pipeline: [`ir2json::Module`] → per function: CFG ([`cfg`]) structured into nested
//! `block`/`loop`/`br`, φs eliminated as sequentialised parallel copies ([`phi`]), instructions mapped
//! to the `AutoV.Syntax` forms ([`convert`]) → the code model ([`syntax`]) → Gallina terms of the `coq` crate → text ([`emit`]).
//!
//! Entry points: [`convert_module`] (a model in memory) and [`convert_file`] (read, convert, write).

pub mod cfg;
pub mod convert;
pub mod emit;
pub mod syntax;
/// The DataLayout implementation is ir2json's.
pub use ir2json::layout;
pub mod mangle;
pub mod phi;

pub use convert::ConvError;
pub use emit::{convert_module, prefix_for, FuncReport, ModuleOutput, Options, VERSION};

use std::path::Path;

/// Failure of a whole module (function-level failures are in [`ModuleOutput::functions`]).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Read(#[from] ir2json::IrError),
    #[error("E-I2C010 cannot write {path}: {source}")]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// The failure as the workspace's diagnostic (reading: ir2json's; writing: `E-I2C010`).
    pub fn diagnostic(&self) -> diag::Diagnostic {
        match self {
            Error::Read(e) => e.diagnostic(),
            Error::Write { path, source } => diag::Diagnostic::at(
                diag::Code::I2cWrite,
                diag::Place::file(path.clone()),
                format!("cannot write the module folder: {source}"),
            )
            .hint("check that the output folder (-o) can be created and written"),
        }
    }
}

/// Read `input`, convert it and write the module folder `out` (logical name `prefix`, default
/// derived from the file name). Returns the per-function report.
pub fn convert_file(input: &Path, out: &Path, prefix: Option<&str>) -> Result<ModuleOutput, Error> {
    let m = ir2json::read_module(input)?;
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let opts = Options {
        prefix: prefix
            .map(str::to_string)
            .unwrap_or_else(|| prefix_for(&stem)),
        source: input
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    let o = convert_module(&m, &opts);
    o.write(out).map_err(|source| Error::Write {
        path: out.display().to_string(),
        source,
    })?;
    Ok(o)
}
