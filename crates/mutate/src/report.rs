//! The summary of a run: per class, killed / survived / equivalent / invalid / timeout and the
//! mutation score (killed / (total − equivalent − invalid); a timeout counts as not killed), then
//! the survivors with their location and hint, the equivalent mutants with the reason, the invalid
//! and timed-out ones.

use crate::run::{Record, Report, Status};
use crate::{Class, Mutant};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Counts of one class (or of all).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub total: usize,
    pub killed: usize,
    pub survived: usize,
    pub equivalent: usize,
    pub invalid: usize,
    pub timeout: usize,
}

impl Counts {
    pub fn add(&mut self, s: Status) {
        self.total += 1;
        match s {
            Status::Killed => self.killed += 1,
            Status::Survived => self.survived += 1,
            Status::Equivalent => self.equivalent += 1,
            Status::Invalid => self.invalid += 1,
            Status::Timeout => self.timeout += 1,
        }
    }
    /// killed / (total − equivalent − invalid), `None` when nothing counts.
    pub fn score(&self) -> Option<f64> {
        let d = self.total - self.equivalent - self.invalid;
        (d > 0).then(|| self.killed as f64 / d as f64)
    }
}

/// Counts per class, and over all classes.
pub fn counts(records: &[Record]) -> (BTreeMap<Class, Counts>, Counts) {
    let mut per: BTreeMap<Class, Counts> = BTreeMap::new();
    let mut all = Counts::default();
    for r in records {
        per.entry(r.mutant.class).or_default().add(r.outcome.status);
        all.add(r.outcome.status);
    }
    (per, all)
}

fn pct(s: Option<f64>) -> String {
    s.map(|v| format!("{:.1}%", 100.0 * v))
        .unwrap_or_else(|| "-".into())
}

/// One line naming a mutant: id, place, function or definition, layer, operator and change.
pub fn mutant_line(m: &Mutant) -> String {
    let site = match m.class {
        Class::Code => format!("@{}", m.site),
        _ => format!("`{}`", m.site),
    };
    format!(
        "{} {} {}{} {}: {}{}",
        m.id,
        m.location(),
        site,
        m.layer
            .as_ref()
            .map(|l| format!(" ({l})"))
            .unwrap_or_default(),
        m.op,
        m.change,
        m.source
            .as_ref()
            .map(|s| format!(" [{s}]"))
            .unwrap_or_default()
    )
}

/// The table and the lists, as printed by `autov mutate`.
pub fn render(r: &Report) -> String {
    let mut s = String::new();
    let (per, all) = counts(&r.records);
    let _ = writeln!(
        s,
        "{:<6} {:>9} {:>6} {:>7} {:>8} {:>10} {:>7} {:>7} {:>7}",
        "class",
        "mutants",
        "run",
        "killed",
        "survived",
        "equivalent",
        "invalid",
        "timeout",
        "score"
    );
    let row = |s: &mut String, name: &str, enumerated: usize, c: &Counts| {
        let _ = writeln!(
            s,
            "{:<6} {:>9} {:>6} {:>7} {:>8} {:>10} {:>7} {:>7} {:>7}",
            name,
            enumerated,
            c.total,
            c.killed,
            c.survived,
            c.equivalent,
            c.invalid,
            c.timeout,
            pct(c.score())
        );
    };
    for c in Class::ALL {
        let e = r.enumerated.get(&c).copied().unwrap_or(0);
        if e == 0 && !per.contains_key(&c) {
            continue;
        }
        row(
            &mut s,
            c.as_str(),
            e,
            &per.get(&c).copied().unwrap_or_default(),
        );
    }
    row(&mut s, "all", r.enumerated.values().sum(), &all);
    let _ = writeln!(
        s,
        "mutation score: {} = {} killed / ({} run - {} equivalent - {} invalid)",
        pct(all.score()),
        all.killed,
        all.total,
        all.equivalent,
        all.invalid
    );
    let list = |s: &mut String, st: Status, title: &str, with_hint: bool| {
        let rs: Vec<&Record> = r
            .records
            .iter()
            .filter(|x| x.outcome.status == st)
            .collect();
        if rs.is_empty() {
            return;
        }
        let _ = writeln!(s, "\n{title} ({}):", rs.len());
        for x in rs {
            let _ = writeln!(s, "  {}", mutant_line(&x.mutant));
            let _ = writeln!(s, "      {}", x.outcome.reason);
            if with_hint {
                if let Some(h) = &x.outcome.hint {
                    let _ = writeln!(s, "      hint: {h}");
                }
            }
        }
    };
    list(&mut s, Status::Survived, "survivors", true);
    list(&mut s, Status::Equivalent, "equivalent", false);
    list(&mut s, Status::Timeout, "timeouts", false);
    list(&mut s, Status::Invalid, "invalid", false);
    let _ = writeln!(
        s,
        "\n{} mutant(s){} in {:.0} s (make -j{}{}{}, per-mutant timeout {:.0} s{}; load {} -> {})",
        r.records.len(),
        if r.resumed > 0 {
            format!(" ({} from the journal of an earlier run)", r.resumed)
        } else {
            String::new()
        },
        r.seconds,
        r.jobs,
        if r.workers > 1 {
            format!(" in each of {} workers", r.workers)
        } else {
            String::new()
        },
        if r.full_make {
            " -k"
        } else {
            ", cheap checks and refinement proofs first"
        },
        r.timeout_seconds,
        r.base_make_seconds
            .map(|b| format!(", base make {b:.0} s"))
            .unwrap_or_default(),
        r.load.0.map(|l| format!("{l:.2}")).unwrap_or("?".into()),
        r.load.1.map(|l| format!("{l:.2}")).unwrap_or("?".into()),
    );
    s
}

/// The `--json` document: the run's settings, the counts and every record.
pub fn json(r: &Report) -> serde_json::Value {
    let (per, all) = counts(&r.records);
    serde_json::json!({
        "config": r.config,
        "enumerated": r.enumerated,
        "counts": per,
        "total": all,
        "score": all.score(),
        "base_make_seconds": r.base_make_seconds,
        "timeout_seconds": r.timeout_seconds,
        "jobs": r.jobs,
        "workers": r.workers,
        "full_make": r.full_make,
        "load": [r.load.0, r.load.1],
        "seconds": r.seconds,
        "resumed": r.resumed,
        "warnings": r.warnings,
        "mutants": r.records,
    })
}

/// Write a JSON document (E-MUT008 when it cannot be written).
pub fn write_json(path: &std::path::Path, doc: &serde_json::Value) -> Result<(), crate::MutError> {
    let text = serde_json::to_string_pretty(doc).unwrap_or_default();
    std::fs::write(path, text + "\n").map_err(|e| {
        crate::MutError::new(diag::Code::MutReport, format!("{}: {e}", path.display()))
    })
}
