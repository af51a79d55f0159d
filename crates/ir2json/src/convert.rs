//! llvm-ir's data model + the LLVM C API (attributes, layouts, call facts) + the printed text
//! (flags, inline asm, wide literals) → the crate's [`model`](crate::model).

use crate::bigint;
use crate::error::IrError;
use crate::model::*;
use crate::sys::{self, SysModule};
use crate::text::{self, LineFacts, TextIndex, Tok};
use llvm_ir as li;
use llvm_sys::prelude::{LLVMBasicBlockRef, LLVMValueRef};
use std::collections::HashMap;
use std::path::Path;

/// Per-value conversion state: the printed line of the instruction/global being converted and the
/// literal facts lazily extracted from it.
struct Conv<'a> {
    path: &'a Path,
    func: String,
    line: Option<&'a str>,
    facts: Option<LineFacts>,
    float_seen: Vec<char>,
    ba_i: usize,
    cop_seen: Vec<&'static str>,
    errors: Vec<IrError>,
    /// Strings of the printed module's metadata nodes (see [`TextIndex::md_strings`]).
    md_strings: &'a HashMap<u64, Vec<String>>,
}

impl<'a> Conv<'a> {
    fn at(&mut self, line: Option<&'a str>) {
        self.line = line;
        self.facts = None;
        self.float_seen.clear();
        self.ba_i = 0;
        self.cop_seen.clear();
    }

    fn facts(&mut self) -> &LineFacts {
        let line = self.line;
        self.facts
            .get_or_insert_with(|| line.map(text::line_facts).unwrap_or_default())
    }

    fn err(&mut self, what: &str, message: String) {
        self.errors.push(IrError::Unsupported {
            path: self.path.to_path_buf(),
            function: self.func.clone(),
            what: what.to_string(),
            message,
        });
    }

    // ------------------------------------------------------------ types, names, values

    fn ty(&self, t: &li::Type) -> Type {
        use li::Type as T;
        match t {
            T::VoidType => Type::Void,
            T::IntegerType { bits } => Type::Int { bits: *bits },
            T::PointerType {
                pointee_type,
                addr_space,
            } => Type::Ptr {
                pointee: Box::new(self.ty(pointee_type)),
                addr_space: *addr_space,
            },
            T::FPType(fp) => Type::Float { fp: fp_kind(fp) },
            T::FuncType {
                result_type,
                param_types,
                is_var_arg,
            } => Type::Func(FuncType {
                ret: Box::new(self.ty(result_type)),
                params: param_types.iter().map(|p| self.ty(p)).collect(),
                var_arg: *is_var_arg,
            }),
            T::VectorType {
                element_type,
                num_elements,
                scalable,
            } => Type::Vector {
                elem: Box::new(self.ty(element_type)),
                len: *num_elements as u64,
                scalable: *scalable,
            },
            T::ArrayType {
                element_type,
                num_elements,
            } => Type::Array {
                elem: Box::new(self.ty(element_type)),
                len: *num_elements as u64,
            },
            T::StructType {
                element_types,
                is_packed,
            } => Type::Struct {
                fields: element_types.iter().map(|e| self.ty(e)).collect(),
                packed: *is_packed,
            },
            T::NamedStructType { name } => Type::Named { name: name.clone() },
            T::X86_MMXType => Type::X86Mmx,
            T::X86_AMXType => Type::X86Amx,
            T::MetadataType => Type::Metadata,
            T::LabelType => Type::Label,
            T::TokenType => Type::Token,
        }
    }

    fn value(&mut self, op: &li::Operand) -> Value {
        match op {
            li::Operand::LocalOperand { name, ty } => Value::Local {
                name: name_of(name),
                ty: self.ty(ty),
            },
            li::Operand::ConstantOperand(c) => Value::Const {
                value: self.constant(c),
            },
            li::Operand::MetadataOperand => Value::METADATA,
        }
    }

    fn values(&mut self, ops: &[li::Operand]) -> Vec<Value> {
        ops.iter().map(|o| self.value(o)).collect()
    }

    // ------------------------------------------------------------ constants

    fn int(&mut self, bits: u32, value: u64) -> Constant {
        if bits <= 64 {
            let (value, signed) = bigint::small(value, bits);
            return Constant::Int {
                bits,
                value,
                signed,
            };
        }
        // llvm-ir only sees the low 64 bits of wider constants: recover the exact literal from the
        // printed line, matched by their low 64 bits.
        let found = self.facts().int_literals.iter().find_map(|lit| {
            let (u, s) = bigint::normalize(lit, bits);
            (bigint::low64(&u) == value).then_some((u, s))
        });
        match found {
            Some((value, signed)) => Constant::Int {
                bits,
                value,
                signed,
            },
            None => {
                self.err(
                    "wide integer constant",
                    format!("cannot recover the exact value of an i{bits} constant"),
                );
                let (value, signed) = bigint::small(value, 64);
                Constant::Int {
                    bits,
                    value,
                    signed,
                }
            }
        }
    }

    fn float(&mut self, f: &li::constant::Float) -> Constant {
        use li::constant::Float as F;
        let (fp, bits) = match f {
            F::Single(x) => (FpKind::Float, Some(format!("{:#010x}", x.to_bits()))),
            F::Double(x) => (FpKind::Double, Some(format!("{:#018x}", x.to_bits()))),
            F::Half => (FpKind::Half, self.hex_float('H')),
            F::BFloat => (FpKind::Bfloat, self.hex_float('R')),
            F::Quadruple => (FpKind::Fp128, self.hex_float('L')),
            F::X86_FP80 => (FpKind::X86Fp80, self.hex_float('K')),
            F::PPC_FP128 => (FpKind::PpcFp128, self.hex_float('M')),
        };
        Constant::Float { fp, bits }
    }

    /// Next hex float literal of the current line with the given format letter.
    fn hex_float(&mut self, letter: char) -> Option<String> {
        // The k-th constant of this format in conversion order is the k-th in the printed line
        // (LLVM always prints these formats in hex).
        let k = self.float_seen.iter().filter(|l| **l == letter).count();
        self.float_seen.push(letter);
        let found = self
            .facts()
            .hex_floats
            .iter()
            .filter(|l| l.as_bytes().get(2) == Some(&(letter as u8)))
            .nth(k)
            .map(|l| l[3..].to_ascii_lowercase());
        let Some(hex) = found else {
            self.err(
                "floating-point constant",
                format!("cannot recover the bits of a 0x{letter} constant"),
            );
            return None;
        };
        // LLVM prints fp128 (`0xL`) low 64-bit word first; give the IEEE bit pattern.
        let hex = if letter == 'L' && hex.len() == 32 {
            format!("{}{}", &hex[16..], &hex[..16])
        } else {
            hex
        };
        Some(format!("0x{hex}"))
    }

    fn constant(&mut self, c: &li::Constant) -> Constant {
        use li::Constant as C;
        match c {
            C::Int { bits, value } => self.int(*bits, *value),
            C::Float(f) => self.float(f),
            C::Null(t) => Constant::Null { ty: self.ty(t) },
            C::AggregateZero(t) => Constant::Zero { ty: self.ty(t) },
            C::Struct {
                name,
                values,
                is_packed,
            } => Constant::Struct {
                name: name.clone(),
                packed: *is_packed,
                fields: values.iter().map(|v| self.constant(v)).collect(),
            },
            C::Array {
                element_type,
                elements,
            } => Constant::Array {
                elem_ty: self.ty(element_type),
                elems: elements.iter().map(|v| self.constant(v)).collect(),
            },
            C::Vector(elems) => Constant::Vector {
                elems: elems.iter().map(|v| self.constant(v)).collect(),
            },
            C::Undef(t) => Constant::Undef { ty: self.ty(t) },
            C::Poison(t) => Constant::Poison { ty: self.ty(t) },
            C::BlockAddress => {
                let i = self.ba_i;
                self.ba_i += 1;
                match self.facts().block_addresses.get(i).cloned() {
                    Some((function, block)) => Constant::BlockAddress { function, block },
                    None => {
                        self.err("blockaddress", "cannot recover its operands".into());
                        Constant::BlockAddress {
                            function: String::new(),
                            block: Name::Number(0),
                        }
                    }
                }
            }
            C::GlobalReference { name, ty } => Constant::Global {
                name: global_name_of(name),
                ty: Type::Ptr {
                    pointee: Box::new(self.ty(ty)),
                    addr_space: 0,
                },
            },
            C::TokenNone => Constant::TokenNone,
            _ => Constant::Expr {
                expr: Box::new(self.const_expr(c)),
            },
        }
    }

    fn bin(&mut self, bop: BinOp, a: &li::ConstantRef, b: &li::ConstantRef) -> ConstExpr {
        // Flags first: the printed text lists constant expressions in pre-order.
        let flags = self.const_flags(bop);
        ConstExpr::Binary {
            bop,
            lhs: self.constant(a),
            rhs: self.constant(b),
            flags,
        }
    }

    /// Wrap flags of the next constant expression with this opcode on the current line.
    fn const_flags(&mut self, bop: BinOp) -> ArithFlags {
        let op = match bop {
            BinOp::Add => "add",
            BinOp::Sub => "sub",
            BinOp::Mul => "mul",
            BinOp::Shl => "shl",
            BinOp::LShr => "lshr",
            BinOp::AShr => "ashr",
            BinOp::UDiv => "udiv",
            BinOp::SDiv => "sdiv",
            _ => return ArithFlags::default(),
        };
        // The k-th constant expression with this opcode in conversion order is the k-th in the text.
        let k = self.cop_seen.iter().filter(|o| **o == op).count();
        self.cop_seen.push(op);
        let found = self
            .facts()
            .const_ops
            .iter()
            .filter(|(o, _)| o == op)
            .nth(k)
            .map(|(_, fl)| fl.clone());
        let mut out = ArithFlags::default();
        if let Some(fl) = found {
            for f in fl {
                match f.as_str() {
                    "nsw" => out.nsw = true,
                    "nuw" => out.nuw = true,
                    _ => out.exact = true,
                }
            }
        }
        out
    }

    fn ccast(&mut self, cop: CastOp, v: &li::ConstantRef, to: &li::TypeRef) -> ConstExpr {
        ConstExpr::Cast {
            cop,
            operand: self.constant(v),
            to: self.ty(to),
        }
    }

    fn const_expr(&mut self, c: &li::Constant) -> ConstExpr {
        use li::Constant as C;
        match c {
            C::Add(x) => self.bin(BinOp::Add, &x.operand0, &x.operand1),
            C::Sub(x) => self.bin(BinOp::Sub, &x.operand0, &x.operand1),
            C::Mul(x) => self.bin(BinOp::Mul, &x.operand0, &x.operand1),
            C::UDiv(x) => self.bin(BinOp::UDiv, &x.operand0, &x.operand1),
            C::SDiv(x) => self.bin(BinOp::SDiv, &x.operand0, &x.operand1),
            C::URem(x) => self.bin(BinOp::URem, &x.operand0, &x.operand1),
            C::SRem(x) => self.bin(BinOp::SRem, &x.operand0, &x.operand1),
            C::And(x) => self.bin(BinOp::And, &x.operand0, &x.operand1),
            C::Or(x) => self.bin(BinOp::Or, &x.operand0, &x.operand1),
            C::Xor(x) => self.bin(BinOp::Xor, &x.operand0, &x.operand1),
            C::Shl(x) => self.bin(BinOp::Shl, &x.operand0, &x.operand1),
            C::LShr(x) => self.bin(BinOp::LShr, &x.operand0, &x.operand1),
            C::AShr(x) => self.bin(BinOp::AShr, &x.operand0, &x.operand1),
            C::FAdd(x) => self.bin(BinOp::FAdd, &x.operand0, &x.operand1),
            C::FSub(x) => self.bin(BinOp::FSub, &x.operand0, &x.operand1),
            C::FMul(x) => self.bin(BinOp::FMul, &x.operand0, &x.operand1),
            C::FDiv(x) => self.bin(BinOp::FDiv, &x.operand0, &x.operand1),
            C::FRem(x) => self.bin(BinOp::FRem, &x.operand0, &x.operand1),
            C::ExtractElement(x) => ConstExpr::ExtractElement {
                vector: self.constant(&x.vector),
                index: self.constant(&x.index),
            },
            C::InsertElement(x) => ConstExpr::InsertElement {
                vector: self.constant(&x.vector),
                elem: self.constant(&x.element),
                index: self.constant(&x.index),
            },
            C::ShuffleVector(x) => ConstExpr::ShuffleVector {
                a: self.constant(&x.operand0),
                b: self.constant(&x.operand1),
                mask: self.mask(&x.mask),
            },
            C::ExtractValue(x) => ConstExpr::ExtractValue {
                aggregate: self.constant(&x.aggregate),
                indices: x.indices.clone(),
            },
            C::InsertValue(x) => ConstExpr::InsertValue {
                aggregate: self.constant(&x.aggregate),
                elem: self.constant(&x.element),
                indices: x.indices.clone(),
            },
            C::GetElementPtr(x) => ConstExpr::GetElementPtr {
                in_bounds: x.in_bounds,
                base: self.constant(&x.address),
                indices: x.indices.iter().map(|i| self.constant(i)).collect(),
            },
            C::Trunc(x) => self.ccast(CastOp::Trunc, &x.operand, &x.to_type),
            C::ZExt(x) => self.ccast(CastOp::ZExt, &x.operand, &x.to_type),
            C::SExt(x) => self.ccast(CastOp::SExt, &x.operand, &x.to_type),
            C::FPTrunc(x) => self.ccast(CastOp::FPTrunc, &x.operand, &x.to_type),
            C::FPExt(x) => self.ccast(CastOp::FPExt, &x.operand, &x.to_type),
            C::FPToUI(x) => self.ccast(CastOp::FPToUI, &x.operand, &x.to_type),
            C::FPToSI(x) => self.ccast(CastOp::FPToSI, &x.operand, &x.to_type),
            C::UIToFP(x) => self.ccast(CastOp::UIToFP, &x.operand, &x.to_type),
            C::SIToFP(x) => self.ccast(CastOp::SIToFP, &x.operand, &x.to_type),
            C::PtrToInt(x) => self.ccast(CastOp::PtrToInt, &x.operand, &x.to_type),
            C::IntToPtr(x) => self.ccast(CastOp::IntToPtr, &x.operand, &x.to_type),
            C::BitCast(x) => self.ccast(CastOp::BitCast, &x.operand, &x.to_type),
            C::AddrSpaceCast(x) => self.ccast(CastOp::AddrSpaceCast, &x.operand, &x.to_type),
            C::ICmp(x) => ConstExpr::ICmp {
                pred: int_pred(x.predicate),
                lhs: self.constant(&x.operand0),
                rhs: self.constant(&x.operand1),
            },
            C::FCmp(x) => ConstExpr::FCmp {
                pred: fp_pred(x.predicate),
                lhs: self.constant(&x.operand0),
                rhs: self.constant(&x.operand1),
            },
            C::Select(x) => ConstExpr::Select {
                cond: self.constant(&x.condition),
                on_true: self.constant(&x.true_value),
                on_false: self.constant(&x.false_value),
            },
            // Leaf constants are handled by `constant`; reaching here means a new llvm-ir variant.
            other => {
                self.err("constant", format!("unexpected constant kind {other:?}"));
                ConstExpr::Select {
                    cond: Constant::TokenNone,
                    on_true: Constant::TokenNone,
                    on_false: Constant::TokenNone,
                }
            }
        }
    }

    /// A shufflevector mask constant as lane indices (`None` = undef/poison lane).
    fn mask(&mut self, m: &li::ConstantRef) -> Vec<Option<u32>> {
        match m.as_ref() {
            li::Constant::Vector(elems) => elems
                .iter()
                .map(|e| match e.as_ref() {
                    li::Constant::Int { value, .. } => Some(*value as u32),
                    _ => None,
                })
                .collect(),
            li::Constant::AggregateZero(t) => match t.as_ref() {
                li::Type::VectorType { num_elements, .. } => vec![Some(0); *num_elements],
                _ => Vec::new(),
            },
            li::Constant::Undef(t) | li::Constant::Poison(t) => match t.as_ref() {
                li::Type::VectorType { num_elements, .. } => vec![None; *num_elements],
                _ => Vec::new(),
            },
            other => {
                self.err(
                    "shufflevector",
                    format!("unexpected mask constant {other:?}"),
                );
                Vec::new()
            }
        }
    }
}

// ---------------------------------------------------------------- small mappings

fn name_of(n: &li::Name) -> Name {
    match n {
        li::Name::Name(s) => Name::Named(s.to_string()),
        li::Name::Number(k) => Name::Number(*k as u64),
    }
}

fn global_name_of(n: &li::Name) -> String {
    match n {
        li::Name::Name(s) => s.to_string(),
        li::Name::Number(k) => k.to_string(),
    }
}

fn fp_kind(fp: &li::types::FPType) -> FpKind {
    use li::types::FPType as F;
    match fp {
        F::Half => FpKind::Half,
        F::BFloat => FpKind::Bfloat,
        F::Single => FpKind::Float,
        F::Double => FpKind::Double,
        F::FP128 => FpKind::Fp128,
        F::X86_FP80 => FpKind::X86Fp80,
        F::PPC_FP128 => FpKind::PpcFp128,
    }
}

fn int_pred(p: li::IntPredicate) -> IntPredicate {
    use li::IntPredicate as P;
    match p {
        P::EQ => IntPredicate::Eq,
        P::NE => IntPredicate::Ne,
        P::UGT => IntPredicate::Ugt,
        P::UGE => IntPredicate::Uge,
        P::ULT => IntPredicate::Ult,
        P::ULE => IntPredicate::Ule,
        P::SGT => IntPredicate::Sgt,
        P::SGE => IntPredicate::Sge,
        P::SLT => IntPredicate::Slt,
        P::SLE => IntPredicate::Sle,
    }
}

fn fp_pred(p: li::FPPredicate) -> FloatPredicate {
    use li::FPPredicate as P;
    match p {
        P::False => FloatPredicate::False,
        P::OEQ => FloatPredicate::Oeq,
        P::OGT => FloatPredicate::Ogt,
        P::OGE => FloatPredicate::Oge,
        P::OLT => FloatPredicate::Olt,
        P::OLE => FloatPredicate::Ole,
        P::ONE => FloatPredicate::One,
        P::ORD => FloatPredicate::Ord,
        P::UNO => FloatPredicate::Uno,
        P::UEQ => FloatPredicate::Ueq,
        P::UGT => FloatPredicate::Ugt,
        P::UGE => FloatPredicate::Uge,
        P::ULT => FloatPredicate::Ult,
        P::ULE => FloatPredicate::Ule,
        P::UNE => FloatPredicate::Une,
        P::True => FloatPredicate::True,
    }
}

fn ordering(o: li::instruction::MemoryOrdering) -> Ordering {
    use li::instruction::MemoryOrdering as M;
    match o {
        M::Unordered => Ordering::Unordered,
        M::Monotonic => Ordering::Monotonic,
        M::Acquire => Ordering::Acquire,
        M::Release => Ordering::Release,
        M::AcquireRelease => Ordering::AcqRel,
        M::SequentiallyConsistent => Ordering::SeqCst,
        M::NotAtomic => Ordering::NotAtomic,
    }
}

fn atomic(a: &li::instruction::Atomicity) -> Atomic {
    Atomic {
        ordering: ordering(a.mem_ordering),
        single_thread: matches!(
            a.synch_scope,
            li::instruction::SynchronizationScope::SingleThread
        ),
    }
}

fn rmw_op(op: li::instruction::RMWBinOp) -> Option<RmwOp> {
    use li::instruction::RMWBinOp as R;
    Some(match op {
        R::Xchg => RmwOp::Xchg,
        R::Add => RmwOp::Add,
        R::Sub => RmwOp::Sub,
        R::And => RmwOp::And,
        R::Nand => RmwOp::Nand,
        R::Or => RmwOp::Or,
        R::Xor => RmwOp::Xor,
        R::Max => RmwOp::Max,
        R::Min => RmwOp::Min,
        R::UMax => RmwOp::UMax,
        R::UMin => RmwOp::UMin,
        R::FAdd => RmwOp::FAdd,
        R::FSub => RmwOp::FSub,
        #[allow(unreachable_patterns)]
        _ => return None,
    })
}

fn linkage(l: li::module::Linkage) -> Linkage {
    use li::module::Linkage as L;
    match l {
        L::Private => Linkage::Private,
        L::Internal => Linkage::Internal,
        L::External => Linkage::External,
        L::ExternalWeak => Linkage::ExternalWeak,
        L::AvailableExternally => Linkage::AvailableExternally,
        L::LinkOnceAny => Linkage::LinkOnceAny,
        L::LinkOnceODR => Linkage::LinkOnceOdr,
        L::WeakAny => Linkage::WeakAny,
        L::WeakODR => Linkage::WeakOdr,
        L::Common => Linkage::Common,
        L::Appending => Linkage::Appending,
        _ => Linkage::Other,
    }
}

fn visibility(v: li::module::Visibility) -> Visibility {
    use li::module::Visibility as V;
    match v {
        V::Default => Visibility::Default,
        V::Hidden => Visibility::Hidden,
        V::Protected => Visibility::Protected,
    }
}

fn dll(d: li::module::DLLStorageClass) -> DllStorage {
    use li::module::DLLStorageClass as D;
    match d {
        D::Default => DllStorage::Default,
        D::Import => DllStorage::Import,
        D::Export => DllStorage::Export,
    }
}

fn tls(t: li::module::ThreadLocalMode) -> ThreadLocalMode {
    use li::module::ThreadLocalMode as T;
    match t {
        T::NotThreadLocal => ThreadLocalMode::NotThreadLocal,
        T::GeneralDynamic => ThreadLocalMode::GeneralDynamic,
        T::LocalDynamic => ThreadLocalMode::LocalDynamic,
        T::InitialExec => ThreadLocalMode::InitialExec,
        T::LocalExec => ThreadLocalMode::LocalExec,
    }
}

fn unnamed(u: Option<li::module::UnnamedAddr>) -> Option<UnnamedAddr> {
    u.map(|u| match u {
        li::module::UnnamedAddr::Local => UnnamedAddr::Local,
        li::module::UnnamedAddr::Global => UnnamedAddr::Global,
    })
}

fn debug_loc(d: &Option<li::DebugLoc>) -> Option<DebugLoc> {
    d.as_ref().map(|d| DebugLoc {
        line: d.line,
        col: d.col.filter(|c| *c != 0),
        file: d.filename.clone(),
        dir: d.directory.clone(),
    })
}

/// Strip one level of pointer (global values' types are pointers to their value type).
fn pointee(t: Type) -> Type {
    match t {
        Type::Ptr { pointee, .. } => *pointee,
        other => other,
    }
}

fn arith_flags(toks: &[Tok<'_>]) -> ArithFlags {
    let (_, words) = text::opcode_flags(toks);
    let mut f = ArithFlags::default();
    for w in words {
        match w {
            "nsw" => f.nsw = true,
            "nuw" => f.nuw = true,
            "exact" => f.exact = true,
            "fast" => {
                f.fast_math = ["reassoc", "nnan", "ninf", "nsz", "arcp", "contract", "afn"]
                    .iter()
                    .map(|s| s.to_string())
                    .collect()
            }
            "tail" | "musttail" | "notail" => {}
            other => f.fast_math.push(other.to_string()),
        }
    }
    f
}

fn tail_kind(toks: &[Tok<'_>]) -> TailKind {
    let (_, words) = text::opcode_flags(toks);
    match words.first() {
        Some(&"tail") => TailKind::Tail,
        Some(&"musttail") => TailKind::MustTail,
        Some(&"notail") => TailKind::NoTail,
        _ => TailKind::None,
    }
}

// ---------------------------------------------------------------- instructions

impl<'a> Conv<'a> {
    fn binary(&mut self, bop: BinOp, a: &li::Operand, b: &li::Operand, toks: &[Tok<'_>]) -> Op {
        Op::Binary {
            bop,
            lhs: self.value(a),
            rhs: self.value(b),
            flags: arith_flags(toks),
        }
    }

    fn cast(&mut self, cop: CastOp, v: &li::Operand, to: &li::TypeRef) -> Op {
        Op::Cast {
            cop,
            operand: self.value(v),
            to: self.ty(to),
        }
    }

    /// The call part of call/invoke/callbr.
    #[allow(clippy::type_complexity)]
    fn call(
        &mut self,
        function: &either_like::Callee<'_>,
        args: &[(li::Operand, Vec<li::function::ParameterAttribute>)],
        sysv: LLVMValueRef,
        toks: &[Tok<'_>],
    ) -> Call {
        let fn_ty = sys::called_fn_type(sysv);
        let callee = match function {
            either_like::Callee::Asm => match text::inline_asm(toks) {
                Some(a) => Callee::Asm {
                    asm: InlineAsm {
                        template: a.template,
                        constraints: a.constraints,
                        side_effect: a.side_effect,
                        align_stack: a.align_stack,
                        dialect: a.dialect,
                        can_throw: a.can_throw,
                        ret_ty: (*fn_ty.ret).clone(),
                        operand_tys: fn_ty.params.clone(),
                    },
                },
                None => {
                    self.err(
                        "inline asm",
                        "cannot recover the template and constraints".into(),
                    );
                    Callee::Indirect {
                        value: Value::METADATA,
                    }
                }
            },
            either_like::Callee::Op(op) => match op {
                li::Operand::ConstantOperand(c) => match c.as_ref() {
                    li::Constant::GlobalReference { name, .. } => Callee::Direct {
                        name: global_name_of(name),
                    },
                    _ => Callee::Indirect {
                        value: self.value(op),
                    },
                },
                _ => Callee::Indirect {
                    value: self.value(op),
                },
            },
        };
        let mut args: Vec<Arg> = args
            .iter()
            .enumerate()
            .map(|(i, (v, _))| Arg {
                value: self.value(v),
                attrs: sys::call_attrs(sysv, i as u32 + 1),
            })
            .collect();
        if args
            .iter()
            .any(|a| matches!(a.value, Value::Metadata { .. }))
        {
            // llvm-ir drops metadata operands: take them from the printed call.
            let mut mds = text::metadata_operands(toks).into_iter();
            for a in &mut args {
                if let Value::Metadata { md } = &mut a.value {
                    *md = mds.next().map(|m| {
                        let strings = match m.node {
                            Some(n) if m.strings.is_empty() => {
                                self.md_strings.get(&n).cloned().unwrap_or_default()
                            }
                            _ => m.strings,
                        };
                        MdOperand {
                            text: m.text,
                            strings,
                        }
                    });
                }
            }
        }
        Call {
            callee,
            fn_ty,
            args,
            ret_attrs: sys::call_attrs(sysv, 0),
            fn_attrs: sys::call_attrs(sysv, sys::FUNCTION),
            cc: sys::call_cc(sysv),
            tail: tail_kind(toks),
        }
    }

    fn instr(
        &mut self,
        inst: &li::Instruction,
        types: &li::types::Types,
        sysv: LLVMValueRef,
        line: Option<&'a str>,
    ) -> Instruction {
        self.at(line);
        let toks = line.map(text::tokens).unwrap_or_default();
        let op = self.op(inst, sysv, &toks);
        // The C API knows every result type (llvm-ir's `type_of` panics on some, e.g. extractvalue
        // from a named struct).
        let _ = types;
        // SAFETY: `sysv` is the instruction of the live module that corresponds to `inst`.
        let ty = sys::conv_type(unsafe { llvm_sys::core::LLVMTypeOf(sysv) });
        let result = inst
            .try_get_result()
            .map(name_of)
            .filter(|_| ty != Type::Void);
        Instruction {
            result,
            ty,
            op,
            debug_loc: debug_loc(li::HasDebugLoc::get_debug_loc(inst)),
        }
    }

    /// The operation of a (non-terminator) instruction, by group: binary operators and casts
    /// (tables), memory, vectors and aggregates, then the rest.
    fn op(&mut self, inst: &li::Instruction, sysv: LLVMValueRef, toks: &[Tok<'_>]) -> Op {
        if let Some((bop, a, b)) = binary_parts(inst) {
            return self.binary(bop, a, b, toks);
        }
        if let Some((cop, v, to)) = cast_parts(inst) {
            return self.cast(cop, v, to);
        }
        self.memory_op(inst)
            .or_else(|| self.aggregate_op(inst))
            .or_else(|| self.other_op(inst, sysv, toks))
            .unwrap_or_else(|| unreachable!("an instruction in no group: {inst:?}"))
    }

    /// alloca, load, store, fence, cmpxchg, atomicrmw, getelementptr.
    fn memory_op(&mut self, inst: &li::Instruction) -> Option<Op> {
        use li::Instruction as I;
        Some(match inst {
            I::Alloca(x) => Op::Alloca {
                allocated: self.ty(&x.allocated_type),
                num_elements: self.value(&x.num_elements),
                align: x.alignment,
            },
            I::Load(x) => Op::Load {
                ptr: self.value(&x.address),
                align: x.alignment,
                volatile: x.volatile,
                atomic: x.atomicity.as_ref().map(atomic),
            },
            I::Store(x) => {
                let value = self.value(&x.value);
                Op::Store {
                    value,
                    ptr: self.value(&x.address),
                    align: x.alignment,
                    volatile: x.volatile,
                    atomic: x.atomicity.as_ref().map(atomic),
                }
            }
            I::Fence(x) => Op::Fence {
                atomic: atomic(&x.atomicity),
            },
            I::CmpXchg(x) => Op::CmpXchg {
                ptr: self.value(&x.address),
                expected: self.value(&x.expected),
                replacement: self.value(&x.replacement),
                volatile: x.volatile,
                weak: x.weak,
                success: atomic(&x.atomicity),
                failure: ordering(x.failure_memory_ordering),
            },
            I::AtomicRMW(x) => {
                let rmw = rmw_op(x.operation).unwrap_or_else(|| {
                    self.err(
                        "atomicrmw",
                        format!("{:?} is not an LLVM 14 op", x.operation),
                    );
                    RmwOp::Xchg
                });
                Op::AtomicRmw {
                    rmw,
                    ptr: self.value(&x.address),
                    value: self.value(&x.value),
                    volatile: x.volatile,
                    atomic: atomic(&x.atomicity),
                }
            }
            I::GetElementPtr(x) => Op::GetElementPtr {
                in_bounds: x.in_bounds,
                base: self.value(&x.address),
                indices: self.values(&x.indices),
            },
            _ => return None,
        })
    }

    /// Vector elements and shuffles, aggregate members.
    fn aggregate_op(&mut self, inst: &li::Instruction) -> Option<Op> {
        use li::Instruction as I;
        Some(match inst {
            I::ExtractElement(x) => Op::ExtractElement {
                vector: self.value(&x.vector),
                index: self.value(&x.index),
            },
            I::InsertElement(x) => Op::InsertElement {
                vector: self.value(&x.vector),
                elem: self.value(&x.element),
                index: self.value(&x.index),
            },
            I::ShuffleVector(x) => Op::ShuffleVector {
                a: self.value(&x.operand0),
                b: self.value(&x.operand1),
                mask: self.mask(&x.mask),
            },
            I::ExtractValue(x) => Op::ExtractValue {
                aggregate: self.value(&x.aggregate),
                indices: x.indices.clone(),
            },
            I::InsertValue(x) => Op::InsertValue {
                aggregate: self.value(&x.aggregate),
                elem: self.value(&x.element),
                indices: x.indices.clone(),
            },
            _ => return None,
        })
    }

    /// fneg, comparisons, phi, select, freeze, calls, va_arg and the exception-handling pads.
    fn other_op(
        &mut self,
        inst: &li::Instruction,
        sysv: LLVMValueRef,
        toks: &[Tok<'_>],
    ) -> Option<Op> {
        use li::Instruction as I;
        Some(match inst {
            I::FNeg(x) => Op::FNeg {
                operand: self.value(&x.operand),
                flags: arith_flags(toks),
            },
            I::ICmp(x) => Op::ICmp {
                pred: int_pred(x.predicate),
                lhs: self.value(&x.operand0),
                rhs: self.value(&x.operand1),
            },
            I::FCmp(x) => Op::FCmp {
                pred: fp_pred(x.predicate),
                lhs: self.value(&x.operand0),
                rhs: self.value(&x.operand1),
                flags: arith_flags(toks),
            },
            I::Phi(x) => Op::Phi {
                incoming: x
                    .incoming_values
                    .iter()
                    .map(|(v, b)| Incoming {
                        value: self.value(v),
                        block: name_of(b),
                    })
                    .collect(),
            },
            I::Select(x) => Op::Select {
                cond: self.value(&x.condition),
                on_true: self.value(&x.true_value),
                on_false: self.value(&x.false_value),
            },
            I::Freeze(x) => Op::Freeze {
                operand: self.value(&x.operand),
            },
            I::Call(x) => {
                let callee = either_like::Callee::new(x.function.as_ref().right());
                Op::Call {
                    call: self.call(&callee, &x.arguments, sysv, toks),
                }
            }
            I::VAArg(x) => Op::VaArg {
                list: self.value(&x.arg_list),
            },
            I::LandingPad(x) => Op::LandingPad {
                cleanup: x.cleanup,
                clauses: self.landingpad_clauses(sysv),
            },
            I::CatchPad(x) => Op::CatchPad {
                catch_switch: self.value(&x.catch_switch),
                args: self.values(&x.args),
            },
            I::CleanupPad(x) => Op::CleanupPad {
                parent_pad: self.value(&x.parent_pad),
                args: self.values(&x.args),
            },
            _ => return None,
        })
    }

    /// Landing-pad clauses through the C API (llvm-ir 0.11 does not model them). A filter clause
    /// has an array type, a catch clause a pointer type.
    fn landingpad_clauses(&mut self, sysv: LLVMValueRef) -> Vec<LandingPadClause> {
        use llvm_sys::core::*;
        // SAFETY: `sysv` is a landingpad instruction of the live module.
        let n = unsafe { LLVMGetNumClauses(sysv) };
        (0..n)
            .map(|i| {
                // SAFETY: i < number of clauses.
                let c = unsafe { LLVMGetClause(sysv, i) };
                let value = self.sys_constant(c);
                // SAFETY: valid value.
                let is_filter = unsafe {
                    matches!(
                        LLVMGetTypeKind(LLVMTypeOf(c)),
                        llvm_sys::LLVMTypeKind::LLVMArrayTypeKind
                    )
                };
                if is_filter {
                    LandingPadClause::Filter { value }
                } else {
                    LandingPadClause::Catch { value }
                }
            })
            .collect()
    }

    /// The few constant shapes landing-pad clauses use: globals, null, bitcasts, arrays of those.
    fn sys_constant(&mut self, c: LLVMValueRef) -> Constant {
        use llvm_sys::core::*;
        // SAFETY: `c` is a constant of the live module.
        unsafe {
            let ty = sys::conv_type(LLVMTypeOf(c));
            if !LLVMIsAGlobalValue(c).is_null() {
                return Constant::Global {
                    name: sys::value_name(c),
                    ty,
                };
            }
            if LLVMIsNull(c) != 0 {
                return match ty {
                    Type::Ptr { .. } => Constant::Null { ty },
                    _ => Constant::Zero { ty },
                };
            }
            if !LLVMIsAConstantExpr(c).is_null()
                && LLVMGetConstOpcode(c) == llvm_sys::LLVMOpcode::LLVMBitCast
            {
                return Constant::Expr {
                    expr: Box::new(ConstExpr::Cast {
                        cop: CastOp::BitCast,
                        operand: self.sys_constant(LLVMGetOperand(c, 0)),
                        to: ty,
                    }),
                };
            }
            if let Type::Array { elem, .. } = &ty {
                let n = LLVMGetNumOperands(c);
                return Constant::Array {
                    elem_ty: (**elem).clone(),
                    elems: (0..n.max(0) as u32)
                        .map(|i| self.sys_constant(LLVMGetOperand(c, i)))
                        .collect(),
                };
            }
        }
        self.err("landingpad", "unsupported clause constant".into());
        Constant::TokenNone
    }

    fn term(
        &mut self,
        t: &li::Terminator,
        types: &li::types::Types,
        sysv: LLVMValueRef,
        line: Option<&'a str>,
    ) -> Terminator {
        use li::Terminator as T;
        self.at(line);
        let toks = line.map(text::tokens).unwrap_or_default();
        let op = match t {
            T::Ret(x) => TermOp::Ret {
                value: x.return_operand.as_ref().map(|v| self.value(v)),
            },
            T::Br(x) => TermOp::Br {
                dest: name_of(&x.dest),
            },
            T::CondBr(x) => TermOp::CondBr {
                cond: self.value(&x.condition),
                on_true: name_of(&x.true_dest),
                on_false: name_of(&x.false_dest),
            },
            T::Switch(x) => TermOp::Switch {
                value: self.value(&x.operand),
                default: name_of(&x.default_dest),
                cases: x
                    .dests
                    .iter()
                    .map(|(c, d)| SwitchCase {
                        value: self.constant(c),
                        dest: name_of(d),
                    })
                    .collect(),
            },
            T::IndirectBr(x) => TermOp::IndirectBr {
                address: self.value(&x.operand),
                dests: x.possible_dests.iter().map(name_of).collect(),
            },
            T::Invoke(x) => {
                let callee = either_like::Callee::new(x.function.as_ref().right());
                TermOp::Invoke {
                    call: self.call(&callee, &x.arguments, sysv, &toks),
                    normal: name_of(&x.return_label),
                    unwind: name_of(&x.exception_label),
                }
            }
            T::CallBr(x) => {
                // Not reached for modules read through the lowering (see `callbr_term`); llvm-ir's
                // own label is only right with one indirect destination, the printed one always.
                let callee = either_like::Callee::new(x.function.as_ref().right());
                TermOp::CallBr {
                    call: self.call(&callee, &x.arguments, sysv, &toks),
                    default: text::callbr_default(&toks)
                        .unwrap_or_else(|| name_of(&x.return_label)),
                    indirect: text::callbr_indirect(&toks),
                }
            }
            T::Resume(x) => TermOp::Resume {
                value: self.value(&x.operand),
            },
            T::Unreachable(_) => TermOp::Unreachable,
            T::CleanupRet(x) => TermOp::CleanupRet {
                cleanup_pad: self.value(&x.cleanup_pad),
                unwind: x.unwind_dest.as_ref().map(name_of),
            },
            T::CatchRet(x) => TermOp::CatchRet {
                catch_pad: self.value(&x.catch_pad),
                successor: name_of(&x.successor),
            },
            T::CatchSwitch(x) => TermOp::CatchSwitch {
                parent_pad: self.value(&x.parent_pad),
                handlers: x.catch_handlers.iter().map(name_of).collect(),
                unwind: x.default_unwind_dest.as_ref().map(name_of),
            },
        };
        let result = match &op {
            TermOp::Invoke { call, .. } | TermOp::CallBr { call, .. }
                if *call.fn_ty.ret != Type::Void =>
            {
                t.try_get_result().map(name_of)
            }
            TermOp::CatchSwitch { .. } => t.try_get_result().map(name_of),
            _ => None,
        };
        let _ = types;
        Terminator {
            result,
            op,
            debug_loc: debug_loc(li::HasDebugLoc::get_debug_loc(t)),
        }
    }
}

impl<'a> Conv<'a> {
    /// A `callbr` terminator from the call llvm-ir read in its place (the module's `callbr`s are
    /// lowered for llvm-ir, see `SysModule::lower_callbr`), the original `callbr` of the C API
    /// module (`sysv`: attributes, function type) and its printed line (asm text, destinations).
    fn callbr_term(
        &mut self,
        x: &li::instruction::Call,
        sysv: LLVMValueRef,
        line: Option<&'a str>,
    ) -> Terminator {
        self.at(line);
        let toks = line.map(text::tokens).unwrap_or_default();
        let callee = either_like::Callee::new(x.function.as_ref().right());
        let call = self.call(&callee, &x.arguments, sysv, &toks);
        let default = text::callbr_default(&toks);
        if default.is_none() {
            self.err("callbr", "cannot read the default destination".into());
        }
        let result = if *call.fn_ty.ret != Type::Void {
            x.dest.as_ref().map(name_of)
        } else {
            None
        };
        Terminator {
            result,
            op: TermOp::CallBr {
                call,
                default: default.unwrap_or(Name::Number(0)),
                indirect: text::callbr_indirect(&toks),
            },
            debug_loc: debug_loc(li::HasDebugLoc::get_debug_loc(x)),
        }
    }
}

/// llvm-ir's `Either<InlineAssembly, Operand>` callee, without depending on the `either` crate.
mod either_like {
    use llvm_ir as li;

    pub enum Callee<'a> {
        Asm,
        Op(&'a li::Operand),
    }

    impl<'a> Callee<'a> {
        pub fn new(right: Option<&'a li::Operand>) -> Self {
            match right {
                Some(op) => Callee::Op(op),
                None => Callee::Asm,
            }
        }
    }
}

/// A binary operator instruction: its operator and operands.
fn binary_parts(inst: &li::Instruction) -> Option<(BinOp, &li::Operand, &li::Operand)> {
    use li::Instruction as I;
    let (bop, a, b) = match inst {
        I::Add(x) => (BinOp::Add, &x.operand0, &x.operand1),
        I::Sub(x) => (BinOp::Sub, &x.operand0, &x.operand1),
        I::Mul(x) => (BinOp::Mul, &x.operand0, &x.operand1),
        I::UDiv(x) => (BinOp::UDiv, &x.operand0, &x.operand1),
        I::SDiv(x) => (BinOp::SDiv, &x.operand0, &x.operand1),
        I::URem(x) => (BinOp::URem, &x.operand0, &x.operand1),
        I::SRem(x) => (BinOp::SRem, &x.operand0, &x.operand1),
        I::And(x) => (BinOp::And, &x.operand0, &x.operand1),
        I::Or(x) => (BinOp::Or, &x.operand0, &x.operand1),
        I::Xor(x) => (BinOp::Xor, &x.operand0, &x.operand1),
        I::Shl(x) => (BinOp::Shl, &x.operand0, &x.operand1),
        I::LShr(x) => (BinOp::LShr, &x.operand0, &x.operand1),
        I::AShr(x) => (BinOp::AShr, &x.operand0, &x.operand1),
        I::FAdd(x) => (BinOp::FAdd, &x.operand0, &x.operand1),
        I::FSub(x) => (BinOp::FSub, &x.operand0, &x.operand1),
        I::FMul(x) => (BinOp::FMul, &x.operand0, &x.operand1),
        I::FDiv(x) => (BinOp::FDiv, &x.operand0, &x.operand1),
        I::FRem(x) => (BinOp::FRem, &x.operand0, &x.operand1),
        _ => return None,
    };
    Some((bop, a, b))
}

/// A cast instruction: its cast kind, operand and target type.
fn cast_parts(inst: &li::Instruction) -> Option<(CastOp, &li::Operand, &li::TypeRef)> {
    use li::Instruction as I;
    let (cop, v, to) = match inst {
        I::Trunc(x) => (CastOp::Trunc, &x.operand, &x.to_type),
        I::ZExt(x) => (CastOp::ZExt, &x.operand, &x.to_type),
        I::SExt(x) => (CastOp::SExt, &x.operand, &x.to_type),
        I::FPTrunc(x) => (CastOp::FPTrunc, &x.operand, &x.to_type),
        I::FPExt(x) => (CastOp::FPExt, &x.operand, &x.to_type),
        I::FPToUI(x) => (CastOp::FPToUI, &x.operand, &x.to_type),
        I::FPToSI(x) => (CastOp::FPToSI, &x.operand, &x.to_type),
        I::UIToFP(x) => (CastOp::UIToFP, &x.operand, &x.to_type),
        I::SIToFP(x) => (CastOp::SIToFP, &x.operand, &x.to_type),
        I::PtrToInt(x) => (CastOp::PtrToInt, &x.operand, &x.to_type),
        I::IntToPtr(x) => (CastOp::IntToPtr, &x.operand, &x.to_type),
        I::BitCast(x) => (CastOp::BitCast, &x.operand, &x.to_type),
        I::AddrSpaceCast(x) => (CastOp::AddrSpaceCast, &x.operand, &x.to_type),
        _ => return None,
    };
    Some((cop, v, to))
}

// ---------------------------------------------------------------- module

fn facts(
    linkage_: li::module::Linkage,
    vis: li::module::Visibility,
    d: li::module::DLLStorageClass,
    u: Option<li::module::UnnamedAddr>,
    addr_space: u32,
) -> GlobalFacts {
    GlobalFacts {
        linkage: linkage(linkage_),
        visibility: visibility(vis),
        dll_storage: dll(d),
        unnamed_addr: unnamed(u),
        addr_space,
    }
}

/// Build the model of one module from llvm-ir's view, the C API module and the printed text.
///
/// Steps: named struct types (C API layouts, debug-info names), globals, aliases, ifuncs, then
/// function definitions and declarations (after checking that the three readers agree on the
/// module's shape). The first construct that could not be converted is the error.
pub fn module<'a>(
    path: &'a Path,
    m: &li::Module,
    sm: &SysModule,
    tx: &'a TextIndex,
) -> Result<Module, IrError> {
    let mut cv = Conv {
        path,
        func: String::new(),
        line: None,
        facts: None,
        float_seen: Vec::new(),
        ba_i: 0,
        cop_seen: Vec::new(),
        errors: Vec::new(),
        md_strings: &tx.md_strings,
    };
    let types = named_structs(sm, tx);
    let globals = global_vars(&mut cv, m, tx);
    let aliases = global_aliases(&mut cv, m, tx);
    let ifuncs = global_ifuncs(&mut cv, m, tx);
    let (functions, declarations) = functions(&mut cv, m, sm, tx)?;
    if let Some(e) = cv.errors.into_iter().next() {
        return Err(e);
    }
    Ok(Module {
        schema_version: SCHEMA_VERSION.to_string(),
        name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        source_file_name: m.source_file_name.clone(),
        data_layout: m.data_layout.layout_str.clone(),
        target_triple: m.target_triple.clone(),
        types,
        globals,
        aliases,
        ifuncs,
        functions,
        declarations,
        module_asm: m.inline_assembly.clone(),
    })
}

/// The readers disagree on the module's shape (`E-IR009` without a function).
fn mismatch(path: &Path, what: &str, message: String) -> IrError {
    IrError::Unsupported {
        path: path.to_path_buf(),
        function: String::new(),
        what: what.to_string(),
        message,
    }
}

/// Named struct types, in the printed module's order, with layouts and debug-info names.
fn named_structs(sm: &SysModule, tx: &TextIndex) -> Vec<NamedStruct> {
    let anon = anonymous_member_types(sm, tx);
    tx.struct_names
        .iter()
        .map(|name| NamedStruct {
            name: name.clone(),
            body: struct_body(sm, tx, &anon, name),
        })
        .collect()
}

/// The debug info of the IR's types for C11 anonymous members (`%union.anon` in
/// `struct { ...; union { u64 sys_regs[111]; u32 copro[222]; }; }`), which have no C name to
/// look them up by: the parent's unnamed member at the field's offset gives it. Nested ones are
/// found from their parents, so the search repeats until nothing new is found.
fn anonymous_member_types<'t>(
    sm: &SysModule,
    tx: &'t TextIndex,
) -> HashMap<String, &'t text::DiComposite> {
    let mut found: HashMap<String, &text::DiComposite> = HashMap::new();
    loop {
        let mut new = Vec::new();
        for name in &tx.struct_names {
            let Some(di) = found
                .get(name.as_str())
                .copied()
                .or_else(|| tx.di.lookup(name))
            else {
                continue;
            };
            let Some((fields, _, t)) = sm.struct_type(name).and_then(|t| sm.struct_body(t)) else {
                continue;
            };
            let Some((_, _, fl)) = sm.struct_layout(t) else {
                continue;
            };
            for (fty, &(offset, _)) in fields.iter().zip(&fl) {
                let Type::Named { name: inner } = fty else {
                    continue;
                };
                let anon = di
                    .members
                    .iter()
                    .find(|m| m.name.is_empty() && m.bit_offset == offset * 8)
                    .and_then(|m| tx.di.anon.get(&m.anon?));
                // only a type with no C name of its own (clang's `union.anon.N`): a named type
                // at that offset is the union's largest member standing for it
                let unnamed = tx.di.lookup(inner).is_none() && !found.contains_key(inner.as_str());
                if let Some(c) = anon.filter(|_| unnamed) {
                    new.push((inner.clone(), c));
                }
            }
        }
        if new.is_empty() {
            return found;
        }
        found.extend(new);
    }
}

/// The body of a named struct (`None` for an opaque struct).
fn struct_body(
    sm: &SysModule,
    tx: &TextIndex,
    anon: &HashMap<String, &text::DiComposite>,
    name: &str,
) -> Option<StructBody> {
    sm.struct_type(name)
        .and_then(|t| sm.struct_body(t))
        .map(|(fields, packed, t)| {
            let anon_di = anon.get(name).copied();
            let di = anon_di.or_else(|| tx.di.lookup(name));
            let layout = sm
                .struct_layout(t)
                .map(|(size, align, fl)| struct_layout(size, align, &fl, &fields, di));
            StructBody {
                fields,
                packed,
                layout,
                debug_name: di.filter(|_| anon_di.is_none()).map(|d| d.name.clone()),
            }
        })
}

/// A struct's layout from its size, alignment and (offset, size) of each field, with the
/// padding between fields and the debug-info names of fields and bitfields.
fn struct_layout(
    size: u64,
    align: u64,
    fl: &[(u64, u64)],
    tys: &[Type],
    di: Option<&text::DiComposite>,
) -> StructLayout {
    let mut end = 0u64;
    let fields = fl
        .iter()
        .zip(tys)
        .map(|(&(offset, fsize), ty)| {
            let padding_before = offset.saturating_sub(end);
            end = offset + fsize;
            field_layout(offset, fsize, ty, padding_before, di)
        })
        .collect();
    StructLayout {
        size,
        align,
        fields,
        tail_padding: size.saturating_sub(end),
    }
}

/// One field: the debug-info member at its offset (if exactly one; of several, e.g. a union's
/// members, which all start at 0, the one the IR's type stands for: same size and, for an array,
/// same element size), by name unless it is an anonymous member, and the bitfields inside it.
fn field_layout(
    offset: u64,
    fsize: u64,
    ty: &Type,
    padding_before: u64,
    di: Option<&text::DiComposite>,
) -> FieldLayout {
    let debug_name = di.and_then(|d| {
        let hits: Vec<&text::DiMember> = d
            .members
            .iter()
            .filter(|m| !m.bitfield && m.bit_offset == offset * 8)
            .collect();
        let elem_bits = match ty {
            Type::Array { elem, .. } => match &**elem {
                Type::Int { bits } => Some(u64::from(*bits)),
                Type::Ptr { .. } => Some(64),
                _ => None,
            },
            _ => None,
        };
        let mut hits: Vec<&text::DiMember> = if hits.len() > 1 {
            hits.into_iter()
                .filter(|m| m.bits == fsize * 8 && m.elem_bits == elem_bits)
                .collect()
        } else {
            hits
        };
        // a scalar in the IR stands for a scalar member, not an anonymous struct of that size
        if hits.len() > 1 && matches!(ty, Type::Int { .. } | Type::Ptr { .. }) {
            hits.retain(|m| m.anon.is_none());
        }
        // an anonymous member has no name (its members are named in its own type)
        match hits.as_slice() {
            [m] if !m.name.is_empty() => Some(m.name.clone()),
            _ => None,
        }
    });
    let (lo, hi) = (offset * 8, (offset + fsize) * 8);
    let bitfields = di
        .map(|d| {
            d.members
                .iter()
                .filter(|m| m.bitfield && lo <= m.bit_offset && m.bit_offset < hi)
                .map(|m| BitField {
                    name: m.name.clone(),
                    bit_offset: m.bit_offset - lo,
                    bits: m.bits,
                })
                .collect()
        })
        .unwrap_or_default();
    FieldLayout {
        offset,
        size: fsize,
        padding_before,
        debug_name,
        bitfields,
    }
}

/// Global variables.
fn global_vars<'a>(cv: &mut Conv<'a>, m: &li::Module, tx: &'a TextIndex) -> Vec<Global> {
    let mut globals = Vec::with_capacity(m.global_vars.len());
    for g in &m.global_vars {
        let name = global_name_of(&g.name);
        cv.func = format!("(global @{name})");
        cv.at(tx.globals.get(&name).map(|s| s.as_str()));
        let initializer = g.initializer.as_ref().map(|c| cv.constant(c));
        globals.push(Global {
            ty: pointee(cv.ty(&g.ty)),
            is_constant: g.is_constant,
            facts: facts(
                g.linkage,
                g.visibility,
                g.dll_storage_class,
                g.unnamed_addr,
                g.addr_space,
            ),
            thread_local: tls(g.thread_local_mode),
            initializer,
            section: g.section.clone(),
            comdat: g.comdat.as_ref().map(|c| c.name.clone()),
            align: g.alignment,
            debug_loc: debug_loc(&g.debugloc),
            name,
        });
    }
    globals
}

/// Global aliases.
fn global_aliases<'a>(cv: &mut Conv<'a>, m: &li::Module, tx: &'a TextIndex) -> Vec<Alias> {
    let mut aliases = Vec::new();
    for a in &m.global_aliases {
        let name = global_name_of(&a.name);
        cv.func = format!("(alias @{name})");
        cv.at(tx.globals.get(&name).map(|s| s.as_str()));
        aliases.push(Alias {
            ty: cv.ty(&a.ty),
            aliasee: cv.constant(&a.aliasee),
            facts: facts(
                a.linkage,
                a.visibility,
                a.dll_storage_class,
                a.unnamed_addr,
                a.addr_space,
            ),
            thread_local: tls(a.thread_local_mode),
            name,
        });
    }
    aliases
}

/// Global ifuncs.
fn global_ifuncs<'a>(cv: &mut Conv<'a>, m: &li::Module, tx: &'a TextIndex) -> Vec<IFunc> {
    let mut ifuncs = Vec::new();
    for f in &m.global_ifuncs {
        let name = global_name_of(&f.name);
        cv.func = format!("(ifunc @{name})");
        cv.at(tx.globals.get(&name).map(|s| s.as_str()));
        ifuncs.push(IFunc {
            ty: cv.ty(&f.ty),
            resolver: cv.constant(&f.resolver_fn),
            facts: facts(
                f.linkage,
                f.visibility,
                li::module::DLLStorageClass::Default,
                None,
                0,
            ),
            name,
        });
    }
    ifuncs
}

/// Function definitions and declarations: llvm-ir, the C API and the printed text walk them in
/// the same order; a disagreement on their number or order is an error.
fn functions<'a>(
    cv: &mut Conv<'a>,
    m: &li::Module,
    sm: &SysModule,
    tx: &'a TextIndex,
) -> Result<(Vec<Function>, Vec<FunctionDecl>), IrError> {
    let (sys_defs, sys_decls) = sm.functions();
    let decls: Vec<&li::function::FunctionDeclaration> = m
        .func_declarations
        .iter()
        .filter(|d| !d.name.starts_with("llvm.dbg."))
        .collect();
    if sys_defs.len() != m.functions.len()
        || sys_decls.len() != decls.len()
        || tx.functions.len() != m.functions.len()
    {
        return Err(mismatch(
            cv.path,
            "module shape",
            format!(
                "readers disagree on function counts: llvm-ir {}+{}, C API {}+{}, text {}",
                m.functions.len(),
                decls.len(),
                sys_defs.len(),
                sys_decls.len(),
                tx.functions.len()
            ),
        ));
    }
    let mut functions = Vec::with_capacity(m.functions.len());
    for ((f, &sf), lines) in m.functions.iter().zip(&sys_defs).zip(&tx.functions) {
        functions.push(function(cv, m, f, sf, lines)?);
    }
    let declarations = decls
        .iter()
        .zip(&sys_decls)
        .map(|(d, &sf)| declaration(cv, d, sf))
        .collect();
    Ok((functions, declarations))
}

/// One function definition: its blocks (instructions paired with their C-API values and printed
/// lines) and its signature.
fn function<'a>(
    cv: &mut Conv<'a>,
    m: &li::Module,
    f: &li::Function,
    sf: LLVMValueRef,
    lines: &'a [String],
) -> Result<Function, IrError> {
    cv.func = f.name.clone();
    cv.at(None);
    if sys::value_name(sf) != f.name {
        return Err(mismatch(
            cv.path,
            "module shape",
            format!("function order differs at @{}", f.name),
        ));
    }
    let sblocks = sys::blocks(sf);
    // Calls to `llvm.dbg.*` carry only metadata; they are omitted on all three sides.
    let kept: Vec<Vec<&li::Instruction>> = f
        .basic_blocks
        .iter()
        .map(|b| b.instrs.iter().filter(|i| !is_dbg_call(i)).collect())
        .collect();
    // A `callbr` block reads (from llvm-ir's lowered module) as its instructions, the call, and a
    // switch: one line more on llvm-ir's side than in the C API and the printed original.
    let is_cb: Vec<bool> = sblocks
        .iter()
        // SAFETY: valid block of the live module.
        .map(|&b| sys::is_callbr(unsafe { llvm_sys::core::LLVMGetBasicBlockTerminator(b) }))
        .collect();
    let n_instrs: usize = kept
        .iter()
        .zip(is_cb.iter().chain(std::iter::repeat(&false)))
        .map(|(b, &cb)| b.len() + 1 - usize::from(cb))
        .sum();
    if sblocks.len() != f.basic_blocks.len() || lines.len() != n_instrs {
        return Err(mismatch(
            cv.path,
            "function shape",
            format!(
                "@{}: {} blocks / {} instructions (llvm-ir) vs {} blocks (C API) / {} lines (printer)",
                f.name,
                f.basic_blocks.len(),
                n_instrs,
                sblocks.len(),
                lines.len()
            ),
        ));
    }
    let mut li_idx = 0usize;
    let mut blocks = Vec::with_capacity(f.basic_blocks.len());
    for ((b, kept), &sb) in f.basic_blocks.iter().zip(&kept).zip(&sblocks) {
        let n = kept.len() + 1
            - usize::from(sys::is_callbr(unsafe {
                // SAFETY: valid block of the live module.
                llvm_sys::core::LLVMGetBasicBlockTerminator(sb)
            }));
        blocks.push(block(
            cv,
            &m.types,
            &f.name,
            b,
            kept,
            sb,
            &lines[li_idx..li_idx + n],
        )?);
        li_idx += n;
    }
    let sig = signature(
        cv,
        SigIn {
            name: &f.name,
            params: &f.parameters,
            named_params: true,
            var_arg: f.is_var_arg,
            ret: &f.return_type,
            cc_fn: sf,
            linkage: f.linkage,
            visibility: f.visibility,
            dll: f.dll_storage_class,
            section: f.section.clone(),
            comdat: f.comdat.as_ref().map(|c| c.name.clone()),
            align: f.alignment,
            gc: f.garbage_collector_name.clone(),
            personality: f.personality_function.clone(),
        },
    );
    Ok(Function {
        sig,
        debug_loc: debug_loc(&f.debugloc),
        blocks,
    })
}

/// One basic block: its kept instructions and terminator, with their printed lines.
fn block<'a>(
    cv: &mut Conv<'a>,
    types: &li::types::Types,
    fname: &str,
    b: &li::BasicBlock,
    kept: &[&li::Instruction],
    sb: LLVMBasicBlockRef,
    lines: &'a [String],
) -> Result<Block, IrError> {
    let sinstrs = sys::instructions(sb);
    let callbr = sinstrs.last().is_some_and(|&t| sys::is_callbr(t));
    if sinstrs.len() != kept.len() + 1 - usize::from(callbr)
        || (callbr && !matches!(kept.last(), Some(li::Instruction::Call(_))))
    {
        return Err(mismatch(
            cv.path,
            "block shape",
            format!(
                "@{} block {}: instruction counts differ",
                fname,
                name_of(&b.name)
            ),
        ));
    }
    let n = sinstrs.len() - 1;
    let mut instrs = Vec::with_capacity(n);
    for (k, inst) in kept[..n].iter().enumerate() {
        instrs.push(cv.instr(inst, types, sinstrs[k], Some(lines[k].as_str())));
    }
    let term = match kept.get(n) {
        Some(li::Instruction::Call(call)) if callbr => {
            cv.callbr_term(call, sinstrs[n], Some(lines[n].as_str()))
        }
        _ => cv.term(&b.term, types, sinstrs[n], Some(lines[n].as_str())),
    };
    Ok(Block {
        name: name_of(&b.name),
        instrs,
        term,
    })
}

/// One function declaration (parameters are unnamed).
fn declaration(
    cv: &mut Conv<'_>,
    d: &li::function::FunctionDeclaration,
    sf: LLVMValueRef,
) -> FunctionDecl {
    cv.func = d.name.clone();
    cv.at(None);
    let sig = signature(
        cv,
        SigIn {
            name: &d.name,
            params: &d.parameters,
            named_params: false,
            var_arg: d.is_var_arg,
            ret: &d.return_type,
            cc_fn: sf,
            linkage: d.linkage,
            visibility: d.visibility,
            dll: d.dll_storage_class,
            section: None,
            comdat: None,
            align: d.alignment,
            gc: d.garbage_collector_name.clone(),
            personality: None,
        },
    );
    FunctionDecl {
        sig,
        debug_loc: debug_loc(&d.debugloc),
    }
}

/// A call to an `llvm.dbg.*` intrinsic.
fn is_dbg_call(i: &li::Instruction) -> bool {
    match i {
        li::Instruction::Call(c) => match c.function.as_ref().right() {
            Some(li::Operand::ConstantOperand(k)) => matches!(
                k.as_ref(),
                li::Constant::GlobalReference { name: li::Name::Name(n), .. } if n.starts_with("llvm.dbg.")
            ),
            _ => false,
        },
        _ => false,
    }
}

struct SigIn<'x> {
    name: &'x str,
    params: &'x [li::function::Parameter],
    named_params: bool,
    var_arg: bool,
    ret: &'x li::TypeRef,
    cc_fn: LLVMValueRef,
    linkage: li::module::Linkage,
    visibility: li::module::Visibility,
    dll: li::module::DLLStorageClass,
    section: Option<String>,
    comdat: Option<String>,
    align: u32,
    gc: Option<String>,
    personality: Option<li::ConstantRef>,
}

fn signature(cv: &mut Conv<'_>, s: SigIn<'_>) -> FunctionSig {
    let sf = s.cc_fn;
    // SAFETY: `sf` is a function of the live module.
    let unnamed_addr = unsafe {
        match llvm_sys::core::LLVMGetUnnamedAddress(sf) {
            llvm_sys::LLVMUnnamedAddr::LLVMNoUnnamedAddr => None,
            llvm_sys::LLVMUnnamedAddr::LLVMLocalUnnamedAddr => Some(li::module::UnnamedAddr::Local),
            llvm_sys::LLVMUnnamedAddr::LLVMGlobalUnnamedAddr => {
                Some(li::module::UnnamedAddr::Global)
            }
        }
    };
    FunctionSig {
        name: s.name.to_string(),
        ret_ty: cv.ty(s.ret),
        params: s
            .params
            .iter()
            .enumerate()
            .map(|(i, p)| Param {
                name: s.named_params.then(|| name_of(&p.name)),
                ty: cv.ty(&p.ty),
                attrs: sys::fn_attrs(sf, i as u32 + 1),
            })
            .collect(),
        var_arg: s.var_arg,
        ret_attrs: sys::fn_attrs(sf, 0),
        fn_attrs: sys::fn_attrs(sf, sys::FUNCTION),
        cc: sys::fn_cc(sf),
        facts: facts(s.linkage, s.visibility, s.dll, unnamed_addr, 0),
        section: s.section,
        comdat: s.comdat,
        align: s.align,
        gc: s.gc,
        prefix: None,
        prologue: None,
        personality: s.personality.as_ref().map(|p| cv.constant(p)),
    }
}
