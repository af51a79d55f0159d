//! Fuzzing of the front ends that read user files (issue 15): LLVM IR (ir2json, then ir2coq on
//! what it reads), the configuration language (config) and aarch64 assembly (asmgen).
//!
//! - [`harness`]: one function per front end, the only code the fuzzers call. A harness returns
//!   for any input the front end accepts or rejects with a diagnostic; a crash is a panic that
//!   escapes (or an abort, a stack overflow), or for LLVM IR an `E-IR008` (a reader panic the
//!   reader turned into an error).
//! - Coverage-guided fuzzing runs outside CI with AFL++ (`cargo afl`, stable Rust): `fuzz/` holds
//!   its binaries and `scripts/fuzz.sh` runs them.
//! - [`mutate`] and [`run`]: a seeded mutation fuzzer (no coverage feedback) over the same
//!   harnesses: byte edits, line edits (LLVM IR and the configuration language are line
//!   structured), tokens from each front end's dictionary and splices of seed inputs. CI runs it
//!   for a fixed seed and a bounded number of executions (`tests/fuzz.rs`); `fuzz-random` runs
//!   it for a given time where AFL++ is not available.
//! - `testdata/fuzz/TARGET/`: every input that crashed a harness once, replayed by the tests.

pub mod harness;

use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};

/// The three fuzzed front ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Ir,
    Config,
    Asm,
}

impl Target {
    pub const ALL: [Target; 3] = [Target::Ir, Target::Config, Target::Asm];

    pub fn parse(s: &str) -> Option<Target> {
        match s {
            "ir" => Some(Target::Ir),
            "config" => Some(Target::Config),
            "asm" => Some(Target::Asm),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Target::Ir => "ir",
            Target::Config => "config",
            Target::Asm => "asm",
        }
    }

    /// The harness: panics on a crash.
    pub fn harness(self) -> fn(&[u8]) {
        match self {
            Target::Ir => harness::ir,
            Target::Config => harness::config,
            Target::Asm => harness::asm,
        }
    }

    /// Tokens the mutator inserts: keywords and punctuation of the front end's language.
    pub fn dict(self) -> Vec<Vec<u8>> {
        let text = match self {
            Target::Ir => include_str!("../../../fuzz/dict/ir.dict"),
            Target::Config => include_str!("../../../fuzz/dict/config.dict"),
            Target::Asm => include_str!("../../../fuzz/dict/asm.dict"),
        };
        text.lines()
            .filter_map(|l| {
                let v = l.split_once('=')?.1.trim();
                let v = v.strip_prefix('"')?.strip_suffix('"')?;
                Some(unescape(v))
            })
            .collect()
    }
}

/// AFL dictionary escapes: `\\`, `\"` and `\xNN`.
fn unescape(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 1 < b.len() {
            if b[i + 1] == b'x' && i + 3 < b.len() {
                if let Ok(v) = u8::from_str_radix(&s[i + 2..i + 4], 16) {
                    out.push(v);
                    i += 4;
                    continue;
                }
            }
            out.push(b[i + 1]);
            i += 2;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// The repository's root (for seed inputs and regression inputs).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Seed inputs of a target from `testdata/` (the same ones `scripts/fuzz.sh` gives AFL++), plus
/// the target's regression inputs.
pub fn seeds(t: Target) -> Vec<Vec<u8>> {
    let r = root();
    let mut files: Vec<PathBuf> = Vec::new();
    let mut add = |dir: &str, ext: &str| {
        if let Ok(rd) = std::fs::read_dir(r.join(dir)) {
            let mut v: Vec<PathBuf> = rd
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == ext))
                .collect();
            v.sort();
            files.extend(v);
        }
    };
    match t {
        Target::Ir => {
            add("testdata/ir2json", "ll");
            add("testdata/ir2coq/golden", "ll");
            add("testdata/ir2coq/callbr", "ll");
        }
        Target::Config => {
            add("testdata/config/ok", "v");
            add("testdata/config/err", "v");
        }
        Target::Asm => add("testdata/asm", "S"),
    }
    add(&format!("testdata/fuzz/{}", t.name()), "in");
    files.iter().filter_map(|p| std::fs::read(p).ok()).collect()
}

/// The seeded generator of the mutation fuzzer: testkit's xorshift64* (the same sequence as the
/// tests' generator).
pub use testkit::rng::Rng;

/// Byte ranges of the lines of `b` (each with its newline).
fn lines(b: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut s = 0;
    for (i, &c) in b.iter().enumerate() {
        if c == b'\n' {
            out.push((s, i + 1));
            s = i + 1;
        }
    }
    if s < b.len() {
        out.push((s, b.len()));
    }
    out
}

/// Byte ranges of the words of `b` (runs of identifier characters, `%`, `@`, `.`, `-`).
fn words(b: &[u8]) -> Vec<(usize, usize)> {
    let w = |c: u8| c.is_ascii_alphanumeric() || b"_%@.-$#".contains(&c);
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if w(b[i]) {
            let s = i;
            while i < b.len() && w(b[i]) {
                i += 1;
            }
            out.push((s, i));
        } else {
            i += 1;
        }
    }
    out
}

const INTERESTING: &[&[u8]] = &[
    b"0",
    b"-1",
    b"255",
    b"256",
    b"65535",
    b"2147483647",
    b"-2147483648",
    b"4294967296",
    b"9223372036854775807",
    b"18446744073709551616",
    b"340282366920938463463374607431768211456",
    b"0x",
    b"0xFFFFFFFFFFFFFFFFFFFF",
    b"1e400",
    b"\"",
    b"(",
    b")",
    b"[",
    b"]",
    b"{",
    b"}",
    b"<",
    b">",
    b",",
    b";",
    b":",
    b"\\",
    b"\n",
    b"\0",
    b"\xff",
    b"\xc3\xa9",
];

/// One mutation (1 to 4 edits) of `input`, with tokens from `dict` and splices from `pool`.
pub fn mutate(rng: &mut Rng, input: &[u8], dict: &[Vec<u8>], pool: &[Vec<u8>]) -> Vec<u8> {
    let mut b = input.to_vec();
    let edits = 1 + rng.below(4);
    for _ in 0..edits {
        let token: Vec<u8> = if !dict.is_empty() && rng.below(3) != 0 {
            dict[rng.below(dict.len())].clone()
        } else {
            INTERESTING[rng.below(INTERESTING.len())].to_vec()
        };
        match rng.below(11) {
            // Byte edits.
            0 if !b.is_empty() => {
                let i = rng.below(b.len());
                b[i] ^= 1 << rng.below(8);
            }
            1 if !b.is_empty() => {
                let i = rng.below(b.len());
                b[i] = rng.next_u64() as u8;
            }
            2 if !b.is_empty() => {
                let i = rng.below(b.len());
                let n = 1 + rng.below(16.min(b.len() - i));
                b.drain(i..i + n);
            }
            // Token insertion and replacement of a word.
            3 => {
                let i = rng.below(b.len() + 1);
                b.splice(i..i, token);
            }
            4 | 5 => {
                let ws = words(&b);
                if !ws.is_empty() {
                    let (s, e) = ws[rng.below(ws.len())];
                    b.splice(s..e, token);
                }
            }
            // Line edits: delete, duplicate, swap, move.
            6 => {
                let ls = lines(&b);
                if !ls.is_empty() {
                    let (s, e) = ls[rng.below(ls.len())];
                    b.drain(s..e);
                }
            }
            7 => {
                let ls = lines(&b);
                if !ls.is_empty() {
                    let (s, e) = ls[rng.below(ls.len())];
                    let l = b[s..e].to_vec();
                    let (t, _) = ls[rng.below(ls.len())];
                    b.splice(t..t, l);
                }
            }
            8 => {
                let ls = lines(&b);
                if ls.len() >= 2 {
                    let i = rng.below(ls.len());
                    let j = rng.below(ls.len());
                    let (a, c) = (ls[i.min(j)], ls[i.max(j)]);
                    if a != c {
                        let mut nb = b[..a.0].to_vec();
                        nb.extend_from_slice(&b[c.0..c.1]);
                        nb.extend_from_slice(&b[a.1..c.0]);
                        nb.extend_from_slice(&b[a.0..a.1]);
                        nb.extend_from_slice(&b[c.1..]);
                        b = nb;
                    }
                }
            }
            // Splice: a tail of this input after a head of another, at line boundaries.
            9 if !pool.is_empty() => {
                let o = &pool[rng.below(pool.len())];
                let ol = lines(o);
                let ml = lines(&b);
                if !ol.is_empty() && !ml.is_empty() {
                    let cut_o = ol[rng.below(ol.len())].0;
                    let cut_m = ml[rng.below(ml.len())].0;
                    let mut nb = b[..cut_m].to_vec();
                    nb.extend_from_slice(&o[cut_o..]);
                    b = nb;
                }
            }
            // Truncation.
            _ if !b.is_empty() => {
                let n = rng.below(b.len());
                b.truncate(n);
            }
            _ => {}
        }
    }
    b.truncate(1 << 16);
    b
}

/// A crash: the input and the panic message.
pub struct Crash {
    pub input: Vec<u8>,
    pub message: String,
}

/// Figures of a run.
#[derive(Default)]
pub struct Stats {
    pub execs: u64,
    pub crashes: Vec<Crash>,
}

/// Run the harness on `input`; `Err` with the panic message on a crash.
pub fn check_one(t: Target, input: &[u8]) -> Result<(), String> {
    let h = t.harness();
    std::panic::catch_unwind(AssertUnwindSafe(|| h(input))).map_err(|p| {
        p.downcast_ref::<String>()
            .cloned()
            .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "panic".into())
    })
}

/// Run the mutation fuzzer on `t` from `seed` until `execs` executions or `until` (whichever
/// first); inputs that crash are collected (at most 20, each distinct message once). With
/// `FUZZ_LAST_INPUT=FILE` each input is written to FILE before it runs (for aborts).
pub fn run(t: Target, seed: u64, execs: u64, until: Option<std::time::Instant>) -> Stats {
    let pool = seeds(t);
    let dict = t.dict();
    let mut rng = Rng::new(seed);
    let mut st = Stats::default();
    // Keep the panics quiet: they are reported with their inputs.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let last = std::env::var_os("FUZZ_LAST_INPUT");
    // The seeds themselves first.
    let mut queue: Vec<Vec<u8>> = pool.clone();
    while st.execs < execs && until.is_none_or(|u| std::time::Instant::now() < u) {
        let input = if (st.execs as usize) < pool.len() {
            pool[st.execs as usize].clone()
        } else {
            let base = &queue[rng.below(queue.len())];
            mutate(&mut rng, base, &dict, &pool)
        };
        st.execs += 1;
        if let Some(p) = &last {
            // An abort or a stack overflow kills the process: the input is then in this file.
            let _ = std::fs::write(p, &input);
        }
        if let Err(message) = check_one(t, &input) {
            if st.crashes.len() < 20 && !st.crashes.iter().any(|c| c.message == message) {
                st.crashes.push(Crash { input, message });
            }
        } else if rng.below(8) == 0 && queue.len() < 4096 {
            // Stack mutations: some mutants become bases themselves.
            queue.push(input);
        }
    }
    std::panic::set_hook(hook);
    st
}
