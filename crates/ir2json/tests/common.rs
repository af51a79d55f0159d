//! Shared helpers of the ir2json integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `../shared` next to the repository root.
pub fn shared() -> PathBuf {
    repo().join("../shared")
}

/// A fresh scratch directory for one test (removed at its end unless it fails).
pub fn scratch(name: &str) -> testkit::Scratch {
    testkit::Scratch::new("ir2json", name)
}
