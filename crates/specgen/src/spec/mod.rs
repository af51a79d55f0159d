//! The typed spec IR: what a spec *is*, between low-spec generation, synthesis and proof
//! generation.
//!
//! A spec is a state-passing, option-returning function over the layer state. Its body is an
//! [`Expr`] whose nodes say what they mean — pure operations with a fixed semantics ([`Prim`]),
//! calls of named definitions (callee specs, the layer's memory operations, loop fixpoints, join
//! points), `let`, `if`, `match`, the option bind (`when`), `rely` and undefined-behaviour guards —
//! so later stages (synthesis, definedness analysis, the evaluator) work on values, never on Coq
//! text. [`print`] lowers it to `coq::Term`s.
//!
//! Types are the configuration language's ([`config::Ty`]): `Z`, `bool`, `nat`, the built-in `Ptr`
//! record, tuples, options and the configured records.

pub mod print;

pub use config::Ty;

/// The `Ptr` type (coq-lib's `ptr`).
pub fn ptr_ty() -> Ty {
    Ty::Named("Ptr".into())
}

/// A bound variable and its type.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Var {
    pub name: String,
    pub ty: Ty,
}

impl Var {
    pub fn new(name: impl Into<String>, ty: Ty) -> Var {
        Var {
            name: name.into(),
            ty,
        }
    }
}

/// A literal.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Lit {
    /// An integer (`Z`), any size (decimal text, possibly negative).
    Z(String),
    Bool(bool),
    Nat(u64),
}

impl Lit {
    pub fn z(n: i128) -> Lit {
        Lit::Z(n.to_string())
    }
}

/// Binary `iN` operations of coq-lib's `Ints` (`iadd w a b` …): wrap-around semantics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IntOp {
    Add,
    Sub,
    Mul,
    Udiv,
    Urem,
    Sdiv,
    Srem,
    Shl,
    Lshr,
    Ashr,
    And,
    Or,
    Xor,
}

/// `iN` comparisons (`ieq w a b` …), returning `bool`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IntCmp {
    Eq,
    Ult,
    Ule,
    Slt,
    Sle,
}

/// `Z` arithmetic of the standard library.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ZOp {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
}

/// `Z` comparisons returning `bool` (`=?`, `<?`, `<=?`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ZCmp {
    Eq,
    Lt,
    Le,
}

/// The `nsw`/`nuw`/`exact` flags of an operation (coq-lib's `flags`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Flags {
    pub nuw: bool,
    pub nsw: bool,
    pub exact: bool,
}

/// Kinds of poison-producing overflow of flagged operations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Ovf {
    Add,
    Sub,
    Mul,
    Shl,
}

/// Pure operations with a fixed meaning (each is a coq-lib or standard-library function).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Prim {
    /// `iop w a b`.
    Int(IntOp, u32),
    /// `icmp w a b : bool`.
    Cmp(IntCmp, u32),
    /// `itrunc w a`, `izext w a`, `isext w w' a`, `wrap w a`.
    Trunc(u32),
    Zext(u32),
    Sext(u32, u32),
    Wrap(u32),
    /// `ovf_op flags w a b : bool` — the flagged operation overflows (its result is poison).
    Overflow(Ovf, Flags, u32),
    /// `sdiv_ovf w a b : bool` — `INT_MIN / -1`.
    SdivOverflow(u32),
    Z(ZOp),
    ZCmp(ZCmp),
    And,
    Or,
    Xor,
    Not,
    /// `b2z b`.
    B2z,
    /// `ptr_add p w off`: pointer plus a `w`-bit signed offset, as the semantics computes it.
    PtrAdd(u32),
    /// `ptr_inbounds p w off : bool`: a `getelementptr inbounds` stays in its object's range.
    PtrInbounds(u32),
    /// `Ptr Babs z`: the pointer of a plain integer address.
    PtrAbs,
    /// `Ptr (Bglob g) 0`: the address of a code global (by its code-model ident).
    PtrGlobal(String),
    /// `case_in w v [k1; …]`: switch case membership as the semantics computes it.
    CaseIn(u32, Vec<String>),
}

/// A pattern (of `match`, option bind, `let` of a tuple).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Pat {
    Wild,
    Var(Var),
    Tuple(Vec<Pat>),
    Lit(Lit),
    /// `S p` on `nat`.
    Succ(Box<Pat>),
}

/// A spec expression.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Expr {
    Var(String),
    Lit(Lit),
    Prim(Prim, Vec<Expr>),
    /// A call of a named definition: a callee's spec, a memory operation, a loop fixpoint, a fuel
    /// function, a join point, a configuration definition.
    Call(String, Vec<Expr>),
    Let(Var, Box<Expr>, Box<Expr>),
    /// `let j := fun params => body in rest`: a join point (continuation shared by branches).
    LetFun {
        name: String,
        params: Vec<Var>,
        body: Box<Expr>,
        rest: Box<Expr>,
    },
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `if c then None else k`: `None` where the code has undefined behaviour or poison.
    Guard(Box<Expr>, Box<Expr>),
    /// `match e with Some p => k | None => None end`.
    Bind(Pat, Box<Expr>, Box<Expr>),
    Match(Box<Expr>, Vec<(Pat, Expr)>),
    Tuple(Vec<Expr>),
    Some(Box<Expr>),
    None,
}

impl Expr {
    pub fn var(x: impl Into<String>) -> Expr {
        Expr::Var(x.into())
    }
    pub fn z(n: i128) -> Expr {
        Expr::Lit(Lit::z(n))
    }
    pub fn nat(n: u64) -> Expr {
        Expr::Lit(Lit::Nat(n))
    }
    pub fn bool(b: bool) -> Expr {
        Expr::Lit(Lit::Bool(b))
    }
    pub fn prim(p: Prim, args: Vec<Expr>) -> Expr {
        Expr::Prim(p, args)
    }
    pub fn call(f: impl Into<String>, args: Vec<Expr>) -> Expr {
        Expr::Call(f.into(), args)
    }
    pub fn some(e: Expr) -> Expr {
        Expr::Some(Box::new(e))
    }
    pub fn let_(x: Var, e: Expr, body: Expr) -> Expr {
        Expr::Let(x, Box::new(e), Box::new(body))
    }
    pub fn if_(c: Expr, a: Expr, b: Expr) -> Expr {
        Expr::If(Box::new(c), Box::new(a), Box::new(b))
    }
    pub fn guard(c: Expr, k: Expr) -> Expr {
        Expr::Guard(Box::new(c), Box::new(k))
    }
    pub fn bind(p: Pat, e: Expr, k: Expr) -> Expr {
        Expr::Bind(p, Box::new(e), Box::new(k))
    }
    pub fn match_(e: Expr, arms: Vec<(Pat, Expr)>) -> Expr {
        Expr::Match(Box::new(e), arms)
    }
    /// `if g1 then None else if g2 then None else k`.
    pub fn guarded(guards: Vec<Expr>, k: Expr) -> Expr {
        guards
            .into_iter()
            .rev()
            .fold(k, |acc, c| Expr::guard(c, acc))
    }

    /// Number of nodes (the size reported before/after synthesis).
    pub fn size(&self) -> usize {
        1 + match self {
            Expr::Var(_) | Expr::Lit(_) | Expr::None => 0,
            Expr::Prim(_, a) | Expr::Call(_, a) | Expr::Tuple(a) => a.iter().map(Expr::size).sum(),
            Expr::Let(_, e, b) | Expr::Guard(e, b) | Expr::Bind(_, e, b) => e.size() + b.size(),
            Expr::LetFun { body, rest, .. } => body.size() + rest.size(),
            Expr::If(c, a, b) => c.size() + a.size() + b.size(),
            Expr::Match(e, arms) => e.size() + arms.iter().map(|(_, a)| a.size()).sum::<usize>(),
            Expr::Some(e) => e.size(),
        }
    }

    /// The direct subexpressions, in order.
    pub fn children(&self) -> Vec<&Expr> {
        match self {
            Expr::Var(_) | Expr::Lit(_) | Expr::None => vec![],
            Expr::Prim(_, a) | Expr::Call(_, a) | Expr::Tuple(a) => a.iter().collect(),
            Expr::Let(_, e, b) | Expr::Guard(e, b) | Expr::Bind(_, e, b) => vec![e, b],
            Expr::LetFun { body, rest, .. } => vec![body, rest],
            Expr::If(c, a, b) => vec![c, a, b],
            Expr::Match(e, arms) => std::iter::once(&**e)
                .chain(arms.iter().map(|(_, a)| a))
                .collect(),
            Expr::Some(e) => vec![e],
        }
    }

    /// Every named definition this expression calls.
    pub fn calls(&self, out: &mut std::collections::BTreeSet<String>) {
        match self {
            Expr::Call(f, a) => {
                out.insert(f.clone());
                a.iter().for_each(|x| x.calls(out));
            }
            Expr::Var(_) | Expr::Lit(_) | Expr::None => {}
            Expr::Prim(_, a) | Expr::Tuple(a) => a.iter().for_each(|x| x.calls(out)),
            Expr::Let(_, e, b) | Expr::Guard(e, b) | Expr::Bind(_, e, b) => {
                e.calls(out);
                b.calls(out);
            }
            Expr::LetFun { body, rest, .. } => {
                body.calls(out);
                rest.calls(out);
            }
            Expr::If(c, a, b) => {
                c.calls(out);
                a.calls(out);
                b.calls(out);
            }
            Expr::Match(e, arms) => {
                e.calls(out);
                arms.iter().for_each(|(_, a)| a.calls(out));
            }
            Expr::Some(e) => e.calls(out),
        }
    }
}

/// A function of the spec IR: parameters, result type and body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fun {
    pub name: String,
    pub params: Vec<Var>,
    pub ret: Ty,
    pub body: Expr,
}

/// A loop's fuel: `fuelK args := bound` sealed behind a module type, so no reduction unfolds a
/// loop by computing its fuel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fuel {
    pub index: usize,
    /// The number of iterations allowed (a `nat` expression over the function's parameters).
    pub bound: Expr,
}

/// The low spec of one function: its fuel, the fixpoints of its loops, and the spec itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecDefs {
    /// The function whose parameters the fuel functions take.
    pub fuel_module: String,
    pub fuel_params: Vec<Var>,
    pub fuel: Vec<Fuel>,
    /// Loop fixpoints (structurally recursive on their first parameter, the fuel), in order.
    pub fixpoints: Vec<Fun>,
    pub spec: Fun,
}
