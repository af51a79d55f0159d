//! Spec-IR utilities for synthesis: free variables, capture-avoiding substitution, fresh names,
//! the names the rewrite rules understand.

use crate::spec::{Expr as E, Lit, Pat, Var};
use std::collections::{BTreeMap, BTreeSet};

/// A supply of fresh binder names (deterministic: a counter per synthesis run).
#[derive(Default)]
pub struct Fresh {
    n: usize,
}

impl Fresh {
    pub fn name(&mut self, base: &str) -> String {
        self.n += 1;
        // strip a previous suffix so names do not grow
        let base = match base.rfind("_s") {
            Some(i) if base[i + 2..].chars().all(|c| c.is_ascii_digit()) && i + 2 < base.len() => {
                &base[..i]
            }
            _ => base,
        };
        format!("{base}_s{}", self.n)
    }
}

pub fn pat_vars(p: &Pat, out: &mut BTreeSet<String>) {
    match p {
        Pat::Wild | Pat::Lit(_) => {}
        Pat::Var(v) => {
            out.insert(v.name.clone());
        }
        Pat::Tuple(ps) => ps.iter().for_each(|p| pat_vars(p, out)),
        Pat::Succ(p) => pat_vars(p, out),
    }
}

/// Free variables (and free join-point names, which are called with `Call`).
pub fn free(e: &E, out: &mut BTreeSet<String>) {
    fn go(e: &E, bound: &mut Vec<String>, out: &mut BTreeSet<String>) {
        match e {
            E::Var(x) => {
                if !bound.contains(x) {
                    out.insert(x.clone());
                }
            }
            E::Lit(_) | E::None => {}
            E::Prim(_, a) | E::Tuple(a) => a.iter().for_each(|x| go(x, bound, out)),
            E::Call(f, a) => {
                if !bound.contains(f) && is_local_name(f) {
                    out.insert(f.clone());
                }
                a.iter().for_each(|x| go(x, bound, out))
            }
            E::Let(v, x, b) => {
                go(x, bound, out);
                bound.push(v.name.clone());
                go(b, bound, out);
                bound.pop();
            }
            E::LetFun {
                name,
                params,
                body,
                rest,
            } => {
                let n = bound.len();
                bound.extend(params.iter().map(|p| p.name.clone()));
                go(body, bound, out);
                bound.truncate(n);
                bound.push(name.clone());
                go(rest, bound, out);
                bound.pop();
            }
            E::If(c, a, b) => {
                go(c, bound, out);
                go(a, bound, out);
                go(b, bound, out);
            }
            E::Guard(c, k) => {
                go(c, bound, out);
                go(k, bound, out);
            }
            E::Bind(p, x, k) => {
                go(x, bound, out);
                let mut vs = BTreeSet::new();
                pat_vars(p, &mut vs);
                let n = bound.len();
                bound.extend(vs);
                go(k, bound, out);
                bound.truncate(n);
            }
            E::Match(s, arms) => {
                go(s, bound, out);
                for (p, a) in arms {
                    let mut vs = BTreeSet::new();
                    pat_vars(p, &mut vs);
                    let n = bound.len();
                    bound.extend(vs);
                    go(a, bound, out);
                    bound.truncate(n);
                }
            }
            E::Some(x) => go(x, bound, out),
        }
    }
    go(e, &mut vec![], out)
}

/// Join points are local names called with `Call`; global names contain a capital, a dot or
/// an underscore-suffix convention we cannot tell apart, so the caller decides by binding: a
/// name is treated as possibly local when it looks like a generated join point (`jN`).
pub fn is_local_name(f: &str) -> bool {
    f.len() > 1
        && f.starts_with('j')
        && f[1..]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
        && f[1..].chars().next().is_some_and(|c| c.is_ascii_digit())
}

pub fn free_set(e: &E) -> BTreeSet<String> {
    let mut s = BTreeSet::new();
    free(e, &mut s);
    s
}

pub fn occurs(x: &str, e: &E) -> bool {
    free_set(e).contains(x)
}

/// Number of free occurrences of `x` in `e`.
pub fn count(x: &str, e: &E) -> usize {
    match e {
        E::Var(y) => usize::from(y == x),
        E::Lit(_) | E::None => 0,
        E::Prim(_, a) | E::Tuple(a) => a.iter().map(|y| count(x, y)).sum(),
        E::Call(f, a) => usize::from(f == x) + a.iter().map(|y| count(x, y)).sum::<usize>(),
        E::Let(v, y, b) => count(x, y) + if v.name == x { 0 } else { count(x, b) },
        E::LetFun {
            name,
            params,
            body,
            rest,
        } => {
            (if params.iter().any(|p| p.name == x) {
                0
            } else {
                count(x, body)
            }) + if name == x { 0 } else { count(x, rest) }
        }
        E::If(c, a, b) => count(x, c) + count(x, a) + count(x, b),
        E::Guard(c, k) => count(x, c) + count(x, k),
        E::Bind(p, y, k) => {
            let mut vs = BTreeSet::new();
            pat_vars(p, &mut vs);
            count(x, y) + if vs.contains(x) { 0 } else { count(x, k) }
        }
        E::Match(s, arms) => {
            count(x, s)
                + arms
                    .iter()
                    .map(|(p, a)| {
                        let mut vs = BTreeSet::new();
                        pat_vars(p, &mut vs);
                        if vs.contains(x) {
                            0
                        } else {
                            count(x, a)
                        }
                    })
                    .sum::<usize>()
        }
        E::Some(y) => count(x, y),
    }
}

/// What a substitution maps a name to: a value (variables) or a join point's function (calls).
#[derive(Clone, Debug)]
pub enum Subst {
    Val(E),
    /// `Call(name, args)` becomes `body[params := args]`.
    Fun(Vec<Var>, E),
}

/// Capture-avoiding substitution. Binders that would capture a free variable of the substituted
/// values are renamed.
pub fn subst(e: &E, s: &BTreeMap<String, Subst>, fresh: &mut Fresh) -> E {
    if s.is_empty() {
        return e.clone();
    }
    let mut fv = BTreeSet::new();
    for v in s.values() {
        match v {
            Subst::Val(x) => free(x, &mut fv),
            Subst::Fun(ps, b) => {
                let mut f = free_set(b);
                for p in ps {
                    f.remove(&p.name);
                }
                fv.extend(f);
            }
        }
    }
    go(e, s, &fv, fresh)
}

fn rename_pat(
    p: &Pat,
    ren: &mut BTreeMap<String, Subst>,
    fv: &BTreeSet<String>,
    fresh: &mut Fresh,
) -> Pat {
    match p {
        Pat::Wild | Pat::Lit(_) => p.clone(),
        Pat::Var(v) => {
            ren.remove(&v.name);
            if fv.contains(&v.name) {
                let n = fresh.name(&v.name);
                ren.insert(v.name.clone(), Subst::Val(E::Var(n.clone())));
                Pat::Var(Var::new(n, v.ty.clone()))
            } else {
                p.clone()
            }
        }
        Pat::Tuple(ps) => Pat::Tuple(ps.iter().map(|p| rename_pat(p, ren, fv, fresh)).collect()),
        Pat::Succ(p) => Pat::Succ(Box::new(rename_pat(p, ren, fv, fresh))),
    }
}

fn bind_var(
    v: &Var,
    s: &mut BTreeMap<String, Subst>,
    fv: &BTreeSet<String>,
    fresh: &mut Fresh,
) -> Var {
    s.remove(&v.name);
    if fv.contains(&v.name) {
        let n = fresh.name(&v.name);
        s.insert(v.name.clone(), Subst::Val(E::Var(n.clone())));
        Var::new(n, v.ty.clone())
    } else {
        v.clone()
    }
}

fn go(e: &E, s: &BTreeMap<String, Subst>, fv: &BTreeSet<String>, fresh: &mut Fresh) -> E {
    match e {
        E::Var(x) => match s.get(x) {
            Some(Subst::Val(v)) => v.clone(),
            _ => e.clone(),
        },
        E::Lit(_) | E::None => e.clone(),
        E::Prim(p, a) => E::Prim(p.clone(), a.iter().map(|x| go(x, s, fv, fresh)).collect()),
        E::Tuple(a) => E::Tuple(a.iter().map(|x| go(x, s, fv, fresh)).collect()),
        E::Call(f, a) => {
            let a: Vec<E> = a.iter().map(|x| go(x, s, fv, fresh)).collect();
            match s.get(f) {
                Some(Subst::Fun(ps, b)) if ps.len() == a.len() => {
                    let m: BTreeMap<String, Subst> = ps
                        .iter()
                        .zip(a)
                        .map(|(p, x)| (p.name.clone(), Subst::Val(x)))
                        .collect();
                    subst(b, &m, fresh)
                }
                Some(Subst::Val(E::Var(g))) => E::Call(g.clone(), a),
                _ => E::Call(f.clone(), a),
            }
        }
        E::Some(x) => E::Some(Box::new(go(x, s, fv, fresh))),
        E::If(c, a, b) => E::if_(
            go(c, s, fv, fresh),
            go(a, s, fv, fresh),
            go(b, s, fv, fresh),
        ),
        E::Guard(c, k) => E::guard(go(c, s, fv, fresh), go(k, s, fv, fresh)),
        E::Let(v, x, b) => {
            let x = go(x, s, fv, fresh);
            let mut s2 = s.clone();
            let v2 = bind_var(v, &mut s2, fv, fresh);
            E::let_(v2, x, go(b, &s2, fv, fresh))
        }
        E::LetFun {
            name,
            params,
            body,
            rest,
        } => {
            let mut s1 = s.clone();
            let ps: Vec<Var> = params
                .iter()
                .map(|p| bind_var(p, &mut s1, fv, fresh))
                .collect();
            let body = go(body, &s1, fv, fresh);
            let mut s2 = s.clone();
            let n = bind_var(
                &Var::new(name.clone(), crate::spec::Ty::Z),
                &mut s2,
                fv,
                fresh,
            );
            E::LetFun {
                name: n.name,
                params: ps,
                body: Box::new(body),
                rest: Box::new(go(rest, &s2, fv, fresh)),
            }
        }
        E::Bind(p, x, k) => {
            let x = go(x, s, fv, fresh);
            let mut s2 = s.clone();
            let p2 = rename_pat(p, &mut s2, fv, fresh);
            E::bind(p2, x, go(k, &s2, fv, fresh))
        }
        E::Match(sc, arms) => E::match_(
            go(sc, s, fv, fresh),
            arms.iter()
                .map(|(p, a)| {
                    let mut s2 = s.clone();
                    let p2 = rename_pat(p, &mut s2, fv, fresh);
                    (p2, go(a, &s2, fv, fresh))
                })
                .collect(),
        ),
    }
}

/// Rename every binder of `e` to a fresh name (before inlining a body into another scope).
pub fn freshen(e: &E, fresh: &mut Fresh) -> E {
    // substituting nothing renames nothing: rename binders explicitly
    fn r(e: &E, s: &BTreeMap<String, Subst>, fresh: &mut Fresh) -> E {
        let mut all: BTreeSet<String> = BTreeSet::new();
        binders(e, &mut all);
        let mut m = s.clone();
        let _ = &mut m;
        go(e, s, &all, fresh)
    }
    r(e, &BTreeMap::new(), fresh)
}

fn binders(e: &E, out: &mut BTreeSet<String>) {
    match e {
        E::Var(_) | E::Lit(_) | E::None => {}
        E::Prim(_, a) | E::Tuple(a) | E::Call(_, a) => a.iter().for_each(|x| binders(x, out)),
        E::Let(v, x, b) => {
            out.insert(v.name.clone());
            binders(x, out);
            binders(b, out);
        }
        E::LetFun {
            name,
            params,
            body,
            rest,
        } => {
            out.insert(name.clone());
            out.extend(params.iter().map(|p| p.name.clone()));
            binders(body, out);
            binders(rest, out);
        }
        E::If(c, a, b) => {
            binders(c, out);
            binders(a, out);
            binders(b, out);
        }
        E::Guard(c, k) => {
            binders(c, out);
            binders(k, out);
        }
        E::Bind(p, x, k) => {
            pat_vars(p, out);
            binders(x, out);
            binders(k, out);
        }
        E::Match(s, arms) => {
            binders(s, out);
            for (p, a) in arms {
                pat_vars(p, out);
                binders(a, out);
            }
        }
        E::Some(x) => binders(x, out),
    }
}

/// The integer value of a literal.
pub fn lit_z(e: &E) -> Option<i128> {
    match e {
        E::Lit(Lit::Z(s)) => s.parse().ok(),
        _ => None,
    }
}

pub fn lit_b(e: &E) -> Option<bool> {
    match e {
        E::Lit(Lit::Bool(b)) => Some(*b),
        _ => None,
    }
}

pub fn lit_nat(e: &E) -> Option<u64> {
    match e {
        E::Lit(Lit::Nat(n)) => Some(*n),
        _ => None,
    }
}

/// Every call head in `e` with its arity.
pub fn call_heads(e: &E, out: &mut BTreeSet<(String, usize)>) {
    match e {
        E::Call(f, a) => {
            out.insert((f.clone(), a.len()));
            a.iter().for_each(|x| call_heads(x, out));
        }
        E::Var(_) | E::Lit(_) | E::None => {}
        E::Prim(_, a) | E::Tuple(a) => a.iter().for_each(|x| call_heads(x, out)),
        E::Let(_, x, b) | E::Guard(x, b) | E::Bind(_, x, b) => {
            call_heads(x, out);
            call_heads(b, out);
        }
        E::LetFun { body, rest, .. } => {
            call_heads(body, out);
            call_heads(rest, out);
        }
        E::If(c, a, b) => {
            call_heads(c, out);
            call_heads(a, out);
            call_heads(b, out);
        }
        E::Match(s, arms) => {
            call_heads(s, out);
            arms.iter().for_each(|(_, a)| call_heads(a, out));
        }
        E::Some(x) => call_heads(x, out),
    }
}

/// `e` with `f` applied to each direct subexpression (binders unchanged).
pub fn map_children(e: &E, f: &mut dyn FnMut(&E) -> E) -> E {
    match e {
        E::Var(_) | E::Lit(_) | E::None => e.clone(),
        E::Prim(p, a) => E::Prim(p.clone(), a.iter().map(&mut *f).collect()),
        E::Call(g, a) => E::Call(g.clone(), a.iter().map(&mut *f).collect()),
        E::Tuple(a) => E::Tuple(a.iter().map(&mut *f).collect()),
        E::Some(x) => E::some(f(x)),
        E::Let(v, x, b) => E::let_(v.clone(), f(x), f(b)),
        E::LetFun {
            name,
            params,
            body,
            rest,
        } => E::LetFun {
            name: name.clone(),
            params: params.clone(),
            body: Box::new(f(body)),
            rest: Box::new(f(rest)),
        },
        E::If(c, a, b) => E::if_(f(c), f(a), f(b)),
        E::Guard(c, k) => E::guard(f(c), f(k)),
        E::Bind(p, x, k) => E::bind(p.clone(), f(x), f(k)),
        E::Match(s, arms) => E::match_(f(s), arms.iter().map(|(p, a)| (p.clone(), f(a))).collect()),
    }
}
