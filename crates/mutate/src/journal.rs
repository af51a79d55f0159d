//! The run's journal, `WORKDIR/journal.jsonl`: one line per finished mutant, appended as soon as
//! it is decided, so that a long run (the page-table demo's population takes hours) survives an
//! interruption and `--resume` goes on where it stopped.
//!
//! A line is reused only when its fingerprint matches the current run's ([`fingerprint`]:
//! autov's version, the inputs, the generated base project, the coq-lib files it loads). Any
//! change to those makes every earlier outcome stale, and the mutant runs again.

use crate::run::{Outcome, Status};
use crate::{Inputs, MutError, Mutant};
use diag::Code;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::{Read as _, Seek as _, SeekFrom, Write as _};
use std::path::{Path, PathBuf};
use std::time::Duration;

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

/// The fingerprint of everything a mutant's outcome depends on: autov's version, the inputs,
/// the generated base `project` (so a generator change between two runs of the same version
/// counts), and the coq-lib files it loads (its `Require`s, transitively), so that an unrelated
/// coq-lib change (a new folder) keeps earlier outcomes.
pub fn fingerprint(inputs: &Inputs, coqlib: Option<&Path>, project: &Path) -> String {
    let mut h = Fnv::new();
    h.bytes(env!("CARGO_PKG_VERSION").as_bytes());
    for f in &inputs.files {
        h.bytes(f.rel.to_string_lossy().as_bytes());
        h.bytes(f.text.as_deref().unwrap_or_default().as_bytes());
    }
    let mut generated = v_files(project);
    for name in ["_CoqProject", "Makefile"] {
        generated.push((name.to_string(), project.join(name)));
    }
    // where coq-lib is (the `-R PATH AutoV` line; the Makefile's comment) does not count: a run
    // resumed with a copy of the same coq-lib elsewhere is the same run
    let lib_path = std::fs::read_to_string(project.join("_CoqProject"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("-R ")
                .and_then(|r| r.strip_suffix(" AutoV"))
                .map(|p| p.trim().to_string())
        })
        .filter(|p| !p.is_empty());
    let mut loads = vec![];
    for (rel, abs) in generated {
        h.bytes(rel.as_bytes());
        let mut text = std::fs::read(abs).unwrap_or_default();
        if rel.ends_with(".v") {
            loads.extend(requires(&String::from_utf8_lossy(&text)));
        } else if let Some(p) = &lib_path {
            text = String::from_utf8_lossy(&text)
                .replace(p.as_str(), "<coq-lib>")
                .into_bytes();
        }
        h.bytes(&text);
    }
    if let Some(dir) = coqlib {
        for (rel, abs) in coqlib_closure(dir, loads) {
            h.bytes(rel.as_bytes());
            h.bytes(&std::fs::read(abs).unwrap_or_default());
        }
    }
    format!("{:016x}", h.0)
}

/// The `.v` files below `root`, relative (with `/`), sorted.
fn v_files(root: &Path) -> Vec<(String, PathBuf)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else if p.extension().is_some_and(|x| x == "v") {
                let rel = p.strip_prefix(root).unwrap_or(&p).to_string_lossy();
                out.push((rel.replace('\\', "/"), p));
            }
        }
    }
    let mut out = vec![];
    walk(root, root, &mut out);
    out.sort();
    out
}

/// The module names a Coq file requires: `From P Require Import A B.` gives `P.A`, `P.B`;
/// `Require Import A.B.` gives `A.B`. Comments are not skipped: a name in a comment only adds a
/// file to the fingerprint.
pub fn requires(text: &str) -> Vec<String> {
    let mut out = vec![];
    let words: Vec<&str> = text.split_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        if *w != "Require" {
            continue;
        }
        let from = (i >= 2 && words[i - 2] == "From").then(|| words[i - 1]);
        for m in &words[i + 1..] {
            let (name, last) = match m.strip_suffix('.') {
                Some(n) => (n, true),
                None => (*m, false),
            };
            if !matches!(name, "Import" | "Export" | "") {
                out.push(match from {
                    Some(p) => format!("{p}.{name}"),
                    None => name.to_string(),
                });
            }
            if last {
                break;
            }
        }
    }
    out
}

/// The coq-lib files (logical prefix `AutoV`) that modules named `loads` (from [`requires`]) are,
/// or load, directly or through each other. A name matches every file whose logical path ends
/// with it, as in Coq's partial qualification (an over-approximation when two files share a name).
pub fn coqlib_closure(coqlib: &Path, loads: Vec<String>) -> Vec<(String, PathBuf)> {
    let lib = v_files(coqlib);
    let logical: Vec<String> = lib
        .iter()
        .map(|(rel, _)| format!("AutoV.{}", rel.trim_end_matches(".v").replace('/', ".")))
        .collect();
    let mut todo = loads;
    let mut seen = std::collections::BTreeSet::new();
    let mut names = std::collections::BTreeSet::new();
    while let Some(n) = todo.pop() {
        if !names.insert(n.clone()) {
            continue;
        }
        let (prefix, last) = match n.rsplit_once('.') {
            Some((p, l)) => (Some(p), l),
            None => (None, n.as_str()),
        };
        for (i, l) in logical.iter().enumerate() {
            let hit = l.ends_with(&format!(".{last}"))
                && prefix.is_none_or(|p| {
                    l.starts_with(&format!("{p}.")) || l.contains(&format!(".{p}."))
                });
            if hit && seen.insert(i) {
                todo.extend(requires(
                    &std::fs::read_to_string(&lib[i].1).unwrap_or_default(),
                ));
            }
        }
    }
    seen.into_iter().map(|i| lib[i].clone()).collect()
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

/// The earlier outcome of `m`, if the journal holds one for the same change. A timeout is
/// reused only if the run had at least the current `timeout`: a resumed run with a longer
/// `--timeout` gives the timed-out mutants their chance.
pub fn earlier(done: &BTreeMap<String, Entry>, m: &Mutant, timeout: Duration) -> Option<Outcome> {
    done.get(&m.id)
        .filter(|e| e.before == m.before && e.after == m.after)
        .filter(|e| {
            e.outcome.status != Status::Timeout || e.outcome.seconds + 1.0 >= timeout.as_secs_f64()
        })
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
        .read(true)
        .append(true)
        .open(path)
        .map_err(err)?;
    // after a torn last line (a run killed while writing) the new line starts on a line of its
    // own; only the last byte is read
    let torn = match f.seek(SeekFrom::End(-1)) {
        Ok(_) => {
            let mut last = [0u8];
            f.read_exact(&mut last).map_err(err)?;
            last[0] != b'\n'
        }
        Err(_) => false, // empty file
    };
    let text = format!("{}{line}\n", if torn { "\n" } else { "" });
    // one write: two workers' lines do not interleave
    f.write_all(text.as_bytes()).map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn requires_reads_from_and_plain_forms() {
        let t = "From Coq Require Import ZArith List.\nFrom AutoV Require Export Syntax Ints.\n\
                 Require Import AutoV.MMU.LTS.\nRequire X.";
        assert_eq!(
            requires(t),
            [
                "Coq.ZArith",
                "Coq.List",
                "AutoV.Syntax",
                "AutoV.Ints",
                "AutoV.MMU.LTS",
                "X"
            ]
        );
    }

    #[test]
    fn the_closure_follows_requires_and_skips_unloaded_folders() {
        let dir = testkit::Scratch::new("autov", "closure");
        let lib = dir.join("lib");
        let proj = dir.join("proj");
        for d in [lib.join("Semantics"), lib.join("MMU"), proj.join("Top")] {
            std::fs::create_dir_all(d).unwrap();
        }
        let w = |p: PathBuf, t: &str| std::fs::write(p, t).unwrap();
        w(lib.join("All.v"), "From AutoV Require Export Syntax.\n");
        w(
            lib.join("Semantics/Syntax.v"),
            "From Coq Require Import ZArith.\n",
        );
        w(lib.join("MMU/LTS.v"), "From AutoV Require Import Syntax.\n");
        w(proj.join("Top/A.v"), "From AutoV Require Import All.\n");
        let loads = requires(&std::fs::read_to_string(proj.join("Top/A.v")).unwrap());
        let rels: Vec<String> = coqlib_closure(&lib, loads)
            .into_iter()
            .map(|x| x.0)
            .collect();
        assert_eq!(rels, ["All.v", "Semantics/Syntax.v"]);
        // the MMU folder is not part of the fingerprint; the files loaded are
        let inputs = Inputs {
            root: dir.to_path_buf(),
            config: 0,
            files: vec![],
            config_files: vec![],
            code_files: vec![],
        };
        let f0 = fingerprint(&inputs, Some(&lib), &proj);
        w(lib.join("MMU/LTS.v"), "(* changed *)\n");
        assert_eq!(fingerprint(&inputs, Some(&lib), &proj), f0);
        w(lib.join("Semantics/Syntax.v"), "(* changed *)\n");
        let f1 = fingerprint(&inputs, Some(&lib), &proj);
        assert_ne!(f1, f0);
        // where coq-lib is does not count
        w(proj.join("_CoqProject"), "-R ../lib AutoV\nTop/A.v\n");
        let f2 = fingerprint(&inputs, Some(&lib), &proj);
        w(proj.join("_CoqProject"), "-R ../../x/lib AutoV\nTop/A.v\n");
        assert_eq!(fingerprint(&inputs, Some(&lib), &proj), f2);
        w(proj.join("_CoqProject"), "-R ../../x/lib AutoV\nTop/B.v\n");
        assert_ne!(fingerprint(&inputs, Some(&lib), &proj), f2);
        // a generated file that changed (another generator) counts too
        w(
            proj.join("Top/A.v"),
            "From AutoV Require Import All.\n(* v2 *)\n",
        );
        assert_ne!(fingerprint(&inputs, Some(&lib), &proj), f1);
    }

    #[test]
    fn a_line_is_reused_only_for_the_same_fingerprint_and_change() {
        let dir = testkit::Scratch::new("autov", "journal");
        let path = dir.join("journal.jsonl");
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
        // a timeout after 600 s, appended after the torn line
        let mut timed_out = outcome(Status::Timeout);
        timed_out.seconds = 600.2;
        append(&path, "fp1", &m("code-003", "y"), &timed_out).unwrap();
        let done = load(&path, "fp1");
        assert_eq!(done.len(), 2);
        let t = Duration::from_secs(600);
        let o = earlier(&done, &m("code-001", "add i32 %x, 2"), t).unwrap();
        assert_eq!(o.status, Status::Killed);
        assert_eq!(o.failing, vec!["Proofs/proofs.v".to_string()]);
        // the same id with another change (the enumeration moved) runs again
        assert!(earlier(&done, &m("code-001", "add i32 %x, 0"), t).is_none());
        // another fingerprint's line is not reused
        assert!(earlier(&done, &m("code-002", "x"), t).is_none());
        // a timeout stands for the same or a shorter timeout, not for a longer one
        assert!(earlier(&done, &m("code-003", "y"), t).is_some());
        assert!(earlier(&done, &m("code-003", "y"), Duration::from_secs(300)).is_some());
        assert!(earlier(&done, &m("code-003", "y"), Duration::from_secs(1200)).is_none());
    }
}
