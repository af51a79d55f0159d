//! Branches and pc-relative addresses: b, bl, b.<cond>, br, blr, ret, cbz, cbnz, tbz, tbnz, eret,
//! the exception generators hvc, smc, svc, brk, and adr, adrp.

use super::{cond_of_name, Ctx};
use crate::ast::*;
use crate::operands::R;

/// adr, adrp.
pub(super) fn adr(cx: &Ctx) -> R<Instr> {
    cx.count(&[2])?;
    let rd = cx.gpr(0, Width::W64)?;
    let target = cx.target(1)?;
    Ok(if cx.mn == "adr" {
        Instr::Adr { rd, target }
    } else {
        Instr::Adrp { rd, target }
    })
}

/// b, bl.
pub(super) fn branch(cx: &Ctx) -> R<Instr> {
    cx.count(&[1])?;
    let t = cx.target(0)?;
    Ok(if cx.mn == "b" {
        Instr::B(t)
    } else {
        Instr::Bl(t)
    })
}

/// b.<cond>.
pub(super) fn bcond(cx: &Ctx) -> R<Instr> {
    cx.count(&[1])?;
    let c = &cx.mn[2..];
    let cond =
        cond_of_name(c).ok_or_else(|| cx.unknown(format!("unknown condition in `{}`", cx.mn)))?;
    Ok(Instr::BCond(cond, cx.target(0)?))
}

/// br, blr, ret (x30 by default).
pub(super) fn indirect(cx: &Ctx) -> R<Instr> {
    if cx.mn == "ret" {
        cx.count(&[0, 1])?;
        return Ok(Instr::Ret(if cx.ops.is_empty() {
            Reg::X(30)
        } else {
            cx.gpr(0, Width::W64)?
        }));
    }
    cx.count(&[1])?;
    let r = cx.gpr(0, Width::W64)?;
    Ok(if cx.mn == "br" {
        Instr::Br(r)
    } else {
        Instr::Blr(r)
    })
}

/// cbz, cbnz.
pub(super) fn cbz(cx: &Ctx) -> R<Instr> {
    cx.count(&[2])?;
    let (rt, w) = cx.gpr_any(0)?;
    Ok(Instr::Cbz {
        w,
        nz: cx.mn == "cbnz",
        rt,
        target: cx.target(1)?,
    })
}

/// tbz, tbnz: the bit is a position in the register's view.
pub(super) fn tbz(cx: &Ctx) -> R<Instr> {
    cx.count(&[3])?;
    let (rt, w) = cx.gpr_any(0)?;
    let bit = cx.bit_pos(1, w)?;
    Ok(Instr::Tbz {
        nz: cx.mn == "tbnz",
        rt,
        bit,
        target: cx.target(2)?,
    })
}

pub(super) fn eret(cx: &Ctx) -> R<Instr> {
    cx.count(&[0])?;
    Ok(Instr::Eret)
}

/// hvc, smc, svc, brk with a 16-bit immediate.
pub(super) fn exception(cx: &Ctx) -> R<Instr> {
    cx.count(&[1])?;
    let imm = cx.uimm(0)?;
    let kind = match cx.mn {
        "hvc" => ExcKind::Hvc,
        "smc" => ExcKind::Smc,
        "svc" => ExcKind::Svc,
        _ => ExcKind::Brk,
    };
    Ok(Instr::Exc { kind, imm })
}
