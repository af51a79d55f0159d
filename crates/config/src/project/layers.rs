//! Phase 10 — layers completed: required settings, inheritance, and the types of what the
//! reserved definitions name.
//!
//! Input: the layers as the reserved phase left them and its [`Settings`], the checked
//! environment. `PROJ_NAME` and `PROJ_BASE` are required, and at least one layer. A layer without
//! `LAYER_DATA` or `LAYER_CODE` inherits it from the layer below; the bottom layer must define its
//! state, and every layer must have code (its own or inherited) and a `LAYER_PRIMS`. Then, with
//! every layer's state known, the layer operations are checked against their fixed signatures,
//! `LAYER_DATA_INIT` against the layer's state, and `LAYER_REFREL` against `state -> state below
//! -> Prop`; a layer whose state differs from the one below must give a `LAYER_REFREL`.
//!
//! Diagnostics: `E-CFG031` (missing `PROJ_NAME`, `PROJ_BASE`, bottom `LAYER_DATA`, `LAYER_CODE`,
//! `LAYER_PRIMS`), `E-CFG036` (no layer), `E-CFG033` (a layer operation or `LAYER_DATA_INIT` of
//! the wrong type), `E-CFG034` (missing or ill-typed refinement relation).
//!
//! Establishes: every layer's `data` and `code` are final (inherited where omitted). The returned
//! project settings (`PROJ_NAME`, `PROJ_BASE`, `PROJ_PROOFS`) are complete when no error was
//! reported.

use super::reserved::Settings;
use super::{Layer, LayerOp, Loader};
use crate::env::Env;
use crate::types::Ty;
use diag::span::Span;
use diag::{Code, Diagnostic};
use std::path::PathBuf;

/// The project-level settings: `PROJ_NAME`, `PROJ_BASE`, `PROJ_PROOFS`.
pub(super) struct ProjSettings {
    pub name: Option<String>,
    pub base: Option<PathBuf>,
    pub proofs: Vec<PathBuf>,
    pub trusted: Vec<String>,
}

impl Loader<'_> {
    pub(super) fn complete_layers(
        &mut self,
        env: &Env,
        layers: &mut [Layer],
        mut st: Settings,
    ) -> ProjSettings {
        self.required_settings(&st, layers);
        self.inherit(layers, &mut st);
        self.check_layer_ops(env, layers, std::mem::take(&mut st.op_checks));
        self.check_layer_types(env, layers, &st);
        ProjSettings {
            name: st.proj_name,
            base: st.proj_base,
            proofs: st.proj_proofs,
            trusted: st.proj_trusted,
        }
    }

    /// `PROJ_NAME`, `PROJ_BASE` and a layer must be there.
    fn required_settings(&mut self, st: &Settings, layers: &[Layer]) {
        if st.proj_name.is_none() && !st.proj_seen.0 {
            self.diags.push(
                Diagnostic::error(Code::ReservedMissing, None, "PROJ_NAME is not defined")
                    .hint("add `Definition PROJ_NAME := \"MyProof\".` before the first Section"),
            );
        }
        if st.proj_base.is_none() && !st.proj_seen.1 {
            self.diags.push(
                Diagnostic::error(Code::ReservedMissing, None, "PROJ_BASE is not defined")
                    .hint("add `Definition PROJ_BASE := \"proof\".` (output directory, relative to the config)"),
            );
        }
        if layers.is_empty() {
            self.diags.push(
                Diagnostic::error(Code::NoLayers, None, "the configuration declares no layer")
                    .hint("declare layers bottom-up with `Section Bottom. … End Bottom.`"),
            );
        }
    }

    /// Inheritance of `LAYER_DATA` / `LAYER_CODE`; every layer needs state, code and primitives.
    fn inherit(&mut self, layers: &mut [Layer], st: &mut Settings) {
        for (i, layer) in layers.iter_mut().enumerate() {
            match st.layer_data[i].clone().or_else(|| {
                if i > 0 {
                    st.layer_data[i - 1].clone()
                } else {
                    None
                }
            }) {
                Some(d) => {
                    layer.data = d.0.clone();
                    st.layer_data[i] = Some(d);
                }
                None => {
                    if i == 0 {
                        self.diags.push(
                            Diagnostic::error(
                                Code::ReservedMissing,
                                layer.name.span,
                                format!(
                                    "the bottom layer `{}` does not define LAYER_DATA",
                                    layer.name.name
                                ),
                            )
                            .label("no abstract state")
                            .hint(
                                "add `Definition LAYER_DATA := RData.` (layers above inherit it)",
                            ),
                        );
                    }
                }
            }
            match st.layer_code[i].clone().or_else(|| {
                if i > 0 {
                    st.layer_code[i - 1].clone()
                } else {
                    None
                }
            }) {
                Some(c) => {
                    layer.code = Some(c.0.clone());
                    st.layer_code[i] = Some(c);
                }
                None if i > 0 => self.diags.push(
                    Diagnostic::error(
                        Code::ReservedMissing,
                        layer.name.span,
                        format!(
                            "layer `{}` has no LAYER_CODE (and no layer below gives one)",
                            layer.name.name
                        ),
                    )
                    .label("no code")
                    .hint("add `Definition LAYER_CODE := \"code.ll\".` here or in a lower layer"),
                ),
                None => {}
            }
            if !st.prims_given[i] {
                self.diags.push(
                    Diagnostic::error(
                        Code::ReservedMissing,
                        layer.name.span,
                        format!("layer `{}` does not define LAYER_PRIMS", layer.name.name),
                    )
                    .label("no primitive list")
                    .hint("add `Definition LAYER_PRIMS := \"f\" :: nil.` (or `nil`)"),
                );
            }
        }
    }

    /// Layer operations have fixed signatures over the layer's state.
    fn check_layer_ops(
        &mut self,
        env: &Env,
        layers: &[Layer],
        op_checks: Vec<(usize, LayerOp, String, Span)>,
    ) {
        for (li, op, fname, sp) in op_checks {
            let want = op.signature(&layers[li].data);
            if let Some(t) = env.globals[&fname].ty.clone() {
                if t != want {
                    let n = LayerOp::ALL.iter().find(|(o, _)| *o == op).unwrap().1;
                    self.diags.push(
                        Diagnostic::error(Code::LayerOp, sp, format!("`{n}` of layer `{}` must have type `{want}`, but `{fname}` has type `{t}`", layers[li].name.name))
                            .label("wrong signature")
                            .hint("see docs/config.md, \"Layer operations\", for the signature of each operation"),
                    );
                }
            }
        }
    }

    /// Typed layer definitions: `LAYER_DATA_INIT`, `LAYER_REFREL`, `LAYER_INV`; the initial
    /// state is required where a relation must be shown to hold initially.
    fn check_layer_types(&mut self, env: &Env, layers: &[Layer], st: &Settings) {
        for i in 0..layers.len() {
            let d = layers[i].data.clone();
            // a layer related to the one below by equality starts where that layer starts
            let own_state =
                i == 0 || layers[i].refrel.is_some() || layers[i].data != layers[i - 1].data;
            if own_state && layers[i].data_init.is_none() {
                let why = if i == 0 {
                    "the bottom layer's initial state is where every execution starts"
                } else {
                    "its relation to the layer below must be shown to hold on the initial states"
                };
                self.diags.push(
                    Diagnostic::error(Code::InitMissing, layers[i].name.span, format!("layer `{}` has no LAYER_DATA_INIT: {why}", layers[i].name.name))
                        .label("no initial state")
                        .hint(format!("define the initial state `init : {d}` in this layer and add `Definition LAYER_DATA_INIT := \"init\".`")),
                );
            }
            if let Some(inv) = &layers[i].inv {
                let want = Ty::arrow(d.clone(), Ty::Prop);
                if let Some(t) = env.globals[inv].ty.clone() {
                    if t != want {
                        self.diags.push(
                            Diagnostic::error(Code::LayerOp, st.use_sites[&(i, "inv")], format!("LAYER_INV of layer `{}` must have type `{want}`, but `{inv}` has type `{t}`", layers[i].name.name))
                                .label("wrong type")
                                .note(env.globals[inv].span.unwrap(), "defined here")
                                .hint("the invariant is a property of the layer's state"),
                        );
                    }
                }
            }
            if let Some(init) = &layers[i].data_init {
                if let Some(t) = env.globals[init].ty.clone() {
                    if t != d {
                        self.diags.push(
                            Diagnostic::error(Code::LayerOp, st.use_sites[&(i, "init")], format!("LAYER_DATA_INIT of layer `{}` must have type `{d}`, but `{init}` has type `{t}`", layers[i].name.name))
                                .label("wrong type")
                                .note(env.globals[init].span.unwrap(), "defined here")
                                .hint("the initial state has the layer's LAYER_DATA type"),
                        );
                    }
                }
            }
            if i > 0
                && layers[i].refrel.is_none()
                && d != layers[i - 1].data
                && st.layer_data[i].is_some()
            {
                self.diags.push(
                    Diagnostic::error(Code::RefRel, layers[i].name.span, format!("layer `{}` has state `{d}` but the layer below has `{}`, and no LAYER_REFREL relates them", layers[i].name.name, layers[i - 1].data))
                        .label("no refinement relation")
                        .hint(format!("add `Definition LAYER_REFREL := \"r\".` with `r : {d} -> {} -> Prop` (equality is the default only for equal states)", layers[i - 1].data)),
                );
            }
            if let Some(rel) = &layers[i].refrel {
                let want = Ty::curried(vec![d.clone(), layers[i - 1].data.clone()], Ty::Prop);
                if let Some(t) = env.globals[rel].ty.clone() {
                    if t != want {
                        self.diags.push(
                            Diagnostic::error(Code::RefRel, st.use_sites[&(i, "rel")], format!("refinement relation `{rel}` of layer `{}` must have type `{want}`, found `{t}`", layers[i].name.name))
                                .label("wrong type")
                                .note(env.globals[rel].span.unwrap(), "defined here")
                                .hint("LAYER_REFREL relates this layer's state (first) to the state of the layer below (second)"),
                        );
                    }
                }
            }
        }
    }
}
