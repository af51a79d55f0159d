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

/// The repository root (the workspace folder that holds `crates/`, `coq-lib/`, `testdata/`),
/// without `..` components so that messages name files plainly.
pub fn root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .and_then(Path::parent)
        .expect("crates/testkit sits two levels below the root")
        .to_path_buf()
}

/// The shared inputs (`SeKVM.ll`, the corpus): `$AUTOV_SHARED`, else `../shared` beside the
/// repository.
pub fn shared() -> PathBuf {
    match std::env::var_os("AUTOV_SHARED") {
        Some(d) => PathBuf::from(d),
        None => root().join("../shared"),
    }
}

/// The files of `dir` (not below it) named `*.ext`, sorted: a harness's cases. Panics naming
/// `dir` when it cannot be read.
pub fn files_with_ext(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == ext))
        .collect();
    v.sort();
    v
}

/// The files named `*.ext` in `dir` and every folder below it, sorted. Panics naming a folder
/// that cannot be read.
pub fn files_below(dir: &Path, ext: &str) -> Vec<PathBuf> {
    fn walk(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
        let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for e in entries {
            let p = e.expect("a directory entry").path();
            if p.is_dir() {
                walk(&p, ext, out);
            } else if p.extension().is_some_and(|e| e == ext) {
                out.push(p);
            }
        }
    }
    let mut v = vec![];
    walk(dir, ext, &mut v);
    v.sort();
    v
}
