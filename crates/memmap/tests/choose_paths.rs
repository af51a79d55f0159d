//! Accessors with several paths (`testdata/build/choose`): a function that chooses the field it
//! accesses by comparing a parameter with constants has one accessor shape per path through its
//! body; a one-field accessor has one; a body that panics, or branches on a loaded value, has none.

use diag::span::FileId;
use memmap::accessor::{path_shapes, shape, AccessKind, Stored};
use memmap::{parse, resolve, ResolvedMap};
use std::path::PathBuf;

fn case() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/build/choose")
}

fn load() -> (ir2json::Module, ResolvedMap) {
    let m = ir2json::read_module(case().join("choose.ll")).expect("choose.ll reads");
    let text = std::fs::read_to_string(case().join("choose.map")).unwrap();
    let (file, d) = parse(FileId(0), &text);
    assert!(d.is_empty(), "{d:?}");
    let r = resolve(&file, &m).expect("the map resolves");
    (m, r)
}

/// The display of the path each shape accesses, in path order.
fn accessed(r: &ResolvedMap, shapes: &[memmap::accessor::Shape]) -> Vec<String> {
    shapes
        .iter()
        .map(|s| {
            let b = &r.blocks[s.block];
            let hits: Vec<String> = (0..b.paths.len())
                .filter(|&i| s.accesses(r, i))
                .map(|i| b.paths[i].decl.display())
                .collect();
            assert_eq!(hits.len(), 1, "{hits:?}");
            hits[0].clone()
        })
        .collect()
}

#[test]
fn a_choosing_getter_has_one_shape_per_field() {
    let (m, r) = load();
    let s = path_shapes(&m, &r, "get_ctxt").expect("get_ctxt has accessor paths");
    let mut got = accessed(&r, &s);
    got.sort();
    assert_eq!(
        got,
        [
            "ctxt[i].esr",
            "ctxt[i].far",
            "ctxt[i].flags",
            "ctxt[i].regs[r]"
        ]
    );
    assert!(s
        .iter()
        .all(|s| s.kind == AccessKind::Load { bits: 64, ret: 64 }));
    // several paths: not a one-field accessor
    assert!(shape(&m, &r, "get_ctxt").is_none());
}

#[test]
fn a_choosing_setter_stores_its_parameter_on_every_path() {
    let (m, r) = load();
    let s = path_shapes(&m, &r, "set_ctxt").expect("set_ctxt has accessor paths");
    assert_eq!(s.len(), 4);
    assert!(s.iter().all(|s| s.kind
        == AccessKind::Store {
            value: Stored::Param(2),
            bits: 64
        }));
}

#[test]
fn a_one_field_accessor_has_one_path() {
    let (m, r) = load();
    let s = path_shapes(&m, &r, "get_far").unwrap();
    assert_eq!(accessed(&r, &s), ["ctxt[i].far"]);
    assert_eq!(shape(&m, &r, "get_far"), Some(s[0].clone()));
}

#[test]
fn other_bodies_are_not_accessors() {
    let (m, r) = load();
    // returns the object's address: no access
    assert!(path_shapes(&m, &r, "data_address").is_none());
}
