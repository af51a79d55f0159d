//! Phase 12 — hints: `Hint NoUnfold d…` and `Hint NoTrans p…`.
//!
//! Input: the items, the checked environment and the primitives' layers (phase 11).
//! `NoUnfold` names Definitions or Fixpoints to keep folded (Opaque) in proofs, or primitive specs
//! (`p_spec`) that synthesis keeps as calls instead of inlining; `NoTrans` names
//! primitives (optionally as `p_mid` or `p_spec`) whose spec transformer is skipped.
//!
//! Diagnostics: `E-CFG046` (an unknown hint, or a target of the wrong kind).
//!
//! Establishes: the project's [`Hints`], with every name valid. This is the last phase: the load
//! fails if any phase reported an error.

use super::prims::PrimLayers;
use super::{Hints, Loader, PItem};
use crate::ast::ItemKind;
use crate::env::{Env, GlobalKind};
use diag::{Code, Diagnostic};

impl Loader<'_> {
    pub(super) fn hints(&mut self, env: &Env, items: &[PItem], prim_layer: &PrimLayers) -> Hints {
        let mut hints = Hints::default();
        for p in items {
            let ItemKind::Hint { kind, names } = &p.item.kind else {
                continue;
            };
            match kind.name.as_str() {
                "NoUnfold" => {
                    for n in names {
                        let is_def = env.globals.get(&n.name).is_some_and(|g| matches!(g.kind, GlobalKind::Definition | GlobalKind::Fixpoint));
                        // a primitive's spec: synthesis keeps calls of it instead of inlining
                        let is_spec = n.name.strip_suffix("_spec").is_some_and(|b| prim_layer.contains_key(b));
                        if is_def || is_spec {
                            hints.no_unfold.insert(n.name.clone());
                        } else {
                            self.diags.push(
                                Diagnostic::error(Code::BadHint, n.span, format!("`Hint NoUnfold` target `{}` is not a definition", n.name))
                                    .label("not a Definition/Fixpoint or primitive spec")
                                    .hint("name a Definition or Fixpoint of the config, or a primitive's `p_spec`"),
                            );
                        }
                    }
                }
                "NoTrans" => {
                    for n in names {
                        let base = n.name.strip_suffix("_mid").or(n.name.strip_suffix("_spec")).unwrap_or(&n.name);
                        if prim_layer.contains_key(base) {
                            hints.no_trans.insert(base.to_string());
                        } else {
                            self.diags.push(
                                Diagnostic::error(Code::BadHint, n.span, format!("`Hint NoTrans` target `{}` is not a primitive", n.name))
                                    .label("no such primitive")
                                    .hint("name a primitive listed in some LAYER_PRIMS (optionally with `_mid`)"),
                            );
                        }
                    }
                }
                k => self.diags.push(
                    Diagnostic::error(Code::BadHint, kind.span, format!("unknown hint `{k}`"))
                        .label("unknown")
                        .hint("known hints: `Hint NoUnfold d…` (keep d folded/Opaque), `Hint NoTrans p…` (skip the spec transformer)"),
                ),
            }
        }
        hints
    }
}
