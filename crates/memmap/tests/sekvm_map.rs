//! The SeKVM memory map's self-check against the IR (issue 13): `sekvm-proof/memmap.map` resolves
//! against `../shared/sekvm/SeKVM.ll`; every path's offset and size equal the ones found by walking
//! the struct types by their debug-info member names with ir2json's DataLayout (independently of
//! the resolver's own walk); the two objects have the sizes the C build gives them; the declared
//! accessors have the shape of one access at their path's address; a wrong stated offset is E-MAP006.

use diag::span::FileId;
use diag::Code;
use ir2json::layout::Layout;
use ir2json::{Module, Type};
use memmap::accessor::{AccessKind, Lin, Stored};
use memmap::{parse, resolve, Step};
use std::path::PathBuf;
use std::sync::OnceLock;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn module() -> &'static Module {
    static M: OnceLock<Module> = OnceLock::new();
    M.get_or_init(|| {
        ir2json::read_module(root().join("../shared/sekvm/SeKVM.ll")).expect("SeKVM.ll reads")
    })
}

fn map_text() -> String {
    std::fs::read_to_string(root().join("sekvm-proof/memmap.map")).unwrap()
}

/// Offset and size of a C path (`a[i].b`) from the struct types, by debug-info member names.
fn walk(m: &Module, lay: &Layout, ty: &str, path: &str) -> (u64, u64, Vec<u64>) {
    let mut t = Type::Named { name: ty.into() };
    let (mut off, mut strides) = (0, vec![]);
    for seg in path.split('.') {
        let (name, indexed) = match seg.split_once('[') {
            Some((n, _)) => (n, true),
            None => (seg, false),
        };
        let Type::Named { name: sname } = &t else {
            panic!("{path}: {seg} of a non-struct")
        };
        let member = |t: &Type| {
            let Type::Named { name: sname } = t else {
                return None;
            };
            let body = m.named_struct(sname)?.body.as_ref()?;
            let i = body
                .layout
                .as_ref()?
                .fields
                .iter()
                .position(|f| f.debug_name.as_deref() == Some(name))?;
            Some((lay.field_offset(t, i).unwrap(), body.fields[i].clone()))
        };
        // a member of a C11 anonymous struct or union is found through the unnamed member
        let body = m.named_struct(sname).unwrap().body.as_ref().unwrap();
        let (o, inner) = member(&t)
            .or_else(|| {
                let unnamed = body.layout.as_ref()?.fields.iter().enumerate();
                unnamed
                    .filter(|(_, f)| f.debug_name.is_none())
                    .find_map(|(i, _)| {
                        let (o, ty) = member(&body.fields[i])?;
                        Some((lay.field_offset(&t, i).unwrap() + o, ty))
                    })
            })
            .unwrap_or_else(|| panic!("{path}: no member {name} in {sname}"));
        off += o;
        t = inner;
        if indexed {
            let Type::Array { elem, .. } = t.clone() else {
                panic!("{path}: {name} is not an array")
            };
            strides.push(lay.alloc_size(&elem).unwrap());
            t = *elem;
        }
    }
    (off, lay.store_size(&t).unwrap(), strides)
}

#[test]
fn the_sekvm_map_agrees_with_the_layouts() {
    let m = module();
    let lay = Layout::new(m);
    let (file, diags) = parse(FileId(0), &map_text());
    assert!(diags.is_empty(), "{diags:?}");
    let r = resolve(&file, m).unwrap_or_else(|d| panic!("{d:?}"));
    let el2 = &r.blocks[0];
    assert_eq!(
        (el2.struct_ty.as_str(), el2.size),
        ("struct.el2_data", 33_731_152)
    );
    let shared = Type::Named {
        name: "struct.shared_data".into(),
    };
    assert_eq!(lay.alloc_size(&shared).unwrap(), 810_864);
    let shared_block = &r.blocks[1];
    assert_eq!(
        (shared_block.struct_ty.as_str(), shared_block.size),
        ("struct.shared_data", 810_864)
    );
    let mut fields = 0;
    for (b, p) in r
        .blocks
        .iter()
        .flat_map(|b| b.paths.iter().map(move |p| (b, p)))
    {
        let (off, size, strides) = walk(m, &lay, &b.struct_ty, &p.decl.display());
        assert_eq!(p.const_offset(), off, "{}", p.decl.display());
        assert_eq!(p.size, size, "{}", p.decl.display());
        let got: Vec<u64> = p
            .steps
            .iter()
            .filter_map(|s| match s {
                Step::Index { stride, .. } => Some(*stride),
                Step::Field { .. } => None,
            })
            .collect();
        assert_eq!(got, strides, "{}", p.decl.display());
        fields += 1;
    }
    assert!(fields >= 36, "{fields} paths");
    // every declared accessor has the shape of one access at its own path's address; those of
    // lock words pass the word to a declared lock operation
    let mut lock_prims = 0;
    for (pi, p) in r.blocks.iter().flat_map(|b| b.paths.iter().enumerate()) {
        for d in &p.decl.accessors {
            let f = &d.name;
            let s = match &d.case {
                // one of its paths accesses this one
                Some(_) => memmap::accessor::path_shapes(m, &r, f)
                    .unwrap_or_else(|| panic!("{d} is not an accessor"))
                    .into_iter()
                    .find(|s| s.accesses(&r, pi))
                    .unwrap_or_else(|| panic!("no path of {f} accesses {}", p.decl.display())),
                None => memmap::accessor::shape(m, &r, f)
                    .unwrap_or_else(|| panic!("{f} is not an accessor")),
            };
            assert!(
                s.accesses(&r, pi)
                    && r.blocks[s.block].paths[pi].decl.display() == p.decl.display(),
                "{f} does not access {}",
                p.decl.display()
            );
            if let memmap::accessor::AccessKind::Pass { callee } = &s.kind {
                assert!(
                    file.lockops.iter().any(|(c, _)| c == callee),
                    "{f} calls {callee}"
                );
                lock_prims += 1;
            }
        }
    }
    assert_eq!(lock_prims, 12, "acquire and release of six kinds of lock");
}

#[test]
fn a_wrong_offset_is_rejected() {
    let text = map_text().replace("s2_pages[i].gfn @ 8 : 8", "s2_pages[i].gfn @ 4 : 8");
    let (file, diags) = parse(FileId(0), &text);
    assert!(diags.is_empty());
    let errs = resolve(&file, module()).expect_err("a wrong offset resolves");
    assert!(errs.iter().any(|d| d.code == Code::MapOffset), "{errs:?}");
}

/// Indices the code computes: the vCPU slot `vmid * 4 + vcpuid` (shifted, added, sign-extended)
/// is the sum it stands for, next to a plain zero-extended index.
#[test]
fn computed_indices_are_linear_in_the_parameters() {
    let m = module();
    let (file, _) = parse(FileId(0), &map_text());
    let r = resolve(&file, m).unwrap();
    let slot = Lin {
        terms: vec![(4, 0), (1, 1)],
        konst: 0,
    };
    let s = memmap::accessor::shape(m, &r, "get_int_gpr").expect("get_int_gpr is an accessor");
    assert_eq!(
        s.vars,
        vec![
            (9056, 72, slot.clone()),
            (
                8,
                31,
                Lin {
                    terms: vec![(1, 2)],
                    konst: 0
                }
            )
        ]
    );
    let s = memmap::accessor::shape(m, &r, "set_vcpu_was_preempted").unwrap();
    assert_eq!(
        s.kind,
        AccessKind::Store {
            value: Stored::Const(0),
            bits: 8
        }
    );
    assert_eq!(s.vars[0].2, slot);
}

/// Functions with several paths: `get_shadow_ctxt` chooses among seven fields of the shadow
/// context by its `index` (one accessor path each), `set_shadow_ctxt` among eight; a body with a panic path
/// (`hypsec_vcpu_id_to_vcpu`) or that combines a loaded value (`set_shadow_dirty_bit`: load, or,
/// store) has none.
#[test]
fn several_paths_only_for_choices_among_accesses() {
    let m = module();
    let (file, _) = parse(FileId(0), &map_text());
    let r = resolve(&file, m).unwrap();
    let s = memmap::accessor::path_shapes(m, &r, "get_shadow_ctxt").expect("get_shadow_ctxt");
    assert_eq!(s.len(), 7);
    let mut offsets: Vec<u64> = s.iter().map(|s| s.offset).collect();
    offsets.sort();
    offsets.dedup();
    assert_eq!(offsets.len(), 7, "seven different fields: {offsets:?}");
    // `set_shadow_ctxt` has an eighth: its `default` writes `sys_regs[index - 47]`, an index
    // the code computes as `index + -47` in 32 bits
    let s = memmap::accessor::path_shapes(m, &r, "set_shadow_ctxt").expect("set_shadow_ctxt");
    assert_eq!(s.len(), 8);
    let last = s.iter().max_by_key(|s| s.offset).unwrap();
    assert_eq!(
        last.vars[1].2,
        Lin {
            terms: vec![(1, 2)],
            konst: -47
        }
    );
    for f in ["hypsec_vcpu_id_to_vcpu", "set_shadow_dirty_bit"] {
        assert!(memmap::accessor::path_shapes(m, &r, f).is_none(), "{f}");
    }
}
