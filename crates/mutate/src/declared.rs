//! Survivors shown equivalent by hand: `mutate.equivalent` beside the configuration (or the file
//! `--equivalent` names) lists mutants whose change cannot alter what the proofs state, each
//! with the reason, e.g.
//!
//! ```text
//! [spec-012]
//! change = 128 → 127
//! reason = every access is 8-byte aligned and the last slot is at 120: the same accesses pass
//! ```
//!
//! A declaration never stops a mutant from running: only a mutant that `make` accepts, with the
//! declared change, is reported as equivalent (stage `declared`, the reason quoted). A declared
//! mutant that is killed, a declaration whose change no longer matches its id, or an unknown id
//! is a warning, so a stale file is noticed.

use crate::run::{Record, Status};
use crate::Mutant;
use std::collections::BTreeMap;
use std::path::Path;

/// The declarations of one file, by mutant id.
pub type Declarations = BTreeMap<String, Declared>;

/// One declaration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declared {
    pub change: String,
    pub reason: String,
    /// 1-based line of its `[id]` header.
    pub line: usize,
}

/// Parse the file's text. Errors name the line.
pub fn parse(text: &str) -> Result<Declarations, String> {
    let mut out: BTreeMap<String, Declared> = BTreeMap::new();
    let mut cur: Option<(String, usize, Option<String>, Option<String>)> = None;
    let finish = |cur: Option<(String, usize, Option<String>, Option<String>)>,
                  out: &mut BTreeMap<String, Declared>|
     -> Result<(), String> {
        if let Some((id, line, change, reason)) = cur {
            let (Some(change), Some(reason)) = (change, reason) else {
                return Err(format!(
                    "line {line}: [{id}] needs both `change = …` and `reason = …`"
                ));
            };
            if out.contains_key(&id) {
                return Err(format!("line {line}: [{id}] is declared twice"));
            }
            out.insert(
                id,
                Declared {
                    change,
                    reason,
                    line,
                },
            );
        }
        Ok(())
    };
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let l = raw.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        if let Some(id) = l.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            finish(cur.take(), &mut out)?;
            cur = Some((id.trim().to_string(), n, None, None));
            continue;
        }
        let Some((key, value)) = l.split_once('=') else {
            return Err(format!(
                "line {n}: expected `[id]`, `change = …` or `reason = …`"
            ));
        };
        let Some(c) = cur.as_mut() else {
            return Err(format!("line {n}: `{}` before any `[id]`", key.trim()));
        };
        let value = value.trim().to_string();
        match key.trim() {
            "change" => c.2 = Some(value),
            "reason" => c.3 = Some(value),
            k => return Err(format!("line {n}: unknown key `{k}` (change, reason)")),
        }
    }
    finish(cur, &mut out)?;
    Ok(out)
}

/// Declarations that no longer name their mutant: an unknown id, or an id whose change is now
/// another one (the enumeration moved).
pub fn stale(all: &[Mutant], decl: &Declarations, file: &Path) -> Vec<String> {
    let f = file.display();
    decl.iter()
        .filter_map(|(id, d)| match all.iter().find(|m| &m.id == id) {
            None => Some(format!(
                "{f}:{}: no mutant {id} (stale declaration)",
                d.line
            )),
            Some(m) if m.change != d.change => Some(format!(
                "{f}:{}: {id} is now `{}`, declared for `{}` (stale declaration)",
                d.line, m.change, d.change
            )),
            Some(_) => None,
        })
        .collect()
}

/// Reclassify the records: a survivor with a matching declaration becomes equivalent. Returns a
/// warning for each declared mutant that was killed or timed out.
pub fn reclassify(records: &mut [Record], decl: &Declarations, file: &Path) -> Vec<String> {
    let mut warnings = vec![];
    let f = file.display();
    for r in records.iter_mut() {
        let Some(d) = decl.get(&r.mutant.id) else {
            continue;
        };
        if d.change != r.mutant.change {
            continue;
        }
        match r.outcome.status {
            Status::Survived => {
                r.outcome.status = Status::Equivalent;
                r.outcome.stage = "declared".into();
                r.outcome.reason = format!("declared in {f}:{}: {}", d.line, d.reason);
            }
            Status::Killed | Status::Timeout => warnings.push(format!(
                "{f}:{}: {} is declared equivalent but was {} ({})",
                d.line,
                r.mutant.id,
                r.outcome.status.as_str(),
                r.outcome.reason
            )),
            Status::Equivalent | Status::Invalid => {}
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_blocks_and_reports_bad_lines() {
        let t = "# why\n[spec-012]\nchange = 128 → 127\nreason = aligned\n\n[code-3]\nreason = r\nchange = a = b\n";
        let d = parse(t).unwrap();
        assert_eq!(d.len(), 2);
        assert_eq!(d["spec-012"].change, "128 → 127");
        assert_eq!(d["spec-012"].line, 2);
        // only the first `=` splits
        assert_eq!(d["code-3"].change, "a = b");
        assert!(parse("[x]\nchange = 1\n").unwrap_err().contains("line 1"));
        assert!(parse("change = 1\n").unwrap_err().contains("before any"));
        assert!(parse("[x]\nwhy = 1\n").unwrap_err().contains("unknown key"));
        assert!(parse("[x]\nchange=1\nreason=2\n[x]\nchange=1\nreason=2\n")
            .unwrap_err()
            .contains("twice"));
    }
}
