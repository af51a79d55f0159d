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

use crate::spec::{
    self, ptr_ty, Expr as E, Fuel, Fun, IntCmp, IntOp, Lit, Ovf, Pat, Prim, SpecDefs, Ty,
    Var as SVar, ZCmp, ZOp,
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
    /// The spec type of the value.
    pub fn ty(self) -> Ty {
        match self {
            VTy::Int(_) => Ty::Z,
            VTy::Bool => Ty::Bool,
            VTy::Ptr => ptr_ty(),
        }
    }
    /// A default value (for outputs of a loop that returns before assigning them).
    pub fn default(self) -> E {
        match self {
            VTy::Int(_) => E::z(0),
            VTy::Bool => E::bool(false),
            VTy::Ptr => E::prim(Prim::PtrAbs, vec![E::z(0)]),
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
    /// Type of the state the code runs on (the layer below's data).
    pub state: &'a Ty,
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

/// coq-lib's integer of a stored pointer (`Build.ptr_abs_int`), and the local it is bound to
/// (no IR local's name: those are `v_…`/`r_…`).
const PTR_ABS_INT: &str = "ptr_abs_int";
const PTR_INT: &str = "stored_ptr";

/// The width of a memory access of type `t` and whether it is a pointer: pointers are 8-byte
/// plain addresses (coq-lib `mk_load`/`mk_store`).
fn access_width(t: &Typ) -> Option<(u32, bool)> {
    match t {
        Typ::Int(w) => Some((*w, false)),
        Typ::Ptr => Some((64, true)),
        _ => None,
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
    /// The definitions (fuel, loop fixpoints, the spec) as spec IR.
    pub defs: SpecDefs,
    pub loops: Vec<LoopInfo>,
}

/// Why a function gets no low spec.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Unsupported {
    /// A loop whose iteration bound is neither configured nor inferable.
    #[error("loop {index} of {function}: cannot infer an iteration bound (give `{function}_loop_bound`)")]
    LoopBound { function: String, index: usize },
    /// A construct of the code the translation does not handle.
    #[error("{0}")]
    Construct(String),
}

type R<T> = Result<T, Unsupported>;

fn unsup<T>(m: impl Into<String>) -> R<T> {
    Err(Unsupported::Construct(m.into()))
}

pub fn var(id: &Id) -> String {
    format!("v{}", id.0)
}

fn raw(id: &Id) -> String {
    format!("r{}", id.0)
}

fn spec_flags(f: Flags) -> spec::Flags {
    spec::Flags {
        nuw: f.nuw,
        nsw: f.nsw,
        exact: f.exact,
    }
}

/// `z mod 2^w` of a decimal literal, as a decimal literal.
pub fn norm_lit(s: &str, w: u32) -> R<String> {
    if w > 127 {
        return unsup(format!("integer constant of width {w}"));
    }
    let v: i128 = s
        .parse()
        .map_err(|_| Unsupported::Construct(format!("integer constant `{s}`")))?;
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
        | Expr::PtrAdd(_, a, b) => {
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
            Stmt::Call(Some(x), Callee::Direct(g) | Callee::Asm(g), _) => {
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
    defs: Vec<Fun>,
    fuel_defs: Vec<Fuel>,
    ret: Option<VTy>,
    params: Vec<Var>,
}

type Scope = BTreeSet<Id>;

impl<'a> Tr<'a> {
    fn vty(&self, x: &Id) -> R<VTy> {
        match self.tys.get(x) {
            Some(t) => VTy::of_typ(t)
                .ok_or_else(|| Unsupported::Construct(format!("local {} of type {:?}", x.0, t))),
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
        VTy::of_typ(&t).ok_or_else(|| Unsupported::Construct(format!("value of type {t:?}")))
    }

    fn width(&self, e: &Expr) -> R<u32> {
        match self.expr_ty(e)? {
            VTy::Int(w) => Ok(w),
            VTy::Bool => Ok(1),
            VTy::Ptr => unsup("integer operation on a pointer"),
        }
    }

    /// An expression's value; `guards` collects conditions under which it is undefined or poison.
    fn expr(&self, e: &Expr, guards: &mut Vec<E>) -> R<E> {
        Ok(match e {
            Expr::Var(x) => {
                self.vty(x)?;
                E::var(var(x))
            }
            Expr::Const(c) => match c {
                Const::Int(1, s) => E::bool(norm_lit(s, 1)? == "1"),
                Const::Int(w, s) => E::Lit(Lit::Z(norm_lit(s, *w)?)),
                Const::Null => E::prim(Prim::PtrAbs, vec![E::z(0)]),
                Const::Global(gid) => E::prim(Prim::PtrGlobal(gid.0.clone()), vec![]),
                Const::Zero(Typ::Int(1)) => E::bool(false),
                Const::Zero(Typ::Int(_)) => E::z(0),
                Const::Zero(Typ::Ptr) => E::prim(Prim::PtrAbs, vec![E::z(0)]),
                _ => return unsup(format!("constant {c:?}")),
            },
            Expr::Binop(op, fl, a, b) => {
                let w = self.width(a)?;
                let (ta, tb) = (self.expr(a, guards)?, self.expr(b, guards)?);
                if w == 1 {
                    let p = match op {
                        Binop::And => Prim::And,
                        Binop::Or => Prim::Or,
                        Binop::Xor => Prim::Xor,
                        _ => return unsup(format!("{op:?} on i1")),
                    };
                    return Ok(E::prim(p, vec![ta, tb]));
                }
                let fls = spec_flags(*fl);
                let (iop, ovf) = match op {
                    Binop::Add => (IntOp::Add, Some(Ovf::Add)),
                    Binop::Sub => (IntOp::Sub, Some(Ovf::Sub)),
                    Binop::Mul => (IntOp::Mul, Some(Ovf::Mul)),
                    Binop::Udiv => (IntOp::Udiv, None),
                    Binop::Urem => (IntOp::Urem, None),
                    Binop::Sdiv => (IntOp::Sdiv, None),
                    Binop::Srem => (IntOp::Srem, None),
                    Binop::Shl => (IntOp::Shl, None),
                    Binop::Lshr => (IntOp::Lshr, None),
                    Binop::Ashr => (IntOp::Ashr, None),
                    Binop::And => (IntOp::And, None),
                    Binop::Or => (IntOp::Or, None),
                    Binop::Xor => (IntOp::Xor, None),
                };
                let has_fl = fl.nuw || fl.nsw || fl.exact;
                let wrapb = E::prim(Prim::Wrap(w), vec![tb.clone()]);
                let is_zero = |x: E| E::prim(Prim::ZCmp(ZCmp::Eq), vec![x, E::z(0)]);
                let not = |x: E| E::prim(Prim::Not, vec![x]);
                let int = |o: IntOp| E::prim(Prim::Int(o, w), vec![ta.clone(), tb.clone()]);
                match op {
                    Binop::Add | Binop::Sub | Binop::Mul if has_fl => guards.push(E::prim(
                        Prim::Overflow(ovf.expect("add/sub/mul overflow"), fls, w),
                        vec![ta.clone(), tb.clone()],
                    )),
                    Binop::Udiv | Binop::Urem => {
                        guards.push(is_zero(wrapb.clone()));
                        if fl.exact && *op == Binop::Udiv {
                            guards.push(not(is_zero(int(IntOp::Urem))));
                        }
                    }
                    Binop::Sdiv | Binop::Srem => {
                        guards.push(E::prim(
                            Prim::Or,
                            vec![
                                is_zero(wrapb.clone()),
                                E::prim(Prim::SdivOverflow(w), vec![ta.clone(), tb.clone()]),
                            ],
                        ));
                        if fl.exact && *op == Binop::Sdiv {
                            guards.push(not(is_zero(int(IntOp::Srem))));
                        }
                    }
                    Binop::Shl | Binop::Lshr | Binop::Ashr => {
                        guards.push(E::prim(
                            Prim::ZCmp(ZCmp::Le),
                            vec![E::z(w as i128), wrapb.clone()],
                        ));
                        if *op == Binop::Shl && has_fl {
                            guards.push(E::prim(
                                Prim::Overflow(Ovf::Shl, fls, w),
                                vec![ta.clone(), tb.clone()],
                            ));
                        }
                        if *op != Binop::Shl && fl.exact {
                            guards.push(not(is_zero(E::prim(
                                Prim::Z(ZOp::Mod),
                                vec![
                                    E::prim(Prim::Wrap(w), vec![ta.clone()]),
                                    E::prim(Prim::Z(ZOp::Pow), vec![E::z(2), wrapb.clone()]),
                                ],
                            ))));
                        }
                    }
                    _ => {}
                }
                int(iop)
            }
            Expr::Icmp(p, a, b) => {
                let ty = self.expr_ty(a)?;
                let (ta, tb) = (self.expr(a, guards)?, self.expr(b, guards)?);
                let (ta, tb, w) = match ty {
                    VTy::Int(w) => (ta, tb, w),
                    VTy::Bool => (
                        E::prim(Prim::B2z, vec![ta]),
                        E::prim(Prim::B2z, vec![tb]),
                        1,
                    ),
                    VTy::Ptr => return unsup("pointer comparison"),
                };
                let c = |k: IntCmp, x: E, y: E| E::prim(Prim::Cmp(k, w), vec![x, y]);
                match *p {
                    "Ceq" => c(IntCmp::Eq, ta, tb),
                    "Cne" => E::prim(Prim::Not, vec![c(IntCmp::Eq, ta, tb)]),
                    "Cult" => c(IntCmp::Ult, ta, tb),
                    "Cule" => c(IntCmp::Ule, ta, tb),
                    "Cugt" => c(IntCmp::Ult, tb, ta),
                    "Cuge" => c(IntCmp::Ule, tb, ta),
                    "Cslt" => c(IntCmp::Slt, ta, tb),
                    "Csle" => c(IntCmp::Sle, ta, tb),
                    "Csgt" => c(IntCmp::Slt, tb, ta),
                    "Csge" => c(IntCmp::Sle, tb, ta),
                    _ => return unsup(format!("icmp {p}")),
                }
            }
            Expr::Cast(op, a, t) => {
                let from = self.expr_ty(a)?;
                let ta = self.expr(a, guards)?;
                let to = VTy::of_typ(t)
                    .ok_or_else(|| Unsupported::Construct(format!("cast to {t:?}")))?;
                match (*op, from, to) {
                    ("Ktrunc", VTy::Int(_), VTy::Int(w2)) => E::prim(Prim::Trunc(w2), vec![ta]),
                    ("Kzext", VTy::Int(w1), VTy::Int(w2)) => {
                        E::prim(Prim::Wrap(w2), vec![E::prim(Prim::Zext(w1), vec![ta])])
                    }
                    ("Kzext", VTy::Bool, VTy::Int(_)) => E::prim(Prim::B2z, vec![ta]),
                    ("Ksext", VTy::Int(w1), VTy::Int(w2)) => E::prim(Prim::Sext(w1, w2), vec![ta]),
                    ("Ksext", VTy::Bool, VTy::Int(w2)) => {
                        E::prim(Prim::Sext(1, w2), vec![E::prim(Prim::B2z, vec![ta])])
                    }
                    ("Kbitcast", x, y) if x == y => ta,
                    ("Kaddrspacecast", VTy::Ptr, VTy::Ptr) => ta,
                    ("Kinttoptr", VTy::Int(w1), VTy::Ptr) => {
                        E::prim(Prim::PtrAbs, vec![E::prim(Prim::Wrap(w1), vec![ta])])
                    }
                    _ => return unsup(format!("cast {op} from {from:?} to {to:?}")),
                }
            }
            Expr::Select(c, a, b) => {
                if self.expr_ty(c)? != VTy::Bool {
                    return unsup("select on a non-i1 condition");
                }
                E::if_(
                    self.expr(c, guards)?,
                    self.expr(a, guards)?,
                    self.expr(b, guards)?,
                )
            }
            Expr::PtrAdd(inbounds, p, off) => {
                let w = self.width(off)?;
                let (tp, toff) = (self.expr(p, guards)?, self.expr(off, guards)?);
                if *inbounds {
                    guards.push(E::prim(
                        Prim::Not,
                        vec![E::prim(
                            Prim::PtrInbounds(w),
                            vec![tp.clone(), toff.clone()],
                        )],
                    ));
                }
                E::prim(Prim::PtrAdd(w), vec![tp, toff])
            }
            _ => return unsup(format!("expression {e:?}")),
        })
    }

    fn fresh_join(&mut self) -> String {
        self.joins += 1;
        format!("j{}", self.joins)
    }

    fn state_ty(&self) -> Ty {
        self.f.state.clone()
    }

    /// The pattern binding the next state.
    fn st_pat(&self) -> Pat {
        Pat::Var(SVar::new("st", self.state_ty()))
    }

    /// Jump to a target from `scope`.
    fn jump(&mut self, t: &Target, scope: &Scope, retval: Option<E>) -> R<E> {
        Ok(match t {
            Target::Join { name, params } => {
                if params.iter().any(|p| !scope.contains(p)) {
                    return Ok(E::None);
                }
                let mut args: Vec<E> = params.iter().map(|p| E::var(var(p))).collect();
                args.push(E::var("st"));
                E::call(name.clone(), args)
            }
            Target::FnEnd => {
                if self.ret.is_none() {
                    E::some(E::var("st"))
                } else {
                    E::None
                }
            }
            Target::Next { fix, args } => {
                if args.iter().any(|p| !scope.contains(p)) {
                    return Ok(E::None);
                }
                let mut a = vec![E::var("fuel")];
                a.extend(args.iter().map(|p| E::var(var(p))));
                a.push(E::var("st"));
                E::call(fix.clone(), a)
            }
            Target::Exit { lp, kind } => {
                let st = &mut self.loops[*lp];
                st.used.insert(kind.code());
                let mut parts = vec![E::nat(kind.code() as u64)];
                for o in st.outs.clone() {
                    if scope.contains(&o.id) {
                        parts.push(E::var(var(&o.id)));
                    } else if *kind == ExitKind::Return {
                        parts.push(o.ty.default());
                    } else {
                        return Ok(E::None);
                    }
                }
                if let Some(rt) = st.ret {
                    parts.push(match (kind, retval) {
                        (ExitKind::Return, Some(v)) => v,
                        _ => rt.default(),
                    });
                }
                parts.push(E::var("st"));
                E::some(E::Tuple(parts))
            }
        })
    }

    /// Translate a statement list with continuation context `cx`.
    fn tr(&mut self, stmts: &[&Stmt], cx: &Ctx, scope: &Scope) -> R<E> {
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
            // `ptrtoint` to i64 of a pointer: its plain address, undefined for a pointer into an
            // object (the layer's `lptr2int` is `no_ptr2int`), as a stored pointer
            Stmt::Assign(x, Expr::Cast("Kptrtoint", a, Typ::Int(64)))
                if self.expr_ty(a)? == VTy::Ptr =>
            {
                let mut guards = vec![];
                let ta = self.expr(a, &mut guards)?;
                let mut sc = scope.clone();
                sc.insert(x.clone());
                let k = self.tr(rest, cx, &sc)?;
                Ok(E::guarded(
                    guards,
                    E::bind(
                        Pat::Var(SVar::new(var(x), Ty::Z)),
                        E::call(PTR_ABS_INT, vec![ta]),
                        k,
                    ),
                ))
            }
            Stmt::Assign(x, e) => {
                self.vty(x)?;
                let ty = self.vty(x)?.ty();
                let mut guards = vec![];
                let te = self.expr(e, &mut guards)?;
                let mut sc = scope.clone();
                sc.insert(x.clone());
                let k = self.tr(rest, cx, &sc)?;
                Ok(E::guarded(guards, E::let_(SVar::new(var(x), ty), te, k)))
            }
            Stmt::Load(x, _, t, a) => {
                let Some((w, is_ptr)) = access_width(t) else {
                    return unsup(format!("load of type {t:?}"));
                };
                if w == 1 || w % 8 != 0 {
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
                let loaded = E::prim(Prim::Wrap(w), vec![E::var(raw(x))]);
                let (ty, loaded) = match is_ptr {
                    false => (Ty::Z, loaded),
                    true => (VTy::Ptr.ty(), E::prim(Prim::PtrAbs, vec![loaded])),
                };
                let body = E::bind(
                    Pat::Var(SVar::new(raw(x), Ty::Z)),
                    E::call(ld, vec![E::z(w.div_ceil(8) as i128), ta, E::var("st")]),
                    E::let_(SVar::new(var(x), ty), loaded, k),
                );
                Ok(E::guarded(guards, body))
            }
            Stmt::Store(_, t, a, v) => {
                // a pointer is stored as its plain address, if it has one
                let Some((w, is_ptr)) = access_width(t) else {
                    return unsup(format!("store of type {t:?}"));
                };
                if w == 1 || w % 8 != 0 {
                    return unsup(format!("store of i{w}"));
                }
                let Some(sto) = self.f.store else {
                    return unsup("a memory store, but the layer below provides no LAYER_STORE");
                };
                let mut guards = vec![];
                let ta = self.expr(a, &mut guards)?;
                let tv = self.expr(v, &mut guards)?;
                let k = self.tr(rest, cx, scope)?;
                let stored = |tv| {
                    E::bind(
                        self.st_pat(),
                        E::call(sto, vec![E::z(w.div_ceil(8) as i128), ta, tv, E::var("st")]),
                        k,
                    )
                };
                let body = match is_ptr {
                    false => stored(tv),
                    true => E::bind(
                        Pat::Var(SVar::new(PTR_INT, Ty::Z)),
                        E::call(PTR_ABS_INT, vec![tv]),
                        stored(E::var(PTR_INT)),
                    ),
                };
                Ok(E::guarded(guards, body))
            }
            Stmt::Call(x, callee, args) => {
                // an inline-asm site is a procedure of the layer below, called like a function
                let (Callee::Direct(gid) | Callee::Asm(gid)) = callee else {
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
                targs.push(E::var("st"));
                let call = E::call(ci.spec.clone(), targs);
                let mut sc = scope.clone();
                let body = match (x, ci.ret) {
                    (Some(x), Some(rt)) => {
                        sc.insert(x.clone());
                        let k = self.tr(rest, cx, &sc)?;
                        match rt {
                            VTy::Int(w) => E::bind(
                                Pat::Tuple(vec![Pat::Var(SVar::new(raw(x), Ty::Z)), self.st_pat()]),
                                call,
                                E::let_(
                                    SVar::new(var(x), Ty::Z),
                                    E::prim(Prim::Wrap(w), vec![E::var(raw(x))]),
                                    k,
                                ),
                            ),
                            _ => E::bind(
                                Pat::Tuple(vec![
                                    Pat::Var(SVar::new(var(x), rt.ty())),
                                    self.st_pat(),
                                ]),
                                call,
                                k,
                            ),
                        }
                    }
                    (None, Some(_)) => {
                        let k = self.tr(rest, cx, &sc)?;
                        E::bind(Pat::Tuple(vec![Pat::Wild, self.st_pat()]), call, k)
                    }
                    (None, None) => {
                        let k = self.tr(rest, cx, &sc)?;
                        E::bind(self.st_pat(), call, k)
                    }
                    (Some(_), None) => return unsup(format!("result of void {}", ci.name)),
                };
                Ok(E::guarded(guards, body))
            }
            Stmt::If(c, a, b) => {
                if self.expr_ty(c)? != VTy::Bool {
                    return unsup("branch on a non-i1 value");
                }
                let mut guards = vec![];
                let tc = self.expr(c, &mut guards)?;
                let arms = [(Some(tc), &**a), (None, &**b)];
                let t = self.branches(&arms, rest, cx, scope)?;
                Ok(E::guarded(guards, t))
            }
            Stmt::Switch(e, cases, d) => {
                let w = self.width(e)?;
                let mut guards = vec![];
                let te = self.expr(e, &mut guards)?;
                let mut arms: Vec<(Option<E>, &Stmt)> = vec![];
                for (vals, s) in cases {
                    for v in vals {
                        norm_lit(v, w)?;
                    }
                    arms.push((
                        Some(E::prim(Prim::CaseIn(w, vals.clone()), vec![te.clone()])),
                        s,
                    ));
                }
                arms.push((None, &**d));
                let t = self.branches(&arms, rest, cx, scope)?;
                Ok(E::guarded(guards, t))
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
                let i = cx.labels.len().checked_sub(1 + n).ok_or_else(|| {
                    Unsupported::Construct(format!("break {n} outside its label"))
                })?;
                let t = cx.labels[i].brk.clone();
                self.jump(&t, scope, None)
            }
            Stmt::Continue(n) => {
                let i = cx.labels.len().checked_sub(1 + n).ok_or_else(|| {
                    Unsupported::Construct(format!("continue {n} outside its label"))
                })?;
                let t = cx.labels[i]
                    .cont
                    .clone()
                    .ok_or_else(|| Unsupported::Construct("continue to a block".into()))?;
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
                        Some(v) => E::some(E::Tuple(vec![v, E::var("st")])),
                        None if self.ret.is_none() => E::some(E::var("st")),
                        None => E::None,
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
                Ok(E::guarded(guards, t))
            }
            Stmt::Unreachable => Ok(E::None),
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
    ) -> R<(Target, Box<dyn FnOnce(E) -> E>)> {
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
            bs.push(SVar::new(var(p), self.vty(p)?.ty()));
        }
        bs.push(SVar::new("st", self.state_ty()));
        let n2 = name.clone();
        Ok((
            Target::Join { name, params },
            Box::new(move |t| E::LetFun {
                name: n2,
                params: bs,
                body: Box::new(k),
                rest: Box::new(t),
            }),
        ))
    }

    /// `if c1 then a1 else if c2 then a2 … else d`, followed by `rest`.
    fn branches(
        &mut self,
        arms: &[(Option<E>, &Stmt)],
        rest: &[&Stmt],
        cx: &Ctx,
        scope: &Scope,
    ) -> R<E> {
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

    fn chain(arms: &[(Option<E>, &Stmt)], bodies: Vec<E>) -> E {
        let mut it = arms.iter().zip(bodies).rev();
        let (_, last) = it.next().expect("at least one arm");
        it.fold(last, |acc, ((c, _), b)| match c {
            Some(c) => E::if_(c.clone(), b, acc),
            None => acc,
        })
    }

    fn tr_loop(&mut self, body: &Stmt, rest: &[&Stmt], cx: &Ctx, scope: &Scope) -> R<E> {
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
        let mut ret_tys = vec![Ty::Nat];
        ret_tys.extend(outs.iter().map(|v| v.ty.ty()));
        if let Some(r) = ret {
            ret_tys.push(r.ty());
        }
        ret_tys.push(self.state_ty());
        let mut params = vec![SVar::new("fuel", Ty::Nat)];
        params.extend(args.iter().map(|v| SVar::new(var(&v.id), v.ty.ty())));
        params.push(SVar::new("st", self.state_ty()));
        // `match fuel with O => None | S fuel => body end`: fuel 0 is undefined.
        let fbody = E::match_(
            E::var("fuel"),
            vec![
                (Pat::Lit(Lit::Nat(0)), E::None),
                (
                    Pat::Succ(Box::new(Pat::Var(SVar::new("fuel", Ty::Nat)))),
                    tbody,
                ),
            ],
        );
        self.defs.push(Fun {
            name: fix.clone(),
            params,
            ret: Ty::option(Ty::Tuple(ret_tys)),
            body: fbody,
        });
        // fuel
        let fuel = format!("{}_fuel.fuel{index}", self.f.name);
        let bound = match &self.f.bound {
            Some(b) => {
                let mut t = if b.takes_args {
                    E::call(
                        b.name.clone(),
                        self.params.iter().map(|v| E::var(var(&v.id))).collect(),
                    )
                } else {
                    E::call(b.name.clone(), vec![])
                };
                if !b.nat {
                    t = E::call("Z.to_nat", vec![t]);
                }
                t
            }
            None => match infer_bound(body, &self.tys, &self.params) {
                Some(t) => t,
                None => {
                    return Err(Unsupported::LoopBound {
                        function: self.f.name.to_string(),
                        index,
                    })
                }
            },
        };
        self.fuel_defs.push(Fuel { index, bound });
        // the call and the dispatch on the exit code
        let st = self.loops.pop().expect("pushed above");
        let used: Vec<usize> = st.used.iter().cloned().collect();
        self.loops.push(st);
        let code = format!("c'{index}");
        let rv = format!("rv'{index}");
        let mut pats = vec![Pat::Var(SVar::new(code.clone(), Ty::Nat))];
        pats.extend(
            outs.iter()
                .map(|v| Pat::Var(SVar::new(var(&v.id), v.ty.ty()))),
        );
        if let Some(r) = ret {
            pats.push(Pat::Var(SVar::new(rv.clone(), r.ty())));
        }
        pats.push(self.st_pat());
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
                            E::some(E::Tuple(vec![E::var(rv.clone()), E::var("st")]))
                        } else {
                            E::some(E::var("st"))
                        }
                    }
                    Some(pk) => self.jump(
                        &Target::Exit {
                            lp: pk,
                            kind: ExitKind::Return,
                        },
                        &sc,
                        Some(E::var(rv.clone())),
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
                        .ok_or_else(|| Unsupported::Construct("continue to a block".into()))?;
                    self.jump(&l, &sc, None)?
                }
            };
            arms.push((Pat::Lit(Lit::Nat(c as u64)), t));
            exits.push(kind);
        }
        arms.push((Pat::Wild, E::None));
        let mut cargs = vec![E::call(
            fuel.clone(),
            self.params.iter().map(|v| E::var(var(&v.id))).collect(),
        )];
        cargs.extend(args.iter().map(|v| E::var(var(&v.id))));
        cargs.push(E::var("st"));
        let call = E::call(fix.clone(), cargs);
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
        Ok(E::bind(
            Pat::Tuple(pats),
            call,
            E::match_(E::var(code), arms),
        ))
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
fn infer_bound(body: &Stmt, tys: &HashMap<Id, Typ>, params: &[Var]) -> Option<E> {
    let mut best: Option<E> = None;
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
    let mut param_bound: Option<E> = None;
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
                            param_bound = Some(E::call(
                                "Z.to_nat",
                                vec![E::prim(
                                    Prim::Z(ZOp::Add),
                                    vec![E::prim(Prim::Wrap(w), vec![E::var(var(p))]), E::z(2)],
                                )],
                            ));
                        }
                    }
                }
            }
        }
    });
    if konst > 0 {
        best = Some(E::call("Z.to_nat", vec![E::z(konst as i128 + 2)]));
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
                    .ok_or_else(|| Unsupported::Construct(format!("parameter of type {t:?}")))?,
            })
        })
        .collect::<R<Vec<_>>>()?;
    let ret = match f.ret {
        Typ::Void => None,
        t => Some(
            VTy::of_typ(t)
                .ok_or_else(|| Unsupported::Construct(format!("result of type {t:?}")))?,
        ),
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
    let mut sparams: Vec<SVar> = params
        .iter()
        .map(|v| SVar::new(var(&v.id), v.ty.ty()))
        .collect();
    let fuel_params = sparams.clone();
    sparams.push(SVar::new("st", f.state.clone()));
    let rty = match ret {
        None => Ty::option(f.state.clone()),
        Some(r) => Ty::option(Ty::Tuple(vec![r.ty(), f.state.clone()])),
    };
    Ok(LowSpec {
        spec: spec.clone(),
        params,
        ret,
        defs: SpecDefs {
            fuel_module: f.name.to_string(),
            fuel_params,
            fuel: tr.fuel_defs,
            fixpoints: tr.defs,
            spec: Fun {
                name: spec,
                params: sparams,
                ret: rty,
                body,
            },
        },
        loops: tr.infos,
    })
}

/// The marshalling of a spec into a `primspec` (`args… -> D -> option …` to `list val -> D -> …`):
/// `fun vs st => match vs with [v1; …] => (decode each argument; call; encode the result) | _ => None end`.
pub fn prim_def(
    name: &str,
    spec: &str,
    params: &[VTy],
    ret: Option<VTy>,
    state: &Ty,
) -> coq::Sentence {
    use coq::{Binder, Pat as CPat, Term};
    let vs: Vec<String> = (1..=params.len()).map(|i| format!("v{i}")).collect();
    let mut body = {
        let mut call: Vec<Term> = (1..=params.len())
            .map(|i| Term::name(format!("a{i}")))
            .collect();
        call.push(Term::name("st"));
        let c = Term::app(spec, call);
        match ret {
            None => Term::app("ret_void", vec![c]),
            Some(VTy::Int(w)) => Term::app("ret_int", vec![Term::int(w as i128), c]),
            Some(VTy::Bool) => Term::app("ret_bool", vec![c]),
            Some(VTy::Ptr) => Term::app("ret_ptr", vec![c]),
        }
    };
    for (i, p) in params.iter().enumerate().rev() {
        let v = Term::name(vs[i].clone());
        let dec = match p {
            VTy::Int(w) => Term::app("arg_int", vec![Term::int(*w as i128), v]),
            VTy::Bool => Term::app("arg_bool", vec![v]),
            VTy::Ptr => Term::app("arg_ptr", vec![v]),
        };
        body = Term::bind(dec, CPat::var(format!("a{}", i + 1)), body);
    }
    let lst = Term::List(
        vs.iter().map(|v| Term::name(v.clone())).collect(),
        coq::ListLayout::Group,
    );
    let m = Term::match_(
        Term::name("vs"),
        vec![(CPat::Lit(Box::new(lst)), body), (CPat::Wild, Term::none())],
    );
    coq::Sentence::definition(
        name,
        vec![],
        Some(Term::app("primspec", vec![spec::print::ty(state)])),
        Term::fun(vec![Binder::untyped("vs"), Binder::untyped("st")], m),
    )
}
