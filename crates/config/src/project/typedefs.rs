//! Phase 3 — type abbreviations: `Definition N := <type>.` becomes a typedef.
//!
//! Input: the items and reserved definitions of the section phase, and the built-in environment.
//! The parser cannot tell `Definition T := list Z.` (a type) from a value definition; a
//! parameterless, untyped, non-recursive definition whose body reads as a type expression made
//! only of type names (declared Records, Inductives, typedefs, `Parameter T : Type`, built-ins,
//! or typedefs found by an earlier round) is rewritten to [`ItemKind::Typedef`], until nothing
//! changes. `LAYER_DATA := RData.` is rewritten the same way, but `LAYER_*` names are not types.
//!
//! Diagnostics: none.
//!
//! Establishes: every type abbreviation is an `ItemKind::Typedef`; the remaining `Definition`s are
//! values as far as the type-name test can tell.

use super::{PItem, Reserved};
use crate::ast::{ItemKind, TypeExprKind};
use crate::check::is_type_name;
use crate::env::Env;
use std::collections::HashSet;

/// Rewrite type abbreviations among `items` and `reserved` to typedefs (`env`: the built-ins).
pub(super) fn reclassify_typedefs(env: &Env, items: &mut [PItem], reserved: &mut [Reserved]) {
    let mut tnames: HashSet<String> = HashSet::new();
    for p in items.iter() {
        match &p.item.kind {
            ItemKind::Record { name, .. }
            | ItemKind::Inductive { name, .. }
            | ItemKind::Typedef { name, .. } => {
                tnames.insert(name.name.clone());
            }
            ItemKind::Parameter { name, ty } if matches!(&ty.kind, TypeExprKind::Name(n) if n == "Type") =>
            {
                tnames.insert(name.name.clone());
            }
            _ => {}
        }
    }
    let is_tn = |n: &str, t: &HashSet<String>| t.contains(n) || is_type_name(env, n);
    loop {
        let mut changed = false;
        let all = items
            .iter_mut()
            .map(|p| &mut p.item)
            .chain(reserved.iter_mut().map(|r| &mut r.item));
        for item in all {
            if let ItemKind::Definition {
                name,
                params,
                ret: None,
                body,
                fixpoint: false,
            } = &item.kind
            {
                if !params.is_empty() {
                    continue;
                }
                if let Some(te) = body.as_type() {
                    let mut ns = vec![];
                    te.names(&mut ns);
                    if ns.iter().all(|(n, _)| is_tn(n, &tnames)) {
                        if !name.name.starts_with("LAYER_") {
                            tnames.insert(name.name.clone());
                        }
                        item.kind = ItemKind::Typedef {
                            name: name.clone(),
                            ty: te,
                        };
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
}
