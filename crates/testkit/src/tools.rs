//! External programs (clang-14, qemu, csmith, coqc) as the tests run them: one way to say a tool
//! is needed or skipped, one way to run a command and turn a failure into a message that shows the
//! command and what it printed, with or without a wall-clock limit.

use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Whether the checks that need external `tools` run: they do unless `AUTOV_SKIP_TOOL_TESTS=1`
/// says to skip them; a missing tool is then a failure, not a silent pass (`scripts/setup.sh`
/// installs them all).
pub fn wanted(tools: &[&str]) -> bool {
    if std::env::var("AUTOV_SKIP_TOOL_TESTS").is_ok_and(|v| v == "1") {
        eprintln!("skipping the checks that need {tools:?}: AUTOV_SKIP_TOOL_TESTS=1");
        return false;
    }
    for t in tools {
        assert!(
            present(t),
            "`{t}` not found: run scripts/setup.sh, or set AUTOV_SKIP_TOOL_TESTS=1 to skip"
        );
    }
    true
}

/// Whether `tool --version` runs (and succeeds).
pub fn present(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Fails the test unless every tool runs; `why` names the test that needs them.
#[track_caller]
pub fn require(tools: &[&str], why: &str) {
    for t in tools {
        assert!(present(t), "{why} needs {t} (scripts/setup.sh installs it)");
    }
}

/// Runs `cmd`; `Ok` is its stdout, `Err` the command with its stdout and stderr.
pub fn run(cmd: &mut Command) -> Result<String, String> {
    let out = cmd.output().map_err(|e| format!("{cmd:?}: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(format!(
            "{cmd:?} failed ({}):\n{}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// [`run`] with a wall-clock limit: `Ok(None)` is a time-out (the process is killed).
pub fn run_limited(cmd: &mut Command, limit: Duration) -> Result<Option<String>, String> {
    let Some(out) = output_limited(cmd, limit).map_err(|e| format!("{cmd:?}: {e}"))? else {
        return Ok(None);
    };
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    if out.status.success() {
        Ok(Some(text))
    } else {
        text.push_str(&String::from_utf8_lossy(&out.stderr));
        Err(format!("{cmd:?} failed ({}): {text}", out.status))
    }
}

/// `cmd`'s output, or `None` when it runs longer than `limit` (it is then killed).
pub fn output_limited(cmd: &mut Command, limit: Duration) -> std::io::Result<Option<Output>> {
    let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn()?;
    let t0 = Instant::now();
    loop {
        match child.try_wait()? {
            Some(_) => break,
            None if t0.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                return Ok(None);
            }
            None => std::thread::sleep(Duration::from_millis(20)),
        }
    }
    child.wait_with_output().map(Some)
}

/// `clang-14 <flags> -S -emit-llvm -o <ll> <src>`: a C file to textual IR.
pub fn clang_emit_llvm(
    flags: &[&str],
    src: &std::path::Path,
    ll: &std::path::Path,
) -> Result<(), String> {
    run(Command::new("clang-14")
        .args(flags)
        .args(["-S", "-emit-llvm", "-o"])
        .arg(ll)
        .arg(src))
    .map(drop)
}

/// `llvm-as-14 <ll> -o <bc>`: textual IR to bitcode.
pub fn llvm_as(ll: &std::path::Path, bc: &std::path::Path) -> Result<(), String> {
    run(Command::new("llvm-as-14").arg(ll).arg("-o").arg(bc)).map(drop)
}
