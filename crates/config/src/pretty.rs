//! Printing the AST back to source (round-trips through the parser) and a canonical,
//! span-free S-expression dump (golden tests, structural comparison).

use super::ast::*;
use std::fmt::Write as _;

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

pub fn type_src(t: &TypeExpr) -> String {
    fn go(t: &TypeExpr, prec: u8) -> String {
        match &t.kind {
            TypeExprKind::Name(n) => n.clone(),
            TypeExprKind::App(c, a) => {
                let s = format!("{c} {}", go(a, 2));
                if prec >= 2 {
                    format!("({s})")
                } else {
                    s
                }
            }
            TypeExprKind::Tuple(ts) => format!(
                "({})",
                ts.iter().map(|t| go(t, 1)).collect::<Vec<_>>().join(" * ")
            ),
            TypeExprKind::Arrow(a, b) => {
                let s = format!("{} -> {}", go(a, 1), go(b, 0));
                if prec >= 1 {
                    format!("({s})")
                } else {
                    s
                }
            }
        }
    }
    go(t, 0)
}

fn is_atomic(e: &Expr) -> bool {
    matches!(
        e.kind,
        ExprKind::Var(_)
            | ExprKind::Num(_)
            | ExprKind::Str(_)
            | ExprKind::Bool(_)
            | ExprKind::Tuple(_)
            | ExprKind::Unary(..)
            | ExprKind::Field(..)
    )
}

fn atom(e: &Expr) -> String {
    if is_atomic(e) {
        expr_src(e)
    } else {
        format!("({})", expr_src(e))
    }
}

/// Operand of an infix operator: applications need no parentheses.
fn operand(e: &Expr) -> String {
    if is_atomic(e) || matches!(e.kind, ExprKind::App(..)) {
        expr_src(e)
    } else {
        format!("({})", expr_src(e))
    }
}

fn pat_src(p: &Pattern, arg: bool) -> String {
    match &p.kind {
        PatKind::Wild => "_".into(),
        PatKind::Var(v) => v.clone(),
        PatKind::Num(n) => n.to_string(),
        PatKind::Str(s) => quote(s),
        PatKind::Bool(b) => b.to_string(),
        PatKind::Tuple(ps) => format!(
            "({})",
            ps.iter()
                .map(|p| pat_src(p, false))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        PatKind::Ctor(c, args) => {
            if args.is_empty() {
                return c.name.clone();
            }
            let s = format!(
                "{} {}",
                c.name,
                args.iter()
                    .map(|p| pat_src(p, true))
                    .collect::<Vec<_>>()
                    .join(" ")
            );
            if arg {
                format!("({s})")
            } else {
                s
            }
        }
    }
}

fn names(v: &[Ident]) -> String {
    v.iter()
        .map(|i| i.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Source text of an expression (one line).
pub fn expr_src(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Var(v) => v.clone(),
        ExprKind::Num(n) => n.to_string(),
        ExprKind::Str(s) => quote(s),
        ExprKind::Bool(b) => b.to_string(),
        ExprKind::App(f, args) => {
            let mut s = atom(f);
            for a in args {
                s.push(' ');
                s.push_str(&atom(a));
            }
            s
        }
        ExprKind::Unary(op, a) => {
            let o = match op {
                UnOp::Neg => "-",
                UnOp::Not => "~",
                UnOp::BNot => "!",
            };
            format!("({o} {})", expr_src(a))
        }
        ExprKind::Binary(op, a, b) => {
            format!("{} {} {}", operand(a), op.symbol(), operand(b))
        }
        ExprKind::Tuple(es) => format!(
            "({})",
            es.iter().map(expr_src).collect::<Vec<_>>().join(", ")
        ),
        ExprKind::Let(b, v, body) => {
            let ty =
                b.ty.as_ref()
                    .map(|t| format!(" : {}", type_src(t)))
                    .unwrap_or_default();
            format!(
                "let {}{ty} := {} in {}",
                b.name.name,
                expr_src(v),
                expr_src(body)
            )
        }
        ExprKind::LetTuple(ns, v, body) => {
            format!(
                "let ({}) := {} in {}",
                names(ns),
                expr_src(v),
                expr_src(body)
            )
        }
        ExprKind::When(ns, v, body) => {
            format!("when {} == {}; {}", names(ns), expr_src(v), expr_src(body))
        }
        ExprKind::Match(s, arms) => {
            let mut out = format!("match {} with", expr_src(s));
            for a in arms {
                let _ = write!(
                    out,
                    " | {} => {}",
                    pat_src(&a.pat, false),
                    expr_src(&a.body)
                );
            }
            out.push_str(" end");
            out
        }
        ExprKind::Rely(p, b) => format!("rely {}; {}", expr_src(p), expr_src(b)),
        ExprKind::Anno(p, b) => format!("anno {}; {}", expr_src(p), expr_src(b)),
        ExprKind::If(c, a, b) => format!(
            "if {} then {} else {}",
            expr_src(c),
            expr_src(a),
            expr_src(b)
        ),
        ExprKind::Field(r, f) => format!("{}.({})", atom(r), f.name),
        ExprKind::MapGet(m, k) => format!("{} @ {}", operand(m), operand(k)),
        ExprKind::MapSet(m, k, v) => {
            format!("{} # {} == {}", operand(m), expr_src(k), operand(v))
        }
        ExprKind::RecSet(r, f, v) => format!("{} {{{} : {}}}", operand(r), f.name, expr_src(v)),
        ExprKind::Update(r, path, v) => {
            let mut s = atom(r);
            for f in path {
                let _ = write!(s, ".[{}]", f.name);
            }
            let _ = write!(s, " :< {}", operand(v));
            s
        }
        ExprKind::Quant(q, bs, body) => {
            let kw = match q {
                Quant::Exists => "exists",
                Quant::Forall => "forall",
            };
            let bs: Vec<String> = bs
                .iter()
                .map(|b| match &b.ty {
                    Some(t) => format!("({} : {})", b.name.name, type_src(t)),
                    None => b.name.name.clone(),
                })
                .collect();
            format!("{kw} {}, {}", bs.join(" "), expr_src(body))
        }
    }
}

fn params_src(ps: &[Param]) -> String {
    ps.iter()
        .map(|p| format!(" ({} : {})", p.name.name, type_src(&p.ty)))
        .collect()
}

/// Source text of one declaration.
pub fn item_src(it: &Item) -> String {
    match &it.kind {
        ItemKind::Include(p) => format!("Include {}.", quote(p)),
        ItemKind::Require { lib, modules } => format!(
            "From {} Require Import {}.",
            lib.name,
            modules
                .iter()
                .map(|m| m.name.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        ),
        ItemKind::Section(n) => format!("Section {}.", n.name),
        ItemKind::End(n) => format!("End {}.", n.name),
        ItemKind::Record { name, ctor, fields } => {
            let fs: Vec<String> = fields
                .iter()
                .map(|f| format!("{} : {}", f.name.name, type_src(&f.ty)))
                .collect();
            format!(
                "Record {} := {} {{ {} }}.",
                name.name,
                ctor.name,
                fs.join("; ")
            )
        }
        ItemKind::Inductive { name, ctors } => {
            let cs: Vec<String> = ctors
                .iter()
                .map(|c| format!("| {}{}", c.name.name, params_src(&c.args)))
                .collect();
            format!("Inductive {} := {}.", name.name, cs.join(" "))
        }
        ItemKind::Typedef { name, ty } => {
            format!("Definition {} := {}.", name.name, type_src(ty))
        }
        ItemKind::Definition {
            name,
            params,
            ret,
            body,
            fixpoint,
        } => {
            let kw = if *fixpoint { "Fixpoint" } else { "Definition" };
            let ret = ret
                .as_ref()
                .map(|t| format!(" : {}", type_src(t)))
                .unwrap_or_default();
            let mut b = expr_src(body);
            // `Definition N := Z …` would read back as a type definition
            let first = b
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.' || c == '\''))
                .next()
                .unwrap_or("");
            if params.is_empty()
                && ret.is_empty()
                && !*fixpoint
                && [
                    "Z", "bool", "Prop", "string", "nat", "Type", "list", "option", "ZMap.t",
                ]
                .contains(&first)
            {
                b = format!("({b})");
            }
            format!("{kw} {}{}{ret} := {b}.", name.name, params_src(params))
        }
        ItemKind::Parameter { name, ty } => {
            format!("Parameter {} : {}.", name.name, type_src(ty))
        }
        ItemKind::Hint { kind, names } => format!(
            "Hint {} {}.",
            kind.name,
            names
                .iter()
                .map(|n| n.name.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        ),
    }
}

/// Source text of a whole file.
pub fn items_src(items: &[Item]) -> String {
    items.iter().map(|i| item_src(i) + "\n").collect()
}

// ------------------------------------------------------------------ S-expression dump

pub fn type_dump(t: &TypeExpr) -> String {
    match &t.kind {
        TypeExprKind::Name(n) => n.clone(),
        TypeExprKind::App(c, a) => format!("({c} {})", type_dump(a)),
        TypeExprKind::Tuple(ts) => format!(
            "(* {})",
            ts.iter().map(type_dump).collect::<Vec<_>>().join(" ")
        ),
        TypeExprKind::Arrow(a, b) => format!("(-> {} {})", type_dump(a), type_dump(b)),
    }
}

fn pat_dump(p: &Pattern) -> String {
    match &p.kind {
        PatKind::Wild => "_".into(),
        PatKind::Var(v) => v.clone(),
        PatKind::Num(n) => n.to_string(),
        PatKind::Str(s) => format!("{s:?}"),
        PatKind::Bool(b) => b.to_string(),
        PatKind::Tuple(ps) => format!(
            "(tuple {})",
            ps.iter().map(pat_dump).collect::<Vec<_>>().join(" ")
        ),
        PatKind::Ctor(c, ps) => {
            let mut s = format!("({}", c.name);
            for p in ps {
                s.push(' ');
                s.push_str(&pat_dump(p));
            }
            s + ")"
        }
    }
}

fn ids(v: &[Ident]) -> String {
    v.iter()
        .map(|i| i.name.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Canonical dump of an expression.
pub fn expr_dump(e: &Expr) -> String {
    let d = expr_dump;
    match &e.kind {
        ExprKind::Var(v) => v.clone(),
        ExprKind::Num(n) => n.to_string(),
        ExprKind::Str(s) => format!("{s:?}"),
        ExprKind::Bool(b) => b.to_string(),
        ExprKind::App(f, args) => format!(
            "(app {} {})",
            d(f),
            args.iter().map(d).collect::<Vec<_>>().join(" ")
        ),
        ExprKind::Unary(op, a) => format!("({op:?} {})", d(a)),
        ExprKind::Binary(op, a, b) => format!("({} {} {})", op.symbol(), d(a), d(b)),
        ExprKind::Tuple(es) => {
            format!("(tuple {})", es.iter().map(d).collect::<Vec<_>>().join(" "))
        }
        ExprKind::Let(b, v, body) => {
            let ty =
                b.ty.as_ref()
                    .map(|t| format!(" : {}", type_dump(t)))
                    .unwrap_or_default();
            format!("(let {}{ty} {} {})", b.name.name, d(v), d(body))
        }
        ExprKind::LetTuple(ns, v, body) => format!("(let ({}) {} {})", ids(ns), d(v), d(body)),
        ExprKind::When(ns, v, body) => format!("(when ({}) {} {})", ids(ns), d(v), d(body)),
        ExprKind::Match(s, arms) => {
            let mut out = format!("(match {}", d(s));
            for a in arms {
                let _ = write!(out, " [{} {}]", pat_dump(&a.pat), d(&a.body));
            }
            out + ")"
        }
        ExprKind::Rely(p, b) => format!("(rely {} {})", d(p), d(b)),
        ExprKind::Anno(p, b) => format!("(anno {} {})", d(p), d(b)),
        ExprKind::If(c, a, b) => format!("(if {} {} {})", d(c), d(a), d(b)),
        ExprKind::Field(r, f) => format!("(get {} {})", d(r), f.name),
        ExprKind::MapGet(m, k) => format!("(@ {} {})", d(m), d(k)),
        ExprKind::MapSet(m, k, v) => format!("(# {} {} {})", d(m), d(k), d(v)),
        ExprKind::RecSet(r, f, v) => format!("(set {} {} {})", d(r), f.name, d(v)),
        ExprKind::Update(r, p, v) => format!("(update {} ({}) {})", d(r), ids(p), d(v)),
        ExprKind::Quant(q, bs, body) => {
            let bs: Vec<String> = bs
                .iter()
                .map(|b| match &b.ty {
                    Some(t) => format!("({} {})", b.name.name, type_dump(t)),
                    None => b.name.name.clone(),
                })
                .collect();
            format!("({q:?} ({}) {})", bs.join(" "), d(body))
        }
    }
}

fn params_dump(ps: &[Param]) -> String {
    ps.iter()
        .map(|p| format!("({} {})", p.name.name, type_dump(&p.ty)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Canonical dump of a declaration.
pub fn item_dump(it: &Item) -> String {
    match &it.kind {
        ItemKind::Include(p) => format!("(Include {p:?})"),
        ItemKind::Require { lib, modules } => format!("(Require {} {})", lib.name, ids(modules)),
        ItemKind::Section(n) => format!("(Section {})", n.name),
        ItemKind::End(n) => format!("(End {})", n.name),
        ItemKind::Record { name, ctor, fields } => format!(
            "(Record {} {} {})",
            name.name,
            ctor.name,
            fields
                .iter()
                .map(|f| format!("({} {})", f.name.name, type_dump(&f.ty)))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        ItemKind::Inductive { name, ctors } => format!(
            "(Inductive {} {})",
            name.name,
            ctors
                .iter()
                .map(|c| if c.args.is_empty() {
                    format!("({})", c.name.name)
                } else {
                    format!("({} {})", c.name.name, params_dump(&c.args))
                })
                .collect::<Vec<_>>()
                .join(" ")
        ),
        ItemKind::Typedef { name, ty } => format!("(Typedef {} {})", name.name, type_dump(ty)),
        ItemKind::Definition {
            name,
            params,
            ret,
            body,
            fixpoint,
        } => format!(
            "({} {} ({}) {} {})",
            if *fixpoint { "Fixpoint" } else { "Definition" },
            name.name,
            params_dump(params),
            ret.as_ref().map(type_dump).unwrap_or_else(|| "_".into()),
            expr_dump(body)
        ),
        ItemKind::Parameter { name, ty } => format!("(Parameter {} {})", name.name, type_dump(ty)),
        ItemKind::Hint { kind, names } => format!("(Hint {} {})", kind.name, ids(names)),
    }
}

pub fn items_dump(items: &[Item]) -> String {
    items.iter().map(|i| item_dump(i) + "\n").collect()
}
