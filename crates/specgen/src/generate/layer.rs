//! The files of one layer: `Defs.v` (its configuration definitions), `Spec.v` (its primitives'
//! specs, marshalled), `Layer.v` (the layer and the code of its primitives), and above the bottom
//! `RefineRel.v`, `<q>/PassRef.v` for each primitive passed through a refinement relation (its
//! spec preserves the relation) and `LayerProof.v` (the layer is refined by its code over the
//! layer below).

use super::cfgcoq::{self, CfgCtx};
use super::ctx::Ctx;
use super::meaning;
use super::names;
use super::plan::Plan;
use crate::lowspec::{self, LowSpec};
use crate::spec::print as sp;
use config::ast::ItemKind;
use config::{LayerOp, Ty};
use coq::sentence::Require;
use coq::{Binder, ListLayout, Proof, Sentence, Tactic, Term};
use std::collections::BTreeMap;

fn name(s: impl Into<String>) -> Term {
    Term::name(s)
}

/// The definitions (in dependency order) of one layer (`Some(k)`) or the global ones (`None`),
/// then `simpl never` for the layer's operations and specs and the `NoUnfold` hints.
pub fn value_decls(cx: &Ctx, ccx: &CfgCtx, layer: Option<usize>) -> Result<Vec<Sentence>, String> {
    let mut out = vec![];
    let items: BTreeMap<&str, &config::PItem> =
        cx.p.items
            .iter()
            .filter_map(|it| it.item.kind.name().map(|n| (n.name.as_str(), it)))
            .collect();
    let mut never = vec![];
    for dname in &cx.p.def_order {
        let Some(it) = items.get(dname.as_str()) else {
            continue;
        };
        if it.layer != layer {
            continue;
        }
        let gl = &cx.p.env.globals[dname];
        match &it.item.kind {
            ItemKind::Definition {
                params,
                body,
                fixpoint,
                ..
            } => {
                let t = gl
                    .ty
                    .clone()
                    .ok_or_else(|| format!("`{dname}` has no type"))?;
                let (args, ret) = t.uncurry();
                let args: Vec<Ty> = args.into_iter().cloned().collect();
                let bs: Vec<Binder> = params
                    .iter()
                    .zip(&args)
                    .map(|(p, t)| Binder::typed(p.name.name.clone(), cfgcoq::ty(t)))
                    .collect();
                // a definition with fewer syntactic parameters than arrows returns a function
                let ret = if params.len() < args.len() {
                    Ty::curried(args[params.len()..].to_vec(), ret.clone())
                } else {
                    ret.clone()
                };
                let b = ccx.expr(body).map_err(|e| format!("in `{dname}`: {e}"))?;
                out.push(if *fixpoint {
                    Sentence::fixpoint(dname.clone(), bs, cfgcoq::ty(&ret), b)
                } else {
                    Sentence::definition(dname.clone(), bs, Some(cfgcoq::ty(&ret)), b)
                });
            }
            ItemKind::Parameter { .. } => {
                if let Some(t) = &gl.ty {
                    out.push(Sentence::Parameter {
                        name: dname.clone(),
                        ty: cfgcoq::ty(t),
                    });
                }
            }
            _ => continue,
        }
        if cx.p.hints.no_unfold.contains(dname) {
            never.push(dname.clone());
        }
        if let Some(k) = layer {
            let l = &cx.p.layers[k];
            if l.ops.values().any(|v| v == dname) || l.specs.values().any(|v| v == dname) {
                never.push(dname.clone());
            }
        }
    }
    if !never.is_empty() {
        out.push(Sentence::Group(
            never.into_iter().map(Sentence::simpl_never).collect(),
        ));
    }
    Ok(out)
}

/// Every file of layer `k`.
pub fn files(
    cx: &Ctx,
    ccx: &CfgCtx,
    plan: &Plan,
    k: usize,
    lows: &BTreeMap<String, LowSpec>,
    synthesized: &BTreeMap<String, std::sync::Arc<crate::synth::Synthesized>>,
) -> Result<Vec<(String, String)>, String> {
    let l = &cx.p.layers[k];
    let ln = cx.lname(k);
    let st = sp::ty(cx.state(k));
    let iface = &plan.ifaces[k];
    let mut files = vec![];
    // Defs.v
    let prev = if k == 0 {
        Require::export(cx.pn.clone(), &["GlobalDefs"])
    } else {
        Require::export(cx.layer_dir(k - 1), &["Spec"])
    };
    let mut f = cx.file(
        &format!("definitions of layer {ln}"),
        vec![Require::export(cx.pn.clone(), &["DataTypes"]), prev],
    );
    f.extend(value_decls(cx, ccx, Some(k))?);
    files.push((names::layer_file(ln, "Defs"), f.render()));
    // Spec.v
    let mut req = vec![Require::export(cx.layer_dir(k), &["Defs"])];
    let asm_here = k == 0 && !cx.asm.is_empty();
    if asm_here {
        req.push(Require::export(cx.layer_dir(k), &["Asm"]));
    }
    // A primitive's low spec is needed here only when its spec names something of that file: its
    // spec is its low spec, or its synthesised spec keeps a loop (the fuel functions). A field
    // spec or a loop-free synthesised spec is closed, so a file that needs only the specs (every
    // RefProof, through RefineRel.v) does not wait for every low spec of the layer.
    for p in &iface.coded {
        let closed =
            cx.fields.contains_key(p) || synthesized.get(p).is_some_and(|s| s.fixpoints.is_empty());
        if !l.specs.contains_key(p) && !closed {
            req.push(Require::export(cx.prim_dir(k, p), &["LowSpec"]));
        }
    }
    let mut f = cx.file(&format!("specs of the primitives of layer {ln}"), req);
    for p in &iface.own {
        let Some((params, ret)) = cx.sig(p) else {
            return Err(format!("primitive `{p}` of layer `{ln}`: no signature in the code (only integer, i1 and pointer parameters are supported)"));
        };
        let spec = match l.specs.get(p) {
            Some(sname) => sname.clone(),
            // defined (with its code proof) in Asm.v
            None if k == 0 && cx.asm.contains_key(p) => names::spec(p),
            None => {
                let Some(low) = lows.get(p) else {
                    // reported where its generation failed; the layer is left without it
                    f.push(Sentence::comment(format!(
                        "`{p}`: no spec (its generation failed)."
                    )));
                    continue;
                };
                if let Some(fs) = cx.fields.get(p) {
                    f.extend(super::memory::field_spec_sentences(cx, k, p, fs));
                } else if let Some(s) = synthesized.get(p) {
                    // synthesis hook (issue 12): the synthesised spec and its loop fixpoints
                    f.extend(crate::synth::coqgen::spec_sentences(s));
                } else {
                    f.push(Sentence::Group(vec![
                        Sentence::comment(format!(
                            "`{p}` has no hand-written spec: its spec is its low spec."
                        )),
                        Sentence::definition(names::spec(p), vec![], None, name(low.spec.clone())),
                        Sentence::simpl_never(names::spec(p)),
                    ]));
                }
                names::spec(p)
            }
        };
        f.push(lowspec::prim_def(
            &names::prim(p),
            &spec,
            &params,
            ret,
            cx.state(k),
        ));
    }
    files.push((names::layer_file(ln, "Spec"), f.render()));
    if asm_here {
        files.push((
            names::layer_file(ln, "Asm"),
            super::asm::asm_file(cx, &cx.asm).render(),
        ));
    }
    // Layer.v
    let mut req = vec![Require::export(cx.layer_dir(k), &["Spec"])];
    if k > 0 && l.data_init.is_none() {
        // the initial state is the one below
        req.push(Require::import(cx.layer_dir(k - 1), &["Layer"]));
    }
    if !iface.coded.is_empty() {
        let mods: Vec<String> = iface.coded.iter().map(|p| names::func_module(p)).collect();
        let mods: Vec<&str> = mods.iter().map(|m| m.as_str()).collect();
        req.push(Require::plain(names::code_dir(&cx.pn), &mods));
    }
    let mut f = cx.file(
        &format!("the layer {ln}: its interface (and the code of its primitives)"),
        req,
    );
    let op = |o: LayerOp, mk: &str, none: &str| match l.ops.get(&o) {
        Some(g) if mk.is_empty() => name(g.clone()),
        Some(g) => Term::app(mk, vec![name(g.clone())]),
        None => name(none),
    };
    let prims: Vec<Term> = iface
        .own
        .iter()
        .chain(&iface.pass)
        .map(|p| Term::tuple(vec![name(cx.ident(p)), name(names::prim(p))]))
        .collect();
    f.push(Sentence::definition(
        names::layer(ln),
        vec![],
        Some(name("layer")),
        Term::Record(vec![
            ("lstate".into(), st.clone()),
            ("lload".into(), op(LayerOp::Load, "mk_load", "no_load")),
            ("lstore".into(), op(LayerOp::Store, "mk_store", "no_store")),
            ("lalloc".into(), op(LayerOp::Alloc, "", "no_alloc")),
            ("lptr2int".into(), name("no_ptr2int")),
            ("lfloat".into(), name("no_float")),
            (
                "lprim".into(),
                Term::app("prims_rel", vec![Term::List(prims, ListLayout::Lines)]),
            ),
        ]),
    ));
    // the initial state: the layer's own, else (equal state, equality relation) the one below
    let init = match &l.data_init {
        Some(init) => Some(name(init.clone())),
        None if k > 0 => Some(name(names::layer_init(cx.lname(k - 1)))),
        None => None,
    };
    if let Some(init) = init {
        f.push(Sentence::definition(
            names::layer_init(ln),
            vec![],
            Some(st.clone()),
            init,
        ));
    }
    if k > 0 {
        let tbl: Vec<Term> = iface
            .coded
            .iter()
            .map(|p| Term::tuple(vec![name(cx.ident(p)), name(names::func_qualified(p))]))
            .collect();
        f.push(Sentence::Group(vec![
            Sentence::comment(format!(
                "The code implementing the primitives of {ln}; it runs over {}.",
                cx.lname(k - 1)
            )),
            Sentence::definition(
                names::layer_code(ln),
                vec![],
                Some(name("code")),
                Term::List(tbl, ListLayout::Lines),
            ),
        ]));
    }
    files.push((names::layer_file(ln, "Layer"), f.render()));
    if k == 0 {
        if let Some(f) = meaning::init_mem_file(cx) {
            files.push((names::layer_file(ln, "InitMem"), f.render()));
        }
        return Ok(files);
    }
    // RefineRel.v
    let below = cx.lname(k - 1);
    let stb = sp::ty(cx.state(k - 1));
    let mut f = cx.file(
        &format!("the refinement relation of layer {ln} over {below}"),
        vec![
            Require::export(cx.layer_dir(k - 1), &["Layer"]),
            Require::export(cx.layer_dir(k), &["Layer"]),
        ],
    );
    let rel_ty = Term::arrow(st.clone(), Term::arrow(stb, name("Prop")));
    let body = match &l.refrel {
        Some(r) => name(r.clone()),
        None => Term::fun(
            vec![Binder::untyped("a"), Binder::untyped("b")],
            Term::eq(name("a"), name("b")),
        ),
    };
    f.push(Sentence::definition(
        names::rel(ln),
        vec![],
        Some(rel_ty),
        body,
    ));
    files.push((names::layer_file(ln, "RefineRel"), f.render()));
    files.push((
        names::layer_file(ln, "InitRel"),
        meaning::init_rel_file(cx, k).render(),
    ));
    if meaning::has_defined(cx, plan, k) {
        files.push((
            names::layer_file(ln, "Defined"),
            meaning::defined_file(cx, plan, k).render(),
        ));
    }
    // <q>/PassRef.v: a primitive passed through a relation keeps its spec, which must preserve it
    let pass_rel: Vec<&String> = if l.refrel.is_some() {
        iface.pass.iter().collect()
    } else {
        vec![]
    };
    for q in &pass_rel {
        let mut req = vec![Require::import(cx.layer_dir(k), &["RefineRel"])];
        req.extend(meaning::proof_requires(cx, k));
        let mut f = cx.file(
            &format!(
                "`{q}` (layer {}) passes through {ln}: its spec preserves the relation {}",
                cx.lname(plan.layer_of[q.as_str()]),
                names::rel(ln)
            ),
            req,
        );
        f.push(Sentence::lemma(
            names::pass_lemma(q),
            Term::app(
                "prim_ref",
                vec![
                    name(names::prim(q)),
                    name(names::prim(q)),
                    name(names::rel(ln)),
                ],
            ),
            Proof::by(Tactic::call(
                "pass_proof",
                vec![
                    name(names::prim(q)),
                    name(names::spec(q)),
                    name(names::rel(ln)),
                ],
            )),
        ));
        files.push((names::prim_file(ln, q, "PassRef"), f.render()));
    }
    // LayerProof.v
    let mut req = vec![Require::import(cx.layer_dir(k), &["RefineRel"])];
    for p in &iface.coded {
        req.push(Require::import(
            cx.prim_dir(k, p),
            &["CodeProof", "RefProof"],
        ));
    }
    for q in &pass_rel {
        req.push(Require::import(cx.prim_dir(k, q), &["PassRef"]));
    }
    let mut f = cx.file(
        &format!("layer {ln} is refined by its code running over layer {below}"),
        req,
    );
    let lo = names::layer(below);
    let spec_refines = |p: &str| {
        Term::app(
            "spec_refines",
            vec![
                name(names::prim(p)),
                name(names::layer_code(ln)),
                name(lo.clone()),
                name(names::rel(ln)),
                name(cx.ident(p)),
            ],
        )
    };
    let mut lemmas = vec![];
    for p in &iface.coded {
        f.push(Sentence::lemma(
            names::refines_lemma(p),
            spec_refines(p),
            Proof::by(Tactic::Exact(Term::app(
                "implements_refines",
                vec![
                    name(lo.clone()),
                    name("_"),
                    name("_"),
                    name("_"),
                    name("_"),
                    name("_"),
                    name("_"),
                    name(names::code_lemma(p)),
                    name(names::ref_lemma(p)),
                ],
            ))),
        ));
        lemmas.push(names::refines_lemma(p));
    }
    for q in &iface.pass {
        let proof = if l.refrel.is_some() {
            Tactic::call(
                "passthrough_rel_proof",
                vec![name(lo.clone()), name(names::pass_lemma(q))],
            )
        } else {
            Tactic::call("passthrough_proof", vec![name(lo.clone())])
        };
        f.push(Sentence::lemma(
            names::refines_lemma(q),
            spec_refines(q),
            Proof::by(proof),
        ));
        lemmas.push(names::refines_lemma(q));
    }
    let mem = |o: LayerOp| -> Result<&'static str, String> {
        match (l.ops.get(&o), cx.p.layers[k - 1].ops.get(&o)) {
            (None, _) => Ok("mem_none"),
            (Some(a), Some(b)) if a == b && l.refrel.is_none() => Ok("mem_same"),
            _ => Err(format!(
                "layer `{ln}` provides a memory operation of its own ({}); only operations inherited unchanged from the layer below are supported above the bottom layer",
                l.ops.get(&o).cloned().unwrap_or_default()
            )),
        }
    };
    f.push(Sentence::theorem(
        names::layer_refines(ln),
        Term::app(
            "refines",
            vec![
                name(names::layer(ln)),
                name(names::layer_code(ln)),
                name(lo),
                name(names::rel(ln)),
            ],
        ),
        // `layer_proof` leaves one goal per primitive, in the order of the layer's primitive list
        // (own, then passed through): each is closed by its lemma, by position (trying every
        // lemma on every goal made this file quadratic: a failed `exact` unfolds both specs)
        Proof::by(Tactic::dispatch(
            Tactic::call(
                "layer_proof",
                vec![
                    name(mem(LayerOp::Load)?),
                    name(mem(LayerOp::Store)?),
                    name(mem(LayerOp::Alloc)?),
                ],
            ),
            lemmas.into_iter().map(|n| Tactic::Exact(name(n))).collect(),
        )),
    ));
    files.push((names::layer_file(ln, "LayerProof"), f.render()));
    Ok(files)
}
