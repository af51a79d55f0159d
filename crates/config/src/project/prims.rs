//! Phase 11 — primitives: which layer provides each primitive, and its spec and loop bound.
//!
//! Input: the completed layers (phase 10) and the items with their checked types. A primitive
//! belongs to the lowest layer listing it. A definition `p_spec` is the hand-written spec of
//! primitive `p`, `p_loop_bound` the bound on the iterations of its loops; both must be defined in
//! the primitive's layer or below (or globally). A spec takes scalar arguments (Z, bool, Ptr),
//! then the layer's state, and returns `option D` or `option (R * D)`; a loop bound returns Z or
//! nat. The bottom layer is the trusted interface: each of its primitives needs a spec.
//!
//! Diagnostics: `W-CFG040` (a primitive listed in two layers: a warning), `E-CFG041` (a `_spec` or
//! `_loop_bound` for no primitive), `E-CFG015` (one defined above its primitive's layer),
//! `E-CFG042` (a spec of the wrong signature), `E-CFG047` (a loop bound of the wrong result type),
//! `E-CFG045` (a bottom-layer primitive without a spec, unless its spec was just reported as
//! ill-typed).
//!
//! Establishes: each layer's `specs` and `loop_bounds` (only well-typed ones); the returned map
//! primitive → (its layer, where it is listed), used by the hints phase.

use super::{Layer, Loader, PItem};
use crate::ast::ItemKind;
use crate::env::Env;
use crate::types::Ty;
use diag::span::Span;
use diag::{Code, Diagnostic};
use std::collections::BTreeMap;

/// Primitive → the lowest layer listing it, and where it is listed there.
pub(super) type PrimLayers = BTreeMap<String, (usize, Span)>;

impl Loader<'_> {
    pub(super) fn primitives(
        &mut self,
        env: &Env,
        items: &[PItem],
        layers: &mut [Layer],
    ) -> PrimLayers {
        let prim_layer = self.prim_layers(layers);
        for p in items {
            self.spec_and_bound(env, p, &prim_layer, layers);
        }
        self.bottom_specs(layers);
        self.relational_specs(layers, &prim_layer);
        prim_layer
    }

    /// Each primitive's layer; a primitive listed again higher up is reported.
    fn prim_layers(&mut self, layers: &[Layer]) -> PrimLayers {
        let mut prim_layer: BTreeMap<String, (usize, Span)> = BTreeMap::new();
        for l in layers {
            for p in &l.prims {
                if let Some((pl, psp)) = prim_layer.get(&p.name) {
                    self.diags.push(
                        Diagnostic::error(Code::PrimInTwoLayers, p.span, format!("primitive `{}` is listed in layers `{}` and `{}`", p.name, layers[*pl].name.name, l.name.name))
                            .label("listed again")
                            .note(*psp, "first listed here")
                            .hint("the lowest layer's entry is used; remove the other unless the layer above re-exports it on purpose"),
                    );
                    continue;
                }
                prim_layer.insert(p.name.clone(), (l.index, p.span));
            }
        }
        prim_layer
    }

    /// If `p` is a definition named `prim_spec` or `prim_loop_bound`, check it and record it.
    fn spec_and_bound(
        &mut self,
        env: &Env,
        p: &PItem,
        prim_layer: &PrimLayers,
        layers: &mut [Layer],
    ) {
        let Some(name) = p.item.kind.name() else {
            return;
        };
        if !matches!(p.item.kind, ItemKind::Definition { .. }) {
            return;
        }
        for (suffix, kind) in [
            ("_spec", Kind::Spec),
            ("_loop_bound", Kind::Bound),
            ("_pre", Kind::Pre),
        ] {
            let Some(prim) = name.name.strip_suffix(suffix) else {
                continue;
            };
            let is_spec = kind == Kind::Spec;
            let Some(&(pl, _)) = prim_layer.get(prim) else {
                self.diags.push(
                        Diagnostic::error(Code::SpecWithoutPrim, name.span, format!("`{}` is named like the {} of primitive `{prim}`, but no layer lists `{prim}`", name.name, kind.what()))
                            .label("no such primitive")
                            .hint(format!("add \"{prim}\" to a layer's LAYER_PRIMS, or rename the definition (the suffixes `_spec`, `_loop_bound` and `_pre` are reserved)")),
                    );
                continue;
            };
            if p.layer.is_some_and(|dl| dl > pl) {
                self.diags.push(
                        Diagnostic::error(Code::LayerOrder, name.span, format!("`{}` is defined in layer `{}`, above the layer `{}` of primitive `{prim}`", name.name, layers[p.layer.unwrap()].name.name, layers[pl].name.name))
                            .label("too high")
                            .hint("define it in the primitive's layer (or globally)"),
                    );
                continue;
            }
            let Some(t) = env.globals[&name.name].ty.clone() else {
                continue;
            };
            if kind == Kind::Pre {
                if let Err(why) = pre_signature_ok(&t, &layers[pl].data) {
                    self.diags.push(
                        Diagnostic::error(Code::PreSignature, name.span, format!("precondition `{}` has type `{t}`: {why}", name.name))
                            .label("wrong signature")
                            .hint(format!("a precondition takes the primitive's arguments (Z, bool or Ptr), then the state, and returns bool, with the state = LAYER_DATA of layer `{}`", layers[pl].name.name)),
                    );
                    continue;
                }
                layers[pl].pres.insert(prim.to_string(), name.name.clone());
                continue;
            }
            if is_spec {
                if let Err(why) = spec_signature_ok(&t, &layers[pl].data) {
                    self.diags.push(
                            Diagnostic::error(Code::SpecSignature, name.span, format!("spec `{}` has type `{t}`: {why}", name.name))
                                .label("wrong signature")
                                .hint(format!("a spec takes the arguments (Z, bool or Ptr), then the state, and returns `option {d}` (void) or `option (R * {d})`, with {d} = LAYER_DATA of layer `{}`", layers[pl].name.name, d = layers[pl].data)),
                        );
                    continue;
                }
                layers[pl].specs.insert(prim.to_string(), name.name.clone());
            } else {
                let (_, r) = t.uncurry();
                if !matches!(r, Ty::Z | Ty::Nat) {
                    self.diags.push(
                            Diagnostic::error(Code::LoopBound, name.span, format!("loop bound `{}` returns `{r}`; it must return Z or nat", name.name))
                                .label("wrong result type")
                                .hint("give an upper bound on the iterations of every loop of the primitive, as a number or a function of its arguments"),
                        );
                    continue;
                }
                layers[pl]
                    .loop_bounds
                    .insert(prim.to_string(), name.name.clone());
            }
        }
    }

    /// Every bottom-layer primitive needs a spec.
    fn bottom_specs(&mut self, layers: &[Layer]) {
        if let Some(b) = layers.first() {
            for p in &b.prims {
                if !b.specs.contains_key(&p.name)
                    && !self.diags.iter().any(|d| {
                        d.code == Code::SpecSignature
                            && d.message.contains(&format!("`{}_spec`", p.name))
                    })
                {
                    self.diags.push(
                        Diagnostic::error(Code::BottomWithoutSpec, p.span, format!("bottom-layer primitive `{}` has no spec", p.name))
                            .label("no spec")
                            .hint(format!("the bottom layer is the trusted interface: define `{}_spec` in Section {}", p.name, b.name.name)),
                    );
                }
            }
        }
    }

    /// A layer whose relation is not equality changes what its state means, so a spec generated
    /// from the code (which speaks of the state below) cannot be proved against it: each of its
    /// own primitives needs a hand-written spec.
    fn relational_specs(&mut self, layers: &[Layer], prim_layer: &PrimLayers) {
        for l in layers.iter().skip(1) {
            let Some(rel) = &l.refrel else { continue };
            for p in &l.prims {
                if prim_layer.get(&p.name).map(|(k, _)| *k) != Some(l.index)
                    || l.specs.contains_key(&p.name)
                {
                    continue;
                }
                if self.diags.iter().any(|d| {
                    d.code == Code::SpecSignature
                        && d.message.contains(&format!("`{}_spec`", p.name))
                }) {
                    continue;
                }
                self.diags.push(
                    Diagnostic::error(Code::RelPrimWithoutSpec, p.span, format!("primitive `{}` of layer `{}` has no hand-written spec, but the layer relates its state to the one below by `{rel}`", p.name, l.name.name))
                        .label("no spec")
                        .hint(format!("define `{}_spec` over the layer's state in Section {} (a spec generated from the code speaks of the state below), or move `{}` to a layer related by equality", p.name, l.name.name, p.name)),
                );
            }
        }
    }
}

/// The three definitions a primitive may have besides its code.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Spec,
    Bound,
    Pre,
}

impl Kind {
    fn what(self) -> &'static str {
        match self {
            Kind::Spec => "spec",
            Kind::Bound => "loop bound",
            Kind::Pre => "precondition",
        }
    }
}

/// `args… -> D -> bool`, args in {Z, bool, Ptr}.
fn pre_signature_ok(t: &Ty, d: &Ty) -> Result<(), String> {
    let (args, ret) = t.uncurry();
    let Some((st, args)) = args.split_last() else {
        return Err("it takes no arguments, but it needs at least the state".into());
    };
    if *st != d {
        return Err(format!("its last argument must be the state `{d}`"));
    }
    let scalar = |t: &Ty| matches!(t, Ty::Z | Ty::Bool) || *t == Ty::Named("Ptr".into());
    if let Some(a) = args.iter().find(|a| !scalar(a)) {
        return Err(format!("argument type `{a}` is not Z, bool or Ptr"));
    }
    if *ret != Ty::Bool {
        return Err("it must return bool (a decidable condition)".into());
    }
    Ok(())
}

/// `args… -> D -> option D` or `args… -> D -> option (R * D)`, args and R in {Z, bool, Ptr}.
fn spec_signature_ok(t: &Ty, d: &Ty) -> Result<(), String> {
    let (args, ret) = t.uncurry();
    let Some((st, args)) = args.split_last() else {
        return Err("it takes no arguments, but it needs at least the state".into());
    };
    if *st != d {
        return Err(format!("its last argument must be the state `{d}`"));
    }
    let scalar = |t: &Ty| matches!(t, Ty::Z | Ty::Bool) || *t == Ty::Named("Ptr".into());
    if let Some(a) = args.iter().find(|a| !scalar(a)) {
        return Err(format!("argument type `{a}` is not Z, bool or Ptr"));
    }
    match ret {
        Ty::Option(r) if **r == *d => Ok(()),
        Ty::Option(r) => match &**r {
            Ty::Tuple(ts) if ts.len() == 2 && ts[1] == *d && scalar(&ts[0]) => Ok(()),
            _ => Err(format!(
                "it must return `option {d}` or `option (R * {d})` with R = Z, bool or Ptr"
            )),
        },
        _ => Err("it must return an option".into()),
    }
}
