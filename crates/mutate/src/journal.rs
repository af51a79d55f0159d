//! The run's journal, `WORKDIR/journal.jsonl`: one line per finished mutant, appended as soon as
//! it is decided, so that a long run (the page-table demo's population takes hours) survives an
//! interruption and `--resume` goes on where it stopped.
//!
//! A line is reused only when its fingerprint matches the current run's: the inputs' texts, the
//! coq-lib sources and autov's version. Any change to those makes every earlier outcome stale,
//! and the mutant runs again.

use crate::run::Outcome;
use crate::{Inputs, MutError, Mutant};
use diag::Code;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// One journal line.
#[derive(Debug, Serialize, Deserialize)]
pub struct Entry {
    pub fingerprint: String,
    pub id: String,
    /// The change, to make sure the id still names the same mutant.
    pub before: String,
    pub after: String,
    pub outcome: Outcome,
}

/// FNV-1a, 64 bits: stable across Rust releases (unlike `DefaultHasher`).
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn raw(&mut self, b: &[u8]) {
        for x in b {
            self.0 ^= u64::from(*x);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    /// Length first, so that ("ab", "c") and ("a", "bc") differ.
    fn bytes(&mut self, b: &[u8]) {
        self.raw(&(b.len() as u64).to_le_bytes());
        self.raw(b);
    }
}

/// The fingerprint of everything a mutant's outcome depends on.
pub fn fingerprint(inputs: &Inputs, coqlib: Option<&Path>) -> String {
    let mut h = Fnv::new();
    h.bytes(env!("CARGO_PKG_VERSION").as_bytes());
    for f in &inputs.files {
        h.bytes(f.rel.to_string_lossy().as_bytes());
        h.bytes(f.text.as_deref().unwrap_or_default().as_bytes());
    }
    if let Some(dir) = coqlib {
        let mut files = vec![];
        coq_sources(dir, dir, &mut files);
        files.sort();
        for (rel, abs) in files {
            h.bytes(rel.as_bytes());
            h.bytes(&std::fs::read(abs).unwrap_or_default());
        }
    }
    format!("{:016x}", h.0)
}

fn coq_sources(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            coq_sources(root, &p, out);
        } else if p.extension().is_some_and(|x| x == "v") {
            let rel = p
                .strip_prefix(root)
                .unwrap_or(&p)
                .to_string_lossy()
                .into_owned();
            out.push((rel, p));
        }
    }
}

/// The outcomes of an earlier run with the same fingerprint, by mutant id (the last line wins).
/// Lines that do not parse (a run killed mid-write) are skipped.
pub fn load(path: &Path, fingerprint: &str) -> BTreeMap<String, Entry> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter_map(|l| serde_json::from_str::<Entry>(l).ok())
        .filter(|e| e.fingerprint == fingerprint)
        .map(|e| (e.id.clone(), e))
        .collect()
}

/// The earlier outcome of `m`, if the journal holds one for the same change.
pub fn earlier(done: &BTreeMap<String, Entry>, m: &Mutant) -> Option<Outcome> {
    done.get(&m.id)
        .filter(|e| e.before == m.before && e.after == m.after)
        .map(|e| e.outcome.clone())
}

/// Append one outcome.
pub fn append(path: &Path, fingerprint: &str, m: &Mutant, o: &Outcome) -> Result<(), MutError> {
    let e = Entry {
        fingerprint: fingerprint.to_string(),
        id: m.id.clone(),
        before: m.before.clone(),
        after: m.after.clone(),
        outcome: o.clone(),
    };
    let line = serde_json::to_string(&e).unwrap_or_default();
    let err =
        |e: std::io::Error| MutError::new(Code::MutWorkdir, format!("{}: {e}", path.display()));
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(err)?;
    writeln!(f, "{line}").map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::Status;

    fn outcome(status: Status) -> Outcome {
        Outcome {
            status,
            stage: "make".into(),
            reason: "r".into(),
            failing: vec!["Proofs/proofs.v".into()],
            changed_files: vec![],
            hint: None,
            seconds: 1.5,
        }
    }

    #[test]
    fn fnv_separates_boundaries_and_is_stable() {
        let mut a = Fnv::new();
        a.bytes(b"ab");
        a.bytes(b"c");
        let mut b = Fnv::new();
        b.bytes(b"a");
        b.bytes(b"bc");
        assert_ne!(a.0, b.0);
        // the published FNV-1a 64 test vector for "a"
        let mut c = Fnv::new();
        c.raw(b"a");
        assert_eq!(c.0, 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn a_line_is_reused_only_for_the_same_fingerprint_and_change() {
        let dir = std::env::temp_dir().join(format!("autov-journal-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("journal.jsonl");
        let _ = std::fs::remove_file(&path);
        let m = |id: &str, after: &str| Mutant {
            id: id.into(),
            class: crate::Class::Code,
            op: "const+1".into(),
            file: "a.ll".into(),
            line: 3,
            site: "f".into(),
            layer: None,
            change: "1 -> 2".into(),
            before: "add i32 %x, 1".into(),
            after: after.into(),
            source: None,
            input: 0,
            edit: Default::default(),
        };
        append(
            &path,
            "fp1",
            &m("code-001", "add i32 %x, 2"),
            &outcome(Status::Killed),
        )
        .unwrap();
        append(
            &path,
            "fp0",
            &m("code-002", "x"),
            &outcome(Status::Survived),
        )
        .unwrap();
        // a torn last line (the run was killed while writing) is ignored
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(b"{\"fingerprint\":\"fp1\",\"id\":\"code-0")
            .unwrap();
        let done = load(&path, "fp1");
        assert_eq!(done.len(), 1);
        let o = earlier(&done, &m("code-001", "add i32 %x, 2")).unwrap();
        assert_eq!(o.status, Status::Killed);
        assert_eq!(o.failing, vec!["Proofs/proofs.v".to_string()]);
        // the same id with another change (the enumeration moved) runs again
        assert!(earlier(&done, &m("code-001", "add i32 %x, 0")).is_none());
        // another fingerprint's line is not reused
        assert!(earlier(&done, &m("code-002", "x")).is_none());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
