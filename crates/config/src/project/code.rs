//! After loading — the checks that need the code ([`Project::check_code`]), run by `autov build`
//! once the IR of the layers is read.
//!
//! Input: a loaded project and what the IR provides ([`CodeInfo`]: defined functions, their direct
//! callees, signatures). Specs and loop bounds are checked against the C functions' signatures; a
//! primitive above the bottom layer needs code or a spec; a primitive's callees must be
//! primitives of lower layers.
//!
//! Diagnostics: `E-CFG042` (a spec that does not match the C function), `E-CFG047` (a loop bound
//! whose arguments do not), `E-CFG043` (neither code nor spec), `E-CFG044` (a callee listed in no
//! layer), `E-CFG015` (a call to the same or a higher layer).

use super::{CodeInfo, Layer, LayerOp, Project};
use crate::types::Ty;
use diag::{Code, Diagnostic};
use std::collections::BTreeMap;

impl Project {
    /// Checks that need the code: a primitive above the bottom layer with neither code nor spec,
    /// a callee of a primitive listed in no layer, a call to a primitive of the same or a higher
    /// layer (layers may only call down).
    pub fn check_code(&self, code: &CodeInfo) -> Vec<Diagnostic> {
        let mut out = vec![];
        // specs and loop bounds against the functions' signatures
        for l in &self.layers {
            for p in &l.prims {
                let Some(sig) = code.signatures.get(&p.name) else {
                    continue;
                };
                if let Some(spec) = l.specs.get(&p.name) {
                    let g = &self.env.globals[spec];
                    let want = Ty::curried(
                        sig.params
                            .iter()
                            .map(|s| s.spec_ty())
                            .chain([l.data.clone()])
                            .collect(),
                        match sig.ret {
                            None => Ty::option(l.data.clone()),
                            Some(r) => Ty::option(Ty::Tuple(vec![r.spec_ty(), l.data.clone()])),
                        },
                    );
                    if g.ty.as_ref() != Some(&want) {
                        out.push(
                            Diagnostic::error(Code::SpecSignature, g.span, format!("spec `{spec}` has type `{}`, but the code of `{}` calls for `{want}`", g.ty.as_ref().unwrap(), p.name))
                                .label("does not match the C function")
                                .hint("one argument per C parameter (Z for integers, bool for i1, Ptr for pointers), then the state; `option D` for void, else `option (R * D)`"),
                        );
                    }
                }
                if let Some(b) = l.loop_bounds.get(&p.name) {
                    let g = &self.env.globals[b];
                    let t = g.ty.as_ref().unwrap();
                    let (args, _) = t.uncurry();
                    let fits = args.is_empty()
                        || (args.len() == sig.params.len()
                            && args
                                .iter()
                                .zip(&sig.params)
                                .all(|(a, s)| **a == s.spec_ty()));
                    if !fits {
                        out.push(
                            Diagnostic::error(Code::LoopBound, g.span, format!("loop bound `{b}` has type `{t}`; it must take no argument or exactly the arguments of `{}` ({})", p.name, sig.params.iter().map(|s| s.spec_ty().to_string()).collect::<Vec<_>>().join(", ")))
                                .label("arguments do not match the C function")
                                .hint("a loop bound is a constant or a function of the primitive's arguments"),
                        );
                    }
                }
            }
        }
        let mut prim_layer: BTreeMap<&str, usize> = BTreeMap::new();
        for l in &self.layers {
            for p in &l.prims {
                prim_layer.entry(p.name.as_str()).or_insert(l.index);
            }
        }
        for l in self.layers.iter().skip(1) {
            for p in &l.prims {
                let has_code = code.defined.contains(&p.name);
                if !has_code && !l.specs.contains_key(&p.name) {
                    out.push(
                        Diagnostic::error(Code::NoCodeNoSpec, p.span, format!("primitive `{}` of layer `{}` has neither code nor a spec", p.name, l.name.name))
                            .label("no definition in the IR, no `_spec`")
                            .hint(format!("check the name against the C function, add its code to LAYER_CODE, or write `{}_spec`", p.name)),
                    );
                }
                if !has_code {
                    continue;
                }
                let mut view_reported = false;
                for c in code.calls.get(&p.name).into_iter().flatten() {
                    if code.asm_procs.contains(c) {
                        let bottom = &self.layers[0];
                        let has_view = bottom.ops.contains_key(&LayerOp::GetReg)
                            && bottom.ops.contains_key(&LayerOp::SetReg);
                        if !view_reported && !has_view {
                            out.push(
                                Diagnostic::error(Code::NoRegisterView, p.span, format!("`{}` has inline asm (`{c}`), and inline asm runs over the bottom layer's register view, which `{}` does not give", p.name, bottom.name.name))
                                    .label(format!("primitive of layer `{}`", l.name.name))
                                    .hint(format!("define LAYER_GET_REG (Z -> state -> option Z) and LAYER_SET_REG (Z -> Z -> state -> option state) in layer `{}`: which system registers (by sr_key) the state holds", bottom.name.name)),
                            );
                            view_reported = true;
                        }
                        continue;
                    }
                    match prim_layer.get(c.as_str()) {
                        None => out.push(
                            Diagnostic::error(Code::CalleeInNoLayer, p.span, format!("`{}` calls `{c}`, which is listed in no layer", p.name))
                                .label(format!("primitive of layer `{}`", l.name.name))
                                .hint(format!("add \"{c}\" to the LAYER_PRIMS of a layer below `{}`", l.name.name)),
                        ),
                        Some(&cl) if cl >= l.index => out.push(
                            Diagnostic::error(Code::LayerOrder, p.span, format!("`{}` (layer `{}`) calls `{c}` of layer `{}`; a layer may only call primitives of lower layers", p.name, l.name.name, self.layers[cl].name.name))
                                .label("calls up or sideways")
                                .hint(format!("move `{c}` to a layer below `{}`, or `{}` above `{}`", l.name.name, p.name, self.layers[cl].name.name)),
                        ),
                        _ => {}
                    }
                }
            }
        }
        out
    }

    /// The index of the layer listing a primitive (lowest if listed twice).
    pub fn layer_index(&self, prim: &str) -> Option<usize> {
        self.layers
            .iter()
            .position(|l| l.prims.iter().any(|p| p.name == prim))
    }

    /// The layer listing a primitive (lowest if listed twice).
    pub fn layer_of(&self, prim: &str) -> Option<&Layer> {
        self.layer_index(prim).map(|k| &self.layers[k])
    }
}
