//! Logical operations: and, ands, orr, eor, bic, bics, orn, eon (immediate and shifted register)
//! and the aliases tst (ands zr) and mvn (orn from zr).

use super::arith::op2;
use super::{to_unsigned, Ctx};
use crate::ast::*;
use crate::error::ErrorCode;
use crate::imms::{bits, mask};
use crate::operands::{Op, R};

pub(super) fn logical(cx: &Ctx) -> R<Instr> {
    let (s, op) = match cx.mn {
        "and" => (false, AluOp::And),
        "ands" | "tst" => (true, AluOp::And),
        "orr" => (false, AluOp::Orr),
        "eor" => (false, AluOp::Eor),
        "bic" => (false, AluOp::Bic),
        "bics" => (true, AluOp::Bic),
        "orn" => (false, AluOp::Orn),
        _ => (false, AluOp::Eon),
    };
    let (rd, w, k) = if cx.mn == "tst" {
        cx.count(&[2, 3])?;
        (Reg::Zr, cx.width(0)?, 1)
    } else {
        cx.count(&[3, 4])?;
        let w = cx.width(0)?;
        let imm_form = matches!(cx.op(2), Some(Op::Imm(_)));
        // The immediate forms without flags write SP, not ZR.
        let rd = if imm_form && !s {
            cx.gpr_sp(0, w)?
        } else {
            cx.gpr(0, w)?
        };
        (rd, w, 2)
    };
    let rn = cx.gpr(k - 1, w)?;
    let (op, rm) = match cx.op(k) {
        Some(Op::Imm(v)) => {
            cx.at_most(k)?;
            logical_imm(cx, k, *v, op, w)?
        }
        _ => (op, op2(cx, k, w, true)?),
    };
    Ok(Instr::Alu {
        w,
        op,
        s,
        rd,
        rn,
        rm,
    })
}

/// The immediate `v` (operand `k`) of a logical operation `op`: bic/orn/eon with an immediate
/// are and/orr/eor with the inverted immediate.
fn logical_imm(cx: &Ctx, k: usize, v: i64, op: AluOp, w: Width) -> R<(AluOp, Operand)> {
    let n = bits(w);
    let u = to_unsigned(v, n).ok_or_else(|| {
        cx.err(
            k,
            ErrorCode::BadImmediate,
            format!("immediate {v} out of range"),
        )
    })?;
    let (op, u) = match op {
        AluOp::Bic => (AluOp::And, !u & mask(n)),
        AluOp::Orn => (AluOp::Orr, !u & mask(n)),
        AluOp::Eon => (AluOp::Eor, !u & mask(n)),
        op => (op, u),
    };
    let imm = LogicalImm::new(u, w).ok_or_else(|| {
        cx.err(
            k,
            ErrorCode::BadImmediate,
            format!("immediate {v:#x} is not a valid logical immediate"),
        )
    })?;
    Ok((op, Operand::Logical(imm)))
}

/// mvn: orn from the zero register.
pub(super) fn mvn(cx: &Ctx) -> R<Instr> {
    cx.count(&[2, 3])?;
    let w = cx.width(0)?;
    let rd = cx.gpr(0, w)?;
    Ok(Instr::Alu {
        w,
        op: AluOp::Orn,
        s: false,
        rd,
        rn: Reg::Zr,
        rm: op2(cx, 1, w, true)?,
    })
}
