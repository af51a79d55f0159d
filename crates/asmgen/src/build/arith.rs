//! Arithmetic: add/sub (immediate, shifted and extended register) and their aliases cmp, cmn,
//! neg; add/sub with carry; multiply and divide.

use super::Ctx;
use crate::ast::*;
use crate::error::ErrorCode;
use crate::operands::{Op, ShExt, R};

/// The register second operand at `i` with an optional shift or extend at `i + 1` (the last
/// operands): `logical` instructions take `ror` and no extends.
pub(super) fn op2(cx: &Ctx, i: usize, w: Width, logical: bool) -> R<Operand> {
    let (r, se) = match cx.op(i) {
        Some(Op::Reg(r)) => (*r, cx.op(i + 1)),
        _ => return Err(cx.err(i, ErrorCode::BadOperand, "expected a register or immediate")),
    };
    if cx.ops.len() > i + 2 {
        return Err(cx.err(i + 2, ErrorCode::OperandCount, "too many operands"));
    }
    if r.reg == Reg::Sp {
        return Err(cx.err(i, ErrorCode::BadOperand, "sp is not allowed here"));
    }
    match se {
        None => {
            if r.w != w {
                return Err(cx.width_err(i, w));
            }
            Ok(Operand::Shifted(r.reg, Shift::Lsl, no_shift()))
        }
        Some(Op::ShExt(ShExt::Sh(sh, a))) => {
            if r.w != w {
                return Err(cx.width_err(i, w));
            }
            let amt = ShiftAmt::new((*a).into(), w).filter(|_| logical || *sh != Shift::Ror);
            let amt = amt.ok_or_else(|| cx.err(i + 1, ErrorCode::BadImmediate, "invalid shift"))?;
            Ok(Operand::Shifted(r.reg, *sh, amt))
        }
        Some(Op::ShExt(ShExt::Ex(e, a))) if !logical => {
            let amt = ExtendAmt::new(*a).ok_or_else(|| {
                cx.err(i + 1, ErrorCode::BadImmediate, "extend amount must be 0..4")
            })?;
            let want = if matches!(e, Extend::Uxtx | Extend::Sxtx) {
                Width::W64
            } else {
                Width::W32
            };
            if r.w != want && w != Width::W32 {
                return Err(cx.err(
                    i,
                    ErrorCode::BadOperand,
                    "register width does not match the extend",
                ));
            }
            Ok(Operand::Extended(r.reg, *e, amt))
        }
        _ => Err(cx.err(i + 1, ErrorCode::BadOperand, "expected a shift")),
    }
}

/// `lsl #0`.
pub(super) fn no_shift() -> ShiftAmt {
    ShiftAmt::new(0, Width::W32).expect("0 is a bit position of every register")
}

/// add, adds, sub, subs and the flag-setting aliases cmp (subs zr), cmn (adds zr).
pub(super) fn add_sub(cx: &Ctx) -> R<Instr> {
    let mn = cx.mn;
    let cmpish = mn == "cmp" || mn == "cmn";
    let s = mn.ends_with('s') || cmpish;
    let op = if mn.starts_with("add") || mn == "cmn" {
        AluOp::Add
    } else {
        AluOp::Sub
    };
    let (rd, rn, w, k) = if cmpish {
        cx.count(&[2, 3])?;
        let r = cx.reg(0)?;
        (Reg::Zr, r.reg, r.w, 1)
    } else {
        cx.count(&[3, 4])?;
        let w = cx.width(0)?;
        let rnw = cx.reg(1)?;
        if rnw.w != w {
            return Err(cx.width_err(1, w));
        }
        (cx.reg(0)?.reg, rnw.reg, w, 2)
    };
    check_sp_zr(cx, rd, rn, s, cmpish, k)?;
    let alu = |op, rm| Instr::Alu {
        w,
        op,
        s,
        rd,
        rn,
        rm,
    };
    match cx.op(k) {
        Some(Op::Imm(v)) => {
            let (op, imm) = add_sub_imm(cx, k, *v, op)?;
            Ok(alu(op, Operand::AddSub(imm)))
        }
        Some(Op::Lo12(sym, off)) => {
            cx.at_most(k)?;
            Ok(alu(op, Operand::Lo12(sym.clone(), *off)))
        }
        _ => {
            let mut rm = op2(cx, k, w, false)?;
            // With sp as rd/rn, a plain register means the extended form (uxtx / uxtw).
            if let Operand::Shifted(r, Shift::Lsl, a) = rm {
                if rd == Reg::Sp || rn == Reg::Sp {
                    let e = if w == Width::W64 {
                        Extend::Uxtx
                    } else {
                        Extend::Uxtw
                    };
                    let amt = ExtendAmt::new(a.get()).ok_or_else(|| {
                        cx.err(k + 1, ErrorCode::BadImmediate, "extend amount must be 0..4")
                    })?;
                    rm = Operand::Extended(r, e, amt);
                }
            }
            Ok(alu(op, rm))
        }
    }
}

/// Register roles: the immediate and extended forms read SP (not ZR) as rn and write SP
/// (add/sub) or ZR (adds/subs); the shifted-register form uses ZR only.
fn check_sp_zr(cx: &Ctx, rd: Reg, rn: Reg, s: bool, cmpish: bool, k: usize) -> R<()> {
    let shifted_form = matches!(cx.op(k), Some(Op::Reg(_)))
        && !matches!(cx.op(k + 1), Some(Op::ShExt(ShExt::Ex(..))))
        && rd != Reg::Sp
        && rn != Reg::Sp;
    if shifted_form {
        return Ok(()); // ZR allowed in every position
    }
    if rn == Reg::Zr {
        return Err(cx.err(
            if cmpish { 0 } else { 1 },
            ErrorCode::BadOperand,
            "zero register is not allowed here",
        ));
    }
    if !cmpish && ((s && rd == Reg::Sp) || (!s && rd == Reg::Zr)) {
        return Err(cx.err(
            0,
            ErrorCode::BadOperand,
            if s {
                "sp is not allowed here"
            } else {
                "zero register is not allowed here"
            },
        ));
    }
    Ok(())
}

/// The immediate `v` at operand `k` with its optional `lsl #0/#12` at `k + 1`; a negative value
/// turns add into sub and back.
fn add_sub_imm(cx: &Ctx, k: usize, v: i64, op: AluOp) -> R<(AluOp, AddSubImm)> {
    let shift12 = match cx.op(k + 1) {
        None | Some(Op::ShExt(ShExt::Sh(Shift::Lsl, 0))) => false,
        Some(Op::ShExt(ShExt::Sh(Shift::Lsl, 12))) => true,
        _ => {
            return Err(cx.err(
                k + 1,
                ErrorCode::BadImmediate,
                "shift must be lsl #0 or #12",
            ))
        }
    };
    let (op, mag) = match (v < 0, op) {
        (false, op) => (op, v.unsigned_abs()),
        (true, AluOp::Add) => (AluOp::Sub, v.unsigned_abs()),
        (true, _) => (AluOp::Add, v.unsigned_abs()),
    };
    let imm = if shift12 {
        AddSubImm::new(mag, true)
    } else {
        AddSubImm::of_value(mag)
    };
    let imm = imm.ok_or_else(|| {
        cx.err(
            k,
            ErrorCode::BadImmediate,
            format!("immediate {mag} does not fit add/sub (12 bits, optionally lsl 12)"),
        )
    })?;
    Ok((op, imm))
}

/// neg, negs: sub(s) from the zero register.
pub(super) fn neg(cx: &Ctx) -> R<Instr> {
    cx.count(&[2, 3])?;
    let w = cx.width(0)?;
    let rd = cx.gpr(0, w)?;
    let rm = op2(cx, 1, w, false)?;
    Ok(Instr::Alu {
        w,
        op: AluOp::Sub,
        s: cx.mn == "negs",
        rd,
        rn: Reg::Zr,
        rm,
    })
}

/// adc, adcs, sbc, sbcs, and ngc/ngcs (sbc from the zero register).
pub(super) fn adc(cx: &Ctx) -> R<Instr> {
    let neg = cx.mn.starts_with("ngc");
    cx.count(if neg { &[2] } else { &[3] })?;
    let w = cx.width(0)?;
    let rd = cx.gpr(0, w)?;
    let (rn, rm) = if neg {
        (Reg::Zr, cx.gpr(1, w)?)
    } else {
        (cx.gpr(1, w)?, cx.gpr(2, w)?)
    };
    Ok(Instr::Adc {
        w,
        sub: !cx.mn.starts_with("adc"),
        s: cx.mn.ends_with('s'),
        rd,
        rn,
        rm,
    })
}

/// madd, msub and mul, mneg (with the zero register as addend).
pub(super) fn madd(cx: &Ctx) -> R<Instr> {
    let w = cx.width(0)?;
    let four = cx.mn == "madd" || cx.mn == "msub";
    cx.count(if four { &[4] } else { &[3] })?;
    let ra = if four { cx.gpr(3, w)? } else { Reg::Zr };
    Ok(Instr::Madd {
        w,
        sub: cx.mn == "mneg" || cx.mn == "msub",
        rd: cx.gpr(0, w)?,
        rn: cx.gpr(1, w)?,
        rm: cx.gpr(2, w)?,
        ra,
    })
}

/// The widening multiply-adds `{s,u}{madd,msub}l` and `{s,u}{mull,mnegl}` (64 ± 32 × 32).
pub(super) fn madd_long(cx: &Ctx) -> R<Instr> {
    let mn = cx.mn;
    let four = mn.contains("addl") || mn.contains("subl");
    cx.count(if four { &[4] } else { &[3] })?;
    let ra = if four {
        cx.gpr(3, Width::W64)?
    } else {
        Reg::Zr
    };
    Ok(Instr::MaddL {
        signed: mn.starts_with('s'),
        sub: mn.contains("sub") || mn.contains("neg"),
        rd: cx.gpr(0, Width::W64)?,
        rn: cx.gpr(1, Width::W32)?,
        rm: cx.gpr(2, Width::W32)?,
        ra,
    })
}

/// umulh, smulh.
pub(super) fn mulh(cx: &Ctx) -> R<Instr> {
    cx.count(&[3])?;
    Ok(Instr::Mulh {
        signed: cx.mn == "smulh",
        rd: cx.gpr(0, Width::W64)?,
        rn: cx.gpr(1, Width::W64)?,
        rm: cx.gpr(2, Width::W64)?,
    })
}

/// udiv, sdiv.
pub(super) fn div(cx: &Ctx) -> R<Instr> {
    cx.count(&[3])?;
    let w = cx.width(0)?;
    Ok(Instr::Div {
        w,
        signed: cx.mn == "sdiv",
        rd: cx.gpr(0, w)?,
        rn: cx.gpr(1, w)?,
        rm: cx.gpr(2, w)?,
    })
}
