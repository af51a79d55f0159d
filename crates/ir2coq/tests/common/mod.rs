//! What the ir2coq harnesses that compile or run converted modules in Coq share (golden,
//! differential, csmith): the order in which a module's files compile, and the primitive table
//! mapping a module's intrinsic declarations to the test layer's executable versions.
#![allow(dead_code)] // each test binary compiles this module; not all use every helper

use std::fmt::Write as _;

/// `Definition xp : xprim := …`: each intrinsic the module declares, mapped to the test layer's
/// primitive (`TestLayer.v`, `csmith/ByteLayer.v`): memcpy/memmove in both (and `llvm.assume`,
/// undefined when false, and the integer intrinsics below), memset only with
/// `memset` (only `ByteLayer.v` has byte-level memory; `TestLayer.v` copies whole cells).
pub fn xprim(m: &ir2json::Module, memset: bool) -> String {
    const MEMORY: [(&str, &str); 3] = [
        ("llvm.memcpy.", "prim_memcpy vs m"),
        ("llvm.memmove.", "prim_memcpy vs m"),
        ("llvm.memset.", "prim_memset vs m"),
    ];
    const VALUES: [(&str, &str); 8] = [
        ("llvm.assume", "prim_assume vs m"),
        ("llvm.umin.", "lift (prim_umin vs) m"),
        ("llvm.umax.", "lift (prim_umax vs) m"),
        ("llvm.smin.", "lift (prim_smin vs) m"),
        ("llvm.smax.", "lift (prim_smax vs) m"),
        ("llvm.abs.", "lift (prim_abs vs) m"),
        ("llvm.fshl.", "lift (prim_fsh true vs) m"),
        ("llvm.fshr.", "lift (prim_fsh false vs) m"),
    ];
    let table: &[(&str, &str)] = if memset { &MEMORY } else { &MEMORY[..2] };
    let mut s = String::from("Definition xp : xprim := fun f vs m =>\n");
    // ir2coq copies `byval` parameters with llvm.memcpy, declared with the code when the module
    // does not declare it.
    let byval_memcpy = ir2coq::convert::BYVAL_MEMCPY;
    let byval = m.functions.iter().any(|f| {
        f.sig.params.iter().any(|p| {
            p.attrs
                .iter()
                .any(|a| matches!(a, ir2json::Attribute::Type { name, .. } if name == "byval"))
        })
    });
    let declared = m.declarations.iter().map(|d| d.sig.name.as_str());
    let implicit = (byval && !declared.clone().any(|n| n == byval_memcpy)).then_some(byval_memcpy);
    for n in declared.chain(implicit) {
        if let Some((_, p)) = table.iter().chain(&VALUES).find(|(p, _)| n.starts_with(p)) {
            let _ = writeln!(
                s,
                "  if Pos.eqb f {} then {p} else",
                ir2coq::mangle::global(n)
            );
        }
    }
    s.push_str("  None.\n");
    s
}

/// The emitted files of `out` in dependency order: `Types.v`, `Globals.v`, the functions, `Code.v`.
pub fn coq_order(out: &ir2coq::ModuleOutput) -> Vec<String> {
    let mut order = vec!["Types.v".to_string(), "Globals.v".to_string()];
    order.extend(
        out.files
            .iter()
            .filter(|(p, _)| p.starts_with("F_"))
            .map(|(p, _)| p.clone()),
    );
    order.push("Code.v".into());
    order
}
