//! Phase 4 — the global namespace: every declared name is registered once.
//!
//! Input: the items after typedef reclassification (reserved definitions are not registered), and
//! the built-in environment. Records register their type, constructor and fields; Inductives
//! their type and constructors; typedefs, Parameters (`Parameter T : Type` as an opaque type),
//! Definitions and Fixpoints their name, with the layer of values (types belong to no layer).
//!
//! Diagnostics: `E-CFG012` (a name defined twice, or a built-in redefined); the first definition
//! wins.
//!
//! Establishes: `env.globals` holds every declared name with its kind, declaration span and layer,
//! but no types yet. Later phases recognise a duplicate declaration by its span differing from the
//! registered one, and skip it.

use super::{Loader, PItem};
use crate::ast::{Ident, ItemKind, TypeExprKind};
use crate::env::{Env, Global, GlobalKind};
use diag::{Code, Diagnostic};

impl Loader<'_> {
    pub(super) fn register_globals(&mut self, env: &mut Env, items: &[PItem]) {
        for p in items {
            let layer = p.layer;
            match &p.item.kind {
                ItemKind::Record { name, ctor, fields } => {
                    self.register(env, name, GlobalKind::Record, None);
                    self.register(env, ctor, GlobalKind::RecordCtor(name.name.clone()), None);
                    for f in fields {
                        self.register(env, &f.name, GlobalKind::Field(name.name.clone()), None);
                    }
                }
                ItemKind::Inductive { name, ctors } => {
                    self.register(env, name, GlobalKind::Inductive, None);
                    for c in ctors {
                        self.register(env, &c.name, GlobalKind::Ctor(name.name.clone()), None);
                    }
                }
                ItemKind::Typedef { name, .. } => {
                    self.register(env, name, GlobalKind::Typedef, None);
                }
                ItemKind::Parameter { name, ty } => {
                    let k = if matches!(&ty.kind, TypeExprKind::Name(n) if n == "Type") {
                        GlobalKind::OpaqueType
                    } else {
                        GlobalKind::Parameter
                    };
                    let l = if k == GlobalKind::OpaqueType {
                        None
                    } else {
                        layer
                    };
                    self.register(env, name, k, l);
                }
                ItemKind::Require { lib, modules } => {
                    for m in modules {
                        let Some(lm) = crate::library::find(&lib.name, &m.name) else {
                            self.diags.push(unknown_module(lib, m));
                            continue;
                        };
                        // typed at once: library types use only built-in types
                        for (n, ty) in lm.values {
                            let id = Ident {
                                name: n.to_string(),
                                span: m.span,
                            };
                            let kind = GlobalKind::Library(m.name.clone());
                            self.register(env, &id, kind.clone(), None);
                            let t = crate::library::value_type(env, ty);
                            if let Some(g) = env.globals.get_mut(*n).filter(|g| g.kind == kind) {
                                g.ty = t;
                            }
                        }
                    }
                }
                ItemKind::Definition { name, fixpoint, .. } => {
                    let k = if *fixpoint {
                        GlobalKind::Fixpoint
                    } else {
                        GlobalKind::Definition
                    };
                    self.register(env, name, k, layer);
                }
                _ => {}
            }
        }
    }

    /// Register one name, or report it as a duplicate.
    /// (A library module imported twice registers its names once.)
    fn register(&mut self, env: &mut Env, id: &Ident, kind: GlobalKind, layer: Option<usize>) {
        if let Some(prev) = env.globals.get(&id.name) {
            if matches!(kind, GlobalKind::Library(_)) && prev.kind == kind {
                return;
            }
            let mut d = Diagnostic::error(
                Code::Duplicate,
                id.span,
                format!("`{}` is already defined", id.name),
            )
            .label("second definition");
            d = match prev.span {
                Some(sp) => d.note(
                    sp,
                    format!("first defined here (as a {})", prev.kind.describe()),
                ),
                None => d.hint(format!(
                    "`{}` is a built-in ({}); choose another name",
                    id.name,
                    prev.kind.describe()
                )),
            };
            if d.hint.is_empty() {
                d = d.hint("all names share one namespace (types, constructors, fields, definitions), as in Coq; rename one of them");
            }
            self.diags.push(d);
            return;
        }
        env.globals.insert(
            id.name.clone(),
            Global {
                name: id.name.clone(),
                kind,
                span: Some(id.span),
                layer,
                ty: None,
            },
        );
    }
}

/// `From L Require Import M` where coq-lib has no such module for configurations.
fn unknown_module(lib: &Ident, m: &Ident) -> Diagnostic {
    let known: Vec<String> = crate::library::LIBRARIES
        .iter()
        .map(|l| format!("{}.{}", l.lib, l.module))
        .collect();
    let (span, msg, label) = if crate::library::LIBRARIES.iter().any(|l| l.lib == lib.name) {
        (
            m.span,
            format!(
                "coq-lib provides no module `{}` of `{}` to configurations",
                m.name, lib.name
            ),
            "unknown module",
        )
    } else {
        (
            lib.span,
            format!(
                "coq-lib provides no library `{}` to configurations",
                lib.name
            ),
            "unknown library",
        )
    };
    Diagnostic::error(Code::UnknownLibrary, span, msg)
        .label(label)
        .hint(format!("the importable modules are {}", known.join(", ")))
}
