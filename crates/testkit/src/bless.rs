//! Golden files: generated text is compared with a checked-in file, or written to it when `BLESS`
//! is set (`BLESS=1 cargo test -p <crate> --test <test>`). One place decides what a mismatch says:
//! the golden file, the first differing line, and the command that refreshes it.

use std::collections::BTreeMap;
use std::path::Path;

/// Whether this run refreshes the golden files (`BLESS` is set).
pub fn blessing() -> bool {
    std::env::var_os("BLESS").is_some()
}

/// The command that refreshes the goldens of the calling test target:
/// `BLESS=1 cargo test -p <package> --test <target>`.
#[macro_export]
macro_rules! bless_command {
    () => {
        concat!(
            "BLESS=1 cargo test -p ",
            env!("CARGO_PKG_NAME"),
            " --test ",
            env!("CARGO_CRATE_NAME")
        )
    };
}

/// Compares `actual` with the golden file `path`; under `BLESS` writes it instead. `Err` is a
/// readable message: the file, the first differing line and `rebless` (see [`bless_command!`]).
pub fn check(path: &Path, actual: &str, rebless: &str) -> Result<(), String> {
    check_bytes(path, actual.as_bytes(), rebless)
}

/// [`check`] that panics with its message.
#[track_caller]
pub fn assert_golden(path: &Path, actual: &str, rebless: &str) {
    if let Err(e) = check(path, actual, rebless) {
        panic!("{e}");
    }
}

/// [`check`] for bytes (a golden tree's files).
pub fn check_bytes(path: &Path, actual: &[u8], rebless: &str) -> Result<(), String> {
    if blessing() {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        return std::fs::write(path, actual).map_err(|e| format!("{}: {e}", path.display()));
    }
    match std::fs::read(path) {
        Ok(want) if want == actual => Ok(()),
        Ok(want) => Err(format!(
            "{} differs from the output ({}); `{rebless}` refreshes it after checking the diff",
            path.display(),
            first_difference(&want, actual)
        )),
        Err(e) => Err(format!(
            "{}: {e} (run `{rebless}` to create it)",
            path.display()
        )),
    }
}

/// Where `want` and `got` part: the first differing line, both versions.
pub fn first_difference(want: &[u8], got: &[u8]) -> String {
    let (w, g) = (String::from_utf8_lossy(want), String::from_utf8_lossy(got));
    let (mut wl, mut gl) = (w.split_inclusive('\n'), g.split_inclusive('\n'));
    for n in 1.. {
        match (wl.next(), gl.next()) {
            (Some(a), Some(b)) if a == b => {}
            (None, None) => break,
            (a, b) => {
                let show = |l: Option<&str>| match l {
                    Some(l) => format!("{:?}", l.strip_suffix('\n').unwrap_or(l)),
                    None => "end of file".to_string(),
                };
                return format!(
                    "first difference at line {n}: golden {}, output {}",
                    show(a),
                    show(b)
                );
            }
        }
    }
    "same text".to_string()
}

/// Every file below `dir`, by path relative to `dir` (`/`-separated on Unix), with its bytes.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                let rel = p.strip_prefix(base).unwrap().to_string_lossy().into_owned();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut m = BTreeMap::new();
    walk(dir, dir, &mut m);
    m
}

/// A golden folder: `got` (relative path → bytes) is compared with the files below `dir`; under
/// `BLESS` the folder is replaced by `got`. `Err` lists every file generated but not expected,
/// expected but not generated, or different (with its first differing line).
pub fn check_tree(
    dir: &Path,
    got: &BTreeMap<String, Vec<u8>>,
    rebless: &str,
) -> Result<(), String> {
    if blessing() {
        let _ = std::fs::remove_dir_all(dir);
        for (rel, b) in got {
            check_bytes(&dir.join(rel), b, rebless)?;
        }
        return Ok(());
    }
    if !dir.is_dir() {
        return Err(format!(
            "{}: missing (run `{rebless}` to create it)",
            dir.display()
        ));
    }
    let exp = read_tree(dir);
    let mut failures = vec![];
    for (rel, b) in got {
        match exp.get(rel) {
            None => failures.push(format!("{rel}: generated but not expected")),
            Some(e) if e != b => {
                failures.push(format!("{rel}: differs ({})", first_difference(e, b)))
            }
            _ => {}
        }
    }
    for rel in exp.keys() {
        if !got.contains_key(rel) {
            failures.push(format!("{rel}: expected but not generated"));
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} differs from the output (`{rebless}` refreshes it after checking the diff):\n{}",
            dir.display(),
            failures.join("\n")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_difference_names_the_line() {
        assert_eq!(
            first_difference(b"a\nb\nc\n", b"a\nx\nc\n"),
            "first difference at line 2: golden \"b\", output \"x\""
        );
        assert_eq!(
            first_difference(b"a\n", b"a\nb\n"),
            "first difference at line 2: golden end of file, output \"b\""
        );
        assert_eq!(first_difference(b"a", b"a"), "same text");
    }

    #[test]
    fn command_names_package_and_target() {
        assert_eq!(
            bless_command!(),
            "BLESS=1 cargo test -p testkit --test testkit"
        );
    }
}
