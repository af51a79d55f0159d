//! Phase 6 — signatures: the types of Parameters and of Definitions that declare them.
//!
//! Input: the items and the environment with all types resolved (phase 5). A value `Parameter`
//! gets its declared type; a Definition or Fixpoint with a return type and typed parameters gets
//! `params -> ret` before any body is checked, so that definitions can use each other (and a
//! Fixpoint itself) whatever order they are checked in. Duplicates (phase 4) are skipped.
//!
//! Diagnostics: those of resolving a Parameter's type. Errors in a Definition's parameter or
//! return types are not reported here (they would be twice): the type-checking phase reports
//! them with the body.
//!
//! Establishes: `ty` of every well-typed Parameter and every fully annotated Definition in
//! `env.globals`; unannotated definitions get theirs when their body is checked (phase 8).

use super::{Loader, PItem};
use crate::ast::ItemKind;
use crate::check::resolve_type;
use crate::env::{Env, GlobalKind};
use crate::types::Ty;

impl Loader<'_> {
    pub(super) fn resolve_signatures(&mut self, env: &mut Env, items: &[PItem]) {
        for p in items {
            match &p.item.kind {
                ItemKind::Parameter { name, ty }
                    if env.globals.get(&name.name).is_some_and(|g| {
                        g.kind == GlobalKind::Parameter && g.span == Some(name.span)
                    }) =>
                {
                    let t = resolve_type(env, ty, &mut self.diags);
                    env.globals.get_mut(&name.name).unwrap().ty = t;
                }
                ItemKind::Definition {
                    name,
                    params,
                    ret: Some(ret),
                    ..
                } if env
                    .globals
                    .get(&name.name)
                    .is_some_and(|g| g.span == Some(name.span)) =>
                {
                    let mut d = vec![];
                    let ps: Vec<Option<Ty>> = params
                        .iter()
                        .map(|p| resolve_type(env, &p.ty, &mut d))
                        .collect();
                    let r = resolve_type(env, ret, &mut d);
                    // errors are reported when the body is checked
                    if let (Some(r), true) = (r, ps.iter().all(Option::is_some)) {
                        env.globals.get_mut(&name.name).unwrap().ty =
                            Some(Ty::curried(ps.into_iter().map(Option::unwrap).collect(), r));
                    }
                }
                _ => {}
            }
        }
    }
}
