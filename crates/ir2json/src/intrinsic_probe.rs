//! LLVM 14's text reader upgrades old-style intrinsic declarations at the end of the module
//! (`LLParser::validateEndOfModule` → `UpgradeIntrinsicFunction`), and for many intrinsics reads
//! parameters by position without checking that the declaration has them: declared with too few,
//! the reader reads past the function type, which kills the process (SIGSEGV) or yields garbage.
//! Found by fuzzing (issue 15: `declare void @llvm.lifetime.end.p0i8(i64)`); declaring LLVM 14's
//! intrinsics with 0 or 1 parameters under `llvm-as-14` crashes it for `lifetime.*`,
//! `invariant.*`, `prefetch`, `masked.*`, `objectsize`, `experimental.vector.reduce.*`, NEON
//! names and more, so no fixed list can cover them.
//!
//! So each `llvm.*` declaration is parsed alone, in a fresh context, in a forked child, before the
//! module goes to LLVM: alone, its function type is the last thing the context allocated, and a
//! read past it leaves the allocator's slab (which is what crashes). A child killed by a signal
//! names the declaration it was parsing (it reports each one on a pipe first), and the caller
//! reports an error instead of handing the module to LLVM. Declarations already probed in this
//! process (without named types) are not probed again, so a run over many modules forks once per
//! module with unseen declarations, and not at all after that. A probe that cannot run (fork or
//! pipe fails) or does not finish in time (a lock held by another thread at fork time) says
//! nothing, and reading goes on as before.

use std::collections::HashSet;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a probe child may take (it parses a few declarations: milliseconds).
const PROBE_DEADLINE: Duration = Duration::from_secs(5);

/// Declarations (whole lines) that parsed without crashing in an earlier probe.
static KNOWN_GOOD: Mutex<Option<HashSet<String>>> = Mutex::new(None);

/// The first `declare … @llvm.…` line of `text` (1-based line number and text) whose parse kills
/// LLVM, or `None` when none does (or the probe could not tell).
pub fn crashing_declaration(text: &str) -> Option<(usize, String)> {
    let mut types = String::new();
    let mut decls: Vec<(usize, &str)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let l = line.trim_start();
        if l.starts_with('%') && l.contains("= type") {
            types.push_str(l);
            types.push('\n');
        } else if l.starts_with("declare") && l.contains("@llvm.") {
            decls.push((i + 1, l));
        }
    }
    // The family the fuzzer keeps finding is decided without a probe: a probe child whose read
    // past the parameters happens to land on mapped memory does not crash, and the parent then
    // might (seen under AFL++'s persistent mode).
    if let Some(&(n, d)) = decls.iter().find(|(_, d)| too_few_parameters(d)) {
        return Some((n, strip_attribute_groups(d)));
    }
    let fresh: Vec<(usize, String)> = {
        let known = KNOWN_GOOD.lock().unwrap_or_else(|e| e.into_inner());
        decls
            .iter()
            .map(|&(n, l)| (n, strip_attribute_groups(l)))
            .filter(|(_, d)| known.as_ref().is_none_or(|k| !k.contains(d)))
            .collect()
    };
    if fresh.is_empty() {
        return None;
    }
    let texts: Vec<&str> = fresh.iter().map(|(_, d)| d.as_str()).collect();
    match first_crash(&types, &texts) {
        Probe::AllParsed => {
            let mut known = KNOWN_GOOD.lock().unwrap_or_else(|e| e.into_inner());
            let set = known.get_or_insert_with(HashSet::new);
            // Declarations that mention named types depend on the module's definitions of them.
            set.extend(
                fresh
                    .into_iter()
                    .map(|(_, d)| d)
                    .filter(|d| !d.contains('%')),
            );
            None
        }
        Probe::Crashed(k) => fresh.into_iter().nth(k),
        Probe::Unknown => None,
    }
}

enum Probe {
    AllParsed,
    /// The child died parsing this declaration (an index into the probed ones).
    Crashed(usize),
    Unknown,
}

/// Intrinsic name prefixes whose upgrade reads a parameter by position, with the number of
/// parameters it needs (LLVM 14's `UpgradeIntrinsicFunction1` matches these by prefix:
/// `@llvm.lifetime.startx()` crashes `llvm-as-14` too).
const MIN_PARAMS: &[(&str, usize)] = &[
    ("@llvm.lifetime.start", 2),
    ("@llvm.lifetime.end", 2),
    ("@llvm.invariant.start", 2),
    ("@llvm.invariant.end", 3),
];

/// Whether `decl` declares an intrinsic of [`MIN_PARAMS`] with fewer parameters than it needs.
fn too_few_parameters(decl: &str) -> bool {
    let Some(at) = decl.find("@llvm.") else {
        return false;
    };
    let rest = &decl[at..];
    let Some(&(_, min)) = MIN_PARAMS.iter().find(|(p, _)| rest.starts_with(p)) else {
        return false;
    };
    let Some(open) = rest.find('(') else {
        return false;
    };
    // Top-level commas of the parameter list (types may nest parentheses, braces, brackets).
    let (mut depth, mut params, mut any) = (0usize, 0usize, false);
    for c in rest[open + 1..].chars() {
        match c {
            '(' | '{' | '[' | '<' => depth += 1,
            ')' if depth == 0 => break,
            ')' | '}' | ']' | '>' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => params += 1,
            c if !c.is_whitespace() => any = true,
            _ => {}
        }
    }
    let params = if any { params + 1 } else { 0 };
    params < min
}

/// A declaration without its `#N` attribute-group references (their groups are not in the probe).
fn strip_attribute_groups(decl: &str) -> String {
    decl.split_whitespace()
        .filter(|w| !(w.starts_with('#') && w[1..].bytes().all(|b| b.is_ascii_digit())))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Parse each declaration (after the module's named types) alone, in a fresh context, in a
/// forked child that writes each one's index to a pipe before parsing it.
fn first_crash(types: &str, decls: &[&str]) -> Probe {
    let modules: Vec<Vec<u8>> = decls
        .iter()
        .map(|d| format!("{types}{d}\n").into_bytes())
        .collect();
    // SAFETY: the child only parses (LLVM's C API; glibc's allocator is fork-safe) and writes to
    // its end of the pipe, then leaves with `_exit`, running no destructor or exit handler of the
    // parent's state. The parent waits for exactly that child, and kills it after the deadline.
    unsafe {
        let mut fds = [0; 2];
        if libc::pipe(fds.as_mut_ptr()) != 0 {
            return Probe::Unknown;
        }
        let (rd, wr) = (fds[0], fds[1]);
        let pid = libc::fork();
        if pid < 0 {
            libc::close(rd);
            libc::close(wr);
            return Probe::Unknown;
        }
        if pid == 0 {
            libc::close(rd);
            for (k, m) in modules.iter().enumerate() {
                let idx = (k as u32).to_le_bytes();
                libc::write(wr, idx.as_ptr().cast(), idx.len());
                let _ = crate::sys::parse(m, false);
            }
            libc::_exit(0);
        }
        libc::close(wr);
        let status = wait_with_deadline(pid);
        // The child's reports, 4 bytes per declaration it started: the pipe holds 64 KiB, so a
        // module with over 16k fresh declarations blocks the child until the deadline (Unknown).
        let mut buf = vec![0u8; 4 * decls.len() + 4];
        let mut got = 0;
        loop {
            let n = libc::read(rd, buf[got..].as_mut_ptr().cast(), buf.len() - got);
            if n <= 0 {
                break;
            }
            got += n as usize;
        }
        libc::close(rd);
        match status {
            Some(st) if libc::WIFSIGNALED(st) && got >= 4 => {
                let last = &buf[got / 4 * 4 - 4..got / 4 * 4];
                Probe::Crashed(u32::from_le_bytes([last[0], last[1], last[2], last[3]]) as usize)
            }
            Some(st) if libc::WIFEXITED(st) && libc::WEXITSTATUS(st) == 0 => Probe::AllParsed,
            _ => Probe::Unknown,
        }
    }
}

/// The child's wait status, or `None` if waiting failed or the child ran past the deadline (then
/// it is killed and reaped).
unsafe fn wait_with_deadline(pid: libc::pid_t) -> Option<i32> {
    let start = Instant::now();
    let mut pause = Duration::from_micros(200);
    loop {
        let mut status = 0;
        let r = libc::waitpid(pid, &mut status, libc::WNOHANG);
        if r == pid {
            return Some(status);
        }
        if r < 0 {
            return None;
        }
        if start.elapsed() > PROBE_DEADLINE {
            libc::kill(pid, libc::SIGKILL);
            libc::waitpid(pid, &mut status, 0);
            return None;
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(20));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifetime_and_invariant_arity_is_checked_without_a_probe() {
        assert!(too_few_parameters(
            "declare void @llvm.lifetime.end.p0i8(i45\t\tnocapture) #1"
        ));
        assert!(too_few_parameters("declare void @llvm.lifetime.startx()"));
        assert!(too_few_parameters(
            "declare {}* @llvm.invariant.end.p0i8({}*, i64)"
        ));
        assert!(!too_few_parameters(
            "declare void @llvm.lifetime.end.p0i8(i64 immarg, i8* nocapture)"
        ));
        assert!(!too_few_parameters(
            "declare void @llvm.invariant.end.p0i8({}*, i64, i8* nocapture)"
        ));
        assert!(!too_few_parameters(
            "declare void @llvm.memcpy.p0i8.p0i8.i64(i8*)"
        ));
    }

    #[test]
    fn attribute_groups_are_dropped() {
        assert_eq!(
            strip_attribute_groups("declare void @llvm.x(i64  nocapture) #1"),
            "declare void @llvm.x(i64 nocapture)"
        );
    }

    #[test]
    fn a_crashing_declaration_is_found_and_a_good_one_is_not() {
        // Outside the families checked by parameter count: found by the forked probe.
        let bad = "declare void @llvm.lifetime.start.p0i8(i64, i8* nocapture) #0\n\
                   declare <4 x i32> @llvm.masked.load.v4i32.p0v4i32() #0\n";
        let (line, decl) = crashing_declaration(bad).expect("the probe finds the crash");
        assert_eq!(line, 2);
        assert!(decl.contains("masked.load"));
        let good = "declare void @llvm.lifetime.end.p0i8(i64, i8* nocapture) #0\n";
        assert_eq!(crashing_declaration(good), None);
    }
}
