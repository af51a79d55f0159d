//! Golden tests for the config front end.
//!
//! Every `testdata/config/{ok,err}/*.v` is loaded. The output (for `ok/`: a layer summary and the
//! checked AST dump; for `err/`: the rendered diagnostics) is compared with the `.expected` file
//! next to it; `BLESS=1 cargo test -p config --test config_golden` rewrites those files.
//!
//! The expected diagnostics are also stated in the test files themselves: a comment
//! `(* expect: E-CFG010 *)` on a line means a diagnostic with that code whose primary location is
//! on that line; `(* expect-global: E-CFG031 *)` one without a location. Every diagnostic must be
//! expected, and every expectation met.

use config::{pretty, Project};
use std::path::{Path, PathBuf};
use testkit::expect;

fn testdata() -> PathBuf {
    testkit::root().join("testdata")
}

fn roots(sub: &str) -> Vec<PathBuf> {
    testkit::files_with_ext(&testdata().join("config").join(sub), "v")
}

fn summary(p: &Project) -> String {
    let mut s = format!("project {} -> {}\n", p.proj_name, rel(&p.proj_base));
    for l in &p.layers {
        s += &format!(
            "layer {} data={} code={} prims=[{}] specs=[{}] bounds=[{}] ops=[{}] init={} refrel={}\n",
            l.name.name,
            l.data,
            l.code.as_deref().map(rel).unwrap_or_else(|| "-".into()),
            l.prims.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(" "),
            l.specs.keys().cloned().collect::<Vec<_>>().join(" "),
            l.loop_bounds.keys().cloned().collect::<Vec<_>>().join(" "),
            l.ops
                .iter()
                .map(|(o, f)| format!("{o:?}={f}"))
                .collect::<Vec<_>>()
                .join(" "),
            l.data_init.as_deref().unwrap_or("-"),
            l.refrel.as_deref().unwrap_or("-"),
        );
    }
    s += &format!("types: {}\n", p.type_order.join(" "));
    s += &format!("defs: {}\n", p.def_order.join(" "));
    for n in &p.def_order {
        if let Some(t) = &p.env.globals[n].ty {
            s += &format!("  {n} : {t}\n");
        }
    }
    s += &format!(
        "hints: NoUnfold [{}] NoTrans [{}]\n",
        p.hints
            .no_unfold
            .iter()
            .cloned()
            .collect::<Vec<_>>()
            .join(" "),
        p.hints
            .no_trans
            .iter()
            .cloned()
            .collect::<Vec<_>>()
            .join(" ")
    );
    s += "--\n";
    for it in &p.items {
        s += &pretty::item_dump(&it.item);
        s.push('\n');
    }
    s
}

fn rel(p: &Path) -> String {
    let base = testdata().join("config");
    p.strip_prefix(&base)
        .map(|r| r.display().to_string())
        .unwrap_or_else(|_| p.display().to_string())
}

/// Load with a path relative to testdata/config, so rendered locations are stable.
fn load(path: &Path) -> (String, Vec<config::Diagnostic>, config::SourceMap, bool) {
    let base = testdata().join("config");
    let text = std::fs::read_to_string(path).unwrap();
    // load_str keeps the path as given in messages; includes resolve next to the real file
    let shown = path.strip_prefix(&base).unwrap();
    let cwd_rel = base.join(shown);
    let r = config::load_str(&cwd_rel, &text);
    match r {
        Ok(p) => {
            let mut out = summary(&p);
            if !p.warnings.is_empty() {
                out += "-- warnings\n";
                out += &config::diagnostics::render_all_plain(&p.warnings, &p.sources);
            }
            (out, p.warnings.clone(), p.sources.clone(), true)
        }
        Err(e) => (e.render_plain(), e.diagnostics, e.sources, false),
    }
}

fn scrub(s: &str) -> String {
    let base = testdata().join("config");
    s.replace(&format!("{}/", base.display()), "")
}

fn run_dir(sub: &str, must_load: bool) -> usize {
    let mut failures = vec![];
    let files = roots(sub);
    assert!(!files.is_empty());
    for f in &files {
        let (out, diags, sm, ok) = load(f);
        let out = scrub(&out);
        if ok != must_load {
            failures.push(format!(
                "{}: loaded={ok}, expected {must_load}\n{out}",
                f.display()
            ));
            continue;
        }
        // expectations stated in the file
        let root_text = std::fs::read_to_string(f).unwrap();
        let expect::Located { mut at, mut global } = expect::located(&root_text);
        let root_file = sm.files.first().map(|_| config::FileId(0));
        for d in &diags {
            match d.span {
                Some(sp) if Some(sp.file) == root_file => {
                    let (line, _) = sm.file(sp.file).line_col(sp.lo as usize);
                    if let Some(i) = at
                        .iter()
                        .position(|(l, c)| *l == line && c == d.code.as_str())
                    {
                        at.remove(i);
                    } else {
                        failures.push(format!(
                            "{}:{line}: unexpected {}: {}",
                            f.display(),
                            d.code.as_str(),
                            d.message
                        ));
                    }
                }
                _ => {
                    if let Some(i) = global.iter().position(|c| c == d.code.as_str()) {
                        global.remove(i);
                    } else {
                        failures.push(format!(
                            "{}: unexpected {} (elsewhere): {}",
                            f.display(),
                            d.code.as_str(),
                            d.message
                        ));
                    }
                }
            }
        }
        for (l, c) in at {
            failures.push(format!("{}:{l}: expected {c}, not reported", f.display()));
        }
        for c in global {
            failures.push(format!(
                "{}: expected {c} (global), not reported",
                f.display()
            ));
        }
        // golden output
        let exp_path = f.with_extension("expected");
        if let Err(e) = testkit::bless::check(&exp_path, &out, testkit::bless_command!()) {
            failures.push(format!("{}: {e}", f.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    files.len()
}

#[test]
fn golden_ok() {
    run_dir("ok", true);
}

#[test]
fn golden_errors() {
    run_dir("err", false);
}

/// Every error code (except those that need code: E-CFG043/044, tested in config_code.rs, and
/// E-CFG050, in testdata/build/err/noview.v) is exercised by some file in testdata/config/err.
#[test]
fn every_code_has_a_negative_test() {
    let mut all = String::new();
    for f in roots("err").iter().chain(roots("ok").iter()) {
        all += &std::fs::read_to_string(f).unwrap();
    }
    let missing: Vec<&str> = config::Code::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| c.contains("-CFG"))
        .filter(|c| !matches!(*c, "E-CFG043" | "E-CFG044" | "E-CFG050"))
        .filter(|c| !all.contains(&format!(": {c} *)")))
        .collect();
    assert!(
        missing.is_empty(),
        "codes without a negative test: {missing:?}"
    );
}

#[test]
fn pagetable_demo_checks() {
    let p = config::load(&testdata().join("pagetable/proof.v"))
        .unwrap_or_else(|e| panic!("{}", e.render_plain()));
    assert!(p.layers.len() >= 5);
    assert!(
        p.warnings.is_empty(),
        "{}",
        config::diagnostics::render_all_plain(&p.warnings, &p.sources)
    );
    let top = p.layers.last().unwrap();
    assert!(top.specs.contains_key("map_page") && top.specs.contains_key("unmap_page"));
    assert_eq!(top.refrel.as_deref(), Some("pt_refrel"));
}

#[test]
fn pagetable_negative_spec_checks() {
    // The negative spec (a patch of proof.v, applied by scripts/pagetable-e2e.sh) is wrong only
    // semantically: the front end accepts it, the generated RefProof of map_page must fail.
    let dir = std::env::temp_dir().join(format!("autov-pt-neg-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let src = testdata().join("pagetable");
    for f in ["proof.v", "datatypes.v", "proofs.v", "pagetable.ll"] {
        std::fs::copy(src.join(f), dir.join(f)).unwrap();
    }
    let st = std::process::Command::new("patch")
        .args(["-s", "-p1", "-i"])
        .arg(src.join("negative/wrong_map_spec.patch"))
        .current_dir(&dir)
        .status()
        .expect("patch (installed by scripts/setup.sh)");
    assert!(st.success(), "wrong_map_spec.patch does not apply");
    let p = config::load(&dir.join("proof.v")).unwrap_or_else(|e| panic!("{}", e.render_plain()));
    assert_eq!(p.layers.len(), 7);
    std::fs::remove_dir_all(&dir).unwrap();
}
