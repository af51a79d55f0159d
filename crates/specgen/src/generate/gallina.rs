//! A small typed-enough AST of Gallina terms (what generated specs, statements and definitions are
//! made of) and its Wadler-style layout with the `pretty` crate. Code models are printed by
//! `ir2coq::syntax`; this covers the spec side (let/match/if/fun/quantifiers).

use pretty::RcDoc;

/// Width the printer aims for.
pub const WIDTH: usize = 100;

/// A pattern of a `match` arm.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pat {
    Wild,
    Var(String),
    /// Constructor (or literal written as an atom, e.g. `1%nat`, `true`) applied to patterns.
    Ctor(String, Vec<Pat>),
    Tuple(Vec<Pat>),
}

/// A binder `x` or `(x : T)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binder {
    pub name: String,
    pub ty: Option<String>,
}

impl Binder {
    pub fn new(name: impl Into<String>, ty: Option<String>) -> Binder {
        Binder {
            name: name.into(),
            ty,
        }
    }
    pub fn typed(name: impl Into<String>, ty: impl Into<String>) -> Binder {
        Binder {
            name: name.into(),
            ty: Some(ty.into()),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum T {
    /// An identifier, literal or any already-atomic text.
    Atom(String),
    App(Box<T>, Vec<T>),
    /// `(a op b)`.
    Infix(String, Box<T>, Box<T>),
    /// `(op a)`, e.g. `(- x)`.
    Prefix(String, Box<T>),
    Tuple(Vec<T>),
    Let(Binder, Box<T>, Box<T>),
    /// `let '(a, b) := e in body`.
    LetPat(Pat, Box<T>, Box<T>),
    Fun(Vec<Binder>, Box<T>),
    If(Box<T>, Box<T>, Box<T>),
    Match(Box<T>, Vec<(Pat, T)>),
    Forall(Vec<Binder>, Box<T>),
    Exists(Vec<Binder>, Box<T>),
    /// A list literal `[a; b]`.
    List(Vec<T>),
}

pub fn atom(s: impl Into<String>) -> T {
    T::Atom(s.into())
}

pub fn app(f: impl Into<String>, args: Vec<T>) -> T {
    if args.is_empty() {
        T::Atom(f.into())
    } else {
        T::App(Box::new(T::Atom(f.into())), args)
    }
}

pub fn infix(op: &str, a: T, b: T) -> T {
    T::Infix(op.to_string(), Box::new(a), Box::new(b))
}

pub fn let_(x: impl Into<String>, e: T, body: T) -> T {
    T::Let(Binder::new(x, None), Box::new(e), Box::new(body))
}

pub fn if_(c: T, a: T, b: T) -> T {
    T::If(Box::new(c), Box::new(a), Box::new(b))
}

pub fn match_(e: T, arms: Vec<(Pat, T)>) -> T {
    T::Match(Box::new(e), arms)
}

pub fn some(e: T) -> T {
    app("Some", vec![e])
}

pub fn none() -> T {
    atom("None")
}

/// `match e with Some p => k | None => None end`.
pub fn bind(e: T, p: Pat, k: T) -> T {
    match_(
        e,
        vec![
            (Pat::Ctor("Some".into(), vec![p]), k),
            (Pat::Ctor("None".into(), vec![]), none()),
        ],
    )
}

/// A Z literal (parenthesised when negative).
pub fn z(n: impl std::fmt::Display) -> T {
    let s = n.to_string();
    if s.starts_with('-') {
        atom(format!("({s})"))
    } else {
        atom(s)
    }
}

pub fn nat(n: usize) -> T {
    atom(format!("{n}%nat"))
}

pub fn conj(ps: Vec<T>) -> T {
    let mut it = ps.into_iter().rev();
    match it.next() {
        None => atom("True"),
        Some(last) => it.fold(last, |acc, p| infix("/\\", p, acc)),
    }
}

impl Pat {
    fn doc(&self, arg: bool) -> RcDoc<'static, ()> {
        match self {
            Pat::Wild => RcDoc::text("_"),
            Pat::Var(v) => RcDoc::text(v.clone()),
            Pat::Ctor(c, ps) if ps.is_empty() => RcDoc::text(c.clone()),
            Pat::Ctor(c, ps) => {
                let d = RcDoc::text(c.clone()).append(RcDoc::concat(
                    ps.iter().map(|p| RcDoc::space().append(p.doc(true))),
                ));
                if arg {
                    RcDoc::text("(").append(d).append(")")
                } else {
                    d
                }
            }
            Pat::Tuple(ps) => RcDoc::text("(")
                .append(RcDoc::intersperse(
                    ps.iter().map(|p| p.doc(false)),
                    RcDoc::text(", "),
                ))
                .append(")"),
        }
    }
    pub fn render(&self) -> String {
        let mut w = Vec::new();
        let _ = self.doc(false).render(WIDTH, &mut w);
        String::from_utf8(w).unwrap_or_default()
    }
}

fn binders(bs: &[Binder]) -> RcDoc<'static, ()> {
    RcDoc::intersperse(
        bs.iter().map(|b| match &b.ty {
            None => RcDoc::text(b.name.clone()),
            Some(t) => RcDoc::text(format!("({} : {t})", b.name)),
        }),
        RcDoc::line(),
    )
    .group()
}

impl T {
    /// Atomic when printed (no parentheses needed as an argument).
    fn is_atomic(&self) -> bool {
        match self {
            T::Atom(s) => !s.contains(' ') || (s.starts_with('(') && s.ends_with(')')),
            T::Infix(..) | T::Prefix(..) | T::Tuple(_) | T::List(_) => true,
            _ => false,
        }
    }

    /// Binds "open to the right" (`let`, `fun`, `if`, `match` is closed by `end` but keep it simple).
    fn is_open(&self) -> bool {
        matches!(
            self,
            T::Let(..) | T::LetPat(..) | T::Fun(..) | T::If(..) | T::Forall(..) | T::Exists(..)
        )
    }

    fn arg_doc(&self) -> RcDoc<'static, ()> {
        if self.is_atomic() {
            self.doc()
        } else {
            RcDoc::text("(").append(self.doc().nest(1)).append(")")
        }
    }

    /// Operand of an infix operator: applications need no parentheses.
    fn operand_doc(&self) -> RcDoc<'static, ()> {
        if self.is_atomic() || matches!(self, T::App(..)) {
            self.doc()
        } else {
            RcDoc::text("(").append(self.doc().nest(1)).append(")")
        }
    }

    /// In a position followed by a keyword (`then … else`, `:= … in`).
    fn inner_doc(&self) -> RcDoc<'static, ()> {
        if self.is_open() {
            RcDoc::text("(").append(self.doc().nest(1)).append(")")
        } else {
            self.doc()
        }
    }

    pub fn doc(&self) -> RcDoc<'static, ()> {
        match self {
            T::Atom(s) => RcDoc::text(s.clone()),
            T::App(f, args) => f
                .arg_doc()
                .append(
                    RcDoc::concat(args.iter().map(|a| RcDoc::line().append(a.arg_doc()))).nest(2),
                )
                .group(),
            T::Infix(op, a, b) => RcDoc::text("(")
                .append(
                    a.operand_doc()
                        .append(RcDoc::line())
                        .append(RcDoc::text(op.clone()))
                        .append(RcDoc::space())
                        .append(b.operand_doc())
                        .nest(1)
                        .group(),
                )
                .append(")"),
            T::Prefix(op, a) => RcDoc::text(format!("({op} "))
                .append(a.operand_doc())
                .append(")"),
            T::Tuple(ts) => RcDoc::text("(")
                .append(
                    RcDoc::intersperse(
                        ts.iter().map(|t| t.inner_doc()),
                        RcDoc::text(",").append(RcDoc::line()),
                    )
                    .nest(1)
                    .group(),
                )
                .append(")"),
            T::List(ts) => RcDoc::text("[")
                .append(
                    RcDoc::intersperse(
                        ts.iter().map(|t| t.inner_doc()),
                        RcDoc::text(";").append(RcDoc::line()),
                    )
                    .nest(1)
                    .group(),
                )
                .append("]"),
            T::Let(b, e, body) => {
                let head = match &b.ty {
                    None => format!("let {} :=", b.name),
                    Some(t) => format!("let {} : {t} :=", b.name),
                };
                RcDoc::text(head)
                    .append(RcDoc::line().append(e.inner_doc()).nest(2))
                    .append(RcDoc::line())
                    .append("in")
                    .group()
                    .append(RcDoc::hardline())
                    .append(body.doc())
            }
            T::LetPat(p, e, body) => RcDoc::text(format!("let '{} :=", p.render()))
                .append(RcDoc::line().append(e.inner_doc()).nest(2))
                .append(RcDoc::line())
                .append("in")
                .group()
                .append(RcDoc::hardline())
                .append(body.doc()),
            T::Fun(bs, body) => RcDoc::text("fun ")
                .append(binders(bs))
                .append(" =>")
                .append(RcDoc::line().append(body.doc()).nest(2))
                .group(),
            T::If(c, a, b) => RcDoc::text("if ")
                .append(c.inner_doc().nest(3))
                .append(RcDoc::line())
                .append("then")
                .append(RcDoc::line().append(a.inner_doc()).nest(2))
                .append(RcDoc::line())
                .append("else")
                .append(RcDoc::line().append(b.doc()).nest(2))
                .group(),
            T::Match(e, arms) => RcDoc::text("match ")
                .append(e.inner_doc().nest(6))
                .append(" with")
                .append(RcDoc::concat(arms.iter().map(|(p, b)| {
                    RcDoc::hardline()
                        .append("| ")
                        .append(p.doc(false))
                        .append(" =>")
                        .append(RcDoc::line().append(b.doc()).nest(4).group())
                })))
                .append(RcDoc::hardline())
                .append("end"),
            T::Forall(bs, body) | T::Exists(bs, body) => {
                let q = if matches!(self, T::Forall(..)) {
                    "forall "
                } else {
                    "exists "
                };
                RcDoc::text(q)
                    .append(binders(bs))
                    .append(",")
                    .append(RcDoc::line().append(body.doc()).nest(2))
                    .group()
            }
        }
    }

    pub fn render(&self) -> String {
        let mut w = Vec::new();
        let _ = self.doc().render(WIDTH, &mut w);
        String::from_utf8(w).unwrap_or_default()
    }

    /// Rendered and indented by `n` columns after every newline.
    pub fn render_indented(&self, n: usize) -> String {
        let pad = " ".repeat(n);
        self.render().replace('\n', &format!("\n{pad}"))
    }
}

/// `Definition name (b1) (b2) : ret :=\n  body.`
pub fn definition(kw: &str, name: &str, params: &[Binder], ret: Option<&str>, body: &T) -> String {
    let mut s = format!("{kw} {name}");
    for b in params {
        match &b.ty {
            Some(t) => s.push_str(&format!(" ({} : {t})", b.name)),
            None => s.push_str(&format!(" {}", b.name)),
        }
    }
    if let Some(r) = ret {
        s.push_str(&format!(" : {r}"));
    }
    s.push_str(" :=\n  ");
    s.push_str(&body.render_indented(2));
    s.push_str(".\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_of_binds_and_lets() {
        let t = let_(
            "x",
            infix("+", atom("a"), z(-1)),
            bind(
                app("f", vec![atom("x"), atom("st")]),
                Pat::Tuple(vec![Pat::Var("r".into()), Pat::Var("st".into())]),
                some(T::Tuple(vec![atom("r"), atom("st")])),
            ),
        );
        let s = t.render();
        assert!(
            s.starts_with("let x := (a + (-1)) in\nmatch f x st with"),
            "{s}"
        );
        assert!(s.contains("| Some (r, st) =>"), "{s}");
        assert!(s.ends_with("end"), "{s}");
    }

    #[test]
    fn open_terms_are_parenthesised_inside() {
        let t = if_(
            atom("c"),
            let_("x", z(1), atom("x")),
            let_("y", z(2), atom("y")),
        );
        let s = t.render();
        assert!(s.contains("(let x := 1 in"), "{s}");
        assert!(s.contains("else\n  let y := 2 in"), "{s}");
        let a = app(
            "f",
            vec![T::Fun(vec![Binder::new("x", None)], Box::new(atom("x")))],
        );
        assert_eq!(a.render(), "f (fun x => x)");
    }
}
