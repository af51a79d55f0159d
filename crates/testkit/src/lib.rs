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

/// A fresh scratch directory under the system's temporary folder, removed when dropped unless
/// the test is failing (then it is kept for inspection).
pub struct Scratch(PathBuf);

impl Scratch {
    /// `$TMPDIR/<prefix>-<name>-<pid>-<n>`, emptied first (`n` counts the calls, so tests
    /// running side by side in one process never share a folder).
    pub fn new(prefix: &str, name: &str) -> Scratch {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let d = std::env::temp_dir().join(format!("{prefix}-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display()));
        Scratch(d)
    }
}

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<std::ffi::OsStr> for Scratch {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.0.as_os_str()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}
