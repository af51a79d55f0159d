//! The code model: a typed Rust mirror of coq-lib's `AutoV.Syntax` (types, constants, expressions,
//! statements). Each node is lowered to a Gallina [`Term`] of the `coq` crate (constructor
//! applications), which the one printer lays out.

use coq::{ListLayout, Term};

/// A Coq identifier (already mangled).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Id(pub String);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FKind {
    Half,
    Bfloat,
    Float,
    Double,
    X86Fp80,
    Fp128,
    PpcFp128,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Typ {
    Void,
    Int(u32),
    Float(FKind),
    Ptr,
    Array(u64, Box<Typ>),
    Vector(u64, Box<Typ>),
    Struct(bool, Vec<Typ>),
    Func(Box<Typ>, Vec<Typ>, bool),
    Opaque,
    /// A named struct defined in the module's `Types.v` (`t_<name>`).
    Named(Id),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Const {
    /// Width and value as a decimal integer literal (may be negative).
    Int(u32, String),
    /// Raw bits as a `0x` hex literal.
    Float(FKind, String),
    Null,
    Global(Id),
    Undef(Typ),
    Poison(Typ),
    Zero(Typ),
    Agg(Vec<Const>),
    Vec(Vec<Const>),
    /// Constant GEP: pointer constant plus a signed byte offset (decimal literal).
    PtrAdd(Box<Const>, String),
    /// Cast constructor name, operand, destination type.
    Cast(&'static str, Box<Const>, Typ),
    Binop(Binop, Flags, Box<Const>, Box<Const>),
    Icmp(&'static str, Box<Const>, Box<Const>),
    Select(Box<Const>, Box<Const>, Box<Const>),
    /// An `[n x i8]` array, printed as string-literal chunks (`Cbytes`).
    Bytes(Vec<u8>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Binop {
    Add,
    Sub,
    Mul,
    Udiv,
    Sdiv,
    Urem,
    Srem,
    Shl,
    Lshr,
    Ashr,
    And,
    Or,
    Xor,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Flags {
    pub nuw: bool,
    pub nsw: bool,
    pub exact: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FBinop {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expr {
    Var(Id),
    Const(Const),
    Binop(Binop, Flags, Box<Expr>, Box<Expr>),
    FBinop(FBinop, Box<Expr>, Box<Expr>),
    FNeg(Box<Expr>),
    /// Predicate constructor name (`Ceq` …).
    Icmp(&'static str, Box<Expr>, Box<Expr>),
    /// Predicate constructor name (`FColt` …).
    Fcmp(&'static str, Box<Expr>, Box<Expr>),
    /// Cast constructor name (`Kzext` …) and destination type.
    Cast(&'static str, Box<Expr>, Typ),
    Select(Box<Expr>, Box<Expr>, Box<Expr>),
    Freeze(Box<Expr>),
    ExtractValue(Box<Expr>, Vec<u32>),
    InsertValue(Box<Expr>, Box<Expr>, Vec<u32>),
    ExtractElement(Box<Expr>, Box<Expr>),
    InsertElement(Box<Expr>, Box<Expr>, Box<Expr>),
    Shuffle(Box<Expr>, Box<Expr>, Vec<i64>),
    /// Pointer plus a byte offset; `true` for `getelementptr inbounds` (`Eptradd_inb`).
    PtrAdd(bool, Box<Expr>, Box<Expr>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ordering {
    NotAtomic,
    Unordered,
    Monotonic,
    Acquire,
    Release,
    AcqRel,
    SeqCst,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Callee {
    Direct(Id),
    Indirect(Expr),
    Intrinsic(Id),
    Asm(Id),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stmt {
    Skip,
    Assign(Id, Expr),
    Load(Id, Ordering, Typ, Expr),
    Store(Ordering, Typ, Expr, Expr),
    Alloca(Id, Expr),
    /// Result, `RMW…` constructor name, ordering, type, address, value.
    AtomicRmw(Id, &'static str, Ordering, Typ, Expr, Expr),
    /// Result, success/failure orderings, weak, type, address, expected, new.
    CmpXchg(Id, Ordering, Ordering, bool, Typ, Expr, Expr, Expr),
    Fence(Ordering),
    Call(Option<Id>, Callee, Vec<Expr>),
    /// A sequence (printed with `Sseqs`).
    Seq(Vec<Stmt>),
    If(Expr, Box<Stmt>, Box<Stmt>),
    /// Cases: values (decimal literals) and bodies; then the default.
    Switch(Expr, Vec<(Vec<String>, Stmt)>, Box<Stmt>),
    Block(Box<Stmt>),
    Loop(Box<Stmt>),
    Break(usize),
    Continue(usize),
    Return(Option<Expr>),
    Unreachable,
    /// `invoke`: result, callee, arguments, normal continuation, unwind continuation.
    Invoke(Option<Id>, Callee, Vec<Expr>, Box<Stmt>, Box<Stmt>),
    /// `landingpad`: result, type, cleanup, clauses (`true` = catch, `false` = filter).
    LandingPad(Id, Typ, bool, Vec<(bool, Const)>),
    Resume(Expr),
}

fn atom(s: impl Into<String>) -> Term {
    Term::name(s)
}

fn app(h: &str, args: Vec<Term>) -> Term {
    Term::app(h, args)
}

/// An integer literal from its decimal text (parenthesised when negative).
pub fn z(s: &str) -> Term {
    Term::int_str(s)
}

fn zn(n: i64) -> Term {
    Term::int(n as i128)
}

fn list(v: Vec<Term>) -> Term {
    Term::List(v, ListLayout::Fill)
}

impl FKind {
    fn name(self) -> &'static str {
        match self {
            FKind::Half => "Fhalf",
            FKind::Bfloat => "Fbfloat",
            FKind::Float => "Ffloat",
            FKind::Double => "Fdouble",
            FKind::X86Fp80 => "Fx86_fp80",
            FKind::Fp128 => "Ffp128",
            FKind::PpcFp128 => "Fppc_fp128",
        }
    }
}

impl Typ {
    pub fn term(&self) -> Term {
        match self {
            Typ::Void => atom("Tvoid"),
            Typ::Int(w) => app("Tint", vec![zn(*w as i64)]),
            Typ::Float(k) => app("Tfloat", vec![atom(k.name())]),
            Typ::Ptr => atom("Tptr"),
            Typ::Array(n, t) => app("Tarray", vec![zn(*n as i64), t.term()]),
            Typ::Vector(n, t) => app("Tvector", vec![zn(*n as i64), t.term()]),
            Typ::Struct(p, fs) => app(
                "Tstruct",
                vec![Term::bool(*p), list(fs.iter().map(|t| t.term()).collect())],
            ),
            Typ::Func(r, a, v) => app(
                "Tfunc",
                vec![
                    r.term(),
                    list(a.iter().map(|t| t.term()).collect()),
                    Term::bool(*v),
                ],
            ),
            Typ::Opaque => atom("Topaque"),
            Typ::Named(id) => atom(id.0.clone()),
        }
    }
}

/// Bytes per `Cbytes` chunk: long string literals overflow coqc's stack, and a chunk per line
/// keeps the file readable.
pub const BYTES_CHUNK: usize = 64;

/// The text of a Coq string literal for `bytes` in the escape of `Eval.bytes_of_string`: printable
/// ASCII stands for itself, every other byte (and `\` and `"`) is `\hh` (so no quote is left to
/// double).
pub fn bytes_escaped(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() + 10);
    for &b in bytes {
        if (0x20..0x7f).contains(&b) && b != b'\\' && b != b'"' {
            s.push(b as char);
        } else {
            let _ = std::fmt::Write::write_fmt(&mut s, format_args!("\\{b:02x}"));
        }
    }
    s
}

impl Const {
    pub fn term(&self) -> Term {
        match self {
            Const::Int(w, v) => app("Cint", vec![zn(*w as i64), z(v)]),
            Const::Float(k, bits) => {
                app("Cfloat", vec![atom(k.name()), Term::int_str(bits.clone())])
            }
            Const::Null => atom("Cnull"),
            Const::Global(g) => app("Cglobal", vec![atom(g.0.clone())]),
            Const::Undef(t) => app("Cundef", vec![t.term()]),
            Const::Poison(t) => app("Cpoison", vec![t.term()]),
            Const::Zero(t) => app("Czero", vec![t.term()]),
            Const::Agg(cs) => app("Cagg", vec![list(cs.iter().map(|c| c.term()).collect())]),
            Const::Vec(cs) => app("Cvec", vec![list(cs.iter().map(|c| c.term()).collect())]),
            Const::PtrAdd(c, off) => app("Cptradd", vec![c.term(), z(off)]),
            Const::Cast(k, c, t) => app("Ccast", vec![atom(*k), c.term(), t.term()]),
            Const::Binop(op, f, a, b) => app(
                "Cbinop",
                vec![atom(op.name()), flags_term(*f), a.term(), b.term()],
            ),
            Const::Icmp(p, a, b) => app("Cicmp", vec![atom(*p), a.term(), b.term()]),
            Const::Select(c, a, b) => app("Cselect", vec![c.term(), a.term(), b.term()]),
            Const::Bytes(bs) => app(
                "Cbytes",
                vec![list(
                    bs.chunks(BYTES_CHUNK)
                        .map(|c| Term::Str(bytes_escaped(c)))
                        .collect(),
                )],
            ),
        }
    }
}

impl Binop {
    fn name(self) -> &'static str {
        match self {
            Binop::Add => "Oadd",
            Binop::Sub => "Osub",
            Binop::Mul => "Omul",
            Binop::Udiv => "Oudiv",
            Binop::Sdiv => "Osdiv",
            Binop::Urem => "Ourem",
            Binop::Srem => "Osrem",
            Binop::Shl => "Oshl",
            Binop::Lshr => "Olshr",
            Binop::Ashr => "Oashr",
            Binop::And => "Oand",
            Binop::Or => "Oor",
            Binop::Xor => "Oxor",
        }
    }
}

fn flags_term(f: Flags) -> Term {
    atom(match (f.nuw, f.nsw, f.exact) {
        (false, false, false) => "nofl",
        (true, false, false) => "fl_nuw",
        (false, true, false) => "fl_nsw",
        (true, true, false) => "fl_nuw_nsw",
        (false, false, true) => "fl_exact",
        _ => {
            return app(
                "mkflags",
                vec![Term::bool(f.nuw), Term::bool(f.nsw), Term::bool(f.exact)],
            )
        }
    })
}

fn zlist<T: ToString>(v: &[T]) -> Term {
    list(v.iter().map(|x| z(&x.to_string())).collect())
}

impl Expr {
    pub fn term(&self) -> Term {
        match self {
            Expr::Var(x) => app("Evar", vec![atom(x.0.clone())]),
            Expr::Const(c) => app("Econst", vec![c.term()]),
            Expr::Binop(op, f, a, b) => app(
                "Ebinop",
                vec![atom(op.name()), flags_term(*f), a.term(), b.term()],
            ),
            Expr::FBinop(op, a, b) => {
                let o = match op {
                    FBinop::Add => "Ofadd",
                    FBinop::Sub => "Ofsub",
                    FBinop::Mul => "Ofmul",
                    FBinop::Div => "Ofdiv",
                    FBinop::Rem => "Ofrem",
                };
                app("Efbinop", vec![atom(o), a.term(), b.term()])
            }
            Expr::FNeg(a) => app("Efneg", vec![a.term()]),
            Expr::Icmp(p, a, b) => app("Eicmp", vec![atom(*p), a.term(), b.term()]),
            Expr::Fcmp(p, a, b) => app("Efcmp", vec![atom(*p), a.term(), b.term()]),
            Expr::Cast(k, a, t) => app("Ecast", vec![atom(*k), a.term(), t.term()]),
            Expr::Select(c, a, b) => app("Eselect", vec![c.term(), a.term(), b.term()]),
            Expr::Freeze(a) => app("Efreeze", vec![a.term()]),
            Expr::ExtractValue(a, ix) => app("Eextractvalue", vec![a.term(), zlist(ix)]),
            Expr::InsertValue(a, v, ix) => app("Einsertvalue", vec![a.term(), v.term(), zlist(ix)]),
            Expr::ExtractElement(a, i) => app("Eextractelement", vec![a.term(), i.term()]),
            Expr::InsertElement(a, v, i) => {
                app("Einsertelement", vec![a.term(), v.term(), i.term()])
            }
            Expr::Shuffle(a, b, m) => app("Eshufflevector", vec![a.term(), b.term(), zlist(m)]),
            Expr::PtrAdd(false, p, o) => app("Eptradd", vec![p.term(), o.term()]),
            Expr::PtrAdd(true, p, o) => app("Eptradd_inb", vec![p.term(), o.term()]),
        }
    }
}

impl Ordering {
    fn term(self) -> Term {
        atom(match self {
            Ordering::NotAtomic => "NotAtomic",
            Ordering::Unordered => "Unordered",
            Ordering::Monotonic => "Monotonic",
            Ordering::Acquire => "Acquire",
            Ordering::Release => "Release",
            Ordering::AcqRel => "AcqRel",
            Ordering::SeqCst => "SeqCst",
        })
    }
}

fn id_term(x: &Id) -> Term {
    atom(x.0.clone())
}

/// Result, callee and argument list of `Scall`/`Sinvoke`.
fn call_terms(x: &Option<Id>, f: &Callee, args: &[Expr]) -> Vec<Term> {
    let r = match x {
        Some(x) => app("Some", vec![id_term(x)]),
        None => atom("None"),
    };
    let f = match f {
        Callee::Direct(g) => app("Fdirect", vec![id_term(g)]),
        Callee::Indirect(e) => app("Findirect", vec![e.term()]),
        Callee::Intrinsic(g) => app("Fintrinsic", vec![id_term(g)]),
        Callee::Asm(g) => app("Fasm", vec![id_term(g)]),
    };
    vec![r, f, list(args.iter().map(|a| a.term()).collect())]
}

impl Stmt {
    pub fn term(&self) -> Term {
        match self {
            Stmt::Skip => atom("Sskip"),
            Stmt::Assign(x, e) => app("Sassign", vec![id_term(x), e.term()]),
            Stmt::Load(x, o, t, a) => app("Sload", vec![id_term(x), o.term(), t.term(), a.term()]),
            Stmt::Store(o, t, a, v) => app("Sstore", vec![o.term(), t.term(), a.term(), v.term()]),
            Stmt::Alloca(x, n) => app("Salloca", vec![id_term(x), n.term()]),
            Stmt::AtomicRmw(x, op, o, t, a, v) => app(
                "Satomicrmw",
                vec![
                    id_term(x),
                    atom(*op),
                    o.term(),
                    t.term(),
                    a.term(),
                    v.term(),
                ],
            ),
            Stmt::CmpXchg(x, s, f, w, t, a, e, n) => app(
                "Scmpxchg",
                vec![
                    id_term(x),
                    s.term(),
                    f.term(),
                    Term::bool(*w),
                    t.term(),
                    a.term(),
                    e.term(),
                    n.term(),
                ],
            ),
            Stmt::Fence(o) => app("Sfence", vec![o.term()]),
            Stmt::Call(x, f, args) => {
                let mut v = call_terms(x, f, args);
                app("Scall", std::mem::take(&mut v))
            }
            Stmt::Invoke(x, f, args, n, u) => {
                let mut v = call_terms(x, f, args);
                v.push(n.term());
                v.push(u.term());
                app("Sinvoke", v)
            }
            Stmt::LandingPad(x, t, cleanup, clauses) => app(
                "Slandingpad",
                vec![
                    id_term(x),
                    t.term(),
                    Term::bool(*cleanup),
                    list(
                        clauses
                            .iter()
                            .map(|(k, c)| Term::Tuple(vec![Term::bool(*k), c.term()]))
                            .collect(),
                    ),
                ],
            ),
            Stmt::Resume(e) => app("Sresume", vec![e.term()]),
            Stmt::Seq(v) => match v.len() {
                0 => atom("Sskip"),
                1 => v[0].term(),
                _ => app(
                    "Sseqs",
                    vec![Term::List(
                        v.iter().map(|s| s.term()).collect(),
                        ListLayout::Lines,
                    )],
                ),
            },
            Stmt::If(c, a, b) => app("Sif", vec![c.term(), a.term(), b.term()]),
            Stmt::Switch(e, cases, d) => app(
                "Sswitch",
                vec![
                    e.term(),
                    list(
                        cases
                            .iter()
                            .map(|(vs, s)| {
                                Term::Tuple(vec![list(vs.iter().map(|v| z(v)).collect()), s.term()])
                            })
                            .collect(),
                    ),
                    d.term(),
                ],
            ),
            Stmt::Block(s) => app("Sblock", vec![s.term()]),
            Stmt::Loop(s) => app("Sloop", vec![s.term()]),
            Stmt::Break(n) => app("Sbreak", vec![zn(*n as i64)]),
            Stmt::Continue(n) => app("Scontinue", vec![zn(*n as i64)]),
            Stmt::Return(None) => app("Sreturn", vec![atom("None")]),
            Stmt::Return(Some(e)) => app("Sreturn", vec![app("Some", vec![e.term()])]),
            Stmt::Unreachable => atom("Sunreachable"),
        }
    }
}

/// A Coq comment with text made safe for Coq's comment lexer.
pub fn comment(text: &str) -> String {
    coq::print::comment_text(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_nested_statements() {
        let s = Stmt::Seq(vec![
            Stmt::Assign(
                Id("_x".into()),
                Expr::Binop(
                    Binop::Add,
                    Flags {
                        nsw: true,
                        ..Default::default()
                    },
                    Box::new(Expr::Var(Id("_a".into()))),
                    Box::new(Expr::Const(Const::Int(32, "-1".into()))),
                ),
            ),
            Stmt::Return(Some(Expr::Var(Id("_x".into())))),
        ]);
        assert_eq!(
            s.term().render(),
            "Sseqs\n  [Sassign _x (Ebinop Oadd fl_nsw (Evar _a) (Econst (Cint 32 (-1))));\n   Sreturn (Some (Evar _x))]"
        );
    }

    #[test]
    fn comments_cannot_escape() {
        assert_eq!(comment("a *) \"b (*"), "(* a * ) 'b ( * *)");
    }
}
