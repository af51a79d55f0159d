//! coq-lib's libraries a configuration may import (`From AutoV.PT Require Import PTInstances.`):
//! each module's names with their types, so the checker types a relation or spec that uses them.
//! The generated project imports the same modules (`DataTypes.v`), so Coq checks these types
//! again: a wrong entry here makes the generated files fail, never a proof pass.

use crate::check::resolve_type;
use crate::env::Env;
use crate::parser::parse_type;
use crate::types::Ty;
use diag::span::FileId;

/// A coq-lib module whose definitions a configuration may use.
pub struct LibModule {
    /// The logical library (`AutoV.PT`).
    pub lib: &'static str,
    /// The module (`PTInstances`).
    pub module: &'static str,
    /// Its definitions usable in a configuration, with their types in configuration syntax.
    pub values: &'static [(&'static str, &'static str)],
}

/// A type around an abstract page-table map (`PTRefine.amap`: per level, per key, the optional
/// descriptor).
macro_rules! amap {
    ($pre:literal, $post:literal) => {
        concat!($pre, "(nat -> Z -> option Z)", $post)
    };
}

/// The importable modules (coq-lib/PT/README.md describes each name).
pub const LIBRARIES: &[LibModule] = &[
    LibModule {
        lib: "AutoV.PT",
        module: "PTDesc",
        values: &[
            ("oa", "Z -> Z"),
            ("low", "Z -> Z -> Z"),
            ("bit", "Z -> Z -> bool"),
            ("orbit", "Z -> Z -> Z"),
            ("field", "Z -> Z -> Z -> Z"),
        ],
    },
    LibModule {
        lib: "AutoV.PT",
        module: "PTRefine",
        values: &[("aempty", amap!("", ""))],
    },
    LibModule {
        lib: "AutoV.PT",
        module: "PTInstances",
        values: &[
            ("s2_cap3_of", "Z -> Z"),
            ("s2_layout", "Z -> Z -> Prop"),
            (
                "s2_rel",
                amap!("Z -> Z -> Z -> Z -> Z -> ZMap.t Z -> ", " -> Prop"),
            ),
            (
                "s2_amap",
                "ZMap.t (option Z) -> ZMap.t (option Z) -> nat -> Z -> option Z",
            ),
            ("s2_lookup", amap!("", " -> Z -> Z")),
            (
                "s2_full",
                "Z -> Z -> Z -> Z -> ZMap.t Z -> (Z -> Prop) -> Prop",
            ),
            ("smmu_layout", "Z -> (Z -> Z) -> Z -> Prop"),
            (
                "smmu_rel",
                "Z -> (Z -> Z) -> Z -> Z -> Z -> ZMap.t Z -> (Z -> nat -> Z -> option Z) -> Prop",
            ),
            ("smmu_amap", "ZMap.t (option Z) -> nat -> Z -> option Z"),
            ("smmu_lookup", amap!("", " -> Z -> Z")),
            (
                "demo_tabs",
                "ZMap.t (ZMap.t Z) -> ZMap.t (ZMap.t Z) -> ZMap.t (ZMap.t Z) -> ZMap.t (ZMap.t Z) -> nat -> ZMap.t (ZMap.t Z)",
            ),
            (
                "demo_inv",
                "Z -> ZMap.t Z -> (nat -> ZMap.t (ZMap.t Z)) -> (Z -> nat -> Z -> option Z) -> Prop",
            ),
            (
                "demo_amap",
                "ZMap.t (ZMap.t (option Z)) -> Z -> nat -> Z -> option Z",
            ),
        ],
    },
    LibModule {
        lib: "AutoV.PT",
        module: "PTShape",
        values: &[(
            "s2_shape",
            "Z -> ZMap.t Z -> ZMap.t bool -> ZMap.t bool -> ZMap.t bool -> Prop",
        )],
    },
    LibModule {
        lib: "AutoV.PT",
        module: "PTSmmuShape",
        values: &[(
            "smmu_shape",
            "ZMap.t Z -> Z -> ZMap.t bool -> ZMap.t bool -> Prop",
        )],
    },
];

/// The module `lib`.`module`, if coq-lib has it.
pub fn find(lib: &str, module: &str) -> Option<&'static LibModule> {
    LIBRARIES
        .iter()
        .find(|m| m.lib == lib && m.module == module)
}

/// A library name's type (only built-in types occur, so resolution cannot fail for a correct
/// table; the unit test checks every entry).
pub fn value_type(env: &Env, src: &str) -> Option<Ty> {
    let mut diags = vec![];
    let te = parse_type(FileId(0), src, &mut diags)?;
    let t = resolve_type(env, &te, &mut diags)?;
    diags.is_empty().then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_library_type_resolves() {
        let env = Env::with_builtins();
        for m in LIBRARIES {
            for (name, ty) in m.values {
                assert!(
                    value_type(&env, ty).is_some(),
                    "{}.{}: `{name}` has an unreadable type `{ty}`",
                    m.lib,
                    m.module
                );
            }
        }
    }
}
