//! Phase 8 — type checking: every definition body is checked, and its type inferred.
//!
//! Input: the items, the environment with types and signatures (phases 5, 6), and `def_order`
//! (phase 7). Definitions are checked in dependency order, then the members of cycles (so that
//! their bodies are still checked). Parameters without a resolvable type get a type variable; a
//! Fixpoint must declare its return type and sees its own signature. Pattern matches are checked
//! for exhaustiveness only when the body has no other error. Duplicates are skipped.
//!
//! Diagnostics: the checker's (`E-CFG010`, `E-CFG011`, `E-CFG013`, `E-CFG020`–`E-CFG025`, …),
//! `E-CFG022` (a Fixpoint without a return type; a type that is not fully inferred).
//!
//! Establishes: every expression of a well-typed definition has its type filled in (the pretty
//! printer and the generators read it), and `env.globals[d].ty` is the full type `params -> ret`
//! of every well-typed definition `d` (left unset when its body has errors, so later phases skip
//! checks that would only repeat them).

use super::{Loader, PItem};
use crate::ast::ItemKind;
use crate::check::{resolve_type, Infer};
use crate::env::Env;
use crate::types::Ty;
use diag::{Code, Diagnostic};
use std::collections::{BTreeMap, HashSet};

impl Loader<'_> {
    pub(super) fn check_definitions(
        &mut self,
        env: &mut Env,
        items: &mut [PItem],
        def_order: &[String],
    ) {
        let idx_of: BTreeMap<String, usize> = items
            .iter()
            .enumerate()
            .filter(|(_, p)| matches!(p.item.kind, ItemKind::Definition { .. }))
            .filter_map(|(i, p)| p.item.kind.name().map(|n| (n.name.clone(), i)))
            .collect();
        let mut checked: HashSet<usize> = HashSet::new();
        let order: Vec<usize> = def_order
            .iter()
            .filter_map(|n| idx_of.get(n).copied())
            .chain(idx_of.values().copied()) // members of cycles, after the rest
            .collect();
        for i in order {
            if !checked.insert(i) {
                continue;
            }
            self.check_definition(env, &mut items[i].item.kind);
        }
    }

    /// Check one definition's body against its signature and record its type.
    fn check_definition(&mut self, env: &mut Env, kind: &mut ItemKind) {
        let ItemKind::Definition {
            name,
            params,
            ret,
            body,
            fixpoint,
        } = kind
        else {
            return;
        };
        if env
            .globals
            .get(&name.name)
            .is_none_or(|g| g.span != Some(name.span))
        {
            return;
        }
        let mut inf = Infer::new(env);
        let mut ptys = vec![];
        for prm in params.iter() {
            let t = match resolve_type(env, &prm.ty, &mut inf.diags) {
                Some(t) => t,
                None => inf.fresh(),
            };
            ptys.push(t.clone());
            inf.push_local(&prm.name.name, t);
        }
        let rt = match ret {
            Some(r) => match resolve_type(env, r, &mut inf.diags) {
                Some(t) => Some(t),
                None => Some(inf.fresh()),
            },
            None => None,
        };
        if *fixpoint {
            match &rt {
                Some(r) => {
                    inf.self_def = Some((name.name.clone(), Ty::curried(ptys.clone(), r.clone())))
                }
                None => inf.diags.push(
                    Diagnostic::error(
                        Code::CannotInfer,
                        name.span,
                        format!("Fixpoint `{}` needs a return type", name.name),
                    )
                    .label("no `: T` before `:=`")
                    .hint("write `Fixpoint f (x : T) … : R := …`"),
                ),
            }
        }
        let bt = match &rt {
            Some(r) => {
                inf.check(body, r, "definition body");
                r.clone()
            }
            None => inf.infer(body),
        };
        inf.finish(body);
        if inf.diags.is_empty() {
            inf.check_matches(body);
        }
        let full = inf.zonk(&Ty::curried(ptys, bt));
        let ok = inf.diags.is_empty() && !full.has_meta();
        if inf.diags.is_empty() && full.has_meta() {
            inf.diags.push(
                Diagnostic::error(
                    Code::CannotInfer,
                    name.span,
                    format!(
                        "the type of `{}` cannot be fully inferred (`{full}`)",
                        name.name
                    ),
                )
                .label("ambiguous type")
                .hint("add a return type `: T` before `:=`"),
            );
        }
        self.diags.append(&mut inf.diags);
        if ok {
            env.globals.get_mut(&name.name).unwrap().ty = Some(full);
        }
    }
}
