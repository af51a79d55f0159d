//! Configuration declarations and expressions → Coq (`DataTypes.v`, `GlobalDefs.v`, `<L>/Defs.v`).
//!
//! The config language is Coq-like; the differences handled here: operators that are not Coq
//! notations (`&`, `|'`, `<<`, `>>`, `=s`, `<>?`, `(! b)`), map get/set, record update (through the
//! generated `update_<R>_<f>` functions), `rely`/`anno`/`when`, the built-in `Ptr` record and `block`
//! inductive (coq-lib's `ptr`/`Ptr`), and global names in `Bglob "g"` (coq-lib identifies globals by
//! `ident`: a literal becomes the code model's `g_…` ident, a pattern variable is bound to the
//! global's name through the generated `glob_ident_name`).

use super::names;
use crate::spec::print::ty as ty_term;
use config::ast::{BinOp, Expr, ExprKind, PatKind, Pattern, Quant, UnOp};
use config::env::{Env, GlobalKind};
use config::Ty;
use coq::{Binder, Pat, Term as T};
use std::collections::BTreeMap;

fn atom(s: impl Into<String>) -> T {
    T::name(s)
}

fn app(f: impl Into<String>, args: Vec<T>) -> T {
    T::app(f, args)
}

/// What expression translation needs besides the expression.
pub struct CfgCtx<'a> {
    pub env: &'a Env,
    /// LLVM global name → Coq ident constant (`g_…`) of the code model.
    pub globals: &'a BTreeMap<String, String>,
}

/// A config type in Coq syntax.
pub fn ty(t: &Ty) -> T {
    ty_term(t)
}

impl CfgCtx<'_> {
    fn record_of_field(&self, f: &str) -> Result<String, String> {
        match self.env.globals.get(f).map(|g| &g.kind) {
            Some(GlobalKind::Field(r)) => Ok(r.clone()),
            _ => Err(format!("`{f}` is not a record field")),
        }
    }

    fn glob_ident(&self, g: &str) -> Result<String, String> {
        self.globals
            .get(g)
            .cloned()
            .ok_or_else(|| format!("`Bglob \"{g}\"`: the code has no global `{g}`"))
    }

    fn name(&self, n: &str) -> T {
        match n {
            "zmap_init" => atom("ZMap.init"),
            "z_to_nat" => atom("Z.to_nat"),
            "mkPtr" => atom("Ptr"),
            "prop" => T::fun(
                vec![Binder::typed("b", atom("bool"))],
                T::eq(atom("b"), atom("true")),
            ),
            _ => atom(n),
        }
    }

    fn ctor_name(&self, n: &str) -> String {
        match n {
            "mkPtr" => "Ptr".into(),
            _ => n.to_string(),
        }
    }

    /// Translate an expression.
    pub fn expr(&self, e: &Expr) -> Result<T, String> {
        Ok(match &e.kind {
            ExprKind::Var(n) => self.name(n),
            ExprKind::Num(n) => {
                let lit = T::int_str(n.to_string());
                if e.ty == Some(Ty::Nat) {
                    T::Scoped(Box::new(lit), "nat")
                } else {
                    lit
                }
            }
            ExprKind::Str(s) => T::str(s.clone()),
            ExprKind::Bool(b) => T::bool(*b),
            ExprKind::App(f, args) => {
                if let ExprKind::Var(n) = &f.kind {
                    if n == "prop" && args.len() == 1 {
                        return Ok(T::infix("=", self.expr(&args[0])?, atom("true")));
                    }
                    if n == "Bglob" && args.len() == 1 {
                        return match &args[0].kind {
                            ExprKind::Str(g) => Ok(app("Bglob", vec![atom(self.glob_ident(g)?)])),
                            _ => Err("`Bglob` applied to a computed string: only literal global names can be turned into code-model identifiers".into()),
                        };
                    }
                }
                let f = self.expr(f)?;
                let args = args
                    .iter()
                    .map(|a| self.expr(a))
                    .collect::<Result<Vec<_>, _>>()?;
                T::app_term(f, args)
            }
            ExprKind::Unary(op, a) => {
                let a = self.expr(a)?;
                match op {
                    UnOp::Neg => T::Prefix("-", Box::new(a)),
                    UnOp::Not => T::Prefix("~", Box::new(a)),
                    UnOp::BNot => app("negb", vec![a]),
                }
            }
            ExprKind::Binary(op, a, b) => {
                let (a, b) = (self.expr(a)?, self.expr(b)?);
                use BinOp::*;
                match op {
                    BAnd => app("Z.land", vec![a, b]),
                    BOr => app("Z.lor", vec![a, b]),
                    Shl => app("Z.shiftl", vec![a, b]),
                    Shr => app("Z.shiftr", vec![a, b]),
                    NeB => app("negb", vec![T::infix("=?", a, b)]),
                    StrEqB => app("String.eqb", vec![a, b]),
                    StrNeB => app("negb", vec![app("String.eqb", vec![a, b])]),
                    _ => T::infix(op.symbol(), a, b),
                }
            }
            ExprKind::Tuple(ts) => {
                if ts.is_empty() {
                    atom("tt")
                } else {
                    T::Tuple(ts.iter().map(|t| self.expr(t)).collect::<Result<_, _>>()?)
                }
            }
            ExprKind::Let(b, v, body) => T::Let(
                Box::new(Binder {
                    names: vec![b.name.name.clone()],
                    ty: b.resolved.as_ref().filter(|_| b.ty.is_some()).map(ty),
                    implicit: false,
                }),
                Box::new(self.expr(v)?),
                Box::new(self.expr(body)?),
            ),
            ExprKind::LetTuple(ids, v, body) => T::LetPat(
                Pat::Tuple(ids.iter().map(|i| Pat::var(i.name.clone())).collect()),
                Box::new(self.expr(v)?),
                Box::new(self.expr(body)?),
            ),
            ExprKind::When(ids, v, body) => {
                let p = if ids.len() == 1 {
                    Pat::var(ids[0].name.clone())
                } else {
                    Pat::Tuple(ids.iter().map(|i| Pat::var(i.name.clone())).collect())
                };
                T::bind(self.expr(v)?, p, self.expr(body)?)
            }
            ExprKind::Match(s, arms) => {
                let st = s.ty.clone();
                let mut out = vec![];
                for a in arms {
                    let mut lets = vec![];
                    let p = self.pattern(&a.pat, st.as_ref(), &mut lets)?;
                    let mut body = self.expr(&a.body)?;
                    for (x, id) in lets.into_iter().rev() {
                        body = T::let_(x, app(names::GLOB_IDENT_NAME, vec![atom(id)]), body);
                    }
                    out.push((p, body));
                }
                T::match_(self.expr(s)?, out)
            }
            ExprKind::Rely(c, body) => T::if_(self.expr(c)?, self.expr(body)?, T::none()),
            ExprKind::Anno(p, body) => app("annot", vec![self.expr(p)?, self.expr(body)?]),
            ExprKind::If(c, a, b) => T::if_(self.expr(c)?, self.expr(a)?, self.expr(b)?),
            ExprKind::Field(r, f) => app(&f.name, vec![self.expr(r)?]),
            ExprKind::MapGet(m, k) => app("ZMap.get", vec![self.expr(k)?, self.expr(m)?]),
            ExprKind::MapSet(m, k, v) => app(
                "ZMap.set",
                vec![self.expr(k)?, self.expr(v)?, self.expr(m)?],
            ),
            ExprKind::RecSet(r, f, v) => {
                let rec = self.record_of_field(&f.name)?;
                app(
                    names::update_fn(&rec, &f.name),
                    vec![self.expr(r)?, self.expr(v)?],
                )
            }
            ExprKind::Update(r, path, v) => {
                let r = self.expr(r)?;
                self.update(
                    r,
                    path.iter()
                        .map(|i| i.name.as_str())
                        .collect::<Vec<_>>()
                        .as_slice(),
                    self.expr(v)?,
                )?
            }
            ExprKind::Quant(q, bs, body) => {
                let bs = bs
                    .iter()
                    .map(|b| Binder {
                        names: vec![b.name.name.clone()],
                        ty: b.resolved.as_ref().map(ty),
                        implicit: false,
                    })
                    .collect();
                let body = self.expr(body)?;
                match q {
                    Quant::Forall => T::forall(bs, body),
                    Quant::Exists => T::exists(bs, body),
                }
            }
        })
    }

    fn update(&self, r: T, path: &[&str], v: T) -> Result<T, String> {
        let f = path[0];
        let rec = self.record_of_field(f)?;
        let inner = if path.len() == 1 {
            v
        } else {
            self.update(app(f, vec![r.clone()]), &path[1..], v)?
        };
        Ok(app(names::update_fn(&rec, f), vec![r, inner]))
    }

    fn pattern(
        &self,
        p: &Pattern,
        scrut: Option<&Ty>,
        lets: &mut Vec<(String, String)>,
    ) -> Result<Pat, String> {
        Ok(match &p.kind {
            PatKind::Wild => Pat::Wild,
            PatKind::Var(v) => Pat::var(v.clone()),
            PatKind::Num(n) => {
                let lit = T::int_str(n.to_string());
                Pat::Lit(Box::new(if scrut == Some(&Ty::Nat) {
                    T::Scoped(Box::new(lit), "nat")
                } else {
                    lit
                }))
            }
            PatKind::Str(s) => Pat::Lit(Box::new(T::str(s.clone()))),
            PatKind::Bool(b) => Pat::Lit(Box::new(T::bool(*b))),
            PatKind::Tuple(ps) => {
                let tys: Vec<Option<&Ty>> = match scrut {
                    Some(Ty::Tuple(ts)) if ts.len() == ps.len() => ts.iter().map(Some).collect(),
                    _ => vec![None; ps.len()],
                };
                Pat::Tuple(
                    ps.iter()
                        .zip(tys)
                        .map(|(p, t)| self.pattern(p, t, lets))
                        .collect::<Result<_, _>>()?,
                )
            }
            PatKind::Ctor(c, ps) => {
                if c.name == "Bglob" {
                    return match ps.first().map(|p| &p.kind) {
                        Some(PatKind::Var(x)) => {
                            let id = format!("{x}'id");
                            lets.push((x.clone(), id.clone()));
                            Ok(Pat::ctor("Bglob", vec![Pat::var(id)]))
                        }
                        Some(PatKind::Wild) => Ok(Pat::ctor("Bglob", vec![Pat::Wild])),
                        _ => Err("a `Bglob` pattern with a literal name is not supported: bind a variable and compare it with `=s`".into()),
                    };
                }
                let arg_tys: Vec<Ty> =
                    match self.env.globals.get(&c.name).and_then(|g| g.ty.clone()) {
                        Some(t) => t.uncurry().0.into_iter().cloned().collect(),
                        None => vec![],
                    };
                Pat::ctor(
                    self.ctor_name(&c.name),
                    ps.iter()
                        .enumerate()
                        .map(|(i, p)| self.pattern(p, arg_tys.get(i), lets))
                        .collect::<Result<_, _>>()?,
                )
            }
        })
    }
}
