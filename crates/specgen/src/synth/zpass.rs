//! The Z3 pass: walk a spec with its path condition (the conditions of the enclosing guards and
//! branches, and the ranges of the integer parameters) and use Z3 to decide guards and branches,
//! drop wrap-arounds whose operands are in range, turn unsigned comparisons of in-range operands
//! into `Z` comparisons, and replace an expression by a smaller sub-expression proved equal.
//! Z3 is never trusted: every change is re-proved by the certificate (`Synth.v`). An unknown
//! answer (resource limit) keeps the term as it is.

use super::smt::{Answer, Enc, Smt};
use crate::spec::{Expr as E, IntCmp, IntOp, Pat, Prim, Ty, ZCmp, ZOp};
use std::collections::BTreeMap;

/// Per-primitive counters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ZStats {
    pub queries: usize,
    pub hits: usize,
    pub unknown: usize,
    /// Queries not asked because the budget of the primitive was spent.
    pub skipped: usize,
    /// Queries answered `sat` by a concrete assignment ([`super::sample`]) without Z3.
    pub sampled: usize,
}

pub struct ZPass<'a> {
    pub smt: &'a Smt,
    pub vtypes: BTreeMap<String, Ty>,
    pub stats: ZStats,
    /// Try smaller equal sub-expressions.
    pub reconstruct: bool,
    pub budget: usize,
}

fn not(c: E) -> E {
    match c {
        E::Prim(Prim::Not, mut a) if a.len() == 1 => a.remove(0),
        c => E::prim(Prim::Not, vec![c]),
    }
}

fn le(a: E, b: E) -> E {
    E::prim(Prim::ZCmp(ZCmp::Le), vec![a, b])
}
fn lt(a: E, b: E) -> E {
    E::prim(Prim::ZCmp(ZCmp::Lt), vec![a, b])
}
fn and(a: E, b: E) -> E {
    E::prim(Prim::And, vec![a, b])
}
fn p2(w: u32) -> E {
    E::z(1i128 << w)
}

fn is_bool(e: &E) -> bool {
    matches!(
        e,
        E::Prim(
            Prim::Cmp(..)
                | Prim::ZCmp(_)
                | Prim::And
                | Prim::Or
                | Prim::Xor
                | Prim::Not
                | Prim::Overflow(..)
                | Prim::SdivOverflow(_)
                | Prim::PtrInbounds(_)
                | Prim::CaseIn(..),
            _
        )
    )
}

fn is_int(e: &E) -> bool {
    match e {
        E::Prim(p, _) => matches!(
            p,
            Prim::Int(..)
                | Prim::Trunc(_)
                | Prim::Zext(_)
                | Prim::Wrap(_)
                | Prim::Sext(..)
                | Prim::Z(_)
                | Prim::B2z
        ),
        E::Call(f, a) => f == "signed" && a.len() == 2,
        _ => false,
    }
}

impl ZPass<'_> {
    fn pat_types(&mut self, p: &Pat) {
        match p {
            Pat::Var(v) => {
                self.vtypes.insert(v.name.clone(), v.ty.clone());
            }
            Pat::Tuple(ps) => ps.iter().for_each(|q| self.pat_types(q)),
            Pat::Succ(q) => self.pat_types(q),
            _ => {}
        }
    }

    /// Is `goal` valid under `path`? `None`: unknown or not encodable.
    fn valid(&mut self, path: &[E], goal: &E) -> Option<bool> {
        let mut enc = Enc::new(self.vtypes.clone());
        let mut asserts = vec![];
        for c in path {
            // a condition that cannot be encoded is left out (fewer assumptions: still sound)
            let mut probe = Enc::new(self.vtypes.clone());
            if probe.boolean(c).is_some() {
                asserts.push(enc.boolean(c)?);
            }
        }
        let g = enc.boolean(goal)?;
        asserts.push(format!("(not {g})"));
        if self.stats.queries >= self.budget {
            self.stats.skipped += 1;
            return None;
        }
        let script = enc.script(self.smt.rlimit, &asserts);
        if super::sample::satisfiable(&script) {
            self.stats.queries += 1;
            self.stats.sampled += 1;
            return Some(false);
        }
        let (a, hit) = self.smt.check(&script);
        self.stats.queries += 1;
        if hit {
            self.stats.hits += 1;
        }
        match a {
            Answer::Unsat => Some(true),
            Answer::Sat => Some(false),
            Answer::Unknown => {
                self.stats.unknown += 1;
                None
            }
        }
    }

    /// Decide a boolean under the path condition.
    fn decide(&mut self, path: &[E], c: &E) -> Option<bool> {
        if let Some(b) = super::ir::lit_b(c) {
            return Some(b);
        }
        if self.valid(path, c) == Some(true) {
            return Some(true);
        }
        if self.valid(path, &not(c.clone())) == Some(true) {
            return Some(false);
        }
        None
    }

    /// `0 <= e < 2^w` under the path?
    fn in_range(&mut self, path: &[E], e: &E, w: u32) -> bool {
        if let Some(v) = super::ir::lit_z(e) {
            return v >= 0 && w < 127 && v < (1i128 << w);
        }
        if w >= 127 {
            return false;
        }
        self.valid(path, &and(le(E::z(0), e.clone()), lt(e.clone(), p2(w)))) == Some(true)
    }

    /// A variable the condition `c` pins to one value (`x =? k`, `ieq w x k`, `case_in w x [k]`
    /// with `x` in range under the path), and that value. In the branch where `c` holds, `x` is
    /// replaced by the literal, so what depends on `x` folds (a level switch's shift amount).
    /// The certificate makes the same substitution from the branch's hypothesis (`synth_pin`).
    fn pinned(&mut self, path: &[E], c: &E) -> Option<(String, i128)> {
        let (x, k, w) = match c {
            E::Prim(Prim::ZCmp(ZCmp::Eq), a) => match (&a[0], &a[1]) {
                (E::Var(x), k) | (k, E::Var(x)) => (x, super::ir::lit_z(k)?, None),
                _ => return None,
            },
            E::Prim(Prim::Cmp(IntCmp::Eq, w), a) => match (&a[0], &a[1]) {
                (E::Var(x), k) | (k, E::Var(x)) => (x, super::ir::lit_z(k)?, Some(*w)),
                _ => return None,
            },
            E::Prim(Prim::CaseIn(w, ks), a) if ks.len() == 1 => match &a[0] {
                E::Var(x) => (x, ks[0].parse().ok()?, Some(*w)),
                _ => return None,
            },
            _ => return None,
        };
        if !matches!(self.vtypes.get(x), Some(Ty::Z)) {
            return None;
        }
        let k = match w {
            None => k,
            Some(w) if w < 127 => {
                if !self.in_range(path, &E::var(x.as_str()), w) {
                    return None;
                }
                k.rem_euclid(1i128 << w)
            }
            Some(_) => return None,
        };
        Some((x.clone(), k))
    }

    /// `e` with the variable `c` pins replaced by its value.
    fn pin(&mut self, path: &[E], c: &E, e: &E) -> E {
        match self.pinned(path, c) {
            Some((x, k)) => {
                let s = BTreeMap::from([(x, super::ir::Subst::Val(E::z(k)))]);
                // a literal has no free variables, so no binder is renamed and the name supply
                // is never asked
                super::ir::subst(e, &s, &mut super::ir::Fresh::default())
            }
            None => e.clone(),
        }
    }

    pub fn walk(&mut self, e: &E, path: &mut Vec<E>) -> E {
        match e {
            E::Guard(c, k) => {
                let c = self.val(c, path);
                match self.decide(path, &c) {
                    Some(true) => E::None,
                    Some(false) => self.walk(k, path),
                    None => {
                        path.push(not(c.clone()));
                        let k = self.walk(k, path);
                        path.pop();
                        E::guard(c, k)
                    }
                }
            }
            E::If(c, a, b) => {
                let c = self.val(c, path);
                match self.decide(path, &c) {
                    Some(true) => self.walk(a, path),
                    Some(false) => self.walk(b, path),
                    None => {
                        let a = self.pin(path, &c, a);
                        path.push(c.clone());
                        let a = self.walk(&a, path);
                        path.pop();
                        path.push(not(c.clone()));
                        let b = self.walk(b, path);
                        path.pop();
                        E::if_(c, a, b)
                    }
                }
            }
            E::Bind(p, x, k) => {
                let x = self.walk(x, path);
                self.pat_types(p);
                let k = self.walk(k, path);
                E::bind(p.clone(), x, k)
            }
            E::Match(s, arms) => {
                let s = self.val(s, path);
                let arms = arms
                    .iter()
                    .map(|(p, a)| {
                        self.pat_types(p);
                        (p.clone(), self.walk(a, path))
                    })
                    .collect();
                E::match_(s, arms)
            }
            E::Let(v, x, b) => {
                self.vtypes.insert(v.name.clone(), v.ty.clone());
                let x = self.val(x, path);
                E::let_(v.clone(), x, self.walk(b, path))
            }
            E::LetFun {
                name,
                params,
                body,
                rest,
            } => {
                for p in params {
                    self.vtypes.insert(p.name.clone(), p.ty.clone());
                }
                E::LetFun {
                    name: name.clone(),
                    params: params.clone(),
                    body: Box::new(self.walk(body, &mut vec![])),
                    rest: Box::new(self.walk(rest, path)),
                }
            }
            E::Some(x) => E::some(self.val(x, path)),
            E::None => E::None,
            other => self.val(other, path),
        }
    }

    /// Simplify a value (bottom-up).
    pub fn val(&mut self, e: &E, path: &mut Vec<E>) -> E {
        let e = match e {
            E::Prim(p, a) => E::Prim(p.clone(), a.iter().map(|x| self.val(x, path)).collect()),
            E::Call(f, a) => E::Call(f.clone(), a.iter().map(|x| self.val(x, path)).collect()),
            E::Tuple(a) => E::Tuple(a.iter().map(|x| self.val(x, path)).collect()),
            E::Some(x) => E::some(self.val(x, path)),
            E::If(c, a, b) => {
                let c = self.val(c, path);
                match self.decide(path, &c) {
                    Some(true) => return self.val(a, path),
                    Some(false) => return self.val(b, path),
                    None => {
                        let a = self.pin(path, &c, a);
                        path.push(c.clone());
                        let a = self.val(&a, path);
                        path.pop();
                        path.push(not(c.clone()));
                        let b = self.val(b, path);
                        path.pop();
                        return E::if_(c, a, b);
                    }
                }
            }
            E::Guard(..) | E::Bind(..) | E::Match(..) | E::Let(..) | E::LetFun { .. } => {
                return self.walk(e, path)
            }
            _ => return e.clone(),
        };
        self.val_top(e, path)
    }

    fn val_top(&mut self, e: E, path: &mut Vec<E>) -> E {
        match &e {
            E::Prim(Prim::Wrap(w) | Prim::Trunc(w) | Prim::Zext(w), a)
                if self.in_range(path, &a[0], *w) =>
            {
                return a[0].clone()
            }
            E::Prim(Prim::Int(op @ (IntOp::Add | IntOp::Sub | IntOp::Mul), w), a) => {
                let zop = match op {
                    IntOp::Add => ZOp::Add,
                    IntOp::Sub => ZOp::Sub,
                    _ => ZOp::Mul,
                };
                let r = E::prim(Prim::Z(zop), a.clone());
                if self.in_range(path, &r, *w) {
                    return self.val_top(r, path);
                }
            }
            E::Call(f, a) if f == "signed" && a.len() == 2 => {
                if let Some(w) = super::ir::lit_z(&a[0]) {
                    let w = w as u32;
                    if (1..127).contains(&w) {
                        let h = E::z(1i128 << (w - 1));
                        let c = and(
                            le(
                                E::prim(Prim::Z(ZOp::Sub), vec![E::z(0), h.clone()]),
                                a[1].clone(),
                            ),
                            lt(a[1].clone(), h),
                        );
                        if self.valid(path, &c) == Some(true) {
                            return a[1].clone();
                        }
                    }
                }
            }
            E::Prim(Prim::Cmp(c @ (IntCmp::Eq | IntCmp::Ult | IntCmp::Ule), w), a) => {
                if let Some(b) = self.decide(path, &e) {
                    return E::bool(b);
                }
                if self.in_range(path, &a[0], *w) && self.in_range(path, &a[1], *w) {
                    let zc = match c {
                        IntCmp::Eq => ZCmp::Eq,
                        IntCmp::Ult => ZCmp::Lt,
                        _ => ZCmp::Le,
                    };
                    return E::prim(Prim::ZCmp(zc), a.clone());
                }
                return e;
            }
            _ => {}
        }
        if is_bool(&e) {
            if let Some(b) = self.decide(path, &e) {
                return E::bool(b);
            }
            return e;
        }
        if self.reconstruct && is_int(&e) && e.size() >= 4 {
            // a smaller sub-expression equal under the path
            let mut subs: Vec<E> = vec![];
            collect_int_subterms(&e, &mut subs);
            subs.sort_by_key(|s| s.size());
            subs.dedup();
            for cand in subs.into_iter().take(4) {
                if cand.size() >= e.size() {
                    break;
                }
                let eq = E::prim(Prim::ZCmp(ZCmp::Eq), vec![e.clone(), cand.clone()]);
                if self.valid(path, &eq) == Some(true) {
                    return cand;
                }
            }
        }
        e
    }
}

/// Proper integer-valued sub-expressions (variables and arithmetic), outermost excluded.
fn collect_int_subterms(e: &E, out: &mut Vec<E>) {
    let kids: &[E] = match e {
        E::Prim(_, a) => a,
        E::Call(f, a) if f == "signed" => &a[1..],
        _ => return,
    };
    for k in kids {
        match k {
            E::Var(_) => out.push(k.clone()),
            E::Lit(_) => {}
            _ if is_int(k) => {
                out.push(k.clone());
                collect_int_subterms(k, out);
            }
            E::Call(..) => out.push(k.clone()),
            _ => {}
        }
    }
}
