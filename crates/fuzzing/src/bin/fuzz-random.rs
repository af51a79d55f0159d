//! `fuzz-random TARGET SECONDS [SEED] [CRASHDIR]`: the seeded mutation fuzzer of the `fuzzing`
//! crate on one front end (ir, config, asm) for SECONDS; prints executions and crashes, writes
//! each crashing input to CRASHDIR (default `target/fuzz-random/TARGET`). For machines where
//! AFL++ (scripts/fuzz.sh) is not available; no coverage feedback.
//! `fuzz-random --replay TARGET FILE...` runs the harness once on each file.
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "--replay") {
        let Some(t) = args.get(1).and_then(|s| fuzzing::Target::parse(s)) else {
            eprintln!("usage: fuzz-random --replay ir|config|asm FILE...");
            std::process::exit(2)
        };
        let mut bad = 0;
        for f in &args[2..] {
            let data = std::fs::read(f).expect("readable input");
            match fuzzing::check_one(t, &data) {
                Ok(()) => println!("{f}: ok"),
                Err(m) => {
                    bad += 1;
                    println!("{f}: CRASH {m}")
                }
            }
        }
        std::process::exit(i32::from(bad > 0));
    }
    let Some(t) = args.first().and_then(|s| fuzzing::Target::parse(s)) else {
        eprintln!("usage: fuzz-random ir|config|asm SECONDS [SEED] [CRASHDIR]");
        std::process::exit(2)
    };
    let secs: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(60);
    let seed: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let dir = args
        .get(3)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| format!("target/fuzz-random/{}", t.name()).into());
    let t0 = Instant::now();
    let st = fuzzing::run(t, seed, u64::MAX, Some(t0 + Duration::from_secs(secs)));
    println!(
        "fuzz-random {}: seed {seed}, {} executions in {:.0}s, {} distinct crashes",
        t.name(),
        st.execs,
        t0.elapsed().as_secs_f64(),
        st.crashes.len()
    );
    if !st.crashes.is_empty() {
        std::fs::create_dir_all(&dir).expect("crash folder");
    }
    for (i, c) in st.crashes.iter().enumerate() {
        let p = dir.join(format!("crash-{seed}-{i}.in"));
        std::fs::write(&p, &c.input).expect("crash file");
        println!(
            "  {}: {}",
            p.display(),
            c.message.lines().next().unwrap_or("")
        );
    }
}
