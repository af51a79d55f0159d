//! The global environment: every declared name (one namespace, as in Coq), types, built-ins.

use super::types::Ty;
use diag::span::Span;
use std::collections::BTreeMap;

/// What a global name denotes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GlobalKind {
    Record,
    Inductive,
    Typedef,
    /// `Parameter T : Type.`
    OpaqueType,
    Definition,
    Fixpoint,
    Parameter,
    /// Constructor of the inductive type named here.
    Ctor(String),
    /// Constructor (`mkR`) of the record named here.
    RecordCtor(String),
    /// Field (projection) of the record named here.
    Field(String),
    /// Provided by autov (see docs/config.md, "Built-ins").
    Builtin,
    /// A definition of the coq-lib module named here, imported with `From … Require Import`.
    Library(String),
}

impl GlobalKind {
    pub fn is_type(&self) -> bool {
        matches!(
            self,
            GlobalKind::Record
                | GlobalKind::Inductive
                | GlobalKind::Typedef
                | GlobalKind::OpaqueType
        )
    }
    pub fn describe(&self) -> &'static str {
        match self {
            GlobalKind::Record => "record type",
            GlobalKind::Inductive => "inductive type",
            GlobalKind::Typedef => "type definition",
            GlobalKind::OpaqueType => "opaque type",
            GlobalKind::Definition => "definition",
            GlobalKind::Fixpoint => "fixpoint",
            GlobalKind::Parameter => "parameter",
            GlobalKind::Ctor(_) => "constructor",
            GlobalKind::RecordCtor(_) => "record constructor",
            GlobalKind::Field(_) => "record field",
            GlobalKind::Builtin => "built-in",
            GlobalKind::Library(_) => "library definition",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Global {
    pub name: String,
    pub kind: GlobalKind,
    /// Declaration site (None for built-ins).
    pub span: Option<Span>,
    /// Layer index of the section it is declared in (None: outside sections, or a type).
    pub layer: Option<usize>,
    /// Type of a value (None for types, and for definitions not yet checked).
    pub ty: Option<Ty>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordInfo {
    pub name: String,
    pub ctor: String,
    pub fields: Vec<(String, Ty)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InductiveInfo {
    pub name: String,
    /// Constructors with their argument types.
    pub ctors: Vec<(String, Vec<Ty>)>,
}

#[derive(Clone, Debug, Default)]
pub struct Env {
    pub globals: BTreeMap<String, Global>,
    pub records: BTreeMap<String, RecordInfo>,
    pub inductives: BTreeMap<String, InductiveInfo>,
    /// Typedefs, expanded.
    pub typedefs: BTreeMap<String, Ty>,
}

/// Names of built-in types (written in configs as types).
pub const BUILTIN_TYPES: &[&str] = &["Z", "bool", "Prop", "string", "nat", "Type"];

/// A built-in value's type scheme; `fresh` supplies type variables.
pub fn builtin_value(name: &str, fresh: &mut dyn FnMut() -> Ty) -> Option<Ty> {
    use Ty::*;
    let zz = || Ty::arrow(Z, Z);
    let zzz = || Ty::arrow(Z, Ty::arrow(Z, Z));
    Some(match name {
        "Some" => {
            let a = fresh();
            Ty::arrow(a.clone(), Ty::option(a))
        }
        "None" => Ty::option(fresh()),
        "nil" => Ty::list(fresh()),
        "cons" => {
            let a = fresh();
            Ty::curried(vec![a.clone(), Ty::list(a.clone())], Ty::list(a))
        }
        "O" => Nat,
        "S" => Ty::arrow(Nat, Nat),
        "tt" => Tuple(vec![]),
        "fst" | "snd" => {
            let a = fresh();
            let b = fresh();
            let r = if name == "fst" { a.clone() } else { b.clone() };
            Ty::arrow(Tuple(vec![a, b]), r)
        }
        "zmap_init" | "ZMap.init" => {
            let a = fresh();
            Ty::arrow(a.clone(), Ty::zmap(a))
        }
        "ZMap.get" => {
            let a = fresh();
            Ty::curried(vec![Z, Ty::zmap(a.clone())], a)
        }
        "ZMap.set" => {
            let a = fresh();
            Ty::curried(vec![Z, a.clone(), Ty::zmap(a.clone())], Ty::zmap(a))
        }
        "negb" => Ty::arrow(Bool, Bool),
        "Z.lxor" | "Z.land" | "Z.lor" | "Z.shiftl" | "Z.shiftr" | "Z.max" | "Z.min" | "Z.pow" => {
            zzz()
        }
        "Z.lnot" | "Z.abs" => zz(),
        "Z.of_nat" => Ty::arrow(Nat, Z),
        "z_to_nat" | "Z.to_nat" => Ty::arrow(Z, Nat),
        "b2z" => Ty::arrow(Bool, Z),
        "prop" => Ty::arrow(Bool, Prop),
        "ptr_offset" => Ty::curried(vec![Named("Ptr".into()), Z], Named("Ptr".into())),
        "Bglob" => Ty::arrow(Str, Named("block".into())),
        "Bstack" => Ty::arrow(Z, Named("block".into())),
        "Babs" => Named("block".into()),
        // coq-lib's bit-precise integers (Ints.v): width first
        "wrap" | "signed" | "ineg" | "inot" => zzz(),
        "iadd" | "isub" | "imul" | "iudiv" | "iurem" | "isdiv" | "isrem" | "ishl" | "ilshr"
        | "iashr" | "iand" | "ior" | "ixor" => Ty::curried(vec![Z, Z, Z], Z),
        "ieq" | "iult" | "iule" | "islt" | "isle" => Ty::curried(vec![Z, Z, Z], Bool),
        "add8" | "add16" | "add32" | "add64" | "sub32" | "sub64" | "mul32" | "mul64" | "and32"
        | "and64" | "or32" | "or64" | "xor32" | "xor64" | "shl32" | "shl64" | "lshr32"
        | "lshr64" => zzz(),
        "signed32" | "signed64" => zz(),
        _ => return None,
    })
}

/// Every built-in value name (for registration and docs).
pub const BUILTIN_VALUES: &[&str] = &[
    "Some",
    "None",
    "nil",
    "cons",
    "O",
    "S",
    "tt",
    "fst",
    "snd",
    "zmap_init",
    "ZMap.init",
    "ZMap.get",
    "ZMap.set",
    "negb",
    "Z.lxor",
    "Z.land",
    "Z.lor",
    "Z.shiftl",
    "Z.shiftr",
    "Z.max",
    "Z.min",
    "Z.pow",
    "Z.lnot",
    "Z.abs",
    "Z.of_nat",
    "z_to_nat",
    "Z.to_nat",
    "b2z",
    "prop",
    "ptr_offset",
    "Bglob",
    "Bstack",
    "Babs",
    "wrap",
    "signed",
    "ineg",
    "inot",
    "iadd",
    "isub",
    "imul",
    "iudiv",
    "iurem",
    "isdiv",
    "isrem",
    "ishl",
    "ilshr",
    "iashr",
    "iand",
    "ior",
    "ixor",
    "ieq",
    "iult",
    "iule",
    "islt",
    "isle",
    "add8",
    "add16",
    "add32",
    "add64",
    "sub32",
    "sub64",
    "mul32",
    "mul64",
    "and32",
    "and64",
    "or32",
    "or64",
    "xor32",
    "xor64",
    "shl32",
    "shl64",
    "lshr32",
    "lshr64",
    "signed32",
    "signed64",
];

/// Built-in constructors usable in patterns: name → (arity).
pub fn builtin_ctor_arity(name: &str) -> Option<usize> {
    match name {
        "Some" | "S" => Some(1),
        "None" | "O" | "nil" | "tt" | "Babs" => Some(0),
        "Bglob" | "Bstack" => Some(1),
        "cons" => Some(2),
        _ => None,
    }
}

impl Env {
    /// A fresh environment with the built-ins: the `Ptr` record, the `block` inductive and the
    /// values above.
    pub fn with_builtins() -> Env {
        let mut env = Env::default();
        for n in BUILTIN_VALUES {
            env.globals.insert(
                n.to_string(),
                Global {
                    name: n.to_string(),
                    kind: GlobalKind::Builtin,
                    span: None,
                    layer: None,
                    ty: None,
                },
            );
        }
        for t in [
            "Z", "bool", "Prop", "string", "nat", "unit", "Type", "list", "option", "ZMap.t",
        ] {
            env.globals.insert(
                t.to_string(),
                Global {
                    name: t.to_string(),
                    kind: GlobalKind::OpaqueType,
                    span: None,
                    layer: None,
                    ty: None,
                },
            );
        }
        let ptr = RecordInfo {
            name: "Ptr".into(),
            ctor: "mkPtr".into(),
            fields: vec![
                ("pbase".into(), Ty::Named("block".into())),
                ("poffset".into(), Ty::Z),
            ],
        };
        let g = |name: &str, kind: GlobalKind, ty: Option<Ty>| Global {
            name: name.into(),
            kind,
            span: None,
            layer: None,
            ty,
        };
        let p = Ty::Named("Ptr".into());
        env.globals
            .insert("Ptr".into(), g("Ptr", GlobalKind::Record, None));
        env.globals.insert(
            "mkPtr".into(),
            g(
                "mkPtr",
                GlobalKind::RecordCtor("Ptr".into()),
                Some(Ty::curried(
                    vec![Ty::Named("block".into()), Ty::Z],
                    p.clone(),
                )),
            ),
        );
        env.globals.insert(
            "pbase".into(),
            g(
                "pbase",
                GlobalKind::Field("Ptr".into()),
                Some(Ty::arrow(p.clone(), Ty::Named("block".into()))),
            ),
        );
        env.globals.insert(
            "poffset".into(),
            g(
                "poffset",
                GlobalKind::Field("Ptr".into()),
                Some(Ty::arrow(p, Ty::Z)),
            ),
        );
        env.records.insert("Ptr".into(), ptr);
        env.globals
            .insert("block".into(), g("block", GlobalKind::Inductive, None));
        env.inductives.insert(
            "block".into(),
            InductiveInfo {
                name: "block".into(),
                ctors: vec![
                    ("Bglob".into(), vec![Ty::Str]),
                    ("Bstack".into(), vec![Ty::Z]),
                    ("Babs".into(), vec![]),
                ],
            },
        );
        env
    }

    pub fn is_builtin(&self, name: &str) -> bool {
        self.globals.get(name).is_some_and(|g| g.span.is_none())
    }
}
