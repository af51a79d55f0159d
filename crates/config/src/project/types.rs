//! Phase 5 — types: typedefs, Records and Inductives are resolved in dependency order.
//!
//! Input: the items and the environment with every name registered (phase 4). The type names
//! each type declaration mentions give a dependency graph (an Inductive may mention itself); its
//! topological order (ties broken by source order) is the order types are resolved and later
//! printed in. Typedefs are expanded into `env.typedefs`; Records give `env.records` and the types
//! of their constructor and field accessors; Inductives give `env.inductives` and their
//! constructors' types.
//!
//! Diagnostics: `E-CFG014` (a cycle among types, reported once per cycle, its members left out),
//! and those of resolving a type expression (`E-CFG010`, `E-CFG011`, `E-CFG024`, …). A field or
//! constructor argument whose type does not resolve gets a type variable, so that later phases
//! report no follow-up errors for it.
//!
//! Establishes: the returned `type_order` (every acyclic type declaration, dependencies first);
//! every type in it is usable by the signatures and definitions phases.

use super::topo::{topo, DepGraph};
use super::{Loader, PItem};
use crate::ast::ItemKind;
use crate::check::resolve_type;
use crate::env::{Env, GlobalKind, InductiveInfo, RecordInfo};
use crate::types::Ty;
use std::collections::BTreeMap;

impl Loader<'_> {
    /// Resolve every type declaration; returns the order they were resolved in.
    pub(super) fn resolve_types(
        &mut self,
        env: &mut Env,
        items: &[PItem],
        src_order: &[String],
    ) -> Vec<String> {
        let type_deps = type_dependencies(env, items);
        let type_order = topo(&type_deps, src_order, &mut self.diags, "type");
        let by_name: BTreeMap<String, usize> = items
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.item.kind.name().map(|n| (n.name.clone(), i)))
            .collect();
        for tn in &type_order {
            self.define_type(env, &items[by_name[tn]].item.kind);
        }
        type_order
    }

    /// Resolve one typedef, Record or Inductive into `env`.
    fn define_type(&mut self, env: &mut Env, kind: &ItemKind) {
        match kind {
            ItemKind::Typedef { name, ty } => {
                if let Some(t) = resolve_type(env, ty, &mut self.diags) {
                    env.typedefs.insert(name.name.clone(), t);
                }
            }
            ItemKind::Record { name, ctor, fields } => {
                let mut fs = vec![];
                for f in fields {
                    let t = resolve_type(env, &f.ty, &mut self.diags).unwrap_or(Ty::Meta(0));
                    fs.push((f.name.name.clone(), t));
                }
                let rt = Ty::Named(name.name.clone());
                for (f, t) in &fs {
                    if let Some(g) = env.globals.get_mut(f) {
                        if g.kind == GlobalKind::Field(name.name.clone()) {
                            g.ty = Some(Ty::arrow(rt.clone(), t.clone()));
                        }
                    }
                }
                if let Some(g) = env.globals.get_mut(&ctor.name) {
                    if g.kind == GlobalKind::RecordCtor(name.name.clone()) {
                        g.ty = Some(Ty::curried(fs.iter().map(|f| f.1.clone()).collect(), rt));
                    }
                }
                env.records.insert(
                    name.name.clone(),
                    RecordInfo {
                        name: name.name.clone(),
                        ctor: ctor.name.clone(),
                        fields: fs,
                    },
                );
            }
            ItemKind::Inductive { name, ctors } => {
                // make the type itself resolvable inside its constructors
                let it = Ty::Named(name.name.clone());
                let mut cs = vec![];
                for c in ctors {
                    let args: Vec<Ty> = c
                        .args
                        .iter()
                        .map(|a| resolve_type(env, &a.ty, &mut self.diags).unwrap_or(Ty::Meta(0)))
                        .collect();
                    if let Some(g) = env.globals.get_mut(&c.name.name) {
                        if g.kind == GlobalKind::Ctor(name.name.clone()) {
                            g.ty = Some(Ty::curried(args.clone(), it.clone()));
                        }
                    }
                    cs.push((c.name.name.clone(), args));
                }
                env.inductives.insert(
                    name.name.clone(),
                    InductiveInfo {
                        name: name.name.clone(),
                        ctors: cs,
                    },
                );
            }
            _ => {}
        }
    }
}

/// Type declaration → the declared types it mentions (not itself, for an Inductive).
fn type_dependencies(env: &Env, items: &[PItem]) -> DepGraph {
    let mut type_deps: DepGraph = BTreeMap::new();
    for p in items {
        let mut ns = vec![];
        let (name, self_ok) = match &p.item.kind {
            ItemKind::Typedef { name, ty } => {
                ty.names(&mut ns);
                (name, false)
            }
            ItemKind::Record { name, fields, .. } => {
                fields.iter().for_each(|f| f.ty.names(&mut ns));
                (name, false)
            }
            ItemKind::Inductive { name, ctors } => {
                ctors
                    .iter()
                    .flat_map(|c| &c.args)
                    .for_each(|a| a.ty.names(&mut ns));
                (name, true)
            }
            _ => continue,
        };
        ns.retain(|(n, _)| {
            env.globals
                .get(n)
                .is_some_and(|g| g.kind.is_type() && g.span.is_some())
                && !(self_ok && *n == name.name)
        });
        type_deps.insert(name.name.clone(), (name.span, ns));
    }
    type_deps
}
