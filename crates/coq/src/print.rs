//! The Wadler-style layout of terms, tactics, sentences and files (`pretty` crate).
//!
//! Layout rules, in short: a group is printed on one line when it fits in [`WIDTH`] columns, else
//! its line breaks are taken; `let … in` and `match` always end their line; definitions break after
//! `:=` and indent the body by two; chains of `->`/`/\`/`\/` break one operand per line.

use crate::sentence::{DefKind, File, LemmaKind, Proof, Require, RequireMode, Sentence, Tactic};
use crate::term::{Binder, ListLayout, Pat, Term};
use pretty::RcDoc;

/// Width the printer aims for.
pub const WIDTH: usize = 100;

type Doc = RcDoc<'static, ()>;

fn text(s: impl Into<String>) -> Doc {
    RcDoc::text(s.into())
}

/// The text of a Coq comment, made safe for Coq's comment lexer (which also lexes strings and
/// nested comments inside comments): `(* … *)`.
pub fn comment_text(c: &str) -> String {
    let safe: String = c
        .replace("(*", "( *")
        .replace("*)", "* )")
        .replace('"', "'")
        .chars()
        .map(|ch| {
            if ch.is_control() && ch != '\n' {
                '?'
            } else {
                ch
            }
        })
        .collect();
    format!("(* {safe} *)")
}

/// A Coq string literal (`"…"%string`, quotes doubled).
pub fn string_literal(s: &str) -> String {
    format!("\"{}\"%string", s.replace('"', "\"\""))
}

impl Term {
    /// Printed as an argument without parentheses.
    fn is_atomic(&self) -> bool {
        match self {
            Term::Name(_)
            | Term::Int(_)
            | Term::Scoped(..)
            | Term::Str(_)
            | Term::Infix(..)
            | Term::Prefix(..)
            | Term::Tuple(_)
            | Term::Product(_)
            | Term::List(..)
            | Term::Record(_)
            | Term::Proj(..)
            | Term::Cast(..) => true,
            Term::Commented(_, t) => t.is_atomic(),
            _ => false,
        }
    }

    /// Extends as far right as possible (`let`, `fun`, `if`, quantifiers).
    fn is_open(&self) -> bool {
        matches!(
            self,
            Term::Let(..)
                | Term::LetPat(..)
                | Term::Fun(..)
                | Term::If(..)
                | Term::Forall(..)
                | Term::Exists(..)
        )
    }

    fn parens(&self) -> Doc {
        text("(").append(self.doc().nest(1)).append(")")
    }

    /// As an argument of an application.
    fn arg_doc(&self) -> Doc {
        if self.is_atomic() {
            self.doc()
        } else {
            self.parens()
        }
    }

    /// As an operand of a parenthesised infix operator: applications need no parentheses.
    fn operand_doc(&self) -> Doc {
        if self.is_atomic() || matches!(self, Term::App(..)) {
            self.doc()
        } else {
            self.parens()
        }
    }

    /// In a position followed by a keyword or separator (`then`, `in`, `with`, `,`, `;`).
    fn inner_doc(&self) -> Doc {
        if self.is_open() || matches!(self, Term::Rel(..)) {
            self.parens()
        } else {
            self.doc()
        }
    }

    /// As an operand of the unparenthesised connective `op`; `last` operands may be open terms.
    fn rel_operand_doc(&self, op: &str, last: bool) -> Doc {
        match self {
            Term::Rel(inner, ..) if rel_level(inner) >= rel_level(op) => self.parens(),
            _ if self.is_open() && !last => self.parens(),
            _ => self.doc(),
        }
    }

    pub fn doc(&self) -> Doc {
        match self {
            Term::Name(s) => text(s.clone()),
            Term::Int(s) if s.starts_with('-') => text(format!("({s})")),
            Term::Int(s) => text(s.clone()),
            Term::Scoped(t, scope) => t.arg_doc().append(text(format!("%{scope}"))),
            Term::Str(s) => text(string_literal(s)),
            Term::App(f, args) => app_doc(f.arg_doc(), args),
            Term::Infix(op, a, b) => text("(")
                .append(
                    a.operand_doc()
                        .append(RcDoc::line())
                        .append(text(*op))
                        .append(RcDoc::space())
                        .append(b.operand_doc())
                        .nest(1)
                        .group(),
                )
                .append(")"),
            Term::Rel(op, ..) => {
                let parts = self.rel_chain(op);
                let n = parts.len();
                RcDoc::intersperse(
                    parts
                        .iter()
                        .enumerate()
                        .map(|(i, p)| p.rel_operand_doc(op, i + 1 == n)),
                    text(format!(" {op}")).append(RcDoc::line()),
                )
                .group()
            }
            Term::Prefix(op, a) => text(format!("({op} ")).append(a.operand_doc()).append(")"),
            Term::Tuple(ts) => text("(")
                .append(
                    RcDoc::intersperse(
                        ts.iter().map(|t| t.inner_doc()),
                        text(",").append(RcDoc::line()),
                    )
                    .nest(1)
                    .group(),
                )
                .append(")"),
            Term::Product(ts) => text("(")
                .append(RcDoc::intersperse(
                    ts.iter().map(|t| t.arg_doc()),
                    text(" * "),
                ))
                .append(")"),
            Term::List(ts, _) if ts.is_empty() => text("[]"),
            Term::List(ts, layout) => list_doc(ts, *layout),
            Term::Record(fields) => text("{|")
                .append(
                    RcDoc::concat(fields.iter().enumerate().map(|(i, (f, t))| {
                        let sep = if i + 1 < fields.len() { ";" } else { "" };
                        RcDoc::hardline()
                            .append(
                                text(format!("{f} :="))
                                    .append(RcDoc::line().append(t.inner_doc()).nest(2))
                                    .group(),
                            )
                            .append(text(sep))
                    }))
                    .nest(2),
                )
                .append(RcDoc::hardline())
                .append("|}"),
            Term::Proj(t, f) => t.arg_doc().append(text(format!(".({f})"))),
            Term::Let(b, e, body) => {
                let head = match &b.ty {
                    None => text(format!("let {} :=", b.names.join(" "))),
                    Some(t) => text(format!("let {} : ", b.names.join(" ")))
                        .append(t.doc())
                        .append(" :="),
                };
                head.append(RcDoc::line().append(e.inner_doc()).nest(2))
                    .append(RcDoc::line())
                    .append("in")
                    .group()
                    .append(RcDoc::hardline())
                    .append(body.doc())
            }
            Term::LetPat(p, e, body) => text("let '")
                .append(p.doc(false))
                .append(" :=")
                .append(RcDoc::line().append(e.inner_doc()).nest(2))
                .append(RcDoc::line())
                .append("in")
                .group()
                .append(RcDoc::hardline())
                .append(body.doc()),
            Term::Fun(bs, body) => text("fun ")
                .append(binders_doc(bs))
                .append(" =>")
                .append(RcDoc::line().append(body.doc()).nest(2))
                .group(),
            Term::If(c, a, b) => text("if ")
                .append(c.inner_doc().nest(3))
                .append(RcDoc::line())
                .append("then")
                .append(RcDoc::line().append(a.inner_doc()).nest(2))
                .append(RcDoc::line())
                .append("else")
                .append(RcDoc::line().append(b.doc()).nest(2))
                .group(),
            Term::Match(e, arms) => text("match ")
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
            Term::Forall(bs, body) | Term::Exists(bs, body) => {
                let q = if matches!(self, Term::Forall(..)) {
                    "forall "
                } else {
                    "exists "
                };
                text(q)
                    .append(binders_doc(bs))
                    .append(",")
                    .append(RcDoc::line().append(body.doc()).nest(2))
                    .group()
            }
            Term::Cast(t, ty) => text("(")
                .append(t.inner_doc())
                .append(" : ")
                .append(ty.doc())
                .append(")"),
            Term::Commented(c, t) => text(comment_text(c)).append(RcDoc::space()).append(t.doc()),
        }
    }

    /// The operands of a chain of the same right-associative connective (`a -> b -> c`).
    fn rel_chain<'a>(&'a self, op: &str) -> Vec<&'a Term> {
        let assoc = matches!(op, "->" | "/\\" | "\\/");
        let mut out = vec![];
        let mut t = self;
        loop {
            match t {
                Term::Rel(o, a, b) if *o == op && (assoc || out.is_empty()) => {
                    out.push(&**a);
                    if !assoc {
                        out.push(&**b);
                        return out;
                    }
                    t = b;
                }
                _ => {
                    out.push(t);
                    return out;
                }
            }
        }
    }

    /// Render at [`WIDTH`].
    pub fn render(&self) -> String {
        render_doc(self.doc())
    }
}

/// `head a1 … an` in fill layout: arguments stay on the head's line while they fit; a large one
/// breaks inside, the others continue indented by two.
fn app_doc(head: Doc, args: &[Term]) -> Doc {
    head.append(
        RcDoc::concat(
            args.iter()
                .map(|a| RcDoc::line().append(a.arg_doc()).group()),
        )
        .nest(2),
    )
    .group()
}

/// Coq's notation level of a connective (smaller binds tighter).
fn rel_level(op: &str) -> u8 {
    match op {
        "->" => 99,
        "<->" => 95,
        "\\/" => 85,
        "/\\" => 80,
        _ => 70,
    }
}

fn list_doc(ts: &[Term], layout: ListLayout) -> Doc {
    match layout {
        ListLayout::Fill => {
            let mut d = ts[0].inner_doc();
            for t in &ts[1..] {
                d = d
                    .append(text(";"))
                    .append(RcDoc::line().append(t.inner_doc()).group());
            }
            text("[").append(d).nest(1).append(text("]")).group()
        }
        ListLayout::Group => text("[")
            .append(
                RcDoc::intersperse(
                    ts.iter().map(|t| t.inner_doc()),
                    text(";").append(RcDoc::line()),
                )
                .nest(1)
                .group(),
            )
            .append("]"),
        ListLayout::Lines => text("[")
            .append(RcDoc::intersperse(
                ts.iter().map(|t| t.inner_doc()),
                text(";").append(RcDoc::hardline()),
            ))
            .nest(1)
            .append(text("]")),
        ListLayout::Block => text("[")
            .append(
                RcDoc::line_()
                    .append(RcDoc::intersperse(
                        ts.iter().map(|t| t.inner_doc()),
                        text(";").append(RcDoc::line()),
                    ))
                    .nest(2),
            )
            .append(RcDoc::line_())
            .append(text("]"))
            .group(),
    }
}

fn binder_doc(b: &Binder) -> Doc {
    let (open, close) = if b.implicit { ("{", "}") } else { ("(", ")") };
    match &b.ty {
        None if b.implicit => text(format!("{{{}}}", b.names.join(" "))),
        None => text(b.names.join(" ")),
        Some(t) => text(format!("{open}{} : ", b.names.join(" ")))
            .append(t.doc())
            .append(close),
    }
}

/// Binders fill the line and continue indented by two when they do not fit.
fn binders_doc(bs: &[Binder]) -> Doc {
    let mut it = bs.iter();
    let Some(first) = it.next() else {
        return RcDoc::nil();
    };
    let mut d = binder_doc(first);
    for b in it {
        d = d.append(RcDoc::line().append(binder_doc(b)).group());
    }
    d.nest(2)
}

impl Pat {
    fn doc(&self, arg: bool) -> Doc {
        match self {
            Pat::Wild => text("_"),
            Pat::Var(v) => text(v.clone()),
            Pat::Lit(t) => t.doc(),
            Pat::Ctor(c, ps) if ps.is_empty() => text(c.clone()),
            Pat::Ctor(c, ps) => {
                let d = text(c.clone()).append(RcDoc::concat(
                    ps.iter().map(|p| RcDoc::space().append(p.doc(true))),
                ));
                if arg {
                    text("(").append(d).append(")")
                } else {
                    d
                }
            }
            Pat::Tuple(ps) => text("(")
                .append(RcDoc::intersperse(
                    ps.iter().map(|p| p.doc(false)),
                    text(", "),
                ))
                .append(")"),
        }
    }

    pub fn render(&self) -> String {
        render_doc(self.doc(false))
    }
}

impl Tactic {
    pub fn doc(&self) -> Doc {
        match self {
            Tactic::Call(name, args) => app_doc(text(name.clone()), args),
            Tactic::Exact(t) => text("exact ").append(t.arg_doc().nest(6)).group(),
            Tactic::UnfoldEverywhere(ns) => text(format!("unfold {} in *", ns.join(", "))),
            Tactic::Then(ts) => {
                RcDoc::intersperse(ts.iter().map(|t| t.doc()), text(";").append(RcDoc::line()))
                    .group()
            }
            Tactic::First(ts) => text("first [ ")
                .append(
                    RcDoc::intersperse(ts.iter().map(|t| t.doc()), RcDoc::line().append("| "))
                        .nest(6),
                )
                .append(" ]")
                .group(),
            Tactic::Dispatch(t, each) => t
                .doc()
                .append(";")
                .append(
                    RcDoc::line()
                        .append(
                            text("[")
                                .append(
                                    RcDoc::intersperse(
                                        each.iter().map(|t| t.doc()),
                                        RcDoc::line().append("| "),
                                    )
                                    .nest(1),
                                )
                                .append("]")
                                .group(),
                        )
                        .nest(2),
                )
                .group(),
            Tactic::All(t) => text("all: ").append(t.doc()),
            Tactic::Commented(c, t) => text(comment_text(c)).append(RcDoc::space()).append(t.doc()),
        }
    }
}

fn proof_doc(p: &Proof) -> Doc {
    text("Proof.")
        .append(
            RcDoc::concat(
                p.0.iter()
                    .map(|t| RcDoc::line().append(t.doc().nest(2)).append(".")),
            )
            .nest(2),
        )
        .append(RcDoc::line())
        .append("Qed.")
        .group()
}

fn require_doc(r: &Require) -> Doc {
    let from = r
        .from
        .as_ref()
        .map(|f| format!("From {f} "))
        .unwrap_or_default();
    let mode = match r.mode {
        RequireMode::Plain => "Require",
        RequireMode::Import => "Require Import",
        RequireMode::Export => "Require Export",
    };
    text(format!("{from}{mode} {}.", r.modules.join(" ")))
}

fn body_doc(ss: &[Sentence]) -> Doc {
    RcDoc::concat(ss.iter().map(|s| RcDoc::hardline().append(s.doc()))).nest(2)
}

impl Sentence {
    pub fn doc(&self) -> Doc {
        match self {
            Sentence::Comment(c) => text(comment_text(c)),
            Sentence::Require(r) => require_doc(r),
            Sentence::Import(ms) => text(format!("Import {}.", ms.join(" "))),
            Sentence::OpenScope { local, scope } => text(format!(
                "{}Open Scope {scope}.",
                if *local { "Local " } else { "" }
            )),
            Sentence::Definition {
                kind,
                name,
                params,
                ty,
                body,
            } => {
                let kw = match kind {
                    DefKind::Definition => "Definition",
                    DefKind::Fixpoint => "Fixpoint",
                };
                let mut head = text(format!("{kw} {name}"));
                for b in params {
                    head = head.append(RcDoc::space()).append(binder_doc(b));
                }
                if let Some(t) = ty {
                    head = head.append(" : ").append(t.doc());
                }
                if let Term::Record(_) = body {
                    // `:= {|` on the definition's line, one field per line.
                    return head.append(" := ").append(body.doc()).append(".");
                }
                head.append(" :=")
                    .append(RcDoc::line().append(body.doc()).nest(2))
                    .append(".")
                    .group()
            }
            Sentence::Inductive { name, ty, ctors } => text(format!("Inductive {name} : "))
                .append(ty.doc())
                .append(" :=")
                .append(
                    RcDoc::concat(ctors.iter().map(|c| {
                        let mut d = RcDoc::hardline().append(text(format!("| {}", c.name)));
                        for b in &c.args {
                            d = d.append(RcDoc::space()).append(binder_doc(b));
                        }
                        d
                    }))
                    .nest(2),
                )
                .append("."),
            Sentence::Record { name, ctor, fields } => text(format!("Record {name} := {ctor} {{"))
                .append(
                    RcDoc::concat(fields.iter().enumerate().map(|(i, (f, t))| {
                        let sep = if i + 1 < fields.len() { ";" } else { "" };
                        RcDoc::hardline()
                            .append(text(format!("{f} : ")))
                            .append(t.doc())
                            .append(text(sep))
                    }))
                    .nest(2),
                )
                .append(RcDoc::hardline())
                .append("}."),
            Sentence::Parameter { name, ty } => text(format!("Parameter {name} :"))
                .append(RcDoc::line().append(ty.doc()).nest(2))
                .append(".")
                .group(),
            Sentence::Lemma {
                kind,
                name,
                stmt,
                proof,
            } => {
                let kw = match kind {
                    LemmaKind::Lemma => "Lemma",
                    LemmaKind::Theorem => "Theorem",
                };
                text(format!("{kw} {name} :"))
                    .append(RcDoc::line().append(stmt.doc()).nest(2))
                    .append(".")
                    .group()
                    .append(RcDoc::hardline())
                    .append(proof_doc(proof))
            }
            Sentence::SimplNever(n) => text(format!("#[global] Arguments {n} : simpl never.")),
            Sentence::SimplNeverLocal(n) => text(format!("#[local] Arguments {n} : simpl never.")),
            Sentence::OpaqueStrategy(n) => text(format!("Local Strategy opaque [{n}].")),
            Sentence::LtacRedefine { name, body } => text(format!("Ltac {name} ::="))
                .append(RcDoc::line().append(body.doc()).nest(2))
                .append(".")
                .group(),
            Sentence::ModuleType { name, body } => text(format!("Module Type {name}."))
                .append(body_doc(body))
                .append(RcDoc::hardline())
                .append(text(format!("End {name}."))),
            Sentence::Module { name, ty, body } => {
                let ty = ty.as_ref().map(|t| format!(" : {t}")).unwrap_or_default();
                text(format!("Module {name}{ty}."))
                    .append(body_doc(body))
                    .append(RcDoc::hardline())
                    .append(text(format!("End {name}.")))
            }
            Sentence::Section { name, body } => text(format!("Section {name}."))
                .append(RcDoc::concat(body.iter().map(|s| {
                    RcDoc::hardline().append(RcDoc::hardline()).append(s.doc())
                })))
                .append(RcDoc::hardline())
                .append(RcDoc::hardline())
                .append(text(format!("End {name}."))),
            Sentence::Check(t) => text("Check ").append(t.doc()).append("."),
            Sentence::PrintAssumptions(n) => text(format!("Print Assumptions {n}.")),
            Sentence::Load(f) => text(format!("Load \"{}\".", f.replace('"', "\"\""))),
            Sentence::Context(bs) => text("Context ").append(binders_doc(bs)).append("."),
            Sentence::Group(ss) => {
                RcDoc::intersperse(ss.iter().map(|s| s.doc()), RcDoc::hardline())
            }
            Sentence::Trailing(s, c) => {
                s.doc().append(RcDoc::space()).append(text(comment_text(c)))
            }
        }
    }

    pub fn render(&self) -> String {
        render_doc(self.doc())
    }
}

impl File {
    /// The file's text: the header comment and the preamble (requires, imports, scopes) on
    /// consecutive lines, then the other sentences separated by blank lines; one final newline.
    pub fn render(&self) -> String {
        let mut out = comment_text(&self.header);
        out.push('\n');
        let mut prev_preamble = true;
        for s in &self.sentences {
            let pre = s.is_preamble();
            if !(pre && prev_preamble) {
                out.push('\n');
            }
            out.push_str(&s.render());
            out.push('\n');
            prev_preamble = pre;
        }
        out
    }
}

fn render_doc(d: Doc) -> String {
    let mut out = Vec::new();
    d.render(WIDTH, &mut out)
        .expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("the printer only emits UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sentence::Require;

    #[test]
    fn binds_and_lets() {
        let t = Term::let_(
            "x",
            Term::infix("+", Term::name("a"), Term::int(-1)),
            Term::bind(
                Term::app("f", vec![Term::name("x"), Term::name("st")]),
                Pat::tuple(vec![Pat::var("r"), Pat::var("st")]),
                Term::some(Term::tuple(vec![Term::name("r"), Term::name("st")])),
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
        let t = Term::if_(
            Term::name("c"),
            Term::let_("x", Term::int(1), Term::name("x")),
            Term::let_("y", Term::int(2), Term::name("y")),
        );
        let s = t.render();
        assert!(s.contains("(let x := 1 in"), "{s}");
        assert!(s.contains("else\n  let y := 2 in"), "{s}");
        let a = Term::app(
            "f",
            vec![Term::fun(vec![Binder::untyped("x")], Term::name("x"))],
        );
        assert_eq!(a.render(), "f (fun x => x)");
    }

    #[test]
    fn implication_chains_break_one_per_line() {
        let long = |i: usize| {
            Term::app(
                format!("hypothesis_number_{i}"),
                vec![Term::name("some_argument")],
            )
        };
        let t = Term::forall(
            vec![Binder::typed("x", Term::name("Z"))],
            Term::implies(
                (0..4).map(long).collect(),
                Term::eq(Term::name("x"), Term::int(0)),
            ),
        );
        let s = t.render();
        assert_eq!(
            s,
            "forall (x : Z),\n  hypothesis_number_0 some_argument ->\n  hypothesis_number_1 some_argument ->\n  hypothesis_number_2 some_argument ->\n  hypothesis_number_3 some_argument ->\n  x = 0"
        );
        let short = Term::implies(
            vec![Term::name("A")],
            Term::implies(vec![Term::name("B")], Term::name("C")),
        );
        assert_eq!(short.render(), "A -> B -> C");
        let nested = Term::implies(
            vec![Term::implies(vec![Term::name("A")], Term::name("B"))],
            Term::name("C"),
        );
        assert_eq!(nested.render(), "(A -> B) -> C");
    }

    #[test]
    fn files_and_proofs() {
        let mut f = File::new("Generated by a test. Do not edit.");
        f.push(Sentence::Require(Require::import("Coq", &["ZArith"])));
        f.push(Sentence::open_scope(true, "Z_scope"));
        f.push(Sentence::definition(
            "x",
            vec![],
            Some(Term::name("Z")),
            Term::int(3),
        ));
        f.push(Sentence::lemma(
            "x_eq",
            Term::eq(Term::name("x"), Term::int(3)),
            Proof::by(Tactic::call("reflexivity", vec![])),
        ));
        assert_eq!(
            f.render(),
            "(* Generated by a test. Do not edit. *)\nFrom Coq Require Import ZArith.\nLocal Open Scope Z_scope.\n\nDefinition x : Z := 3.\n\nLemma x_eq : x = 3.\nProof. reflexivity. Qed.\n"
        );
    }

    #[test]
    fn implicit_binders_and_dispatch() {
        let ctx = Sentence::Context(vec![Binder::implicit("M", Term::name("MemOps"))]);
        assert_eq!(ctx.render(), "Context {M : MemOps}.");
        let d = Sentence::definition(
            "f",
            vec![
                Binder::implicit("A", Term::name("Type")),
                Binder::typed("x", Term::name("A")),
            ],
            None,
            Term::name("x"),
        );
        assert_eq!(d.render(), "Definition f {A : Type} (x : A) := x.");
        let short = Tactic::dispatch(
            Tactic::call("split", vec![]),
            vec![
                Tactic::call("reflexivity", vec![]),
                Tactic::Exact(Term::name("H")),
            ],
        );
        assert_eq!(
            Proof::by(short.clone()).0[0]
                .doc()
                .pretty(WIDTH)
                .to_string(),
            "split; [reflexivity | exact H]"
        );
        let long = Tactic::dispatch(
            Tactic::call(
                "apply",
                vec![Term::app(
                    "a_lemma_with_a_rather_long_name",
                    (0..5)
                        .map(|i| Term::name(format!("argument_{i}")))
                        .collect(),
                )],
            ),
            vec![short.clone(), short],
        );
        // the alternatives go to the next line as a whole when the tactic fills the line
        assert_eq!(
            long.doc().pretty(WIDTH).to_string(),
            "apply (a_lemma_with_a_rather_long_name argument_0 argument_1 argument_2 argument_3 argument_4);\n  [split; [reflexivity | exact H] | split; [reflexivity | exact H]]"
        );
    }

    #[test]
    fn comments_cannot_escape() {
        assert_eq!(comment_text("a *) \"b (*"), "(* a * ) 'b ( * *)");
        let t = Term::commented("x *) y", Term::name("z"));
        assert_eq!(t.render(), "(* x * ) y *) z");
    }

    #[test]
    fn literals() {
        assert_eq!(Term::nat(3).render(), "3%nat");
        assert_eq!(Term::str("a\"b").render(), "\"a\"\"b\"%string");
        assert_eq!(
            Term::app("f", vec![Term::int(-2), Term::nat(0)]).render(),
            "f (-2) 0%nat"
        );
    }
}
