//! The files of one primitive with code: `LowSpec.v` (its code's meaning, over the layer below),
//! `CodeProof.v` (the code implements the low spec) and `RefProof.v` (the spec refines the low
//! spec).

use super::ctx::{Ctx, GenError};
use super::names;
use super::plan::Plan;
use crate::lowspec::{self, Bound, CalleeInfo, ExitKind, FnInput, LoopInfo, LowSpec, VTy};
use crate::spec::print as sp;
use config::{LayerOp, Ty};
use coq::sentence::Require;
use coq::{Binder, File, ListLayout, Pat, Proof, Sentence, Tactic, Term};
use diag::Code as DCode;
use ir2coq::syntax::Id;
use std::collections::BTreeMap;

/// What generating one primitive produced.
pub struct PrimOut {
    pub name: String,
    pub layer: usize,
    pub low: LowSpec,
    pub files: Vec<(String, String)>,
}

/// `Vint w x`, `Vint 1 (b2z x)`, `Vptr x`: the code value holding spec value `x`.
pub fn val(t: VTy, x: Term) -> Term {
    match t {
        VTy::Int(w) => Term::app("Vint", vec![Term::int(w as i128), x]),
        VTy::Bool => Term::app("Vint", vec![Term::int(1), Term::app("b2z", vec![x])]),
        VTy::Ptr => Term::app("Vptr", vec![x]),
    }
}

/// `in_urange w x = true` for integers (what marshalling checks).
pub fn range(t: VTy, x: Term) -> Option<Term> {
    match t {
        VTy::Int(w) => Some(Term::eq(
            Term::app("in_urange", vec![Term::int(w as i128), x]),
            Term::bool(true),
        )),
        _ => None,
    }
}

fn name(s: impl Into<String>) -> Term {
    Term::name(s)
}

/// Generate primitive `p` of layer `k` (above the bottom).
pub fn generate(cx: &Ctx, plan: &Plan, k: usize, p: &str) -> Result<PrimOut, GenError> {
    let l = &cx.p.layers[k];
    let ln = cx.lname(k);
    let below = cx.lname(k - 1);
    let fc = match cx.code.funcs.get(p) {
        Some(Ok(fc)) => fc,
        Some(Err(e)) => {
            return Err(GenError::new(
                e.code,
                cx.place(p, k),
                e.message.clone(),
                "the code uses a construct the code model does not support (see docs/ir2coq.md); give the primitive a spec in a lower layer instead",
            ))
        }
        None => {
            return Err(GenError::new(
                DCode::BldNoCode,
                cx.place(p, k),
                format!("primitive `{p}` of layer `{ln}` has no code and above the bottom layer a spec alone cannot be proved"),
                format!("name the file that defines `{p}` in LAYER_CODE, or move `{p}` to the bottom layer (trusted specs)"),
            ))
        }
    };
    // a callee the layer below does not provide (it could not pass through): say so
    let below_if = &plan.ifaces[k - 1];
    for q in cx.code.info.calls.get(p).into_iter().flatten() {
        if !below_if.own.contains(q) && !below_if.pass.contains(q) {
            return Err(GenError::new(
                DCode::BldCallee,
                cx.place(p, k),
                format!("callee `{q}` is not provided by layer {below}"),
                format!("see the error about `{q}` and layer {below} (E-BLD010)"),
            ));
        }
    }
    let mut callees = BTreeMap::new();
    for q in below_if.own.iter().chain(&below_if.pass) {
        let Some((params, ret)) = cx.sig(q) else {
            continue;
        };
        callees.insert(
            cx.ident(q),
            CalleeInfo {
                name: q.clone(),
                spec: cx.spec_name(q),
                params,
                ret,
            },
        );
    }
    let lb = &cx.p.layers[k - 1];
    let bound = l.loop_bounds.get(p).map(|b| {
        let t = cx.p.env.globals[b].ty.clone().unwrap_or(Ty::Z);
        let (args, r) = t.uncurry();
        Bound {
            name: b.clone(),
            takes_args: !args.is_empty(),
            nat: *r == Ty::Nat,
        }
    });
    let input = FnInput {
        name: p,
        params: &fc.params,
        ret: &fc.ret,
        body: &fc.body,
        state: cx.state(k - 1),
        load: lb.ops.get(&LayerOp::Load).map(|s| s.as_str()),
        store: lb.ops.get(&LayerOp::Store).map(|s| s.as_str()),
        callees: &callees,
        bound,
    };
    let low = lowspec::low_spec(&input).map_err(|e| {
        let hint = match &e {
            lowspec::Unsupported::LoopBound { .. } => {
                format!("give `{p}_loop_bound` (any upper bound of its iterations) in layer `{ln}`")
            }
            lowspec::Unsupported::Construct(_) => format!(
                "the generator does not support this construct: move `{p}` to the bottom layer with a trusted spec"
            ),
        };
        GenError::new(DCode::BldLowSpec, cx.place(p, k), format!("no low spec: {e}"), hint)
    })?;
    let low_text = low_spec_file(cx, k, p, &low).render();
    let bound_file = bound_check_file(cx, k, p, &low, &low_text);
    let mut files = vec![
        (names::prim_file(ln, p, "LowSpec"), low_text),
        (
            names::prim_file(ln, p, "CodeProof"),
            code_proof_file(cx, k, p, &low).render(),
        ),
        (
            names::prim_file(ln, p, "RefProof"),
            ref_proof_file(cx, k, p, l.specs.get(p).map(|s| s.as_str())).render(),
        ),
    ];
    if let Some(f) = bound_file {
        files.push((names::prim_file(ln, p, "Bound"), f.render()));
    }
    Ok(PrimOut {
        name: p.to_string(),
        layer: k,
        low,
        files,
    })
}

/// The arguments the loop-bound check tries: every argument `n`, for `n` in these.
pub const BOUND_CHECK_SAMPLES: [i128; 3] = [1, 2, 3];

/// Whether a structured statement has a loop.
fn has_loop(s: &ir2coq::syntax::Stmt) -> bool {
    use ir2coq::syntax::Stmt as S;
    match s {
        S::Loop(_) => true,
        S::Seq(v) => v.iter().any(has_loop),
        S::If(_, a, b) | S::Invoke(_, _, _, a, b) => has_loop(a) || has_loop(b),
        S::Switch(_, cs, d) => cs.iter().any(|(_, b)| has_loop(b)) || has_loop(d),
        S::Block(b) => has_loop(b),
        _ => false,
    }
}

/// Whether a function `p` calls, directly or not, has a loop (its fuel is sealed: the check
/// cannot compute through it).
fn callee_has_loop(cx: &Ctx, p: &str) -> bool {
    let mut seen = std::collections::BTreeSet::new();
    let mut todo: Vec<String> = cx
        .code
        .info
        .calls
        .get(p)
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    while let Some(q) = todo.pop() {
        if !seen.insert(q.clone()) {
            continue;
        }
        if let Some(Ok(fc)) = cx.code.funcs.get(&q) {
            if has_loop(&fc.body) {
                return true;
            }
        }
        todo.extend(cx.code.info.calls.get(&q).into_iter().flatten().cloned());
    }
    false
}

/// `Bound.v` of a primitive whose low spec has loops (E-BLD040): the loop bounds (configured or
/// inferred) leave the spec defined on the initial state of the layer below for at least one of a
/// few concrete arguments ([`BOUND_CHECK_SAMPLES`]), checked by computation. A bound that is too
/// small for every one of them (e.g. 0) makes the spec undefined almost everywhere, which every
/// code refines. Not generated when the check cannot compute: pointer arguments, a fuel used only
/// inside a loop fixpoint (nested loops), or a callee with loops of its own.
fn bound_check_file(cx: &Ctx, k: usize, p: &str, low: &LowSpec, low_text: &str) -> Option<File> {
    if low.loops.is_empty() || low.params.iter().any(|v| v.ty == VTy::Ptr) || callee_has_loop(cx, p)
    {
        return None;
    }
    // a fuel mentioned in a fixpoint is out of reach of the rewriting below
    let in_fixpoint = low_text.split("\nFixpoint ").skip(1).any(|chunk| {
        let body = chunk.split("\nDefinition ").next().unwrap_or(chunk);
        low.loops.iter().any(|lp| body.contains(&lp.fuel))
    });
    if in_fixpoint {
        return None;
    }
    let below = cx.lname(k - 1);
    let l = &cx.p.layers[k];
    let bound = match l.loop_bounds.get(p) {
        Some(b) => format!("the configured loop bound `{b}`"),
        None => "the inferred loop bound".to_string(),
    };
    let init = names::layer_init(below);
    let samples: Vec<Term> = BOUND_CHECK_SAMPLES
        .iter()
        .map(|n| {
            let mut a: Vec<Term> = low
                .params
                .iter()
                .map(|v| match v.ty {
                    VTy::Bool => Term::bool(true),
                    _ => Term::int(*n),
                })
                .collect();
            a.push(name(init.clone()));
            Term::app("defined_some", vec![Term::app(low.spec.clone(), a)])
        })
        .collect();
    let mut stmt = samples.last().cloned().expect("samples");
    for t in samples.iter().rev().skip(1) {
        stmt = Term::app("orb", vec![t.clone(), stmt]);
    }
    let tried = if low.params.is_empty() {
        "no arguments".to_string()
    } else {
        BOUND_CHECK_SAMPLES
            .iter()
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let msg = format!(
        "{}: {bound} of `{p}` leaves its generated spec undefined (fuel exhausted) on the initial state of layer {below} for every argument tried ({tried}): give a larger `{p}_loop_bound`",
        DCode::BldLoopBound.as_str()
    );
    let mut f = cx.file(
        &format!("the loop bound of `{p}` leaves its spec defined on the initial state for some argument (E-BLD040)"),
        vec![
            Require::import(cx.layer_dir(k - 1), &["Layer"]),
            Require::import(cx.prim_dir(k, p), &["LowSpec"]),
        ],
    );
    let mut steps = vec![Tactic::UnfoldEverywhere(vec![low.spec.clone()])];
    for lp in &low.loops {
        steps.push(Tactic::call(
            "bound_fuel",
            vec![name(format!("{}_eq", lp.fuel))],
        ));
    }
    steps.push(Tactic::call("bound_check", vec![Term::str(msg)]));
    f.push(Sentence::Group(vec![
        Sentence::comment(format!(
            "With {bound}, the spec of `{p}` (its code over layer {below}) must be defined on {below}'s initial state for one of the arguments tried: {tried} (every argument takes the value; a bound too small for all of them, e.g. 0, leaves the spec undefined almost everywhere, and a forward simulation is satisfied by an undefined spec)."
        )),
        Sentence::lemma(
            format!("{p}_bound_check"),
            Term::eq(stmt, Term::bool(true)),
            Proof(steps),
        ),
    ]));
    Some(f)
}

fn low_spec_file(cx: &Ctx, k: usize, p: &str, low: &LowSpec) -> File {
    let mut f = cx.file(
        &format!(
            "low spec of `{p}` (its code, over layer {})",
            cx.lname(k - 1)
        ),
        vec![Require::import(cx.layer_dir(k), &["Defs"])],
    );
    f.extend(sp::spec_defs(&low.defs));
    let params: Vec<VTy> = low.params.iter().map(|v| v.ty).collect();
    f.push(lowspec::prim_def(
        &names::prim_low(p),
        &low.spec,
        &params,
        low.ret,
        cx.state(k - 1),
    ));
    f
}

fn code_proof_file(cx: &Ctx, k: usize, p: &str, low: &LowSpec) -> File {
    let ln = cx.lname(k);
    let below = cx.lname(k - 1);
    let fm = names::func_module(p);
    let mut f = cx.file(
        &format!("code proof of `{p}`: its code over layer {below} implements its low spec"),
        vec![
            Require::import(cx.layer_dir(k - 1), &["Layer"]),
            Require::import(cx.layer_dir(k), &["Layer"]),
            Require::import(cx.prim_dir(k, p), &["LowSpec"]),
            Require::import(names::code_dir(&cx.pn), &[&fm]),
        ],
    );
    let lo = names::layer(below);
    let cd = names::layer_code(ln);
    // inline-asm callees: both sides of the proof call them; the kernel checking it must not
    // compute the asm semantics on a symbolic state (it would, for two instructions, for minutes)
    for q in cx.code.info.calls.get(p).into_iter().flatten() {
        if cx.asm.contains_key(q) {
            f.push(Sentence::opaque_strategy(names::spec(q)));
        }
    }
    // the memory of the layer below: both sides load and store through it, and the kernel,
    // comparing a reduced goal with its unreduced form, would otherwise unfold the map's offset
    // dispatch on a symbolic address first (SeKVM `set_vm_vcpu`: 96 s of `Qed`, 0.3 s without)
    let lb = &cx.p.layers[k - 1];
    for op in [LayerOp::Load, LayerOp::Store] {
        if let Some(m) = lb.ops.get(&op) {
            f.push(Sentence::opaque_strategy(m.clone()));
        }
    }
    let mut lemmas = vec![];
    for li in &low.loops {
        f.extend(loop_lemma(li, &lo, &cd));
        lemmas.push(names::loop_wp(&li.fix));
        f.push(Sentence::LtacRedefine {
            name: "g_loop_hook".into(),
            body: Tactic::First(
                lemmas
                    .iter()
                    .map(|l| Tactic::call("g_apply_loop", vec![name(l.clone())]))
                    .collect(),
            ),
        });
    }
    f.push(Sentence::lemma(
        names::code_lemma(p),
        Term::app(
            "implements",
            vec![
                name(lo),
                name(cd),
                name(cx.ident(p)),
                name(names::prim_low(p)),
            ],
        ),
        Proof::by(Tactic::call(
            "code_proof",
            vec![name(names::prim_low(p)), name(low.spec.clone())],
        )),
    ));
    f
}

/// The loop lemma: the loop statement, run with the fixpoint's fuel from an environment holding
/// the fixpoint's arguments, ends as the fixpoint says (per exit code).
fn loop_lemma(li: &LoopInfo, lo: &str, cd: &str) -> Vec<Sentence> {
    let body = names::loop_body(&li.fix);
    let fixed = |id: &Id| li.frame.iter().any(|v| &v.id == id);
    let a = |id: &Id| format!("a{}", id.0);
    let o = |id: &Id| format!("o{}", id.0);
    let fr = |id: &Id| format!("f{}", id.0);
    let argname = |id: &Id| if fixed(id) { fr(id) } else { a(id) };
    let vty = |t: VTy| sp::ty(&t.ty());
    // the result tuple of the fixpoint
    let mut res = vec![name("c")];
    res.extend(li.outs.iter().map(|v| name(o(&v.id))));
    if li.ret.is_some() {
        res.push(name("rv"));
    }
    res.push(name("st'"));
    let lstate = Term::app("lstate", vec![name(lo)]);
    let mut bs = vec![
        Binder::typed("fuel", name("nat")),
        Binder::typed("c", name("nat")),
    ];
    bs.extend(li.outs.iter().map(|v| Binder::typed(o(&v.id), vty(v.ty))));
    if let Some(r) = li.ret {
        bs.push(Binder::typed("rv", vty(r)));
    }
    bs.push(Binder::typed("st'", lstate.clone()));
    bs.push(Binder::typed("e", name("env")));
    bs.push(Binder::typed("st", lstate));
    let modified: Vec<&lowspec::Var> = li.args.iter().filter(|v| !fixed(&v.id)).collect();
    bs.extend(modified.iter().map(|v| Binder::typed(a(&v.id), vty(v.ty))));
    bs.extend(li.frame.iter().map(|v| Binder::typed(fr(&v.id), vty(v.ty))));
    let call = |n: &str, st: &str| {
        let mut args = vec![name(n)];
        args.extend(li.args.iter().map(|v| name(argname(&v.id))));
        args.push(name(st));
        Term::eq(
            Term::app(li.fix.clone(), args),
            Term::some(Term::tuple(res.clone())),
        )
    };
    // `e x = Some (val)` and its range, for each variable
    let facts = |e: &str, vs: &[(String, VTy, String)]| -> Vec<Term> {
        let mut out = vec![];
        for (id, t, x) in vs {
            out.push(Term::eq(
                Term::app(e, vec![name(id.clone())]),
                Term::some(val(*t, name(x.clone()))),
            ));
            out.extend(range(*t, name(x.clone())));
        }
        out
    };
    let argv: Vec<(String, VTy, String)> = modified
        .iter()
        .map(|v| (v.id.0.clone(), v.ty, a(&v.id)))
        .collect();
    let framev: Vec<(String, VTy, String)> = li
        .frame
        .iter()
        .map(|v| (v.id.0.clone(), v.ty, fr(&v.id)))
        .collect();
    let outv: Vec<(String, VTy, String)> = li
        .outs
        .iter()
        .map(|v| (v.id.0.clone(), v.ty, o(&v.id)))
        .collect();
    let mut pre = vec![call("fuel", "st")];
    pre.extend(facts("e", &argv));
    pre.extend(facts("e", &framev));
    // the postcondition per exit code
    let mut arms = vec![];
    for x in &li.exits {
        let outcome = match x {
            ExitKind::Normal => name("Onormal"),
            ExitKind::Break(j) => Term::app("Obreak", vec![Term::int(*j as i128)]),
            ExitKind::Continue(j) => Term::app("Ocontinue", vec![Term::int(*j as i128)]),
            ExitKind::Return => match li.ret {
                Some(r) => Term::app("Oreturn", vec![Term::some(val(r, name("rv")))]),
                None => Term::app("Oreturn", vec![Term::none()]),
            },
        };
        let mut conj = vec![Term::eq(name("o"), outcome)];
        // the caller needs the returned integer in range (its result is `Vint w (wrap w rv)`)
        if let (ExitKind::Return, Some(r)) = (x, li.ret) {
            conj.extend(range(r, name("rv")));
        }
        if *x != ExitKind::Return {
            conj.extend(facts("e'", &outv));
            conj.extend(facts("e'", &framev));
        }
        arms.push((
            Pat::Lit(Box::new(Term::nat(x.code() as u64))),
            Term::and(conj),
        ));
    }
    arms.push((Pat::Wild, name("False")));
    let post = Term::fun(
        vec![
            Binder::untyped("e'"),
            Binder::untyped("st''"),
            Binder::untyped("o"),
        ],
        Term::and(vec![
            Term::eq(name("st''"), name("st'")),
            Term::match_(name("c"), arms),
        ]),
    );
    let concl = Term::app(
        "wp",
        vec![
            name(lo),
            name(cd),
            name("e"),
            name("st"),
            Term::app("Sloop", vec![name(body.clone())]),
            post,
        ],
    );
    let stmt = Term::forall(bs, Term::implies(pre, concl));
    // the invariant, indexed by the remaining fuel
    let mut inv = vec![call("n", "st1")];
    inv.extend(facts("e1", &argv));
    inv.extend(facts("e1", &framev));
    let inv = Term::fun(
        vec![
            Binder::untyped("n"),
            Binder::untyped("e1"),
            Binder::untyped("st1"),
        ],
        Term::exists(
            modified
                .iter()
                .map(|v| Binder::typed(a(&v.id), vty(v.ty)))
                .collect(),
            Term::and(inv),
        ),
    );
    vec![
        Sentence::Group(vec![
            Sentence::comment(format!(
                "Loop {} of the function, as it occurs in the code.",
                li.index
            )),
            Sentence::definition(body.clone(), vec![], Some(name("stmt")), li.body.term()),
        ]),
        Sentence::lemma(
            names::loop_wp(&li.fix),
            stmt,
            Proof(vec![
                Tactic::call("intros", vec![]),
                Tactic::call(
                    "g_loop_proof",
                    vec![name(lo), name(cd), inv, name(body), name("fuel")],
                ),
            ]),
        ),
    ]
}

fn ref_proof_file(cx: &Ctx, k: usize, p: &str, user: Option<&str>) -> File {
    // a field-level spec (memory-map accessor) is stated like a hand-written one
    let field = cx.fields.get(p);
    let field_spec = names::spec(p);
    let user = user.or(field.map(|_| field_spec.as_str()));
    let mut req = vec![
        Require::import(cx.layer_dir(k), &["RefineRel"]),
        Require::import(cx.prim_dir(k, p), &["LowSpec"]),
    ];
    if let Some(arms) = field {
        // the access lemmas of its own paths only
        let mods: Vec<String> = arms
            .iter()
            .map(|fs| super::memory::access_module(&fs.block, &fs.path))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let mods: Vec<&str> = mods.iter().map(String::as_str).collect();
        req.push(Require::import(
            format!("{}.{}", cx.pn, super::memory::ACCESS_DIR),
            &mods,
        ));
    } else if user.is_some() {
        req.extend(super::meaning::proof_requires(cx, k));
    }
    // the direct callees whose low spec the proof opens (below): those without a hand-written
    // spec or inline asm. A layer's Spec.v exports a low spec only where its spec needs it, so
    // the proof imports them itself.
    let calls = cx.code.info.calls.get(p).into_iter().flatten();
    let low_callees: Vec<&String> = calls
        .filter(|q| !cx.has_given_spec(q) && !cx.asm.contains_key(*q))
        .collect();
    if user.is_some() {
        for q in &low_callees {
            if let Some(kq) = cx.p.layer_index(q) {
                let r = Require::import(cx.prim_dir(kq, q), &["LowSpec"]);
                if !req.contains(&r) {
                    req.push(r);
                }
            }
        }
    }
    let mut f = cx.file(
        &format!("refinement proof of `{p}`: its spec refines its low spec"),
        req,
    );
    let ln = cx.lname(k);
    let rel = names::rel(ln);
    let prim_ref = Term::app(
        "prim_ref",
        vec![
            name(names::prim(p)),
            name(names::prim_low(p)),
            name(rel.clone()),
        ],
    );
    let Some(spec) = user else {
        f.push(Sentence::lemma(
            names::ref_lemma(p),
            prim_ref,
            Proof::by(Tactic::Commented(
                "the spec is the low spec".into(),
                Box::new(Tactic::Exact(Term::app(
                    "prim_ref_eq",
                    vec![name("_"), name(names::prim_low(p))],
                ))),
            )),
        ));
        return f;
    };
    // the statement at the level of the specs, then lifted through the marshalling
    let (params, ret) = cx.sig(p).unwrap_or_default();
    let args: Vec<Term> = (1..=params.len()).map(|i| name(format!("a{i}"))).collect();
    let mut bs: Vec<Binder> = params
        .iter()
        .zip(1..)
        .map(|(t, i)| Binder::typed(format!("a{i}"), sp::ty(&t.ty())))
        .collect();
    bs.push(Binder::group(
        vec!["hs".into(), "hs'".into()],
        sp::ty(cx.state(k)),
    ));
    bs.push(Binder::typed("ls", sp::ty(cx.state(k - 1))));
    let (res_h, res_l) = match ret {
        Some(r) => {
            bs.push(Binder::typed("r", sp::ty(&r.ty())));
            (
                Term::some(Term::tuple(vec![name("r"), name("hs'")])),
                Term::some(Term::tuple(vec![name("r"), name("ls'")])),
            )
        }
        None => (Term::some(name("hs'")), Term::some(name("ls'"))),
    };
    let with_args = |f: &str, st: &str| {
        let mut a = args.clone();
        a.push(name(st));
        Term::app(f, a)
    };
    let mut pre = vec![
        Term::eq(with_args(spec, "hs"), res_h),
        Term::app(rel.clone(), vec![name("hs"), name("ls")]),
    ];
    for (t, a) in params.iter().zip(&args) {
        pre.extend(range(*t, a.clone()));
    }
    let concl = Term::exists(
        vec![Binder::untyped("ls'")],
        Term::and(vec![
            Term::eq(with_args(&names::low_spec(p), "ls"), res_l),
            Term::app(rel.clone(), vec![name("hs'"), name("ls'")]),
        ]),
    );
    // the low spec calls the specs of the layer below, kept folded elsewhere: open the direct
    // callees (their spec, and the low spec behind a generated one) for the tactic
    let mut opened: Vec<String> = vec![];
    for q in cx.code.info.calls.get(p).into_iter().flatten() {
        let sn = cx.spec_name(q);
        if !opened.contains(&sn) {
            opened.push(sn);
        }
        if low_callees.contains(&q) {
            opened.push(names::low_spec(q));
        }
    }
    // inline-asm callees run over the bottom layer's register view: open it too
    let asm_view = cx
        .code
        .info
        .calls
        .get(p)
        .is_some_and(|cs| cs.iter().any(|q| cx.asm.contains_key(q)))
        .then(|| {
            let ops = &cx.p.layers[0].ops;
            (
                ops[&LayerOp::GetReg].clone(),
                ops[&LayerOp::SetReg].clone(),
                super::asm::maint_op(cx.p).cloned(),
            )
        });
    let base = Tactic::call(
        "ref_spec_proof",
        vec![name(spec), name(names::low_spec(p)), name(rel.clone())],
    );
    let tac = if let Some(fs) = field {
        super::memory::field_ref_tactic(cx, k, p, fs)
    } else if let Some((get, set, maint)) = asm_view {
        Tactic::First(vec![
            base,
            Tactic::Then(vec![
                Tactic::call("intros", vec![]),
                Tactic::UnfoldEverywhere(vec![spec.to_string(), names::low_spec(p)]),
                Tactic::UnfoldEverywhere(opened),
                {
                    // over a maintenance handler, the variant that opens it too
                    let mut args = vec![
                        name(spec),
                        name(names::low_spec(p)),
                        name(rel.clone()),
                        name(get),
                        name(set),
                    ];
                    let tactic = match maint {
                        Some(m) => {
                            args.push(name(m));
                            "asm_ref_proof_maint"
                        }
                        None => "asm_ref_proof",
                    };
                    Tactic::call(tactic, args)
                },
            ]),
        ])
    } else if opened.is_empty() {
        base
    } else {
        Tactic::First(vec![
            base.clone(),
            Tactic::Then(vec![
                Tactic::call("intros", vec![]),
                Tactic::UnfoldEverywhere(vec![spec.to_string(), names::low_spec(p)]),
                Tactic::UnfoldEverywhere(opened),
                base,
            ]),
        ])
    };
    f.push(Sentence::lemma(
        names::spec_ref_lemma(p),
        Term::forall(bs, Term::implies(pre, concl)),
        Proof::by(tac),
    ));
    f.push(Sentence::lemma(
        names::ref_lemma(p),
        prim_ref,
        Proof::by(Tactic::call(
            "ref_lift",
            vec![
                name(names::prim(p)),
                name(names::prim_low(p)),
                name(names::spec_ref_lemma(p)),
            ],
        )),
    ));
    let _ = ListLayout::Group;
    f
}
