//! Type resolution and bidirectional type inference for expressions (with unification
//! variables; every variable must be solved by the end of a declaration — no silent fallback).

use super::ast::*;
use super::env::{builtin_ctor_arity, builtin_value, Env, GlobalKind, BUILTIN_TYPES};
use super::types::Ty;
use diag::span::Span;
use diag::{Code, Diagnostic};

/// Resolve a written type. Unknown names are errors (declare opaque types with
/// `Parameter T : Type.`).
pub fn resolve_type(env: &Env, t: &TypeExpr, diags: &mut Vec<Diagnostic>) -> Option<Ty> {
    Some(match &t.kind {
        TypeExprKind::Name(n) => match n.as_str() {
            "Z" => Ty::Z,
            "bool" => Ty::Bool,
            "Prop" => Ty::Prop,
            "string" => Ty::Str,
            "nat" => Ty::Nat,
            "Type" => Ty::Sort,
            "unit" => Ty::Tuple(vec![]),
            _ => {
                if let Some(td) = env.typedefs.get(n) {
                    return Some(td.clone());
                }
                match env.globals.get(n) {
                    Some(g) if g.kind.is_type() => Ty::Named(n.clone()),
                    Some(g) => {
                        diags.push(
                            Diagnostic::error(
                                Code::NotAType,
                                t.span,
                                format!("`{n}` is a {}, not a type", g.kind.describe()),
                            )
                            .label("used as a type here")
                            .hint("use a type: Z, bool, Prop, string, nat, list T, option T, ZMap.t T, a tuple, or a declared Record/Inductive/typedef"),
                        );
                        return None;
                    }
                    None => {
                        diags.push(
                            Diagnostic::error(
                                Code::UnknownType,
                                t.span,
                                format!("unknown type `{n}`"),
                            )
                            .label("not declared")
                            .hint(format!("declare it (`Record`, `Inductive`, `Definition {n} := <type>.`) or, if it is abstract, `Parameter {n} : Type.`")),
                        );
                        return None;
                    }
                }
            }
        },
        TypeExprKind::App(c, a) => {
            let a = resolve_type(env, a, diags)?;
            match c.as_str() {
                "list" => Ty::list(a),
                "option" => Ty::option(a),
                _ => Ty::zmap(a),
            }
        }
        TypeExprKind::Tuple(ts) => {
            let mut out = vec![];
            let mut ok = true;
            for t in ts {
                match resolve_type(env, t, diags) {
                    Some(t) => out.push(t),
                    None => ok = false,
                }
            }
            if !ok {
                return None;
            }
            Ty::tuple(out)
        }
        TypeExprKind::Arrow(a, b) => {
            let a = resolve_type(env, a, diags);
            let b = resolve_type(env, b, diags);
            Ty::arrow(a?, b?)
        }
    })
}

/// Is `n` a type name (built-in or declared)?
pub fn is_type_name(env: &Env, n: &str) -> bool {
    BUILTIN_TYPES.contains(&n)
        || n == "unit"
        || env.globals.get(n).is_some_and(|g| g.kind.is_type())
}

/// A reference from a declaration to a global value (for dependency and layer-order checks).
#[derive(Clone, Debug)]
pub struct Ref {
    pub name: String,
    pub span: Span,
}

pub struct Infer<'a> {
    pub env: &'a Env,
    metas: Vec<Option<Ty>>,
    locals: Vec<(String, Ty)>,
    pub diags: Vec<Diagnostic>,
    pub refs: Vec<Ref>,
    /// The fixpoint being checked: its name and type (recursive calls).
    pub self_def: Option<(String, Ty)>,
}

fn mismatch_hint(expected: &Ty, found: &Ty) -> String {
    match (expected, found) {
        (Ty::Prop, Ty::Bool) => "a bool is not a Prop: write `prop b` (or `b = true`)".into(),
        (Ty::Bool, Ty::Prop) => "Props are not computable: use the boolean operators (`=?`, `<?`, `&&`, `||`, `(! b)`) instead of `=`, `<`, `/\\`, `\\/`, `(~ P)`".into(),
        (Ty::Nat, Ty::Z) => "convert with `z_to_nat`".into(),
        (Ty::Z, Ty::Nat) => "convert with `Z.of_nat`".into(),
        (Ty::Option(a), f) if **a == *f => "wrap the value: `Some e`".into(),
        _ => "make the expression and the expected type agree (see the declared types)".into(),
    }
}

impl<'a> Infer<'a> {
    pub fn new(env: &'a Env) -> Self {
        Infer {
            env,
            metas: vec![],
            locals: vec![],
            diags: vec![],
            refs: vec![],
            self_def: None,
        }
    }
    pub fn fresh(&mut self) -> Ty {
        self.metas.push(None);
        Ty::Meta(self.metas.len() as u32 - 1)
    }
    fn shallow(&self, t: &Ty) -> Ty {
        let mut t = t.clone();
        while let Ty::Meta(i) = t {
            match self.metas.get(i as usize) {
                Some(Some(u)) => t = u.clone(),
                _ => break,
            }
        }
        t
    }
    /// A type from the environment, for this inference: the environment marks a type that failed
    /// to resolve (already reported) with `Meta(0)`, which belongs to no inference; each such
    /// variable becomes a fresh one here, so that it neither aliases this inference's first
    /// variable nor indexes past its variables (found by fuzzing, issue 15).
    fn inst(&mut self, t: &Ty) -> Ty {
        match t {
            Ty::Meta(_) => self.fresh(),
            Ty::List(a) => Ty::list(self.inst(a)),
            Ty::Option(a) => Ty::option(self.inst(a)),
            Ty::ZMap(a) => Ty::zmap(self.inst(a)),
            Ty::Tuple(ts) => Ty::Tuple(ts.iter().map(|t| self.inst(t)).collect()),
            Ty::Arrow(a, b) => Ty::arrow(self.inst(a), self.inst(b)),
            t => t.clone(),
        }
    }
    /// Substitute solved variables everywhere.
    pub fn zonk(&self, t: &Ty) -> Ty {
        match self.shallow(t) {
            Ty::List(a) => Ty::list(self.zonk(&a)),
            Ty::Option(a) => Ty::option(self.zonk(&a)),
            Ty::ZMap(a) => Ty::zmap(self.zonk(&a)),
            Ty::Tuple(ts) => Ty::Tuple(ts.iter().map(|t| self.zonk(t)).collect()),
            Ty::Arrow(a, b) => Ty::arrow(self.zonk(&a), self.zonk(&b)),
            t => t,
        }
    }
    fn occurs(&self, m: u32, t: &Ty) -> bool {
        match self.shallow(t) {
            Ty::Meta(i) => i == m,
            Ty::List(a) | Ty::Option(a) | Ty::ZMap(a) => self.occurs(m, &a),
            Ty::Tuple(ts) => ts.iter().any(|t| self.occurs(m, t)),
            Ty::Arrow(a, b) => self.occurs(m, &a) || self.occurs(m, &b),
            _ => false,
        }
    }
    pub fn unify(&mut self, a: &Ty, b: &Ty) -> bool {
        let a = self.shallow(a);
        let b = self.shallow(b);
        match (&a, &b) {
            (Ty::Meta(i), Ty::Meta(j)) if i == j => true,
            (Ty::Meta(i), t) | (t, Ty::Meta(i)) => {
                if self.occurs(*i, t) {
                    return false;
                }
                // A variable of no inference here (see `inst`) stands for an unknown type.
                if let Some(m) = self.metas.get_mut(*i as usize) {
                    *m = Some(t.clone());
                }
                true
            }
            (Ty::List(x), Ty::List(y))
            | (Ty::Option(x), Ty::Option(y))
            | (Ty::ZMap(x), Ty::ZMap(y)) => self.unify(x, y),
            (Ty::Tuple(xs), Ty::Tuple(ys)) => {
                xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| self.unify(x, y))
            }
            (Ty::Arrow(a1, b1), Ty::Arrow(a2, b2)) => self.unify(a1, a2) && self.unify(b1, b2),
            _ => a == b,
        }
    }
    /// Unify or report a mismatch at `span`.
    pub fn expect(&mut self, span: Span, found: &Ty, expected: &Ty, what: &str) -> bool {
        if self.unify(found, expected) {
            return true;
        }
        let (e, f) = (self.zonk(expected), self.zonk(found));
        let hint = mismatch_hint(&e, &f);
        self.diags.push(
            Diagnostic::error(
                Code::TypeMismatch,
                span,
                format!("type mismatch in {what}: expected `{e}`, found `{f}`"),
            )
            .label(format!("this has type `{f}`"))
            .hint(hint),
        );
        false
    }

    pub fn push_local(&mut self, n: &str, t: Ty) {
        self.locals.push((n.to_string(), t));
    }
    fn lookup_local(&self, n: &str) -> Option<Ty> {
        self.locals
            .iter()
            .rev()
            .find(|(m, _)| m == n)
            .map(|(_, t)| t.clone())
    }

    fn resolve_ty(&mut self, t: &TypeExpr) -> Ty {
        let mut d = vec![];
        let r = resolve_type(self.env, t, &mut d);
        self.diags.extend(d);
        r.unwrap_or_else(|| self.fresh())
    }

    /// Type of a global or built-in value name.
    fn global_value(&mut self, name: &str, span: Span) -> Option<Ty> {
        if let Some((n, t)) = &self.self_def {
            if n == name {
                return Some(t.clone());
            }
        }
        let g = self.env.globals.get(name)?;
        if g.kind.is_type() {
            self.diags.push(
                Diagnostic::error(
                    Code::NotAType,
                    span,
                    format!("`{name}` is a {}, used as a value", g.kind.describe()),
                )
                .label("a type, not a value")
                .hint("types can only appear after `:` or on the right of a type definition"),
            );
            return Some(self.fresh());
        }
        if g.kind == GlobalKind::Builtin {
            let mut metas = std::mem::take(&mut self.metas);
            let t = builtin_value(name, &mut || {
                metas.push(None);
                Ty::Meta(metas.len() as u32 - 1)
            });
            self.metas = metas;
            return t;
        }
        self.refs.push(Ref {
            name: name.to_string(),
            span,
        });
        match &g.ty {
            Some(t) => {
                let t = t.clone();
                Some(self.inst(&t))
            }
            // a definition whose type is unknown because it failed to check
            None => Some(self.fresh()),
        }
    }

    fn unknown_name(&mut self, name: &str, span: Span) {
        let similar: Vec<&String> = self
            .env
            .globals
            .keys()
            .filter(|k| close(k, name))
            .take(3)
            .collect();
        let hint = if similar.is_empty() {
            format!("declare `{name}` (Definition, Parameter, …) or bind it locally")
        } else {
            format!(
                "did you mean {}?",
                similar
                    .iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        self.diags.push(
            Diagnostic::error(Code::UnknownName, span, format!("unknown name `{name}`"))
                .label("not defined here")
                .hint(hint),
        );
    }

    /// Check `e` against `expected`.
    pub fn check(&mut self, e: &mut Expr, expected: &Ty, what: &str) {
        match &mut e.kind {
            // propagate the expected type into the branches, so errors point inside
            ExprKind::Let(..)
            | ExprKind::LetTuple(..)
            | ExprKind::If(..)
            | ExprKind::Match(..)
            | ExprKind::When(..)
            | ExprKind::Rely(..)
            | ExprKind::Anno(..) => {
                let t = self.infer_with(e, Some(expected));
                // the branches were checked; this only catches forms without branches
                if !self.unify(&t, expected) {
                    self.expect(e.span, &t, expected, what);
                }
            }
            _ => {
                let t = self.infer(e);
                self.expect(e.span, &t, expected, what);
            }
        }
    }

    pub fn infer(&mut self, e: &mut Expr) -> Ty {
        self.infer_with(e, None)
    }

    fn branch(&mut self, e: &mut Expr, expected: Option<&Ty>, what: &str) -> Ty {
        match expected {
            Some(t) => {
                let t = t.clone();
                self.check(e, &t, what);
                t
            }
            None => self.infer(e),
        }
    }

    fn field_of(&mut self, rec_ty: &Ty, f: &Ident, rec_span: Span) -> Ty {
        let Some(g) = self.env.globals.get(&f.name) else {
            self.diags.push(
                Diagnostic::error(Code::UnknownField, f.span, format!("unknown field `{}`", f.name))
                    .label("no record has this field")
                    .hint("field names are global (as Coq projections are); check the Record declarations"),
            );
            return self.fresh();
        };
        let GlobalKind::Field(rec) = &g.kind else {
            self.diags.push(
                Diagnostic::error(
                    Code::UnknownField,
                    f.span,
                    format!(
                        "`{}` is a {}, not a record field",
                        f.name,
                        g.kind.describe()
                    ),
                )
                .label("not a field")
                .hint("use `e.(field)` with a field of the record's declaration"),
            );
            return self.fresh();
        };
        let rec = rec.clone();
        // The record's declaration failed (a duplicate name, a type cycle): already reported.
        let Some(fty) = self.env.records.get(&rec).and_then(|info| {
            info.fields
                .iter()
                .find(|(n, _)| *n == f.name)
                .map(|(_, t)| t.clone())
        }) else {
            return self.fresh();
        };
        let fty = self.inst(&fty);
        let rt = self.zonk(rec_ty);
        if !self.unify(rec_ty, &Ty::Named(rec.clone())) {
            self.diags.push(
                Diagnostic::error(
                    Code::UnknownField,
                    f.span,
                    format!(
                        "field `{}` belongs to record `{rec}`, but the expression has type `{rt}`",
                        f.name
                    ),
                )
                .label(format!("field of `{rec}`"))
                .note(rec_span, format!("this has type `{rt}`"))
                .hint(match &rt {
                    Ty::Named(r) if self.env.records.contains_key(r) => format!(
                        "fields of `{r}`: {}",
                        self.env.records[r]
                            .fields
                            .iter()
                            .map(|(n, _)| n.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    _ => "only records have fields".into(),
                }),
            );
        }
        fty
    }

    fn infer_with(&mut self, e: &mut Expr, expected: Option<&Ty>) -> Ty {
        let span = e.span;
        let is_rely = matches!(e.kind, ExprKind::Rely(..));
        let t = match &mut e.kind {
            ExprKind::Var(n) => self.infer_var(n, span),
            ExprKind::Num(_) => Ty::Z,
            ExprKind::Str(_) => Ty::Str,
            ExprKind::Bool(_) => Ty::Bool,
            ExprKind::App(f, args) => self.infer_app(f, args),
            ExprKind::Unary(op, a) => self.infer_unary(*op, a),
            ExprKind::Binary(op, a, b) => self.infer_binary(*op, a, b),
            ExprKind::Tuple(es) => self.infer_tuple(es, expected),
            ExprKind::Let(b, v, body) => self.infer_let(b, v, body, expected),
            ExprKind::LetTuple(ns, v, body) => self.infer_let_tuple(ns, v, body, expected),
            ExprKind::When(ns, v, body) => self.infer_when(ns, v, body, expected),
            ExprKind::Rely(p, body) | ExprKind::Anno(p, body) => {
                self.infer_guard(is_rely, p, body, expected)
            }
            ExprKind::If(c, a, b) => self.infer_if(c, a, b, expected),
            ExprKind::Match(s, arms) => self.infer_match(s, arms, expected),
            ExprKind::Field(r, f) => self.infer_field(r, f),
            ExprKind::MapGet(m, k) => self.infer_map_get(m, k),
            ExprKind::MapSet(m, k, v) => self.infer_map_set(m, k, v),
            ExprKind::RecSet(r, f, v) => self.infer_rec_set(r, f, v),
            ExprKind::Update(r, path, v) => self.infer_update(r, path, v),
            ExprKind::Quant(_, bs, body) => self.infer_quant(bs, body),
        };
        e.ty = Some(t.clone());
        t
    }

    /// A variable: a local, a global value, or an unknown name.
    fn infer_var(&mut self, n: &str, span: Span) -> Ty {
        if let Some(t) = self.lookup_local(n) {
            t
        } else if let Some(t) = self.global_value(n, span) {
            t
        } else {
            self.unknown_name(n, span);
            self.fresh()
        }
    }

    /// `f a b …`: each argument checked against the next parameter of `f`'s type.
    fn infer_app(&mut self, f: &mut Expr, args: &mut [Expr]) -> Ty {
        let mut ft = self.infer(f);
        let fspan = f.span;
        for a in args.iter_mut() {
            let cur = self.shallow(&ft);
            match cur {
                Ty::Arrow(p, r) => {
                    self.check(a, &p, "function argument");
                    ft = *r;
                }
                Ty::Meta(_) => {
                    let p = self.fresh();
                    let r = self.fresh();
                    self.unify(&cur, &Ty::arrow(p.clone(), r.clone()));
                    self.check(a, &p, "function argument");
                    ft = r;
                }
                other => {
                    let other = self.zonk(&other);
                    self.diags.push(
                        Diagnostic::error(
                            Code::BadApplication,
                            a.span,
                            format!("too many arguments: the function has type `{}` and cannot take this one", self.zonk(&other)),
                        )
                        .label("extra argument")
                        .note(fspan, "applied function")
                        .hint("remove the extra argument or check the function's declared parameters"),
                    );
                    self.infer(a);
                    ft = self.fresh();
                    break;
                }
            }
        }
        ft
    }

    fn infer_unary(&mut self, op: UnOp, a: &mut Expr) -> Ty {
        let t = match op {
            UnOp::Neg => Ty::Z,
            UnOp::Not => Ty::Prop,
            UnOp::BNot => Ty::Bool,
        };
        self.check(a, &t, "operand");
        t
    }

    /// Binary operators: fixed operand and result types, except the polymorphic list and
    /// equality operators.
    fn infer_binary(&mut self, op: BinOp, a: &mut Expr, b: &mut Expr) -> Ty {
        use BinOp::*;
        let sym = op.symbol();
        let what = format!("operand of `{sym}`");
        match op {
            Mul | Div | Mod | Add | Sub | BAnd | BOr | Shl | Shr => {
                self.check(a, &Ty::Z, &what);
                self.check(b, &Ty::Z, &what);
                Ty::Z
            }
            EqB | NeB | GtB | GeB | LtB | LeB => {
                self.check(a, &Ty::Z, &what);
                self.check(b, &Ty::Z, &what);
                Ty::Bool
            }
            StrEqB | StrNeB => {
                self.check(a, &Ty::Str, &what);
                self.check(b, &Ty::Str, &what);
                Ty::Bool
            }
            AndB | OrB => {
                self.check(a, &Ty::Bool, &what);
                self.check(b, &Ty::Bool, &what);
                Ty::Bool
            }
            Cons => {
                let x = self.infer(a);
                let l = Ty::list(x);
                self.check(b, &l, &what);
                l
            }
            Append => {
                let l = self.infer(a);
                let el = self.fresh();
                self.expect(a.span, &l, &Ty::list(el), &what);
                self.check(b, &l, &what);
                l
            }
            Eq | Ne => {
                let x = self.infer(a);
                self.check(b, &x, &what);
                Ty::Prop
            }
            Lt | Le | Gt | Ge => {
                self.check(a, &Ty::Z, &what);
                self.check(b, &Ty::Z, &what);
                Ty::Prop
            }
            And | Or | Iff | Impl => {
                self.check(a, &Ty::Prop, &what);
                self.check(b, &Ty::Prop, &what);
                Ty::Prop
            }
        }
    }

    fn infer_tuple(&mut self, es: &mut [Expr], expected: Option<&Ty>) -> Ty {
        let exp_parts = match expected.map(|t| self.shallow(t)) {
            Some(Ty::Tuple(ts)) if ts.len() == es.len() => Some(ts),
            _ => None,
        };
        let mut ts = vec![];
        for (i, x) in es.iter_mut().enumerate() {
            match &exp_parts {
                Some(p) => {
                    self.check(x, &p[i], "tuple component");
                    ts.push(p[i].clone());
                }
                None => ts.push(self.infer(x)),
            }
        }
        Ty::Tuple(ts)
    }

    /// `let x (: T) := v in body`.
    fn infer_let(
        &mut self,
        b: &mut Binder,
        v: &mut Expr,
        body: &mut Expr,
        expected: Option<&Ty>,
    ) -> Ty {
        let vt = match &b.ty {
            Some(te) => {
                let t = self.resolve_ty(te);
                self.check(v, &t, "let-bound value");
                t
            }
            None => self.infer(v),
        };
        b.resolved = Some(vt.clone());
        self.push_local(&b.name.name, vt);
        let t = self.branch(body, expected, "let body");
        self.locals.pop();
        t
    }

    /// `let (a, b) := v in body`.
    fn infer_let_tuple(
        &mut self,
        ns: &[Ident],
        v: &mut Expr,
        body: &mut Expr,
        expected: Option<&Ty>,
    ) -> Ty {
        let parts: Vec<Ty> = ns.iter().map(|_| self.fresh()).collect();
        let vt = self.infer(v);
        self.expect(v.span, &vt, &Ty::Tuple(parts.clone()), "tuple let");
        for (n, t) in ns.iter().zip(parts) {
            self.push_local(&n.name, t);
        }
        let t = self.branch(body, expected, "let body");
        for _ in ns.iter() {
            self.locals.pop();
        }
        t
    }

    /// `when x, y == v; body`: `v` is an option, and so is the body.
    fn infer_when(
        &mut self,
        ns: &[Ident],
        v: &mut Expr,
        body: &mut Expr,
        expected: Option<&Ty>,
    ) -> Ty {
        let parts: Vec<Ty> = ns.iter().map(|_| self.fresh()).collect();
        let inner = if parts.len() == 1 {
            parts[0].clone()
        } else {
            Ty::Tuple(parts.clone())
        };
        let vt = self.infer(v);
        self.expect(
            v.span,
            &vt,
            &Ty::option(inner),
            "`when` (it binds the value of an option)",
        );
        for (n, t) in ns.iter().zip(parts) {
            self.push_local(&n.name, t);
        }
        let r = match expected {
            Some(t) => t.clone(),
            None => {
                let a = self.fresh();
                Ty::option(a)
            }
        };
        let bt = self.infer_with(body, Some(&r));
        let a = self.fresh();
        self.expect(
            body.span,
            &bt,
            &Ty::option(a),
            "the body of `when` (it must be an option)",
        );
        self.expect(body.span, &bt, &r, "the body of `when`");
        for _ in ns.iter() {
            self.locals.pop();
        }
        bt
    }

    /// `rely P; body` (a bool condition, an option body) and `anno P; body` (a Prop).
    fn infer_guard(
        &mut self,
        is_rely: bool,
        p: &mut Expr,
        body: &mut Expr,
        expected: Option<&Ty>,
    ) -> Ty {
        let kw = if is_rely { "rely" } else { "anno" };
        // rely tests a computable condition; anno states a proposition
        let want = if is_rely { Ty::Bool } else { Ty::Prop };
        self.check(p, &want, &format!("the condition of `{kw}`"));
        let bt = self.branch(body, expected, &format!("the body of `{kw}`"));
        if is_rely {
            let a = self.fresh();
            self.expect(body.span, &bt, &Ty::option(a), "the body of `rely` (it yields None when the condition fails, so the body must be an option)");
        }
        bt
    }

    fn infer_if(&mut self, c: &mut Expr, a: &mut Expr, b: &mut Expr, expected: Option<&Ty>) -> Ty {
        self.check(c, &Ty::Bool, "`if` condition");
        let t = match expected {
            Some(t) => t.clone(),
            None => self.infer(a),
        };
        if expected.is_some() {
            self.check(a, &t, "`then` branch");
        }
        self.check(
            b,
            &t,
            "`else` branch (both branches must have the same type)",
        );
        t
    }

    /// `match s with arms end`: every arm's pattern against the scrutinee, bodies of one type.
    fn infer_match(&mut self, s: &mut Expr, arms: &mut [Arm], expected: Option<&Ty>) -> Ty {
        let st = self.infer(s);
        let mut rt = expected.cloned();
        for arm in arms.iter_mut() {
            let n = self.locals.len();
            self.pattern(&mut arm.pat, &st);
            match &rt {
                Some(t) => {
                    let t = t.clone();
                    self.check(
                        &mut arm.body,
                        &t,
                        "match arm (all arms must have the same type)",
                    );
                }
                None => rt = Some(self.infer(&mut arm.body)),
            }
            self.locals.truncate(n);
        }
        rt.unwrap_or_else(|| self.fresh())
    }

    /// `r.(f)`.
    fn infer_field(&mut self, r: &mut Expr, f: &Ident) -> Ty {
        let rt = self.infer(r);
        self.field_of(&rt, f, r.span)
    }

    /// `m @ k`.
    fn infer_map_get(&mut self, m: &mut Expr, k: &mut Expr) -> Ty {
        let a = self.fresh();
        self.check(m, &Ty::zmap(a.clone()), "map of `@`");
        self.check(k, &Ty::Z, "key of `@`");
        a
    }

    /// `m # k == v`.
    fn infer_map_set(&mut self, m: &mut Expr, k: &mut Expr, v: &mut Expr) -> Ty {
        let a = self.fresh();
        let mt = Ty::zmap(a.clone());
        self.check(m, &mt, "map of `#`");
        self.check(k, &Ty::Z, "key of `#`");
        self.check(v, &a, "value stored by `#`");
        mt
    }

    /// `r {f : v}`.
    fn infer_rec_set(&mut self, r: &mut Expr, f: &Ident, v: &mut Expr) -> Ty {
        let rt = self.infer(r);
        let ft = self.field_of(&rt, f, r.span);
        self.check(v, &ft, "record field value");
        rt
    }

    /// `r.[f1].[f2] :< v`.
    fn infer_update(&mut self, r: &mut Expr, path: &[Ident], v: &mut Expr) -> Ty {
        let rt = self.infer(r);
        let mut cur = rt.clone();
        let mut sp = r.span;
        for f in path.iter() {
            cur = self.field_of(&cur, f, sp);
            sp = f.span;
        }
        self.check(v, &cur, "value of the nested update");
        rt
    }

    /// `exists`/`forall` binders, a Prop body.
    fn infer_quant(&mut self, bs: &mut [Binder], body: &mut Expr) -> Ty {
        let n = self.locals.len();
        for b in bs.iter_mut() {
            let t = match &b.ty {
                Some(te) => self.resolve_ty(te),
                None => self.fresh(),
            };
            b.resolved = Some(t.clone());
            self.push_local(&b.name.name, t);
        }
        self.check(body, &Ty::Prop, "quantifier body");
        self.locals.truncate(n);
        Ty::Prop
    }

    fn ctor_type(&mut self, name: &str) -> Option<Ty> {
        let g = self.env.globals.get(name)?;
        match &g.kind {
            GlobalKind::Ctor(_) | GlobalKind::RecordCtor(_) => g.ty.clone(),
            GlobalKind::Builtin if builtin_ctor_arity(name).is_some() => {
                let mut metas = std::mem::take(&mut self.metas);
                let t = builtin_value(name, &mut || {
                    metas.push(None);
                    Ty::Meta(metas.len() as u32 - 1)
                });
                self.metas = metas;
                t
            }
            _ => None,
        }
    }

    /// Check a pattern against the scrutinee type, binding its variables.
    fn pattern(&mut self, p: &mut Pattern, t: &Ty) {
        match &mut p.kind {
            PatKind::Wild => {}
            PatKind::Var(v) => {
                if let Some(ct) = self.ctor_type(v) {
                    // a nullary constructor
                    let id = Ident {
                        name: v.clone(),
                        span: p.span,
                    };
                    p.kind = PatKind::Ctor(id, vec![]);
                    if let Ty::Arrow(..) = self.shallow(&ct) {
                        self.diags.push(
                            Diagnostic::error(
                                Code::BadPattern,
                                p.span,
                                "constructor pattern is missing its arguments",
                            )
                            .label("needs arguments")
                            .hint("bind the arguments, e.g. `Some x`"),
                        );
                        return;
                    }
                    self.expect(p.span, &ct, t, "pattern");
                } else {
                    let v = v.clone();
                    self.push_local(&v, t.clone());
                }
            }
            PatKind::Ctor(c, args) => {
                let Some(mut ct) = self.ctor_type(&c.name) else {
                    self.diags.push(
                        Diagnostic::error(Code::BadPattern, c.span, format!("`{}` is not a constructor", c.name))
                            .label("expected a constructor")
                            .hint("patterns are constructors applied to patterns, tuples, literals, `_` or variables"),
                    );
                    return;
                };
                for a in args.iter_mut() {
                    match self.shallow(&ct) {
                        Ty::Arrow(x, r) => {
                            self.pattern(a, &x);
                            ct = *r;
                        }
                        _ => {
                            self.diags.push(
                                Diagnostic::error(
                                    Code::BadPattern,
                                    a.span,
                                    format!("too many arguments for constructor `{}`", c.name),
                                )
                                .label("extra")
                                .hint("match the constructor's declared arguments"),
                            );
                            return;
                        }
                    }
                }
                if let Ty::Arrow(..) = self.shallow(&ct) {
                    self.diags.push(
                        Diagnostic::error(
                            Code::BadPattern,
                            p.span,
                            format!("too few arguments for constructor `{}`", c.name),
                        )
                        .label("missing arguments")
                        .hint(
                            "match the constructor's declared arguments (use `_` for ignored ones)",
                        ),
                    );
                    return;
                }
                self.expect(p.span, &ct, t, "pattern");
            }
            PatKind::Tuple(ps) => {
                let parts: Vec<Ty> = ps.iter().map(|_| self.fresh()).collect();
                self.expect(p.span, &Ty::Tuple(parts.clone()), t, "tuple pattern");
                for (q, pt) in ps.iter_mut().zip(parts) {
                    self.pattern(q, &pt);
                }
            }
            PatKind::Num(_) => {
                self.expect(p.span, &Ty::Z, t, "pattern");
            }
            PatKind::Str(_) => {
                self.expect(p.span, &Ty::Str, t, "pattern");
            }
            PatKind::Bool(_) => {
                self.expect(p.span, &Ty::Bool, t, "pattern");
            }
        }
    }

    /// Replace every node's type by its solved form; report the first node whose type is not
    /// fully determined (only if no other error was reported).
    pub fn finish(&mut self, e: &mut Expr) {
        let mut first: Option<(Span, Ty)> = None;
        self.zonk_expr(e, &mut first);
        if let Some((sp, t)) = first {
            if self.diags.is_empty() {
                self.diags.push(
                    Diagnostic::error(Code::CannotInfer, sp, format!("cannot infer the type of this expression (known so far: `{t}`)"))
                        .label("type not determined")
                        .hint("add a type annotation: a return type on the definition, `let x : T := …`, or typed binders `(x : T)`"),
                );
            }
        }
    }

    /// Report `match`es that miss a case (Coq rejects them). Run after `finish`, on an
    /// expression without type errors.
    pub fn check_matches(&mut self, e: &Expr) {
        let mut found = vec![];
        walk(e, &mut |x| {
            if let ExprKind::Match(s, arms) = &x.kind {
                if let Some(t) = &s.ty {
                    let rows: Vec<Vec<&Pattern>> = arms.iter().map(|a| vec![&a.pat]).collect();
                    if let Some(missing) = self.uncovered(&rows, std::slice::from_ref(t)) {
                        found.push((x.span, missing.into_iter().next().unwrap_or_default()));
                    }
                }
            }
        });
        for (sp, example) in found {
            self.diags.push(
                Diagnostic::error(
                    Code::NonExhaustive,
                    sp,
                    format!("this match does not cover every case (for example `{example}`)"),
                )
                .label("missing cases")
                .hint("add the missing arms, or a final `| _ => …`"),
            );
        }
    }

    /// Constructors of a type, with their argument types; None for types with infinitely many
    /// values (Z, string, …) or that cannot be matched.
    fn signature(&self, t: &Ty) -> Option<Vec<(String, Vec<Ty>)>> {
        Some(match t {
            Ty::Bool => vec![("true".into(), vec![]), ("false".into(), vec![])],
            Ty::Option(a) => vec![
                ("Some".into(), vec![(**a).clone()]),
                ("None".into(), vec![]),
            ],
            Ty::Nat => vec![("O".into(), vec![]), ("S".into(), vec![Ty::Nat])],
            Ty::List(a) => vec![
                ("nil".into(), vec![]),
                ("cons".into(), vec![(**a).clone(), t.clone()]),
            ],
            Ty::Tuple(ts) => vec![("(tuple)".into(), ts.clone())],
            Ty::Named(n) => self.env.inductives.get(n)?.ctors.clone(),
            _ => return None,
        })
    }

    /// A value (shown as a pattern) matched by no row, if any (Maranget's usefulness of a row
    /// of wildcards, simplified: literals of infinite types only matter through wildcards).
    fn uncovered(&self, rows: &[Vec<&Pattern>], tys: &[Ty]) -> Option<Vec<String>> {
        let Some((t0, rest)) = tys.split_first() else {
            return if rows.is_empty() { Some(vec![]) } else { None };
        };
        let head = |p: &Pattern| -> Option<String> {
            match &p.kind {
                PatKind::Ctor(c, _) => Some(c.name.clone()),
                PatKind::Bool(b) => Some(b.to_string()),
                PatKind::Tuple(_) => Some("(tuple)".into()),
                PatKind::Num(n) => Some(n.to_string()),
                PatKind::Str(s) => Some(format!("{s:?}")),
                PatKind::Wild | PatKind::Var(_) => None,
            }
        };
        let heads: Vec<String> = rows.iter().filter_map(|r| head(r[0])).collect();
        let sig = self.signature(t0);
        if let Some(sig) = sig.filter(|s| s.iter().all(|(c, _)| heads.contains(c))) {
            for (c, args) in &sig {
                let mut spec: Vec<Vec<&Pattern>> = vec![];
                for r in rows {
                    let subs: Option<Vec<&Pattern>> = match &r[0].kind {
                        PatKind::Wild | PatKind::Var(_) => Some(vec![r[0]; args.len()]),
                        PatKind::Ctor(k, ps) if k.name == *c => Some(ps.iter().collect()),
                        PatKind::Bool(b) if b.to_string() == *c => Some(vec![]),
                        PatKind::Tuple(ps) if c == "(tuple)" => Some(ps.iter().collect()),
                        _ => None,
                    };
                    if let Some(mut subs) = subs {
                        subs.extend(r[1..].iter().copied());
                        spec.push(subs);
                    }
                }
                let mut tys2 = args.clone();
                tys2.extend(rest.iter().cloned());
                if let Some(mut w) = self.uncovered(&spec, &tys2) {
                    let sub: Vec<String> = w.drain(..args.len()).collect();
                    let shown = if c == "(tuple)" {
                        format!("({})", sub.join(", "))
                    } else if sub.is_empty() {
                        c.clone()
                    } else {
                        format!(
                            "{c} {}",
                            sub.iter()
                                .map(|s| if s.contains(' ') {
                                    format!("({s})")
                                } else {
                                    s.clone()
                                })
                                .collect::<Vec<_>>()
                                .join(" ")
                        )
                    };
                    w.insert(0, shown);
                    return Some(w);
                }
            }
            None
        } else {
            let default: Vec<Vec<&Pattern>> = rows
                .iter()
                .filter(|r| matches!(r[0].kind, PatKind::Wild | PatKind::Var(_)))
                .map(|r| r[1..].to_vec())
                .collect();
            let mut w = self.uncovered(&default, rest)?;
            let missing = self
                .signature(t0)
                .and_then(|s| s.into_iter().find(|(c, _)| !heads.contains(c)))
                .map(|(c, args)| {
                    if args.is_empty() {
                        c
                    } else {
                        format!("{c} {}", vec!["_"; args.len()].join(" "))
                    }
                })
                .unwrap_or_else(|| "_".into());
            w.insert(0, missing);
            Some(w)
        }
    }

    fn zonk_expr(&self, e: &mut Expr, first: &mut Option<(Span, Ty)>) {
        if let Some(t) = &e.ty {
            let z = self.zonk(t);
            if z.has_meta() && first.is_none() {
                *first = Some((e.span, z.clone()));
            }
            e.ty = Some(z);
        }
        let mut kids: Vec<&mut Expr> = vec![];
        let binders: Vec<&mut Binder> = match &mut e.kind {
            ExprKind::Let(b, _, _) => vec![b],
            ExprKind::Quant(_, bs, _) => bs.iter_mut().collect(),
            _ => vec![],
        };
        for b in binders {
            if let Some(t) = &b.resolved {
                let z = self.zonk(t);
                if z.has_meta() && first.is_none() {
                    *first = Some((b.name.span, z.clone()));
                }
                b.resolved = Some(z);
            }
        }
        match &mut e.kind {
            ExprKind::Var(_) | ExprKind::Num(_) | ExprKind::Str(_) | ExprKind::Bool(_) => {}
            ExprKind::App(f, args) => {
                kids.push(f);
                kids.extend(args.iter_mut());
            }
            ExprKind::Unary(_, a) | ExprKind::Field(a, _) => kids.push(a),
            ExprKind::Quant(_, _, a) => kids.push(a),
            ExprKind::Binary(_, a, b)
            | ExprKind::Let(_, a, b)
            | ExprKind::LetTuple(_, a, b)
            | ExprKind::When(_, a, b)
            | ExprKind::Rely(a, b)
            | ExprKind::Anno(a, b)
            | ExprKind::MapGet(a, b)
            | ExprKind::RecSet(a, _, b)
            | ExprKind::Update(a, _, b) => {
                kids.push(a);
                kids.push(b);
            }
            ExprKind::If(a, b, c) | ExprKind::MapSet(a, b, c) => {
                kids.push(a);
                kids.push(b);
                kids.push(c);
            }
            ExprKind::Tuple(es) => kids.extend(es.iter_mut()),
            ExprKind::Match(s, arms) => {
                kids.push(s);
                kids.extend(arms.iter_mut().map(|a| &mut a.body));
            }
        }
        for k in kids {
            self.zonk_expr(k, first);
        }
    }
}

/// Edit distance ≤ 2 (for "did you mean").
fn close(a: &str, b: &str) -> bool {
    if a == b || a.len().abs_diff(b.len()) > 2 {
        return false;
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let c = if a[i - 1] == b[j - 1] { 0 } else { 1 };
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + c);
        }
        prev = cur;
    }
    let limit = if b.len() <= 5 { 1 } else { 2 };
    prev[b.len()] <= limit && b.len() > 2
}

/// Visit every expression node (pre-order).
pub fn walk(e: &Expr, f: &mut dyn FnMut(&Expr)) {
    f(e);
    match &e.kind {
        ExprKind::Var(_) | ExprKind::Num(_) | ExprKind::Str(_) | ExprKind::Bool(_) => {}
        ExprKind::App(h, args) => {
            walk(h, f);
            args.iter().for_each(|a| walk(a, f));
        }
        ExprKind::Unary(_, a) | ExprKind::Field(a, _) | ExprKind::Quant(_, _, a) => walk(a, f),
        ExprKind::Binary(_, a, b)
        | ExprKind::Let(_, a, b)
        | ExprKind::LetTuple(_, a, b)
        | ExprKind::When(_, a, b)
        | ExprKind::Rely(a, b)
        | ExprKind::Anno(a, b)
        | ExprKind::MapGet(a, b)
        | ExprKind::RecSet(a, _, b)
        | ExprKind::Update(a, _, b) => {
            walk(a, f);
            walk(b, f);
        }
        ExprKind::If(a, b, c) | ExprKind::MapSet(a, b, c) => {
            walk(a, f);
            walk(b, f);
            walk(c, f);
        }
        ExprKind::Tuple(es) => es.iter().for_each(|a| walk(a, f)),
        ExprKind::Match(s, arms) => {
            walk(s, f);
            arms.iter().for_each(|a| walk(&a.body, f));
        }
    }
}
