//! coqc against coq-lib, as the tests run it: where coq-lib is (`$AUTOV_COQLIB`, else the
//! repository's `coq-lib/`), whether it is built, the `-R` load paths, a run with an optional
//! time limit and a structured outcome, and a private compiled copy of some coq-lib files for
//! tests that must not depend on the state of the shared build.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// The file whose presence says coq-lib is built (`make -C coq-lib`).
const BUILT_MARKER: &str = "Semantics/Interp.vo";

/// The repository's `coq-lib/` (as a path below [`crate::root`], not canonicalised).
pub fn repo_lib() -> PathBuf {
    crate::root().join("coq-lib")
}

/// The coq-lib tests compile against: `$AUTOV_COQLIB` (a built snapshot), else [`repo_lib`];
/// canonical.
pub fn lib() -> PathBuf {
    let lib = std::env::var_os("AUTOV_COQLIB")
        .map(PathBuf::from)
        .unwrap_or_else(repo_lib);
    lib.canonicalize()
        .unwrap_or_else(|e| panic!("coq-lib at {}: {e} (set AUTOV_COQLIB)", lib.display()))
}

/// Whether `lib` is built.
pub fn is_built(lib: &Path) -> bool {
    lib.join(BUILT_MARKER).exists()
}

/// [`lib`], failing the test clearly when coqc is not installed or coq-lib is not built.
#[track_caller]
pub fn require_built() -> PathBuf {
    assert!(
        Command::new("coqc").arg("-v").output().is_ok(),
        "coqc not found: run scripts/setup.sh"
    );
    let lib = lib();
    assert!(is_built(&lib), "build coq-lib first: make -C coq-lib");
    lib
}

/// [`lib`] when coqc runs and coq-lib is built, else `None` (for tests that then skip their coqc
/// part and say so).
pub fn built() -> Option<PathBuf> {
    let lib = std::env::var_os("AUTOV_COQLIB")
        .map(PathBuf::from)
        .unwrap_or_else(repo_lib);
    let ok = is_built(&lib) && Command::new("coqc").arg("-v").output().is_ok();
    ok.then(|| lib.canonicalize().unwrap())
}

/// What one coqc run gave.
#[derive(Debug)]
pub enum Outcome {
    /// Compiled; what coqc printed (answers of `Eval`, messages).
    Ok { stdout: String },
    /// coqc rejected the file.
    Failed { stdout: String, stderr: String },
    /// The time limit passed (coqc was killed).
    TimedOut,
    /// coqc could not be started.
    NotRun(String),
}

impl Outcome {
    /// `Ok` is the stdout; every other outcome a message naming `what` (the file).
    pub fn result(self, what: &str) -> Result<String, String> {
        match self {
            Outcome::Ok { stdout } => Ok(stdout),
            Outcome::Failed { stdout, stderr } => Err(format!("coqc {what}: {stdout}{stderr}")),
            Outcome::TimedOut => Err(format!("coqc {what}: time-out")),
            Outcome::NotRun(e) => Err(format!("coqc {what}: {e}")),
        }
    }
}

/// A coqc invocation: `coqc [-q] -R <dir> <name>… <file>`, in a folder, with a time limit.
#[derive(Clone, Debug, Default)]
pub struct Coqc {
    cwd: Option<PathBuf>,
    quiet: bool,
    paths: Vec<(PathBuf, String)>,
    limit: Option<Duration>,
}

impl Coqc {
    /// coqc with `lib` bound to `AutoV`.
    pub fn new(lib: &Path) -> Coqc {
        Coqc::default().map(lib, "AutoV")
    }

    /// `-R dir name`.
    pub fn map(mut self, dir: impl Into<PathBuf>, name: &str) -> Coqc {
        self.paths.push((dir.into(), name.to_string()));
        self
    }

    /// `-q` (no coqrc).
    pub fn quiet(mut self) -> Coqc {
        self.quiet = true;
        self
    }

    /// Runs in `dir` (relative files and `-R .` are resolved there).
    pub fn in_dir(mut self, dir: impl Into<PathBuf>) -> Coqc {
        self.cwd = Some(dir.into());
        self
    }

    /// Kills coqc after `limit`.
    pub fn limit(mut self, limit: Duration) -> Coqc {
        self.limit = Some(limit);
        self
    }

    /// Compiles `file`.
    pub fn compile(&self, file: impl AsRef<OsStr>) -> Outcome {
        let mut cmd = Command::new("coqc");
        if let Some(d) = &self.cwd {
            cmd.current_dir(d);
        }
        if self.quiet {
            cmd.arg("-q");
        }
        for (dir, name) in &self.paths {
            cmd.arg("-R").arg(dir).arg(name);
        }
        cmd.arg(file);
        let out = match self.limit {
            Some(l) => crate::tools::output_limited(&mut cmd, l),
            None => cmd.output().map(Some),
        };
        match out {
            Err(e) => Outcome::NotRun(format!("{e} (is Coq installed? scripts/setup.sh)")),
            Ok(None) => Outcome::TimedOut,
            Ok(Some(o)) => {
                let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
                if o.status.success() {
                    Outcome::Ok { stdout }
                } else {
                    Outcome::Failed {
                        stdout,
                        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
                    }
                }
            }
        }
    }

    /// [`Coqc::compile`] as a `Result` (see [`Outcome::result`]).
    pub fn run(&self, file: &str) -> Result<String, String> {
        let what = match &self.cwd {
            Some(d) => d.join(file).display().to_string(),
            None => file.to_string(),
        };
        self.compile(file).result(&what)
    }
}

/// Copies `file` (a test layer such as `testdata/ir2coq/TestLayer.v`) into `dir` and compiles it
/// there against `lib` with `-R . name`: the test's own small Coq library.
pub fn compile_into(lib: &Path, file: &Path, dir: &Path, name: &str) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let base = file.file_name().expect("a file");
    std::fs::copy(file, dir.join(base)).map_err(|e| format!("{}: {e}", file.display()))?;
    Coqc::new(lib)
        .quiet()
        .map(".", name)
        .in_dir(dir)
        .run(&base.to_string_lossy())
        .map(drop)
}

/// A private, compiled copy of some coq-lib files for one test, so that tests never race on (or
/// depend on the state of) the shared `coq-lib` build. Removed when dropped.
pub struct PrivateLib {
    work: PathBuf,
}

impl PrivateLib {
    /// Copies and compiles `files` (names under `coq-lib/<sub>`, in dependency order) into a fresh
    /// folder named after `tag`.
    pub fn new(tag: &str, sub: &str, files: &[&str]) -> PrivateLib {
        let work = std::env::temp_dir().join(format!("autov-{tag}-{}", std::process::id()));
        let lib_dir = work.join("lib").join(sub);
        std::fs::create_dir_all(&lib_dir).expect("create the private coq-lib folder");
        let lib = PrivateLib { work };
        for f in files {
            let dst = lib_dir.join(format!("{f}.v"));
            std::fs::copy(repo_lib().join(sub).join(format!("{f}.v")), &dst)
                .expect("copy a coq-lib file");
            lib.compile(&dst, "");
        }
        lib
    }

    /// Writes `text` to `name` in the private folder and compiles it against the library;
    /// returns what coqc printed. Panics with coqc's output and the text when it fails.
    pub fn check(&self, name: &str, text: &str) -> String {
        let v = self.work.join(name);
        std::fs::write(&v, text).expect("write the Coq file");
        self.compile(&v, text)
    }

    fn compile(&self, v: &Path, text: &str) -> String {
        Coqc::new(&self.work.join("lib"))
            .compile(v)
            .result(&v.display().to_string())
            .unwrap_or_else(|e| panic!("{e}\n{text}"))
    }
}

impl Drop for PrivateLib {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.work);
    }
}
