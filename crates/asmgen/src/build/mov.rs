//! Moves: mov (register, to/from SP, immediate as movz/movn/orr), movz/movn/movk, movi.

use super::arith::no_shift;
use super::{to_unsigned, wname, Ctx};
use crate::ast::*;
use crate::error::ErrorCode;
use crate::imms::{bits, mask};
use crate::operands::{Op, ShExt, R};

pub(super) fn mov(cx: &Ctx) -> R<Instr> {
    cx.count(&[2])?;
    let d = cx.reg(0)?;
    let w = d.w;
    match cx.op(1) {
        Some(Op::Reg(s)) => {
            if s.w != w {
                return Err(cx.width_err(1, w));
            }
            if d.reg != Reg::Sp && s.reg != Reg::Sp {
                return Ok(Instr::Alu {
                    w,
                    op: AluOp::Orr,
                    s: false,
                    rd: d.reg,
                    rn: Reg::Zr,
                    rm: Operand::Shifted(s.reg, Shift::Lsl, no_shift()),
                });
            }
            if d.reg == Reg::Zr || s.reg == Reg::Zr {
                return Err(cx.err(
                    1,
                    ErrorCode::BadOperand,
                    "cannot mix sp and the zero register",
                ));
            }
            let zero = AddSubImm::new(0, false).expect("0 fits 12 bits");
            Ok(Instr::Alu {
                w,
                op: AluOp::Add,
                s: false,
                rd: d.reg,
                rn: s.reg,
                rm: Operand::AddSub(zero),
            })
        }
        Some(Op::Imm(v)) => mov_imm(cx, d.reg, w, *v),
        _ => Err(cx.err(1, ErrorCode::BadOperand, "expected a register or immediate")),
    }
}

/// `mov rd, #v`: movz if `v` is one half-word, else movn if `~v` is, else orr with a logical
/// immediate (SP takes only the orr form, ZR not that one).
fn mov_imm(cx: &Ctx, rd: Reg, w: Width, v: i64) -> R<Instr> {
    let n = bits(w);
    let u = to_unsigned(v, n).ok_or_else(|| {
        cx.err(
            1,
            ErrorCode::BadImmediate,
            format!("immediate {v} out of range for {}", wname(w)),
        )
    })?;
    if rd != Reg::Sp {
        if let Some(imm) = MoveWideImm::of_value(u, w) {
            return Ok(Instr::Movz { w, rd, imm });
        }
        if let Some(imm) = MoveWideImm::of_value(!u & mask(n), w) {
            return Ok(Instr::Movn { w, rd, imm });
        }
    }
    match LogicalImm::new(u, w) {
        Some(imm) if rd != Reg::Zr => Ok(Instr::Alu {
            w,
            op: AluOp::Orr,
            s: false,
            rd,
            rn: Reg::Zr,
            rm: Operand::Logical(imm),
        }),
        _ => Err(cx.err(
            1,
            ErrorCode::BadImmediate,
            format!("immediate {v:#x} cannot be moved in one instruction"),
        )),
    }
}

/// movz, movn, movk with an optional `lsl #16*k`; without one, a value of one higher half-word
/// is shifted into place.
pub(super) fn move_wide(cx: &Ctx) -> R<Instr> {
    cx.count(&[2, 3])?;
    let w = cx.width(0)?;
    let rd = cx.gpr(0, w)?;
    let v = cx.imm(1)?;
    let fits = |v: i64| u16::try_from(v).ok();
    let imm = match cx.op(2) {
        None => match fits(v) {
            Some(imm16) => MoveWideImm::new(imm16, 0, w),
            None => u64::try_from(v)
                .ok()
                .and_then(|u| MoveWideImm::of_value(u, w)),
        },
        Some(Op::ShExt(ShExt::Sh(Shift::Lsl, a))) => {
            let shift = MoveWideImm::new(0, (*a).into(), w);
            if shift.is_none() {
                return Err(shift_err(cx));
            }
            fits(v).and_then(|imm16| MoveWideImm::new(imm16, (*a).into(), w))
        }
        _ => return Err(shift_err(cx)),
    };
    let imm = imm.ok_or_else(|| {
        cx.err(
            1,
            ErrorCode::BadImmediate,
            format!("immediate {v} does not fit 16 bits"),
        )
    })?;
    Ok(match cx.mn {
        "movz" => Instr::Movz { w, rd, imm },
        "movn" => Instr::Movn { w, rd, imm },
        _ => Instr::Movk { w, rd, imm },
    })
}

fn shift_err(cx: &Ctx) -> crate::error::AsmError {
    cx.err(2, ErrorCode::BadImmediate, "shift must be lsl #0/16/32/48")
}

/// movi: `vN.2d` and `dN` with a byte mask (each byte 0x00 or 0xff), `vN.16b`/`vN.8b` with a byte
/// replicated into every lane.
pub(super) fn movi(cx: &Ctx) -> R<Instr> {
    cx.count(&[2])?;
    let imm = cx.imm(1)?;
    let bytes_mask = |what: &str| -> R<u64> {
        let u = imm as u64;
        if (0..8).all(|k| matches!((u >> (8 * k)) & 0xff, 0 | 0xff)) {
            Ok(u)
        } else {
            Err(cx.err(
                1,
                ErrorCode::BadImmediate,
                format!("movi {what} needs a byte mask (each byte 0x00 or 0xff)"),
            ))
        }
    };
    let (vt, value): (u8, u128) = match cx.op(0) {
        Some(Op::VArr(vt, lanes, 8)) => {
            let u = u128::from(bytes_mask(".2d")?);
            (*vt, if *lanes == 2 { (u << 64) | u } else { u })
        }
        Some(Op::VReg(vt, 8)) => (*vt, u128::from(bytes_mask("d")?)),
        Some(Op::VArr(vt, lanes, 1)) => {
            let b = u128::from(u8::try_from(imm).map_err(|_| {
                cx.err(
                    1,
                    ErrorCode::BadImmediate,
                    "movi .16b/.8b takes an 8-bit immediate",
                )
            })?);
            (*vt, (0..*lanes).fold(0u128, |acc, k| acc | (b << (8 * k))))
        }
        _ => {
            return Err(cx.err(
                0,
                ErrorCode::BadOperand,
                "movi: supported forms are vN.2d, dN, vN.16b and vN.8b",
            ))
        }
    };
    Ok(Instr::Movi { vt, value })
}
