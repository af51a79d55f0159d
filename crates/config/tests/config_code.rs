//! Project checks that need the code: primitives without code or spec, callees in no layer,
//! calls that do not go down the layer stack.

use config::{Code, CodeInfo};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn pagetable() -> config::Project {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/pagetable/proof.v");
    config::load(&p).unwrap_or_else(|e| panic!("{}", e.render_plain()))
}

/// The function name of a `define`/`declare` line: between `@` and `(`.
fn fn_name(line: &str) -> String {
    line.split('@')
        .nth(1)
        .unwrap()
        .split('(')
        .next()
        .unwrap()
        .to_string()
}

/// Defined functions and direct calls, read from the .ll text (enough for this test).
fn code_of_ll(path: &Path) -> CodeInfo {
    let text = std::fs::read_to_string(path).unwrap();
    let mut info = CodeInfo::default();
    let mut cur: Option<String> = None;
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("define ") {
            let name = fn_name(rest);
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
        config::diagnostics::render_all_plain(&d, &p.sources)
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
    let d = p.check_code(&CodeInfo::default());
    // 17 primitives: 3 in Bottom (specs, trusted), 2 top ones have specs: 12 without code nor spec
    assert_eq!(d.len(), 12);
    assert!(d.iter().all(|d| d.code == Code::NoCodeNoSpec));
}

/// Signatures from the `define`/`declare` lines of the .ll text (i1/iN/ptr/void).
fn sigs_of_ll(path: &Path) -> BTreeMap<String, config::FnSig> {
    use config::{FnSig, Scalar};
    let text = std::fs::read_to_string(path).unwrap();
    let kind = |t: &str| -> Option<Scalar> {
        let t = t.trim();
        if t.ends_with('*') || t == "ptr" {
            Some(Scalar::Ptr)
        } else if t == "i1" {
            Some(Scalar::Bool)
        } else {
            t.strip_prefix('i')
                .and_then(|b| b.parse().ok())
                .map(Scalar::Int)
        }
    };
    let mut out = BTreeMap::new();
    for line in text
        .lines()
        .filter(|l| l.starts_with("define ") || l.starts_with("declare "))
    {
        let before_at = line.split('@').next().unwrap();
        let ret_ty = before_at.split_whitespace().last().unwrap();
        let name = fn_name(line);
        if name.starts_with("llvm.") {
            continue;
        }
        let params_s = line.split('(').nth(1).unwrap().split(')').next().unwrap();
        let params = params_s
            .split(',')
            .filter(|p| !p.trim().is_empty())
            .map(|p| kind(p.split_whitespace().next().unwrap()).unwrap())
            .collect();
        out.insert(
            name,
            FnSig {
                params,
                ret: if ret_ty == "void" { None } else { kind(ret_ty) },
            },
        );
    }
    out
}

#[test]
fn specs_match_the_c_signatures() {
    let p = pagetable();
    let ll = p.layers[1].code.clone().unwrap();
    let mut code = code_of_ll(&ll);
    code.signatures = sigs_of_ll(&ll);
    assert_eq!(code.signatures["map_page"].params.len(), 3);
    let d = p.check_code(&code);
    assert!(
        d.is_empty(),
        "{}",
        config::diagnostics::render_all_plain(&d, &p.sources)
    );
    // pretend unmap_page took a third argument: its spec and nothing else is wrong
    code.signatures
        .get_mut("unmap_page")
        .unwrap()
        .params
        .push(config::Scalar::Int(32));
    code.signatures
        .get_mut("walk_to_leaf")
        .unwrap()
        .params
        .pop();
    let d = p.check_code(&code);
    let codes: Vec<Code> = d.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        [Code::LoopBound, Code::SpecSignature],
        "{}",
        config::diagnostics::render_all_plain(&d, &p.sources)
    );
}
