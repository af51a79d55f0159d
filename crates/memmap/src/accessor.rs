//! Accessors: functions whose body is "the start of a mapped object, offset arithmetic, one load
//! or store" of a mapped path, or one call passing a lock word's address on (a lock operation).
//! The project generator gives each of them a field-level spec (the path's abstract location,
//! under its index bounds and access check) or a lock-level spec (the declared lock operation on
//! the word's lock id) instead of a synthesised one, and proves it against the function's low spec
//! with the path's access or lock-word lemma.
//!
//! Recognition is purely syntactic and conservative: anything else (two accesses, an index that
//! is not a sum of parameters times constants, a loaded pointer, a truncated store) is not an
//! accessor and keeps the usual route. The proof, not this module, is what makes a field spec
//! right: a function that reads the neighbouring field is recognised as an accessor of that
//! field, and its spec says so.

use crate::resolve::{ResolvedMap, Step};
use crate::syntax::Target;
use ir2json::layout::Layout;
use ir2json::{BinOp, CastOp, Function, Module, Name, Op, TermOp, Type, Value};
use std::collections::BTreeMap;

/// What an accessor does with its path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AccessKind {
    /// Returns the `bits`-bit value loaded from the path, zero-extended or truncated to the
    /// `ret`-bit result.
    Load { bits: u32, ret: u32 },
    /// Returns whether the `bits`-bit value loaded from the path is not zero (an `i1` result:
    /// a C `bool` field read as a truth value).
    LoadNonzero { bits: u32 },
    /// Stores `value` (zero-extended or truncated to `bits`) at the path.
    Store { value: Stored, bits: u32 },
    /// Passes the address (of a lock word) to `callee`, its only argument, and returns nothing.
    Pass { callee: String },
}

/// What a store writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stored {
    /// The parameter of this position.
    Param(usize),
    /// A constant (its unsigned representative).
    Const(u64),
}

/// An array index the code computes from the parameters: `konst + Σ coef·param`, every
/// coefficient positive, the constant of either sign, in `bits`-bit arithmetic (`shl`/`mul` by
/// constants, `add`, `sub` of a constant) and then zero- or sign-extended to 64 bits. Wrapping arithmetic agrees
/// with the exact sum modulo `2^bits`, so over the parameters' unsigned values a sum in
/// `[0, len)` (`len` at most `2^(bits-1)`) is the code's index, whatever wrapped on the way:
/// that is what the field spec states (its bounds check) and its proof checks (`index - 47`
/// wraps for `index < 47`; those inputs fail the bounds check).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lin {
    pub terms: Vec<(u64, usize)>,
    pub konst: i64,
}

impl Lin {
    fn param(p: usize) -> Lin {
        Lin {
            terms: vec![(1, p)],
            konst: 0,
        }
    }

    fn scale(&self, c: u64) -> Option<Lin> {
        Some(Lin {
            terms: self
                .terms
                .iter()
                .map(|(k, p)| Some((k.checked_mul(c)?, *p)))
                .collect::<Option<_>>()?,
            konst: self.konst.checked_mul(i64::try_from(c).ok()?)?,
        })
    }

    fn add(&self, o: &Lin) -> Option<Lin> {
        let mut terms = self.terms.clone();
        for (k, p) in &o.terms {
            match terms.iter_mut().find(|(_, q)| q == p) {
                Some(t) => t.0 = t.0.checked_add(*k)?,
                None => terms.push((*k, *p)),
            }
        }
        Some(Lin {
            terms,
            konst: self.konst.checked_add(o.konst)?,
        })
    }
}

/// A variable index of an address: (stride, array length, the index the code computes).
pub type Var = (u64, u64, Lin);

/// The shape of an accessor's body: the address it accesses and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shape {
    /// Block index in the resolved map.
    pub block: usize,
    /// The called function that yields the block's start (no arguments).
    pub start: String,
    /// The address: constant offset, and per variable index (stride, array length, the index
    /// computed from the parameters), outermost first.
    pub offset: u64,
    pub vars: Vec<Var>,
    pub kind: AccessKind,
}

impl Shape {
    /// Whether the shape accesses `path` of its block (offset, size and strides agree).
    pub fn accesses(&self, map: &ResolvedMap, path: usize) -> bool {
        let p = &map.blocks[self.block].paths[path];
        let sized = match self.kind {
            AccessKind::Load { bits, .. }
            | AccessKind::LoadNonzero { bits }
            | AccessKind::Store { bits, .. } => {
                matches!(p.decl.target, Target::Field { .. }) && p.size * 8 == u64::from(bits)
            }
            AccessKind::Pass { .. } => matches!(p.decl.target, Target::LockWord(_)),
        };
        let strides: Vec<(u64, u64)> = p
            .steps
            .iter()
            .filter_map(|s| match s {
                Step::Index { stride, len, .. } => Some((*stride, *len)),
                Step::Field { .. } => None,
            })
            .collect();
        sized
            && p.const_offset() == self.offset
            && strides
                == self
                    .vars
                    .iter()
                    .map(|(s, l, _)| (*s, *l))
                    .collect::<Vec<_>>()
    }
}

/// What a local of the accessor's body stands for.
#[derive(Clone, Debug)]
enum Def {
    Param(usize, u32),
    Start(usize),
    /// `bits`-bit arithmetic on parameters (a parameter itself is one).
    Arith(Lin, u32),
    /// A 64-bit index: `bits`-bit arithmetic, sign- (`signed`) or zero-extended.
    Index(Lin, u32, bool),
    /// A parameter truncated to (or zero-extended to) a width.
    Resized(usize),
    /// A GEP into block `b`: constant offset and (stride, length, parameter) per variable index.
    Addr {
        block: usize,
        offset: u64,
        vars: Vec<Var>,
    },
    /// A 64-bit parameter as a pointer (`inttoptr`): stored, it is that integer.
    PtrOf(usize),
    Loaded,
    /// The loaded value, zero-extended or truncated.
    LoadedResized,
    /// Whether the loaded value is not zero.
    LoadedNonzero,
    /// A parameter compared with a constant: what the body may branch on.
    Guard,
}

fn is_debug_call(op: &Op) -> bool {
    match op {
        Op::Call { call } => match &call.callee {
            ir2json::Callee::Direct { name } => name.starts_with("llvm.dbg."),
            _ => false,
        },
        _ => false,
    }
}

/// The shape of function `name` if it is an accessor of one of the map's blocks (one path
/// through its body).
pub fn shape(module: &Module, map: &ResolvedMap, name: &str) -> Option<Shape> {
    match path_shapes(module, map, name)?.as_slice() {
        [s] => Some(s.clone()),
        _ => None,
    }
}

/// The shapes of function `name`, one per path through its body from the entry to a `ret`
/// (taking either side of each branch), if every path is an accessor path: a function that
/// chooses among fields by comparing a parameter with constants (`if (index < 41) … else switch
/// (index) …`). Branches on anything else, loops, panics (`unreachable`) or more than
/// [`MAX_PATHS`] paths: not an accessor. Which inputs take which path is the proof's business:
/// the map declares it (`; by f(index = 41)`) and the RefProof checks the code agrees.
pub fn path_shapes(module: &Module, map: &ResolvedMap, name: &str) -> Option<Vec<Shape>> {
    let f = module.function(name)?;
    let layout = Layout::new(module);
    body_paths(f)?
        .iter()
        .map(|p| recognise(f, p, module, &layout, map))
        .collect()
}

/// The most paths through an accessor's body.
pub const MAX_PATHS: usize = 64;

/// Every path through `f`'s body from the entry to a `ret`, as block indices.
fn body_paths(f: &Function) -> Option<Vec<Vec<usize>>> {
    fn walk(f: &Function, path: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) -> Option<()> {
        let b = &f.blocks[*path.last()?];
        let succs: Vec<&Name> = match &b.term.op {
            TermOp::Ret { .. } => {
                out.push(path.clone());
                return (out.len() <= MAX_PATHS).then_some(());
            }
            TermOp::Br { dest } => vec![dest],
            TermOp::CondBr {
                on_true, on_false, ..
            } => vec![on_true, on_false],
            TermOp::Switch { default, cases, .. } => {
                let mut v = vec![];
                for d in cases.iter().map(|c| &c.dest).chain([default]) {
                    if !v.contains(&d) {
                        v.push(d);
                    }
                }
                v
            }
            _ => return None,
        };
        for s in succs {
            let i = f.blocks.iter().position(|b| b.name == *s)?;
            if path.contains(&i) {
                return None;
            }
            path.push(i);
            walk(f, path, out)?;
            path.pop();
        }
        Some(())
    }
    let mut out = vec![];
    if f.blocks.is_empty() {
        return None;
    }
    walk(f, &mut vec![0], &mut out)?;
    Some(out)
}

fn local<'a>(defs: &'a BTreeMap<Name, Def>, v: &Value) -> Option<&'a Def> {
    match v {
        Value::Local { name, .. } => defs.get(name),
        _ => None,
    }
}

/// The block, constant offset and variable indices of a local that is a block address.
fn address(defs: &BTreeMap<Name, Def>, v: &Value) -> Option<(usize, u64, Vec<Var>)> {
    match local(defs, v)? {
        Def::Addr {
            block,
            offset,
            vars,
        } => Some((*block, *offset, vars.clone())),
        _ => None,
    }
}

/// An integer constant's (signed, unsigned) readings, as ir2json prints them.
fn int_const(v: &Value) -> Option<(&str, &str)> {
    match v {
        Value::Const {
            value: ir2json::Constant::Int { signed, value, .. },
        } => Some((signed, value)),
        _ => None,
    }
}

fn const_int(v: &Value) -> Option<i128> {
    int_const(v)?.0.parse().ok()
}

/// The unsigned representative of an integer constant.
fn const_uint(v: &Value) -> Option<u64> {
    int_const(v)?.1.parse().ok()
}

/// The block whose object a call of `callee` (no arguments, returning a pointer to the block's
/// struct) starts.
fn start_block(module: &Module, map: &ResolvedMap, callee: &str) -> Option<usize> {
    let sig = module
        .function(callee)
        .map(|f| &f.sig)
        .or_else(|| module.declaration(callee).map(|d| &d.sig))?;
    if !sig.params.is_empty() {
        return None;
    }
    let Type::Ptr { pointee, .. } = &sig.ret_ty else {
        return None;
    };
    let Type::Named { name } = pointee.as_ref() else {
        return None;
    };
    map.blocks.iter().position(|b| b.struct_ty == *name)
}

/// The address a GEP computes from a block start: constant offset and variable indices.
fn gep_addr(
    module: &Module,
    layout: &Layout,
    block_ty: &str,
    indices: &[Value],
    defs: &BTreeMap<Name, Def>,
) -> Option<(u64, Vec<Var>)> {
    let (first, rest) = indices.split_first()?;
    if const_int(first)? != 0 {
        return None;
    }
    let mut ty = Type::Named {
        name: block_ty.to_string(),
    };
    let mut offset = 0u64;
    let mut vars = vec![];
    for ix in rest {
        match ty.clone() {
            Type::Named { .. } | Type::Struct { .. } => {
                let i = usize::try_from(const_int(ix)?).ok()?;
                offset += layout.field_offset(&ty, i).ok()?;
                ty = struct_fields(module, &ty)?.get(i)?.clone();
            }
            Type::Array { elem, len } => {
                let stride = layout.alloc_size(&elem).ok()?;
                let index = match (const_int(ix), local(defs, ix)) {
                    (Some(c), _) => {
                        offset += u64::try_from(c).ok()? * stride;
                        None
                    }
                    (None, Some(Def::Index(l, bits, signed))) => Some((l.clone(), *bits, *signed)),
                    (None, Some(Def::Param(p, 64))) => Some((Lin::param(*p), 64, false)),
                    (None, Some(Def::Arith(l, 64))) => Some((l.clone(), 64, false)),
                    _ => return None,
                };
                if let Some((l, bits, signed)) = index {
                    // every value below the length is computed without wrap-around and
                    // extends to itself (see `Lin`)
                    let room = if signed { bits - 1 } else { bits };
                    if room < 64 && len > 1u64 << room {
                        return None;
                    }
                    vars.push((stride, len, l));
                }
                ty = *elem;
            }
            _ => return None,
        }
    }
    Some((offset, vars))
}

fn struct_fields(module: &Module, t: &Type) -> Option<Vec<Type>> {
    match t {
        Type::Named { name } => module
            .named_struct(name)?
            .body
            .as_ref()
            .map(|b| b.fields.clone()),
        Type::Struct { fields, .. } => Some(fields.clone()),
        _ => None,
    }
}

/// The shape of one path through `f` (block indices from the entry to a `ret`).
fn recognise(
    f: &Function,
    path: &[usize],
    module: &Module,
    layout: &Layout,
    map: &ResolvedMap,
) -> Option<Shape> {
    let mut defs: BTreeMap<Name, Def> = BTreeMap::new();
    for (i, p) in f.sig.params.iter().enumerate() {
        let Type::Int { bits } = p.ty else { continue };
        if let Some(n) = &p.name {
            defs.insert(n.clone(), Def::Param(i, bits));
        }
    }
    let mut found = Found::default();
    let blocks: Vec<&ir2json::Block> = path.iter().map(|i| &f.blocks[*i]).collect();
    let cx = Cx {
        f,
        module,
        layout,
        map,
    };
    for (k, bb) in blocks.iter().enumerate() {
        let prev = k.checked_sub(1).map(|j| &blocks[j].name);
        for ins in bb.instrs.iter().filter(|i| !is_debug_call(&i.op)) {
            let Some(def) = cx.instr_def(ins, prev, &defs, &mut found)? else {
                continue;
            };
            defs.insert(ins.result.clone()?, def);
        }
        // between blocks: a branch on a parameter compared with a constant, or a switch on a
        // parameter (either side is another path)
        if k + 1 < blocks.len() {
            match &bb.term.op {
                TermOp::Br { .. } => {}
                TermOp::CondBr { cond, .. } => {
                    local(&defs, cond).filter(|d| matches!(d, Def::Guard))?;
                }
                TermOp::Switch { value, .. } => {
                    local(&defs, value).filter(|d| matches!(d, Def::Param(..)))?;
                }
                _ => return None,
            }
        }
    }
    finish(blocks.last()?, &defs, found)
}

/// What the function and module are, for reading one path.
struct Cx<'a> {
    f: &'a Function,
    module: &'a Module,
    layout: &'a Layout<'a>,
    map: &'a ResolvedMap,
}

/// The start call and the access a path has made so far.
#[derive(Default)]
struct Found {
    start: Option<String>,
    access: Option<(usize, u64, Vec<Var>, AccessKind)>,
}

impl Cx<'_> {
    /// The meaning of instruction `ins` (of a block entered from `prev`) in terms of `defs`
    /// (`Some(None)`: a store or lock call, which defines no local; `None`: not an accessor
    /// path); records the start call and the access.
    fn instr_def(
        &self,
        ins: &ir2json::Instruction,
        prev: Option<&Name>,
        defs: &BTreeMap<Name, Def>,
        found: &mut Found,
    ) -> Option<Option<Def>> {
        let Cx {
            f,
            module,
            layout,
            map,
        } = *self;
        let Found { start, access } = found;
        let def = match &ins.op {
            Op::Phi { incoming } => {
                // the value from the block this path came from
                let inc = incoming.iter().find(|i| Some(&i.block) == prev)?;
                local(defs, &inc.value)?.clone()
            }
            Op::Call { call } => {
                let ir2json::Callee::Direct { name } = &call.callee else {
                    return None;
                };
                if let [arg] = call.args.as_slice() {
                    // a lock operation: the address goes to the callee, nothing comes back
                    let (block, offset, vars) = address(defs, &arg.value)?;
                    if access.is_some() || ins.result.is_some() {
                        return None;
                    }
                    let kind = AccessKind::Pass {
                        callee: name.clone(),
                    };
                    *access = Some((block, offset, vars, kind));
                    return Some(None);
                }
                if !call.args.is_empty() || start.is_some() {
                    return None;
                }
                let b = start_block(module, map, name)?;
                *start = Some(name.clone());
                Def::Start(b)
            }
            Op::Cast {
                cop: cop @ (CastOp::ZExt | CastOp::SExt | CastOp::Trunc),
                operand,
                to: Type::Int { bits },
            } => match (local(defs, operand)?, cop) {
                (Def::Param(p, w), CastOp::ZExt | CastOp::SExt) if *bits == 64 => {
                    Def::Index(Lin::param(*p), *w, *cop == CastOp::SExt)
                }
                (Def::Arith(l, w), CastOp::ZExt | CastOp::SExt) if *bits == 64 => {
                    Def::Index(l.clone(), *w, *cop == CastOp::SExt)
                }
                (Def::Param(p, _), CastOp::ZExt | CastOp::Trunc) => Def::Resized(*p),
                (Def::Loaded, CastOp::ZExt | CastOp::Trunc) => Def::LoadedResized,
                _ => return None,
            },
            Op::ICmp {
                pred: ir2json::IntPredicate::Ne,
                lhs,
                rhs,
            } if const_int(rhs) == Some(0) && matches!(local(defs, lhs), Some(Def::Loaded)) => {
                match access {
                    Some((_, _, _, kind @ AccessKind::Load { .. })) => {
                        let AccessKind::Load { bits, .. } = *kind else {
                            unreachable!()
                        };
                        *kind = AccessKind::LoadNonzero { bits };
                    }
                    _ => return None,
                }
                Def::LoadedNonzero
            }
            Op::ICmp { lhs, rhs, .. }
                if matches!(local(defs, lhs), Some(Def::Param(..))) && const_int(rhs).is_some() =>
            {
                Def::Guard
            }
            Op::Cast {
                cop: CastOp::IntToPtr,
                operand,
                ..
            } => match local(defs, operand)? {
                Def::Param(p, 64) => Def::PtrOf(*p),
                _ => return None,
            },
            Op::Binary {
                bop: bop @ (BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Shl),
                lhs,
                rhs,
                ..
            } => {
                let Type::Int { bits } = ins.ty else {
                    return None;
                };
                let lin = |v: &Value| match local(defs, v) {
                    Some(Def::Param(p, w)) if *w == bits => Some(Lin::param(*p)),
                    Some(Def::Arith(l, w)) if *w == bits => Some(l.clone()),
                    _ => None,
                };
                let konst = |v: &Value| const_int(v).and_then(|c| i64::try_from(c).ok());
                let factor = |v: &Value| konst(v).and_then(|c| u64::try_from(c).ok());
                let l = match bop {
                    BinOp::Add => match (lin(lhs), lin(rhs), konst(rhs)) {
                        (Some(a), Some(b), _) => a.add(&b)?,
                        (Some(a), None, Some(c)) => a.add(&Lin {
                            terms: vec![],
                            konst: c,
                        })?,
                        _ => return None,
                    },
                    BinOp::Sub => lin(lhs)?.add(&Lin {
                        terms: vec![],
                        konst: konst(rhs)?.checked_neg()?,
                    })?,
                    BinOp::Mul => lin(lhs)?.scale(factor(rhs).filter(|c| *c > 0)?)?,
                    _ => lin(lhs)?.scale(1u64.checked_shl(u32::try_from(factor(rhs)?).ok()?)?)?,
                };
                Def::Arith(l, bits)
            }
            Op::GetElementPtr { base, indices, .. } => {
                let Some(Def::Start(b)) = local(defs, base) else {
                    return None;
                };
                let b = *b;
                let (offset, vars) =
                    gep_addr(module, layout, &map.blocks[b].struct_ty, indices, defs)?;
                Def::Addr {
                    block: b,
                    offset,
                    vars,
                }
            }
            Op::Load { ptr, .. } => {
                let Type::Int { bits } = ins.ty else {
                    return None;
                };
                let (block, offset, vars) = address(defs, ptr)?;
                if access.is_some() {
                    return None;
                }
                let ret = match &f.sig.ret_ty {
                    Type::Int { bits } => *bits,
                    _ => return None,
                };
                *access = Some((block, offset, vars, AccessKind::Load { bits, ret }));
                Def::Loaded
            }
            Op::Store { value, ptr, .. } => {
                let bits = match (value_type(value)?, local(defs, value)) {
                    (Type::Int { bits }, _) if bits % 8 == 0 => bits,
                    (Type::Ptr { .. }, Some(Def::PtrOf(_))) => 64,
                    _ => return None,
                };
                let stored = match (local(defs, value), const_uint(value)) {
                    (Some(Def::Param(p, _) | Def::Resized(p) | Def::PtrOf(p)), _) => {
                        Stored::Param(*p)
                    }
                    (_, Some(c)) => Stored::Const(c),
                    _ => return None,
                };
                let (block, offset, vars) = address(defs, ptr)?;
                if access.is_some() {
                    return None;
                }
                *access = Some((
                    block,
                    offset,
                    vars,
                    AccessKind::Store {
                        value: stored,
                        bits,
                    },
                ));
                return Some(None);
            }
            _ => return None,
        };
        Some(Some(def))
    }
}

/// The shape a path ends in: its access, and a `ret` of the loaded value (or nothing after a
/// store or lock call).
fn finish(bb: &ir2json::Block, defs: &BTreeMap<Name, Def>, found: Found) -> Option<Shape> {
    let Found { start, access } = found;
    let (block, offset, vars, kind) = access?;
    // the function returns the loaded value, or nothing after a store
    match (&bb.term.op, &kind) {
        (TermOp::Ret { value: Some(v) }, AccessKind::Load { .. }) => {
            local(defs, v).filter(|d| matches!(d, Def::Loaded | Def::LoadedResized))?;
        }
        (TermOp::Ret { value: Some(v) }, AccessKind::LoadNonzero { .. }) => {
            local(defs, v).filter(|d| matches!(d, Def::LoadedNonzero))?;
        }
        (TermOp::Ret { value: None }, AccessKind::Store { .. } | AccessKind::Pass { .. }) => {}
        _ => return None,
    }
    Some(Shape {
        block,
        start: start?,
        offset,
        vars,
        kind,
    })
}

fn value_type(v: &Value) -> Option<Type> {
    match v {
        Value::Local { ty, .. } => Some(ty.clone()),
        Value::Const {
            value: ir2json::Constant::Int { bits, .. },
        } => Some(Type::Int { bits: *bits }),
        _ => None,
    }
}
