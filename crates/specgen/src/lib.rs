//! specgen: from a checked configuration ([`config::Project`]) and the code it names to the files
//! of the generated Coq project.
//!
//! Stages, each a typed value handed to the next: the code ([`generate::code`]) → low specs in the
//! spec IR ([`lowspec`], [`spec`]) → Coq files built with the `coq` crate ([`generate`]).
pub mod generate;
pub mod lowspec;
pub mod spec;
pub mod synth;
