//! End to end on the counter case: a handful of mutants whose outcome is known. Needs coq-lib built
//! (`make -C coq-lib -j2`) and takes 1-3 minutes (the base project's `make` is most of it), so it is
//! ignored by default; `scripts/mutate.sh test` runs it.

use mutate::run::{run, Equivalents, Options, Status};
use std::path::Path;

#[test]
#[ignore]
fn counter_known_outcomes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let cfg = root.join("testdata/build/counter/proof.v");
    let wd = std::env::temp_dir().join(format!("mutate-e2e-{}", std::process::id()));
    let want = [
        // note returns i + 0: its hand-written spec says i + 1
        ("code-046", Status::Killed, Some("Top/note/RefProof.v")),
        // note_spec says i + 0: the code returns i + 1
        ("spec-043", Status::Killed, Some("Top/note/RefProof.v")),
        // fill_upto's exit test negated: its spec is generated from its code, but the top layer's
        // fill (a hand-written spec) calls it, and the loop lemma its RefProof needs fails
        ("code-032", Status::Killed, Some("Proofs/proofs.v")),
        // the trusted load accepts offsets below 127 instead of 128: the same accesses, as every
        // one is 8-byte aligned (the last slot is at 120), so this mutant is equivalent; make
        // passes and testdata/build/counter/mutate.equivalent declares it, with that reason
        ("spec-012", Status::Equivalent, None),
        // the initial slots are 1, not the IR's zeroinitializer: the initial-state theorems
        // (InitRel.v, equality relations) and the loop-bound checks (Bound.v) hold for any slot
        // values; the check against the IR's initializers does not
        ("rel-001", Status::Killed, Some("Bottom/InitMem.v")),
    ];
    // an interrupted run: four of the five, then `resume` with all five runs only the fifth;
    // the first ignores the declared equivalents, so spec-012 is a survivor there. The first
    // checks two mutants side by side (`make -j1` each), the others one at a time (`-j2`)
    let first = Options {
        workdir: wd.clone(),
        jobs: 1,
        workers: 2,
        ids: want[1..].iter().map(|w| w.0.to_string()).collect(),
        equivalents: Equivalents::Off,
        ..Options::default()
    };
    let r1 = run(&cfg, &first).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((r1.records.len(), r1.resumed), (4, 0));
    let surv = r1
        .records
        .iter()
        .find(|x| x.mutant.id == "spec-012")
        .unwrap();
    assert_eq!(surv.outcome.status, Status::Survived);
    assert!(surv
        .outcome
        .hint
        .as_deref()
        .unwrap_or("")
        .contains("the memory model of Bottom is observed through"));
    let text1 = mutate::report::render(&r1);
    assert!(
        text1.contains("spec-012 proof.v:32 `load_RData` (Bottom) const-1: 128 → 127"),
        "{text1}"
    );
    assert!(text1.contains("make -j1 in each of 2 workers"), "{text1}");
    // the two workers' journal lines, whole and one per mutant
    let journal = std::fs::read_to_string(wd.join("journal.jsonl")).unwrap();
    assert_eq!(journal.lines().count(), 4, "{journal}");
    assert!(journal
        .lines()
        .all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok()));
    // the second worker's copies are gone
    assert!(!wd.join("in.1").exists() && !wd.join("run.1").exists());
    let opts = Options {
        ids: want.iter().map(|w| w.0.to_string()).collect(),
        jobs: 2,
        workers: 1,
        resume: true,
        equivalents: Equivalents::Beside,
        ..first
    };
    let r = run(&cfg, &opts).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.resumed, 4);
    // the same outcomes, but for spec-012, now declared equivalent
    for rec in r1.records.iter().filter(|x| x.mutant.id != "spec-012") {
        let again = r
            .records
            .iter()
            .find(|x| x.mutant.id == rec.mutant.id)
            .unwrap();
        assert_eq!(again.outcome.status, rec.outcome.status);
        assert_eq!(again.outcome.failing, rec.outcome.failing);
    }
    let text = mutate::report::render(&r);
    println!("{text}");
    assert_eq!(r.records.len(), want.len());
    for (id, status, failing) in want {
        let rec = r.records.iter().find(|x| x.mutant.id == id).unwrap();
        assert_eq!(rec.outcome.status, status, "{id}: {}", rec.outcome.reason);
        if let Some(f) = failing {
            assert_eq!(
                rec.outcome.failing.first().map(String::as_str),
                Some(f),
                "{id}"
            );
        }
    }
    let eq = r
        .records
        .iter()
        .find(|x| x.mutant.id == "spec-012")
        .unwrap();
    assert_eq!(eq.outcome.stage, "declared");
    assert!(
        eq.outcome.reason.contains("mutate.equivalent:") && eq.outcome.reason.contains("aligned"),
        "{}",
        eq.outcome.reason
    );
    // score: 4 killed of 4 non-equivalent (spec-012 declared equivalent, make passed)
    let (_, all) = mutate::report::counts(&r.records);
    assert_eq!((all.killed, all.survived, all.equivalent), (4, 0, 1));
    assert!(text.contains("mutation score: 100.0%"), "{text}");
    assert!(
        text.contains("(4 from the journal of an earlier run)"),
        "{text}"
    );
    assert!(
        r.warnings.iter().all(|w| !w.contains("declar")),
        "{:?}",
        r.warnings
    );
    // the JSON record of every mutant
    let j = mutate::report::json(&r);
    assert_eq!(j["mutants"].as_array().map(|a| a.len()), Some(5));
    // in enumeration order, whatever the order of --ids
    assert_eq!(j["mutants"][0]["id"], "code-032");
    assert_eq!(j["mutants"][0]["status"], "killed");
    assert_eq!(j["mutants"][2]["id"], "spec-012");
    assert_eq!(j["mutants"][2]["status"], "equivalent");
    assert_eq!(j["mutants"][4]["id"], "rel-001");
    // the inputs are left unmutated
    let orig = std::fs::read_to_string(root.join("testdata/build/counter/counter.ll")).unwrap();
    assert_eq!(
        std::fs::read_to_string(wd.join("in/counter.ll")).unwrap(),
        orig
    );
    // nothing left to run: no base project, no make
    let r3 = run(&cfg, &opts).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r3.resumed, 5);
    // --journal-only: the same report, and the work directory is not written (its journal and
    // base project keep their modification times)
    let mtime = |p: &std::path::Path| std::fs::metadata(p).and_then(|m| m.modified()).unwrap();
    let (j0, b0) = (
        mtime(&wd.join("journal.jsonl")),
        mtime(&wd.join("base/_CoqProject")),
    );
    let r4 = run(
        &cfg,
        &Options {
            journal_only: true,
            resume: false,
            ..opts.clone()
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((r4.records.len(), r4.resumed), (5, 5));
    let (_, all4) = mutate::report::counts(&r4.records);
    assert_eq!((all4.killed, all4.survived, all4.equivalent), (4, 0, 1));
    assert_eq!(
        (
            mtime(&wd.join("journal.jsonl")),
            mtime(&wd.join("base/_CoqProject"))
        ),
        (j0, b0)
    );
    // a timeout: code-023 (clear_upto's loop start 0 → 1; killed in Proofs/proofs.v after about
    // 8 s) with 3 s; its reason names the file make was checking
    let short = Options {
        ids: vec!["code-023".into()],
        timeout: Some(std::time::Duration::from_secs(3)),
        ..opts
    };
    let r5 = run(&cfg, &short).unwrap_or_else(|e| panic!("{e}"));
    let o5 = &r5.records[0].outcome;
    assert_eq!(o5.status, Status::Timeout, "{}", o5.reason);
    assert!(
        o5.reason
            .contains("did not finish in 3 s (the last file it started: "),
        "{}",
        o5.reason
    );
    // resumed with the default timeout, the journaled timeout does not stand: it runs again
    let r6 = run(
        &cfg,
        &Options {
            timeout: None,
            ..short
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r6.resumed, 0);
    assert_eq!(r6.records[0].outcome.status, Status::Killed);
    let _ = std::fs::remove_dir_all(&wd);
}
