//! Loads and stores: ldr/str and their byte, half-word and sign-extending forms (scaled and
//! unscaled), pairs, FP/SIMD registers, prfm; the addressing modes.

use super::Ctx;
use crate::ast::*;
use crate::error::ErrorCode;
use crate::operands::{MemIdx, Op, ShExt, R};

/// ldr{,b,h,sb,sh,sw}, str{,b,h} and the unscaled ldur*/stur* forms.
pub(super) fn load_store(cx: &Ctx) -> R<Instr> {
    cx.count(&[2, 3])?;
    let unscaled = cx.mn.contains("ur");
    let base = cx.mn.replace("ur", "r");
    let load = base.starts_with("ld");
    if let Some(Op::VReg(vt, size)) = cx.op(0) {
        if base != "ldr" && base != "str" {
            return Err(cx.err(0, ErrorCode::BadOperand, "expected a general register"));
        }
        let (vt, size) = (*vt, *size);
        let addr = addr_mode(cx, 1, size, unscaled, false)?;
        return Ok(if load {
            Instr::LdrV { size, vt, addr }
        } else {
            Instr::StrV { size, vt, addr }
        });
    }
    let (rt, rw) = cx.gpr_any(0)?;
    let (size, sext) = access(cx, &base[3..], rw)?;
    let addr = addr_mode(cx, 1, size, unscaled, false)?;
    Ok(if load {
        Instr::Ldr {
            size,
            sext,
            rt,
            addr,
        }
    } else {
        Instr::Str { size, rt, addr }
    })
}

/// The access size and sign extension of a load/store suffix (`""`, `b`, `h`, `sb`, `sh`, `sw`)
/// for a register of width `rw`.
fn access(cx: &Ctx, suffix: &str, rw: Width) -> R<(u8, Option<Width>)> {
    Ok(match suffix {
        "" => (if rw == Width::W64 { 8 } else { 4 }, None),
        "b" | "h" => {
            if rw != Width::W32 {
                return Err(cx.width_err(0, Width::W32));
            }
            (if suffix == "b" { 1 } else { 2 }, None)
        }
        "sb" | "sh" => (if suffix == "sb" { 1 } else { 2 }, Some(rw)),
        _ => {
            if rw != Width::W64 {
                return Err(cx.width_err(0, Width::W64));
            }
            (4, Some(Width::W64))
        }
    })
}

/// ldp, stp, ldpsw, ldnp, stnp (general or s/d/q registers).
pub(super) fn pair(cx: &Ctx) -> R<Instr> {
    cx.count(&[3, 4])?;
    let load = cx.mn.starts_with("ld");
    if let (Some(Op::VReg(vt1, size)), Some(Op::VReg(vt2, size2))) = (cx.op(0), cx.op(1)) {
        if size != size2 || *size < 4 || cx.mn == "ldpsw" {
            return Err(cx.err(
                1,
                ErrorCode::BadOperand,
                "expected a matching s, d or q register",
            ));
        }
        let (vt1, vt2, size) = (*vt1, *vt2, *size);
        let addr = addr_mode(cx, 2, size, false, true)?;
        return Ok(if load {
            Instr::LdpV {
                size,
                vt1,
                vt2,
                addr,
            }
        } else {
            Instr::StpV {
                size,
                vt1,
                vt2,
                addr,
            }
        });
    }
    let (rt1, w) = cx.gpr_any(0)?;
    let rt2 = cx.gpr(1, w)?;
    let sext = cx.mn == "ldpsw";
    if sext && w != Width::W64 {
        return Err(cx.width_err(0, Width::W64));
    }
    let size = if sext || w == Width::W32 { 4 } else { 8 };
    let addr = addr_mode(cx, 2, size, false, true)?;
    Ok(if load {
        Instr::Ldp {
            size,
            sext,
            rt1,
            rt2,
            addr,
        }
    } else {
        Instr::Stp {
            size,
            rt1,
            rt2,
            addr,
        }
    })
}

/// prfm `p{ld,li,st}l{1,2,3}{keep,strm}`, address.
pub(super) fn prfm(cx: &Ctx) -> R<Instr> {
    cx.count(&[2])?;
    let n = cx.name(0)?.to_ascii_lowercase();
    let ok = n.len() == 9
        && ["pld", "pli", "pst"].contains(&&n[..3])
        && n.as_bytes()[3] == b'l'
        && (b'1'..=b'3').contains(&n.as_bytes()[4])
        && ["keep", "strm"].contains(&&n[5..]);
    if !ok {
        return Err(cx.err(
            0,
            ErrorCode::UnknownSysOp,
            format!("unknown prefetch operation `{n}`"),
        ));
    }
    Ok(Instr::Prfm {
        op: n,
        addr: addr_mode(cx, 1, 8, false, false)?,
    })
}

/// The checks of immediate offsets of one access (`size` bytes; pairs take a scaled 7-bit
/// offset, single accesses a scaled unsigned 12-bit or an unscaled signed 9-bit one).
struct Offsets<'a, 'b> {
    cx: &'a Ctx<'b>,
    size: i64,
    pair: bool,
}

impl Offsets<'_, '_> {
    /// A pre- or post-index offset (operand `k`).
    fn indexed(&self, v: i64, k: usize) -> R<i64> {
        if self.pair {
            self.paired(v, k)
        } else {
            self.signed9(v, k)
        }
    }
    fn paired(&self, v: i64, k: usize) -> R<i64> {
        let sz = self.size;
        if v % sz != 0 || v / sz < -64 || v / sz > 63 {
            return Err(self.cx.err(
                k,
                ErrorCode::BadImmediate,
                format!(
                    "offset {v} must be a multiple of {sz} in {}..={}",
                    -64 * sz,
                    63 * sz
                ),
            ));
        }
        Ok(v)
    }
    fn signed9(&self, v: i64, k: usize) -> R<i64> {
        if !(-256..=255).contains(&v) {
            return Err(self.cx.err(
                k,
                ErrorCode::BadImmediate,
                format!("offset {v} out of range -256..=255"),
            ));
        }
        Ok(v)
    }
}

/// Addressing mode at operand `i` (with an optional post-index immediate at `i+1`).
fn addr_mode(cx: &Ctx, i: usize, size: u8, unscaled: bool, pair: bool) -> R<Addr> {
    let (base, idx, pre) = match cx.op(i) {
        Some(Op::Mem { base, idx, pre }) => (*base, idx.clone(), *pre),
        Some(Op::Name(_)) | Some(Op::Local(..)) => {
            return Err(cx.err(
                i,
                ErrorCode::BadOperand,
                "pc-relative literal loads are not supported",
            ))
        }
        _ => return Err(cx.err(i, ErrorCode::BadOperand, "expected a memory operand")),
    };
    let off = Offsets {
        cx,
        size: i64::from(size),
        pair,
    };
    if let Some(post) = cx.ops.get(i + 1) {
        if pre || idx != MemIdx::None {
            return Err(cx.err(i + 1, ErrorCode::OperandCount, "unexpected operand"));
        }
        let Op::Imm(v) = post.op else {
            return Err(cx.err(
                i + 1,
                ErrorCode::BadImmediate,
                "expected a post-index immediate",
            ));
        };
        if unscaled {
            return Err(cx.err(
                i + 1,
                ErrorCode::BadOperand,
                "unscaled forms have no post-index",
            ));
        }
        return Ok(Addr::Post(base, off.indexed(v, i + 1)?));
    }
    match idx {
        MemIdx::None if pre => Ok(Addr::Pre(base, 0)),
        MemIdx::None => Ok(Addr::Off(base, Imm::Lit(0))),
        MemIdx::Imm(Imm::Lit(v)) if pre => {
            if unscaled {
                return Err(cx.err(i, ErrorCode::BadOperand, "unscaled forms have no pre-index"));
            }
            Ok(Addr::Pre(base, off.indexed(v, i)?))
        }
        MemIdx::Imm(Imm::Lit(v)) if pair => Ok(Addr::Off(base, Imm::Lit(off.paired(v, i)?))),
        MemIdx::Imm(Imm::Lit(v)) => {
            let sz = off.size;
            let scaled_ok = !unscaled && v >= 0 && v % sz == 0 && v / sz <= 4095;
            if !scaled_ok {
                off.signed9(v, i)?;
            }
            Ok(Addr::Off(base, Imm::Lit(v)))
        }
        MemIdx::Imm(Imm::Lo12(s, o)) => {
            if pre || pair || unscaled {
                return Err(cx.err(
                    i,
                    ErrorCode::BadOperand,
                    ":lo12: only in the unsigned-offset form",
                ));
            }
            Ok(Addr::Off(base, Imm::Lo12(s, o)))
        }
        MemIdx::Reg(r, se) => {
            if pre || pair || unscaled {
                return Err(cx.err(
                    i,
                    ErrorCode::BadOperand,
                    "register offset not allowed in this form",
                ));
            }
            register_offset(cx, i, base, r, se, size)
        }
    }
}

/// `[base, idx{, lsl|uxtw|sxtw|sxtx #amount}]`: the amount is 0 or log2 of the access size.
fn register_offset(
    cx: &Ctx,
    i: usize,
    base: Reg,
    r: crate::operands::RegW,
    se: Option<ShExt>,
    size: u8,
) -> R<Addr> {
    if r.reg == Reg::Sp {
        return Err(cx.err(i, ErrorCode::BadOperand, "sp is not an index register"));
    }
    let log = size.trailing_zeros() as u8;
    let (e, a) = match se {
        None => (Extend::Uxtx, 0),
        Some(ShExt::Sh(Shift::Lsl, a)) => (Extend::Uxtx, a),
        Some(ShExt::Ex(e @ (Extend::Uxtw | Extend::Sxtw | Extend::Sxtx), a)) => (e, a),
        _ => {
            return Err(cx.err(
                i,
                ErrorCode::BadOperand,
                "index must use lsl, uxtw, sxtw or sxtx",
            ))
        }
    };
    let want = if matches!(e, Extend::Uxtw | Extend::Sxtw) {
        Width::W32
    } else {
        Width::W64
    };
    if r.w != want {
        return Err(cx.err(
            i,
            ErrorCode::BadOperand,
            "index register width does not match the extend",
        ));
    }
    if a != 0 && a != log {
        return Err(cx.err(
            i,
            ErrorCode::BadImmediate,
            format!("index shift must be 0 or {log}"),
        ));
    }
    Ok(Addr::RegOff(base, r.reg, e, a))
}
