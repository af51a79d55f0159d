//! Shifts and bit fields: lsl/lsr/asr/ror by immediate (bit-field moves and extr) or register,
//! ubfx/sbfx/ubfiz/sbfiz/bfi/bfxil/bfc/ubfm/sbfm/bfm, the extends uxtb…sxtw, extr, and the
//! one-register operations clz, cls, rbit, rev*.

use super::Ctx;
use crate::ast::*;
use crate::error::ErrorCode;
use crate::imms::bits;
use crate::operands::{shift_of_name, Op, R};

/// lsl/lsr/asr/ror with an immediate (aliases of ubfm/sbfm/extr) or a register (lslv…rorv).
pub(super) fn shift(cx: &Ctx) -> R<Instr> {
    cx.count(&[3])?;
    let w = cx.width(0)?;
    let rd = cx.gpr(0, w)?;
    let rn = cx.gpr(1, w)?;
    let sh = shift_of_name(&cx.mn[..3]).expect("shift mnemonic");
    if !matches!(cx.op(2), Some(Op::Imm(_))) || cx.mn.ends_with('v') {
        return Ok(Instr::ShiftV {
            w,
            sh,
            rd,
            rn,
            rm: cx.gpr(2, w)?,
        });
    }
    let s = cx.bit_pos(2, w)?;
    let n = i64::from(bits(w));
    let s_ = i64::from(s.get());
    let bfm = |kind, immr: i64, imms: i64| -> R<Instr> {
        Ok(Instr::Bfm {
            w,
            kind,
            rd,
            rn,
            immr: cx.field(2, immr, w)?,
            imms: cx.field(2, imms, w)?,
        })
    };
    match sh {
        Shift::Lsl => bfm(BfKind::Unsigned, (n - s_) % n, n - 1 - s_),
        Shift::Lsr => bfm(BfKind::Unsigned, s_, n - 1),
        Shift::Asr => bfm(BfKind::Signed, s_, n - 1),
        Shift::Ror => Ok(Instr::Extr {
            w,
            rd,
            rn,
            rm: rn,
            lsb: s,
        }),
    }
}

/// The bit-field moves and their aliases (`lsb`, `width` forms converted to `immr`, `imms`).
pub(super) fn bitfield(cx: &Ctx) -> R<Instr> {
    let mn = cx.mn;
    let w = cx.width(0)?;
    let rd = cx.gpr(0, w)?;
    let n = i64::from(bits(w));
    let kind = match mn {
        "ubfx" | "ubfiz" | "ubfm" => BfKind::Unsigned,
        "sbfx" | "sbfiz" | "sbfm" => BfKind::Signed,
        _ => BfKind::Insert,
    };
    let bfm = |rn, immr: i64, imms: i64, at: usize| -> R<Instr> {
        Ok(Instr::Bfm {
            w,
            kind,
            rd,
            rn,
            immr: cx.field(at, immr, w)?,
            imms: cx.field(at, imms, w)?,
        })
    };
    if mn == "bfc" {
        cx.count(&[3])?;
        let lsb = cx.imm_range(1, 0, n - 1)?;
        let width = cx.imm_range(2, 1, n - lsb)?;
        return bfm(Reg::Zr, (n - lsb) % n, width - 1, 2);
    }
    cx.count(&[4])?;
    let rn = cx.gpr(1, w)?;
    let a = cx.imm_range(2, 0, n - 1)?;
    match mn {
        "ubfm" | "sbfm" | "bfm" => bfm(rn, a, cx.imm_range(3, 0, n - 1)?, 3),
        // extract: bits lsb..lsb+width of rn to the bottom of rd
        "ubfx" | "sbfx" | "bfxil" => {
            let width = cx.imm_range(3, 1, n - a)?;
            bfm(rn, a, a + width - 1, 3)
        }
        // insert: the bottom width bits of rn at lsb of rd
        _ => {
            let width = cx.imm_range(3, 1, n - a)?;
            bfm(rn, (n - a) % n, width - 1, 3)
        }
    }
}

/// uxtb, uxth (32-bit), sxtb, sxth (either width), sxtw (64-bit): bit-field moves from bit 0.
pub(super) fn extend(cx: &Ctx) -> R<Instr> {
    let mn = cx.mn;
    cx.count(&[2])?;
    let w = if mn.starts_with('u') {
        Width::W32
    } else {
        cx.width(0)?
    };
    let rd = cx.gpr(0, w)?;
    let rn = cx.gpr(1, Width::W32)?;
    if mn == "sxtw" && w != Width::W64 {
        return Err(cx.err(0, ErrorCode::BadOperand, "sxtw needs a 64-bit destination"));
    }
    let imms = match &mn[3..] {
        "b" => 7,
        "h" => 15,
        _ => 31,
    };
    let kind = if mn.starts_with('u') {
        BfKind::Unsigned
    } else {
        BfKind::Signed
    };
    Ok(Instr::Bfm {
        w,
        kind,
        rd,
        rn,
        immr: cx.field(1, 0, w)?,
        imms: cx.field(1, imms, w)?,
    })
}

/// extr: the register pair rn:rm from bit lsb.
pub(super) fn extr(cx: &Ctx) -> R<Instr> {
    cx.count(&[4])?;
    let w = cx.width(0)?;
    let lsb = cx.bit_pos(3, w)?;
    Ok(Instr::Extr {
        w,
        rd: cx.gpr(0, w)?,
        rn: cx.gpr(1, w)?,
        rm: cx.gpr(2, w)?,
        lsb,
    })
}

/// clz, cls, rbit, rev (rev64), rev16, rev32.
pub(super) fn unary(cx: &Ctx) -> R<Instr> {
    cx.count(&[2])?;
    let w = cx.width(0)?;
    let op = match cx.mn {
        "clz" => UnOp::Clz,
        "cls" => UnOp::Cls,
        "rbit" => UnOp::Rbit,
        "rev" | "rev64" => UnOp::Rev,
        "rev16" => UnOp::Rev16,
        _ => UnOp::Rev32,
    };
    if (op == UnOp::Rev32 || cx.mn == "rev64") && w != Width::W64 {
        return Err(cx.err(0, ErrorCode::BadOperand, "expected a 64-bit register"));
    }
    Ok(Instr::Unary {
        w,
        op,
        rd: cx.gpr(0, w)?,
        rn: cx.gpr(1, w)?,
    })
}
