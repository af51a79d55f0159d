//! `autov build`: from a checked configuration and the code it names to a Coq project that `make`
//! checks against coq-lib.
//!
//! Pipeline: [`code`] (load every `LAYER_CODE` once, link, convert with ir2coq, `CodeInfo` for the
//! configuration's code checks) → [`plan`] (layer interfaces, the call-graph DAG) → per primitive
//! with code, in waves over the call graph (rayon): its low spec in the spec IR
//! ([`crate::lowspec`]) and its files ([`prim`]) → per layer ([`layer`]) and for the whole project
//! ([`project`]) the remaining files → [`writer`] (compare-before-write). Every file is a
//! `coq::File`; configuration declarations are translated by [`cfgcoq`]; every generated name comes
//! from [`names`]. [`run::build`] wires the stages.

pub mod asm;
pub mod cfgcoq;
pub mod code;
pub mod ctx;
pub mod handproofs;
pub mod layer;
pub mod meaning;
pub mod memory;
pub mod names;
pub mod plan;
pub mod prim;
pub mod project;
pub mod run;
pub mod writer;

pub use ctx::GenError;
pub use project::{generate, Domain, Generated, LayerReport};
pub use run::{build, BuildFailure, BuildOptions, BuildReport};
