//! Differential test: every snippet in testdata/asm is (1) assembled with aarch64-linux-gnu-gcc into a
//! static harness that sets a known register state, runs the snippet and dumps X0–X30, SP, NZCV and a
//! 512-byte scratch buffer, run under qemu-aarch64; and (2) parsed by asmgen, printed as Coq and run by
//! coq-lib's AArch64 interpreter with `vm_compute` from the same state (one coqc run for all
//! snippets). The final states must be equal. A snippet asmgen or the semantics cannot handle fails.

use std::path::Path;
use std::process::Command;
use testkit::rng::Rng;

const SCRATCH: usize = 512;

/// Initial X0..X30 (X19 = scratch buffer, X20 = scratch + 256, X30 = the harness return point).
const INIT: [u64; 31] = [
    0,
    1,
    2,
    3,
    0xffff_ffff_ffff_ffff,
    0x8000_0000_0000_0000,
    0x7fff_ffff_ffff_ffff,
    0x1234_5678_9abc_def0,
    0xfedc_ba98_7654_3210,
    0xffff_ffff,
    0x8000_0000,
    100,
    7,
    0xffff_ffff_ffff_fff9,
    0xdead_beef,
    0x0f0f_0f0f_0f0f_0f0f,
    16,
    17,
    0x100,
    0, // x19: scratch
    0, // x20: scratch + 256
    21,
    0x7fff_ffff,
    0xff,
    0x8000,
    63,
    0xaaaa_aaaa_aaaa_aaaa,
    1000,
    0xffff_ffff_8000_0000,
    29,
    0, // x30: return point
];

fn harness(snippet: &str) -> String {
    let mut s = String::new();
    s.push_str("\t.data\n\t.balign 4096\nscratch:\n");
    for i in 0..SCRATCH {
        s.push_str(&format!("\t.byte {}\n", (37 * i + 11) % 256));
    }
    s.push_str("dumpbuf:\n\t.space 296\ninit_regs:\n");
    for v in INIT {
        s.push_str(&format!("\t.quad {v:#x}\n"));
    }
    s.push_str(
        "\t.text\n\t.global _start\n_start:\n\
         \tadrp x0, scratch\n\tadd x0, x0, :lo12:scratch\n\tadd x1, x0, #512\n\tmov sp, x1\n\
         \tmov x1, #0\n\tmsr nzcv, x1\n\
         \tadrp x30, init_regs\n\tadd x30, x30, :lo12:init_regs\n",
    );
    for k in (0..30).step_by(2) {
        s.push_str(&format!("\tldp x{}, x{}, [x30, #{}]\n", k, k + 1, 8 * k));
    }
    s.push_str(
        "\tadrp x19, scratch\n\tadd x19, x19, :lo12:scratch\n\tadd x20, x19, #256\n\
         \tadr x30, after\n\t.balign 16\nsnippet_start:\n",
    );
    s.push_str(snippet);
    s.push_str("\nafter:\n\tmsr tpidr_el0, x0\n\tmrs x0, nzcv\n\tmsr tpidrro_el0, x0\n");
    // tpidrro_el0 is not writable at EL0, so keep NZCV in a register we restore last instead.
    let mut s = s.replace(
        "\tmrs x0, nzcv\n\tmsr tpidrro_el0, x0\n",
        "\tadrp x0, dumpbuf\n\tadd x0, x0, :lo12:dumpbuf\n\tstr x1, [x0, #8]\n\tmrs x1, nzcv\n\tstr x1, [x0, #256]\n",
    );
    for k in (2..30).step_by(2) {
        s.push_str(&format!("\tstp x{}, x{}, [x0, #{}]\n", k, k + 1, 8 * k));
    }
    s.push_str(
        "\tstr x30, [x0, #240]\n\tmrs x1, tpidr_el0\n\tstr x1, [x0]\n\tmov x1, sp\n\tstr x1, [x0, #248]\n\
         \tadrp x1, scratch\n\tadd x1, x1, :lo12:scratch\n\tstr x1, [x0, #264]\n\
         \tadr x1, snippet_start\n\tstr x1, [x0, #272]\n\tadr x1, after\n\tstr x1, [x0, #280]\n\tmrs x1, dczid_el0\n\tstr x1, [x0, #288]\n\
         \tmov x1, x0\n\tmov x0, #1\n\tmov x2, #296\n\tmov x8, #64\n\tsvc #0\n\
         \tadrp x1, scratch\n\tadd x1, x1, :lo12:scratch\n\tmov x0, #1\n\tmov x2, #512\n\tmov x8, #64\n\tsvc #0\n\
         \tmov x0, #0\n\tmov x8, #93\n\tsvc #0\n",
    );
    s
}

struct QemuResult {
    /// X0..X30, SP, NZCV, then the scratch buffer as 64 little-endian words.
    dump: Vec<u64>,
    scratch: u64,
    code: u64,
    after: u64,
    /// DCZID_EL0 as qemu reports it (the DC ZVA block size is IMPLEMENTATION DEFINED).
    dczid: u64,
}

fn run_qemu(dir: &Path, name: &str, snippet: &str) -> Result<QemuResult, String> {
    let src = dir.join(format!("{name}.S"));
    let bin = dir.join(name);
    std::fs::write(&src, harness(snippet)).map_err(|e| e.to_string())?;
    let out = Command::new("aarch64-linux-gnu-gcc")
        .args(["-nostdlib", "-static", "-no-pie", "-march=armv8.3-a", "-o"])
        .arg(&bin)
        .arg(&src)
        .output()
        .map_err(|e| format!("gcc: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "gcc failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let out = Command::new("qemu-aarch64")
        .arg(&bin)
        .output()
        .map_err(|e| format!("qemu: {e}"))?;
    if !out.status.success() || out.stdout.len() != 296 + SCRATCH {
        return Err(format!(
            "qemu failed ({}), {} bytes: {}",
            out.status,
            out.stdout.len(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let words: Vec<u64> = out
        .stdout
        .chunks(8)
        .map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes")))
        .collect();
    let mut dump = words[..33].to_vec();
    dump.extend_from_slice(&words[37..]);
    Ok(QemuResult {
        dump,
        scratch: words[33],
        code: words[34],
        after: words[35],
        dczid: words[36],
    })
}

fn coq_case(k: usize, code: &str, q: &QemuResult) -> String {
    let mut regs: Vec<u64> = INIT.to_vec();
    regs[19] = q.scratch;
    regs[20] = q.scratch + 256;
    regs[30] = q.after;
    let regs: Vec<String> = regs.iter().map(|v| v.to_string()).collect();
    format!(
        "Definition p{k} : list instr := {code}.\n\
         Definition e{k} := mkenv {} (fun _ => 0) (fun _ _ => 0).\n\
         Eval vm_compute in (dump_result {} {SCRATCH} (run 100000 e{k} p{k} \
         (init_state [{}] {} 0 [(SR 3 3 0 0 7, {})] (scratch {} {SCRATCH})))).\n",
        q.code,
        q.scratch,
        regs.join("; "),
        q.scratch + SCRATCH as u64,
        q.dczid,
        q.scratch
    )
}

/// Parse the `= [..] : list Z` answers of the `Eval` commands, in order.
fn parse_coq_output(out: &str) -> Vec<Vec<u64>> {
    let mut res = Vec::new();
    for chunk in out.split(": list Z").take_while(|c| c.contains('=')) {
        let body = &chunk[chunk.rfind('=').expect("=")..];
        let inner = body
            .split_once('[')
            .and_then(|(_, r)| r.split_once(']'))
            .map(|(i, _)| i)
            .unwrap_or("");
        let nums: Vec<u64> = inner
            .split(';')
            .filter_map(|t| {
                let t = t.trim();
                if t.is_empty() {
                    None
                } else {
                    Some(t.parse::<i128>().map(|v| v as u64).unwrap_or(u64::MAX))
                }
            })
            .collect();
        res.push(nums);
    }
    res
}

fn names() -> [&'static str; 97] {
    let mut n = [""; 97];
    const R: [&str; 31] = [
        "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13",
        "x14", "x15", "x16", "x17", "x18", "x19", "x20", "x21", "x22", "x23", "x24", "x25", "x26",
        "x27", "x28", "x29", "x30",
    ];
    n[..31].copy_from_slice(&R);
    n[31] = "sp";
    n[32] = "nzcv";
    for (k, slot) in n.iter_mut().enumerate().skip(33) {
        *slot = MEMW[k - 33];
    }
    n
}

const MEMW: [&str; 64] = [
    "mem+0", "mem+8", "mem+16", "mem+24", "mem+32", "mem+40", "mem+48", "mem+56", "mem+64",
    "mem+72", "mem+80", "mem+88", "mem+96", "mem+104", "mem+112", "mem+120", "mem+128", "mem+136",
    "mem+144", "mem+152", "mem+160", "mem+168", "mem+176", "mem+184", "mem+192", "mem+200",
    "mem+208", "mem+216", "mem+224", "mem+232", "mem+240", "mem+248", "mem+256", "mem+264",
    "mem+272", "mem+280", "mem+288", "mem+296", "mem+304", "mem+312", "mem+320", "mem+328",
    "mem+336", "mem+344", "mem+352", "mem+360", "mem+368", "mem+376", "mem+384", "mem+392",
    "mem+400", "mem+408", "mem+416", "mem+424", "mem+432", "mem+440", "mem+448", "mem+456",
    "mem+464", "mem+472", "mem+480", "mem+488", "mem+496", "mem+504",
];

#[test]
fn snippets_match_qemu() {
    if !testkit::tools::wanted(&["aarch64-linux-gnu-gcc", "qemu-aarch64", "coqc"]) {
        return;
    }
    let dir = testkit::root().join("testdata/asm");
    let files = testkit::files_with_ext(&dir, "S");
    assert!(
        files.len() >= 60,
        "expected at least 60 snippets, found {}",
        files.len()
    );
    let work = std::env::temp_dir().join(format!("asmgen-diff-{}", std::process::id()));
    std::fs::create_dir_all(&work).expect("work dir");

    // qemu side, two threads.
    let mut items: Vec<(String, String)> = files
        .iter()
        .map(|p| {
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(p).expect("read snippet"),
            )
        })
        .collect();
    // Plus deterministic pseudo-random straight-line data-processing snippets.
    let n_random: usize = std::env::var("ASMGEN_RANDOM_SNIPPETS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(24);
    for k in 0..n_random {
        items.push((format!("random_{k:03}"), random_snippet(k as u64, 24)));
        items.push((
            format!("random_mem_{k:03}"),
            random_mem_snippet(k as u64, 20),
        ));
    }
    let half = items.len() / 2;
    let (a, b) = items.split_at(half);
    let run_all = |chunk: &[(String, String)]| -> Vec<Result<QemuResult, String>> {
        chunk.iter().map(|(n, s)| run_qemu(&work, n, s)).collect()
    };
    let (ra, rb) = std::thread::scope(|sc| {
        let h = sc.spawn(|| run_all(a));
        let rb = run_all(b);
        (h.join().expect("thread"), rb)
    });
    let qemu: Vec<Result<QemuResult, String>> = ra.into_iter().chain(rb).collect();

    // Coq side: one file, one coqc run.
    let mut failures: Vec<String> = Vec::new();
    let mut v = String::from(
        "From Coq Require Import ZArith String List.\n\
         From AutoV.AArch64 Require Import AsmSyntax AsmSemantics AsmByteMem.\n\
         Import ListNotations.\nOpen Scope Z_scope.\n",
    );
    let mut cases: Vec<usize> = Vec::new();
    for (k, ((name, src), q)) in items.iter().zip(&qemu).enumerate() {
        let q = match q {
            Ok(q) => q,
            Err(e) => {
                failures.push(format!("{name}: qemu side: {e}"));
                continue;
            }
        };
        let prog = match asmgen::parse_program(src, name) {
            Ok(p) => p,
            Err(e) => {
                failures.push(format!("{name}: asmgen: {e}"));
                continue;
            }
        };
        if prog.procedures.len() != 1 {
            failures.push(format!("{name}: expected one procedure"));
            continue;
        }
        let code = asmgen::emit::code_term(&prog.procedures[0]).render();
        v.push_str(&coq_case(k, &code, q));
        cases.push(k);
    }
    let stdout = testkit::coq::PrivateLib::new(
        "diff",
        "AArch64",
        &["AsmSyntax", "AsmSemantics", "AsmByteMem"],
    )
    .check("Diff.v", &v);
    let answers = parse_coq_output(&stdout);
    assert_eq!(answers.len(), cases.len(), "one answer per case");
    let names = names();
    let mut passed = 0;
    for (k, ans) in cases.iter().zip(answers) {
        let (name, _) = &items[*k];
        let q = qemu[*k].as_ref().expect("ok");
        if ans.is_empty() {
            failures.push(format!(
                "{name}: the Coq semantics got stuck or ran out of fuel"
            ));
            continue;
        }
        let diffs: Vec<String> = q
            .dump
            .iter()
            .zip(&ans)
            .enumerate()
            .filter(|(_, (a, b))| a != b)
            .map(|(i, (a, b))| format!("{}: qemu {a:#x} coq {b:#x}", names[i]))
            .collect();
        if diffs.is_empty() && ans.len() == q.dump.len() {
            passed += 1;
        } else {
            failures.push(format!("{name}: {}", diffs.join(", ")));
        }
    }
    let _ = std::fs::remove_dir_all(&work);
    eprintln!(
        "asmgen differential test: {passed}/{} snippets match qemu",
        items.len()
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A valid logical immediate for `bits`: a rotated run of ones, replicated.
fn bitmask_imm(r: &mut Rng, bits: u32) -> u64 {
    let sizes: Vec<u32> = [2u32, 4, 8, 16, 32, 64]
        .into_iter()
        .filter(|&e| e <= bits)
        .collect();
    let e = sizes[r.below_u64(sizes.len() as u64) as usize];
    let ones = 1 + r.below_u64(u64::from(e) - 1) as u32;
    let rot = r.below_u64(u64::from(e)) as u32;
    let emask = if e == 64 { u64::MAX } else { (1u64 << e) - 1 };
    let run = if ones == 64 {
        u64::MAX
    } else {
        (1u64 << ones) - 1
    };
    let elem = if rot == 0 {
        run
    } else {
        ((run >> rot) | (run << (e - rot))) & emask
    };
    let mut v = 0u64;
    let mut k = 0;
    while k < bits {
        v |= elem << k;
        k += e;
    }
    v
}

fn random_snippet(seed: u64, len: usize) -> String {
    let mut r = Rng::new(seed ^ 0x1234_5678);
    let conds = [
        "eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le",
    ];
    let mut out = String::from("// generated\n");
    for _ in 0..len {
        let x = r.below_u64(2) == 0;
        let bits: u32 = if x { 64 } else { 32 };
        let p = if x { "x" } else { "w" };
        let reg = |r: &mut Rng| format!("{p}{}", r.below_u64(29));
        let (d, n, m) = (reg(&mut r), reg(&mut r), reg(&mut r));
        let a = reg(&mut r);
        let sh = r.below_u64(u64::from(bits));
        let line = match r.below_u64(22) {
            0 => format!(
                "{} {d}, {n}, {m}, {} #{sh}",
                r.pick(&["add", "adds", "sub", "subs"]),
                r.pick(&["lsl", "lsr", "asr"])
            ),
            1 => format!(
                "{} {d}, {n}, #{}{}",
                r.pick(&["add", "adds", "sub", "subs"]),
                r.below_u64(4096),
                if r.below_u64(3) == 0 { ", lsl #12" } else { "" }
            ),
            2 => format!(
                "{} {d}, {n}, {m}, {} #{sh}",
                r.pick(&["and", "orr", "eor", "bic", "orn", "eon", "ands", "bics"]),
                r.pick(&["lsl", "lsr", "asr", "ror"])
            ),
            3 => format!(
                "{} {d}, {n}, #{:#x}",
                r.pick(&["and", "orr", "eor", "ands"]),
                bitmask_imm(&mut r, bits)
            ),
            4 => format!(
                "{} {d}, #{:#x}, lsl #{}",
                r.pick(&["movz", "movn", "movk"]),
                r.below_u64(65536),
                16 * r.below_u64(u64::from(bits / 16))
            ),
            5 => format!("{} {d}, {n}, #{sh}", r.pick(&["lsl", "lsr", "asr", "ror"])),
            6 => format!(
                "{} {d}, {n}, {m}",
                r.pick(&[
                    "lslv", "lsrv", "asrv", "rorv", "mul", "udiv", "sdiv", "adc", "adcs", "sbc",
                    "sbcs"
                ])
            ),
            7 => {
                let lsb = r.below_u64(u64::from(bits));
                let w = 1 + r.below_u64(u64::from(bits) - lsb);
                format!(
                    "{} {d}, {n}, #{lsb}, #{w}",
                    r.pick(&["ubfx", "sbfx", "bfi", "bfxil", "ubfiz", "sbfiz"])
                )
            }
            8 => format!("extr {d}, {n}, {m}, #{sh}"),
            9 => format!(
                "{} {d}, {n}",
                r.pick(&["clz", "cls", "rbit", "rev", "rev16", "neg", "negs", "mvn"])
            ),
            10 => format!("{} {d}, {n}, {m}, {a}", r.pick(&["madd", "msub"])),
            11 => {
                let (d, n, m, a) = (
                    d.replace('w', "x"),
                    n.replace('x', "w"),
                    m.replace('x', "w"),
                    a.replace('w', "x"),
                );
                format!(
                    "{} {d}, {n}, {m}, {a}",
                    r.pick(&["smaddl", "umaddl", "smsubl", "umsubl"])
                )
            }
            12 => {
                let (d, n, m) = (
                    d.replace('w', "x"),
                    n.replace('w', "x"),
                    m.replace('w', "x"),
                );
                format!("{} {d}, {n}, {m}", r.pick(&["umulh", "smulh"]))
            }
            13 => format!(
                "{} {d}, {n}, {m}, {}",
                r.pick(&["csel", "csinc", "csinv", "csneg"]),
                r.pick(&conds)
            ),
            14 => format!("{} {d}, {}", r.pick(&["cset", "csetm"]), r.pick(&conds)),
            15 => format!(
                "{} {d}, {n}, {}",
                r.pick(&["cinc", "cinv", "cneg"]),
                r.pick(&conds)
            ),
            16 => format!(
                "{} {n}, {m}, #{}, {}",
                r.pick(&["ccmp", "ccmn"]),
                r.below_u64(16),
                r.pick(&conds)
            ),
            17 => format!(
                "{} {n}, #{}, #{}, {}",
                r.pick(&["ccmp", "ccmn"]),
                r.below_u64(32),
                r.below_u64(16),
                r.pick(&conds)
            ),
            18 => format!(
                "{} {n}, {m}, {} #{sh}",
                r.pick(&["cmp", "cmn"]),
                r.pick(&["lsl", "lsr", "asr"])
            ),
            19 => format!("tst {n}, #{:#x}", bitmask_imm(&mut r, bits)),
            20 => {
                let e = r.pick(&["uxtb", "uxth", "uxtw", "sxtb", "sxth", "sxtw"]);
                let m = m.replace('x', "w");
                format!(
                    "{} {d}, {n}, {m}, {e} #{}",
                    r.pick(&["add", "adds", "sub", "subs"]),
                    r.below_u64(5)
                )
            }
            _ => {
                let (d, n) = (d.replace('w', "x"), n.replace('w', "x"));
                format!("rev32 {d}, {n}")
            }
        };
        out.push('\t');
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// Random loads, stores, pairs and LSE atomics inside the scratch buffer (x19 = buffer, x20 = +256;
/// both are never written).
fn random_mem_snippet(seed: u64, len: usize) -> String {
    let mut r = Rng::new(seed ^ 0xabcdef);
    let mut out = String::from("// generated\n");
    let regs: Vec<u64> = (0..29).filter(|&k| k != 19 && k != 20).collect();
    for _ in 0..len {
        // Three distinct registers (writing back into a base that is also a data register is
        // UNPREDICTABLE, and a loaded value must never become an address).
        let t = regs[r.below_u64(regs.len() as u64) as usize];
        let mut t2 = regs[r.below_u64(regs.len() as u64) as usize];
        while t2 == t {
            t2 = regs[r.below_u64(regs.len() as u64) as usize];
        }
        let mut s = regs[r.below_u64(regs.len() as u64) as usize];
        while s == t || s == t2 {
            s = regs[r.below_u64(regs.len() as u64) as usize];
        }
        let base = if r.below_u64(2) == 0 { 19 } else { 20 };
        // Offsets keep every access inside [0, 512) of the buffer.
        let lo: i64 = if base == 19 { 0 } else { -256 };
        let line = match r.below_u64(8) {
            0 | 1 => {
                let (m, size, x) = *[
                    ("ldr", 8, true),
                    ("ldr", 4, false),
                    ("ldrb", 1, false),
                    ("ldrh", 2, false),
                    ("ldrsb", 1, true),
                    ("ldrsh", 2, true),
                    ("ldrsw", 4, true),
                    ("ldrsb", 1, false),
                    ("ldrsh", 2, false),
                    ("str", 8, true),
                    ("str", 4, false),
                    ("strb", 1, false),
                    ("strh", 2, false),
                ]
                .get(r.below_u64(13) as usize)
                .unwrap();
                let off = lo + size * r.below_u64((256 / size) as u64) as i64;
                let off = if off < 0 { off.max(-256) } else { off };
                let scaled_ok = off >= 0;
                let m = if scaled_ok {
                    m.to_string()
                } else {
                    m.replacen("r", "ur", 1)
                };
                format!("{m} {}{t}, [x{base}, #{off}]", if x { "x" } else { "w" })
            }
            2 => {
                let size = if r.below_u64(2) == 0 { 8 } else { 4 };
                let off = lo + size * r.below_u64((248 / size) as u64) as i64;
                let off = off.clamp(-64 * size, 63 * size);
                let p = if size == 8 { "x" } else { "w" };
                format!(
                    "{} {p}{t}, {p}{t2}, [x{base}, #{off}]",
                    r.pick(&["ldp", "stp"])
                )
            }
            3 => {
                let off = r.below_u64(256) as i64 + lo.clamp(-255, 0);
                let m = r.pick(&["ldur", "stur", "ldurb", "sturb", "ldursh", "ldurh", "sturh"]);
                let p = if m.contains('b') || m.contains('h') {
                    "w"
                } else {
                    "x"
                };
                let off = if m == "ldur" || m == "stur" {
                    off.min(248)
                } else {
                    off
                };
                format!("{m} {p}{t}, [x{base}, #{off}]")
            }
            4 => {
                let idx = r.below_u64(31);
                let size = [1u64, 2, 4, 8][r.below_u64(4) as usize];
                let m = match size {
                    1 => "ldrb w",
                    2 => "ldrh w",
                    4 => "ldr w",
                    _ => "ldr x",
                };
                let sh = if size == 1 {
                    String::new()
                } else {
                    format!(", lsl #{}", size.trailing_zeros())
                };
                format!("mov x{s}, #{idx}\n\t{m}{t}, [x19, x{s}{sh}]")
            }
            5 => {
                let size = if r.below_u64(2) == 0 { 8 } else { 4 };
                let off = (size * r.below_u64(256 / size)) as i64;
                let p = if size == 8 { "x" } else { "w" };
                let op = r.pick(&[
                    "ldadd", "ldclr", "ldeor", "ldset", "ldsmax", "ldsmin", "ldumax", "ldumin",
                    "swp", "ldaddal", "swpl",
                ]);
                format!("add x{t2}, x19, #{off}\n\t{op} {p}{s}, {p}{t}, [x{t2}]")
            }
            6 => {
                let off = 8 * r.below_u64(32) as i64;
                format!("add x{t2}, x19, #{off}\n\tldr x{s}, [x{t2}]\n\tcas x{s}, x{t}, [x{t2}]")
            }
            _ => {
                let off = 8 * r.below_u64(30) as i64;
                format!("add x{t2}, x19, #{off}\n\tstp x{t}, x{s}, [x{t2}, #8]!\n\tldr x{s}, [x{t2}], #-8")
            }
        };
        out.push('\t');
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[test]
#[ignore]
fn print_random_mem() {
    let k: u64 = std::env::var("K")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    println!("{}", random_mem_snippet(k, 20));
}
