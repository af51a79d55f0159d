//! specgen: the proof-configuration language (`proof.v`) front end, and later spec generation.
//!
//! The config front end lives in [`config`]: lexer, parser, type checker and project-level checks,
//! all reporting [`config::Diagnostic`]s with stable codes and source spans.

pub mod build;
pub mod config;
