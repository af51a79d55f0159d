//! CI part of the fuzzing of the front ends (issue 15): every regression input under
//! `testdata/fuzz/TARGET/` (inputs that crashed a harness once) must now pass, and a short
//! fixed-seed run of the mutation fuzzer on each front end must find no crash. The long runs are
//! `scripts/fuzz.sh` (AFL++) and `fuzz-random`.

use fuzzing::{check_one, root, run, Target};

#[test]
fn regression_inputs_pass() {
    let mut n = 0;
    let mut bad = Vec::new();
    for t in Target::ALL {
        let dir = root().join("testdata/fuzz").join(t.name());
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for f in files {
            let data = std::fs::read(&f).unwrap();
            n += 1;
            if let Err(m) = check_one(t, &data) {
                bad.push(format!("{}: {m}", f.display()));
            }
        }
    }
    assert!(bad.is_empty(), "{bad:#?}");
    eprintln!("{n} regression inputs pass");
}

fn fixed_seed(t: Target, execs: u64) {
    let st = run(t, 20261203, execs, None);
    assert_eq!(st.execs, execs);
    let msgs: Vec<String> = st
        .crashes
        .iter()
        .map(|c| {
            format!(
                "{}\n--- input:\n{}",
                c.message,
                String::from_utf8_lossy(&c.input)
            )
        })
        .collect();
    assert!(
        msgs.is_empty(),
        "{} crashes:\n{}",
        msgs.len(),
        msgs.join("\n====\n")
    );
}

#[test]
fn fixed_seed_ir() {
    fixed_seed(Target::Ir, 1500);
}

#[test]
fn fixed_seed_config() {
    fixed_seed(Target::Config, 3000);
}

#[test]
fn fixed_seed_asm() {
    fixed_seed(Target::Asm, 3000);
}

/// The harness really reports a crash: an IR reader failure turned into E-IR008 is one.
#[test]
fn harness_detects_a_crash() {
    // A panic inside the harness is caught and reported with its message.
    let r = std::panic::catch_unwind(|| panic!("boom"));
    assert!(r.is_err());
    // Inputs every front end rejects cleanly are not crashes.
    for t in Target::ALL {
        assert!(check_one(t, b"\xff\xfe garbage (((").is_ok());
        assert!(check_one(t, b"").is_ok());
    }
}
