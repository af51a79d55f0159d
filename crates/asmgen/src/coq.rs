//! A small typed Coq AST and its Wadler-style pretty printer (the `pretty` crate).

use pretty::RcDoc;

/// Coq terms, as much as asmgen emits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Term {
    /// An identifier (constructor, constant, variable).
    Var(String),
    /// A `Z` literal (negative values are parenthesised).
    Z(i128),
    /// A `string` literal (`"..."%string`).
    Str(String),
    App(Box<Term>, Vec<Term>),
    /// `[a; b; c]` (ListNotations).
    List(Vec<Term>),
    /// `fun x => body`.
    Fun(String, Box<Term>),
    /// `forall (x : T) ..., body`.
    Forall(Vec<(String, Term)>, Box<Term>),
    /// A binary operator, printed infix: `->`, `=`.
    Infix(&'static str, Box<Term>, Box<Term>),
    /// A term preceded by a comment.
    Commented(String, Box<Term>),
}

impl Term {
    pub fn var(s: impl Into<String>) -> Term {
        Term::Var(s.into())
    }
    pub fn app(f: impl Into<String>, args: Vec<Term>) -> Term {
        if args.is_empty() {
            Term::Var(f.into())
        } else {
            Term::App(Box::new(Term::Var(f.into())), args)
        }
    }
    pub fn bool(b: bool) -> Term {
        Term::var(if b { "true" } else { "false" })
    }
    pub fn option(o: Option<Term>) -> Term {
        match o {
            Some(t) => Term::app("Some", vec![t]),
            None => Term::var("None"),
        }
    }
    pub fn infix(op: &'static str, l: Term, r: Term) -> Term {
        Term::Infix(op, Box::new(l), Box::new(r))
    }
    fn is_atomic(&self) -> bool {
        match self {
            Term::Var(_) | Term::Str(_) | Term::List(_) => true,
            Term::Z(_) => true,
            Term::Commented(_, t) => t.is_atomic(),
            _ => false,
        }
    }
}

/// Top-level Coq sentences.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sentence {
    Comment(String),
    /// A fixed line of vernacular (Require, Import, Open Scope, Section, ...).
    Vernac(String),
    Definition {
        name: String,
        params: Vec<(String, Term)>,
        ty: Option<Term>,
        body: Term,
    },
    Theorem {
        name: String,
        stmt: Term,
        proof: Vec<String>,
    },
}

fn comment_text(c: &str) -> String {
    // Coq comments nest; keep them balanced and readable.
    c.replace("(*", "( *").replace("*)", "* )")
}

fn doc(t: &Term) -> RcDoc<'static, ()> {
    match t {
        Term::Var(s) => RcDoc::text(s.clone()),
        Term::Z(v) => {
            if *v < 0 {
                RcDoc::text(format!("({v})"))
            } else {
                RcDoc::text(v.to_string())
            }
        }
        Term::Str(s) => RcDoc::text(format!("\"{}\"%string", s.replace('"', "\"\""))),
        Term::App(f, args) => {
            let mut d = arg_doc(f);
            for a in args {
                d = d.append(RcDoc::line()).append(arg_doc(a));
            }
            d.nest(2).group()
        }
        Term::List(items) => {
            if items.is_empty() {
                return RcDoc::text("[]");
            }
            RcDoc::text("[")
                .append(
                    RcDoc::line_()
                        .append(RcDoc::intersperse(
                            items.iter().map(doc),
                            RcDoc::text(";").append(RcDoc::line()),
                        ))
                        .nest(2),
                )
                .append(RcDoc::line_())
                .append(RcDoc::text("]"))
                .group()
        }
        Term::Fun(x, b) => RcDoc::text(format!("fun {x} =>"))
            .append(RcDoc::line().append(doc(b)).nest(2))
            .group(),
        Term::Forall(bs, b) => {
            let mut d = RcDoc::text("forall");
            for (x, ty) in bs {
                d = d
                    .append(RcDoc::text(" ("))
                    .append(RcDoc::text(x.clone()))
                    .append(RcDoc::text(" : "))
                    .append(doc(ty))
                    .append(RcDoc::text(")"));
            }
            d.append(RcDoc::text(","))
                .append(RcDoc::line().append(doc(b)).nest(2))
                .group()
        }
        Term::Infix(op, l, r) => infix_arg(l)
            .append(RcDoc::line())
            .append(RcDoc::text(*op))
            .append(RcDoc::text(" "))
            .append(if *op == "->" { doc(r) } else { infix_arg(r) })
            .group(),
        Term::Commented(c, t) => RcDoc::text(format!("(* {} *)", comment_text(c)))
            .append(RcDoc::line())
            .append(doc(t))
            .group(),
    }
}

/// Operands of `=`/`->`: applications bind tighter and need no parentheses.
fn infix_arg(t: &Term) -> RcDoc<'static, ()> {
    match t {
        Term::App(..) => doc(t),
        _ => arg_doc(t),
    }
}

fn arg_doc(t: &Term) -> RcDoc<'static, ()> {
    if t.is_atomic() {
        doc(t)
    } else {
        RcDoc::text("(").append(doc(t)).append(RcDoc::text(")"))
    }
}

fn sentence_doc(s: &Sentence) -> RcDoc<'static, ()> {
    match s {
        Sentence::Comment(c) => RcDoc::text(format!("(* {} *)", comment_text(c))),
        Sentence::Vernac(v) => RcDoc::text(v.clone()),
        Sentence::Definition {
            name,
            params,
            ty,
            body,
        } => {
            let mut d = RcDoc::text(format!("Definition {name}"));
            for (x, t) in params {
                d = d
                    .append(RcDoc::text(format!(" ({x} : ")))
                    .append(doc(t))
                    .append(RcDoc::text(")"));
            }
            if let Some(t) = ty {
                d = d.append(RcDoc::text(" : ")).append(doc(t));
            }
            d.append(RcDoc::text(" :="))
                .append(RcDoc::line().append(doc(body)).nest(2))
                .append(RcDoc::text("."))
                .group()
        }
        Sentence::Theorem { name, stmt, proof } => RcDoc::text(format!("Theorem {name} :"))
            .append(RcDoc::line().append(doc(stmt)).nest(2))
            .append(RcDoc::text("."))
            .group()
            .append(RcDoc::hardline())
            .append(RcDoc::text("Proof."))
            .append(
                RcDoc::hardline()
                    .append(RcDoc::intersperse(
                        proof.iter().map(|p| RcDoc::text(p.clone())),
                        RcDoc::hardline(),
                    ))
                    .nest(2),
            )
            .append(RcDoc::hardline())
            .append(RcDoc::text("Qed.")),
    }
}

/// Render one term at the given width.
pub fn render_term(t: &Term, width: usize) -> String {
    let mut out = Vec::new();
    doc(t).render(width, &mut out).expect("write to Vec");
    String::from_utf8(out).expect("utf8")
}

/// Render a file: sentences separated by blank lines, trailing newline.
pub fn render_file(sentences: &[Sentence], width: usize) -> String {
    let mut s = String::new();
    for (i, sen) in sentences.iter().enumerate() {
        let mut out = Vec::new();
        sentence_doc(sen)
            .render(width, &mut out)
            .expect("write to Vec");
        s.push_str(&String::from_utf8(out).expect("utf8"));
        s.push('\n');
        let next_is_vernac = matches!(sentences.get(i + 1), Some(Sentence::Vernac(_)));
        if !(matches!(sen, Sentence::Vernac(_)) && next_is_vernac) {
            s.push('\n');
        }
    }
    while s.ends_with("\n\n") {
        s.pop();
    }
    s
}
