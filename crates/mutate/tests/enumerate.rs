//! Mutant enumeration on the two demonstrations: deterministic ids, every operator giving valid
//! input (IR that LLVM 14 parses and verifies, configurations that type-check), except the cases
//! that are invalid by construction (a `switch` case changed onto another case's value).

use mutate::{enumerate, Class, Inputs, Mutant};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata")
}

fn load(rel: &str) -> (config::Project, Inputs, Vec<Mutant>) {
    let p = config::load(&testdata().join(rel)).unwrap_or_else(|e| panic!("{}", e.render_plain()));
    let inputs = Inputs::collect(&p).unwrap();
    let (ms, warnings) = enumerate(&p, &inputs);
    assert!(warnings.is_empty(), "{warnings:?}");
    (p, inputs, ms)
}

const DEMOS: [&str; 2] = ["build/counter/proof.v", "pagetable/proof.v"];

#[test]
fn ids_are_deterministic_and_sequential() {
    for d in DEMOS {
        let (_, _, a) = load(d);
        let (_, _, b) = load(d);
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(&b) {
            assert_eq!((&x.id, &x.edit, &x.change), (&y.id, &y.edit, &y.change));
        }
        for c in Class::ALL {
            let ids: Vec<&str> = a
                .iter()
                .filter(|m| m.class == c)
                .map(|m| m.id.as_str())
                .collect();
            let want: Vec<String> = (1..=ids.len()).map(|i| format!("{c}-{i:03}")).collect();
            assert_eq!(ids, want, "{d}: ids of class {c}");
        }
        // classes in order, each file's mutants in position order
        let classes: Vec<Class> = a.iter().map(|m| m.class).collect();
        let mut sorted = classes.clone();
        sorted.sort();
        assert_eq!(classes, sorted);
        // every mutated file is different from every other mutant's
        let texts: BTreeSet<(usize, usize, usize, &str)> = a
            .iter()
            .map(|m| (m.input, m.edit.lo, m.edit.hi, m.edit.text.as_str()))
            .collect();
        assert_eq!(texts.len(), a.len());
    }
}

#[test]
fn every_class_and_operator_is_found() {
    let (_, _, ms) = load("pagetable/proof.v");
    // the demo's relation is mostly coq-lib's `demo_inv`: relation operators also come from the
    // golden case whose relation is spelled out in its configuration
    let (_, _, rel) = load("build/relpass/proof.v");
    let ops: BTreeSet<(Class, &str)> = ms
        .iter()
        .chain(&rel)
        .map(|m| (m.class, m.op.as_str()))
        .collect();
    for want in [
        (Class::Code, "icmp-negate"),
        (Class::Code, "and-or-swap"),
        (Class::Code, "const-1"),
        (Class::Code, "const+1"),
        (Class::Code, "bool-flip"),
        (Class::Code, "gep-index+1"),
        (Class::Code, "drop-store"),
        (Class::Code, "drop-call"),
        (Class::Spec, "cmp-swap"),
        (Class::Spec, "eq-negate"),
        (Class::Spec, "and-or-swap"),
        (Class::Spec, "const+1"),
        (Class::Spec, "drop-update"),
        // one expression mutation for specs and relations; no fixture relation has `+`/`-`
        (Class::Spec, "add-sub-swap"),
        (Class::Rel, "cmp-swap"),
        (Class::Rel, "eq-negate"),
        (Class::Rel, "and-or-swap"),
        (Class::Rel, "const-1"),
    ] {
        assert!(ops.contains(&want), "no {want:?} mutant");
    }
    // only the primitives above the bottom layer are mutated; the bottom's are declarations
    let p = config::load(&testdata().join("pagetable/proof.v")).unwrap();
    let verified = mutate::verified_prims(&p);
    for m in ms.iter().filter(|m| m.class == Class::Code) {
        assert!(verified.contains(&m.site), "{}", m.site);
    }
    // the relation is `rel`, the top specs and the memory model `spec`
    let site_class = |s: &str| ms.iter().find(|m| m.site == s).map(|m| m.class);
    assert_eq!(site_class("pt_refrel"), Some(Class::Rel));
    assert_eq!(site_class("map_page_spec"), Some(Class::Spec));
    assert_eq!(site_class("load_RData"), Some(Class::Spec));
    assert_eq!(site_class("acquire_lock_s2pt_spec"), Some(Class::Spec));
    assert_eq!(site_class("walk_to_leaf_loop_bound"), Some(Class::Spec));
}

#[test]
fn code_mutants_are_valid_ir() {
    for d in DEMOS {
        let (_, inputs, ms) = load(d);
        for m in ms.iter().filter(|m| m.class == Class::Code) {
            let text = mutate::run::mutated_text(&inputs, m);
            assert_ne!(text, *inputs.files[m.input].text.as_ref().unwrap());
            let r = ir2json::read_module_str(&text, &m.file);
            // a switch case moved onto another case's value is the one invalid kind
            let dup_case = m.change.starts_with("switch case") && {
                let line = text.lines().nth(m.line - 1).unwrap().trim();
                let val = line.split(',').next().unwrap();
                text.lines()
                    .enumerate()
                    .filter(|(i, l)| *i != m.line - 1 && l.trim().starts_with(&format!("{val},")))
                    .any(|(i, _)| i.abs_diff(m.line - 1) < 4)
            };
            match r {
                Ok(_) => assert!(!dup_case, "{}: {} should be invalid", m.id, m.change),
                Err(e) => assert!(dup_case, "{} {}: {}: {e}", m.id, m.location(), m.change),
            }
        }
    }
}

#[test]
fn config_mutants_type_check() {
    for d in DEMOS {
        let (_, inputs, ms) = load(d);
        let dir = std::env::temp_dir().join(format!(
            "mutate-cfg-{}-{}",
            std::process::id(),
            d.replace('/', "_")
        ));
        for f in &inputs.files {
            let to = dir.join(&f.rel);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(&f.abs, &to).unwrap();
        }
        let root = dir.join(&inputs.files[inputs.config].rel);
        for m in ms.iter().filter(|m| m.class != Class::Code) {
            let f = &inputs.files[m.input];
            let text = mutate::run::mutated_text(&inputs, m);
            std::fs::write(dir.join(&f.rel), &text).unwrap();
            let r = config::load(&root);
            std::fs::write(dir.join(&f.rel), f.text.as_ref().unwrap()).unwrap();
            if let Err(e) = r {
                panic!(
                    "{} {} {}: {}",
                    m.id,
                    m.location(),
                    m.change,
                    e.render_plain()
                );
            }
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

#[test]
fn spread_is_even_and_stable() {
    let v: Vec<usize> = (0..10).collect();
    assert_eq!(mutate::spread(&v, 3), [0, 3, 6]);
    assert_eq!(mutate::spread(&v, 20), v);
    assert_eq!(mutate::spread(&v, 1), [0]);
}

/// SeKVM's configuration includes a memory map (`memmap.map`), which `autov build` expands into
/// configuration source: the configuration loads as for a build, the map and the code it names
/// are inputs, and the generated definitions are not mutated (said in a warning). Reads SeKVM.ll
/// from ../shared.
#[test]
fn a_configuration_with_a_memory_map_enumerates() {
    let cfg = testdata().join("../sekvm-proof/proof.v");
    let p = specgen::generate::run::load_config(&cfg)
        .unwrap_or_else(|e| panic!("{}", e.render_plain()));
    let inputs = Inputs::collect(&p).unwrap();
    assert!(inputs
        .files
        .iter()
        .any(|f| f.rel.ends_with("sekvm-proof/memmap.map")));
    assert!(inputs.files.iter().all(|f| f.text.is_some()));
    assert!(inputs.config_files.contains(&None));
    let (ms, warnings) = enumerate(&p, &inputs);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("memmap.map.gen.v") && warnings[0].contains("not mutated"));
    for c in Class::ALL {
        assert!(ms.iter().any(|m| m.class == c), "no {c} mutant");
    }
    assert!(ms.iter().all(|m| !m.file.ends_with(".gen.v")));
}

/// The demonstrations' declared equivalents still name their mutants: an enumeration change that
/// moves an id or changes its change makes the declaration stale, and this says so before a
/// run of hours would.
#[test]
fn declared_equivalents_match_the_enumeration() {
    for d in DEMOS {
        let (_, _, all) = load(d);
        let file = testdata().join(d).with_file_name("mutate.equivalent");
        let text = std::fs::read_to_string(&file).unwrap();
        let decl = mutate::declared::parse(&text).unwrap_or_else(|e| panic!("{e}"));
        let stale = mutate::declared::stale(&all, &decl, &file);
        assert!(stale.is_empty(), "{stale:?}");
    }
}
