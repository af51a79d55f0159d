//! Gallina terms, binders and patterns.
//!
//! Identifiers are checked when a term is built ([`Term::name`] panics on text that is not a
//! (qualified) Coq identifier), so arbitrary text never reaches the printer through a name: an
//! operator, a literal and a comment each have their own node.

/// How a list literal is laid out when it does not fit on one line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListLayout {
    /// Fill: break only before the element that does not fit (long lists of small items).
    Fill,
    /// All or nothing: one line, or one element per line.
    Group,
    /// One element per line, always.
    Lines,
    /// `[`, then the elements one per line indented by two, then `]` on its own line.
    Block,
}

/// A Coq term (types are terms too).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Term {
    /// A (possibly qualified) identifier: a constant, variable, constructor or type.
    Name(String),
    /// A decimal integer literal (in the file's `Z_scope`); printed in parentheses when negative.
    Int(String),
    /// A literal in another scope: `3%nat`.
    Scoped(Box<Term>, &'static str),
    /// A string literal, printed `"…"%string` (a quote inside is doubled).
    Str(String),
    App(Box<Term>, Vec<Term>),
    /// `(a op b)`: an operator of the spec vocabulary, always parenthesised.
    Infix(&'static str, Box<Term>, Box<Term>),
    /// `a op b` without parentheses, for statement connectives (`->`, `=`, `<->`, `/\`); chains of
    /// the same right-associative connective break one operand per line.
    Rel(&'static str, Box<Term>, Box<Term>),
    /// `(op a)`, e.g. `(- x)`, `(~ P)`.
    Prefix(&'static str, Box<Term>),
    Tuple(Vec<Term>),
    /// A product type `(A * B * C)`.
    Product(Vec<Term>),
    List(Vec<Term>, ListLayout),
    /// `{| f1 := t1; f2 := t2 |}`.
    Record(Vec<(String, Term)>),
    /// `t.(f)`.
    Proj(Box<Term>, String),
    Let(Box<Binder>, Box<Term>, Box<Term>),
    /// `let '(a, b) := e in body`.
    LetPat(Pat, Box<Term>, Box<Term>),
    Fun(Vec<Binder>, Box<Term>),
    If(Box<Term>, Box<Term>, Box<Term>),
    Match(Box<Term>, Vec<(Pat, Term)>),
    Forall(Vec<Binder>, Box<Term>),
    Exists(Vec<Binder>, Box<Term>),
    /// `(t : T)`.
    Cast(Box<Term>, Box<Term>),
    /// A term preceded by a comment `(* … *)` on the same line.
    Commented(String, Box<Term>),
}

/// A binder `x` or `(x : T)`; several names may share one type (`(a b : Z)`). An implicit binder
/// prints `{x : T}` (`Context {M : MemOps}`, `Definition f {A : Type} …`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binder {
    pub names: Vec<String>,
    pub ty: Option<Term>,
    pub implicit: bool,
}

/// A pattern of a `match` arm (or of `let '`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pat {
    Wild,
    Var(String),
    /// A constructor applied to patterns.
    Ctor(String, Vec<Pat>),
    Tuple(Vec<Pat>),
    /// A literal pattern: an integer, `3%nat`, a string or a boolean.
    Lit(Box<Term>),
}

/// Whether `s` is a Coq identifier, possibly qualified (`ZMap.get`, `A.B.c`), possibly primed.
pub fn is_ident(s: &str) -> bool {
    !s.is_empty()
        && s.split('.').all(|part| {
            let mut cs = part.chars();
            matches!(cs.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
                && cs.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '\'')
        })
}

/// A decimal literal, possibly negative, or a `0x` hexadecimal one.
fn is_int(s: &str) -> bool {
    if let Some(h) = s.strip_prefix("0x") {
        return !h.is_empty() && h.bytes().all(|b| b.is_ascii_hexdigit());
    }
    let d = s.strip_prefix('-').unwrap_or(s);
    !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())
}

impl Term {
    /// An identifier. Panics (a generator bug) if `s` is not one.
    pub fn name(s: impl Into<String>) -> Term {
        let s = s.into();
        assert!(is_ident(&s), "not a Coq identifier: {s:?}");
        Term::Name(s)
    }

    /// `f a1 … an` (just `f` when there are no arguments).
    pub fn app(f: impl Into<String>, args: Vec<Term>) -> Term {
        Term::app_term(Term::name(f), args)
    }

    /// `t a1 … an` for any head term.
    pub fn app_term(f: Term, args: Vec<Term>) -> Term {
        if args.is_empty() {
            f
        } else {
            Term::App(Box::new(f), args)
        }
    }

    /// An integer literal from its decimal text. Panics if it is not one.
    pub fn int_str(s: impl Into<String>) -> Term {
        let s = s.into();
        assert!(is_int(&s), "not an integer literal: {s:?}");
        Term::Int(s)
    }

    pub fn int(n: i128) -> Term {
        Term::Int(n.to_string())
    }

    /// `n%nat`.
    pub fn nat(n: u64) -> Term {
        Term::Scoped(Box::new(Term::int(n as i128)), "nat")
    }

    pub fn str(s: impl Into<String>) -> Term {
        Term::Str(s.into())
    }

    pub fn bool(b: bool) -> Term {
        Term::name(if b { "true" } else { "false" })
    }

    pub fn some(t: Term) -> Term {
        Term::app("Some", vec![t])
    }

    pub fn none() -> Term {
        Term::name("None")
    }

    pub fn option(o: Option<Term>) -> Term {
        o.map_or_else(Term::none, Term::some)
    }

    pub fn infix(op: &'static str, a: Term, b: Term) -> Term {
        Term::Infix(op, Box::new(a), Box::new(b))
    }

    pub fn rel(op: &'static str, a: Term, b: Term) -> Term {
        Term::Rel(op, Box::new(a), Box::new(b))
    }

    /// `a = b` (unparenthesised).
    pub fn eq(a: Term, b: Term) -> Term {
        Term::rel("=", a, b)
    }

    /// `h1 -> h2 -> … -> concl`.
    pub fn implies(hyps: Vec<Term>, concl: Term) -> Term {
        hyps.into_iter()
            .rev()
            .fold(concl, |acc, h| Term::rel("->", h, acc))
    }

    /// `p1 /\ p2 /\ …` (right-nested, unparenthesised); `True` when empty.
    pub fn and(ps: Vec<Term>) -> Term {
        let mut it = ps.into_iter().rev();
        match it.next() {
            None => Term::name("True"),
            Some(last) => it.fold(last, |acc, p| Term::rel("/\\", p, acc)),
        }
    }

    /// `(p1 /\ (p2 /\ …))` with the spec vocabulary's parenthesised form; `True` when empty.
    pub fn conj(ps: Vec<Term>) -> Term {
        let mut it = ps.into_iter().rev();
        match it.next() {
            None => Term::name("True"),
            Some(last) => it.fold(last, |acc, p| Term::infix("/\\", p, acc)),
        }
    }

    pub fn tuple(ts: Vec<Term>) -> Term {
        Term::Tuple(ts)
    }

    pub fn list(ts: Vec<Term>) -> Term {
        Term::List(ts, ListLayout::Fill)
    }

    pub fn let_(x: impl Into<String>, e: Term, body: Term) -> Term {
        Term::Let(Box::new(Binder::untyped(x)), Box::new(e), Box::new(body))
    }

    pub fn if_(c: Term, a: Term, b: Term) -> Term {
        Term::If(Box::new(c), Box::new(a), Box::new(b))
    }

    pub fn match_(e: Term, arms: Vec<(Pat, Term)>) -> Term {
        Term::Match(Box::new(e), arms)
    }

    pub fn fun(bs: Vec<Binder>, body: Term) -> Term {
        Term::Fun(bs, Box::new(body))
    }

    pub fn forall(bs: Vec<Binder>, body: Term) -> Term {
        if bs.is_empty() {
            body
        } else {
            Term::Forall(bs, Box::new(body))
        }
    }

    pub fn exists(bs: Vec<Binder>, body: Term) -> Term {
        if bs.is_empty() {
            body
        } else {
            Term::Exists(bs, Box::new(body))
        }
    }

    pub fn proj(t: Term, f: impl Into<String>) -> Term {
        let f = f.into();
        assert!(is_ident(&f), "not a field name: {f:?}");
        Term::Proj(Box::new(t), f)
    }

    pub fn commented(c: impl Into<String>, t: Term) -> Term {
        Term::Commented(c.into(), Box::new(t))
    }

    /// `match e with Some p => k | None => None end`: the option bind of specs.
    pub fn bind(e: Term, p: Pat, k: Term) -> Term {
        Term::match_(
            e,
            vec![
                (Pat::ctor("Some", vec![p]), k),
                (Pat::ctor("None", vec![]), Term::none()),
            ],
        )
    }

    /// Whether a string literal occurs in the term (a file that prints one needs `String`).
    pub fn uses_strings(&self) -> bool {
        match self {
            Term::Str(_) => true,
            Term::Name(_) | Term::Int(_) => false,
            Term::Scoped(t, _) | Term::Prefix(_, t) | Term::Proj(t, _) | Term::Commented(_, t) => {
                t.uses_strings()
            }
            Term::App(f, args) => f.uses_strings() || args.iter().any(Term::uses_strings),
            Term::Infix(_, a, b) | Term::Rel(_, a, b) | Term::Cast(a, b) => {
                a.uses_strings() || b.uses_strings()
            }
            Term::Tuple(ts) | Term::Product(ts) | Term::List(ts, _) => {
                ts.iter().any(Term::uses_strings)
            }
            Term::Record(fs) => fs.iter().any(|(_, t)| t.uses_strings()),
            Term::Let(_, e, b) | Term::LetPat(_, e, b) => e.uses_strings() || b.uses_strings(),
            Term::Fun(_, b) | Term::Forall(_, b) | Term::Exists(_, b) => b.uses_strings(),
            Term::If(c, a, b) => c.uses_strings() || a.uses_strings() || b.uses_strings(),
            Term::Match(e, arms) => e.uses_strings() || arms.iter().any(|(_, t)| t.uses_strings()),
        }
    }

    /// `A -> B` as a type.
    pub fn arrow(a: Term, b: Term) -> Term {
        Term::rel("->", a, b)
    }
}

impl Binder {
    pub fn untyped(x: impl Into<String>) -> Binder {
        Binder {
            names: vec![x.into()],
            ty: None,
            implicit: false,
        }
    }

    pub fn typed(x: impl Into<String>, ty: Term) -> Binder {
        Binder {
            names: vec![x.into()],
            ty: Some(ty),
            implicit: false,
        }
    }

    /// Several names of one type: `(a b c : T)`.
    pub fn group(xs: Vec<String>, ty: Term) -> Binder {
        Binder {
            names: xs,
            ty: Some(ty),
            implicit: false,
        }
    }

    /// An implicit binder `{x : T}` (inferred or resolved as an instance at use sites).
    pub fn implicit(x: impl Into<String>, ty: Term) -> Binder {
        Binder {
            names: vec![x.into()],
            ty: Some(ty),
            implicit: true,
        }
    }
}

impl Pat {
    pub fn var(x: impl Into<String>) -> Pat {
        Pat::Var(x.into())
    }

    pub fn ctor(c: impl Into<String>, args: Vec<Pat>) -> Pat {
        let c = c.into();
        assert!(is_ident(&c), "not a constructor name: {c:?}");
        Pat::Ctor(c, args)
    }

    pub fn some(p: Pat) -> Pat {
        Pat::ctor("Some", vec![p])
    }

    pub fn tuple(ps: Vec<Pat>) -> Pat {
        Pat::Tuple(ps)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers() {
        for ok in ["x", "ZMap.get", "_3", "a'b", "v_0", "A.B.c'"] {
            assert!(is_ident(ok), "{ok}");
        }
        for bad in ["", "3x", "a b", "(x)", "a..b", "x%nat", "a.", "'a"] {
            assert!(!is_ident(bad), "{bad}");
        }
    }

    #[test]
    #[should_panic(expected = "not a Coq identifier")]
    fn names_are_checked() {
        let _ = Term::name("f x");
    }
}
