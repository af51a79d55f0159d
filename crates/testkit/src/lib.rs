//! Test plumbing shared by the workspace's tests, so that each harness states only what it checks.
//!
//! A dev-dependency only (the fuzzing crate, itself unpublished, uses [`rng`]); it depends on
//! nothing but std, so every crate, `diag` included, can use it without a cycle.

pub mod bless;
pub mod coq;
pub mod expect;
pub mod rng;
pub mod tools;

use std::path::{Path, PathBuf};

/// The repository root (the workspace folder that holds `crates/`, `coq-lib/`, `testdata/`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The shared inputs (`SeKVM.ll`, the corpus): `$AUTOV_SHARED`, else `../shared` beside the
/// repository.
pub fn shared() -> PathBuf {
    match std::env::var_os("AUTOV_SHARED") {
        Some(d) => PathBuf::from(d),
        None => root().join("../shared"),
    }
}
