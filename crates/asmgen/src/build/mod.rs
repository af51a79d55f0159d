//! The instruction builder: a mnemonic and its parsed operands → an [`Instr`], one module per
//! instruction class (aliases are resolved into the core forms there). [`build`] dispatches on
//! the mnemonic; [`Ctx`] gives typed access to the operands with positioned errors.

mod arith;
mod atomic;
mod bitfield;
mod branch;
mod cond;
mod logical;
mod mem;
mod mov;
mod system;

use crate::ast::*;
use crate::error::{AsmError, ErrorCode};
use crate::imms::bits;
use crate::operands::{MemIdx, Op, OpAt, RegW, R};

/// One instruction being built: its mnemonic, operands and position.
pub(crate) struct Ctx<'a> {
    pub line: usize,
    /// Column of the mnemonic.
    pub mcol: usize,
    pub ops: &'a [OpAt],
    /// Column just after the statement (errors about missing operands).
    pub end_col: usize,
    /// The mnemonic, lower case.
    pub mn: &'a str,
}

/// Build the instruction of mnemonic `cx.mn`.
pub(crate) fn build(cx: &Ctx) -> R<Instr> {
    match cx.mn {
        "add" | "adds" | "sub" | "subs" | "cmp" | "cmn" => arith::add_sub(cx),
        "neg" | "negs" => arith::neg(cx),
        "adc" | "adcs" | "sbc" | "sbcs" | "ngc" | "ngcs" => arith::adc(cx),
        "mul" | "mneg" | "madd" | "msub" => arith::madd(cx),
        "smull" | "umull" | "smaddl" | "umaddl" | "smsubl" | "umsubl" | "smnegl" | "umnegl" => {
            arith::madd_long(cx)
        }
        "umulh" | "smulh" => arith::mulh(cx),
        "udiv" | "sdiv" => arith::div(cx),
        "and" | "ands" | "orr" | "eor" | "bic" | "bics" | "orn" | "eon" | "tst" => {
            logical::logical(cx)
        }
        "mvn" => logical::mvn(cx),
        "mov" => mov::mov(cx),
        "movz" | "movn" | "movk" => mov::move_wide(cx),
        "movi" => mov::movi(cx),
        "lsl" | "lsr" | "asr" | "ror" | "lslv" | "lsrv" | "asrv" | "rorv" => bitfield::shift(cx),
        "ubfx" | "sbfx" | "ubfiz" | "sbfiz" | "bfi" | "bfxil" | "ubfm" | "sbfm" | "bfm" | "bfc" => {
            bitfield::bitfield(cx)
        }
        "uxtb" | "uxth" | "sxtb" | "sxth" | "sxtw" => bitfield::extend(cx),
        "extr" => bitfield::extr(cx),
        "clz" | "cls" | "rbit" | "rev" | "rev16" | "rev32" | "rev64" => bitfield::unary(cx),
        "csel" | "csinc" | "csinv" | "csneg" => cond::csel(cx),
        "cset" | "csetm" => cond::cset(cx),
        "cinc" | "cinv" | "cneg" => cond::cinc(cx),
        "ccmp" | "ccmn" => cond::ccmp(cx),
        "ldr" | "ldrb" | "ldrh" | "ldrsb" | "ldrsh" | "ldrsw" | "str" | "strb" | "strh"
        | "ldur" | "ldurb" | "ldurh" | "ldursb" | "ldursh" | "ldursw" | "stur" | "sturb"
        | "sturh" => mem::load_store(cx),
        "ldp" | "stp" | "ldpsw" | "ldnp" | "stnp" => mem::pair(cx),
        "prfm" => mem::prfm(cx),
        "ldxr" | "ldxrb" | "ldxrh" | "ldaxr" | "ldaxrb" | "ldaxrh" | "ldar" | "ldarb" | "ldarh"
        | "ldapr" | "ldaprb" | "ldaprh" => atomic::load_acquire(cx),
        "stxr" | "stxrb" | "stxrh" | "stlxr" | "stlxrb" | "stlxrh" | "stlr" | "stlrb" | "stlrh" => {
            atomic::store_release(cx)
        }
        "ldxp" | "ldaxp" => atomic::load_pair(cx),
        "stxp" | "stlxp" => atomic::store_pair(cx),
        "clrex" => atomic::clrex(cx),
        "adr" | "adrp" => branch::adr(cx),
        "b" | "bl" => branch::branch(cx),
        "br" | "blr" | "ret" => branch::indirect(cx),
        "cbz" | "cbnz" => branch::cbz(cx),
        "tbz" | "tbnz" => branch::tbz(cx),
        "eret" => branch::eret(cx),
        "hvc" | "smc" | "svc" | "brk" => branch::exception(cx),
        "mrs" => system::mrs(cx),
        "msr" => system::msr(cx),
        "tlbi" => system::tlbi(cx),
        "dc" | "at" => system::dc_at(cx),
        "ic" => system::ic(cx),
        "dsb" | "dmb" | "isb" => system::barrier(cx),
        "nop" | "yield" | "wfe" | "wfi" | "sev" | "sevl" => system::hint(cx),
        mn if mn.starts_with("b.") => branch::bcond(cx),
        _ => match atomic::lse(cx)? {
            Some(i) => Ok(i),
            None => Err(cx.unknown(format!("unknown mnemonic `{}`", cx.mn))),
        },
    }
}

pub(crate) fn wname(w: Width) -> &'static str {
    match w {
        Width::W32 => "32-bit (w)",
        Width::W64 => "64-bit (x)",
    }
}

pub(crate) fn cond_of_name(s: &str) -> Option<Cond> {
    use Cond::*;
    Some(match s.to_ascii_lowercase().as_str() {
        "eq" => Eq,
        "ne" => Ne,
        "cs" | "hs" => Cs,
        "cc" | "lo" => Cc,
        "mi" => Mi,
        "pl" => Pl,
        "vs" => Vs,
        "vc" => Vc,
        "hi" => Hi,
        "ls" => Ls,
        "ge" => Ge,
        "lt" => Lt,
        "gt" => Gt,
        "le" => Le,
        "al" => Al,
        "nv" => Nv,
        _ => return None,
    })
}

impl Ctx<'_> {
    pub fn op(&self, i: usize) -> Option<&Op> {
        self.ops.get(i).map(|o| &o.op)
    }
    fn col(&self, i: usize) -> usize {
        self.ops.get(i).map(|o| o.col).unwrap_or(self.end_col)
    }
    pub fn err(&self, i: usize, code: ErrorCode, msg: impl Into<String>) -> AsmError {
        AsmError::new(code, self.line, self.col(i), msg)
    }
    /// An unknown-mnemonic error (at the mnemonic).
    pub fn unknown(&self, msg: impl Into<String>) -> AsmError {
        AsmError::new(ErrorCode::UnknownMnemonic, self.line, self.mcol, msg)
    }
    /// The number of operands must be one of `ns`.
    pub fn count(&self, ns: &[usize]) -> R<()> {
        if ns.contains(&self.ops.len()) {
            Ok(())
        } else {
            Err(AsmError::new(
                ErrorCode::OperandCount,
                self.line,
                self.mcol,
                format!(
                    "`{}` takes {:?} operands, got {}",
                    self.mn,
                    ns,
                    self.ops.len()
                ),
            ))
        }
    }
    /// No operands after `i`.
    pub fn at_most(&self, i: usize) -> R<()> {
        if self.ops.len() > i + 1 {
            return Err(self.err(i + 1, ErrorCode::OperandCount, "too many operands"));
        }
        Ok(())
    }
    pub fn reg(&self, i: usize) -> R<RegW> {
        match self.op(i) {
            Some(Op::Reg(r)) => Ok(*r),
            _ => Err(self.err(i, ErrorCode::BadOperand, "expected a register")),
        }
    }
    pub fn width_err(&self, i: usize, w: Width) -> AsmError {
        self.err(
            i,
            ErrorCode::BadOperand,
            format!("expected a {} register", wname(w)),
        )
    }
    /// A general register (not SP) of the given width.
    pub fn gpr(&self, i: usize, w: Width) -> R<Reg> {
        let r = self.reg(i)?;
        if r.reg == Reg::Sp {
            return Err(self.err(i, ErrorCode::BadOperand, "sp is not allowed here"));
        }
        if r.w != w {
            return Err(self.width_err(i, w));
        }
        Ok(r.reg)
    }
    /// A register that may be SP (encoding 31 = SP), of the given width.
    pub fn gpr_sp(&self, i: usize, w: Width) -> R<Reg> {
        let r = self.reg(i)?;
        if r.reg == Reg::Zr {
            return Err(self.err(
                i,
                ErrorCode::BadOperand,
                "zero register is not allowed here",
            ));
        }
        if r.w != w {
            return Err(self.width_err(i, w));
        }
        Ok(r.reg)
    }
    /// A general register (not SP) of either width.
    pub fn gpr_any(&self, i: usize) -> R<(Reg, Width)> {
        let r = self.reg(i)?;
        if r.reg == Reg::Sp {
            return Err(self.err(i, ErrorCode::BadOperand, "sp is not allowed here"));
        }
        Ok((r.reg, r.w))
    }
    /// The width of the register operand `i` (the instruction's width, for most).
    pub fn width(&self, i: usize) -> R<Width> {
        Ok(self.reg(i)?.w)
    }
    pub fn imm(&self, i: usize) -> R<i64> {
        match self.op(i) {
            Some(Op::Imm(v)) => Ok(*v),
            _ => Err(self.err(i, ErrorCode::BadImmediate, "expected an immediate")),
        }
    }
    fn range_err(&self, i: usize, v: i64, lo: i64, hi: i64) -> AsmError {
        self.err(
            i,
            ErrorCode::BadImmediate,
            format!("immediate {v} out of range {lo}..={hi}"),
        )
    }
    pub fn imm_range(&self, i: usize, lo: i64, hi: i64) -> R<i64> {
        let v = self.imm(i)?;
        if v < lo || v > hi {
            return Err(self.range_err(i, v, lo, hi));
        }
        Ok(v)
    }
    /// An unsigned immediate of `N` bits.
    pub fn uimm<const N: u32>(&self, i: usize) -> R<UImm<N>> {
        let v = self.imm(i)?;
        UImm::new(v).ok_or_else(|| self.range_err(i, v, 0, (1 << N) - 1))
    }
    /// A bit position in a `w`-bit register.
    pub fn bit_pos(&self, i: usize, w: Width) -> R<BitPos> {
        let v = self.imm(i)?;
        BitPos::new(v, w).ok_or_else(|| self.range_err(i, v, 0, i64::from(bits(w)) - 1))
    }
    /// A bit position computed from operands (ending at operand `i`).
    pub fn field(&self, i: usize, v: i64, w: Width) -> R<BitPos> {
        BitPos::new(v, w).ok_or_else(|| {
            self.err(
                i,
                ErrorCode::BadImmediate,
                format!("bit field position {v} outside the register"),
            )
        })
    }
    pub fn name(&self, i: usize) -> R<String> {
        match self.op(i) {
            Some(Op::Name(s)) => Ok(s.clone()),
            _ => Err(self.err(i, ErrorCode::BadOperand, "expected a name")),
        }
    }
    pub fn target(&self, i: usize) -> R<Target> {
        match self.op(i) {
            Some(Op::Name(s)) => Ok(Target::Sym(s.clone())),
            Some(Op::SymOff(s, o)) => Ok(Target::SymOff(s.clone(), *o)),
            Some(Op::Local(n, b)) => Ok(Target::Sym(format!(
                "\u{1}{n}{}",
                if *b { "b" } else { "f" }
            ))),
            Some(Op::Imm(v)) => Ok(Target::Sym(format!("\u{2}{v:x}"))),
            _ => Err(self.err(i, ErrorCode::BadOperand, "expected a label")),
        }
    }
    pub fn cond(&self, i: usize) -> R<Cond> {
        let n = self
            .name(i)
            .map_err(|_| self.err(i, ErrorCode::BadOperand, "expected a condition"))?;
        cond_of_name(&n)
            .ok_or_else(|| self.err(i, ErrorCode::BadOperand, format!("unknown condition `{n}`")))
    }
    /// A condition other than `al`/`nv` (the aliases that invert it).
    pub fn invertible_cond(&self, i: usize) -> R<Cond> {
        let c = self.cond(i)?;
        if matches!(c, Cond::Al | Cond::Nv) {
            return Err(self.err(i, ErrorCode::BadOperand, "al/nv not allowed"));
        }
        Ok(c)
    }
    pub fn mem(&self, i: usize) -> R<(Reg, &MemIdx, bool)> {
        match self.op(i) {
            Some(Op::Mem { base, idx, pre }) => Ok((*base, idx, *pre)),
            _ => Err(self.err(i, ErrorCode::BadOperand, "expected a memory operand")),
        }
    }
    /// `[xn]` or `[xn, #0]` only, as the last operand.
    pub fn mem_base_only(&self, i: usize) -> R<Reg> {
        let (b, idx, pre) = self.mem(i)?;
        match idx {
            MemIdx::None => {}
            MemIdx::Imm(Imm::Lit(0)) if !pre => {}
            _ => return Err(self.err(i, ErrorCode::BadOperand, "only [xn] is allowed here")),
        }
        if self.ops.len() > i + 1 {
            return Err(self.err(i + 1, ErrorCode::OperandCount, "unexpected operand"));
        }
        Ok(b)
    }
    /// A system operation `<op>[, Xt]` named in `table` (name, takes a register): the operation's
    /// canonical name and its register, if the operation takes one.
    pub fn sys_op(&self, table: &[(&'static str, bool)]) -> R<(String, Option<Reg>)> {
        self.count(&[1, 2])?;
        let n = self.name(0)?.to_ascii_lowercase();
        let &(op, has_reg) = table.iter().find(|e| e.0 == n).ok_or_else(|| {
            self.err(
                0,
                ErrorCode::UnknownSysOp,
                format!("unknown {} operation `{n}`", self.mn),
            )
        })?;
        if has_reg != (self.ops.len() == 2) {
            return Err(self.err(
                1,
                ErrorCode::OperandCount,
                format!(
                    "{} {op} {} a register",
                    self.mn,
                    if has_reg { "needs" } else { "takes no" }
                ),
            ));
        }
        let rt = if has_reg {
            Some(self.gpr(1, Width::W64)?)
        } else {
            None
        };
        Ok((op.to_string(), rt))
    }
}

/// Normalize an immediate to an `n`-bit unsigned value (accepting negative values down to -2^(n-1)
/// and, as gas does, any value representable in n bits; for 32 bits, down to -2^32).
pub(crate) fn to_unsigned(v: i64, n: u32) -> Option<u64> {
    let v = i128::from(v);
    let lim = 1i128 << n;
    if v >= lim || v < -(1i128 << (n - 1)) - if n == 32 { 1i128 << 31 } else { 0 } {
        return None;
    }
    Some((v.rem_euclid(lim)) as u64)
}
