//! System instructions: mrs, msr (register and PSTATE immediate forms), tlbi, dc, ic, at,
//! barriers, hints.

use super::Ctx;
use crate::ast::*;
use crate::error::ErrorCode;
use crate::operands::{Op, R};
use crate::sysreg;

pub(super) fn mrs(cx: &Ctx) -> R<Instr> {
    cx.count(&[2])?;
    let rt = cx.gpr(0, Width::W64)?;
    let n = cx.name(1)?;
    let sr = sysreg::sysreg_of_name(&n).ok_or_else(|| {
        cx.err(
            1,
            ErrorCode::UnknownSysOp,
            format!("unknown system register `{n}`"),
        )
    })?;
    Ok(Instr::Mrs { rt, sr })
}

pub(super) fn msr(cx: &Ctx) -> R<Instr> {
    cx.count(&[2])?;
    let n = cx.name(0)?;
    if let (Some(field), Some(Op::Imm(_))) = (sysreg::pstate_of_name(&n), cx.op(1)) {
        return Ok(Instr::MsrImm {
            field,
            imm: cx.uimm(1)?,
        });
    }
    let sr = sysreg::sysreg_of_name(&n).ok_or_else(|| {
        cx.err(
            0,
            ErrorCode::UnknownSysOp,
            format!("unknown system register `{n}`"),
        )
    })?;
    Ok(Instr::Msr {
        sr,
        rt: cx.gpr(1, Width::W64)?,
    })
}

pub(super) fn tlbi(cx: &Ctx) -> R<Instr> {
    let (op, rt) = cx.sys_op(sysreg::TLBI_OPS)?;
    Ok(Instr::Tlbi { op, rt })
}

pub(super) fn ic(cx: &Ctx) -> R<Instr> {
    let (op, rt) = cx.sys_op(sysreg::IC_OPS)?;
    Ok(Instr::Ic { op, rt })
}

/// dc, at: an operation and a register.
pub(super) fn dc_at(cx: &Ctx) -> R<Instr> {
    cx.count(&[2])?;
    let n = cx.name(0)?.to_ascii_lowercase();
    let list = if cx.mn == "dc" {
        sysreg::DC_OPS
    } else {
        sysreg::AT_OPS
    };
    if !list.contains(&n.as_str()) {
        return Err(cx.err(
            0,
            ErrorCode::UnknownSysOp,
            format!("unknown {} operation `{n}`", cx.mn),
        ));
    }
    let rt = cx.gpr(1, Width::W64)?;
    Ok(if cx.mn == "dc" {
        Instr::Dc { op: n, rt }
    } else {
        Instr::At { op: n, rt }
    })
}

fn barrier_opt(n: &str) -> Option<BarrierOpt> {
    use BarrierOpt::*;
    Some(match n {
        "sy" => Sy,
        "st" => St,
        "ld" => Ld,
        "ish" => Ish,
        "ishst" => Ishst,
        "ishld" => Ishld,
        "nsh" => Nsh,
        "nshst" => Nshst,
        "nshld" => Nshld,
        "osh" => Osh,
        "oshst" => Oshst,
        "oshld" => Oshld,
        _ => return None,
    })
}

/// dsb, dmb (with an option), isb (`sy` only, the default).
pub(super) fn barrier(cx: &Ctx) -> R<Instr> {
    cx.count(if cx.mn == "isb" { &[0, 1] } else { &[1] })?;
    let kind = match cx.mn {
        "dsb" => BarrierKind::Dsb,
        "dmb" => BarrierKind::Dmb,
        _ => BarrierKind::Isb,
    };
    if cx.ops.is_empty() {
        return Ok(Instr::Barrier {
            kind,
            opt: BarrierOpt::Sy,
        });
    }
    let n = cx.name(0)?.to_ascii_lowercase();
    let opt = barrier_opt(&n).ok_or_else(|| {
        cx.err(
            0,
            ErrorCode::UnknownSysOp,
            format!("unknown barrier option `{n}`"),
        )
    })?;
    if kind == BarrierKind::Isb && opt != BarrierOpt::Sy {
        return Err(cx.err(0, ErrorCode::UnknownSysOp, "isb only takes sy"));
    }
    Ok(Instr::Barrier { kind, opt })
}

/// nop, yield, wfe, wfi, sev, sevl.
pub(super) fn hint(cx: &Ctx) -> R<Instr> {
    cx.count(&[0])?;
    Ok(Instr::Hint(match cx.mn {
        "nop" => Hint::Nop,
        "yield" => Hint::Yield,
        "wfe" => Hint::Wfe,
        "wfi" => Hint::Wfi,
        "sev" => Hint::Sev,
        _ => Hint::Sevl,
    }))
}
