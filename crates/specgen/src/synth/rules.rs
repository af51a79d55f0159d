//! The rewrite rules, applied bottom-up to a fixpoint over the spec IR (structural equality):
//! let and join-point elimination, option-bind (`when`) elimination and pushing, constant folding,
//! record and map get-of-set, match on known constructors, guards moved outward, trivial
//! conditionals. Each rule is an equality Coq's `cbn` plus the certificate tactic re-proves
//! (`coq-lib/Tactics/Synth.v`).

use super::ir::{self, lit_b, lit_nat, lit_z, Fresh, Subst};
use crate::spec::{Expr as E, IntCmp, IntOp, Lit, Pat, Prim, ZCmp, ZOp};
use std::collections::BTreeMap;

/// Records of the configuration: projections, update functions, constructors.
#[derive(Default, Clone)]
pub struct Vocab {
    /// field → (record, position)
    pub field: BTreeMap<String, (String, usize)>,
    /// update function → (record, field position)
    pub update: BTreeMap<String, (String, usize)>,
    /// constructor → record
    pub ctor: BTreeMap<String, String>,
}

impl Vocab {
    pub fn new(env: &config::env::Env) -> Vocab {
        let mut v = Vocab::default();
        for (rn, r) in &env.records {
            v.ctor.insert(r.ctor.clone(), rn.clone());
            for (i, (f, _)) in r.fields.iter().enumerate() {
                v.field.insert(f.clone(), (rn.clone(), i));
                v.update
                    .insert(crate::generate::names::update_fn(rn, f), (rn.clone(), i));
            }
        }
        v
    }
}

pub struct Rules<'a> {
    pub vocab: &'a Vocab,
    pub fresh: &'a mut Fresh,
    /// The deliberately unsound rule of the fault-injection test (`iadd w a b → a + b`).
    pub unsound: bool,
    /// Size limit of a continuation duplicated into the branches of an option source.
    pub dup_limit: usize,
}

fn pw(w: u32) -> Option<i128> {
    if w < 127 {
        Some(1i128 << w)
    } else {
        None
    }
}

fn wrap(w: u32, z: i128) -> Option<i128> {
    Some(z.rem_euclid(pw(w)?))
}

fn signed(w: u32, z: i128) -> Option<i128> {
    let u = wrap(w, z)?;
    let h = pw(w.checked_sub(1)?)?;
    Some(if u < h { u } else { u - pw(w)? })
}

fn floor_div(a: i128, b: i128) -> i128 {
    if b == 0 {
        0
    } else {
        a.div_euclid(b) - if b < 0 && a.rem_euclid(b) != 0 { 1 } else { 0 }
    }
}
fn floor_mod(a: i128, b: i128) -> i128 {
    if b == 0 {
        a
    } else {
        a - b * floor_div(a, b)
    }
}

fn zdiv(a: i128, b: i128) -> i128 {
    // Coq's Z.div: floor
    if b == 0 {
        return 0;
    }
    let q = a / b;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    }
}

/// Evaluate a primitive on literal arguments (None when not all literal or out of `i128`).
pub fn fold(p: &Prim, a: &[E]) -> Option<E> {
    let z = |i: usize| a.get(i).and_then(lit_z);
    let b = |i: usize| a.get(i).and_then(lit_b);
    let _ = floor_mod;
    let _ = floor_div;
    Some(match p {
        Prim::Int(op, w) => {
            let (x, y) = (z(0)?, z(1)?);
            let w = *w;
            let r = match op {
                IntOp::Add => wrap(w, x.checked_add(y)?)?,
                IntOp::Sub => wrap(w, x.checked_sub(y)?)?,
                IntOp::Mul => wrap(w, x.checked_mul(y)?)?,
                IntOp::Udiv => {
                    let d = wrap(w, y)?;
                    if d == 0 {
                        0
                    } else {
                        wrap(w, x)? / d
                    }
                }
                IntOp::Urem => {
                    let d = wrap(w, y)?;
                    if d == 0 {
                        wrap(w, x)?
                    } else {
                        wrap(w, x)? % d
                    }
                }
                IntOp::And => wrap(w, x & y)?,
                IntOp::Or => wrap(w, x | y)?,
                IntOp::Xor => wrap(w, x ^ y)?,
                IntOp::Shl => {
                    let s = wrap(w, y)?;
                    if s >= 64 {
                        return None;
                    }
                    wrap(w, x.checked_mul(1i128 << s)?)?
                }
                IntOp::Lshr => {
                    let s = wrap(w, y)?;
                    if s >= 127 {
                        return None;
                    }
                    wrap(w, x)? >> s
                }
                _ => return None,
            };
            E::z(r)
        }
        Prim::Cmp(c, w) => {
            let (x, y) = (z(0)?, z(1)?);
            let w = *w;
            E::bool(match c {
                IntCmp::Eq => wrap(w, x)? == wrap(w, y)?,
                IntCmp::Ult => wrap(w, x)? < wrap(w, y)?,
                IntCmp::Ule => wrap(w, x)? <= wrap(w, y)?,
                IntCmp::Slt => signed(w, x)? < signed(w, y)?,
                IntCmp::Sle => signed(w, x)? <= signed(w, y)?,
            })
        }
        Prim::Trunc(w) | Prim::Zext(w) | Prim::Wrap(w) => E::z(wrap(*w, z(0)?)?),
        Prim::Sext(w1, w2) => E::z(wrap(*w2, signed(*w1, z(0)?)?)?),
        Prim::Z(op) => {
            let (x, y) = (z(0)?, z(1)?);
            E::z(match op {
                ZOp::Add => x.checked_add(y)?,
                ZOp::Sub => x.checked_sub(y)?,
                ZOp::Mul => x.checked_mul(y)?,
                ZOp::Div => zdiv(x, y),
                ZOp::Mod => {
                    if y == 0 {
                        x
                    } else {
                        x.checked_sub(y.checked_mul(zdiv(x, y))?)?
                    }
                }
                ZOp::Pow => {
                    if y < 0 {
                        0
                    } else if y > 126 {
                        return None;
                    } else {
                        x.checked_pow(y as u32)?
                    }
                }
            })
        }
        Prim::ZCmp(c) => {
            let (x, y) = (z(0)?, z(1)?);
            E::bool(match c {
                ZCmp::Eq => x == y,
                ZCmp::Lt => x < y,
                ZCmp::Le => x <= y,
            })
        }
        Prim::And => E::bool(b(0)? && b(1)?),
        Prim::Or => E::bool(b(0)? || b(1)?),
        Prim::Xor => E::bool(b(0)? ^ b(1)?),
        Prim::Not => E::bool(!b(0)?),
        Prim::B2z => E::z(i128::from(b(0)?)),
        Prim::CaseIn(w, ks) => {
            let v = wrap(*w, z(0)?)?;
            let mut hit = false;
            for k in ks {
                if wrap(*w, k.parse().ok()?)? == v {
                    hit = true;
                }
            }
            E::bool(hit)
        }
        _ => return None,
    })
}

/// Width of the wrap a term is known to be reduced by (`iadd w …`, `wrap w …`).
pub fn wrapped(e: &E) -> Option<u32> {
    match e {
        E::Prim(Prim::Int(op, w), _)
            if *op != IntOp::Lshr && *op != IntOp::Udiv && *op != IntOp::Urem =>
        {
            Some(*w)
        }
        E::Prim(Prim::Wrap(w) | Prim::Trunc(w) | Prim::Zext(w), _) => Some(*w),
        E::Prim(Prim::Sext(_, w), _) => Some(*w),
        _ => None,
    }
}

impl Rules<'_> {
    /// Simplify to a fixpoint.
    pub fn simp(&mut self, e: &E) -> E {
        let mut cur = e.clone();
        for _ in 0..20 {
            let next = self.go(&cur);
            if next == cur {
                break;
            }
            cur = next;
        }
        cur
    }

    fn go(&mut self, e: &E) -> E {
        // children first
        let e = match e {
            E::Var(_) | E::Lit(_) | E::None => return e.clone(),
            E::Prim(p, a) => E::Prim(p.clone(), a.iter().map(|x| self.go(x)).collect()),
            E::Call(f, a) => E::Call(f.clone(), a.iter().map(|x| self.go(x)).collect()),
            E::Tuple(a) => E::Tuple(a.iter().map(|x| self.go(x)).collect()),
            E::Some(x) => E::some(self.go(x)),
            E::Let(v, x, b) => E::let_(v.clone(), self.go(x), (**b).clone()),
            E::LetFun { .. } => e.clone(),
            E::If(c, a, b) => E::if_(self.go(c), self.go(a), self.go(b)),
            E::Guard(c, k) => E::guard(self.go(c), self.go(k)),
            E::Bind(p, x, k) => E::bind(p.clone(), self.go(x), self.go(k)),
            E::Match(s, arms) => E::match_(
                self.go(s),
                arms.iter().map(|(p, a)| (p.clone(), self.go(a))).collect(),
            ),
        };
        self.top(e)
    }

    fn subst1(&mut self, body: &E, x: &str, v: E) -> E {
        let mut m = BTreeMap::new();
        m.insert(x.to_string(), Subst::Val(v));
        ir::subst(body, &m, self.fresh)
    }

    /// Match pattern `p` against a value expression; bindings or None when not decidable.
    fn pmatch(p: &Pat, v: &E) -> Option<Option<Vec<(String, E)>>> {
        match (p, v) {
            (Pat::Wild, _) => Some(Some(vec![])),
            (Pat::Var(x), v) => Some(Some(vec![(x.name.clone(), v.clone())])),
            (Pat::Tuple(ps), E::Tuple(vs)) if ps.len() == vs.len() => {
                let mut out = vec![];
                for (p, v) in ps.iter().zip(vs) {
                    match Self::pmatch(p, v)? {
                        Some(b) => out.extend(b),
                        None => return Some(None),
                    }
                }
                Some(Some(out))
            }
            (Pat::Lit(l), v) => match (l, v) {
                (Lit::Nat(n), _) => lit_nat(v).map(|m| (m == *n).then(Vec::new)),
                (Lit::Z(_), E::Lit(Lit::Z(_))) | (Lit::Bool(_), E::Lit(Lit::Bool(_))) => {
                    Some((E::Lit(l.clone()) == *v).then(Vec::new))
                }
                _ => None,
            },
            (Pat::Succ(q), v) => match lit_nat(v) {
                Some(0) => Some(None),
                Some(n) => Self::pmatch(q, &E::nat(n - 1)),
                None => None,
            },
            _ => None,
        }
    }

    fn bind_all(&mut self, k: &E, bs: Vec<(String, E)>) -> E {
        let m: BTreeMap<String, Subst> = bs.into_iter().map(|(x, v)| (x, Subst::Val(v))).collect();
        ir::subst(k, &m, self.fresh)
    }

    fn top(&mut self, e: E) -> E {
        match e {
            E::Let(v, x, b) => {
                let r = self.subst1(&b, &v.name, *x);
                self.go(&r)
            }
            E::LetFun {
                name,
                params,
                body,
                rest,
            } => {
                let mut m = BTreeMap::new();
                m.insert(name, Subst::Fun(params, *body));
                let r = ir::subst(&rest, &m, self.fresh);
                self.go(&r)
            }
            E::Bind(p, x, k) => self.bind(p, *x, *k),
            E::Guard(c, k) => match (lit_b(&c), &*k) {
                (Some(true), _) | (_, E::None) => E::None,
                (Some(false), _) => *k,
                _ => match &*k {
                    E::Guard(c2, k2) if **c2 == *c => E::guard(*c, (**k2).clone()),
                    _ => E::guard(*c, *k),
                },
            },
            E::If(c, a, b) => {
                if let Some(v) = lit_b(&c) {
                    return if v { *a } else { *b };
                }
                if a == b {
                    return *a;
                }
                if let E::Prim(Prim::Not, x) = &*c {
                    return self.top(E::if_(x[0].clone(), *b, *a));
                }
                match (&*a, &*b) {
                    (E::None, _) => E::guard(*c, *b),
                    (_, E::None) => E::guard(E::prim(Prim::Not, vec![*c]), *a),
                    (E::Lit(Lit::Bool(true)), E::Lit(Lit::Bool(false))) => *c,
                    (E::Lit(Lit::Bool(false)), E::Lit(Lit::Bool(true))) => {
                        E::prim(Prim::Not, vec![*c])
                    }
                    _ => E::If(c, a, b),
                }
            }
            E::Match(s, arms) => {
                for (p, a) in &arms {
                    match Self::pmatch(p, &s) {
                        Some(Some(bs)) => return self.bind_all(a, bs),
                        Some(None) => continue,
                        None => return E::Match(s, arms),
                    }
                }
                E::Match(s, arms)
            }
            E::Prim(p, a) => self.prim(p, a),
            E::Call(f, a) => self.call(f, a),
            e => e,
        }
    }

    fn bind(&mut self, p: Pat, x: E, k: E) -> E {
        // right identity: `match x with Some p => Some p | None => None end` is `x`
        if let E::Some(v) = &k {
            if pat_expr(&p).as_ref() == Some(&**v) {
                return x;
            }
        }
        match x {
            E::None => E::None,
            E::Some(v) => match Self::pmatch(&p, &v) {
                Some(Some(bs)) => {
                    let r = self.bind_all(&k, bs);
                    self.go(&r)
                }
                _ => E::Match(v, vec![(p, k)]),
            },
            E::Guard(c, x2) => {
                let inner = self.bind(p, *x2, k);
                E::guard(*c, inner)
            }
            E::Bind(q, x1, x2) => {
                // (x1 >>= q => x2) >>= p => k   ~>   x1 >>= q => (x2 >>= p => k)
                let mut qv = std::collections::BTreeSet::new();
                ir::pat_vars(&q, &mut qv);
                let fk = ir::free_set(&k);
                let (q, x2) = if qv.iter().any(|v| fk.contains(v)) {
                    // rename q's variables
                    let mut m = BTreeMap::new();
                    let q2 = rename(&q, &mut m, self.fresh);
                    (q2, ir::subst(&x2, &m, self.fresh))
                } else {
                    (q, *x2)
                };
                let inner = self.bind(p, x2, k);
                E::bind(q, *x1, inner)
            }
            E::If(c, a, b) if k.size() <= self.dup_limit => {
                let a2 = self.bind(p.clone(), *a, k.clone());
                let b2 = self.bind(p, *b, k);
                self.top(E::if_(*c, a2, b2))
            }
            E::Match(s, arms) if k.size() <= self.dup_limit && arms.len() <= 4 => {
                let mut out = vec![];
                for (q, a) in arms {
                    let mut qv = std::collections::BTreeSet::new();
                    ir::pat_vars(&q, &mut qv);
                    let fk = ir::free_set(&k);
                    let (q, a) = if qv.iter().any(|v| fk.contains(v)) {
                        let mut m = BTreeMap::new();
                        let q2 = rename(&q, &mut m, self.fresh);
                        (q2, ir::subst(&a, &m, self.fresh))
                    } else {
                        (q, a)
                    };
                    out.push((q, self.bind(p.clone(), a, k.clone())));
                }
                E::Match(s, out)
            }
            x => {
                // an unused binding of a total computation cannot be dropped (it may be None)
                E::bind(p, x, k)
            }
        }
    }

    fn prim(&mut self, p: Prim, a: Vec<E>) -> E {
        if let Some(v) = fold(&p, &a) {
            return v;
        }
        let z = |i: usize| lit_z(&a[i]);
        let b = |i: usize| lit_b(&a[i]);
        match &p {
            Prim::And => match (b(0), b(1)) {
                (Some(true), _) => return a[1].clone(),
                (_, Some(true)) => return a[0].clone(),
                (Some(false), _) | (_, Some(false)) => return E::bool(false),
                _ => {}
            },
            Prim::Or => match (b(0), b(1)) {
                (Some(false), _) => return a[1].clone(),
                (_, Some(false)) => return a[0].clone(),
                (Some(true), _) | (_, Some(true)) => return E::bool(true),
                _ => {}
            },
            Prim::Not => {
                if let E::Prim(Prim::Not, x) = &a[0] {
                    return x[0].clone();
                }
            }
            Prim::Z(ZOp::Add) => {
                if z(0) == Some(0) {
                    return a[1].clone();
                }
                if z(1) == Some(0) {
                    return a[0].clone();
                }
            }
            Prim::Z(ZOp::Sub) if z(1) == Some(0) => return a[0].clone(),
            Prim::Z(ZOp::Mul) => {
                if z(0) == Some(1) {
                    return a[1].clone();
                }
                if z(1) == Some(1) {
                    return a[0].clone();
                }
            }
            Prim::Z(ZOp::Div) if z(1) == Some(1) => return a[0].clone(),
            Prim::ZCmp(c) if a[0] == a[1] => return E::bool(*c != ZCmp::Lt),
            Prim::Wrap(w) | Prim::Trunc(w) => {
                // wrap w (x) where x is already reduced by a wrap of width <= w
                if let Some(w2) = wrapped(&a[0]) {
                    if w2 <= *w {
                        return a[0].clone();
                    }
                }
                if let (E::Prim(Prim::Zext(w1), _), true) = (&a[0], true) {
                    if w1 <= w {
                        return a[0].clone();
                    }
                }
            }
            Prim::Int(IntOp::Add, _) if self.unsound => {
                // FAULT INJECTION (test flag only): drops the wrap-around without a range proof
                return E::prim(Prim::Z(ZOp::Add), a);
            }
            _ => {}
        }
        E::Prim(p, a)
    }

    fn call(&mut self, f: String, a: Vec<E>) -> E {
        // projection of a constructor or an update
        if a.len() == 1 {
            if let Some((rec, i)) = self.vocab.field.get(&f) {
                match &a[0] {
                    E::Call(g, args) if self.vocab.ctor.get(g) == Some(rec) => {
                        if let Some(v) = args.get(*i) {
                            return v.clone();
                        }
                    }
                    E::Call(g, args) if args.len() == 2 => {
                        if let Some((rec2, j)) = self.vocab.update.get(g) {
                            if rec2 == rec {
                                return if j == i {
                                    args[1].clone()
                                } else {
                                    self.call(f, vec![args[0].clone()])
                                };
                            }
                        }
                    }
                    _ => {}
                }
            }
            if f == "fst" || f == "snd" {
                if let E::Tuple(ts) = &a[0] {
                    if ts.len() == 2 {
                        return ts[usize::from(f == "snd")].clone();
                    }
                }
            }
        }
        // update of an update of the same field; no-op update
        if a.len() == 2 {
            if let Some((rec, i)) = self.vocab.update.get(&f).cloned() {
                if let E::Call(g, args) = &a[0] {
                    if *g == f && args.len() == 2 {
                        return self.call(f, vec![args[0].clone(), a[1].clone()]);
                    }
                }
                // r {f : r.(f)} = r
                if let E::Call(h, hargs) = &a[1] {
                    if hargs.len() == 1 && hargs[0] == a[0] {
                        if let Some((rec2, j)) = self.vocab.field.get(h) {
                            if *rec2 == rec && *j == i {
                                return a[0].clone();
                            }
                        }
                    }
                }
            }
        }
        if f == "ZMap.get" && a.len() == 2 {
            let k = &a[0];
            match &a[1] {
                E::Call(g, args) if g == "ZMap.set" && args.len() == 3 => {
                    let (k2, v, m) = (&args[0], &args[1], &args[2]);
                    if k == k2 {
                        return v.clone();
                    }
                    if let (Some(x), Some(y)) = (lit_z(k), lit_z(k2)) {
                        if x != y {
                            return self.call(f, vec![k.clone(), m.clone()]);
                        }
                    }
                    let rest = self.call(f.clone(), vec![k.clone(), m.clone()]);
                    return E::if_(
                        E::prim(Prim::ZCmp(ZCmp::Eq), vec![k.clone(), k2.clone()]),
                        v.clone(),
                        rest,
                    );
                }
                E::Call(g, args) if g == "ZMap.init" && args.len() == 1 => {
                    return args[0].clone();
                }
                _ => {}
            }
        }
        E::Call(f, a)
    }
}

/// The expression a pattern of variables and tuples denotes.
fn pat_expr(p: &Pat) -> Option<E> {
    match p {
        Pat::Var(v) => Some(E::Var(v.name.clone())),
        Pat::Tuple(ps) => ps
            .iter()
            .map(pat_expr)
            .collect::<Option<Vec<_>>>()
            .map(E::Tuple),
        _ => None,
    }
}

fn rename(p: &Pat, m: &mut BTreeMap<String, Subst>, fresh: &mut Fresh) -> Pat {
    match p {
        Pat::Var(v) => {
            let n = fresh.name(&v.name);
            m.insert(v.name.clone(), Subst::Val(E::Var(n.clone())));
            Pat::Var(crate::spec::Var::new(n, v.ty.clone()))
        }
        Pat::Tuple(ps) => Pat::Tuple(ps.iter().map(|q| rename(q, m, fresh)).collect()),
        Pat::Succ(q) => Pat::Succ(Box::new(rename(q, m, fresh))),
        _ => p.clone(),
    }
}
