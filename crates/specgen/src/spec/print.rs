//! The spec IR as Gallina: expressions to `coq::Term`s, low-spec definitions to sentences.

use super::{Expr, Flags, Fun, IntCmp, IntOp, Lit, Ovf, Pat, Prim, SpecDefs, Ty, Var, ZCmp, ZOp};
use coq::sentence::Require;
use coq::{Binder, ListLayout, Proof, Sentence, Tactic, Term};

/// A configuration type as a Coq type (`Ptr` is coq-lib's `ptr`).
pub fn ty(t: &Ty) -> Term {
    match t {
        Ty::Z => Term::name("Z"),
        Ty::Bool => Term::name("bool"),
        Ty::Prop => Term::name("Prop"),
        Ty::Str => Term::name("string"),
        Ty::Nat => Term::name("nat"),
        Ty::Sort => Term::name("Type"),
        Ty::Named(n) if n == "Ptr" => Term::name("ptr"),
        Ty::Named(n) => Term::name(n.clone()),
        Ty::Meta(_) => Term::name("_"),
        Ty::List(a) => Term::app("list", vec![ty(a)]),
        Ty::Option(a) => Term::app("option", vec![ty(a)]),
        Ty::ZMap(a) => Term::app("ZMap.t", vec![ty(a)]),
        Ty::Tuple(ts) if ts.is_empty() => Term::name("unit"),
        Ty::Tuple(ts) => Term::Product(ts.iter().map(ty).collect()),
        Ty::Arrow(a, b) => Term::arrow(ty(a), ty(b)),
    }
}

pub fn lit(l: &Lit) -> Term {
    match l {
        Lit::Z(s) => Term::int_str(s.clone()),
        Lit::Bool(b) => Term::bool(*b),
        Lit::Nat(n) => Term::nat(*n),
    }
}

/// coq-lib's name of a flags value.
pub fn flags(f: Flags) -> Term {
    match (f.nuw, f.nsw, f.exact) {
        (false, false, false) => Term::name("nofl"),
        (true, false, false) => Term::name("fl_nuw"),
        (false, true, false) => Term::name("fl_nsw"),
        (true, true, false) => Term::name("fl_nuw_nsw"),
        (false, false, true) => Term::name("fl_exact"),
        (a, b, c) => Term::app("mkflags", vec![Term::bool(a), Term::bool(b), Term::bool(c)]),
    }
}

fn width(w: u32) -> Term {
    Term::int(w as i128)
}

fn int_op(op: IntOp) -> &'static str {
    match op {
        IntOp::Add => "iadd",
        IntOp::Sub => "isub",
        IntOp::Mul => "imul",
        IntOp::Udiv => "iudiv",
        IntOp::Urem => "iurem",
        IntOp::Sdiv => "isdiv",
        IntOp::Srem => "isrem",
        IntOp::Shl => "ishl",
        IntOp::Lshr => "ilshr",
        IntOp::Ashr => "iashr",
        IntOp::And => "iand",
        IntOp::Or => "ior",
        IntOp::Xor => "ixor",
    }
}

fn prim(p: &Prim, mut a: Vec<Term>) -> Term {
    let mut take = || a.remove(0);
    match p {
        Prim::Int(op, w) => {
            let (x, y) = (take(), take());
            Term::app(int_op(*op), vec![width(*w), x, y])
        }
        Prim::Cmp(c, w) => {
            let f = match c {
                IntCmp::Eq => "ieq",
                IntCmp::Ult => "iult",
                IntCmp::Ule => "iule",
                IntCmp::Slt => "islt",
                IntCmp::Sle => "isle",
            };
            let (x, y) = (take(), take());
            Term::app(f, vec![width(*w), x, y])
        }
        Prim::Trunc(w) => Term::app("itrunc", vec![width(*w), take()]),
        Prim::Zext(w) => Term::app("izext", vec![width(*w), take()]),
        Prim::Sext(w1, w2) => Term::app("isext", vec![width(*w1), width(*w2), take()]),
        Prim::Wrap(w) => Term::app("wrap", vec![width(*w), take()]),
        Prim::Overflow(k, fl, w) => {
            let f = match k {
                Ovf::Add => "ovf_add",
                Ovf::Sub => "ovf_sub",
                Ovf::Mul => "ovf_mul",
                Ovf::Shl => "ovf_shl",
            };
            let (x, y) = (take(), take());
            Term::app(f, vec![flags(*fl), width(*w), x, y])
        }
        Prim::SdivOverflow(w) => {
            let (x, y) = (take(), take());
            Term::app("sdiv_ovf", vec![width(*w), x, y])
        }
        Prim::Z(op) => {
            let s = match op {
                ZOp::Add => "+",
                ZOp::Sub => "-",
                ZOp::Mul => "*",
                ZOp::Div => "/",
                ZOp::Mod => "mod",
                ZOp::Pow => "^",
            };
            let (x, y) = (take(), take());
            Term::infix(s, x, y)
        }
        Prim::ZCmp(c) => {
            let s = match c {
                ZCmp::Eq => "=?",
                ZCmp::Lt => "<?",
                ZCmp::Le => "<=?",
            };
            let (x, y) = (take(), take());
            Term::infix(s, x, y)
        }
        Prim::And => {
            let (x, y) = (take(), take());
            Term::app("andb", vec![x, y])
        }
        Prim::Or => {
            let (x, y) = (take(), take());
            Term::app("orb", vec![x, y])
        }
        Prim::Xor => {
            let (x, y) = (take(), take());
            Term::app("xorb", vec![x, y])
        }
        Prim::Not => Term::app("negb", vec![take()]),
        Prim::B2z => Term::app("b2z", vec![take()]),
        Prim::PtrAdd(w) => {
            let (p, off) = (take(), take());
            Term::app("ptr_add", vec![p, width(*w), off])
        }
        Prim::PtrInbounds(w) => {
            let (p, off) = (take(), take());
            Term::app("ptr_inbounds", vec![p, width(*w), off])
        }
        Prim::PtrAbs => Term::app("Ptr", vec![Term::name("Babs"), take()]),
        Prim::PtrGlobal(g) => Term::app(
            "Ptr",
            vec![
                Term::app("Bglob", vec![Term::name(g.clone())]),
                Term::int(0),
            ],
        ),
        Prim::CaseIn(w, ks) => {
            let v = take();
            let ks = ks.iter().map(|k| Term::int_str(k.clone())).collect();
            Term::app(
                "case_in",
                vec![width(*w), v, Term::List(ks, ListLayout::Group)],
            )
        }
    }
}

pub fn pat(p: &Pat) -> coq::Pat {
    match p {
        Pat::Wild => coq::Pat::Wild,
        Pat::Var(v) => coq::Pat::var(v.name.clone()),
        Pat::Tuple(ps) => coq::Pat::tuple(ps.iter().map(pat).collect()),
        Pat::Lit(Lit::Nat(0)) => coq::Pat::ctor("O", vec![]),
        Pat::Lit(l) => coq::Pat::Lit(Box::new(lit(l))),
        Pat::Succ(p) => coq::Pat::ctor("S", vec![pat(p)]),
    }
}

pub fn binder(v: &Var) -> Binder {
    Binder::typed(v.name.clone(), ty(&v.ty))
}

pub fn expr(e: &Expr) -> Term {
    match e {
        Expr::Var(x) => Term::name(x.clone()),
        Expr::Lit(l) => lit(l),
        Expr::Prim(p, args) => prim(p, args.iter().map(expr).collect()),
        Expr::Call(f, args) => Term::app(f.clone(), args.iter().map(expr).collect()),
        Expr::Let(x, e, b) => Term::let_(x.name.clone(), expr(e), expr(b)),
        Expr::LetFun {
            name,
            params,
            body,
            rest,
        } => Term::let_(
            name.clone(),
            Term::fun(params.iter().map(binder).collect(), expr(body)),
            expr(rest),
        ),
        Expr::If(c, a, b) => Term::if_(expr(c), expr(a), expr(b)),
        // a negated condition reads as what must hold: `if x then k else None`
        Expr::Guard(c, k) => match &**c {
            Expr::Prim(Prim::Not, x) if x.len() == 1 => {
                Term::if_(expr(&x[0]), expr(k), Term::none())
            }
            _ => Term::if_(expr(c), Term::none(), expr(k)),
        },
        Expr::Bind(p, e, k) => Term::bind(expr(e), pat(p), expr(k)),
        Expr::Match(e, arms) => Term::match_(
            expr(e),
            arms.iter().map(|(p, a)| (pat(p), expr(a))).collect(),
        ),
        Expr::Tuple(ts) => Term::tuple(ts.iter().map(expr).collect()),
        Expr::Some(e) => Term::some(expr(e)),
        Expr::None => Term::none(),
    }
}

/// `Definition name (params) : ret := body.` (or `Fixpoint`).
pub fn fun_def(f: &Fun, fixpoint: bool) -> Sentence {
    let params = f.params.iter().map(binder).collect();
    if fixpoint {
        Sentence::fixpoint(f.name.clone(), params, ty(&f.ret), expr(&f.body))
    } else {
        Sentence::definition(f.name.clone(), params, Some(ty(&f.ret)), expr(&f.body))
    }
}

/// The sentences of a low spec: the sealed fuel module, the loop fixpoints, the spec (kept folded:
/// `simpl never`).
pub fn spec_defs(d: &SpecDefs) -> Vec<Sentence> {
    let mut out = vec![];
    if !d.fuel.is_empty() {
        let sig = format!("{}_FUEL", d.fuel_module);
        let m = format!("{}_fuel", d.fuel_module);
        let pnames: Vec<Term> = d
            .fuel_params
            .iter()
            .map(|v| Term::name(v.name.clone()))
            .collect();
        let eq = |f: &super::Fuel| {
            let name = format!("fuel{}", f.index);
            Term::forall(
                d.fuel_params.iter().map(binder).collect(),
                Term::eq(Term::app(name, pnames.clone()), expr(&f.bound)),
            )
        };
        let fuel_ty = d
            .fuel_params
            .iter()
            .rev()
            .fold(Term::name("nat"), |acc, v| Term::arrow(ty(&v.ty), acc));
        let mut decls = vec![];
        let mut defs = vec![];
        for f in &d.fuel {
            let name = format!("fuel{}", f.index);
            decls.push(Sentence::Parameter {
                name: name.clone(),
                ty: fuel_ty.clone(),
            });
            decls.push(Sentence::Parameter {
                name: format!("{name}_eq"),
                ty: eq(f),
            });
            defs.push(Sentence::definition(
                name.clone(),
                d.fuel_params.iter().map(binder).collect(),
                Some(Term::name("nat")),
                expr(&f.bound),
            ));
            defs.push(Sentence::lemma(
                format!("{name}_eq"),
                eq(f),
                Proof::by(Tactic::call("reflexivity", vec![])),
            ));
        }
        out.push(Sentence::ModuleType {
            name: sig.clone(),
            body: decls,
        });
        out.push(Sentence::Module {
            name: m,
            ty: Some(sig),
            body: defs,
        });
    }
    for f in &d.fixpoints {
        out.push(fun_def(f, true));
    }
    out.push(Sentence::Group(vec![
        fun_def(&d.spec, false),
        Sentence::simpl_never(d.spec.name.clone()),
    ]));
    out
}

/// `From <lib> Require Import …` for the modules of a generated project.
pub fn require(from: impl Into<String>, modules: &[&str]) -> Sentence {
    Sentence::Require(Require::import(from, modules))
}
