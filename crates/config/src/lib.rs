//! The configuration language (`proof.v`): lexer, parser, type checker, project checks, pretty
//! printer.
//!
//! Entry point: [`load`] (or [`load_str`]) → [`Project`] or a [`LoadError`] carrying every
//! [`Diagnostic`] with the sources to render them. See `docs/config.md` for the language.

pub mod ast;
pub mod check;
pub mod env;
pub mod lexer;
pub mod library;
pub mod parser;
pub mod pretty;
pub mod project;
pub mod types;

pub use diag::{Code, Diagnostic, Severity};
/// Diagnostics (the workspace's one type) and rendering.
pub mod diagnostics {
    pub use diag::*;
}
pub use diag::span;
pub use diag::{FileId, SourceMap, Span};
pub use project::{
    load, load_str, load_with, CodeInfo, FnSig, Hints, IncludeExpander, Layer, LayerOp, LoadError,
    PItem, Project, Scalar,
};
pub use types::Ty;

#[cfg(test)]
mod tests;
