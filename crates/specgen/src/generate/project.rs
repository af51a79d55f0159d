//! The whole generated project: the shared files (`DataTypes.v`, `GlobalDefs.v`, `Top.v`, the
//! copy of the hand proofs), the layers' files, and the primitives' files, generated in waves over
//! the call graph (rayon).

use super::cfgcoq::{self, CfgCtx};
use super::code::Code;
use super::ctx::{Ctx, GenError, VERSION};
use super::handproofs;
use super::layer;
use super::meaning;
use super::names;
use super::plan::{self, Plan};
use super::prim::{self, PrimOut};
use crate::lowspec::LowSpec;
use config::env::GlobalKind;
use config::Project;
use coq::sentence::Require;
use coq::{Binder, Ctor, Proof, Sentence, Term};
use diag::{Code as DCode, Place};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Per-layer figures for the report.
#[derive(Clone, Debug, Default)]
pub struct LayerReport {
    pub name: String,
    pub prims: usize,
    pub specs_given: usize,
    pub specs_generated: usize,
    /// Of the generated specs, field-level specs of memory-map accessors.
    pub field_specs: usize,
    pub passthrough: usize,
    /// Inline-asm procedures the layer provides (the bottom layer, through its register view): each
    /// with a spec from asmgen's model and a code proof, in `<layer>/Asm.v`.
    pub asm: usize,
    pub code_proofs: usize,
    pub ref_proofs: usize,
    pub loops: usize,
    /// `Admitted`s emitted, with reasons (the generator never emits one: failures are errors).
    pub admitted: Vec<String>,
    /// Synthesis (issue 12): generated specs synthesised / generated specs, with figures.
    pub synth: crate::synth::LayerSynth,
}

/// The generated project, in memory.
pub struct Generated {
    /// (relative path, contents), sorted by path.
    pub files: Vec<(String, String)>,
    pub layers: Vec<LayerReport>,
    pub errors: Vec<GenError>,
    pub warnings: Vec<String>,
    /// The schedule: the primitives with code, in waves over the call graph (a primitive comes after
    /// every primitive it calls); each wave runs in parallel (rayon). Names sorted within a wave.
    pub waves: Vec<Vec<String>>,
    /// Assumptions found in the hand-written proofs (refused unless `PROJ_TRUSTED` names them).
    pub hand_assumptions: Vec<handproofs::Assumption>,
    /// The top layer's primitives and the domain where their specs are promised.
    pub preconditions: Vec<(String, Domain)>,
    /// The synthesised specs, by primitive.
    pub synthesized: BTreeMap<String, Arc<crate::synth::Synthesized>>,
}

/// Where a top-layer primitive's spec is promised (the domain of `top_refines`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Domain {
    /// A hand-written spec, defined under this precondition (as written, or `true`).
    Given(String),
    /// A spec generated from the memory map: the path (`field`/`lock word` and its C path), under
    /// its index bounds (and, for a field, its access check).
    /// The paths of a field or lock-word spec; several for a function that chooses its field
    /// by its arguments (each with its case: `regs[r] when index < 8`).
    Map { lock_word: bool, paths: Vec<String> },
    /// A generated spec: the code's own meaning.
    Code,
}

/// The top layer's primitives with the domains of their specs.
fn preconditions(cx: &Ctx, plan: &Plan) -> Vec<(String, Domain)> {
    let Some(k) = cx.p.layers.len().checked_sub(1) else {
        return vec![];
    };
    let l = &cx.p.layers[k];
    plan.ifaces[k]
        .own
        .iter()
        .map(|q| {
            let pre = if let Some(arms) = cx.fields.get(q) {
                Domain::Map {
                    lock_word: arms[0].lock_op.is_some(),
                    paths: arms
                        .iter()
                        .map(|fs| match &fs.case {
                            Some((c, _)) => format!("{} when {c}", fs.path.decl.display()),
                            None => fs.path.decl.display(),
                        })
                        .collect(),
                }
            } else if !cx.has_given_spec(q) {
                Domain::Code
            } else {
                Domain::Given(match l.pres.get(q) {
                    Some(pre) => {
                        cx.p.items
                            .iter()
                            .find_map(|it| match &it.item.kind {
                                config::ast::ItemKind::Definition { name, body, .. }
                                    if &name.name == pre =>
                                {
                                    Some(config::pretty::expr_src(body))
                                }
                                _ => None,
                            })
                            .unwrap_or_else(|| pre.clone())
                    }
                    None => "true".to_string(),
                })
            };
            (q.clone(), pre)
        })
        .collect()
}

/// A progress callback (one line per stage/wave).
pub type Progress<'a> = &'a (dyn Fn(&str) + Sync);

fn name(s: impl Into<String>) -> Term {
    Term::name(s)
}

fn print_error(file: &str, e: String) -> GenError {
    GenError::new(
        DCode::BldPrint,
        Place::file(file),
        e,
        "a construct of the configuration the generator cannot translate to Coq; please report it",
    )
}

/// The coq-lib modules the configuration imports (`From AutoV.PT Require Import …`), exported
/// from `DataTypes.v` so every generated file sees the names the configuration uses; one
/// sentence per library, modules in first-import order.
fn library_imports(p: &config::Project) -> Vec<Require> {
    let mut libs: Vec<(String, Vec<String>)> = vec![];
    for it in &p.items {
        let config::ast::ItemKind::Require { lib, modules } = &it.item.kind else {
            continue;
        };
        let i = match libs.iter().position(|(l, _)| *l == lib.name) {
            Some(i) => i,
            None => {
                libs.push((lib.name.clone(), vec![]));
                libs.len() - 1
            }
        };
        for m in modules {
            if !libs[i].1.contains(&m.name) {
                libs[i].1.push(m.name.clone());
            }
        }
    }
    libs.iter()
        .map(|(l, ms)| {
            let ms: Vec<&str> = ms.iter().map(String::as_str).collect();
            Require::export(l.clone(), &ms)
        })
        .collect()
}

/// `DataTypes.v`: records (with one update function per field), inductives, type definitions.
fn data_types(cx: &Ctx) -> String {
    let mut f = cx.file(
        "records, inductives and type definitions of the configuration",
        library_imports(cx.p),
    );
    let env = &cx.p.env;
    for tname in &cx.p.type_order {
        let Some(gl) = env.globals.get(tname) else {
            continue;
        };
        match gl.kind {
            GlobalKind::Record => {
                let r = &env.records[tname];
                let mut group = vec![Sentence::Record {
                    name: tname.clone(),
                    ctor: r.ctor.clone(),
                    fields: r
                        .fields
                        .iter()
                        .map(|(fl, t)| (fl.clone(), cfgcoq::ty(t)))
                        .collect(),
                }];
                for (fl, t) in &r.fields {
                    let args: Vec<Term> = r
                        .fields
                        .iter()
                        .map(|(g, _)| {
                            if g == fl {
                                name("b")
                            } else {
                                Term::proj(name("a"), g.clone())
                            }
                        })
                        .collect();
                    group.push(Sentence::definition(
                        names::update_fn(tname, fl),
                        vec![
                            Binder::typed("a", name(tname.clone())),
                            Binder::typed("b", cfgcoq::ty(t)),
                        ],
                        Some(name(tname.clone())),
                        Term::app(r.ctor.clone(), args),
                    ));
                }
                f.push(Sentence::Group(group));
            }
            GlobalKind::Inductive => {
                let ind = &env.inductives[tname];
                f.push(Sentence::Inductive {
                    name: tname.clone(),
                    ty: name("Type"),
                    ctors: ind
                        .ctors
                        .iter()
                        .map(|(c, args)| Ctor {
                            name: c.clone(),
                            args: args
                                .iter()
                                .enumerate()
                                .map(|(i, t)| Binder::typed(format!("_{i}"), cfgcoq::ty(t)))
                                .collect(),
                        })
                        .collect(),
                });
            }
            GlobalKind::Typedef => {
                f.push(Sentence::definition(
                    tname.clone(),
                    vec![],
                    Some(name("Type")),
                    cfgcoq::ty(&env.typedefs[tname]),
                ));
            }
            GlobalKind::OpaqueType => {
                f.push(Sentence::Parameter {
                    name: tname.clone(),
                    ty: name("Type"),
                });
            }
            _ => {}
        }
    }
    f.render()
}

/// `glob_ident_name`: the name of a global of the code (for `Bglob` patterns).
fn glob_names(cx: &Ctx) -> Sentence {
    let mut t = Term::str("");
    for (gname, id) in cx.code.globals.iter().rev() {
        t = Term::if_(
            Term::app("Pos.eqb", vec![name("g"), name(id.clone())]),
            Term::str(gname.clone()),
            t,
        );
    }
    Sentence::Group(vec![
        Sentence::comment(
            "The name of a global of the code (for `Bglob` patterns of the configuration).",
        ),
        Sentence::definition(
            names::GLOB_IDENT_NAME,
            vec![Binder::typed("g", name("ident"))],
            Some(name("string")),
            t,
        ),
    ])
}

/// `Top.v`: the layers composed into one theorem over the bottom layer.
fn top(cx: &Ctx) -> String {
    let n = cx.p.layers.len();
    let mut req: Vec<Require> = (1..n)
        .map(|k| Require::plain(cx.layer_dir(k), &["LayerProof", "InitRel"]))
        .collect();
    req.extend((0..n).map(|k| Require::import(cx.layer_dir(k), &["Layer"])));
    req.extend((1..n).map(|k| Require::import(cx.layer_dir(k), &["RefineRel"])));
    let mut f = cx.file(
        "the whole stack: the top layer is refined by all the code over the bottom layer",
        req,
    );
    if n < 2 {
        f.push(Sentence::comment("A single layer: nothing to compose."));
        return f.render();
    }
    let refines = |k: usize, low: &Term, rel: &Term| {
        let l = cx.lname(k);
        Term::app(
            "refines",
            vec![
                name(names::layer(l)),
                name(names::layer_code(l)),
                low.clone(),
                rel.clone(),
            ],
        )
    };
    let qualified = |k: usize| {
        format!(
            "{}.LayerProof.{}",
            cx.layer_dir(k),
            names::layer_refines(cx.lname(k))
        )
    };
    // the implementation under layer k: the code of layers 1..k-1 over the bottom
    let mut low = name(names::layer(cx.lname(0)));
    let mut rel = name(names::rel(cx.lname(1)));
    f.push(Sentence::theorem(
        names::upto(cx.lname(1)),
        refines(1, &low, &rel),
        Proof::by(coq::Tactic::Exact(name(qualified(1)))),
    ));
    let mut prev = names::upto(cx.lname(1));
    for k in 2..n {
        let (lk, lp) = (cx.lname(k), cx.lname(k - 1));
        let newlow = Term::app("Lcode", vec![name(names::layer_code(lp)), low.clone()]);
        let newrel = Term::app("rcomp", vec![name(names::rel(lk)), rel.clone()]);
        f.push(Sentence::theorem(
            names::upto(lk),
            refines(k, &newlow, &newrel),
            Proof::by(coq::Tactic::Exact(Term::app(
                "vertical_composition",
                vec![
                    name(names::layer(lk)),
                    name(names::layer(lp)),
                    low.clone(),
                    name(names::layer_code(lp)),
                    name(names::layer_code(lk)),
                    name(names::rel(lk)),
                    rel.clone(),
                    name(qualified(k)),
                    name(prev.clone()),
                ],
            ))),
        ));
        low = newlow;
        rel = newrel;
        prev = names::upto(lk);
    }
    // the initial states are related, up to each layer
    let mut irel = name(names::rel(cx.lname(1)));
    f.push(Sentence::theorem(
        names::upto_init(cx.lname(1)),
        Term::app_term(
            irel.clone(),
            vec![
                name(names::layer_init(cx.lname(1))),
                name(names::layer_init(cx.lname(0))),
            ],
        ),
        Proof::by(coq::Tactic::Exact(name(format!(
            "{}.InitRel.{}",
            cx.layer_dir(1),
            names::init_rel(cx.lname(1))
        )))),
    ));
    for k in 2..n {
        let lk = cx.lname(k);
        let newrel = Term::app("rcomp", vec![name(names::rel(lk)), irel.clone()]);
        f.push(Sentence::theorem(
            names::upto_init(lk),
            Term::app_term(
                newrel.clone(),
                vec![
                    name(names::layer_init(lk)),
                    name(names::layer_init(cx.lname(0))),
                ],
            ),
            Proof::by(coq::Tactic::Exact(Term::app(
                "rcomp_intro",
                vec![
                    name(names::rel(lk)),
                    irel.clone(),
                    name(names::layer_init(lk)),
                    name(names::layer_init(cx.lname(k - 1))),
                    name(names::layer_init(cx.lname(0))),
                    name(format!(
                        "{}.InitRel.{}",
                        cx.layer_dir(k),
                        names::init_rel(lk)
                    )),
                    name(names::upto_init(cx.lname(k - 1))),
                ],
            ))),
        ));
        irel = newrel;
    }
    let top = cx.lname(n - 1);
    f.push(Sentence::Group(vec![
        Sentence::comment(format!(
            "The initial state of the top layer {top} is related to the bottom's: the relations are satisfiable."
        )),
        Sentence::theorem(
            "top_init",
            Term::app_term(
                irel,
                vec![name(names::layer_init(top)), name(names::layer_init(cx.lname(0)))],
            ),
            Proof::by(coq::Tactic::Exact(name(names::upto_init(top)))),
        ),
    ]));
    f.push(Sentence::Group(vec![
        Sentence::comment(format!(
            "The top layer {top}, refined by the code of every layer above the bottom, run over the bottom."
        )),
        Sentence::theorem(
            "top_refines",
            refines(n - 1, &low, &rel),
            Proof::by(coq::Tactic::Exact(name(prev))),
        ),
    ]));
    f.render()
}

/// Generate the primitives with code in waves over the call graph.
fn primitives(
    cx: &Ctx,
    plan: &Plan,
    progress: Progress,
    errors: &mut Vec<GenError>,
    syn: Option<&crate::synth::Synth>,
    synthesized: &mut BTreeMap<String, Arc<crate::synth::Synthesized>>,
) -> (Vec<PrimOut>, Vec<Vec<String>>) {
    // a primitive's entry: its low spec once generated, None if its generation failed
    let mut done: BTreeMap<String, Option<()>> = BTreeMap::new();
    let mut outs: Vec<PrimOut> = vec![];
    let mut pending: Vec<(usize, String)> = plan.nodes.clone();
    let mut waves: Vec<Vec<String>> = vec![];
    while !pending.is_empty() {
        let (ready, rest): (Vec<_>, Vec<_>) = pending
            .into_iter()
            .partition(|(_, q)| plan.deps[q].iter().all(|d| done.contains_key(d)));
        if ready.is_empty() {
            let stuck: Vec<String> = rest.iter().map(|(_, q)| q.clone()).collect();
            errors.push(GenError::new(
                DCode::BldCycle,
                Place::default().context("call graph"),
                format!("cycle among {}", stuck.join(", ")),
                "recursion is not supported: a primitive may only call primitives of lower layers",
            ));
            break;
        }
        pending = rest;
        let mut wave: Vec<String> = ready.iter().map(|(_, q)| q.clone()).collect();
        wave.sort();
        progress(&format!(
            "wave {}: {} primitive(s) ({} done, {} waiting): {}",
            waves.len() + 1,
            ready.len(),
            done.len(),
            pending.len(),
            wave.join(" ")
        ));
        waves.push(wave);
        // synthesis hook (issue 12): the callees' synthesised specs, by spec name
        let by_spec: BTreeMap<String, Arc<crate::synth::Synthesized>> = synthesized
            .values()
            .map(|s| (s.spec.name.clone(), s.clone()))
            .collect();
        let results: Vec<Result<(PrimOut, Option<crate::synth::Synthesized>), GenError>> = ready
            .par_iter()
            .map(|(k, q)| {
                if let Some(d) = plan.deps[q]
                    .iter()
                    .find(|d| matches!(done.get(*d), Some(None)))
                {
                    return Err(GenError::new(
                        DCode::BldCallee,
                        cx.place(q, *k),
                        format!("callee `{d}` has no spec (its generation failed)"),
                        format!(
                            "fix the error of `{d}` first, or give it a hand-written `{d}_spec`"
                        ),
                    ));
                }
                let mut po = prim::generate(cx, plan, *k, q)?;
                let s = syn.and_then(|syn| {
                    crate::synth::hook::synthesize(cx, syn, *k, q, &mut po, &by_spec)
                });
                Ok((po, s))
            })
            .collect();
        for ((_, q), r) in ready.iter().zip(results) {
            match r {
                Ok((po, s)) => {
                    done.insert(q.clone(), Some(()));
                    if let Some(s) = s {
                        synthesized.insert(q.clone(), Arc::new(s));
                    }
                    outs.push(po);
                }
                Err(e) => {
                    // its callers fail with E-BLD012 (the layer proof would miss its lemmas)
                    errors.push(e);
                    done.insert(q.clone(), None);
                }
            }
        }
    }
    (outs, waves)
}

/// Generate every file of the project. `source` names the config file in headers. Synthesis runs
/// with the default options (no cache file).
pub fn generate(
    p: &Project,
    code: &Code,
    maps: &[(std::path::PathBuf, memmap::ResolvedMap)],
    source: &str,
    progress: Progress,
) -> Generated {
    generate_with(
        p,
        code,
        maps,
        source,
        progress,
        &crate::synth::SynthOptions::default(),
    )
}

/// [`generate`] with synthesis options.
pub fn generate_with(
    p: &Project,
    code: &Code,
    maps: &[(std::path::PathBuf, memmap::ResolvedMap)],
    source: &str,
    progress: Progress,
    synth_opts: &crate::synth::SynthOptions,
) -> Generated {
    let mut errors: Vec<GenError> = vec![];
    let proofs = handproofs::read(&p.proj_proofs, &mut errors);
    handproofs::refuse(&proofs, &p.proj_trusted, &mut errors);
    let plan = plan::plan(p, code, &mut errors);
    let cx = Ctx {
        p,
        code,
        source: source.to_string(),
        pn: p.proj_name.clone(),
        proofs: {
            let layers = handproofs::layers_used(&proofs, &p.proj_name, |n| {
                p.layers.iter().position(|l| l.name.name == n)
            });
            proofs
                .iter()
                .map(|f| f.module.clone())
                .zip(layers)
                .collect()
        },
        fields: super::memory::field_specs(p, &code.module, maps, &mut errors),
        asm: super::asm::instantiate(
            code,
            &plan.asm,
            super::asm::maint_op(p).is_some(),
            &mut errors,
        ),
    };
    let ccx = CfgCtx {
        env: &p.env,
        globals: &code.globals,
    };
    let mut files: Vec<(String, String)> = vec![];
    let syn = synth_opts.enabled.then(|| {
        let paths = crate::synth::access::map_paths(maps.iter().map(|(_, m)| m), |g| cx.ident(g));
        crate::synth::Synth::new(p, &code.globals, &code.ident_names, synth_opts.clone())
            .with_map_paths(paths)
    });
    let mut synthesized = BTreeMap::new();
    let (prim_outs, waves) = primitives(
        &cx,
        &plan,
        progress,
        &mut errors,
        syn.as_ref(),
        &mut synthesized,
    );
    if let Some(syn) = &syn {
        if let Err(e) = syn.smt.save() {
            progress(&format!("synthesis: cannot write the Z3 cache: {e}"));
        }
    }
    let lows: BTreeMap<String, LowSpec> = prim_outs
        .iter()
        .map(|o| (o.name.clone(), o.low.clone()))
        .collect();
    // ---- shared files
    // only the code the layers verify: a function's file is required by its layer alone, so the
    // module's other functions (and its function table) would only cost make time
    let used: std::collections::BTreeSet<String> = plan
        .ifaces
        .iter()
        .flat_map(|i| &i.coded)
        .map(|q| format!("{}.v", names::func_module(q)))
        .collect();
    files.extend(
        code.files
            .iter()
            .filter(|(f, _)| !f.starts_with("F_") || used.contains(f.as_str()))
            .filter(|(f, _)| f != "Code.v")
            .map(|(f, c)| (format!("{}/{f}", names::CODE_DIR), c.clone())),
    );
    files.push(("DataTypes.v".into(), data_types(&cx)));
    let mut g = cx.file(
        "global definitions of the configuration",
        vec![Require::export(cx.pn.clone(), &["DataTypes"])],
    );
    g.push(glob_names(&cx));
    match layer::value_decls(&cx, &ccx, None) {
        Ok(d) => {
            g.extend(d);
            files.push(("GlobalDefs.v".into(), g.render()));
        }
        Err(e) => errors.push(print_error("GlobalDefs.v", e)),
    }
    let mut reports = vec![];
    for k in 0..p.layers.len() {
        match layer::files(&cx, &ccx, &plan, k, &lows, &synthesized) {
            Ok(fs) => files.extend(fs),
            Err(e) => errors.push(print_error(&format!("layer {}", cx.lname(k)), e)),
        }
        let l = &p.layers[k];
        let mine: Vec<&PrimOut> = prim_outs.iter().filter(|o| o.layer == k).collect();
        let iface = &plan.ifaces[k];
        reports.push(LayerReport {
            name: cx.lname(k).to_string(),
            prims: iface.own.len(),
            specs_given: iface
                .own
                .iter()
                .filter(|q| l.specs.contains_key(*q))
                .count(),
            specs_generated: mine
                .iter()
                .filter(|o| !l.specs.contains_key(&o.name))
                .count(),
            field_specs: mine
                .iter()
                .filter(|o| cx.fields.contains_key(&o.name))
                .count(),
            passthrough: iface.pass.len(),
            asm: iface.own.iter().filter(|q| cx.asm.contains_key(*q)).count(),
            code_proofs: mine.len(),
            ref_proofs: mine.len(),
            loops: mine.iter().map(|o| o.low.loops.len()).sum(),
            admitted: vec![],
            synth: crate::synth::hook::layer_report(&cx, &plan, k, &synthesized, &lows),
        });
    }
    for po in prim_outs {
        files.extend(po.files);
    }
    files.push(("Top.v".into(), top(&cx)));
    for (fname, f) in super::memory::memmap_files(&cx, maps) {
        files.push((fname, f.render()));
    }
    files.push((
        "Assumptions.v".into(),
        meaning::assumptions_file(&cx, &plan).render(),
    ));
    for pf in &proofs {
        let fname = format!("{}.v", pf.module);
        files.push((
            format!("{}/{fname}", names::PROOFS_DIR),
            format!(
                "{}\n{}",
                coq::print::comment_text(&format!(
                    "Generated by autov build {VERSION} from {}: a copy of the hand-written proofs {fname} (PROJ_PROOFS). Edit the original.",
                    cx.source
                )),
                pf.text
            ),
        ));
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Generated {
        files,
        layers: reports,
        errors,
        warnings: code.warnings.clone(),
        waves,
        hand_assumptions: proofs.into_iter().flat_map(|f| f.assumptions).collect(),
        preconditions: preconditions(&cx, &plan),
        synthesized,
    }
}
