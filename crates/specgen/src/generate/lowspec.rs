//! Low specs: a syntax-directed translation of a structured function body (ir2coq's typed Coq AST)
//! into a state-passing, option-returning Coq function.
//!
//! * Values: `iN` (N > 1) are `Z` (unsigned representative, as coq-lib's `Vint`), `i1` are `bool`,
//!   pointers are coq-lib `ptr`s. Every operation is the coq-lib `Ints` function the semantics uses
//!   (`iadd 32 a b`, `iult 64 a b`, …), so the code proof matches the code step by step.
//! * Undefined behaviour and poison (division by zero, over-wide shifts, `nsw`/`nuw`/`exact`
//!   violations) make the spec `None` (`if <condition> then None else …`): the spec is then undefined
//!   where the code is, or stronger — never wrong.
//! * Control: continuation-passing. A label's exit and a branch join become local join points
//!   (`let j := fun vars st => … in`); a loop becomes a `Fixpoint` on fuel whose result carries an exit
//!   code, the variables live after the loop and the state. Fuel 0 gives `None` (any bound is sound).
//! * Memory accesses use the layer-below's `LAYER_LOAD`/`LAYER_STORE`; calls use the callee's spec
//!   from the layer below's interface.

use super::gallina::{
    self as g, app, atom, bind, if_, infix, let_, match_, nat, none, some, Binder, Pat, T,
};
use ir2coq::syntax::{Binop, Callee, Const, Expr, Flags, Id, Stmt, Typ};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The spec-level type of a local.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VTy {
    Int(u32),
    Bool,
    Ptr,
}

impl VTy {
    pub fn of_typ(t: &Typ) -> Option<VTy> {
        match t {
            Typ::Int(1) => Some(VTy::Bool),
            Typ::Int(w) => Some(VTy::Int(*w)),
            Typ::Ptr => Some(VTy::Ptr),
            _ => None,
        }
    }
    /// The Coq type of the spec value.
    pub fn coq(self) -> &'static str {
        match self {
            VTy::Int(_) => "Z",
            VTy::Bool => "bool",
            VTy::Ptr => "ptr",
        }
    }
    /// The code value (`val`) holding spec value `x`.
    pub fn val(self, x: &str) -> String {
        match self {
            VTy::Int(w) => format!("Vint {w} {x}"),
            VTy::Bool => format!("Vint 1 (b2z {x})"),
            VTy::Ptr => format!("Vptr {x}"),
        }
    }
    /// A range fact for the value, if any.
    pub fn range(self, x: &str) -> Option<String> {
        match self {
            VTy::Int(w) => Some(format!("in_urange {w} {x} = true")),
            _ => None,
        }
    }
    pub fn default(self) -> T {
        match self {
            VTy::Int(_) => atom("0"),
            VTy::Bool => atom("false"),
            VTy::Ptr => atom("(Ptr Babs 0)"),
        }
    }
}

/// What the translation knows about a callee (a primitive of a lower layer).
#[derive(Clone, Debug)]
pub struct CalleeInfo {
    /// LLVM name.
    pub name: String,
    /// Coq name of its (high) spec in the layer below.
    pub spec: String,
    pub params: Vec<VTy>,
    pub ret: Option<VTy>,
}

/// A loop bound from the configuration (`p_loop_bound`).
#[derive(Clone, Debug)]
pub struct Bound {
    pub name: String,
    /// Applied to the function's parameters.
    pub takes_args: bool,
    /// Returns `nat` (else `Z`).
    pub nat: bool,
}

/// Inputs of one function's translation.
pub struct FnInput<'a> {
    /// LLVM name (also the prefix of generated names).
    pub name: &'a str,
    pub params: &'a [(Id, Typ)],
    pub ret: &'a Typ,
    pub body: &'a Stmt,
    /// Coq type of the state the code runs on (the layer below's data).
    pub state: &'a str,
    pub load: Option<&'a str>,
    pub store: Option<&'a str>,
    /// Callee ident (`g_…`) → info.
    pub callees: &'a BTreeMap<String, CalleeInfo>,
    pub bound: Option<Bound>,
}

/// How a loop exit continues outside the loop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExitKind {
    /// `break` out of the loop itself: execution continues after it.
    Normal,
    /// Return from the function.
    Return,
    /// `break n` / `continue n` of the label `n` levels out from the loop.
    Break(usize),
    Continue(usize),
}

impl ExitKind {
    pub fn code(&self) -> usize {
        match self {
            ExitKind::Normal => 0,
            ExitKind::Return => 1,
            ExitKind::Break(j) => 2 + 2 * j,
            ExitKind::Continue(j) => 3 + 2 * j,
        }
    }
}

/// A local with its spec type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Var {
    pub id: Id,
    pub ty: VTy,
}

/// Everything the code proof needs about one loop.
#[derive(Clone, Debug)]
pub struct LoopInfo {
    pub index: usize,
    pub fix: String,
    /// `Fuelmod.fuelK`.
    pub fuel: String,
    pub body: Stmt,
    /// Parameters of the fixpoint (in order); those not assigned in the loop are also in `frame`.
    pub args: Vec<Var>,
    pub outs: Vec<Var>,
    /// Locals in scope at the loop, not assigned in it, read in it or after it (fixed values).
    pub frame: Vec<Var>,
    pub ret: Option<VTy>,
    /// Exits used, in code order.
    pub exits: Vec<ExitKind>,
}

/// The translation of one function.
#[derive(Clone, Debug)]
pub struct LowSpec {
    pub spec: String,
    pub params: Vec<Var>,
    pub ret: Option<VTy>,
    /// Coq text of the definitions (fuel modules, fixpoints, the spec), in order.
    pub text: String,
    pub loops: Vec<LoopInfo>,
}

/// A construct the translation does not handle (the function gets no generated spec).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unsupported(pub String);

type R<T> = Result<T, Unsupported>;

fn unsup<T>(m: impl Into<String>) -> R<T> {
    Err(Unsupported(m.into()))
}

pub fn var(id: &Id) -> String {
    format!("v{}", id.0)
}

fn raw(id: &Id) -> String {
    format!("r{}", id.0)
}

fn flags_name(f: Flags) -> String {
    match (f.nuw, f.nsw, f.exact) {
        (false, false, false) => "nofl".into(),
        (true, false, false) => "fl_nuw".into(),
        (false, true, false) => "fl_nsw".into(),
        (true, true, false) => "fl_nuw_nsw".into(),
        (false, false, true) => "fl_exact".into(),
        (a, b, c) => format!("(mkflags {a} {b} {c})"),
    }
}

/// `z mod 2^w` of a decimal literal, as a decimal literal.
pub fn norm_lit(s: &str, w: u32) -> R<String> {
    if w > 127 {
        return unsup(format!("integer constant of width {w}"));
    }
    let v: i128 = s
        .parse()
        .map_err(|_| Unsupported(format!("integer constant `{s}`")))?;
    let m: i128 = 1i128 << w;
    Ok(v.rem_euclid(m).to_string())
}

// ---------------------------------------------------------------- analyses

fn expr_reads(e: &Expr, out: &mut BTreeSet<Id>) {
    match e {
        Expr::Var(x) => {
            out.insert(x.clone());
        }
        Expr::Const(_) => {}
        Expr::Binop(_, _, a, b)
        | Expr::FBinop(_, a, b)
        | Expr::Icmp(_, a, b)
        | Expr::Fcmp(_, a, b)
        | Expr::ExtractElement(a, b)
        | Expr::InsertValue(a, b, _)
        | Expr::Shuffle(a, b, _)
        | Expr::PtrAdd(a, b) => {
            expr_reads(a, out);
            expr_reads(b, out);
        }
        Expr::FNeg(a) | Expr::Cast(_, a, _) | Expr::Freeze(a) | Expr::ExtractValue(a, _) => {
            expr_reads(a, out)
        }
        Expr::Select(a, b, c) | Expr::InsertElement(a, b, c) => {
            expr_reads(a, out);
            expr_reads(b, out);
            expr_reads(c, out);
        }
    }
}

/// Locals read anywhere in `s`, skipping the subtree `skip` (compared by address).
fn reads(s: &Stmt, skip: Option<*const Stmt>, out: &mut BTreeSet<Id>) {
    if skip == Some(s as *const Stmt) {
        return;
    }
    match s {
        Stmt::Assign(_, e) | Stmt::Load(_, _, _, e) | Stmt::Alloca(_, e) => expr_reads(e, out),
        Stmt::Store(_, _, a, b) | Stmt::AtomicRmw(_, _, _, _, a, b) => {
            expr_reads(a, out);
            expr_reads(b, out);
        }
        Stmt::CmpXchg(_, _, _, _, _, a, b, c) => {
            expr_reads(a, out);
            expr_reads(b, out);
            expr_reads(c, out);
        }
        Stmt::Call(_, f, args) => {
            if let Callee::Indirect(e) = f {
                expr_reads(e, out);
            }
            args.iter().for_each(|a| expr_reads(a, out));
        }
        Stmt::Seq(v) => v.iter().for_each(|s| reads(s, skip, out)),
        Stmt::If(c, a, b) => {
            expr_reads(c, out);
            reads(a, skip, out);
            reads(b, skip, out);
        }
        Stmt::Switch(e, cases, d) => {
            expr_reads(e, out);
            cases.iter().for_each(|(_, s)| reads(s, skip, out));
            reads(d, skip, out);
        }
        Stmt::Block(b) | Stmt::Loop(b) => reads(b, skip, out),
        Stmt::Return(Some(e)) => expr_reads(e, out),
        _ => {}
    }
}

fn assigned(s: &Stmt, out: &mut BTreeSet<Id>) {
    match s {
        Stmt::Assign(x, _)
        | Stmt::Load(x, _, _, _)
        | Stmt::Alloca(x, _)
        | Stmt::AtomicRmw(x, ..)
        | Stmt::CmpXchg(x, ..)
        | Stmt::Call(Some(x), _, _) => {
            out.insert(x.clone());
        }
        Stmt::Seq(v) => v.iter().for_each(|s| assigned(s, out)),
        Stmt::If(_, a, b) => {
            assigned(a, out);
            assigned(b, out);
        }
        Stmt::Switch(_, cases, d) => {
            cases.iter().for_each(|(_, s)| assigned(s, out));
            assigned(d, out);
        }
        Stmt::Block(b) | Stmt::Loop(b) => assigned(b, out),
        _ => {}
    }
}

fn has_return(s: &Stmt) -> bool {
    match s {
        Stmt::Return(_) => true,
        Stmt::Seq(v) => v.iter().any(has_return),
        Stmt::If(_, a, b) => has_return(a) || has_return(b),
        Stmt::Switch(_, cases, d) => cases.iter().any(|(_, s)| has_return(s)) || has_return(d),
        Stmt::Block(b) | Stmt::Loop(b) => has_return(b),
        _ => false,
    }
}

/// Whether `s` contains a `break` to the label `depth` levels out from `s`.
fn breaks_to(s: &Stmt, depth: usize) -> bool {
    match s {
        Stmt::Break(n) => *n == depth,
        Stmt::Seq(v) => v.iter().any(|s| breaks_to(s, depth)),
        Stmt::If(_, a, b) => breaks_to(a, depth) || breaks_to(b, depth),
        Stmt::Switch(_, cases, d) => {
            cases.iter().any(|(_, s)| breaks_to(s, depth)) || breaks_to(d, depth)
        }
        Stmt::Block(b) | Stmt::Loop(b) => breaks_to(b, depth + 1),
        _ => false,
    }
}

/// Whether `s` may complete normally.
fn can_fall(s: &Stmt) -> bool {
    match s {
        Stmt::Break(_) | Stmt::Continue(_) | Stmt::Return(_) | Stmt::Unreachable => false,
        Stmt::Seq(v) => v.iter().all(can_fall),
        Stmt::If(_, a, b) => can_fall(a) || can_fall(b),
        Stmt::Switch(_, cases, d) => cases.iter().any(|(_, s)| can_fall(s)) || can_fall(d),
        Stmt::Block(b) => can_fall(b) || breaks_to(b, 0),
        Stmt::Loop(b) => breaks_to(b, 0),
        _ => true,
    }
}

// ---------------------------------------------------------------- types of locals

fn infer_types(f: &FnInput) -> HashMap<Id, Typ> {
    let mut tys: HashMap<Id, Typ> = f.params.iter().cloned().collect();
    fn ety(e: &Expr, tys: &HashMap<Id, Typ>) -> Option<Typ> {
        match e {
            Expr::Var(x) => tys.get(x).cloned(),
            Expr::Const(c) => match c {
                Const::Int(w, _) => Some(Typ::Int(*w)),
                Const::Null | Const::Global(_) => Some(Typ::Ptr),
                Const::Undef(t) | Const::Poison(t) | Const::Zero(t) => Some(t.clone()),
                _ => None,
            },
            Expr::Binop(_, _, a, b) => ety(a, tys).or_else(|| ety(b, tys)),
            Expr::Icmp(..) => Some(Typ::Int(1)),
            Expr::Cast(_, _, t) => Some(t.clone()),
            Expr::Select(_, a, b) => ety(a, tys).or_else(|| ety(b, tys)),
            Expr::Freeze(a) => ety(a, tys),
            Expr::PtrAdd(..) => Some(Typ::Ptr),
            _ => None,
        }
    }
    fn walk(s: &Stmt, tys: &mut HashMap<Id, Typ>, f: &FnInput, changed: &mut bool) {
        let mut set = |x: &Id, t: Option<Typ>, tys: &mut HashMap<Id, Typ>| {
            if let Some(t) = t {
                if !tys.contains_key(x) {
                    tys.insert(x.clone(), t);
                    *changed = true;
                }
            }
        };
        match s {
            Stmt::Assign(x, e) => {
                let t = ety(e, tys);
                set(x, t, tys)
            }
            Stmt::Load(x, _, t, _) => set(x, Some(t.clone()), tys),
            Stmt::Call(Some(x), Callee::Direct(g), _) => {
                let t = f.callees.get(&g.0).and_then(|c| c.ret).map(|r| match r {
                    VTy::Int(w) => Typ::Int(w),
                    VTy::Bool => Typ::Int(1),
                    VTy::Ptr => Typ::Ptr,
                });
                set(x, t, tys)
            }
            Stmt::Seq(v) => v.iter().for_each(|s| walk(s, tys, f, changed)),
            Stmt::If(_, a, b) => {
                walk(a, tys, f, changed);
                walk(b, tys, f, changed);
            }
            Stmt::Switch(_, cases, d) => {
                cases.iter().for_each(|(_, s)| walk(s, tys, f, changed));
                walk(d, tys, f, changed);
            }
            Stmt::Block(b) | Stmt::Loop(b) => walk(b, tys, f, changed),
            _ => {}
        }
    }
    loop {
        let mut changed = false;
        walk(f.body, &mut tys, f, &mut changed);
        if !changed {
            break;
        }
    }
    tys
}

// ---------------------------------------------------------------- translation

#[derive(Clone, Debug)]
enum Target {
    /// A join point `j p1 … pn st`.
    Join { name: String, params: Vec<Id> },
    /// Falling off the end of the function body.
    FnEnd,
    /// The next iteration of loop `k`: `fix fuel a1 … an st`.
    Next { fix: String, args: Vec<Id> },
    /// Leaving loop `k` with an exit code.
    Exit { lp: usize, kind: ExitKind },
}

#[derive(Clone, Debug)]
struct Label {
    brk: Target,
    cont: Option<Target>,
}

#[derive(Clone, Debug)]
struct Ctx {
    labels: Vec<Label>,
    ft: Target,
    /// `None`: return from the function; `Some(k)`: leave loop k with [`ExitKind::Return`].
    ret_loop: Option<usize>,
}

struct LoopState {
    outs: Vec<Var>,
    ret: Option<VTy>,
    used: BTreeSet<usize>,
}

struct Tr<'a> {
    f: &'a FnInput<'a>,
    tys: HashMap<Id, Typ>,
    joins: usize,
    loops: Vec<LoopState>,
    infos: Vec<LoopInfo>,
    defs: Vec<String>,
    fuel_defs: Vec<(usize, String, String)>,
    ret: Option<VTy>,
    params: Vec<Var>,
}

type Scope = BTreeSet<Id>;

impl<'a> Tr<'a> {
    fn vty(&self, x: &Id) -> R<VTy> {
        match self.tys.get(x) {
            Some(t) => {
                VTy::of_typ(t).ok_or_else(|| Unsupported(format!("local {} of type {:?}", x.0, t)))
            }
            None => unsup(format!("local {} of unknown type", x.0)),
        }
    }

    fn expr_ty(&self, e: &Expr) -> R<VTy> {
        let t = match e {
            Expr::Var(x) => return self.vty(x),
            Expr::Const(Const::Int(w, _)) => Typ::Int(*w),
            Expr::Const(Const::Null) | Expr::Const(Const::Global(_)) => Typ::Ptr,
            Expr::Const(Const::Zero(t)) => t.clone(),
            Expr::Binop(_, _, a, _) => return self.expr_ty(a),
            Expr::Icmp(..) => Typ::Int(1),
            Expr::Cast(_, _, t) => t.clone(),
            Expr::Select(_, a, _) => return self.expr_ty(a),
            Expr::PtrAdd(..) => Typ::Ptr,
            _ => return unsup(format!("expression {e:?}")),
        };
        VTy::of_typ(&t).ok_or_else(|| Unsupported(format!("value of type {t:?}")))
    }

    fn width(&self, e: &Expr) -> R<u32> {
        match self.expr_ty(e)? {
            VTy::Int(w) => Ok(w),
            VTy::Bool => Ok(1),
            VTy::Ptr => unsup("integer operation on a pointer"),
        }
    }

    /// An expression's value; `guards` collects conditions under which it is undefined or poison.
    fn expr(&self, e: &Expr, guards: &mut Vec<T>) -> R<T> {
        Ok(match e {
            Expr::Var(x) => {
                self.vty(x)?;
                atom(var(x))
            }
            Expr::Const(c) => match c {
                Const::Int(1, s) => atom(if norm_lit(s, 1)? == "1" {
                    "true"
                } else {
                    "false"
                }),
                Const::Int(w, s) => atom(norm_lit(s, *w)?),
                Const::Null => atom("(Ptr Babs 0)"),
                Const::Global(gid) => atom(format!("(Ptr (Bglob {}) 0)", gid.0)),
                Const::Zero(Typ::Int(1)) => atom("false"),
                Const::Zero(Typ::Int(_)) => atom("0"),
                Const::Zero(Typ::Ptr) => atom("(Ptr Babs 0)"),
                _ => return unsup(format!("constant {c:?}")),
            },
            Expr::Binop(op, fl, a, b) => {
                let w = self.width(a)?;
                let (ta, tb) = (self.expr(a, guards)?, self.expr(b, guards)?);
                if w == 1 {
                    let f = match op {
                        Binop::And => "andb",
                        Binop::Or => "orb",
                        Binop::Xor => "xorb",
                        _ => return unsup(format!("{op:?} on i1")),
                    };
                    return Ok(app(f, vec![ta, tb]));
                }
                let wt = atom(w.to_string());
                let fls = atom(flags_name(*fl));
                let (name, ovf) = match op {
                    Binop::Add => ("iadd", Some("ovf_add")),
                    Binop::Sub => ("isub", Some("ovf_sub")),
                    Binop::Mul => ("imul", Some("ovf_mul")),
                    Binop::Udiv => ("iudiv", None),
                    Binop::Urem => ("iurem", None),
                    Binop::Sdiv => ("isdiv", None),
                    Binop::Srem => ("isrem", None),
                    Binop::Shl => ("ishl", None),
                    Binop::Lshr => ("ilshr", None),
                    Binop::Ashr => ("iashr", None),
                    Binop::And => ("iand", None),
                    Binop::Or => ("ior", None),
                    Binop::Xor => ("ixor", None),
                };
                let has_fl = fl.nuw || fl.nsw || fl.exact;
                let wrapb = app("wrap", vec![wt.clone(), tb.clone()]);
                match op {
                    Binop::Add | Binop::Sub | Binop::Mul if has_fl => guards.push(app(
                        ovf.unwrap_or_default(),
                        vec![fls.clone(), wt.clone(), ta.clone(), tb.clone()],
                    )),
                    Binop::Udiv | Binop::Urem => {
                        guards.push(infix("=?", wrapb.clone(), atom("0")));
                        if fl.exact && *op == Binop::Udiv {
                            guards.push(app(
                                "negb",
                                vec![infix(
                                    "=?",
                                    app("iurem", vec![wt.clone(), ta.clone(), tb.clone()]),
                                    atom("0"),
                                )],
                            ));
                        }
                    }
                    Binop::Sdiv | Binop::Srem => {
                        guards.push(infix(
                            "||",
                            infix("=?", wrapb.clone(), atom("0")),
                            app("sdiv_ovf", vec![wt.clone(), ta.clone(), tb.clone()]),
                        ));
                        if fl.exact && *op == Binop::Sdiv {
                            guards.push(app(
                                "negb",
                                vec![infix(
                                    "=?",
                                    app("isrem", vec![wt.clone(), ta.clone(), tb.clone()]),
                                    atom("0"),
                                )],
                            ));
                        }
                    }
                    Binop::Shl | Binop::Lshr | Binop::Ashr => {
                        guards.push(infix("<=?", wt.clone(), wrapb.clone()));
                        if *op == Binop::Shl && has_fl {
                            guards.push(app(
                                "ovf_shl",
                                vec![fls.clone(), wt.clone(), ta.clone(), tb.clone()],
                            ));
                        }
                        if *op != Binop::Shl && fl.exact {
                            guards.push(app(
                                "negb",
                                vec![infix(
                                    "=?",
                                    infix(
                                        "mod",
                                        app("wrap", vec![wt.clone(), ta.clone()]),
                                        infix("^", atom("2"), wrapb.clone()),
                                    ),
                                    atom("0"),
                                )],
                            ));
                        }
                    }
                    _ => {}
                }
                app(name, vec![wt, ta, tb])
            }
            Expr::Icmp(p, a, b) => {
                let ty = self.expr_ty(a)?;
                let (ta, tb) = (self.expr(a, guards)?, self.expr(b, guards)?);
                let (ta, tb, w) = match ty {
                    VTy::Int(w) => (ta, tb, w),
                    VTy::Bool => (app("b2z", vec![ta]), app("b2z", vec![tb]), 1),
                    VTy::Ptr => return unsup("pointer comparison"),
                };
                let wt = atom(w.to_string());
                let c = |f: &str, x: T, y: T| app(f, vec![wt.clone(), x, y]);
                match *p {
                    "Ceq" => c("ieq", ta, tb),
                    "Cne" => app("negb", vec![c("ieq", ta, tb)]),
                    "Cult" => c("iult", ta, tb),
                    "Cule" => c("iule", ta, tb),
                    "Cugt" => c("iult", tb, ta),
                    "Cuge" => c("iule", tb, ta),
                    "Cslt" => c("islt", ta, tb),
                    "Csle" => c("isle", ta, tb),
                    "Csgt" => c("islt", tb, ta),
                    "Csge" => c("isle", tb, ta),
                    _ => return unsup(format!("icmp {p}")),
                }
            }
            Expr::Cast(op, a, t) => {
                let from = self.expr_ty(a)?;
                let ta = self.expr(a, guards)?;
                let to = VTy::of_typ(t).ok_or_else(|| Unsupported(format!("cast to {t:?}")))?;
                match (*op, from, to) {
                    ("Ktrunc", VTy::Int(_), VTy::Int(w2)) => {
                        app("itrunc", vec![atom(w2.to_string()), ta])
                    }
                    ("Kzext", VTy::Int(w1), VTy::Int(w2)) => app(
                        "wrap",
                        vec![
                            atom(w2.to_string()),
                            app("izext", vec![atom(w1.to_string()), ta]),
                        ],
                    ),
                    ("Kzext", VTy::Bool, VTy::Int(_)) => app("b2z", vec![ta]),
                    ("Ksext", VTy::Int(w1), VTy::Int(w2)) => app(
                        "isext",
                        vec![atom(w1.to_string()), atom(w2.to_string()), ta],
                    ),
                    ("Ksext", VTy::Bool, VTy::Int(w2)) => app(
                        "isext",
                        vec![atom("1"), atom(w2.to_string()), app("b2z", vec![ta])],
                    ),
                    ("Kbitcast", x, y) if x == y => ta,
                    ("Kaddrspacecast", VTy::Ptr, VTy::Ptr) => ta,
                    ("Kinttoptr", VTy::Int(w1), VTy::Ptr) => app(
                        "Ptr",
                        vec![atom("Babs"), app("wrap", vec![atom(w1.to_string()), ta])],
                    ),
                    _ => return unsup(format!("cast {op} from {from:?} to {to:?}")),
                }
            }
            Expr::Select(c, a, b) => {
                if self.expr_ty(c)? != VTy::Bool {
                    return unsup("select on a non-i1 condition");
                }
                if_(
                    self.expr(c, guards)?,
                    self.expr(a, guards)?,
                    self.expr(b, guards)?,
                )
            }
            Expr::PtrAdd(p, off) => {
                let w = self.width(off)?;
                app(
                    "ptr_add",
                    vec![
                        self.expr(p, guards)?,
                        atom(w.to_string()),
                        self.expr(off, guards)?,
                    ],
                )
            }
            _ => return unsup(format!("expression {e:?}")),
        })
    }

    /// `if g1 then None else if g2 then None else k`.
    fn guarded(guards: Vec<T>, k: T) -> T {
        guards
            .into_iter()
            .rev()
            .fold(k, |acc, c| if_(c, none(), acc))
    }

    fn fresh_join(&mut self) -> String {
        self.joins += 1;
        format!("j{}", self.joins)
    }

    fn state_ty(&self) -> String {
        self.f.state.to_string()
    }

    /// Jump to a target from `scope`.
    fn jump(&mut self, t: &Target, scope: &Scope, retval: Option<T>) -> R<T> {
        Ok(match t {
            Target::Join { name, params } => {
                if params.iter().any(|p| !scope.contains(p)) {
                    return Ok(none());
                }
                let mut args: Vec<T> = params.iter().map(|p| atom(var(p))).collect();
                args.push(atom("st"));
                app(name, args)
            }
            Target::FnEnd => {
                if self.ret.is_none() {
                    some(atom("st"))
                } else {
                    none()
                }
            }
            Target::Next { fix, args } => {
                if args.iter().any(|p| !scope.contains(p)) {
                    return Ok(none());
                }
                let mut a = vec![atom("fuel")];
                a.extend(args.iter().map(|p| atom(var(p))));
                a.push(atom("st"));
                app(fix, a)
            }
            Target::Exit { lp, kind } => {
                let st = &mut self.loops[*lp];
                st.used.insert(kind.code());
                let mut parts = vec![nat(kind.code())];
                for o in st.outs.clone() {
                    if scope.contains(&o.id) {
                        parts.push(atom(var(&o.id)));
                    } else if *kind == ExitKind::Return {
                        parts.push(o.ty.default());
                    } else {
                        return Ok(none());
                    }
                }
                if let Some(rt) = st.ret {
                    parts.push(match (kind, retval) {
                        (ExitKind::Return, Some(v)) => v,
                        _ => rt.default(),
                    });
                }
                parts.push(atom("st"));
                some(T::Tuple(parts))
            }
        })
    }

    /// Translate a statement list with continuation context `cx`.
    fn tr(&mut self, stmts: &[&Stmt], cx: &Ctx, scope: &Scope) -> R<T> {
        let Some((s, rest)) = stmts.split_first() else {
            return self.jump(&cx.ft, scope, None);
        };
        match s {
            Stmt::Seq(v) => {
                let mut all: Vec<&Stmt> = v.iter().collect();
                all.extend_from_slice(rest);
                self.tr(&all, cx, scope)
            }
            Stmt::Skip | Stmt::Fence(_) => self.tr(rest, cx, scope),
            Stmt::Assign(x, e) => {
                self.vty(x)?;
                let mut guards = vec![];
                let te = self.expr(e, &mut guards)?;
                let mut sc = scope.clone();
                sc.insert(x.clone());
                let k = self.tr(rest, cx, &sc)?;
                Ok(Self::guarded(guards, let_(var(x), te, k)))
            }
            Stmt::Load(x, _, t, a) => {
                let Typ::Int(w) = t else {
                    return unsup(format!("load of type {t:?}"));
                };
                if *w == 1 || w % 8 != 0 {
                    return unsup(format!("load of i{w}"));
                }
                let Some(ld) = self.f.load else {
                    return unsup("a memory load, but the layer below provides no LAYER_LOAD");
                };
                let mut guards = vec![];
                let ta = self.expr(a, &mut guards)?;
                let mut sc = scope.clone();
                sc.insert(x.clone());
                let k = self.tr(rest, cx, &sc)?;
                let body = bind(
                    app(ld, vec![atom((w / 8).to_string()), ta, atom("st")]),
                    Pat::Var(raw(x)),
                    let_(
                        var(x),
                        app("wrap", vec![atom(w.to_string()), atom(raw(x))]),
                        k,
                    ),
                );
                Ok(Self::guarded(guards, body))
            }
            Stmt::Store(_, t, a, v) => {
                let Typ::Int(w) = t else {
                    return unsup(format!("store of type {t:?}"));
                };
                if *w == 1 || w % 8 != 0 {
                    return unsup(format!("store of i{w}"));
                }
                let Some(sto) = self.f.store else {
                    return unsup("a memory store, but the layer below provides no LAYER_STORE");
                };
                let mut guards = vec![];
                let ta = self.expr(a, &mut guards)?;
                let tv = self.expr(v, &mut guards)?;
                let k = self.tr(rest, cx, scope)?;
                let body = bind(
                    app(sto, vec![atom((w / 8).to_string()), ta, tv, atom("st")]),
                    Pat::Var("st".into()),
                    k,
                );
                Ok(Self::guarded(guards, body))
            }
            Stmt::Call(x, callee, args) => {
                let Callee::Direct(gid) = callee else {
                    return unsup(format!("call through {callee:?}"));
                };
                let Some(ci) = self.f.callees.get(&gid.0).cloned() else {
                    return unsup(format!(
                        "call of {} (not a primitive of a lower layer)",
                        gid.0
                    ));
                };
                if ci.params.len() != args.len() {
                    return unsup(format!("call of {} with {} arguments", ci.name, args.len()));
                }
                let mut guards = vec![];
                let mut targs = vec![];
                for a in args {
                    targs.push(self.expr(a, &mut guards)?);
                }
                targs.push(atom("st"));
                let call = app(&ci.spec, targs);
                let mut sc = scope.clone();
                let body = match (x, ci.ret) {
                    (Some(x), Some(rt)) => {
                        sc.insert(x.clone());
                        let k = self.tr(rest, cx, &sc)?;
                        match rt {
                            VTy::Int(w) => bind(
                                call,
                                Pat::Tuple(vec![Pat::Var(raw(x)), Pat::Var("st".into())]),
                                let_(
                                    var(x),
                                    app("wrap", vec![atom(w.to_string()), atom(raw(x))]),
                                    k,
                                ),
                            ),
                            _ => bind(
                                call,
                                Pat::Tuple(vec![Pat::Var(var(x)), Pat::Var("st".into())]),
                                k,
                            ),
                        }
                    }
                    (None, Some(_)) => {
                        let k = self.tr(rest, cx, &sc)?;
                        bind(call, Pat::Tuple(vec![Pat::Wild, Pat::Var("st".into())]), k)
                    }
                    (None, None) => {
                        let k = self.tr(rest, cx, &sc)?;
                        bind(call, Pat::Var("st".into()), k)
                    }
                    (Some(_), None) => return unsup(format!("result of void {}", ci.name)),
                };
                Ok(Self::guarded(guards, body))
            }
            Stmt::If(c, a, b) => {
                if self.expr_ty(c)? != VTy::Bool {
                    return unsup("branch on a non-i1 value");
                }
                let mut guards = vec![];
                let tc = self.expr(c, &mut guards)?;
                let arms = [(Some(tc), &**a), (None, &**b)];
                let t = self.branches(&arms, rest, cx, scope)?;
                Ok(Self::guarded(guards, t))
            }
            Stmt::Switch(e, cases, d) => {
                let w = self.width(e)?;
                let mut guards = vec![];
                let te = self.expr(e, &mut guards)?;
                let mut arms: Vec<(Option<T>, &Stmt)> = vec![];
                for (vals, s) in cases {
                    let mut lits = vec![];
                    for v in vals {
                        norm_lit(v, w)?;
                        lits.push(g::z(v));
                    }
                    arms.push((
                        Some(app(
                            "case_in",
                            vec![atom(w.to_string()), te.clone(), T::List(lits)],
                        )),
                        s,
                    ));
                }
                arms.push((None, &**d));
                let t = self.branches(&arms, rest, cx, scope)?;
                Ok(Self::guarded(guards, t))
            }
            Stmt::Block(b) => {
                let (brk, wrap) = self.join_for(&[&**b], rest, cx, scope)?;
                let mut inner = cx.clone();
                inner.labels.push(Label {
                    brk: brk.clone(),
                    cont: None,
                });
                inner.ft = brk;
                let t = self.tr(&[&**b], &inner, scope)?;
                Ok(wrap(t))
            }
            Stmt::Loop(b) => self.tr_loop(b, rest, cx, scope),
            Stmt::Break(n) => {
                let i = cx
                    .labels
                    .len()
                    .checked_sub(1 + n)
                    .ok_or_else(|| Unsupported(format!("break {n} outside its label")))?;
                let t = cx.labels[i].brk.clone();
                self.jump(&t, scope, None)
            }
            Stmt::Continue(n) => {
                let i = cx
                    .labels
                    .len()
                    .checked_sub(1 + n)
                    .ok_or_else(|| Unsupported(format!("continue {n} outside its label")))?;
                let t = cx.labels[i]
                    .cont
                    .clone()
                    .ok_or_else(|| Unsupported("continue to a block".into()))?;
                self.jump(&t, scope, None)
            }
            Stmt::Return(e) => {
                let mut guards = vec![];
                let v = match e {
                    Some(e) => {
                        let v = self.expr(e, &mut guards)?;
                        if self.ret.is_none() {
                            return unsup("value returned from a void function");
                        }
                        Some(v)
                    }
                    None => None,
                };
                let t = match cx.ret_loop {
                    None => match v {
                        Some(v) => some(T::Tuple(vec![v, atom("st")])),
                        None if self.ret.is_none() => some(atom("st")),
                        None => none(),
                    },
                    Some(k) => self.jump(
                        &Target::Exit {
                            lp: k,
                            kind: ExitKind::Return,
                        },
                        scope,
                        v,
                    )?,
                };
                Ok(Self::guarded(guards, t))
            }
            Stmt::Unreachable => Ok(none()),
            other => unsup(format!("statement {}", stmt_kind(other))),
        }
    }

    /// Params that a continuation `rest` may need from what `stmts` assign.
    fn join_params(&self, stmts: &[&Stmt], rest: &[&Stmt], cx: &Ctx) -> Vec<Id> {
        let mut asg = BTreeSet::new();
        stmts.iter().for_each(|s| assigned(s, &mut asg));
        let mut need = BTreeSet::new();
        rest.iter().for_each(|s| reads(s, None, &mut need));
        let mut tgt = |t: &Target| match t {
            Target::Join { params, .. } => need.extend(params.iter().cloned()),
            Target::Next { args, .. } => need.extend(args.iter().cloned()),
            Target::Exit { lp, .. } => {
                need.extend(self.loops[*lp].outs.iter().map(|v| v.id.clone()))
            }
            Target::FnEnd => {}
        };
        tgt(&cx.ft);
        for l in &cx.labels {
            tgt(&l.brk);
            if let Some(c) = &l.cont {
                tgt(c);
            }
        }
        asg.intersection(&need).cloned().collect()
    }

    /// A join point for the continuation `rest` after `stmts` (or `cx.ft` itself when `rest` is
    /// empty); returns the target and a wrapper that binds the join point around a term.
    #[allow(clippy::type_complexity)]
    fn join_for(
        &mut self,
        stmts: &[&Stmt],
        rest: &[&Stmt],
        cx: &Ctx,
        scope: &Scope,
    ) -> R<(Target, Box<dyn FnOnce(T) -> T>)> {
        if rest.is_empty() {
            return Ok((cx.ft.clone(), Box::new(|t| t)));
        }
        let params = self.join_params(stmts, rest, cx);
        let name = self.fresh_join();
        let mut sc = scope.clone();
        sc.extend(params.iter().cloned());
        let k = self.tr(rest, cx, &sc)?;
        let mut bs = vec![];
        for p in &params {
            bs.push(Binder::typed(var(p), self.vty(p)?.coq()));
        }
        bs.push(Binder::typed("st", self.state_ty()));
        let fun = T::Fun(bs, Box::new(k));
        let n2 = name.clone();
        Ok((
            Target::Join { name, params },
            Box::new(move |t| let_(n2, fun, t)),
        ))
    }

    /// `if c1 then a1 else if c2 then a2 … else d`, followed by `rest`.
    fn branches(
        &mut self,
        arms: &[(Option<T>, &Stmt)],
        rest: &[&Stmt],
        cx: &Ctx,
        scope: &Scope,
    ) -> R<T> {
        let falling: Vec<usize> = (0..arms.len()).filter(|&i| can_fall(arms[i].1)).collect();
        let mut bodies = vec![];
        if rest.is_empty() || falling.is_empty() {
            for (_, s) in arms {
                bodies.push(self.tr(&[*s], cx, scope)?);
            }
            return Ok(Self::chain(arms, bodies));
        }
        if falling.len() == 1 {
            for (i, (_, s)) in arms.iter().enumerate() {
                if i == falling[0] {
                    let mut all = vec![*s];
                    all.extend_from_slice(rest);
                    bodies.push(self.tr(&all, cx, scope)?);
                } else {
                    bodies.push(self.tr(&[*s], cx, scope)?);
                }
            }
            return Ok(Self::chain(arms, bodies));
        }
        let stmts: Vec<&Stmt> = arms.iter().map(|(_, s)| *s).collect();
        let (j, wrap) = self.join_for(&stmts, rest, cx, scope)?;
        let mut inner = cx.clone();
        inner.ft = j;
        for (_, s) in arms {
            bodies.push(self.tr(&[*s], &inner, scope)?);
        }
        Ok(wrap(Self::chain(arms, bodies)))
    }

    fn chain(arms: &[(Option<T>, &Stmt)], bodies: Vec<T>) -> T {
        let mut it = arms.iter().zip(bodies).rev();
        let (_, last) = it.next().expect("at least one arm");
        it.fold(last, |acc, ((c, _), b)| match c {
            Some(c) => if_(c.clone(), b, acc),
            None => acc,
        })
    }

    fn tr_loop(&mut self, body: &Stmt, rest: &[&Stmt], cx: &Ctx, scope: &Scope) -> R<T> {
        let k = self.loops.len();
        let index = k + 1;
        let fix = format!("{}_loop{index}", self.f.name);
        let mut asg = BTreeSet::new();
        assigned(body, &mut asg);
        let mut rin = BTreeSet::new();
        reads(body, None, &mut rin);
        let mut rout = BTreeSet::new();
        reads(self.f.body, Some(body as *const Stmt), &mut rout);
        let outs_ids: Vec<Id> = asg.intersection(&rout).cloned().collect();
        let args_ids: Vec<Id> = rin
            .union(&outs_ids.iter().cloned().collect())
            .filter(|x| scope.contains(*x))
            .cloned()
            .collect();
        let frame_ids: Vec<Id> = rin
            .union(&rout)
            .filter(|x| scope.contains(*x) && !asg.contains(*x))
            .cloned()
            .collect();
        let mk = |ids: &[Id], tr: &Self| -> R<Vec<Var>> {
            ids.iter()
                .map(|i| {
                    Ok(Var {
                        id: i.clone(),
                        ty: tr.vty(i)?,
                    })
                })
                .collect()
        };
        let outs = mk(&outs_ids, self)?;
        let args = mk(&args_ids, self)?;
        let frame = mk(&frame_ids, self)?;
        let ret = if has_return(body) { self.ret } else { None };
        self.loops.push(LoopState {
            outs: outs.clone(),
            ret,
            used: BTreeSet::new(),
        });
        // the body's context: outer labels become exits
        let mut labels = vec![];
        for (j, l) in cx.labels.iter().rev().enumerate() {
            labels.push(Label {
                brk: Target::Exit {
                    lp: k,
                    kind: ExitKind::Break(j),
                },
                cont: l.cont.as_ref().map(|_| Target::Exit {
                    lp: k,
                    kind: ExitKind::Continue(j),
                }),
            });
        }
        labels.reverse();
        let next = Target::Next {
            fix: fix.clone(),
            args: args_ids.clone(),
        };
        labels.push(Label {
            brk: Target::Exit {
                lp: k,
                kind: ExitKind::Normal,
            },
            cont: Some(next.clone()),
        });
        let bcx = Ctx {
            labels,
            ft: next,
            ret_loop: Some(k),
        };
        let bscope: Scope = args_ids.iter().cloned().collect();
        let tbody = self.tr(&[body], &bcx, &bscope)?;
        // the Fixpoint
        let mut ret_tys = vec!["nat".to_string()];
        ret_tys.extend(outs.iter().map(|v| v.ty.coq().to_string()));
        if let Some(r) = ret {
            ret_tys.push(r.coq().to_string());
        }
        ret_tys.push(self.state_ty());
        let mut params = vec![Binder::typed("fuel", "nat")];
        params.extend(args.iter().map(|v| Binder::typed(var(&v.id), v.ty.coq())));
        params.push(Binder::typed("st", self.state_ty()));
        let fbody = match_(
            atom("fuel"),
            vec![
                (Pat::Ctor("O".into(), vec![]), none()),
                (Pat::Ctor("S".into(), vec![Pat::Var("fuel".into())]), tbody),
            ],
        );
        self.defs.push(g::definition(
            "Fixpoint",
            &fix,
            &params,
            Some(&format!("option ({})", ret_tys.join(" * "))),
            &fbody,
        ));
        // fuel
        let fuel = format!("{}_fuel.fuel{index}", self.f.name);
        let bound = match &self.f.bound {
            Some(b) => {
                let mut t = if b.takes_args {
                    app(
                        &b.name,
                        self.params.iter().map(|v| atom(var(&v.id))).collect(),
                    )
                } else {
                    atom(b.name.clone())
                };
                if !b.nat {
                    t = app("Z.to_nat", vec![t]);
                }
                t
            }
            None => match infer_bound(body, &self.tys, &self.params) {
                Some(t) => t,
                None => {
                    return unsup(format!(
                    "loop {index} of {}: cannot infer an iteration bound (give `{}_loop_bound`)",
                    self.f.name, self.f.name
                ))
                }
            },
        };
        self.fuel_defs.push((index, fuel.clone(), bound.render()));
        // the call and the dispatch on the exit code
        let st = self.loops.pop().expect("pushed above");
        let used: Vec<usize> = st.used.iter().cloned().collect();
        self.loops.push(st);
        let code = format!("c'{index}");
        let rv = format!("rv'{index}");
        let mut pats = vec![Pat::Var(code.clone())];
        pats.extend(outs.iter().map(|v| Pat::Var(var(&v.id))));
        if ret.is_some() {
            pats.push(Pat::Var(rv.clone()));
        }
        pats.push(Pat::Var("st".into()));
        let mut sc = scope.clone();
        sc.extend(outs_ids.iter().cloned());
        let mut arms = vec![];
        let mut exits = vec![];
        for c in used {
            let kind = if c == 0 {
                ExitKind::Normal
            } else if c == 1 {
                ExitKind::Return
            } else if c % 2 == 0 {
                ExitKind::Break((c - 2) / 2)
            } else {
                ExitKind::Continue((c - 3) / 2)
            };
            let t = match &kind {
                ExitKind::Normal => self.tr(rest, cx, &sc)?,
                ExitKind::Return => match cx.ret_loop {
                    None => {
                        if ret.is_some() {
                            some(T::Tuple(vec![atom(rv.clone()), atom("st")]))
                        } else {
                            some(atom("st"))
                        }
                    }
                    Some(pk) => self.jump(
                        &Target::Exit {
                            lp: pk,
                            kind: ExitKind::Return,
                        },
                        &sc,
                        Some(atom(rv.clone())),
                    )?,
                },
                ExitKind::Break(j) => {
                    let l = cx.labels[cx.labels.len() - 1 - j].brk.clone();
                    self.jump(&l, &sc, None)?
                }
                ExitKind::Continue(j) => {
                    let l = cx.labels[cx.labels.len() - 1 - j]
                        .cont
                        .clone()
                        .ok_or_else(|| Unsupported("continue to a block".into()))?;
                    self.jump(&l, &sc, None)?
                }
            };
            arms.push((Pat::Ctor(format!("{c}%nat"), vec![]), t));
            exits.push(kind);
        }
        arms.push((Pat::Wild, none()));
        let mut cargs = vec![app(
            &fuel,
            self.params.iter().map(|v| atom(var(&v.id))).collect(),
        )];
        cargs.extend(args.iter().map(|v| atom(var(&v.id))));
        cargs.push(atom("st"));
        let call = app(&fix, cargs);
        self.infos.push(LoopInfo {
            index,
            fix,
            fuel,
            body: body.clone(),
            args,
            outs,
            frame,
            ret,
            exits,
        });
        Ok(bind(call, Pat::Tuple(pats), match_(atom(code), arms)))
    }
}

fn stmt_kind(s: &Stmt) -> &'static str {
    match s {
        Stmt::Alloca(..) => "alloca",
        Stmt::AtomicRmw(..) => "atomicrmw",
        Stmt::CmpXchg(..) => "cmpxchg",
        _ => "other",
    }
}

/// A bound for a counted loop: the body compares an induction variable (a local assigned `v + c`,
/// c > 0 a constant) with a constant (fuel: constant + 2) or with a parameter (fuel: its value + 2).
/// Any upper bound is sound; a too small one only makes the spec undefined.
fn infer_bound(body: &Stmt, tys: &HashMap<Id, Typ>, params: &[Var]) -> Option<T> {
    let mut best: Option<T> = None;
    let mut konst: u64 = 0;
    fn walk(s: &Stmt, f: &mut dyn FnMut(Option<&Id>, &Expr)) {
        match s {
            Stmt::Assign(x, e) => f(Some(x), e),
            Stmt::Seq(v) => v.iter().for_each(|s| walk(s, f)),
            Stmt::If(c, a, b) => {
                f(None, c);
                walk(a, f);
                walk(b, f);
            }
            Stmt::Block(b) | Stmt::Loop(b) => walk(b, f),
            _ => {}
        }
    }
    // the locals counting up by a positive constant (`i' = i + c`)
    let mut stepped: BTreeSet<Id> = BTreeSet::new();
    walk(body, &mut |x, e| {
        if let (Some(x), Expr::Binop(Binop::Add, _, a, b)) = (x, e) {
            let step = |c: &Expr| matches!(c, Expr::Const(Const::Int(_, s)) if s.parse::<i128>().is_ok_and(|v| v > 0));
            if matches!((&**a, &**b), (Expr::Var(_), c) | (c, Expr::Var(_)) if step(c)) {
                stepped.insert(x.clone());
            }
        }
    });
    let counter = |e: &Expr| matches!(e, Expr::Var(v) if stepped.contains(v));
    let mut param_bound: Option<T> = None;
    walk(body, &mut |_, e| {
        if let Expr::Icmp(_, a, b) = e {
            for (x, y) in [(a, b), (b, a)] {
                if !counter(x) {
                    continue;
                }
                if let (Expr::Var(_), Expr::Const(Const::Int(w, s))) = (&**x, &**y) {
                    if let Ok(v) = s.parse::<i128>() {
                        let v = v.rem_euclid(1i128 << (*w).min(64)) as u128;
                        if v < (1 << 24) {
                            konst = konst.max(v as u64);
                        }
                    }
                }
                if let (Expr::Var(_), Expr::Var(p)) = (&**x, &**y) {
                    if let Some(pv) = params.iter().find(|v| &v.id == p) {
                        if let (VTy::Int(w), Some(Typ::Int(_))) = (pv.ty, tys.get(p)) {
                            param_bound = Some(app(
                                "Z.to_nat",
                                vec![infix(
                                    "+",
                                    app("wrap", vec![atom(w.to_string()), atom(var(p))]),
                                    atom("2"),
                                )],
                            ));
                        }
                    }
                }
            }
        }
    });
    if konst > 0 {
        best = Some(app("Z.to_nat", vec![atom((konst + 2).to_string())]));
    }
    param_bound.or(best)
}

/// Translate one function. `ret` is the spec type of the result (`None` for void).
pub fn low_spec(f: &FnInput) -> R<LowSpec> {
    let tys = infer_types(f);
    let params = f
        .params
        .iter()
        .map(|(id, t)| {
            Ok(Var {
                id: id.clone(),
                ty: VTy::of_typ(t)
                    .ok_or_else(|| Unsupported(format!("parameter of type {t:?}")))?,
            })
        })
        .collect::<R<Vec<_>>>()?;
    let ret = match f.ret {
        Typ::Void => None,
        t => Some(VTy::of_typ(t).ok_or_else(|| Unsupported(format!("result of type {t:?}")))?),
    };
    let mut tr = Tr {
        f,
        tys,
        joins: 0,
        loops: vec![],
        infos: vec![],
        defs: vec![],
        fuel_defs: vec![],
        ret,
        params: params.clone(),
    };
    let cx = Ctx {
        labels: vec![],
        ft: Target::FnEnd,
        ret_loop: None,
    };
    let scope: Scope = params.iter().map(|v| v.id.clone()).collect();
    let body = tr.tr(&[f.body], &cx, &scope)?;
    let spec = format!("{}_spec_low", f.name);
    let mut text = String::new();
    if !tr.fuel_defs.is_empty() {
        // Fuel is sealed behind a module type, so that no reduction ever unfolds a loop.
        let m = format!("{}_fuel", f.name);
        let sig = format!("{}_FUEL", f.name);
        let pbs: Vec<String> = params
            .iter()
            .map(|v| format!("({} : {})", var(&v.id), v.ty.coq()))
            .collect();
        let ptys: String = params
            .iter()
            .map(|v| format!("{} -> ", v.ty.coq()))
            .collect();
        let pnames: Vec<String> = params.iter().map(|v| var(&v.id)).collect();
        text.push_str(&format!("Module Type {sig}.\n"));
        for (k, _, b) in &tr.fuel_defs {
            text.push_str(&format!("  Parameter fuel{k} : {ptys}nat.\n"));
            text.push_str(&format!(
                "  Parameter fuel{k}_eq : forall {}, fuel{k} {} = {b}.\n",
                if pbs.is_empty() {
                    "_ : unit".to_string()
                } else {
                    pbs.join(" ")
                },
                pnames.join(" ")
            ));
        }
        text.push_str(&format!("End {sig}.\n\nModule {m} : {sig}.\n"));
        for (k, _, b) in &tr.fuel_defs {
            text.push_str(&format!(
                "  Definition fuel{k} {} : nat := {b}.\n",
                pbs.join(" ")
            ));
            text.push_str(&format!(
                "  Lemma fuel{k}_eq : forall {}, fuel{k} {} = {b}.\n  Proof. reflexivity. Qed.\n",
                if pbs.is_empty() {
                    "_ : unit".to_string()
                } else {
                    pbs.join(" ")
                },
                pnames.join(" ")
            ));
        }
        text.push_str(&format!("End {m}.\n\n"));
    }
    for d in &tr.defs {
        text.push_str(d);
        text.push('\n');
    }
    let mut bs: Vec<Binder> = params
        .iter()
        .map(|v| Binder::typed(var(&v.id), v.ty.coq()))
        .collect();
    bs.push(Binder::typed("st", f.state));
    let rty = match ret {
        None => format!("option {}", f.state),
        Some(r) => format!("option ({} * {})", r.coq(), f.state),
    };
    text.push_str(&g::definition("Definition", &spec, &bs, Some(&rty), &body));
    text.push_str(&format!("#[global] Arguments {spec} : simpl never.\n"));
    Ok(LowSpec {
        spec,
        params,
        ret,
        text,
        loops: tr.infos,
    })
}

/// The marshalling of a spec into a `primspec` (`args… -> D -> option …` to `list val -> D -> …`).
pub fn prim_def(name: &str, spec: &str, params: &[VTy], ret: Option<VTy>, state: &str) -> String {
    let vs: Vec<String> = (1..=params.len()).map(|i| format!("v{i}")).collect();
    let mut body = {
        let mut call = vec![];
        call.extend((1..=params.len()).map(|i| atom(format!("a{i}"))));
        call.push(atom("st"));
        let c = app(spec, call);
        match ret {
            None => app("ret_void", vec![c]),
            Some(VTy::Int(w)) => app("ret_int", vec![atom(w.to_string()), c]),
            Some(VTy::Bool) => app("ret_bool", vec![c]),
            Some(VTy::Ptr) => app("ret_ptr", vec![c]),
        }
    };
    for (i, p) in params.iter().enumerate().rev() {
        let dec = match p {
            VTy::Int(w) => app("arg_int", vec![atom(w.to_string()), atom(vs[i].clone())]),
            VTy::Bool => app("arg_bool", vec![atom(vs[i].clone())]),
            VTy::Ptr => app("arg_ptr", vec![atom(vs[i].clone())]),
        };
        body = bind(dec, Pat::Var(format!("a{}", i + 1)), body);
    }
    let lst = if vs.is_empty() {
        "[]".to_string()
    } else {
        format!("[{}]", vs.join("; "))
    };
    let m = match_(
        atom("vs"),
        vec![(Pat::Ctor(lst, vec![]), body), (Pat::Wild, none())],
    );
    g::definition(
        "Definition",
        name,
        &[],
        Some(&format!("primspec {state}")),
        &T::Fun(
            vec![Binder::new("vs", None), Binder::new("st", None)],
            Box::new(m),
        ),
    )
}
