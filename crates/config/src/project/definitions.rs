//! Phase 7 — definition dependencies: the order definitions are checked (and printed) in.
//!
//! Input: the items, the environment (names and signatures), the layers. For every Definition,
//! Fixpoint and value Parameter (not duplicates), the free names of its body that are
//! definitions, Fixpoints or Parameters are its dependencies. A definition may use global ones
//! and those of its own or a lower layer.
//!
//! Diagnostics: `E-CFG014` (a non-Fixpoint that refers to itself; a cycle among definitions,
//! reported once per cycle), `E-CFG015` (a reference to a definition of a higher layer, or from
//! the global scope to a layer).
//!
//! Establishes: the returned `def_order` (every definition not on a cycle, dependencies first,
//! ties in source order). The type-checking phase checks definitions in this order, then the
//! members of cycles.

use super::topo::{topo, DepGraph};
use super::{Layer, Loader, PItem};
use crate::ast::{Expr, ExprKind, ItemKind, PatKind, Pattern};
use crate::env::{Env, GlobalKind};
use diag::span::Span;
use diag::{Code, Diagnostic};
use std::collections::BTreeMap;

impl Loader<'_> {
    pub(super) fn order_definitions(
        &mut self,
        env: &Env,
        items: &[PItem],
        layers: &[Layer],
        src_order: &[String],
    ) -> Vec<String> {
        let layer_name = |l: Option<usize>| match l {
            Some(i) => format!("layer `{}`", layers[i].name.name),
            None => "the global scope (outside sections)".to_string(),
        };
        let mut def_deps: DepGraph = BTreeMap::new();
        for p in items {
            let (name, refs, fixpoint) = match &p.item.kind {
                ItemKind::Definition {
                    name,
                    params,
                    body,
                    fixpoint,
                    ..
                } => {
                    let mut bound: Vec<String> =
                        params.iter().map(|p| p.name.name.clone()).collect();
                    let mut refs = vec![];
                    free_globals(body, &mut bound, &mut refs);
                    (name, refs, *fixpoint)
                }
                ItemKind::Parameter { name, .. }
                    if env
                        .globals
                        .get(&name.name)
                        .is_some_and(|g| g.kind == GlobalKind::Parameter) =>
                {
                    (name, vec![], false)
                }
                _ => continue,
            };
            if env
                .globals
                .get(&name.name)
                .is_none_or(|g| g.span != Some(name.span))
            {
                continue; // a duplicate
            }
            let mut deps = vec![];
            for (r, sp) in refs {
                let Some(g) = env.globals.get(&r) else {
                    continue;
                };
                if !matches!(
                    g.kind,
                    GlobalKind::Definition | GlobalKind::Fixpoint | GlobalKind::Parameter
                ) {
                    continue;
                }
                if r == name.name {
                    if !fixpoint {
                        self.diags.push(
                            Diagnostic::error(
                                Code::DefCycle,
                                sp,
                                format!("`{r}` refers to itself"),
                            )
                            .label("recursive use")
                            .hint("recursive functions must be declared with `Fixpoint`"),
                        );
                    }
                    continue;
                }
                let bad = match (p.layer, g.layer) {
                    (None, Some(_)) => true,
                    (Some(a), Some(b)) => b > a,
                    _ => false,
                };
                if bad {
                    self.diags.push(
                        Diagnostic::error(Code::LayerOrder, sp, format!("`{r}` is defined in {}, which is not visible from {}", layer_name(g.layer), layer_name(p.layer)))
                            .label("used here")
                            .note(g.span.unwrap_or(sp), "defined here")
                            .hint("a definition can use global definitions and those of its own or lower layers; move one of them"),
                    );
                }
                deps.push((r, sp));
            }
            def_deps.insert(name.name.clone(), (name.span, deps));
        }
        topo(&def_deps, src_order, &mut self.diags, "definition")
    }
}

/// Collect the free names of an expression (not bound locally), with their spans.
pub fn free_globals(e: &Expr, bound: &mut Vec<String>, out: &mut Vec<(String, Span)>) {
    let n = bound.len();
    match &e.kind {
        ExprKind::Var(v) => {
            if !bound.contains(v) {
                out.push((v.clone(), e.span));
            }
        }
        ExprKind::Num(_) | ExprKind::Str(_) | ExprKind::Bool(_) => {}
        ExprKind::App(f, args) => {
            free_globals(f, bound, out);
            args.iter().for_each(|a| free_globals(a, bound, out));
        }
        ExprKind::Unary(_, a) | ExprKind::Field(a, _) => free_globals(a, bound, out),
        ExprKind::Binary(_, a, b)
        | ExprKind::MapGet(a, b)
        | ExprKind::RecSet(a, _, b)
        | ExprKind::Update(a, _, b)
        | ExprKind::Rely(a, b)
        | ExprKind::Anno(a, b) => {
            free_globals(a, bound, out);
            free_globals(b, bound, out);
        }
        ExprKind::If(a, b, c) | ExprKind::MapSet(a, b, c) => {
            free_globals(a, bound, out);
            free_globals(b, bound, out);
            free_globals(c, bound, out);
        }
        ExprKind::Tuple(es) => es.iter().for_each(|a| free_globals(a, bound, out)),
        ExprKind::Let(b, v, body) => {
            free_globals(v, bound, out);
            bound.push(b.name.name.clone());
            free_globals(body, bound, out);
        }
        ExprKind::LetTuple(ns, v, body) | ExprKind::When(ns, v, body) => {
            free_globals(v, bound, out);
            bound.extend(ns.iter().map(|n| n.name.clone()));
            free_globals(body, bound, out);
        }
        ExprKind::Match(s, arms) => {
            free_globals(s, bound, out);
            for a in arms {
                let m = bound.len();
                pat_vars(&a.pat, bound);
                free_globals(&a.body, bound, out);
                bound.truncate(m);
            }
        }
        ExprKind::Quant(_, bs, body) => {
            bound.extend(bs.iter().map(|b| b.name.name.clone()));
            free_globals(body, bound, out);
        }
    }
    bound.truncate(n);
}

fn pat_vars(p: &Pattern, bound: &mut Vec<String>) {
    match &p.kind {
        PatKind::Var(v) => bound.push(v.clone()),
        PatKind::Ctor(_, ps) | PatKind::Tuple(ps) => ps.iter().for_each(|q| pat_vars(q, bound)),
        _ => {}
    }
}
