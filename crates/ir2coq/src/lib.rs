//! ir2coq: LLVM IR model → structured code → typed Coq AST → text.

pub mod cfg;
pub mod phi;
