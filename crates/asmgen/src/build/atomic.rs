//! Exclusive, acquire/release and atomic accesses: ldxr/ldaxr/ldar/ldapr, stxr/stlxr/stlr,
//! ldxp/ldaxp/stxp/stlxp, clrex, and the LSE atomics ld<op>, st<op>, swp, cas.

use super::Ctx;
use crate::ast::*;
use crate::error::ErrorCode;
use crate::operands::R;

/// The access size of a `b`/`h`-suffixed mnemonic (needing a `w` register), else of the register.
fn size_suffix(cx: &Ctx, w: Width) -> R<u8> {
    if cx.mn.ends_with('b') || cx.mn.ends_with('h') {
        if w != Width::W32 {
            return Err(cx.width_err(0, Width::W32));
        }
        return Ok(if cx.mn.ends_with('b') { 1 } else { 2 });
    }
    Ok(if w == Width::W64 { 8 } else { 4 })
}

/// ldxr, ldaxr (exclusive), ldar, ldapr (acquire), each with b/h forms.
pub(super) fn load_acquire(cx: &Ctx) -> R<Instr> {
    cx.count(&[2])?;
    let (rt, w) = cx.gpr_any(0)?;
    let size = size_suffix(cx, w)?;
    let (acq, excl) = if cx.mn.starts_with("ldapr") {
        (true, false)
    } else {
        (cx.mn.starts_with("lda"), cx.mn.contains('x'))
    };
    Ok(Instr::Ldx {
        size,
        acq,
        excl,
        rt,
        rn: cx.mem_base_only(1)?,
    })
}

/// stxr, stlxr (exclusive, with a status register) and stlr (release), each with b/h forms.
pub(super) fn store_release(cx: &Ctx) -> R<Instr> {
    if cx.mn.starts_with("stlr") {
        cx.count(&[2])?;
        let (rt, w) = cx.gpr_any(0)?;
        let size = size_suffix(cx, w)?;
        return Ok(Instr::Stx {
            size,
            rel: true,
            status: None,
            rt,
            rn: cx.mem_base_only(1)?,
        });
    }
    cx.count(&[3])?;
    let status = cx.gpr(0, Width::W32)?;
    let (rt, w) = cx.gpr_any(1)?;
    let size = size_suffix(cx, w)?;
    Ok(Instr::Stx {
        size,
        rel: cx.mn.starts_with("stl"),
        status: Some(status),
        rt,
        rn: cx.mem_base_only(2)?,
    })
}

/// ldxp, ldaxp.
pub(super) fn load_pair(cx: &Ctx) -> R<Instr> {
    cx.count(&[3])?;
    let (rt1, w) = cx.gpr_any(0)?;
    let rt2 = cx.gpr(1, w)?;
    Ok(Instr::Ldxp {
        size: if w == Width::W64 { 8 } else { 4 },
        acq: cx.mn == "ldaxp",
        rt1,
        rt2,
        rn: cx.mem_base_only(2)?,
    })
}

/// stxp, stlxp.
pub(super) fn store_pair(cx: &Ctx) -> R<Instr> {
    cx.count(&[4])?;
    let status = cx.gpr(0, Width::W32)?;
    let (rt1, w) = cx.gpr_any(1)?;
    let rt2 = cx.gpr(2, w)?;
    Ok(Instr::Stxp {
        size: if w == Width::W64 { 8 } else { 4 },
        rel: cx.mn == "stlxp",
        status,
        rt1,
        rt2,
        rn: cx.mem_base_only(3)?,
    })
}

pub(super) fn clrex(cx: &Ctx) -> R<Instr> {
    cx.count(&[0, 1])?;
    Ok(Instr::Clrex)
}

/// LSE atomics: ld<op>{a,al,l}{b,h}, st<op>{l}{b,h}, swp{a,al,l}{b,h}, cas{a,al,l}{b,h}; `None`
/// when the mnemonic is none of them.
pub(super) fn lse(cx: &Ctx) -> R<Option<Instr>> {
    let Some((kind, op, acq, rel, sz)) = lse_mnemonic(cx.mn) else {
        return Ok(None);
    };
    let mem_i = if kind == "st" { 1 } else { 2 };
    cx.count(&[mem_i + 1])?;
    let (rs, w) = cx.gpr_any(0)?;
    let rt = if kind == "st" { Reg::Zr } else { cx.gpr(1, w)? };
    let size = match sz {
        0 if w == Width::W64 => 8,
        0 => 4,
        _ if w != Width::W32 => {
            return Err(cx.err(0, ErrorCode::BadOperand, "expected a 32-bit (w) register"))
        }
        _ => sz,
    };
    let rn = cx.mem_base_only(mem_i)?;
    Ok(Some(if kind == "cas" {
        Instr::Cas {
            size,
            acq,
            rel,
            rs,
            rt,
            rn,
        }
    } else {
        Instr::Atomic {
            op,
            size,
            acq,
            rel,
            rs,
            rt,
            rn,
        }
    }))
}

/// The parts of an LSE mnemonic: kind (`ld`, `st`, `swp`, `cas`), operation, acquire, release,
/// and access size from the suffix (0: the register's).
fn lse_mnemonic(mn: &str) -> Option<(&'static str, AtomicOp, bool, bool, u8)> {
    const OPS: &[(&str, AtomicOp)] = &[
        ("add", AtomicOp::Add),
        ("clr", AtomicOp::Clr),
        ("eor", AtomicOp::Eor),
        ("set", AtomicOp::Set),
        ("smax", AtomicOp::Smax),
        ("smin", AtomicOp::Smin),
        ("umax", AtomicOp::Umax),
        ("umin", AtomicOp::Umin),
    ];
    let (kind, rest) = [("swp", "swp"), ("cas", "cas"), ("ld", "ld"), ("st", "st")]
        .into_iter()
        .find_map(|(k, p)| mn.strip_prefix(p).map(|r| (k, r)))?;
    let (op, rest) = if kind == "ld" || kind == "st" {
        let (n, o) = OPS.iter().find(|(n, _)| rest.starts_with(n))?;
        (*o, &rest[n.len()..])
    } else {
        (AtomicOp::Swp, rest)
    };
    let (ord, sz) = match (rest.strip_suffix('b'), rest.strip_suffix('h')) {
        (Some(r), _) => (r, 1u8),
        (_, Some(r)) => (r, 2u8),
        _ => (rest, 0u8),
    };
    let (acq, rel) = match ord {
        "" => (false, false),
        "a" if kind != "st" => (true, false),
        "al" if kind != "st" => (true, true),
        "l" => (false, true),
        _ => return None,
    };
    Some((kind, op, acq, rel, sz))
}
