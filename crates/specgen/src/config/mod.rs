//! The configuration language (`proof.v`): lexer, parser, type checker, project checks.
//!
//! Entry point: [`load`] (or [`load_str`]) → [`Project`] or a [`LoadError`] carrying every
//! [`Diagnostic`] with the sources to render them. See `docs/config.md` for the language.

pub mod ast;
pub mod check;
pub mod diag;
pub mod env;
pub mod lexer;
pub mod parser;
pub mod pretty;
pub mod project;
pub mod span;
pub mod types;

pub use diag::{Code, Diagnostic, Severity};
pub use project::{
    load, load_str, CodeInfo, FnSig, Hints, Layer, LayerOp, LoadError, PItem, Project, Scalar,
};
pub use span::{FileId, SourceMap, Span};
pub use types::Ty;

#[cfg(test)]
mod tests;
