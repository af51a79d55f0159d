//! The theorems that keep the refinement from being vacuous (a forward simulation is satisfied by
//! specs that are `None` everywhere, or by a relation nothing satisfies):
//!
//! * `<L>/InitRel.v`: the layer's relation holds on the initial states (`L_init_rel`); `Top.v`
//!   composes them into `top_init`;
//! * `<L>/Defined.v`, for a layer with hand-written specs: an invariant of the layer's reachable
//!   states (`LAYER_INV`, default `True`) holds initially and is preserved by every primitive the
//!   layer provides, and each hand-written spec returns `Some` wherever the invariant and its
//!   precondition (`p_pre`, default `true`) hold (`p_defined`);
//! * `Assumptions.v`: `Print Assumptions` of every theorem above and of the refinement theorems,
//!   which the generated `make` checks against `PROJ_TRUSTED` (`check-assumptions.sh`).

use super::ctx::Ctx;
use super::names;
use super::plan::Plan;
use super::prim::range;
use crate::lowspec::VTy;
use crate::spec::print as sp;
use coq::sentence::Require;
use coq::{Binder, File, Proof, Sentence, Tactic, Term};

fn name(s: impl Into<String>) -> Term {
    Term::name(s)
}

/// Requires of the hand-written proof modules (hint databases and hooks the tactics use) that a
/// file of layer `k` can see: those using no layer above `k`.
pub fn proof_requires(cx: &Ctx, k: usize) -> Vec<Require> {
    cx.proofs
        .iter()
        .filter(|(_, l)| l.is_none_or(|l| l <= k))
        .map(|(m, _)| Require::import(format!("{}.{}", cx.pn, names::PROOFS_DIR), &[m]))
        .collect()
}

/// `InitRel.v` of layer `k` (above the bottom).
pub fn init_rel_file(cx: &Ctx, k: usize) -> File {
    let (ln, below) = (cx.lname(k), cx.lname(k - 1));
    let mut req = vec![Require::import(cx.layer_dir(k), &["RefineRel"])];
    req.extend(proof_requires(cx, k));
    let mut f = cx.file(
        &format!("the relation of layer {ln} over {below} holds on the initial states"),
        req,
    );
    // stated with the configuration's own names where it gives them, so hand-written lemmas about
    // them apply as they are
    let stmt = match &cx.p.layers[k].refrel {
        Some(r) => Term::app(
            r.clone(),
            vec![name(init_def(cx, k)), name(init_def(cx, k - 1))],
        ),
        None => Term::app(
            names::rel(ln),
            vec![name(names::layer_init(ln)), name(names::layer_init(below))],
        ),
    };
    f.push(Sentence::lemma(
        names::init_rel(ln),
        stmt,
        Proof::by(Tactic::call("init_rel_proof", vec![name(names::rel(ln))])),
    ));
    f
}

/// The configuration's definition of layer `k`'s initial state (a layer without one starts where
/// the layer below starts).
fn init_def(cx: &Ctx, k: usize) -> String {
    (0..=k)
        .rev()
        .find_map(|j| cx.p.layers[j].data_init.clone())
        .unwrap_or_else(|| names::layer_init(cx.lname(k)))
}

/// Binders `(a1 : T1) …` and range facts of a primitive's arguments.
fn args(params: &[VTy]) -> (Vec<Binder>, Vec<Term>, Vec<Term>) {
    let mut bs = vec![];
    let mut names_ = vec![];
    let mut ranges = vec![];
    for (i, t) in params.iter().enumerate() {
        let a = format!("a{}", i + 1);
        bs.push(Binder::typed(a.clone(), sp::ty(&t.ty())));
        ranges.extend(range(*t, name(a.clone())));
        names_.push(name(a));
    }
    (bs, names_, ranges)
}

/// Whether layer `k` gets a `Defined.v`: it has hand-written specs (above the bottom).
pub fn has_defined(cx: &Ctx, plan: &Plan, k: usize) -> bool {
    k > 0 && plan.ifaces[k].own.iter().any(|p| cx.has_given_spec(p))
}

/// The hand-written-spec primitives of layer `k`.
pub fn given(cx: &Ctx, plan: &Plan, k: usize) -> Vec<String> {
    plan.ifaces[k]
        .own
        .iter()
        .filter(|p| cx.has_given_spec(p))
        .cloned()
        .collect()
}

/// `Defined.v` of layer `k`: the invariant and the definedness of its hand-written specs.
pub fn defined_file(cx: &Ctx, plan: &Plan, k: usize) -> File {
    let ln = cx.lname(k);
    let l = &cx.p.layers[k];
    let st = sp::ty(cx.state(k));
    let mut req = vec![Require::import(cx.layer_dir(k), &["Layer"])];
    req.extend(proof_requires(cx, k));
    let mut f = cx.file(
        &format!("layer {ln}: an invariant of its reachable states, and its hand-written specs are defined under their preconditions"),
        req,
    );
    let inv = names::inv(ln);
    let inv_body = match &l.inv {
        Some(i) => name(i.clone()),
        None => Term::fun(vec![Binder::untyped("_")], name("True")),
    };
    f.push(Sentence::Group(vec![
        Sentence::comment(match &l.inv {
            Some(i) => {
                format!("The invariant of the states reachable in layer {ln} (LAYER_INV `{i}`).")
            }
            None => format!("Layer {ln} gives no LAYER_INV: the invariant is `True`."),
        }),
        Sentence::definition(
            inv.clone(),
            vec![],
            Some(Term::arrow(st.clone(), name("Prop"))),
            inv_body,
        ),
    ]));
    f.push(Sentence::lemma(
        names::inv_init(ln),
        Term::app(inv.clone(), vec![name(names::layer_init(ln))]),
        Proof::by(Tactic::call("inv_proof", vec![name(inv.clone())])),
    ));
    // every primitive the layer provides preserves the invariant
    let iface = &plan.ifaces[k];
    for q in iface.own.iter().chain(&iface.pass) {
        let Some((params, ret)) = cx.sig(q) else {
            continue;
        };
        let (mut bs, mut a, _) = args(&params);
        bs.push(Binder::group(vec!["st".into(), "st'".into()], st.clone()));
        let res = match ret {
            Some(r) => {
                bs.push(Binder::typed("r", sp::ty(&r.ty())));
                Term::some(Term::tuple(vec![name("r"), name("st'")]))
            }
            None => Term::some(name("st'")),
        };
        a.push(name("st"));
        f.push(Sentence::lemma(
            names::inv_pres(ln, q),
            Term::forall(
                bs,
                Term::implies(
                    vec![
                        Term::app(inv.clone(), vec![name("st")]),
                        Term::eq(Term::app(cx.spec_name(q), a), res),
                    ],
                    Term::app(inv.clone(), vec![name("st'")]),
                ),
            ),
            Proof::by(Tactic::call("inv_proof", vec![name(inv.clone())])),
        ));
    }
    // each hand-written spec is defined under the invariant and its precondition
    for p in given(cx, plan, k) {
        let Some((params, ret)) = cx.sig(&p) else {
            continue;
        };
        let spec = cx.spec_name(&p);
        let pre = match l.pres.get(&p) {
            Some(pre) => pre.clone(),
            None => {
                let pre = names::pre(&p);
                let (bs, _, _) = args(&params);
                let mut bs = bs;
                bs.push(Binder::typed("st", st.clone()));
                f.push(Sentence::Group(vec![
                    Sentence::comment(format!(
                        "`{p}` gives no precondition: its spec must be defined everywhere."
                    )),
                    Sentence::definition(pre.clone(), bs, Some(name("bool")), name("true")),
                ]));
                pre
            }
        };
        let (mut bs, mut a, ranges) = args(&params);
        bs.push(Binder::typed("st", st.clone()));
        a.push(name("st"));
        let concl = match ret {
            Some(_) => Term::exists(
                vec![Binder::untyped("r"), Binder::untyped("st'")],
                Term::eq(
                    Term::app(spec.clone(), a.clone()),
                    Term::some(Term::tuple(vec![name("r"), name("st'")])),
                ),
            ),
            None => Term::exists(
                vec![Binder::untyped("st'")],
                Term::eq(Term::app(spec.clone(), a.clone()), Term::some(name("st'"))),
            ),
        };
        let mut hyps = vec![Term::app(inv.clone(), vec![name("st")])];
        hyps.extend(ranges);
        hyps.push(Term::eq(Term::app(pre.clone(), a), Term::bool(true)));
        f.push(Sentence::lemma(
            names::defined(&p),
            Term::forall(bs, Term::implies(hyps, concl)),
            Proof::by(Tactic::call("defined_proof", vec![name(spec), name(pre)])),
        ));
    }
    f
}

/// The theorems `Assumptions.v` prints, in order.
pub fn checked_theorems(cx: &Ctx, plan: &Plan) -> Vec<(String, String)> {
    let n = cx.p.layers.len();
    let mut out = vec![];
    if n >= 2 {
        out.push(("Top".to_string(), "top_refines".to_string()));
        out.push(("Top".to_string(), "top_init".to_string()));
    }
    for k in 1..n {
        let ln = cx.lname(k);
        out.push((format!("{ln}.LayerProof"), names::layer_refines(ln)));
        out.push((format!("{ln}.InitRel"), names::init_rel(ln)));
        if has_defined(cx, plan, k) {
            out.push((format!("{ln}.Defined"), names::inv_init(ln)));
            for p in given(cx, plan, k) {
                out.push((format!("{ln}.Defined"), names::defined(&p)));
            }
        }
    }
    out
}

/// `Assumptions.v`: `Print Assumptions` of each checked theorem, each announced by a marker line
/// the checker script reads. Not part of `_CoqProject`: `make` compiles it last and checks its
/// output (`check-assumptions.sh`).
pub fn assumptions_file(cx: &Ctx, plan: &Plan) -> File {
    let checked = checked_theorems(cx, plan);
    let mut mods: Vec<String> = checked.iter().map(|(m, _)| m.clone()).collect();
    mods.sort();
    mods.dedup();
    let req = mods
        .iter()
        .map(|m| Require::plain(cx.pn.clone(), &[m.as_str()]))
        .collect();
    let mut f = cx.file(
        "Print Assumptions of the refinement theorems and of the theorems that keep them from being vacuous (checked by check-assumptions.sh)",
        req,
    );
    for (m, t) in &checked {
        let q = format!("{}.{m}.{t}", cx.pn);
        f.push(Sentence::Group(vec![
            Sentence::Check(Term::str(format!("autov-check {t}"))),
            Sentence::PrintAssumptions(q),
        ]));
    }
    f
}

/// A commented lemma proved by computation (`vm_compute; reflexivity`).
fn by_computation(comment: String, lemma: String, stmt: Term) -> Sentence {
    Sentence::Group(vec![
        Sentence::comment(comment),
        Sentence::lemma(
            lemma,
            stmt,
            Proof(vec![
                Tactic::call("vm_compute", vec![]),
                Tactic::call("reflexivity", vec![]),
            ]),
        ),
    ])
}

/// The access-size check of a global of `n` cells `bits` wide: a boolean term that must compute
/// to `true`, and what it covers. A trusted load/store that ignores the access size would read
/// or write a whole cell for a half-cell or two-cell access; LLVM's bytes are little-endian.
/// From the initial state, with a store: cells 0 and 1 get values with distinct bytes; a load of
/// half a cell gives cell 0's low bytes, a store of half a cell keeps its high bytes, a load of two
/// cells gives both, a store of two cells writes both. Without a store, a half-cell load of the
/// initial value. Undefined steps pass: a model may leave such accesses out, not get them wrong.
/// None for one-byte cells and cells wider than 64 bits.
fn access_size_check(
    load: &str,
    store: Option<&str>,
    init: &str,
    at: impl Fn(i128) -> Term,
    (bits, n): (u32, u64),
    init_value: i128,
) -> Option<(String, Term)> {
    use coq::Pat;
    let sz = i128::from(bits.div_ceil(8));
    if sz < 2 || bits > 64 {
        return None;
    }
    let half = sz / 2;
    let mask = |bytes: i128| (1i128 << (8 * bytes)) - 1;
    // bytes 1, 2, 3, ... from byte 0 of cell 0 on: distinct, non-zero, and two cells fit an i128
    let cell = |k: i128| -> i128 {
        (0..sz).fold(0, |v, b| v | ((k * sz + b + 1) << (8 * b))) & ((1 << bits) - 1)
    };
    // `match scrut with Some var => then | None => true end`
    let or_true = |scrut: Term, var: &str, then: Term| {
        Term::match_(
            scrut,
            vec![
                (Pat::some(Pat::var(var)), then),
                (Pat::ctor("None", vec![]), Term::bool(true)),
            ],
        )
    };
    let loads = |bytes: i128, off: i128, st: &str, want: i128| {
        or_true(
            Term::app(load, vec![Term::int(bytes), at(off), name(st)]),
            "v",
            Term::app(
                "Z.eqb",
                vec![
                    Term::app("wrap", vec![Term::int(8 * bytes), name("v")]),
                    Term::int(want),
                ],
            ),
        )
    };
    // `match store bytes (at off) v from with Some to => then | None => true end`
    let stores = |bytes: i128, off: i128, v: i128, (from, to): (&str, &str), then: Term| {
        let store = store.expect("a store");
        or_true(
            Term::app(
                store,
                vec![Term::int(bytes), at(off), Term::int(v), name(from)],
            ),
            to,
            then,
        )
    };
    let Some(_) = store else {
        let what = format!("a load of {half} byte(s) gives the low byte(s) of the first cell");
        return Some((what, loads(half, 0, init, init_value & mask(half))));
    };
    let and = |a: Term, b: Term| Term::app("andb", vec![a, b]);
    let (c0, c1) = (cell(0), cell(1));
    let narrow = and(
        loads(half, 0, "st", c0 & mask(half)),
        stores(
            half,
            0,
            0x5a,
            ("st", "st'"),
            loads(sz, 0, "st'", (c0 & !mask(half)) | 0x5a),
        ),
    );
    if n < 2 {
        let what = format!("{half}-byte accesses to its {sz}-byte cell are its low byte(s)");
        return Some((what, stores(sz, 0, c0, (init, "st"), narrow)));
    }
    let wide_value = (c1 << (8 * sz)) | c0;
    let swapped = (c0 << (8 * sz)) | c1;
    let body = and(
        narrow,
        and(
            loads(2 * sz, 0, "st", wide_value),
            stores(
                2 * sz,
                0,
                swapped,
                ("st", "st'"),
                and(loads(sz, 0, "st'", c1), loads(sz, sz, "st'", c0)),
            ),
        ),
    );
    let what = format!(
        "{half}-byte accesses to its first {sz}-byte cell are its low byte(s), {}-byte accesses are its first two cells",
        2 * sz
    );
    let setup = stores(
        sz,
        0,
        c0,
        (init, "st0"),
        stores(sz, sz, c1, ("st0", "st"), body),
    );
    Some((what, setup))
}

/// The scalars of a global's value type: (bit width, count) for an integer or a (nested) array of
/// integers, laid out contiguously.
fn int_cells(t: &ir2json::Type) -> Option<(u32, u64)> {
    match t {
        ir2json::Type::Int { bits } => Some((*bits, 1)),
        ir2json::Type::Array { elem, len } => int_cells(elem).map(|(b, n)| (b, n * len)),
        _ => None,
    }
}

/// `Bottom/InitMem.v`: the bottom layer's memory model agrees with the IR. Initial values: for
/// every global of integer or integer-array type with a `zeroinitializer` or integer initializer,
/// a load (`LAYER_LOAD` of the bottom) of each element of the global from the initial state is
/// either undefined (the memory model does not cover it) or the initial value. A configuration whose
/// initial state says otherwise (e.g. an array the C code zero-initialises starting at 1) fails here.
/// Bounds (`bounds_<g>`): a load or store of an element's size just before the global or just past
/// its end (its size from the IR type) is undefined, so a trusted load/store cannot reach outside
/// the object.
/// Access sizes (`sizes_<g>`): half-cell and two-cell accesses agree with LLVM's little-endian
/// bytes or are undefined, so a trusted load/store cannot ignore the access size.
/// `None` when the bottom has no `LAYER_LOAD` or no global qualifies.
pub fn init_mem_file(cx: &Ctx) -> Option<File> {
    use coq::Pat;
    let load = cx.p.layers[0].ops.get(&config::LayerOp::Load)?.clone();
    let store = cx.p.layers[0].ops.get(&config::LayerOp::Store).cloned();
    let init = names::layer_init(cx.lname(0));
    let mut lemmas = vec![];
    for g in &cx.code.module.globals {
        let Some(id) = cx.code.globals.get(&g.name) else {
            continue;
        };
        let Some((bits, n)) = int_cells(&g.ty) else {
            continue;
        };
        let value: i128 = match &g.initializer {
            Some(ir2json::Constant::Zero { .. }) => 0,
            Some(ir2json::Constant::Int { value, .. }) if n == 1 => match value.parse() {
                Ok(v) => v,
                Err(_) => continue,
            },
            _ => continue,
        };
        let sz = i128::from(bits.div_ceil(8));
        let at = Term::app(
            load.clone(),
            vec![
                Term::int(sz),
                Term::app(
                    "Ptr",
                    vec![
                        Term::app("Bglob", vec![name(id.clone())]),
                        Term::app("Z.mul", vec![name("i"), Term::int(sz)]),
                    ],
                ),
                name(init.clone()),
            ],
        );
        let check = Term::match_(
            at,
            vec![
                (
                    Pat::some(Pat::var("v")),
                    Term::app(
                        "Z.eqb",
                        vec![
                            Term::app("wrap", vec![Term::int(i128::from(bits)), name("v")]),
                            Term::int(value),
                        ],
                    ),
                ),
                (Pat::ctor("None", vec![]), Term::bool(true)),
            ],
        );
        let cells = Term::app(
            "map",
            vec![
                name("Z.of_nat"),
                Term::app(
                    "seq",
                    vec![
                        Term::app("Z.to_nat", vec![Term::int(0)]),
                        Term::app("Z.to_nat", vec![Term::int(i128::from(n))]),
                    ],
                ),
            ],
        );
        let stmt = Term::eq(
            Term::app(
                "forallb",
                vec![Term::fun(vec![Binder::untyped("i")], check), cells],
            ),
            Term::bool(true),
        );
        let safe: String = g
            .name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        // the object's bounds from its IR type: one element before it and one past its end
        let ptr_at = |off: i128| {
            Term::app(
                "Ptr",
                vec![Term::app("Bglob", vec![name(id.clone())]), Term::int(off)],
            )
        };
        let undefined = |t: Term| Term::app("negb", vec![Term::app("defined_some", vec![t])]);
        let mut outside = vec![];
        for off in [-sz, sz * i128::from(n)] {
            outside.push(undefined(Term::app(
                load.clone(),
                vec![Term::int(sz), ptr_at(off), name(init.clone())],
            )));
            if let Some(store) = &store {
                outside.push(undefined(Term::app(
                    store.clone(),
                    vec![
                        Term::int(sz),
                        ptr_at(off),
                        Term::int(value),
                        name(init.clone()),
                    ],
                )));
            }
        }
        let mut bounds = outside.pop().expect("two offsets");
        while let Some(t) = outside.pop() {
            bounds = Term::app("andb", vec![t, bounds]);
        }
        let sizes = access_size_check(&load, store.as_deref(), &init, ptr_at, (bits, n), value);
        lemmas.push(by_computation(
            format!(
                "@{}: {n} cell(s) of i{bits}, initially {value} in the IR: a load of each from {init} is undefined or {value}.",
                g.name
            ),
            format!("init_mem_{safe}"),
            stmt,
        ));
        lemmas.push(by_computation(
            format!(
                "@{}: {} byte(s) from its IR type; an access of {sz} byte(s) just before it or just past its end is undefined (from {init}).",
                g.name,
                sz * i128::from(n)
            ),
            format!("bounds_{safe}"),
            Term::eq(bounds, Term::bool(true)),
        ));
        if let Some((what, check)) = sizes {
            lemmas.push(by_computation(
                format!(
                    "@{}: {what} (little-endian), or undefined (from {init}).",
                    g.name
                ),
                format!("sizes_{safe}"),
                Term::eq(check, Term::bool(true)),
            ));
        }
    }
    if lemmas.is_empty() {
        return None;
    }
    let mut f = cx.file(
        &format!(
            "the initial state of layer {} agrees with the IR's initializers of the globals",
            cx.lname(0)
        ),
        vec![Require::import(cx.layer_dir(0), &["Layer"])],
    );
    f.extend(lemmas);
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(off: i128) -> Term {
        Term::app("Ptr", vec![name("b"), Term::int(off)])
    }

    /// Words of the rendered term, so line breaks do not matter.
    fn words(t: &Term) -> String {
        t.render().split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn one_cell_with_a_store_checks_half_accesses_only() {
        // an i32: cell 0 holds bytes 1, 2, 3, 4 (0x04030201); no second cell for 8-byte accesses
        let (what, t) = access_size_check("ld", Some("st_"), "init", at, (32, 1), 0).unwrap();
        assert!(
            what.starts_with("2-byte accesses to its 4-byte cell"),
            "{what}"
        );
        let w = words(&t);
        assert!(
            w.contains(&format!("st_ 4 (Ptr b 0) {} init", 0x0403_0201)),
            "{w}"
        );
        assert!(w.contains(&format!("Z.eqb (wrap 16 v) {}", 0x0201)), "{w}");
        assert!(
            w.contains(&format!("Z.eqb (wrap 32 v) {}", 0x0403_005a)),
            "{w}"
        );
        assert!(!w.contains("ld 8"), "{w}");
    }

    #[test]
    fn without_a_store_a_half_load_of_the_initial_value() {
        let (what, t) =
            access_size_check("ld", None, "init", at, (64, 4), 0x1122_3344_5566_7788).unwrap();
        assert!(what.starts_with("a load of 4 byte(s)"), "{what}");
        assert_eq!(
            words(&t),
            format!(
                "match ld 4 (Ptr b 0) init with | Some v => Z.eqb (wrap 32 v) {} | None => true end",
                0x5566_7788
            )
        );
    }

    #[test]
    fn bytes_and_wide_cells_have_no_check() {
        assert!(access_size_check("ld", Some("st_"), "init", at, (8, 16), 0).is_none());
        assert!(access_size_check("ld", Some("st_"), "init", at, (128, 2), 0).is_none());
    }
}
