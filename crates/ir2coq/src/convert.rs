//! IR model → typed Coq AST, one function at a time.

use crate::cfg::{self, NodeKind};
use crate::mangle;
use crate::phi::{self, Move};
use crate::syntax::{
    self, Binop, Callee as CCallee, Const, Expr, FBinop, FKind, Flags, Id, Stmt, Typ,
};
use diag::{Code, Diagnostic, Place};
use ir2json::layout::Layout;
use ir2json::{
    BinOp, CastOp, ConstExpr, Constant, DebugLoc, FloatPredicate, FpKind, Function, Instruction,
    IntPredicate, Module, Name, Op, Ordering, RmwOp, TermOp, Type, Value,
};
use std::collections::{BTreeMap, HashMap};

/// A construct with no mapping, located in its function.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} in @{function}{}: {message}", code.as_str(), loc_suffix(.loc))]
pub struct ConvError {
    /// Stable error code (`E-I2C0NN`).
    pub code: Code,
    /// Short reason used to group failures (e.g. `unsupported terminator invoke`).
    pub reason: String,
    /// Full message.
    pub message: String,
    pub function: String,
    pub loc: Option<Box<DebugLoc>>,
}

impl ConvError {
    /// The error as the workspace's diagnostic (located at the function's debug location).
    pub fn diagnostic(&self) -> Diagnostic {
        let mut place = Place::function(self.function.clone());
        if let Some(l) = &self.loc {
            place.file = Some(l.file.clone());
            place.line = Some(l.line);
        }
        Diagnostic::at(self.code, place, self.message.clone()).hint(
            "see docs/ir2coq.md for the constructs the code model supports; the module's other functions still convert",
        )
    }
}

fn loc_suffix(l: &Option<Box<DebugLoc>>) -> String {
    match l {
        Some(l) => format!(" at {}:{}", l.file, l.line),
        None => String::new(),
    }
}

/// An error before it is located in a function.
#[derive(Debug, Clone)]
pub struct Fail {
    code: Code,
    reason: String,
    message: String,
}

fn fail(code: Code, reason: impl Into<String>, message: impl Into<String>) -> Fail {
    Fail {
        code,
        reason: reason.into(),
        message: message.into(),
    }
}

/// A global initializer with no constant form, as a located error naming the global.
pub(crate) fn global_error(e: Fail, global: &str) -> ConvError {
    ConvError {
        code: e.code,
        reason: format!("global initializer: {}", e.reason),
        message: format!(
            "{} (hint: the initializer of @{global} needs a const form in coq-lib Syntax.v)",
            e.message
        ),
        function: global.to_string(),
        loc: None,
    }
}

fn const_ctx(what: &str) -> Fail {
    fail(
        Code::I2cConstant,
        "constant expression in constant context",
        format!("no constant form for a {what} constant expression inside a constant"),
    )
}

fn unsupported(what: &str) -> Fail {
    fail(
        Code::I2cUnsupported,
        format!("unsupported {what}"),
        format!("no Coq mapping for {what}"),
    )
}

impl std::fmt::Display for Fail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.code.as_str(), self.message)
    }
}

type R<T> = Result<T, Fail>;

/// Module-wide conversion context: layouts, global names.
pub struct ModCtx<'m> {
    pub m: &'m Module,
    pub layout: Layout<'m>,
    /// LLVM global name → Coq ident name (`g_…`).
    pub globals: BTreeMap<String, Id>,
    /// Named struct name → body (None when opaque).
    pub named: HashMap<&'m str, Option<&'m ir2json::StructBody>>,
}

impl<'m> ModCtx<'m> {
    pub fn new(m: &'m Module) -> ModCtx<'m> {
        let mut globals = BTreeMap::new();
        for f in &m.functions {
            globals.insert(f.sig.name.clone(), Id(mangle::global(&f.sig.name)));
        }
        for f in &m.declarations {
            globals.insert(f.sig.name.clone(), Id(mangle::global(&f.sig.name)));
        }
        for g in &m.globals {
            globals.insert(g.name.clone(), Id(mangle::global(&g.name)));
        }
        for a in &m.aliases {
            globals.insert(a.name.clone(), Id(mangle::global(&a.name)));
        }
        for a in &m.ifuncs {
            globals.insert(a.name.clone(), Id(mangle::global(&a.name)));
        }
        ModCtx {
            m,
            layout: Layout::new(m),
            globals,
            named: m
                .types
                .iter()
                .map(|t| (t.name.as_str(), t.body.as_ref()))
                .collect(),
        }
    }

    fn global(&self, name: &str) -> R<Id> {
        self.globals.get(name).cloned().ok_or_else(|| {
            fail(
                Code::I2cUnknownGlobal,
                "unknown global",
                format!("reference to unknown global @{name}"),
            )
        })
    }

    pub fn typ(&self, t: &Type) -> R<Typ> {
        Ok(match t {
            Type::Void => Typ::Void,
            Type::Int { bits } => Typ::Int(*bits),
            Type::Float { fp } => Typ::Float(fkind(*fp)),
            Type::Ptr { .. } => Typ::Ptr,
            Type::Vector {
                elem,
                len,
                scalable,
            } => {
                if *scalable {
                    return Err(fail(
                        Code::I2cScalable,
                        "scalable vector",
                        "a scalable vector type (`<vscale x n x t>`, e.g. SVE) is not modelled: \
                         its length is only known at run time",
                    ));
                }
                Typ::Vector(*len, Box::new(self.typ(elem)?))
            }
            Type::Array { elem, len } => Typ::Array(*len, Box::new(self.typ(elem)?)),
            Type::Struct { fields, packed } => Typ::Struct(
                *packed,
                fields.iter().map(|f| self.typ(f)).collect::<R<_>>()?,
            ),
            Type::Named { name } => match self.named.get(name.as_str()) {
                Some(Some(_)) => Typ::Named(Id(mangle::named_type(name))),
                _ => Typ::Opaque,
            },
            Type::Func(ft) => Typ::Func(
                Box::new(self.typ(&ft.ret)?),
                ft.params.iter().map(|p| self.typ(p)).collect::<R<_>>()?,
                ft.var_arg,
            ),
            Type::Label | Type::Metadata | Type::Token | Type::X86Amx => Typ::Opaque,
            Type::X86Mmx => Typ::Int(64),
        })
    }

    /// The type of a constant.
    pub(crate) fn const_type(&self, c: &Constant) -> R<Type> {
        Ok(match c {
            Constant::Int { bits, .. } => Type::Int { bits: *bits },
            Constant::Float { fp, .. } => Type::Float { fp: *fp },
            Constant::Null { ty }
            | Constant::Zero { ty }
            | Constant::Undef { ty }
            | Constant::Poison { ty } => ty.clone(),
            Constant::Struct { name: Some(n), .. } => Type::Named { name: n.clone() },
            Constant::Struct {
                name: None,
                packed,
                fields,
            } => Type::Struct {
                fields: fields
                    .iter()
                    .map(|f| self.const_type(f))
                    .collect::<R<_>>()?,
                packed: *packed,
            },
            Constant::Array { elem_ty, elems } => Type::Array {
                elem: Box::new(elem_ty.clone()),
                len: elems.len() as u64,
            },
            Constant::Vector { elems } => Type::Vector {
                elem: Box::new(match elems.first() {
                    Some(e) => self.const_type(e)?,
                    None => return Err(unsupported("empty vector constant")),
                }),
                len: elems.len() as u64,
                scalable: false,
            },
            Constant::BlockAddress { .. } => Type::Ptr {
                pointee: Box::new(Type::Int { bits: 8 }),
                addr_space: 0,
            },
            Constant::Global { ty, .. } => ty.clone(),
            Constant::TokenNone => Type::Token,
            Constant::Expr { expr } => match &**expr {
                ConstExpr::Binary { lhs, .. } => self.const_type(lhs)?,
                ConstExpr::FNeg { operand } => self.const_type(operand)?,
                ConstExpr::Cast { to, .. } => to.clone(),
                ConstExpr::GetElementPtr { base, indices, .. } => {
                    let bt = self.const_type(base)?;
                    let Type::Ptr {
                        pointee,
                        addr_space,
                    } = &bt
                    else {
                        return Err(unsupported("vector getelementptr constant"));
                    };
                    let mut cur = (**pointee).clone();
                    for ix in indices.iter().skip(1) {
                        cur = self.step_type(&cur, const_int(ix))?;
                    }
                    Type::Ptr {
                        pointee: Box::new(cur),
                        addr_space: *addr_space,
                    }
                }
                ConstExpr::ICmp { lhs, .. } | ConstExpr::FCmp { lhs, .. } => {
                    match self.const_type(lhs)? {
                        Type::Vector { len, scalable, .. } => Type::Vector {
                            elem: Box::new(Type::Int { bits: 1 }),
                            len,
                            scalable,
                        },
                        _ => Type::Int { bits: 1 },
                    }
                }
                ConstExpr::Select { on_true, .. } => self.const_type(on_true)?,
                ConstExpr::ExtractElement { vector, .. } => match self.const_type(vector)? {
                    Type::Vector { elem, .. } => *elem,
                    _ => return Err(unsupported("extractelement of non-vector")),
                },
                ConstExpr::InsertElement { vector, .. } => self.const_type(vector)?,
                ConstExpr::ShuffleVector { a, mask, .. } => match self.const_type(a)? {
                    Type::Vector { elem, .. } => Type::Vector {
                        elem,
                        len: mask.len() as u64,
                        scalable: false,
                    },
                    _ => return Err(unsupported("shufflevector of non-vector")),
                },
                ConstExpr::ExtractValue { aggregate, indices } => {
                    let mut t = self.const_type(aggregate)?;
                    for &i in indices {
                        t = self.step_type(&t, Some(i as i128))?;
                    }
                    t
                }
                ConstExpr::InsertValue { aggregate, .. } => self.const_type(aggregate)?,
            },
        })
    }

    /// The element type reached by one GEP/extractvalue index into `t`.
    fn step_type(&self, t: &Type, idx: Option<i128>) -> R<Type> {
        Ok(match t {
            Type::Array { elem, .. } | Type::Vector { elem, .. } => (**elem).clone(),
            Type::Struct { fields, .. } => {
                let i = idx.ok_or_else(|| unsupported("non-constant struct index"))?;
                fields
                    .get(i as usize)
                    .cloned()
                    .ok_or_else(|| unsupported("struct index out of range"))?
            }
            Type::Named { name } => match self.named.get(name.as_str()) {
                Some(Some(b)) => {
                    let i = idx.ok_or_else(|| unsupported("non-constant struct index"))?;
                    b.fields
                        .get(i as usize)
                        .cloned()
                        .ok_or_else(|| unsupported("struct index out of range"))?
                }
                _ => return Err(unsupported(&format!("indexing into opaque struct %{name}"))),
            },
            _ => return Err(unsupported("indexing into a scalar type")),
        })
    }

    /// A constant in constant context (global initializers, aggregate members).
    pub fn const_val(&self, c: &Constant) -> R<Const> {
        Ok(match c {
            Constant::Int { bits, signed, .. } => Const::Int(*bits, signed.clone()),
            Constant::Float { fp, bits } => match bits {
                Some(b) => Const::Float(fkind(*fp), b.clone()),
                None => return Err(unsupported("floating-point constant without bits")),
            },
            Constant::Null { .. } => Const::Null,
            Constant::Zero { ty } => Const::Zero(self.typ(ty)?),
            Constant::Undef { ty } => Const::Undef(self.typ(ty)?),
            Constant::Poison { ty } => Const::Poison(self.typ(ty)?),
            Constant::Struct { fields, .. } => {
                Const::Agg(fields.iter().map(|f| self.const_val(f)).collect::<R<_>>()?)
            }
            Constant::Array {
                elem_ty: Type::Int { bits: 8 },
                elems,
            } if !elems.is_empty() && elems.iter().all(|e| const_int(e).is_some()) => Const::Bytes(
                elems
                    .iter()
                    .map(|e| const_int(e).unwrap_or(0) as u8)
                    .collect(),
            ),
            Constant::Array { elems, .. } => {
                Const::Agg(elems.iter().map(|f| self.const_val(f)).collect::<R<_>>()?)
            }
            Constant::Vector { elems } => {
                Const::Vec(elems.iter().map(|f| self.const_val(f)).collect::<R<_>>()?)
            }
            Constant::BlockAddress { function, block } => {
                Const::Global(Id(mangle::block_addr(function, block)))
            }
            Constant::Global { name, .. } => Const::Global(self.global(name)?),
            Constant::TokenNone => return Err(unsupported("token constant")),
            Constant::Expr { expr } => self.const_expr_val(expr)?,
        })
    }

    /// A constant expression in constant context (global initializers, aggregate members): the
    /// `Cptradd`/`Ccast`/`Cbinop`/`Cicmp`/`Cselect` forms.
    fn const_expr_val(&self, expr: &ConstExpr) -> R<Const> {
        let b = |c: &Constant| self.const_val(c).map(Box::new);
        Ok(match expr {
            // Pointer-to-pointer casts are the identity on pointer values.
            ConstExpr::Cast {
                cop: CastOp::BitCast | CastOp::AddrSpaceCast,
                operand,
                to: Type::Ptr { .. },
            } if matches!(self.const_type(operand)?, Type::Ptr { .. }) => {
                self.const_val(operand)?
            }
            ConstExpr::Cast { cop, operand, to } => {
                Const::Cast(cast_name(*cop), b(operand)?, self.typ(to)?)
            }
            ConstExpr::GetElementPtr { base, indices, .. } => {
                let bt = self.const_type(base)?;
                let base_c = self.const_val(base)?;
                let ix = self.const_gep_indices(indices)?;
                if ix.iter().any(|i| i.konst.is_none()) {
                    return Err(fail(
                        Code::I2cConstant,
                        "constant expression in constant context",
                        "getelementptr constant with a non-integer index",
                    ));
                }
                // a constant in constant context: computed as written (no inbounds check)
                match self.gep(Expr::Const(base_c.clone()), &bt, &ix, false)? {
                    Expr::Const(c) => c,
                    Expr::PtrAdd(_, _, off) => match *off {
                        Expr::Const(Const::Int(_, z)) => Const::PtrAdd(Box::new(base_c), z),
                        _ => unreachable!("constant indices give a constant offset"),
                    },
                    _ => unreachable!("gep returns the base or a pointer addition"),
                }
            }
            ConstExpr::Binary {
                bop,
                lhs,
                rhs,
                flags: fl,
            } => match binop_kind(*bop) {
                Ok(op) => Const::Binop(op, flags(fl), b(lhs)?, b(rhs)?),
                Err(_) => return Err(const_ctx("floating-point arithmetic")),
            },
            ConstExpr::ICmp { pred, lhs, rhs } => Const::Icmp(icmp_name(*pred), b(lhs)?, b(rhs)?),
            ConstExpr::Select {
                cond,
                on_true,
                on_false,
            } => Const::Select(b(cond)?, b(on_true)?, b(on_false)?),
            ConstExpr::FNeg { .. } => return Err(const_ctx("fneg")),
            ConstExpr::FCmp { .. } => return Err(const_ctx("fcmp")),
            ConstExpr::ExtractElement { .. }
            | ConstExpr::InsertElement { .. }
            | ConstExpr::ShuffleVector { .. } => return Err(const_ctx("vector operation")),
            ConstExpr::ExtractValue { .. } | ConstExpr::InsertValue { .. } => {
                return Err(const_ctx("extractvalue/insertvalue"))
            }
        })
    }

    /// The indices of a constant GEP (a constant offset where the index is an integer literal).
    fn const_gep_indices(&self, indices: &[Constant]) -> R<Vec<GepIndex>> {
        indices
            .iter()
            .map(|i| {
                Ok(GepIndex {
                    konst: const_int(i),
                    bits: int_bits(&self.const_type(i)?)?,
                    expr: self.const_expr(i)?,
                })
            })
            .collect()
    }

    /// A constant used as an operand: constant expressions become expressions.
    pub(crate) fn const_expr(&self, c: &Constant) -> R<Expr> {
        let Constant::Expr { expr } = c else {
            return Ok(Expr::Const(self.const_val(c)?));
        };
        let b = |c: &Constant| self.const_expr(c).map(Box::new);
        Ok(match &**expr {
            ConstExpr::Binary {
                bop,
                lhs,
                rhs,
                flags,
            } => binop(*bop, flags, b(lhs)?, b(rhs)?),
            ConstExpr::FNeg { operand } => Expr::FNeg(b(operand)?),
            ConstExpr::Cast { cop, operand, to } => {
                Expr::Cast(cast_name(*cop), b(operand)?, self.typ(to)?)
            }
            ConstExpr::GetElementPtr { base, indices, .. } => {
                let bt = self.const_type(base)?;
                let ix = self.const_gep_indices(indices)?;
                self.gep(self.const_expr(base)?, &bt, &ix, false)?
            }
            ConstExpr::ICmp { pred, lhs, rhs } => Expr::Icmp(icmp_name(*pred), b(lhs)?, b(rhs)?),
            ConstExpr::FCmp { pred, lhs, rhs } => Expr::Fcmp(fcmp_name(*pred), b(lhs)?, b(rhs)?),
            ConstExpr::Select {
                cond,
                on_true,
                on_false,
            } => Expr::Select(b(cond)?, b(on_true)?, b(on_false)?),
            ConstExpr::ExtractElement { vector, index } => {
                Expr::ExtractElement(b(vector)?, b(index)?)
            }
            ConstExpr::InsertElement {
                vector,
                elem,
                index,
            } => Expr::InsertElement(b(vector)?, b(elem)?, b(index)?),
            ConstExpr::ShuffleVector { a, b: bb, mask } => {
                Expr::Shuffle(b(a)?, b(bb)?, mask_vals(mask))
            }
            ConstExpr::ExtractValue { aggregate, indices } => {
                Expr::ExtractValue(b(aggregate)?, indices.clone())
            }
            ConstExpr::InsertValue {
                aggregate,
                elem,
                indices,
            } => Expr::InsertValue(b(aggregate)?, b(elem)?, indices.clone()),
        })
    }

    /// Lower a GEP to `Eptradd base offset` with the DataLayout.
    /// The address a `getelementptr` computes: the base plus a byte offset. With `inbounds` the
    /// offset's multiplications and additions are `nsw` (LLVM's rule for inbounds) and the
    /// addition is `Eptradd_inb` (poison when the address leaves its object).
    fn gep(&self, base: Expr, base_ty: &Type, indices: &[GepIndex], inbounds: bool) -> R<Expr> {
        let fl = Flags {
            nsw: inbounds,
            ..Flags::default()
        };
        let Type::Ptr { pointee, .. } = base_ty else {
            return Err(unsupported("getelementptr on a vector of pointers"));
        };
        let mut cur: Type = (**pointee).clone();
        let mut konst: i128 = 0;
        let mut terms: Vec<Expr> = Vec::new();
        let lay = |e: ir2json::layout::LayoutError| fail(Code::I2cLayout, "layout", e.to_string());
        for (k, ix) in indices.iter().enumerate() {
            let (stride, next) = if k == 0 {
                (self.layout.alloc_size(&cur).map_err(lay)?, cur.clone())
            } else {
                match &cur {
                    Type::Struct { .. } | Type::Named { .. } => {
                        let i = ix
                            .konst
                            .ok_or_else(|| unsupported("non-constant struct index"))?;
                        konst += self.layout.field_offset(&cur, i as usize).map_err(lay)? as i128;
                        cur = self.step_type(&cur, Some(i))?;
                        continue;
                    }
                    Type::Array { elem, .. } | Type::Vector { elem, .. } => {
                        (self.layout.alloc_size(elem).map_err(lay)?, (**elem).clone())
                    }
                    _ => return Err(unsupported("getelementptr into a scalar")),
                }
            };
            cur = next;
            match ix.konst {
                Some(v) => konst = konst.wrapping_add(v.wrapping_mul(stride as i128)),
                None => {
                    let e = match ix.bits {
                        64 => ix.expr.clone(),
                        b if b < 64 => Expr::Cast("Ksext", Box::new(ix.expr.clone()), Typ::Int(64)),
                        _ => Expr::Cast("Ktrunc", Box::new(ix.expr.clone()), Typ::Int(64)),
                    };
                    terms.push(if stride == 1 {
                        e
                    } else {
                        Expr::Binop(Binop::Mul, fl, Box::new(e), Box::new(i64c(stride as i128)))
                    });
                }
            }
        }
        let konst = konst as i64 as i128; // wrap to 64 bits, signed reading
        let mut off: Option<Expr> = None;
        for t in terms {
            off = Some(match off {
                None => t,
                Some(o) => Expr::Binop(Binop::Add, fl, Box::new(o), Box::new(t)),
            });
        }
        if konst != 0 || off.is_none() {
            let c = i64c(konst);
            off = Some(match off {
                None => c,
                Some(o) => Expr::Binop(Binop::Add, fl, Box::new(o), Box::new(c)),
            });
        }
        match off {
            Some(Expr::Const(Const::Int(_, ref z))) if z == "0" => Ok(base),
            Some(o) => Ok(Expr::PtrAdd(inbounds, Box::new(base), Box::new(o))),
            None => Ok(base),
        }
    }
}

struct GepIndex {
    konst: Option<i128>,
    bits: u32,
    expr: Expr,
}

fn i64c(v: i128) -> Expr {
    Expr::Const(Const::Int(64, v.to_string()))
}

fn int_bits(t: &Type) -> R<u32> {
    match t {
        Type::Int { bits } => Ok(*bits),
        _ => Err(unsupported("vector index in getelementptr")),
    }
}

fn const_int(c: &Constant) -> Option<i128> {
    match c {
        Constant::Int { signed, .. } => signed.parse().ok(),
        _ => None,
    }
}

fn mask_vals(m: &[Option<u32>]) -> Vec<i64> {
    m.iter()
        .map(|x| x.map(|v| v as i64).unwrap_or(-1))
        .collect()
}

pub(crate) fn fkind(k: FpKind) -> FKind {
    match k {
        FpKind::Half => FKind::Half,
        FpKind::Bfloat => FKind::Bfloat,
        FpKind::Float => FKind::Float,
        FpKind::Double => FKind::Double,
        FpKind::Fp128 => FKind::Fp128,
        FpKind::X86Fp80 => FKind::X86Fp80,
        FpKind::PpcFp128 => FKind::PpcFp128,
    }
}

fn flags(f: &ir2json::ArithFlags) -> Flags {
    Flags {
        nuw: f.nuw,
        nsw: f.nsw,
        exact: f.exact,
    }
}

/// The integer binop of `op`, or the floating-point one.
fn binop_kind(op: BinOp) -> Result<Binop, FBinop> {
    Ok(match op {
        BinOp::Add => Binop::Add,
        BinOp::Sub => Binop::Sub,
        BinOp::Mul => Binop::Mul,
        BinOp::UDiv => Binop::Udiv,
        BinOp::SDiv => Binop::Sdiv,
        BinOp::URem => Binop::Urem,
        BinOp::SRem => Binop::Srem,
        BinOp::Shl => Binop::Shl,
        BinOp::LShr => Binop::Lshr,
        BinOp::AShr => Binop::Ashr,
        BinOp::And => Binop::And,
        BinOp::Or => Binop::Or,
        BinOp::Xor => Binop::Xor,
        BinOp::FAdd => return Err(FBinop::Add),
        BinOp::FSub => return Err(FBinop::Sub),
        BinOp::FMul => return Err(FBinop::Mul),
        BinOp::FDiv => return Err(FBinop::Div),
        BinOp::FRem => return Err(FBinop::Rem),
    })
}

fn binop(op: BinOp, f: &ir2json::ArithFlags, a: Box<Expr>, b: Box<Expr>) -> Expr {
    match binop_kind(op) {
        Ok(o) => Expr::Binop(o, flags(f), a, b),
        Err(o) => Expr::FBinop(o, a, b),
    }
}

fn cast_name(c: CastOp) -> &'static str {
    match c {
        CastOp::Trunc => "Ktrunc",
        CastOp::ZExt => "Kzext",
        CastOp::SExt => "Ksext",
        CastOp::FPTrunc => "Kfptrunc",
        CastOp::FPExt => "Kfpext",
        CastOp::FPToUI => "Kfptoui",
        CastOp::FPToSI => "Kfptosi",
        CastOp::UIToFP => "Kuitofp",
        CastOp::SIToFP => "Ksitofp",
        CastOp::PtrToInt => "Kptrtoint",
        CastOp::IntToPtr => "Kinttoptr",
        CastOp::BitCast => "Kbitcast",
        CastOp::AddrSpaceCast => "Kaddrspacecast",
    }
}

fn icmp_name(p: IntPredicate) -> &'static str {
    match p {
        IntPredicate::Eq => "Ceq",
        IntPredicate::Ne => "Cne",
        IntPredicate::Ugt => "Cugt",
        IntPredicate::Uge => "Cuge",
        IntPredicate::Ult => "Cult",
        IntPredicate::Ule => "Cule",
        IntPredicate::Sgt => "Csgt",
        IntPredicate::Sge => "Csge",
        IntPredicate::Slt => "Cslt",
        IntPredicate::Sle => "Csle",
    }
}

fn fcmp_name(p: FloatPredicate) -> &'static str {
    match p {
        FloatPredicate::False => "FCfalse",
        FloatPredicate::Oeq => "FCoeq",
        FloatPredicate::Ogt => "FCogt",
        FloatPredicate::Oge => "FCoge",
        FloatPredicate::Olt => "FColt",
        FloatPredicate::Ole => "FCole",
        FloatPredicate::One => "FCone",
        FloatPredicate::Ord => "FCord",
        FloatPredicate::Uno => "FCuno",
        FloatPredicate::Ueq => "FCueq",
        FloatPredicate::Ugt => "FCugt",
        FloatPredicate::Uge => "FCuge",
        FloatPredicate::Ult => "FCult",
        FloatPredicate::Ule => "FCule",
        FloatPredicate::Une => "FCune",
        FloatPredicate::True => "FCtrue",
    }
}

fn ordering(o: Ordering) -> syntax::Ordering {
    match o {
        Ordering::NotAtomic => syntax::Ordering::NotAtomic,
        Ordering::Unordered => syntax::Ordering::Unordered,
        Ordering::Monotonic => syntax::Ordering::Monotonic,
        Ordering::Acquire => syntax::Ordering::Acquire,
        Ordering::Release => syntax::Ordering::Release,
        Ordering::AcqRel => syntax::Ordering::AcqRel,
        Ordering::SeqCst => syntax::Ordering::SeqCst,
    }
}

fn rmw_name(o: RmwOp) -> &'static str {
    match o {
        RmwOp::Xchg => "RMWxchg",
        RmwOp::Add => "RMWadd",
        RmwOp::Sub => "RMWsub",
        RmwOp::And => "RMWand",
        RmwOp::Nand => "RMWnand",
        RmwOp::Or => "RMWor",
        RmwOp::Xor => "RMWxor",
        RmwOp::Max => "RMWmax",
        RmwOp::Min => "RMWmin",
        RmwOp::UMax => "RMWumax",
        RmwOp::UMin => "RMWumin",
        RmwOp::FAdd => "RMWfadd",
        RmwOp::FSub => "RMWfsub",
    }
}

/// Whether a call to this function is dropped: debug-info, lifetime and alias-scope markers only
/// (no effect on the program's behaviour; their operands are metadata).
pub fn is_dropped_intrinsic(name: &str) -> bool {
    name.starts_with("llvm.dbg.")
        || name.starts_with("llvm.lifetime.")
        || matches!(
            name,
            "llvm.experimental.noalias.scope.decl"
                | "llvm.var.annotation"
                | "llvm.donothing"
                | "llvm.sideeffect"
                | "llvm.pseudoprobe"
        )
        || name.starts_with("llvm.invariant.end.")
}

/// Intrinsics whose result is their first argument (annotations, branch-probability hints,
/// invariant-group barriers): `x = f(a, …)` becomes `x := a`.
pub fn is_identity_intrinsic(name: &str) -> bool {
    [
        "llvm.ptr.annotation.",
        "llvm.annotation.",
        "llvm.expect.",
        "llvm.launder.invariant.group.",
        "llvm.strip.invariant.group.",
    ]
    .iter()
    .any(|p| name.starts_with(p))
}

/// The register named by a metadata operand (`!{!"sp"}`).
fn md_register(v: &Value) -> Option<&str> {
    match v {
        Value::Metadata { md: Some(m) } if m.strings.len() == 1 => Some(&m.strings[0]),
        _ => None,
    }
}

fn md_error(what: &str, name: &str) -> Fail {
    fail(
        Code::I2cMetadata,
        format!("metadata operand of {what}"),
        format!(
            "the metadata operand of a call of @{name} holds no metadata string the code model can \
             carry ({what})"
        ),
    )
}

/// One converted function.
/// One inline-asm call site: the procedure's ident (`mangle::asm_proc`), what the IR says about the
/// asm, and the call's argument values (what instantiating the template needs: immediates are
/// constants here).
#[derive(Debug, Clone)]
pub struct AsmCall {
    pub id: Id,
    pub asm: ir2json::InlineAsm,
    pub args: Vec<ir2json::Value>,
}

#[derive(Debug, Clone)]
pub struct FuncCode {
    pub name: String,
    /// Locals in numbering order (parameters first).
    pub locals: Vec<Id>,
    pub params: Vec<(Id, Typ)>,
    pub ret: Typ,
    pub vararg: bool,
    pub body: Stmt,
    /// Inline-asm call sites, in the order their procedures were numbered.
    pub asm: Vec<AsmCall>,
    /// Other generated layer primitives (`va_arg` sites): ident, description.
    pub prims: Vec<(Id, String)>,
    pub stats: cfg::Stats,
}

struct FnCtx<'a, 'm> {
    mc: &'a ModCtx<'m>,
    f: &'a Function,
    locals: Vec<Id>,
    local_set: std::collections::HashSet<Id>,
    asm: Vec<AsmCall>,
    prims: Vec<(Id, String)>,
    callbr_tmp: HashMap<usize, Id>,
    next_tmp: u32,
    loc: Option<DebugLoc>,
}

impl FnCtx<'_, '_> {
    fn local(&mut self, id: Id) -> Id {
        if self.local_set.insert(id.clone()) {
            self.locals.push(id.clone());
        }
        id
    }

    fn name(&mut self, n: &Name) -> Id {
        self.local(Id(mangle::local(n)))
    }

    fn value(&mut self, v: &Value) -> R<Expr> {
        match v {
            Value::Local { name, .. } => Ok(Expr::Var(self.name(name))),
            Value::Const { value } => self.mc.const_expr(value),
            Value::Metadata { .. } => Err(fail(
                Code::I2cMetadata,
                "metadata operand",
                "a metadata operand outside a call of an intrinsic that takes one",
            )),
        }
    }

    fn value_type(&self, v: &Value) -> R<Type> {
        match v {
            Value::Local { ty, .. } => Ok(ty.clone()),
            Value::Const { value } => self.mc.const_type(value),
            Value::Metadata { .. } => Ok(Type::Metadata),
        }
    }

    fn result(&mut self, i: &Instruction) -> R<Id> {
        match &i.result {
            Some(n) => Ok(self.name(n)),
            None => Err(fail(
                Code::I2cMalformed,
                "instruction without result",
                "value instruction has no result name",
            )),
        }
    }

    fn instr(&mut self, i: &Instruction, out: &mut Vec<Stmt>) -> R<()> {
        let mc = self.mc;
        let s = match &i.op {
            Op::Phi { .. } => return Ok(()),
            Op::Binary {
                bop,
                lhs,
                rhs,
                flags,
            } => {
                let a = Box::new(self.value(lhs)?);
                let b = Box::new(self.value(rhs)?);
                Stmt::Assign(self.result(i)?, binop(*bop, flags, a, b))
            }
            Op::FNeg { operand, .. } => {
                Stmt::Assign(self.result(i)?, Expr::FNeg(Box::new(self.value(operand)?)))
            }
            Op::ICmp { pred, lhs, rhs } => {
                let e = Expr::Icmp(
                    icmp_name(*pred),
                    Box::new(self.value(lhs)?),
                    Box::new(self.value(rhs)?),
                );
                Stmt::Assign(self.result(i)?, e)
            }
            Op::FCmp { pred, lhs, rhs, .. } => {
                let e = Expr::Fcmp(
                    fcmp_name(*pred),
                    Box::new(self.value(lhs)?),
                    Box::new(self.value(rhs)?),
                );
                Stmt::Assign(self.result(i)?, e)
            }
            Op::Cast { cop, operand, to } => {
                let e = Expr::Cast(cast_name(*cop), Box::new(self.value(operand)?), mc.typ(to)?);
                Stmt::Assign(self.result(i)?, e)
            }
            Op::Alloca {
                allocated,
                num_elements,
                ..
            } => {
                let sz = mc
                    .layout
                    .alloc_size(allocated)
                    .map_err(|e| fail(Code::I2cLayout, "layout", e.to_string()))?
                    as i128;
                let size = match num_elements {
                    Value::Const {
                        value: c @ Constant::Int { .. },
                    } => i64c(const_int(c).unwrap_or(1).wrapping_mul(sz)),
                    v => {
                        let bits = int_bits(&self.value_type(v)?)?;
                        let n = self.value(v)?;
                        let n = match bits {
                            64 => n,
                            b if b < 64 => Expr::Cast("Kzext", Box::new(n), Typ::Int(64)),
                            _ => Expr::Cast("Ktrunc", Box::new(n), Typ::Int(64)),
                        };
                        Expr::Binop(
                            Binop::Mul,
                            Flags::default(),
                            Box::new(n),
                            Box::new(i64c(sz)),
                        )
                    }
                };
                Stmt::Alloca(self.result(i)?, size)
            }
            Op::Load { ptr, atomic, .. } => {
                let ord = atomic
                    .as_ref()
                    .map(|a| ordering(a.ordering))
                    .unwrap_or(syntax::Ordering::NotAtomic);
                let p = self.value(ptr)?;
                Stmt::Load(self.result(i)?, ord, mc.typ(&i.ty)?, p)
            }
            Op::Store {
                value, ptr, atomic, ..
            } => {
                let ord = atomic
                    .as_ref()
                    .map(|a| ordering(a.ordering))
                    .unwrap_or(syntax::Ordering::NotAtomic);
                let t = mc.typ(&self.value_type(value)?)?;
                Stmt::Store(ord, t, self.value(ptr)?, self.value(value)?)
            }
            Op::Fence { atomic } => Stmt::Fence(ordering(atomic.ordering)),
            Op::CmpXchg {
                ptr,
                expected,
                replacement,
                weak,
                success,
                failure,
                ..
            } => {
                let t = mc.typ(&self.value_type(expected)?)?;
                Stmt::CmpXchg(
                    self.result(i)?,
                    ordering(success.ordering),
                    ordering(*failure),
                    *weak,
                    t,
                    self.value(ptr)?,
                    self.value(expected)?,
                    self.value(replacement)?,
                )
            }
            Op::AtomicRmw {
                rmw,
                ptr,
                value,
                atomic,
                ..
            } => {
                let t = mc.typ(&self.value_type(value)?)?;
                Stmt::AtomicRmw(
                    self.result(i)?,
                    rmw_name(*rmw),
                    ordering(atomic.ordering),
                    t,
                    self.value(ptr)?,
                    self.value(value)?,
                )
            }
            Op::GetElementPtr {
                base,
                indices,
                in_bounds,
            } => {
                let bt = self.value_type(base)?;
                let b = self.value(base)?;
                let mut tys = Vec::with_capacity(indices.len());
                for v in indices {
                    tys.push(self.value_type(v)?);
                }
                let lanes = std::iter::once(&bt).chain(&tys).find_map(|t| match t {
                    Type::Vector { len, scalable, .. } => Some((*len, *scalable)),
                    _ => None,
                });
                let e = match lanes {
                    None => {
                        let mut ix = Vec::with_capacity(indices.len());
                        for (v, t) in indices.iter().zip(&tys) {
                            let konst = match v {
                                Value::Const { value } => const_int(value),
                                _ => None,
                            };
                            ix.push(GepIndex {
                                konst,
                                bits: int_bits(t)?,
                                expr: self.value(v)?,
                            });
                        }
                        mc.gep(b, &bt, &ix, *in_bounds)?
                    }
                    Some((_, true)) => mc.typ(&bt).and_then(|_| {
                        tys.iter().try_for_each(|t| mc.typ(t).map(|_| ()))?;
                        Err(unsupported("scalable vector getelementptr"))
                    })?,
                    Some((n, false)) => {
                        let mut ops = Vec::with_capacity(indices.len());
                        for v in indices {
                            ops.push((v, self.value(v)?));
                        }
                        self.vector_gep(b, &bt, &ops, &tys, n, *in_bounds)?
                    }
                };
                Stmt::Assign(self.result(i)?, e)
            }
            Op::Select {
                cond,
                on_true,
                on_false,
            } => {
                let e = Expr::Select(
                    Box::new(self.value(cond)?),
                    Box::new(self.value(on_true)?),
                    Box::new(self.value(on_false)?),
                );
                Stmt::Assign(self.result(i)?, e)
            }
            Op::ExtractElement { vector, index } => {
                let e = Expr::ExtractElement(
                    Box::new(self.value(vector)?),
                    Box::new(self.value(index)?),
                );
                Stmt::Assign(self.result(i)?, e)
            }
            Op::InsertElement {
                vector,
                elem,
                index,
            } => {
                let e = Expr::InsertElement(
                    Box::new(self.value(vector)?),
                    Box::new(self.value(elem)?),
                    Box::new(self.value(index)?),
                );
                Stmt::Assign(self.result(i)?, e)
            }
            Op::ShuffleVector { a, b, mask } => {
                let e = Expr::Shuffle(
                    Box::new(self.value(a)?),
                    Box::new(self.value(b)?),
                    mask_vals(mask),
                );
                Stmt::Assign(self.result(i)?, e)
            }
            Op::ExtractValue { aggregate, indices } => {
                let e = Expr::ExtractValue(Box::new(self.value(aggregate)?), indices.clone());
                Stmt::Assign(self.result(i)?, e)
            }
            Op::InsertValue {
                aggregate,
                elem,
                indices,
            } => {
                let e = Expr::InsertValue(
                    Box::new(self.value(aggregate)?),
                    Box::new(self.value(elem)?),
                    indices.clone(),
                );
                Stmt::Assign(self.result(i)?, e)
            }
            Op::Freeze { operand } => Stmt::Assign(
                self.result(i)?,
                Expr::Freeze(Box::new(self.value(operand)?)),
            ),
            Op::Call { call } => {
                if let ir2json::Callee::Direct { name } = &call.callee {
                    if is_identity_intrinsic(name) {
                        let (Some(n), Some(a)) = (&i.result, call.args.first()) else {
                            return Ok(());
                        };
                        let x = self.name(n);
                        let v = self.value(&a.value)?;
                        out.push(Stmt::Assign(x, v));
                        return Ok(());
                    }
                }
                let Some((callee, args)) = self.call(call, true)? else {
                    return Ok(());
                };
                let res = match (&i.result, &i.ty) {
                    (Some(n), t) if *t != Type::Void => Some(self.name(n)),
                    _ => None,
                };
                Stmt::Call(res, callee, args)
            }
            // The layer owns the va_list memory and its ABI: each va_arg site is a layer primitive
            // of its own (its result type is recorded in Globals.v), applied to the list pointer.
            Op::VaArg { list } => {
                let id = Id(mangle::va_arg_proc(&self.f.sig.name, self.prims.len()));
                self.prims.push((
                    id.clone(),
                    format!(
                        "va_arg in @{} of type {}",
                        self.f.sig.name,
                        mc.typ(&i.ty)?.term().render()
                    ),
                ));
                let ap = self.value(list)?;
                Stmt::Call(Some(self.result(i)?), CCallee::Intrinsic(id), vec![ap])
            }
            Op::LandingPad { cleanup, clauses } => {
                let cs = clauses
                    .iter()
                    .map(|c| match c {
                        ir2json::LandingPadClause::Catch { value } => {
                            Ok((true, mc.const_val(value)?))
                        }
                        ir2json::LandingPadClause::Filter { value } => {
                            Ok((false, mc.const_val(value)?))
                        }
                    })
                    .collect::<R<Vec<_>>>()?;
                Stmt::LandingPad(self.result(i)?, mc.typ(&i.ty)?, *cleanup, cs)
            }
            Op::CatchPad { .. } => return Err(unsupported("instruction catchpad")),
            Op::CleanupPad { .. } => return Err(unsupported("instruction cleanuppad")),
        };
        out.push(s);
        Ok(())
    }
}

/// The object type of a `byval(<ty>)` parameter attribute.
fn byval_type(attrs: &[ir2json::Attribute]) -> Option<&Type> {
    attrs.iter().find_map(|a| match a {
        ir2json::Attribute::Type { name, ty } if name == "byval" => Some(ty),
        _ => None,
    })
}

/// The memcpy that gives a `byval` parameter its copy (LLVM lowers `byval` the same way).
pub const BYVAL_MEMCPY: &str = "llvm.memcpy.p0i8.p0i8.i64";

impl FnCtx<'_, '_> {
    /// A `byval` parameter: the callee owns a copy of the object the caller passes, so writes
    /// through the parameter never reach the caller's object. At entry, `param` gets a fresh stack
    /// object of the type's size and `llvm.memcpy` fills it from `incoming`.
    fn byval_copy(&mut self, param: &Id, incoming: &Id, ty: &Type) -> R<[Stmt; 2]> {
        let size =
            self.mc
                .layout
                .alloc_size(ty)
                .map_err(|e| fail(Code::I2cLayout, "layout", e.to_string()))? as i128;
        let memcpy = match self.mc.globals.get(BYVAL_MEMCPY) {
            Some(g) => g.clone(),
            None => {
                // Not declared by the module: declared with the function's primitives.
                let g = Id(mangle::global(BYVAL_MEMCPY));
                self.add_prim(&g, format!("@{BYVAL_MEMCPY} (copies of byval parameters)"));
                g
            }
        };
        Ok([
            Stmt::Alloca(param.clone(), i64c(size)),
            Stmt::Call(
                None,
                CCallee::Intrinsic(memcpy),
                vec![
                    Expr::Var(param.clone()),
                    Expr::Var(incoming.clone()),
                    i64c(size),
                    Expr::Const(Const::Int(1, "0".into())),
                ],
            ),
        ])
    }

    /// Callee and arguments of a call; `None` for a dropped intrinsic (when `may_drop`).
    fn call(&mut self, call: &ir2json::Call, may_drop: bool) -> R<Option<(CCallee, Vec<Expr>)>> {
        let mc = self.mc;
        let callee = match &call.callee {
            ir2json::Callee::Direct { name } => {
                if may_drop && is_dropped_intrinsic(name) {
                    return Ok(None);
                }
                if name.starts_with("llvm.")
                    && call
                        .args
                        .iter()
                        .any(|a| matches!(a.value, Value::Metadata { .. }))
                {
                    return self.md_call(name, call).map(Some);
                }
                let g = mc.global(name)?;
                if name.starts_with("llvm.") {
                    CCallee::Intrinsic(g)
                } else {
                    CCallee::Direct(g)
                }
            }
            ir2json::Callee::Indirect { value } => CCallee::Indirect(self.value(value)?),
            ir2json::Callee::Asm { asm } => {
                let id = Id(mangle::asm_proc(&self.f.sig.name, self.asm.len()));
                self.asm.push(AsmCall {
                    id: id.clone(),
                    asm: asm.clone(),
                    args: call.args.iter().map(|a| a.value.clone()).collect(),
                });
                CCallee::Asm(id)
            }
        };
        let args = call
            .args
            .iter()
            .map(|a| self.value(&a.value))
            .collect::<R<Vec<_>>>()?;
        Ok(Some((callee, args)))
    }

    /// A `getelementptr` with vector operands (a vector base and/or vector indices; scalars are
    /// splatted): lane k is the scalar GEP of the k-th lanes, and the result vector is built by
    /// inserting the lanes into a zero vector of pointers. Lanes of constant vectors are folded.
    fn vector_gep(
        &mut self,
        base: Expr,
        base_ty: &Type,
        idx: &[(&Value, Expr)],
        tys: &[Type],
        n: u64,
        inbounds: bool,
    ) -> R<Expr> {
        let mc = self.mc;
        let lane = |e: &Expr, t: &Type, k: u64| -> (Expr, Type) {
            match t {
                Type::Vector { elem, .. } => (
                    Expr::ExtractElement(
                        Box::new(e.clone()),
                        Box::new(Expr::Const(Const::Int(32, k.to_string()))),
                    ),
                    (**elem).clone(),
                ),
                _ => (e.clone(), t.clone()),
            }
        };
        let mut acc = Expr::Const(Const::Zero(Typ::Vector(n, Box::new(Typ::Ptr))));
        for k in 0..n {
            let (b, bt) = lane(&base, base_ty, k);
            let mut ix = Vec::with_capacity(idx.len());
            for ((v, e), t) in idx.iter().zip(tys) {
                let konst = match v {
                    Value::Const {
                        value: Constant::Vector { elems },
                    } => elems.get(k as usize).and_then(const_int),
                    Value::Const { value } => const_int(value),
                    _ => None,
                };
                let (e, t) = lane(e, t, k);
                ix.push(GepIndex {
                    konst,
                    bits: int_bits(&t)?,
                    expr: e,
                });
            }
            let p = mc.gep(b, &bt, &ix, inbounds)?;
            acc = Expr::InsertElement(
                Box::new(acc),
                Box::new(p),
                Box::new(Expr::Const(Const::Int(32, k.to_string()))),
            );
        }
        Ok(acc)
    }

    /// A call of an intrinsic with metadata operands. Named registers (`llvm.read_register`,
    /// `llvm.read_volatile_register`, `llvm.write_register` with `!{!"reg"}`) become the layer
    /// primitives `g_'rdreg_<reg>` (no arguments, returns the register) and `g_'wrreg_<reg>`
    /// (the value): the aarch64 register view, one primitive per register, the same reading as an
    /// inline asm `mrs`/`msr` (or `mov` for `sp` and general registers). Any other intrinsic whose
    /// metadata operands are strings becomes the primitive `g_'md_<intrinsic>'z<strings>…` applied
    /// to its other operands (e.g. constrained floating point with its rounding mode and exception
    /// behaviour).
    fn md_call(&mut self, name: &str, call: &ir2json::Call) -> R<(CCallee, Vec<Expr>)> {
        let reg_kind = if name.starts_with("llvm.read_register.")
            || name.starts_with("llvm.read_volatile_register.")
        {
            Some(true)
        } else if name.starts_with("llvm.write_register.") {
            Some(false)
        } else {
            None
        };
        let mut args = Vec::new();
        let mut strings = Vec::new();
        for a in &call.args {
            match &a.value {
                Value::Metadata { md } => match md {
                    Some(m) if !m.strings.is_empty() => strings.extend(m.strings.iter().cloned()),
                    Some(m) => return Err(md_error(&format!("`{}`", m.text), name)),
                    None => return Err(md_error("unknown content", name)),
                },
                v => args.push(self.value(v)?),
            }
        }
        let (id, what) = match reg_kind {
            Some(read) => {
                let reg = match call.args.first().and_then(|a| md_register(&a.value)) {
                    Some(r) => r.to_string(),
                    None => return Err(md_error("a register name", name)),
                };
                if read {
                    (
                        mangle::read_reg(&reg),
                        format!("named register read: {reg} (as `mrs`/`mov` of {reg})"),
                    )
                } else {
                    (
                        mangle::write_reg(&reg),
                        format!("named register write: {reg} (as `msr`/`mov` to {reg})"),
                    )
                }
            }
            None => (
                mangle::md_prim(name, &strings),
                format!("@{name} with metadata {strings:?}"),
            ),
        };
        let id = Id(id);
        self.add_prim(&id, what);
        Ok((CCallee::Intrinsic(id), args))
    }

    /// A layer primitive this function calls, declared once per function with what it stands for.
    fn add_prim(&mut self, id: &Id, what: String) {
        if !self.prims.iter().any(|(p, _)| p == id) {
            self.prims.push((id.clone(), what));
        }
    }

    /// The result local of a call terminator (`invoke`/`callbr`) with a non-void result.
    fn term_result(&mut self, t: &ir2json::Terminator, call: &ir2json::Call) -> Option<Id> {
        match &t.result {
            Some(n) if *call.fn_ty.ret != Type::Void => Some(self.name(n)),
            _ => None,
        }
    }

    /// `callbr`: the asm-goto procedure returns the pair (result, destination index: 0 = the
    /// fall-through destination, k = the k-th indirect one); the pair goes to a temporary.
    fn callbr(&mut self, b: usize, out: &mut Vec<Stmt>) -> R<()> {
        let t = &self.f.blocks[b].term;
        let TermOp::CallBr { call, indirect, .. } = &t.op else {
            return Ok(());
        };
        let Some((callee, args)) = self.call(call, false)? else {
            return Ok(());
        };
        let tmp = self.local(Id(mangle::temp(self.next_tmp)));
        self.next_tmp += 1;
        out.push(Stmt::Call(Some(tmp.clone()), callee, args));
        if let Some(x) = self.term_result(t, call) {
            out.push(Stmt::Assign(
                x,
                Expr::ExtractValue(Box::new(Expr::Var(tmp.clone())), vec![0]),
            ));
        }
        let idx = Expr::ExtractValue(Box::new(Expr::Var(tmp.clone())), vec![1]);
        if indirect.is_empty() {
            // A single destination: any other index has no behaviour.
            out.push(Stmt::Switch(
                idx,
                vec![(vec!["0".into()], Stmt::Skip)],
                Box::new(Stmt::Unreachable),
            ));
        }
        self.callbr_tmp.insert(b, tmp);
        Ok(())
    }
}

fn term_name(t: &TermOp) -> &'static str {
    match t {
        TermOp::Ret { .. } => "ret",
        TermOp::Br { .. } => "br",
        TermOp::CondBr { .. } => "br",
        TermOp::Switch { .. } => "switch",
        TermOp::IndirectBr { .. } => "indirectbr",
        TermOp::Invoke { .. } => "invoke",
        TermOp::CallBr { .. } => "callbr",
        TermOp::Resume { .. } => "resume",
        TermOp::Unreachable => "unreachable",
        TermOp::CleanupRet { .. } => "cleanupret",
        TermOp::CatchRet { .. } => "catchret",
        TermOp::CatchSwitch { .. } => "catchswitch",
    }
}

/// Convert one function definition.
pub fn convert_function(mc: &ModCtx, f: &Function) -> Result<FuncCode, ConvError> {
    let mut cx = FnCtx {
        mc,
        f,
        locals: Vec::new(),
        local_set: Default::default(),
        asm: Vec::new(),
        prims: Vec::new(),
        callbr_tmp: HashMap::new(),
        next_tmp: 0,
        loc: f.debug_loc.clone(),
    };
    let r = convert_inner(&mut cx);
    r.map_err(|e| ConvError {
        code: e.code,
        reason: e.reason,
        message: e.message,
        function: f.sig.name.clone(),
        loc: cx.loc.clone().map(Box::new),
    })
}

fn convert_inner(cx: &mut FnCtx) -> R<FuncCode> {
    let f = cx.f;
    let mc = cx.mc;
    let mut params = Vec::new();
    let mut byval_copies = Vec::new();
    for (k, p) in f.sig.params.iter().enumerate() {
        let id = match &p.name {
            Some(n) => cx.name(n),
            None => cx.local(Id(mangle::anon_param(k))),
        };
        match byval_type(&p.attrs) {
            Some(ty) => {
                let incoming = cx.local(Id(mangle::byval_incoming(k)));
                byval_copies.extend(cx.byval_copy(&id, &incoming, ty)?);
                params.push((incoming, Typ::Ptr));
            }
            None => params.push((id, mc.typ(&p.ty)?)),
        }
    }
    let ret = mc.typ(&f.sig.ret_ty)?;
    if f.blocks.is_empty() {
        return Err(fail(
            Code::I2cMalformed,
            "function without blocks",
            "definition has no blocks",
        ));
    }
    let index: HashMap<&Name, usize> = f
        .blocks
        .iter()
        .enumerate()
        .map(|(i, b)| (&b.name, i))
        .collect();
    let blk = |n: &Name| -> R<usize> {
        index.get(n).copied().ok_or_else(|| {
            fail(
                Code::I2cMalformed,
                "unknown block",
                format!("branch to unknown block {n}"),
            )
        })
    };
    let mut succs = Vec::with_capacity(f.blocks.len());
    let mut has_phis = Vec::with_capacity(f.blocks.len());
    for b in &f.blocks {
        cx.loc = b.term.debug_loc.clone().or(cx.loc.clone());
        let ss = match &b.term.op {
            TermOp::Ret { .. } | TermOp::Unreachable => vec![],
            TermOp::Br { dest } => vec![blk(dest)?],
            TermOp::CondBr {
                on_true, on_false, ..
            } => vec![blk(on_true)?, blk(on_false)?],
            TermOp::Switch { default, cases, .. } => {
                let mut v = vec![blk(default)?];
                for c in cases {
                    v.push(blk(&c.dest)?);
                }
                v
            }
            TermOp::IndirectBr { dests, .. } => dests.iter().map(blk).collect::<R<_>>()?,
            TermOp::Invoke { normal, unwind, .. } => vec![blk(normal)?, blk(unwind)?],
            TermOp::CallBr {
                default, indirect, ..
            } => {
                let mut v = vec![blk(default)?];
                for d in indirect {
                    v.push(blk(d)?);
                }
                v
            }
            TermOp::Resume { .. } => vec![],
            t => return Err(unsupported(&format!("terminator {}", term_name(t)))),
        };
        succs.push(ss);
        has_phis.push(b.instrs.iter().any(|i| matches!(i.op, Op::Phi { .. })));
    }
    cx.loc = f.debug_loc.clone();
    let st = cfg::structure(&succs, &has_phis)
        .map_err(|e| fail(Code::I2cStructuring, "structuring", e.to_string()))?;
    let mut em = Emitter {
        cx,
        g: &st.graph,
        labels: Vec::new(),
    };
    let mut body = em.seq(&st.body)?;
    if !byval_copies.is_empty() {
        byval_copies.push(body);
        body = Stmt::Seq(byval_copies);
    }
    Ok(FuncCode {
        name: f.sig.name.clone(),
        locals: cx.locals.clone(),
        params,
        ret,
        vararg: f.sig.var_arg,
        body,
        asm: cx.asm.clone(),
        prims: cx.prims.clone(),
        stats: st.stats,
    })
}

fn stmt_size(s: &Stmt) -> usize {
    match s {
        Stmt::Seq(v) => v.iter().map(stmt_size).sum(),
        Stmt::If(_, a, b) => 1 + stmt_size(a) + stmt_size(b),
        Stmt::Switch(_, cs, d) => {
            1 + cs.iter().map(|c| stmt_size(&c.1)).sum::<usize>() + stmt_size(d)
        }
        Stmt::Block(b) | Stmt::Loop(b) => 1 + stmt_size(b),
        _ => 1,
    }
}

fn push_flat(out: &mut Vec<Stmt>, s: Stmt) {
    match s {
        Stmt::Seq(v) => out.extend(v),
        s => out.push(s),
    }
}

struct Emitter<'e, 'a, 'm> {
    cx: &'e mut FnCtx<'a, 'm>,
    g: &'e cfg::Graph,
    /// Enclosing labels, innermost last: (label, is_loop).
    labels: Vec<(cfg::Label, bool)>,
}

impl Emitter<'_, '_, '_> {
    fn seq(&mut self, body: &[cfg::Stmt]) -> R<Stmt> {
        let mut out = Vec::new();
        for s in body {
            self.stmt(s, &mut out)?;
        }
        Ok(if out.len() == 1 {
            out.pop().unwrap()
        } else {
            Stmt::Seq(out)
        })
    }

    fn stmt(&mut self, s: &cfg::Stmt, out: &mut Vec<Stmt>) -> R<()> {
        match s {
            cfg::Stmt::Node(n) => self.node(*n, out)?,
            cfg::Stmt::Block { label, body } => {
                self.labels.push((*label, false));
                let b = self.seq(body)?;
                self.labels.pop();
                out.push(Stmt::Block(Box::new(b)));
            }
            cfg::Stmt::Loop { label, body } => {
                self.labels.push((*label, true));
                let b = self.seq(body)?;
                self.labels.pop();
                out.push(Stmt::Loop(Box::new(b)));
            }
            cfg::Stmt::Br(l) => {
                let pos = self
                    .labels
                    .iter()
                    .rposition(|(x, _)| x == l)
                    .ok_or_else(|| {
                        fail(
                            Code::I2cStructuring,
                            "structuring",
                            "branch to a label not in scope",
                        )
                    })?;
                let depth = self.labels.len() - 1 - pos;
                out.push(if self.labels[pos].1 {
                    Stmt::Continue(depth)
                } else {
                    Stmt::Break(depth)
                });
            }
            cfg::Stmt::Exit(n) => {
                let NodeKind::Orig(b) = self.g.kinds[*n] else {
                    return Err(fail(
                        Code::I2cStructuring,
                        "structuring",
                        "synthetic node without successor",
                    ));
                };
                let t = &self.cx.f.blocks[b].term;
                self.cx.loc = t.debug_loc.clone().or(self.cx.loc.clone());
                out.push(match &t.op {
                    TermOp::Ret { value } => Stmt::Return(match value {
                        Some(v) => Some(self.cx.value(v)?),
                        None => None,
                    }),
                    TermOp::Unreachable => Stmt::Unreachable,
                    TermOp::Resume { value } => Stmt::Resume(self.cx.value(value)?),
                    t => return Err(unsupported(&format!("terminator {}", term_name(t)))),
                });
            }
            cfg::Stmt::Branch { node, arms } => {
                let arms: Vec<Stmt> = arms.iter().map(|a| self.seq(a)).collect::<R<_>>()?;
                // No arm completes normally (each ends in a jump, return or loop), so one arm can
                // follow the branch instead of nesting inside it. Moving the largest arm out keeps
                // the nesting depth logarithmic on long if/else-if chains.
                match self.branch(*node, arms)? {
                    Stmt::If(c, a, b) => {
                        let (first, rest) = if stmt_size(&a) > stmt_size(&b) {
                            (Stmt::If(c, Box::new(Stmt::Skip), b), *a)
                        } else {
                            (Stmt::If(c, a, Box::new(Stmt::Skip)), *b)
                        };
                        out.push(first);
                        push_flat(out, rest);
                    }
                    Stmt::Invoke(x, f, args, n, u) => {
                        let (first, rest) = if stmt_size(&n) > stmt_size(&u) {
                            (Stmt::Invoke(x, f, args, Box::new(Stmt::Skip), u), *n)
                        } else {
                            (Stmt::Invoke(x, f, args, n, Box::new(Stmt::Skip)), *u)
                        };
                        out.push(first);
                        push_flat(out, rest);
                    }
                    Stmt::Switch(e, cases, d) if *d != Stmt::Unreachable => {
                        out.push(Stmt::Switch(e, cases, Box::new(Stmt::Skip)));
                        push_flat(out, *d);
                    }
                    s => out.push(s),
                }
            }
        }
        Ok(())
    }

    fn branch(&mut self, node: usize, mut arms: Vec<Stmt>) -> R<Stmt> {
        match self.g.kinds[node] {
            NodeKind::Dispatch => {
                let cases = arms
                    .into_iter()
                    .enumerate()
                    .map(|(i, s)| (vec![i.to_string()], s))
                    .collect();
                Ok(Stmt::Switch(
                    Expr::Var(self.cx.local(Id(mangle::pc()))),
                    cases,
                    Box::new(Stmt::Unreachable),
                ))
            }
            NodeKind::Orig(b) => {
                let t = &self.cx.f.blocks[b].term;
                self.cx.loc = t.debug_loc.clone().or(self.cx.loc.clone());
                match &t.op {
                    TermOp::CondBr { cond, .. } => {
                        let c = self.cx.value(cond)?;
                        let e = arms.pop().unwrap();
                        let th = arms.pop().unwrap();
                        Ok(Stmt::If(c, Box::new(th), Box::new(e)))
                    }
                    TermOp::Switch { value, cases, .. } => {
                        let v = self.cx.value(value)?;
                        let mut it = arms.into_iter();
                        let default = it.next().unwrap();
                        // Group case values with identical bodies (first occurrence order).
                        let mut groups: Vec<(Vec<String>, Stmt)> = Vec::new();
                        for (c, body) in cases.iter().zip(it) {
                            let z = match &c.value {
                                Constant::Int { signed, .. } => signed.clone(),
                                _ => return Err(unsupported("non-integer switch case")),
                            };
                            match groups.iter_mut().find(|(_, b)| *b == body) {
                                Some((vs, _)) => vs.push(z),
                                None => groups.push((vec![z], body)),
                            }
                        }
                        Ok(Stmt::Switch(v, groups, Box::new(default)))
                    }
                    TermOp::Invoke { call, .. } => {
                        let (callee, args) = self.cx.call(call, false)?.ok_or_else(|| {
                            fail(
                                Code::I2cMalformed,
                                "malformed invoke",
                                "invoke without callee",
                            )
                        })?;
                        let x = self.cx.term_result(t, call);
                        let u = arms.pop().unwrap();
                        let n = arms.pop().unwrap();
                        Ok(Stmt::Invoke(x, callee, args, Box::new(n), Box::new(u)))
                    }
                    TermOp::CallBr { .. } => {
                        let tmp = self.cx.callbr_tmp.get(&b).cloned().ok_or_else(|| {
                            fail(
                                Code::I2cStructuring,
                                "structuring",
                                "callbr branch before its call",
                            )
                        })?;
                        let idx = Expr::ExtractValue(Box::new(Expr::Var(tmp)), vec![1]);
                        let cases = arms
                            .into_iter()
                            .enumerate()
                            .map(|(k, s)| (vec![k.to_string()], s))
                            .collect();
                        Ok(Stmt::Switch(idx, cases, Box::new(Stmt::Unreachable)))
                    }
                    TermOp::IndirectBr { address, dests } => {
                        let a = self.cx.value(address)?;
                        let fname = self.cx.f.sig.name.clone();
                        let mut acc = Stmt::Unreachable;
                        for (d, body) in dests.iter().zip(arms).rev() {
                            let ba = Expr::Const(Const::Global(Id(mangle::block_addr(&fname, d))));
                            acc = Stmt::If(
                                Expr::Icmp("Ceq", Box::new(a.clone()), Box::new(ba)),
                                Box::new(body),
                                Box::new(acc),
                            );
                        }
                        Ok(acc)
                    }
                    t => Err(unsupported(&format!(
                        "terminator {} with several successors",
                        term_name(t)
                    ))),
                }
            }
            _ => Err(fail(
                Code::I2cStructuring,
                "structuring",
                "branch at a synthetic node",
            )),
        }
    }

    fn node(&mut self, n: usize, out: &mut Vec<Stmt>) -> R<()> {
        match self.g.kinds[n].clone() {
            NodeKind::Orig(b) => {
                let f = self.cx.f;
                for i in &f.blocks[b].instrs {
                    if i.debug_loc.is_some() {
                        self.cx.loc = i.debug_loc.clone();
                    }
                    self.cx.instr(i, out)?;
                }
                self.cx.callbr(b, out)?;
            }
            NodeKind::EdgeCopy { pred, succ } => {
                let f = self.cx.f;
                let pname = &f.blocks[pred].name;
                let mut copies = Vec::new();
                for i in &f.blocks[succ].instrs {
                    if let Op::Phi { incoming } = &i.op {
                        let inc = incoming.iter().find(|x| &x.block == pname).ok_or_else(|| {
                            fail(
                                Code::I2cMalformed,
                                "phi without incoming value",
                                format!("phi has no value for {pname}"),
                            )
                        })?;
                        let dst = self.cx.result(i)?;
                        let src = match &inc.value {
                            Value::Local { name, .. } => PhiSrc::Var(self.cx.name(name)),
                            v => PhiSrc::Other(v.clone()),
                        };
                        copies.push((dst, src));
                    }
                }
                let moves = phi::sequentialize(&copies, &mut self.cx.next_tmp);
                for m in moves {
                    out.push(match m {
                        Move::Copy { dst, src } => Stmt::Assign(
                            dst,
                            match src {
                                PhiSrc::Var(x) => Expr::Var(x),
                                PhiSrc::Other(v) => self.cx.value(&v)?,
                            },
                        ),
                        Move::Save { tmp, var } => {
                            Stmt::Assign(self.cx.local(Id(mangle::temp(tmp))), Expr::Var(var))
                        }
                        Move::Restore { dst, tmp } => {
                            Stmt::Assign(dst, Expr::Var(self.cx.local(Id(mangle::temp(tmp)))))
                        }
                    });
                }
            }
            NodeKind::SetLabel { value } => {
                let pc = self.cx.local(Id(mangle::pc()));
                out.push(Stmt::Assign(
                    pc,
                    Expr::Const(Const::Int(32, value.to_string())),
                ));
            }
            NodeKind::Dispatch | NodeKind::Entry => {}
        }
        Ok(())
    }
}

/// A φ source operand: a local (which may be another φ of the same block) or anything else.
#[derive(Clone)]
enum PhiSrc {
    Var(Id),
    Other(Value),
}

impl phi::Source<Id> for PhiSrc {
    fn as_var(&self) -> Option<&Id> {
        match self {
            PhiSrc::Var(x) => Some(x),
            PhiSrc::Other(_) => None,
        }
    }
}
