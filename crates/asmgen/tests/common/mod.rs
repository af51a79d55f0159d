//! A private, compiled copy of coq-lib's AArch64 files for one test, so that tests never race on
//! (or depend on the state of) the shared `coq-lib` build.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Whether the checks that need external `tools` run: they do unless `AUTOV_SKIP_TOOL_TESTS=1`
/// says to skip them; a missing tool is then a failure, not a silent pass (`scripts/setup.sh`
/// installs them all).
pub fn tools_wanted(tools: &[&str]) -> bool {
    if std::env::var("AUTOV_SKIP_TOOL_TESTS").is_ok_and(|v| v == "1") {
        eprintln!("skipping the checks that need {tools:?}: AUTOV_SKIP_TOOL_TESTS=1");
        return false;
    }
    for t in tools {
        let ok = Command::new(t)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        assert!(
            ok,
            "`{t}` not found: run scripts/setup.sh, or set AUTOV_SKIP_TOOL_TESTS=1 to skip"
        );
    }
    true
}

/// [`tools_wanted`] for coqc alone.
#[allow(dead_code)] // each test binary compiles this module; not all use every helper
pub fn coq_wanted() -> bool {
    tools_wanted(&["coqc"])
}

/// The shared inputs (`SeKVM.ll`, the corpus): `$AUTOV_SHARED`, else `../shared` beside the
/// repository.
#[allow(dead_code)]
pub fn shared() -> PathBuf {
    match std::env::var_os("AUTOV_SHARED") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
    }
}

pub struct AsmCoqLib {
    work: PathBuf,
}

impl AsmCoqLib {
    /// Copies and compiles `files` (names under coq-lib/AArch64, in dependency order) into a fresh
    /// folder named after `tag`.
    pub fn new(tag: &str, files: &[&str]) -> Self {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let work = std::env::temp_dir().join(format!("asmgen-{tag}-{}", std::process::id()));
        let lib_dir = work.join("lib/AArch64");
        std::fs::create_dir_all(&lib_dir).expect("create the private coq-lib folder");
        let lib = AsmCoqLib { work };
        for f in files {
            let dst = lib_dir.join(format!("{f}.v"));
            std::fs::copy(root.join("coq-lib/AArch64").join(format!("{f}.v")), &dst)
                .expect("copy a coq-lib file");
            lib.compile(&dst, "");
        }
        lib
    }

    /// Writes `text` to `name` in the private folder and compiles it against the library;
    /// returns what coqc printed.
    pub fn check(&self, name: &str, text: &str) -> String {
        let v = self.work.join(name);
        std::fs::write(&v, text).expect("write the Coq file");
        self.compile(&v, text)
    }

    fn compile(&self, v: &Path, text: &str) -> String {
        let o = Command::new("coqc")
            .arg("-R")
            .arg(self.work.join("lib"))
            .arg("AutoV")
            .arg(v)
            .output()
            .expect("run coqc");
        assert!(
            o.status.success(),
            "coqc {}: {}{}\n{text}",
            v.display(),
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&o.stdout).into_owned()
    }
}

impl Drop for AsmCoqLib {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.work);
    }
}
