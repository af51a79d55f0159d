//! Every inline-asm call site of ../shared/sekvm/SeKVM.ll instantiates into a parsed procedure whose
//! Coq model compiles. The call sites are found with a test-only regex over the .ll text (the real
//! pipeline gets them from ir2json's model).

use asmgen::inline::{instantiate, AsmArg, AsmType, AsmValue, InlineAsmSite};
use regex::Regex;

fn ty_of(s: &str) -> AsmType {
    let s = s.trim();
    if s.ends_with('*') || s == "ptr" {
        AsmType::Ptr
    } else if let Some(n) = s.strip_prefix('i').and_then(|n| n.parse().ok()) {
        AsmType::Int(n)
    } else {
        AsmType::Other(s.to_string())
    }
}

/// `(i32* elementtype(i32) %lock, i32 1)` → args (attributes dropped).
fn parse_args(s: &str) -> Vec<AsmArg> {
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if c == ',' && depth == 0 {
            parts.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    if !cur.trim().is_empty() {
        parts.push(cur);
    }
    parts
        .iter()
        .map(|p| {
            let words: Vec<&str> = p.split_whitespace().collect();
            let value = words.last().copied().unwrap_or("");
            let value = match value.parse::<i128>() {
                Ok(v) => AsmValue::Const(v),
                Err(_) => AsmValue::Value(value.to_string()),
            };
            AsmArg {
                ty: ty_of(words.first().copied().unwrap_or("")),
                value,
            }
        })
        .collect()
}

fn sites(ll: &str) -> Vec<InlineAsmSite> {
    let re = Regex::new(r#"call (void|i\d+) asm (sideeffect )?"((?:[^"\\]|\\.)*)", "([^"]*)"\("#)
        .expect("regex");
    let mut out = Vec::new();
    for m in re.captures_iter(ll) {
        let end = m.get(0).expect("match").end();
        // Arguments up to the matching parenthesis.
        let mut depth = 1;
        let mut close = end;
        for (i, c) in ll[end..].char_indices() {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                close = end + i;
                break;
            }
        }
        let results = match &m[1] {
            "void" => vec![],
            t => vec![ty_of(t)],
        };
        out.push(InlineAsmSite {
            template: ir2json::unescape(&m[3]),
            constraints: m[4].to_string(),
            side_effect: m.get(2).is_some(),
            results,
            args: parse_args(&ll[end..close]),
        });
    }
    out
}

#[test]
fn every_sekvm_inline_asm_site_converts() {
    let path = testkit::shared().join("sekvm/SeKVM.ll");
    let ll = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (set AUTOV_SHARED)", path.display()));
    let sites = sites(&ll);
    assert_eq!(sites.len(), 124, "inline-asm call sites found in SeKVM.ll");
    let mut failures = Vec::new();
    let mut names = std::collections::BTreeSet::new();
    let mut procs = Vec::new();
    for (i, s) in sites.iter().enumerate() {
        match instantiate(s) {
            Ok(p) => {
                names.insert(p.name.clone());
                procs.push(p);
            }
            Err(e) => failures.push(format!(
                "site {i} ({:?}, {:?}): {e}",
                s.template, s.constraints
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of 124 failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    eprintln!(
        "SeKVM.ll: {} inline-asm sites converted, {} distinct procedures",
        procs.len(),
        names.len()
    );
    if std::env::var("ASMGEN_SHOW").is_ok() {
        for p in &procs {
            eprintln!("== {} {:?}\n{}\n", p.name, p.bindings, p.text);
        }
    }
    // The Coq models of all distinct procedures compile against coq-lib's AArch64 semantics.
    if testkit::tools::wanted(&["coqc"]) {
        let lib = testkit::coq::PrivateLib::new("iasm", "AArch64", &["AsmSyntax", "AsmSemantics"]);
        let file = asmgen::emit::inline_file(&procs, "SeKVM.ll inline asm");
        lib.check("Iasm.v", &file.render());
    }
    // Names are content-derived: instantiating again gives the same name.
    for (s, p) in sites.iter().zip(&procs) {
        assert_eq!(instantiate(s).expect("again").name, p.name);
    }
}
