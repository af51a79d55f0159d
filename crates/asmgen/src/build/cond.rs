//! Conditional instructions: csel, csinc, csinv, csneg, their aliases cset, csetm, cinc, cinv,
//! cneg, and the conditional compares ccmp, ccmn.

use super::arith::no_shift;
use super::Ctx;
use crate::ast::*;
use crate::operands::{Op, R};

fn csel_op(mn: &str) -> CselOp {
    match mn {
        "csel" => CselOp::Csel,
        "csinc" | "cset" | "cinc" => CselOp::Csinc,
        "csinv" | "csetm" | "cinv" => CselOp::Csinv,
        _ => CselOp::Csneg,
    }
}

/// csel, csinc, csinv, csneg.
pub(super) fn csel(cx: &Ctx) -> R<Instr> {
    cx.count(&[4])?;
    let w = cx.width(0)?;
    Ok(Instr::Csel {
        w,
        op: csel_op(cx.mn),
        rd: cx.gpr(0, w)?,
        rn: cx.gpr(1, w)?,
        rm: cx.gpr(2, w)?,
        cond: cx.cond(3)?,
    })
}

/// cset, csetm: csinc/csinv of the zero register on the inverted condition.
pub(super) fn cset(cx: &Ctx) -> R<Instr> {
    cx.count(&[2])?;
    let w = cx.width(0)?;
    let c = cx.invertible_cond(1)?;
    Ok(Instr::Csel {
        w,
        op: csel_op(cx.mn),
        rd: cx.gpr(0, w)?,
        rn: Reg::Zr,
        rm: Reg::Zr,
        cond: c.invert(),
    })
}

/// cinc, cinv, cneg: csinc/csinv/csneg of rn with itself on the inverted condition.
pub(super) fn cinc(cx: &Ctx) -> R<Instr> {
    cx.count(&[3])?;
    let w = cx.width(0)?;
    let c = cx.invertible_cond(2)?;
    let rn = cx.gpr(1, w)?;
    Ok(Instr::Csel {
        w,
        op: csel_op(cx.mn),
        rd: cx.gpr(0, w)?,
        rn,
        rm: rn,
        cond: c.invert(),
    })
}

/// ccmp, ccmn with a register or a 5-bit immediate.
pub(super) fn ccmp(cx: &Ctx) -> R<Instr> {
    cx.count(&[4])?;
    let w = cx.width(0)?;
    let rn = cx.gpr(0, w)?;
    let rm = match cx.op(1) {
        Some(Op::Imm(_)) => Operand::Ccmp(cx.uimm(1)?),
        _ => Operand::Shifted(cx.gpr(1, w)?, Shift::Lsl, no_shift()),
    };
    Ok(Instr::Ccmp {
        w,
        neg: cx.mn == "ccmn",
        rn,
        rm,
        nzcv: cx.uimm(2)?,
        cond: cx.cond(3)?,
    })
}
