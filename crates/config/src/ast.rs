//! The syntax tree. Every node carries a [`Span`]; expressions also carry the type the checker
//! inferred for them (`ty`, `None` before checking).

use super::types::Ty;
use diag::span::Span;

/// A name occurrence.
#[derive(Clone, Debug)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

/// A written type.
#[derive(Clone, Debug)]
pub struct TypeExpr {
    pub kind: TypeExprKind,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum TypeExprKind {
    /// `Z`, `bool`, `Prop`, `string`, `nat`, `Type`, or a declared type name.
    Name(String),
    /// `list T`, `option T`, `ZMap.t T`.
    App(String, Box<TypeExpr>),
    /// `(T1 * T2 * …)`.
    Tuple(Vec<TypeExpr>),
    /// `T1 -> T2` (right associative).
    Arrow(Box<TypeExpr>, Box<TypeExpr>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnOp {
    /// `(- e)` on Z
    Neg,
    /// `(~ P)` on Prop
    Not,
    /// `(! b)` on bool
    BNot,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinOp {
    Mul,
    Div,
    Mod,
    Add,
    Sub,
    BAnd,
    BOr,
    Shl,
    Shr,
    EqB,
    NeB,
    GtB,
    GeB,
    LtB,
    LeB,
    StrEqB,
    StrNeB,
    AndB,
    OrB,
    Cons,
    Append,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    And,
    Or,
    Iff,
    Impl,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        use BinOp::*;
        match self {
            Mul => "*",
            Div => "/",
            Mod => "mod",
            Add => "+",
            Sub => "-",
            BAnd => "&",
            BOr => "|'",
            Shl => "<<",
            Shr => ">>",
            EqB => "=?",
            NeB => "<>?",
            GtB => ">?",
            GeB => ">=?",
            LtB => "<?",
            LeB => "<=?",
            StrEqB => "=s",
            StrNeB => "<>s",
            AndB => "&&",
            OrB => "||",
            Cons => "::",
            Append => "++",
            Eq => "=",
            Ne => "<>",
            Lt => "<",
            Le => "<=",
            Gt => ">",
            Ge => ">=",
            And => "/\\",
            Or => "\\/",
            Iff => "<->",
            Impl => "->",
        }
    }
    pub fn from_symbol(s: &str) -> Option<BinOp> {
        use BinOp::*;
        Some(match s {
            "*" => Mul,
            "/" => Div,
            "mod" => Mod,
            "+" => Add,
            "-" => Sub,
            "&" => BAnd,
            "|'" => BOr,
            "<<" => Shl,
            ">>" => Shr,
            "=?" => EqB,
            "<>?" => NeB,
            ">?" => GtB,
            ">=?" => GeB,
            "<?" => LtB,
            "<=?" => LeB,
            "=s" => StrEqB,
            "<>s" => StrNeB,
            "&&" => AndB,
            "||" => OrB,
            "::" => Cons,
            "++" => Append,
            "=" => Eq,
            "<>" => Ne,
            "<" => Lt,
            "<=" => Le,
            ">" => Gt,
            ">=" => Ge,
            "/\\" => And,
            "\\/" => Or,
            "<->" => Iff,
            "->" => Impl,
            _ => return None,
        })
    }
    /// Precedence level (smaller binds tighter) and right-associativity. See docs/config.md.
    pub fn level(self) -> (u8, bool) {
        use BinOp::*;
        match self {
            Mul | Div | Mod => (30, false),
            Add | Sub | BAnd | BOr => (40, false),
            Shl | Shr => (50, false),
            EqB | NeB | GtB | GeB | LtB | LeB | StrEqB | StrNeB => (51, false),
            AndB => (52, false),
            OrB => (53, false),
            Cons | Append => (60, true),
            Eq | Ne | Lt | Le | Gt | Ge => (120, false),
            And => (130, true),
            Or => (131, true),
            Iff => (132, false),
            Impl => (140, true),
        }
    }
}

/// Precedence levels of the non-binary infix/postfix forms.
pub const LVL_APP: u8 = 20;
pub const LVL_MAPSET: u8 = 80;
pub const LVL_MAPGET: u8 = 90;
pub const LVL_RECSET: u8 = 100;
pub const LVL_UPDATE: u8 = 110;
pub const LVL_TOP: u8 = 255;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quant {
    Exists,
    Forall,
}

/// A binder with an optional type: `x`, `_`, `(x : T)`.
#[derive(Clone, Debug)]
pub struct Binder {
    pub name: Ident,
    pub ty: Option<TypeExpr>,
    /// The bound variable's type, filled by the checker.
    pub resolved: Option<Ty>,
}

impl Binder {
    pub fn new(name: Ident, ty: Option<TypeExpr>) -> Binder {
        Binder {
            name,
            ty,
            resolved: None,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
    /// Filled by the type checker.
    pub ty: Option<Ty>,
}

#[derive(Clone, Debug)]
pub enum ExprKind {
    /// A variable, definition, constructor or built-in.
    Var(String),
    Num(u128),
    Str(String),
    Bool(bool),
    /// Curried application `f a b`.
    App(Box<Expr>, Vec<Expr>),
    Unary(UnOp, Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    Tuple(Vec<Expr>),
    /// `let x := e in b` (optionally `let x : T := e in b`).
    Let(Binder, Box<Expr>, Box<Expr>),
    /// `let (a, b) := e in body`
    LetTuple(Vec<Ident>, Box<Expr>, Box<Expr>),
    /// `when x, y == e; body` (option bind; more than one binder destructures a tuple)
    When(Vec<Ident>, Box<Expr>, Box<Expr>),
    Match(Box<Expr>, Vec<Arm>),
    /// `rely P; e`
    Rely(Box<Expr>, Box<Expr>),
    /// `anno P; e`
    Anno(Box<Expr>, Box<Expr>),
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `e.(f)`
    Field(Box<Expr>, Ident),
    /// `m @ k`
    MapGet(Box<Expr>, Box<Expr>),
    /// `m # k == v`
    MapSet(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `e {f : v}`
    RecSet(Box<Expr>, Ident, Box<Expr>),
    /// `e.[f1].[f2] :< v`
    Update(Box<Expr>, Vec<Ident>, Box<Expr>),
    Quant(Quant, Vec<Binder>, Box<Expr>),
}

#[derive(Clone, Debug)]
pub struct Arm {
    pub pat: Pattern,
    pub body: Expr,
}

#[derive(Clone, Debug)]
pub struct Pattern {
    pub kind: PatKind,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum PatKind {
    Wild,
    /// A variable binding; the checker turns names of nullary constructors into `Ctor(c, [])`.
    Var(String),
    Ctor(Ident, Vec<Pattern>),
    Tuple(Vec<Pattern>),
    Num(u128),
    Str(String),
    Bool(bool),
}

/// A parameter `(x : T)` of a definition (groups `(x y : T)` are expanded).
#[derive(Clone, Debug)]
pub struct Param {
    pub name: Ident,
    pub ty: TypeExpr,
}

#[derive(Clone, Debug)]
pub struct Field {
    pub name: Ident,
    pub ty: TypeExpr,
}

#[derive(Clone, Debug)]
pub struct Ctor {
    pub name: Ident,
    pub args: Vec<Param>,
}

#[derive(Clone, Debug)]
pub struct Item {
    pub kind: ItemKind,
    pub span: Span,
}

// Items are few (one per declaration); boxing the large variants buys nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug)]
pub enum ItemKind {
    Include(String),
    /// `From AutoV.PT Require Import PTDesc PTInstances.`: names of coq-lib modules the
    /// configuration uses (`library.rs` lists what each provides).
    Require {
        lib: Ident,
        modules: Vec<Ident>,
    },
    Section(Ident),
    End(Ident),
    Record {
        name: Ident,
        ctor: Ident,
        fields: Vec<Field>,
    },
    Inductive {
        name: Ident,
        ctors: Vec<Ctor>,
    },
    /// `Definition N := <type>.`
    Typedef {
        name: Ident,
        ty: TypeExpr,
    },
    /// `Definition`/`Fixpoint N (x:T)* [: T] := e.`
    Definition {
        name: Ident,
        params: Vec<Param>,
        ret: Option<TypeExpr>,
        body: Expr,
        fixpoint: bool,
    },
    Parameter {
        name: Ident,
        ty: TypeExpr,
    },
    Hint {
        kind: Ident,
        names: Vec<Ident>,
    },
}

impl ItemKind {
    /// The defined name, if the item defines one.
    pub fn name(&self) -> Option<&Ident> {
        match self {
            ItemKind::Record { name, .. }
            | ItemKind::Inductive { name, .. }
            | ItemKind::Typedef { name, .. }
            | ItemKind::Definition { name, .. }
            | ItemKind::Parameter { name, .. } => Some(name),
            _ => None,
        }
    }
}

impl Expr {
    pub fn new(kind: ExprKind, span: Span) -> Expr {
        Expr {
            kind,
            span,
            ty: None,
        }
    }
    /// Try to read this expression as a type (for `Definition N := <type>.`).
    pub fn as_type(&self) -> Option<TypeExpr> {
        let kind = match &self.kind {
            ExprKind::Var(n) => TypeExprKind::Name(n.clone()),
            ExprKind::App(f, args) if args.len() == 1 => match &f.kind {
                ExprKind::Var(n) if matches!(n.as_str(), "list" | "option" | "ZMap.t") => {
                    TypeExprKind::App(n.clone(), Box::new(args[0].as_type()?))
                }
                _ => return None,
            },
            ExprKind::Binary(BinOp::Mul, _, _) => {
                let mut parts = vec![];
                fn flat(e: &Expr, out: &mut Vec<TypeExpr>) -> Option<()> {
                    match &e.kind {
                        ExprKind::Binary(BinOp::Mul, a, b) => {
                            flat(a, out)?;
                            out.push(b.as_type()?);
                        }
                        _ => out.push(e.as_type()?),
                    }
                    Some(())
                }
                flat(self, &mut parts)?;
                TypeExprKind::Tuple(parts)
            }
            ExprKind::Binary(BinOp::Impl, a, b) => {
                TypeExprKind::Arrow(Box::new(a.as_type()?), Box::new(b.as_type()?))
            }
            _ => return None,
        };
        Some(TypeExpr {
            kind,
            span: self.span,
        })
    }
}

impl TypeExpr {
    /// Every name used in the type.
    pub fn names(&self, out: &mut Vec<(String, Span)>) {
        match &self.kind {
            TypeExprKind::Name(n) => out.push((n.clone(), self.span)),
            TypeExprKind::App(_, t) => t.names(out),
            TypeExprKind::Tuple(ts) => ts.iter().for_each(|t| t.names(out)),
            TypeExprKind::Arrow(a, b) => {
                a.names(out);
                b.names(out)
            }
        }
    }
}
