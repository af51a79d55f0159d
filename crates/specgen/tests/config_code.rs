//! Project checks that need the code: primitives without code or spec, callees in no layer,
//! calls that do not go down the layer stack.

use specgen::config::{self, Code, CodeInfo};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn pagetable() -> config::Project {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/pagetable/proof.v");
    config::load(&p).unwrap_or_else(|e| panic!("{}", e.render_plain()))
}

/// Defined functions and direct calls, read from the .ll text (enough for this test).
fn code_of_ll(path: &Path) -> CodeInfo {
    let text = std::fs::read_to_string(path).unwrap();
    let mut info = CodeInfo::default();
    let mut cur: Option<String> = None;
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("define ") {
            let name = rest
                .split('@')
                .nth(1)
                .unwrap()
                .split('(')
                .next()
                .unwrap()
                .to_string();
            info.defined.insert(name.clone());
            cur = Some(name);
        } else if line == "}" {
            cur = None;
        } else if let (Some(f), Some(pos)) = (&cur, line.find("call ")) {
            if let Some(at) = line[pos..].find('@') {
                let callee: String = line[pos + at + 1..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.')
                    .collect();
                if !callee.starts_with("llvm.") {
                    info.calls.entry(f.clone()).or_default().insert(callee);
                }
            }
        }
    }
    info
}

#[test]
fn pagetable_code_is_consistent() {
    let p = pagetable();
    let ll = p.layers[1].code.clone().unwrap();
    let code = code_of_ll(&ll);
    assert!(code.defined.contains("map_page"));
    assert!(code.calls["map_page"].contains("acquire_lock_s2pt"));
    let d = p.check_code(&code);
    assert!(
        d.is_empty(),
        "{}",
        config::diag::render_all_plain(&d, &p.sources)
    );
}

#[test]
fn primitive_without_code_or_spec() {
    let p = pagetable();
    let mut code = code_of_ll(&p.layers[1].code.clone().unwrap());
    code.defined.remove("walk_next");
    let d = p.check_code(&code);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code, Code::NoCodeNoSpec);
    let r = d[0].render_plain(&p.sources);
    assert!(r.contains("\"walk_next\""), "{r}");
    assert!(r.contains("hint:"), "{r}");
}

#[test]
fn callee_in_no_layer_and_upward_call() {
    let p = pagetable();
    let mut code = code_of_ll(&p.layers[1].code.clone().unwrap());
    code.calls
        .entry("alloc_table".into())
        .or_default()
        .insert("memset".into());
    code.calls
        .entry("pt_load".into())
        .or_default()
        .insert("map_page".into());
    let d = p.check_code(&code);
    let codes: BTreeSet<Code> = d.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        [Code::CalleeInNoLayer, Code::LayerOrder]
            .into_iter()
            .collect()
    );
}

#[test]
fn empty_code_reports_every_unspecified_primitive() {
    let p = pagetable();
    let d = p.check_code(&CodeInfo {
        defined: BTreeSet::new(),
        calls: BTreeMap::new(),
    });
    // 17 primitives: 3 in Bottom (specs, trusted), 2 top ones have specs: 12 without code nor spec
    assert_eq!(d.len(), 12);
    assert!(d.iter().all(|d| d.code == Code::NoCodeNoSpec));
}
