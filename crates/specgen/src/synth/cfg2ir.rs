//! Configuration definitions (hand-written specs, layer memory operations, helpers) as spec IR:
//! a partial evaluator over the configuration AST for the subset specs use. Strings, blocks and
//! pointers with a known base are evaluated statically (`glob_name p =s "pool_next"` with `p` into
//! a known global decides at synthesis time, as `cbn` decides it in Coq); everything else becomes
//! a residual spec-IR expression. A construct outside the subset makes the call stay a call.

use super::ir::Fresh;
use crate::spec::{Expr as E, IntCmp, IntOp, Lit, Pat, Prim, Ty, Var, ZCmp, ZOp};
use config::ast::{BinOp, Expr, ExprKind, PatKind, Pattern, UnOp};
use config::env::GlobalKind;
use config::Project;
use std::collections::{BTreeMap, BTreeSet};

/// A pointer's block, when known.
#[derive(Clone, Debug, PartialEq)]
pub enum Blk {
    Abs,
    /// A global, by its LLVM name.
    Glob(String),
}

/// A value during partial evaluation.
#[derive(Clone, Debug)]
pub enum SV {
    E(E),
    Str(String),
    Block(Blk),
    Ptr(Blk, E),
    Tup(Vec<SV>),
}

/// What the evaluator needs from the project.
pub struct CfgDefs<'a> {
    pub p: &'a Project,
    /// Definition name → (parameter names, body) of every non-fixpoint definition.
    pub defs: BTreeMap<String, (Vec<String>, &'a Expr)>,
    /// Names kept as calls (`Hint NoUnfold`).
    pub keep: BTreeSet<String>,
    /// LLVM global name → code-model ident, and back.
    pub ident: &'a BTreeMap<String, String>,
    pub llvm: &'a BTreeMap<String, String>,
}

impl<'a> CfgDefs<'a> {
    pub fn new(
        p: &'a Project,
        ident: &'a BTreeMap<String, String>,
        llvm: &'a BTreeMap<String, String>,
    ) -> CfgDefs<'a> {
        let mut defs = BTreeMap::new();
        for it in &p.items {
            if let config::ast::ItemKind::Definition {
                name,
                params,
                body,
                fixpoint: false,
                ..
            } = &it.item.kind
            {
                defs.insert(
                    name.name.clone(),
                    (params.iter().map(|q| q.name.name.clone()).collect(), body),
                );
            }
        }
        CfgDefs {
            p,
            defs,
            keep: p.hints.no_unfold.clone(),
            ident,
            llvm,
        }
    }

    /// `names` reordered so that each definition comes before every definition its body
    /// mentions: unfolding them in this order exposes no name already passed (`LOCK_SPT` inside
    /// `init_smmu_pt_pre` must be unfolded after it, though it sorts first). Ties keep the given
    /// order, so the result is deterministic.
    pub fn unfold_order(&self, names: &[String]) -> Vec<String> {
        // mentions[a][n]: the body of definition `names[a]` names `names[n]` (not as a parameter)
        let mentions: Vec<Vec<bool>> = names
            .iter()
            .map(|a| {
                let mut hit = vec![false; names.len()];
                if let Some((ps, body)) = self.defs.get(a) {
                    config::check::walk(body, &mut |e| {
                        if let config::ast::ExprKind::Var(v) = &e.kind {
                            if let Some(n) = names.iter().position(|n| n == v) {
                                hit[n] |= !ps.contains(v);
                            }
                        }
                    });
                }
                hit
            })
            .collect();
        let mut left: Vec<usize> = (0..names.len()).collect();
        let mut out = Vec::with_capacity(names.len());
        while !left.is_empty() {
            // the first name no remaining definition mentions (on a cycle, the first name)
            let k = (0..left.len())
                .find(|&k| !left.iter().any(|&a| a != left[k] && mentions[a][left[k]]))
                .unwrap_or(0);
            out.push(names[left.remove(k)].clone());
        }
        out
    }

    /// The record a field belongs to.
    pub fn record_of(&self, f: &str) -> Option<&str> {
        match self.p.env.globals.get(f).map(|g| &g.kind) {
            Some(GlobalKind::Field(r)) => Some(r.as_str()),
            _ => None,
        }
    }

    pub fn inlinable(&self, f: &str) -> bool {
        self.defs.contains_key(f) && !self.keep.contains(f)
    }
}

type R<T> = Result<T, String>;

pub struct Eval<'a, 'b> {
    pub d: &'b CfgDefs<'a>,
    pub fresh: &'b mut Fresh,
    /// Configuration names unfolded (the Coq certificate unfolds the same).
    pub used: &'b mut BTreeSet<String>,
    depth: usize,
}

fn zlit(n: i128) -> E {
    E::z(n)
}

impl<'a, 'b> Eval<'a, 'b> {
    pub fn new(d: &'b CfgDefs<'a>, fresh: &'b mut Fresh, used: &'b mut BTreeSet<String>) -> Self {
        Eval {
            d,
            fresh,
            used,
            depth: 0,
        }
    }

    /// A spec-IR expression as a value (pointers with a recognisable base are split).
    pub fn from_e(&self, e: &E) -> SV {
        match e {
            E::Prim(Prim::PtrGlobal(id), _) => match self.d.llvm.get(id) {
                Some(n) => SV::Ptr(Blk::Glob(n.clone()), zlit(0)),
                None => SV::E(e.clone()),
            },
            E::Prim(Prim::PtrAbs, a) if a.len() == 1 => SV::Ptr(Blk::Abs, a[0].clone()),
            E::Prim(Prim::PtrAdd(w), a) if a.len() == 2 => match self.from_e(&a[0]) {
                SV::Ptr(Blk::Abs, o) => SV::Ptr(
                    Blk::Abs,
                    E::prim(
                        Prim::Wrap(64),
                        vec![E::prim(Prim::Z(ZOp::Add), vec![o, a[1].clone()])],
                    ),
                ),
                SV::Ptr(b, o) => SV::Ptr(
                    b,
                    E::prim(
                        Prim::Z(ZOp::Add),
                        vec![o, E::call("signed", vec![zlit(*w as i128), a[1].clone()])],
                    ),
                ),
                _ => SV::E(e.clone()),
            },
            E::Tuple(ts) => SV::Tup(ts.iter().map(|t| self.from_e(t)).collect()),
            _ => SV::E(e.clone()),
        }
    }

    pub fn to_e(&self, v: SV) -> R<E> {
        Ok(match v {
            SV::E(e) => e,
            SV::Str(s) => return Err(format!("a string value (\"{s}\") cannot be residualised")),
            SV::Block(Blk::Abs) => E::call("Babs", vec![]),
            SV::Block(Blk::Glob(g)) => E::call("Bglob", vec![E::var(self.glob_ident(&g)?)]),
            SV::Ptr(Blk::Abs, o) => E::prim(Prim::PtrAbs, vec![o]),
            SV::Ptr(Blk::Glob(g), o) => {
                let id = self.glob_ident(&g)?;
                if super::ir::lit_z(&o) == Some(0) {
                    E::prim(Prim::PtrGlobal(id), vec![])
                } else {
                    E::call("Ptr", vec![E::call("Bglob", vec![E::var(id)]), o])
                }
            }
            SV::Tup(vs) => E::Tuple(
                vs.into_iter()
                    .map(|v| self.to_e(v))
                    .collect::<R<Vec<_>>>()?,
            ),
        })
    }

    fn glob_ident(&self, g: &str) -> R<String> {
        self.d
            .ident
            .get(g)
            .cloned()
            .ok_or_else(|| format!("no global `{g}` in the code"))
    }

    /// Call definition `f` on arguments.
    pub fn call(&mut self, f: &str, args: Vec<SV>) -> R<SV> {
        let (ps, body) = self
            .d
            .defs
            .get(f)
            .ok_or_else(|| format!("`{f}` is not an inlinable definition"))?;
        if ps.len() != args.len() {
            return Err(format!("`{f}` applied to {} argument(s)", args.len()));
        }
        if self.depth > 40 {
            return Err("definitions nested too deeply".into());
        }
        self.used.insert(f.to_string());
        let env: BTreeMap<String, SV> = ps.iter().cloned().zip(args).collect();
        self.depth += 1;
        let r = self.eval(body, &env);
        self.depth -= 1;
        r
    }

    fn ex(&mut self, e: &Expr, env: &BTreeMap<String, SV>) -> R<E> {
        let v = self.eval(e, env)?;
        self.to_e(v)
    }

    fn bool_of(v: &E) -> Option<bool> {
        super::ir::lit_b(v)
    }

    pub fn eval(&mut self, e: &Expr, env: &BTreeMap<String, SV>) -> R<SV> {
        use ExprKind as K;
        Ok(match &e.kind {
            K::Var(n) => {
                if let Some(v) = env.get(n) {
                    return Ok(v.clone());
                }
                match n.as_str() {
                    "None" => SV::E(E::None),
                    "nil" => SV::E(E::call("nil", vec![])),
                    "tt" => SV::E(E::Tuple(vec![])),
                    "O" => SV::E(E::nat(0)),
                    "Babs" => SV::Block(Blk::Abs),
                    "true" => SV::E(E::bool(true)),
                    "false" => SV::E(E::bool(false)),
                    _ => {
                        if self.d.inlinable(n) && self.d.defs[n].0.is_empty() {
                            return self.call(n, vec![]);
                        }
                        SV::E(E::call(n.clone(), vec![]))
                    }
                }
            }
            K::Num(n) => {
                if e.ty == Some(Ty::Nat) {
                    SV::E(E::nat(*n as u64))
                } else {
                    SV::E(E::Lit(Lit::Z(n.to_string())))
                }
            }
            K::Str(s) => SV::Str(s.clone()),
            K::Bool(b) => SV::E(E::bool(*b)),
            K::App(f, args) => {
                let K::Var(fname) = &f.kind else {
                    return Err("application of a computed function".into());
                };
                self.app(fname, args, env)?
            }
            K::Unary(op, a) => {
                let x = self.ex(a, env)?;
                match op {
                    UnOp::Neg => match super::ir::lit_z(&x) {
                        Some(v) => SV::E(zlit(-v)),
                        None => SV::E(E::call("Z.opp", vec![x])),
                    },
                    UnOp::BNot => SV::E(E::prim(Prim::Not, vec![x])),
                    UnOp::Not => return Err("a proposition (`~`) in a spec".into()),
                }
            }
            K::Binary(op, a, b) => {
                use BinOp::*;
                if matches!(op, StrEqB | StrNeB) {
                    let (x, y) = (self.eval(a, env)?, self.eval(b, env)?);
                    return match (x, y) {
                        (SV::Str(x), SV::Str(y)) => {
                            Ok(SV::E(E::bool((x == y) == matches!(op, StrEqB))))
                        }
                        _ => Err("a string comparison on values not known statically".into()),
                    };
                }
                let (x, y) = (self.ex(a, env)?, self.ex(b, env)?);
                let p = |p: Prim, x: E, y: E| SV::E(E::prim(p, vec![x, y]));
                match op {
                    Mul => p(Prim::Z(ZOp::Mul), x, y),
                    Div => p(Prim::Z(ZOp::Div), x, y),
                    Mod => p(Prim::Z(ZOp::Mod), x, y),
                    Add => p(Prim::Z(ZOp::Add), x, y),
                    Sub => p(Prim::Z(ZOp::Sub), x, y),
                    BAnd => SV::E(E::call("Z.land", vec![x, y])),
                    BOr => SV::E(E::call("Z.lor", vec![x, y])),
                    Shl => SV::E(E::call("Z.shiftl", vec![x, y])),
                    Shr => SV::E(E::call("Z.shiftr", vec![x, y])),
                    EqB => p(Prim::ZCmp(ZCmp::Eq), x, y),
                    NeB => SV::E(E::prim(
                        Prim::Not,
                        vec![E::prim(Prim::ZCmp(ZCmp::Eq), vec![x, y])],
                    )),
                    LtB => p(Prim::ZCmp(ZCmp::Lt), x, y),
                    LeB => p(Prim::ZCmp(ZCmp::Le), x, y),
                    GtB => p(Prim::ZCmp(ZCmp::Lt), y, x),
                    GeB => p(Prim::ZCmp(ZCmp::Le), y, x),
                    AndB => p(Prim::And, x, y),
                    OrB => p(Prim::Or, x, y),
                    Cons => SV::E(E::call("cons", vec![x, y])),
                    Append => SV::E(E::call("app", vec![x, y])),
                    _ => return Err(format!("a proposition (`{}`) in a spec", op.symbol())),
                }
            }
            K::Tuple(ts) => {
                if ts.is_empty() {
                    SV::E(E::Tuple(vec![]))
                } else {
                    SV::Tup(
                        ts.iter()
                            .map(|t| self.eval(t, env))
                            .collect::<R<Vec<_>>>()?,
                    )
                }
            }
            K::Let(b, v, body) => {
                let v = self.eval(v, env)?;
                let mut env2 = env.clone();
                env2.insert(b.name.name.clone(), v);
                self.eval(body, &env2)?
            }
            K::LetTuple(ids, v, body) => {
                let v = self.eval(v, env)?;
                let parts = match v {
                    SV::Tup(vs) if vs.len() == ids.len() => vs,
                    SV::E(E::Tuple(ts)) if ts.len() == ids.len() => {
                        ts.iter().map(|t| self.from_e(t)).collect()
                    }
                    SV::E(x) => {
                        // irrefutable match on a residual pair
                        let names: Vec<String> =
                            ids.iter().map(|i| self.fresh.name(&i.name)).collect();
                        let mut env2 = env.clone();
                        for (i, n) in ids.iter().zip(&names) {
                            env2.insert(i.name.clone(), SV::E(E::var(n.clone())));
                        }
                        let b = self.ex(body, &env2)?;
                        let pat = Pat::Tuple(
                            names
                                .into_iter()
                                .map(|n| Pat::Var(Var::new(n, Ty::Z)))
                                .collect(),
                        );
                        return Ok(SV::E(E::match_(x, vec![(pat, b)])));
                    }
                    _ => return Err("`let (..) :=` on a value of another shape".into()),
                };
                let mut env2 = env.clone();
                for (i, v) in ids.iter().zip(parts) {
                    env2.insert(i.name.clone(), v);
                }
                self.eval(body, &env2)?
            }
            K::When(ids, v, body) => {
                let v = self.ex(v, env)?;
                match v {
                    E::None => SV::E(E::None),
                    E::Some(x) if ids.len() == 1 => {
                        let mut env2 = env.clone();
                        env2.insert(ids[0].name.clone(), self.from_e(&x));
                        self.eval(body, &env2)?
                    }
                    E::Some(x) if matches!(&*x, E::Tuple(ts) if ts.len() == ids.len()) => {
                        let E::Tuple(ts) = *x else { unreachable!() };
                        let mut env2 = env.clone();
                        for (i, t) in ids.iter().zip(ts) {
                            env2.insert(i.name.clone(), self.from_e(&t));
                        }
                        self.eval(body, &env2)?
                    }
                    v => {
                        let names: Vec<String> =
                            ids.iter().map(|i| self.fresh.name(&i.name)).collect();
                        let mut env2 = env.clone();
                        for (i, n) in ids.iter().zip(&names) {
                            env2.insert(i.name.clone(), SV::E(E::var(n.clone())));
                        }
                        let b = self.ex(body, &env2)?;
                        let pat = if names.len() == 1 {
                            Pat::Var(Var::new(names[0].clone(), Ty::Z))
                        } else {
                            Pat::Tuple(
                                names
                                    .into_iter()
                                    .map(|n| Pat::Var(Var::new(n, Ty::Z)))
                                    .collect(),
                            )
                        };
                        SV::E(E::bind(pat, v, b))
                    }
                }
            }
            K::Match(s, arms) => {
                let sv = self.eval(s, env)?;
                return self.matching(sv, arms, env);
            }
            K::Rely(c, body) => {
                let c = self.ex(c, env)?;
                match Self::bool_of(&c) {
                    Some(true) => self.eval(body, env)?,
                    Some(false) => SV::E(E::None),
                    None => {
                        let b = self.ex(body, env)?;
                        SV::E(E::guard(E::prim(Prim::Not, vec![c]), b))
                    }
                }
            }
            K::Anno(_, _) => return Err("`anno` in an inlined definition".into()),
            K::If(c, a, b) => {
                let c = self.ex(c, env)?;
                match Self::bool_of(&c) {
                    Some(true) => self.eval(a, env)?,
                    Some(false) => self.eval(b, env)?,
                    None => {
                        let (a, b) = (self.ex(a, env)?, self.ex(b, env)?);
                        SV::E(E::if_(c, a, b))
                    }
                }
            }
            K::Field(r, f) => {
                let r = self.eval(r, env)?;
                match (r, f.name.as_str()) {
                    (SV::Ptr(b, _), "pbase") => SV::Block(b),
                    (SV::Ptr(_, o), "poffset") => SV::E(o),
                    (SV::Tup(_), _) => return Err("field of a tuple".into()),
                    (v, fname) => {
                        let x = self.to_e(v)?;
                        SV::E(E::call(fname.to_string(), vec![x]))
                    }
                }
            }
            K::MapGet(m, k) => {
                let (m, k) = (self.ex(m, env)?, self.ex(k, env)?);
                SV::E(E::call("ZMap.get", vec![k, m]))
            }
            K::MapSet(m, k, v) => {
                let (m, k, v) = (self.ex(m, env)?, self.ex(k, env)?, self.ex(v, env)?);
                SV::E(E::call("ZMap.set", vec![k, v, m]))
            }
            K::RecSet(r, f, v) => {
                let rec = self
                    .d
                    .record_of(&f.name)
                    .ok_or_else(|| format!("`{}` is not a field", f.name))?
                    .to_string();
                let (r, v) = (self.ex(r, env)?, self.ex(v, env)?);
                SV::E(E::call(
                    crate::generate::names::update_fn(&rec, &f.name),
                    vec![r, v],
                ))
            }
            K::Update(r, path, v) => {
                let r = self.ex(r, env)?;
                let v = self.ex(v, env)?;
                let names: Vec<&str> = path.iter().map(|i| i.name.as_str()).collect();
                SV::E(self.update(r, &names, v)?)
            }
            K::Quant(..) => return Err("a quantifier in a spec".into()),
        })
    }

    fn update(&self, r: E, path: &[&str], v: E) -> R<E> {
        let f = path[0];
        let rec = self
            .d
            .record_of(f)
            .ok_or_else(|| format!("`{f}` is not a field"))?;
        let inner = if path.len() == 1 {
            v
        } else {
            self.update(E::call(f, vec![r.clone()]), &path[1..], v)?
        };
        Ok(E::call(
            crate::generate::names::update_fn(rec, f),
            vec![r, inner],
        ))
    }

    fn app(&mut self, f: &str, args: &[Expr], env: &BTreeMap<String, SV>) -> R<SV> {
        if let Some(SV::E(E::Call(g, a0))) = env.get(f) {
            if a0.is_empty() {
                let g = g.clone();
                return self.app(&g, args, env);
            }
        }
        let lit_w = |e: &Expr| -> Option<u32> {
            match &e.kind {
                ExprKind::Num(n) if *n >= 1 && *n <= 128 => Some(*n as u32),
                _ => None,
            }
        };
        // the iN built-ins with a literal width
        let iop = |n: &str| -> Option<IntOp> {
            Some(match n {
                "iadd" => IntOp::Add,
                "isub" => IntOp::Sub,
                "imul" => IntOp::Mul,
                "iudiv" => IntOp::Udiv,
                "iurem" => IntOp::Urem,
                "isdiv" => IntOp::Sdiv,
                "isrem" => IntOp::Srem,
                "ishl" => IntOp::Shl,
                "ilshr" => IntOp::Lshr,
                "iashr" => IntOp::Ashr,
                "iand" => IntOp::And,
                "ior" => IntOp::Or,
                "ixor" => IntOp::Xor,
                _ => return None,
            })
        };
        let fixed = |n: &str| -> Option<(IntOp, u32)> {
            let (op, w) = n.split_at(n.find(|c: char| c.is_ascii_digit())?);
            let w: u32 = w.parse().ok()?;
            let op = match op {
                "add" => IntOp::Add,
                "sub" => IntOp::Sub,
                "mul" => IntOp::Mul,
                "and" => IntOp::And,
                "or" => IntOp::Or,
                "xor" => IntOp::Xor,
                "shl" => IntOp::Shl,
                "lshr" => IntOp::Lshr,
                _ => return None,
            };
            Some((op, w))
        };
        if let Some(op) = iop(f) {
            if args.len() == 3 {
                if let Some(w) = lit_w(&args[0]) {
                    let (a, b) = (self.ex(&args[1], env)?, self.ex(&args[2], env)?);
                    return Ok(SV::E(E::prim(Prim::Int(op, w), vec![a, b])));
                }
            }
        }
        if let Some((op, w)) = fixed(f) {
            if args.len() == 2 && !self.d.defs.contains_key(f) {
                let (a, b) = (self.ex(&args[0], env)?, self.ex(&args[1], env)?);
                return Ok(SV::E(E::prim(Prim::Int(op, w), vec![a, b])));
            }
        }
        let cmp = |n: &str| -> Option<IntCmp> {
            Some(match n {
                "ieq" => IntCmp::Eq,
                "iult" => IntCmp::Ult,
                "iule" => IntCmp::Ule,
                "islt" => IntCmp::Slt,
                "isle" => IntCmp::Sle,
                _ => return None,
            })
        };
        if let Some(c) = cmp(f) {
            if args.len() == 3 {
                if let Some(w) = lit_w(&args[0]) {
                    let (a, b) = (self.ex(&args[1], env)?, self.ex(&args[2], env)?);
                    return Ok(SV::E(E::prim(Prim::Cmp(c, w), vec![a, b])));
                }
            }
        }
        if f == "wrap" && args.len() == 2 {
            if let Some(w) = lit_w(&args[0]) {
                let a = self.ex(&args[1], env)?;
                return Ok(SV::E(E::prim(Prim::Wrap(w), vec![a])));
            }
        }
        match (f, args.len()) {
            ("Some", 1) => {
                let v = self.eval(&args[0], env)?;
                return Ok(SV::E(E::some(self.to_e(v)?)));
            }
            ("Bglob", 1) => {
                return match self.eval(&args[0], env)? {
                    SV::Str(s) => Ok(SV::Block(Blk::Glob(s))),
                    _ => Err("`Bglob` of a computed string".into()),
                }
            }
            ("mkPtr", 2) | ("Ptr", 2) => {
                let b = self.eval(&args[0], env)?;
                let o = self.ex(&args[1], env)?;
                return match b {
                    SV::Block(b) => Ok(SV::Ptr(b, o)),
                    v => {
                        let b = self.to_e(v)?;
                        Ok(SV::E(E::call("Ptr", vec![b, o])))
                    }
                };
            }
            ("negb", 1) => {
                let a = self.ex(&args[0], env)?;
                return Ok(SV::E(E::prim(Prim::Not, vec![a])));
            }
            ("b2z", 1) => {
                let a = self.ex(&args[0], env)?;
                return Ok(SV::E(E::prim(Prim::B2z, vec![a])));
            }
            ("fst", 1) | ("snd", 1) => {
                let i = usize::from(f == "snd");
                return match self.eval(&args[0], env)? {
                    SV::Tup(mut vs) if vs.len() == 2 => Ok(vs.swap_remove(i)),
                    v => {
                        let x = self.to_e(v)?;
                        Ok(SV::E(E::call(f, vec![x])))
                    }
                };
            }
            ("prop", _) => return Err("`prop` in a spec".into()),
            _ => {}
        }
        let name = match f {
            "zmap_init" => "ZMap.init",
            "z_to_nat" => "Z.to_nat",
            _ => f,
        };
        if self.d.inlinable(name) {
            let vs = args
                .iter()
                .map(|a| self.eval(a, env))
                .collect::<R<Vec<_>>>()?;
            return self.call(name, vs);
        }
        let a = args
            .iter()
            .map(|a| self.ex(a, env))
            .collect::<R<Vec<_>>>()?;
        Ok(SV::E(E::call(name, a)))
    }

    fn matching(&mut self, sv: SV, arms: &[config::ast::Arm], env: &BTreeMap<String, SV>) -> R<SV> {
        // static cases: blocks, strings, literals
        for a in arms {
            match self.static_match(&sv, &a.pat)? {
                Some(bs) => {
                    let mut env2 = env.clone();
                    env2.extend(bs);
                    return self.eval(&a.body, &env2);
                }
                None => continue,
            }
        }
        Err("a match the partial evaluator cannot decide".into())
    }

    /// `Ok(Some(bindings))` if `p` matches `v` statically, `Ok(None)` if it cannot match, `Err`
    /// when undecidable.
    fn static_match(&self, v: &SV, p: &Pattern) -> R<Option<Vec<(String, SV)>>> {
        Ok(match (&p.kind, v) {
            (PatKind::Wild, _) => Some(vec![]),
            (PatKind::Var(x), v) => Some(vec![(x.clone(), v.clone())]),
            (PatKind::Ctor(c, ps), SV::Block(b)) => match (c.name.as_str(), b) {
                ("Bglob", Blk::Glob(g)) => match ps.first().map(|p| &p.kind) {
                    Some(PatKind::Var(x)) => Some(vec![(x.clone(), SV::Str(g.clone()))]),
                    Some(PatKind::Wild) => Some(vec![]),
                    _ => return Err("`Bglob` pattern with a literal".into()),
                },
                ("Babs", Blk::Abs) => Some(vec![]),
                _ => None,
            },
            (PatKind::Str(s), SV::Str(t)) => (s == t).then(Vec::new),
            (PatKind::Num(n), SV::E(e)) => match super::ir::lit_z(e) {
                Some(v) => (v == *n as i128).then(Vec::new),
                None => match super::ir::lit_nat(e) {
                    Some(v) => (v as u128 == *n).then(Vec::new),
                    None => return Err("a match on a value not known statically".into()),
                },
            },
            (PatKind::Bool(b), SV::E(e)) => match super::ir::lit_b(e) {
                Some(v) => (v == *b).then(Vec::new),
                None => return Err("a match on a value not known statically".into()),
            },
            (PatKind::Tuple(ps), SV::Tup(vs)) if ps.len() == vs.len() => {
                let mut out = vec![];
                for (p, v) in ps.iter().zip(vs) {
                    match self.static_match(v, p)? {
                        Some(b) => out.extend(b),
                        None => return Ok(None),
                    }
                }
                Some(out)
            }
            (PatKind::Ctor(c, ps), SV::E(e)) => match (c.name.as_str(), e) {
                ("Some", E::Some(x)) if ps.len() == 1 => {
                    return self.static_match(&self.from_e(x), &ps[0])
                }
                ("Some", E::None) | ("None", E::Some(_)) => None,
                ("None", E::None) => Some(vec![]),
                _ => return Err("a match on a value not known statically".into()),
            },
            _ => return Err("a match on a value not known statically".into()),
        })
    }
}
