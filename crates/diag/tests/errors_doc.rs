//! `docs/errors.md` is generated from [`diag::Code::ALL`]: this test rewrites it under `BLESS=1`
//! and otherwise fails when it differs. A second test scans every `.rs` file under
//! `crates/*/src` for string literals holding a code (`E-…NNN`/`W-…NNN`) and fails on any code
//! that is not registered in `diag::Code`, so that no code is used without being documented.

use diag::Code;

/// The stage part of a code: `E-CFG012` → `CFG`.
fn stage(c: Code) -> &'static str {
    let s = c.as_str();
    &s[2..s.len() - 3]
}

/// The stages, in pipeline order: (code part, title, what produces them).
const STAGES: &[(&str, &str, &str)] = &[
    (
        "IR",
        "Reading LLVM IR",
        "`ir2json` (`autov ir2json`, and every command that reads IR)",
    ),
    (
        "I2C",
        "IR to Coq",
        "`ir2coq` (`autov ir2coq`, `autov test-conversion`)",
    ),
    (
        "ASM",
        "AArch64 assembly",
        "`asmgen` (`autov asmgen`, inline assembly)",
    ),
    (
        "CFG",
        "The configuration language",
        "`config` (loading `proof.v` in `autov build`; see `docs/config.md`)",
    ),
    (
        "MAP",
        "Memory maps",
        "`memmap` (a `.map` file included from `proof.v`; see `docs/memmap.md`)",
    ),
    (
        "BLD",
        "Building a layered proof",
        "`specgen` (`autov build`; see `docs/build.md`)",
    ),
    (
        "MUT",
        "Mutation testing",
        "`mutate` (`autov mutate`; see `docs/mutate.md`)",
    ),
];

fn table(out: &mut String, codes: &[Code]) {
    out.push_str("| code | meaning |\n|---|---|\n");
    for c in codes {
        out.push_str(&format!("| `{}` | {} |\n", c.as_str(), c.describe()));
    }
}

fn generate() -> String {
    let mut out = String::from(
        "# Diagnostic codes\n\
         \n\
         <!-- Generated from `diag::Code::ALL` (crates/diag/src/codes.rs) by crates/diag/tests/errors_doc.rs;\n\
         \x20    edit the registry and run `BLESS=1 cargo test -p diag --test errors_doc`. -->\n\
         \n\
         Every error and warning of `autov` has a stable code: `E-` for errors, `W-` for warnings, then\n\
         the stage that reports it and a number. A code never changes meaning once released. At the\n\
         command line a diagnostic shows its code, the location (a span of the configuration, or\n\
         `file:line:col @function`), the message and a hint saying what to do.\n",
    );
    let errors: Vec<Code> = Code::ALL
        .iter()
        .copied()
        .filter(|c| c.as_str().starts_with("E-"))
        .collect();
    for (part, title, by) in STAGES {
        let codes: Vec<Code> = errors
            .iter()
            .copied()
            .filter(|c| stage(*c) == *part)
            .collect();
        assert!(!codes.is_empty(), "stage {part} has no error code");
        out.push_str(&format!(
            "\n## {title} (`E-{part}`)\n\nReported by {by}.\n\n"
        ));
        table(&mut out, &codes);
    }
    let warnings: Vec<Code> = Code::ALL
        .iter()
        .copied()
        .filter(|c| c.as_str().starts_with("W-"))
        .collect();
    out.push_str(
        "\n## Warnings (`W-`)\n\nA warning does not stop the command; the stage is part of the code.\n\n",
    );
    table(&mut out, &warnings);
    out
}

#[test]
fn every_code_belongs_to_a_stage() {
    for c in Code::ALL {
        assert!(
            STAGES.iter().any(|(p, _, _)| *p == stage(*c)),
            "{c}: stage `{}` has no section in docs/errors.md (add it to STAGES)",
            stage(*c)
        );
    }
}

#[test]
fn errors_md_is_generated_from_the_registry() {
    // docs/errors.md out of date with diag::Code::ALL: the message says how to regenerate it
    testkit::bless::assert_golden(
        &testkit::root().join("docs/errors.md"),
        &generate(),
        testkit::bless_command!(),
    );
}

/// The contents of the string literals of a Rust source (normal, byte and raw strings; comments
/// and character literals skipped), with the 1-based line each starts on.
fn string_literals(src: &str) -> Vec<(usize, String)> {
    let b = src.as_bytes();
    let mut out = vec![];
    let mut i = 0;
    let mut line = 1;
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    while i < b.len() {
        let c = b[i];
        if c == b'\n' {
            line += 1;
            i += 1;
        } else if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i..].starts_with(b"/*") {
            let mut depth = 0;
            while i < b.len() {
                if b[i..].starts_with(b"/*") {
                    depth += 1;
                    i += 2;
                } else if b[i..].starts_with(b"*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    line += (b[i] == b'\n') as usize;
                    i += 1;
                }
            }
        } else if (c == b'r' || (c == b'b' && b.get(i + 1) == Some(&b'r')))
            && (i == 0 || !ident(b[i - 1]))
            && {
                let j = i + if c == b'b' { 2 } else { 1 };
                let k = j + b[j..].iter().take_while(|&&h| h == b'#').count();
                b.get(k) == Some(&b'"')
            }
        {
            // raw string r#"…"#
            let j = i + if c == b'b' { 2 } else { 1 };
            let hashes = b[j..].iter().take_while(|&&h| h == b'#').count();
            let start = j + hashes + 1;
            let close: Vec<u8> = std::iter::once(b'"')
                .chain(std::iter::repeat_n(b'#', hashes))
                .collect();
            let end = start
                + b[start..]
                    .windows(close.len())
                    .position(|w| w == close.as_slice())
                    .expect("unterminated raw string");
            out.push((line, src[start..end].to_string()));
            line += src[start..end].matches('\n').count();
            i = end + close.len();
        } else if c == b'"' {
            let start = i + 1;
            let mut j = start;
            while b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            out.push((line, src[start..j].to_string()));
            line += src[start..j].matches('\n').count();
            i = j + 1;
        } else if c == b'\'' {
            // a char literal ('x', '\n', '\u{..}') or a lifetime / label
            let rest = &b[i + 1..];
            let len = if rest.first() == Some(&b'\\') {
                // skip the escaped character, then up to the closing quote
                rest.iter().skip(2).position(|&h| h == b'\'').map(|p| p + 3)
            } else {
                // one (possibly multi-byte) character, then a quote
                let ch = src[i + 1..].chars().next().map_or(0, char::len_utf8);
                (rest.get(ch) == Some(&b'\'')).then_some(ch + 1)
            };
            i += 1 + len.unwrap_or(0);
        } else {
            i += 1;
        }
    }
    out
}

/// Every match of `[EW]-[A-Z0-9]+[0-9]{3}` in a text.
fn code_tokens(s: &str) -> Vec<String> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| regex::Regex::new("[EW]-[A-Z0-9]+[0-9]{3}").unwrap())
        .find_iter(s)
        .map(|m| m.as_str().to_string())
        .collect()
}

#[test]
fn scanner_finds_codes_in_literals_only() {
    let src = "// \"E-IR999\" in a comment\nlet a = 'x'; let q = '\\''; let b = \"E-IR001 {}: x\";\n\
               /* \"E-CFG999\" */ let c = r#\"W-CFG040 \"E-BLD011\"\"#; let d = \"E-IR E-I2C01 e-ir001\";";
    let lits = string_literals(src);
    let codes: Vec<String> = lits.iter().flat_map(|(_, s)| code_tokens(s)).collect();
    assert_eq!(codes, ["E-IR001", "W-CFG040", "E-BLD011"]);
    assert_eq!((lits[0].0, lits[1].0), (2, 3));
    // greedy, as the regex: digits after the code are part of it
    assert_eq!(
        code_tokens("E-IR0010, xE-ASM002y"),
        ["E-IR0010", "E-ASM002"]
    );
}

#[test]
fn every_code_literal_in_the_sources_is_registered() {
    let known: std::collections::HashSet<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    let mut files = vec![];
    for e in std::fs::read_dir(testkit::root().join("crates")).unwrap() {
        let src = e.unwrap().path().join("src");
        if src.is_dir() {
            files.extend(testkit::files_below(&src, "rs"));
        }
    }
    files.sort();
    assert!(files.len() > 20, "found only {} source files", files.len());
    let mut unknown = vec![];
    let mut seen = 0;
    for f in &files {
        let src = std::fs::read_to_string(f).unwrap();
        for (line, lit) in string_literals(&src) {
            for code in code_tokens(&lit) {
                seen += 1;
                if !known.contains(code.as_str()) {
                    let rel = f.strip_prefix(testkit::root()).unwrap_or(f);
                    unknown.push(format!("{}:{line}: {code}", rel.display()));
                }
            }
        }
    }
    assert!(seen > 0, "no code literal found: is the scanner broken?");
    assert!(
        unknown.is_empty(),
        "codes used in the sources but not registered in diag::Code (crates/diag/src/codes.rs), \
         hence not in docs/errors.md:\n{}",
        unknown.join("\n")
    );
}
