//! Vernacular sentences, proofs as tactic calls, and whole files.

use crate::term::{is_ident, Binder, Term};

/// `From <from> Require [Import|Export] m1 m2 …`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Require {
    pub from: Option<String>,
    pub mode: RequireMode,
    pub modules: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequireMode {
    /// `Require m.` (qualified access only).
    Plain,
    Import,
    Export,
}

impl Require {
    pub fn import(from: impl Into<String>, modules: &[&str]) -> Require {
        Require::new(Some(from.into()), RequireMode::Import, modules)
    }
    pub fn export(from: impl Into<String>, modules: &[&str]) -> Require {
        Require::new(Some(from.into()), RequireMode::Export, modules)
    }
    pub fn plain(from: impl Into<String>, modules: &[&str]) -> Require {
        Require::new(Some(from.into()), RequireMode::Plain, modules)
    }
    fn new(from: Option<String>, mode: RequireMode, modules: &[&str]) -> Require {
        if let Some(f) = &from {
            assert!(is_ident(f), "not a logical path: {f:?}");
        }
        for m in modules {
            assert!(is_ident(m), "not a module path: {m:?}");
        }
        Require {
            from,
            mode,
            modules: modules.iter().map(|m| m.to_string()).collect(),
        }
    }
}

/// A constructor of an inductive type: name and argument binders.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ctor {
    pub name: String,
    pub args: Vec<Binder>,
}

/// A tactic expression. Generated proofs call coq-lib tactics; the combinators are there so a
/// proof can try alternatives or apply a lemma, not to write proof logic in the generator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tactic {
    /// `name arg1 … argn` — a call of a (coq-lib or project) tactic; arguments are terms.
    Call(String, Vec<Term>),
    /// `exact t`.
    Exact(Term),
    /// `unfold c1, c2 in *`.
    UnfoldEverywhere(Vec<String>),
    /// `t1; t2; …`.
    Then(Vec<Tactic>),
    /// `first [ t1 | t2 | … ]`.
    First(Vec<Tactic>),
    /// `t; [ t1 | t2 | … ]`: `t`, then `ti` on its `i`-th subgoal.
    Dispatch(Box<Tactic>, Vec<Tactic>),
    /// `all: t`.
    All(Box<Tactic>),
    /// A tactic preceded by a comment.
    Commented(String, Box<Tactic>),
}

impl Tactic {
    pub fn call(name: impl Into<String>, args: Vec<Term>) -> Tactic {
        let name = name.into();
        assert!(is_ident(&name), "not a tactic name: {name:?}");
        Tactic::Call(name, args)
    }

    /// `t; [ t1 | … ]`.
    pub fn dispatch(t: Tactic, each: Vec<Tactic>) -> Tactic {
        Tactic::Dispatch(Box::new(t), each)
    }
}

/// `Proof. t1. t2. … Qed.`: the proof steps, each ended by a period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proof(pub Vec<Tactic>);

impl Proof {
    pub fn by(t: Tactic) -> Proof {
        Proof(vec![t])
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DefKind {
    Definition,
    Fixpoint,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LemmaKind {
    Lemma,
    Theorem,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sentence {
    /// `(* … *)` on its own line(s).
    Comment(String),
    Require(Require),
    /// `Import M1 M2.`
    Import(Vec<String>),
    /// `[Local] Open Scope s.`
    OpenScope {
        local: bool,
        scope: String,
    },
    Definition {
        kind: DefKind,
        name: String,
        params: Vec<Binder>,
        ty: Option<Term>,
        body: Term,
    },
    Inductive {
        name: String,
        ty: Term,
        ctors: Vec<Ctor>,
    },
    Record {
        name: String,
        ctor: String,
        fields: Vec<(String, Term)>,
    },
    /// `Parameter name : ty.` — only inside module types (elsewhere it is an assumption).
    Parameter {
        name: String,
        ty: Term,
    },
    Lemma {
        kind: LemmaKind,
        name: String,
        stmt: Term,
        proof: Proof,
    },
    /// `#[global] Arguments name : simpl never.`
    SimplNever(String),
    /// `#[local] Arguments name : simpl never.`: only in this file.
    SimplNeverLocal(String),
    /// `Local Strategy opaque [name].`: in this file the kernel's conversion unfolds `name` last (a
    /// definition whose unfolding is expensive and not needed where it appears on both sides).
    OpaqueStrategy(String),
    /// `Ltac name ::= tac.` (redefining a coq-lib hook).
    LtacRedefine {
        name: String,
        body: Tactic,
    },
    /// `Module Type name. … End name.`
    ModuleType {
        name: String,
        body: Vec<Sentence>,
    },
    /// `Module name [: ty]. … End name.`
    Module {
        name: String,
        ty: Option<String>,
        body: Vec<Sentence>,
    },
    /// `Section name. … End name.`
    Section {
        name: String,
        body: Vec<Sentence>,
    },
    /// `Context binders.`
    Context(Vec<Binder>),
    /// `Check t.` (prints the term and its type).
    Check(Term),
    /// `Print Assumptions name.`
    PrintAssumptions(String),
    /// `Load "file".` — runs the sentences of a `.v` file in place (used to check several
    /// generated files in one coqc process, each inside its own `Module`).
    Load(String),
    /// Sentences printed on consecutive lines (no blank line between them).
    Group(Vec<Sentence>),
    /// A sentence followed by a comment on the same line.
    Trailing(Box<Sentence>, String),
}

impl Sentence {
    pub fn definition(
        name: impl Into<String>,
        params: Vec<Binder>,
        ty: Option<Term>,
        body: Term,
    ) -> Sentence {
        Sentence::Definition {
            kind: DefKind::Definition,
            name: checked(name),
            params,
            ty,
            body,
        }
    }

    pub fn fixpoint(
        name: impl Into<String>,
        params: Vec<Binder>,
        ty: Term,
        body: Term,
    ) -> Sentence {
        Sentence::Definition {
            kind: DefKind::Fixpoint,
            name: checked(name),
            params,
            ty: Some(ty),
            body,
        }
    }

    pub fn lemma(name: impl Into<String>, stmt: Term, proof: Proof) -> Sentence {
        Sentence::Lemma {
            kind: LemmaKind::Lemma,
            name: checked(name),
            stmt,
            proof,
        }
    }

    pub fn theorem(name: impl Into<String>, stmt: Term, proof: Proof) -> Sentence {
        Sentence::Lemma {
            kind: LemmaKind::Theorem,
            name: checked(name),
            stmt,
            proof,
        }
    }

    /// This sentence with a comment after it on the same line.
    pub fn with_comment(self, c: impl Into<String>) -> Sentence {
        Sentence::Trailing(Box::new(self), c.into())
    }

    pub fn comment(c: impl Into<String>) -> Sentence {
        Sentence::Comment(c.into())
    }

    pub fn simpl_never(name: impl Into<String>) -> Sentence {
        Sentence::SimplNever(checked(name))
    }
    pub fn simpl_never_local(name: impl Into<String>) -> Sentence {
        Sentence::SimplNeverLocal(checked(name))
    }
    pub fn opaque_strategy(name: impl Into<String>) -> Sentence {
        Sentence::OpaqueStrategy(checked(name))
    }

    pub fn import(modules: &[&str]) -> Sentence {
        Sentence::Import(modules.iter().map(|m| checked(*m)).collect())
    }

    pub fn open_scope(local: bool, scope: &str) -> Sentence {
        Sentence::OpenScope {
            local,
            scope: checked(scope),
        }
    }

    /// Whether this is part of a file's preamble (requires, imports, scopes), printed without
    /// blank lines between consecutive ones.
    pub fn is_preamble(&self) -> bool {
        matches!(
            self,
            Sentence::Require(_) | Sentence::Import(_) | Sentence::OpenScope { .. }
        )
    }
}

fn checked(s: impl Into<String>) -> String {
    let s = s.into();
    assert!(is_ident(&s), "not a Coq identifier: {s:?}");
    s
}

/// A generated `.v` file: a provenance header comment, then sentences.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct File {
    /// The provenance line (`Generated by … Do not edit.`), printed as the first comment.
    pub header: String,
    pub sentences: Vec<Sentence>,
}

impl File {
    pub fn new(header: impl Into<String>) -> File {
        File {
            header: header.into(),
            sentences: vec![],
        }
    }

    pub fn push(&mut self, s: Sentence) -> &mut File {
        self.sentences.push(s);
        self
    }

    pub fn extend(&mut self, ss: impl IntoIterator<Item = Sentence>) -> &mut File {
        self.sentences.extend(ss);
        self
    }

    /// The files this one requires (`from` qualified), in order.
    pub fn requires(&self) -> impl Iterator<Item = &Require> {
        self.sentences.iter().filter_map(|s| match s {
            Sentence::Require(r) => Some(r),
            _ => None,
        })
    }
}
