//! `autov build`: from a checked configuration and the code it names to a Coq project that `make`
//! checks against coq-lib.
//!
//! Pipeline: [`code`] (load every `LAYER_CODE` once, link, convert with ir2coq, `CodeInfo` for the
//! configuration's code checks) → [`gen`] (layer interfaces, the call-graph DAG scheduled in waves
//! with rayon, low specs from [`lowspec`], code/refinement/layer proofs, config declarations through
//! [`cfgcoq`], all as typed [`gallina`] terms) → [`writer`] (compare-before-write). [`run::build`]
//! wires them.

pub mod cfgcoq;
pub mod code;
pub mod gallina;
pub mod gen;
pub mod lowspec;
pub mod run;
pub mod writer;

pub use run::{build, BuildFailure, BuildOptions, BuildReport};
