//! Instructions as Coq terms: the constructors of `coq-lib/AArch64/AsmSyntax.v`, one builder per
//! instruction class.

use crate::ast::*;
use crate::sysreg::name_of_sysreg;
use coq::Term;

fn c(name: &str) -> Term {
    Term::name(name)
}

fn z(v: impl Into<i128>) -> Term {
    Term::int(v.into())
}

fn b(v: bool) -> Term {
    Term::bool(v)
}

fn app(f: &str, args: Vec<Term>) -> Term {
    Term::app(f, args)
}

pub(crate) fn reg(r: Reg) -> Term {
    match r {
        Reg::X(n) => app("X", vec![z(n)]),
        Reg::Sp => c("SP"),
        Reg::Zr => c("ZR"),
    }
}

fn width(w: Width) -> Term {
    c(match w {
        Width::W32 => "W32",
        Width::W64 => "W64",
    })
}

fn shift(s: Shift) -> Term {
    c(match s {
        Shift::Lsl => "LSL",
        Shift::Lsr => "LSR",
        Shift::Asr => "ASR",
        Shift::Ror => "ROR",
    })
}

fn extend(e: Extend) -> Term {
    c(match e {
        Extend::Uxtb => "UXTB",
        Extend::Uxth => "UXTH",
        Extend::Uxtw => "UXTW",
        Extend::Uxtx => "UXTX",
        Extend::Sxtb => "SXTB",
        Extend::Sxth => "SXTH",
        Extend::Sxtw => "SXTW",
        Extend::Sxtx => "SXTX",
    })
}

fn imm(i: &Imm) -> Term {
    match i {
        Imm::Lit(v) => app("ILit", vec![z(*v)]),
        Imm::Lo12(s, 0) => app("ILo12", vec![Term::str(s.clone())]),
        Imm::Lo12(s, o) => app("ILo12Off", vec![Term::str(s.clone()), z(*o)]),
    }
}

fn operand(o: &Operand) -> Term {
    let lit = |v: u64| app("OImm", vec![app("ILit", vec![z(v)])]);
    match o {
        Operand::AddSub(i) => lit(i.value()),
        Operand::Logical(i) => lit(i.value()),
        Operand::Ccmp(i) => lit(i.get().into()),
        Operand::Lo12(s, off) => app("OImm", vec![imm(&Imm::Lo12(s.clone(), *off))]),
        Operand::Shifted(r, s, a) => app("OShift", vec![reg(*r), shift(*s), z(a.get())]),
        Operand::Extended(r, e, a) => app("OExt", vec![reg(*r), extend(*e), z(a.get())]),
    }
}

fn cond(cd: Cond) -> Term {
    use Cond::*;
    c(match cd {
        Eq => "EQ",
        Ne => "NE",
        Cs => "CS",
        Cc => "CC",
        Mi => "MI",
        Pl => "PL",
        Vs => "VS",
        Vc => "VC",
        Hi => "HI",
        Ls => "LS",
        Ge => "GE",
        Lt => "LT",
        Gt => "GT",
        Le => "LE",
        Al => "AL",
        Nv => "NV",
    })
}

fn addr(a: &Addr) -> Term {
    match a {
        Addr::Off(base, o) => app("AOff", vec![reg(*base), imm(o)]),
        Addr::Pre(base, o) => app("APre", vec![reg(*base), z(*o)]),
        Addr::Post(base, o) => app("APost", vec![reg(*base), z(*o)]),
        Addr::RegOff(base, i, e, s) => app("AReg", vec![reg(*base), reg(*i), extend(*e), z(*s)]),
    }
}

fn target(t: &Target) -> Term {
    match t {
        Target::Idx(i) => app("TIdx", vec![z(*i as i128)]),
        Target::Sym(s) => app("TSym", vec![Term::str(s.clone())]),
        Target::SymOff(s, o) => app("TSymOff", vec![Term::str(s.clone()), z(*o)]),
    }
}

fn sysreg(s: SysReg) -> Term {
    let t = app("SR", vec![z(s.op0), z(s.op1), z(s.crn), z(s.crm), z(s.op2)]);
    match name_of_sysreg(s) {
        Some(n) => Term::commented(n, t),
        None => t,
    }
}

fn alu_op(op: AluOp) -> Term {
    c(match op {
        AluOp::Add => "AADD",
        AluOp::Sub => "ASUB",
        AluOp::And => "AAND",
        AluOp::Orr => "AORR",
        AluOp::Eor => "AEOR",
        AluOp::Bic => "ABIC",
        AluOp::Orn => "AORN",
        AluOp::Eon => "AEON",
    })
}

fn bf_kind(k: BfKind) -> Term {
    c(match k {
        BfKind::Signed => "BFS",
        BfKind::Unsigned => "BFU",
        BfKind::Insert => "BFI",
    })
}

fn un_op(op: UnOp) -> Term {
    c(match op {
        UnOp::Clz => "CLZ",
        UnOp::Cls => "CLS",
        UnOp::Rbit => "RBIT",
        UnOp::Rev => "REV",
        UnOp::Rev16 => "REV16",
        UnOp::Rev32 => "REV32",
    })
}

fn csel_op(op: CselOp) -> Term {
    c(match op {
        CselOp::Csel => "CSEL",
        CselOp::Csinc => "CSINC",
        CselOp::Csinv => "CSINV",
        CselOp::Csneg => "CSNEG",
    })
}

fn atomic_op(op: AtomicOp) -> Term {
    c(match op {
        AtomicOp::Add => "AtADD",
        AtomicOp::Clr => "AtCLR",
        AtomicOp::Eor => "AtEOR",
        AtomicOp::Set => "AtSET",
        AtomicOp::Smax => "AtSMAX",
        AtomicOp::Smin => "AtSMIN",
        AtomicOp::Umax => "AtUMAX",
        AtomicOp::Umin => "AtUMIN",
        AtomicOp::Swp => "AtSWP",
    })
}

fn pstate(f: PStateField) -> Term {
    c(match f {
        PStateField::DaifSet => "DAIFSET",
        PStateField::DaifClr => "DAIFCLR",
        PStateField::SpSel => "SPSEL",
        PStateField::Pan => "PAN",
        PStateField::Uao => "UAO",
        PStateField::Dit => "DIT",
        PStateField::Ssbs => "SSBS",
    })
}

fn barrier_kind(k: BarrierKind) -> Term {
    c(match k {
        BarrierKind::Dsb => "DSB",
        BarrierKind::Dmb => "DMB",
        BarrierKind::Isb => "ISB",
    })
}

fn barrier_opt(o: BarrierOpt) -> Term {
    use BarrierOpt::*;
    c(match o {
        Sy => "SY",
        St => "ST",
        Ld => "LD",
        Ish => "ISH",
        Ishst => "ISHST",
        Ishld => "ISHLD",
        Nsh => "NSH",
        Nshst => "NSHST",
        Nshld => "NSHLD",
        Osh => "OSH",
        Oshst => "OSHST",
        Oshld => "OSHLD",
    })
}

fn hint(h: Hint) -> Term {
    c(match h {
        Hint::Nop => "NOP",
        Hint::Yield => "YIELD",
        Hint::Wfe => "WFE",
        Hint::Wfi => "WFI",
        Hint::Sev => "SEV",
        Hint::Sevl => "SEVL",
    })
}

fn exc_kind(k: ExcKind) -> Term {
    c(match k {
        ExcKind::Svc => "SVC",
        ExcKind::Hvc => "HVC",
        ExcKind::Smc => "SMC",
        ExcKind::Brk => "BRK",
    })
}

fn move_wide(w: Width, rd: Reg, imm: MoveWideImm) -> Vec<Term> {
    vec![width(w), reg(rd), z(imm.imm16()), z(imm.hw())]
}

/// The Coq term of one instruction.
pub fn instr_term(i: &Instr) -> Term {
    use Instr as I;
    match i {
        I::Alu { .. }
        | I::Movz { .. }
        | I::Movn { .. }
        | I::Movk { .. }
        | I::ShiftV { .. }
        | I::Bfm { .. }
        | I::Extr { .. }
        | I::Unary { .. }
        | I::Adc { .. }
        | I::Adr { .. }
        | I::Adrp { .. } => data_term(i),
        I::Madd { .. }
        | I::MaddL { .. }
        | I::Mulh { .. }
        | I::Div { .. }
        | I::Csel { .. }
        | I::Ccmp { .. } => mul_cond_term(i),
        I::Ldr { .. }
        | I::Str { .. }
        | I::Ldp { .. }
        | I::Stp { .. }
        | I::Prfm { .. }
        | I::LdrV { .. }
        | I::StrV { .. }
        | I::LdpV { .. }
        | I::StpV { .. }
        | I::Movi { .. } => mem_term(i),
        I::Ldx { .. }
        | I::Stx { .. }
        | I::Ldxp { .. }
        | I::Stxp { .. }
        | I::Atomic { .. }
        | I::Cas { .. }
        | I::Clrex => atomic_term(i),
        I::B(_)
        | I::BCond(..)
        | I::Bl(_)
        | I::Br(_)
        | I::Blr(_)
        | I::Ret(_)
        | I::Cbz { .. }
        | I::Tbz { .. }
        | I::Eret
        | I::Exc { .. } => branch_term(i),
        I::Mrs { .. }
        | I::Msr { .. }
        | I::MsrImm { .. }
        | I::Tlbi { .. }
        | I::Dc { .. }
        | I::Ic { .. }
        | I::At { .. }
        | I::Barrier { .. }
        | I::Hint(_) => system_term(i),
    }
}

const ROUTED: &str = "instr_term routes each instruction to its class";

/// Data processing: arithmetic, logical, moves, shifts, bit fields, pc-relative addresses.
fn data_term(i: &Instr) -> Term {
    use Instr as I;
    match i {
        I::Alu {
            w,
            op,
            s,
            rd,
            rn,
            rm,
        } => app(
            "Ialu",
            vec![
                width(*w),
                alu_op(*op),
                b(*s),
                reg(*rd),
                reg(*rn),
                operand(rm),
            ],
        ),
        I::Movz { w, rd, imm } => app("Imovz", move_wide(*w, *rd, *imm)),
        I::Movn { w, rd, imm } => app("Imovn", move_wide(*w, *rd, *imm)),
        I::Movk { w, rd, imm } => app("Imovk", move_wide(*w, *rd, *imm)),
        I::ShiftV { w, sh, rd, rn, rm } => app(
            "Ishiftv",
            vec![width(*w), shift(*sh), reg(*rd), reg(*rn), reg(*rm)],
        ),
        I::Bfm {
            w,
            kind,
            rd,
            rn,
            immr,
            imms,
        } => app(
            "Ibfm",
            vec![
                width(*w),
                bf_kind(*kind),
                reg(*rd),
                reg(*rn),
                z(immr.get()),
                z(imms.get()),
            ],
        ),
        I::Extr { w, rd, rn, rm, lsb } => app(
            "Iextr",
            vec![width(*w), reg(*rd), reg(*rn), reg(*rm), z(lsb.get())],
        ),
        I::Unary { w, op, rd, rn } => app("Iun", vec![width(*w), un_op(*op), reg(*rd), reg(*rn)]),
        I::Adc {
            w,
            sub,
            s,
            rd,
            rn,
            rm,
        } => app(
            "Iadc",
            vec![width(*w), b(*sub), b(*s), reg(*rd), reg(*rn), reg(*rm)],
        ),
        I::Adr { rd, target: t } => app("Iadr", vec![reg(*rd), target(t)]),
        I::Adrp { rd, target: t } => app("Iadrp", vec![reg(*rd), target(t)]),
        _ => unreachable!("{ROUTED}"),
    }
}

/// Multiply, divide, conditional select and compare.
fn mul_cond_term(i: &Instr) -> Term {
    use Instr as I;
    match i {
        I::Madd {
            w,
            sub,
            rd,
            rn,
            rm,
            ra,
        } => app(
            "Imadd",
            vec![width(*w), b(*sub), reg(*rd), reg(*rn), reg(*rm), reg(*ra)],
        ),
        I::MaddL {
            signed,
            sub,
            rd,
            rn,
            rm,
            ra,
        } => app(
            "Imaddl",
            vec![b(*signed), b(*sub), reg(*rd), reg(*rn), reg(*rm), reg(*ra)],
        ),
        I::Mulh { signed, rd, rn, rm } => {
            app("Imulh", vec![b(*signed), reg(*rd), reg(*rn), reg(*rm)])
        }
        I::Div {
            w,
            signed,
            rd,
            rn,
            rm,
        } => app(
            "Idiv",
            vec![width(*w), b(*signed), reg(*rd), reg(*rn), reg(*rm)],
        ),
        I::Csel {
            w,
            op,
            rd,
            rn,
            rm,
            cond: cd,
        } => app(
            "Icsel",
            vec![
                width(*w),
                csel_op(*op),
                reg(*rd),
                reg(*rn),
                reg(*rm),
                cond(*cd),
            ],
        ),
        I::Ccmp {
            w,
            neg,
            rn,
            rm,
            nzcv,
            cond: cd,
        } => app(
            "Iccmp",
            vec![
                width(*w),
                b(*neg),
                reg(*rn),
                operand(rm),
                z(nzcv.get()),
                cond(*cd),
            ],
        ),
        _ => unreachable!("{ROUTED}"),
    }
}

/// Loads, stores and pairs (general and FP/SIMD registers), prefetch, movi.
fn mem_term(i: &Instr) -> Term {
    use Instr as I;
    match i {
        I::Ldr {
            size,
            sext,
            rt,
            addr: a,
        } => app(
            "Ildr",
            vec![z(*size), Term::option(sext.map(width)), reg(*rt), addr(a)],
        ),
        I::Str { size, rt, addr: a } => app("Istr", vec![z(*size), reg(*rt), addr(a)]),
        I::Ldp {
            size,
            sext,
            rt1,
            rt2,
            addr: a,
        } => app(
            "Ildp",
            vec![z(*size), b(*sext), reg(*rt1), reg(*rt2), addr(a)],
        ),
        I::Stp {
            size,
            rt1,
            rt2,
            addr: a,
        } => app("Istp", vec![z(*size), reg(*rt1), reg(*rt2), addr(a)]),
        I::Prfm { op, addr: a } => app("Iprfm", vec![Term::str(op.clone()), addr(a)]),
        I::LdrV { size, vt, addr: a } => app("Ildrv", vec![z(*size), z(*vt), addr(a)]),
        I::StrV { size, vt, addr: a } => app("Istrv", vec![z(*size), z(*vt), addr(a)]),
        I::LdpV {
            size,
            vt1,
            vt2,
            addr: a,
        } => app("Ildpv", vec![z(*size), z(*vt1), z(*vt2), addr(a)]),
        I::StpV {
            size,
            vt1,
            vt2,
            addr: a,
        } => app("Istpv", vec![z(*size), z(*vt1), z(*vt2), addr(a)]),
        I::Movi { vt, value } => app("Imovi", vec![z(*vt), z(*value as i128)]),
        _ => unreachable!("{ROUTED}"),
    }
}

/// Exclusives, acquire/release, LSE atomics.
fn atomic_term(i: &Instr) -> Term {
    use Instr as I;
    match i {
        I::Ldx {
            size,
            acq,
            excl,
            rt,
            rn,
        } => app(
            "Ildx",
            vec![z(*size), b(*acq), b(*excl), reg(*rt), reg(*rn)],
        ),
        I::Stx {
            size,
            rel,
            status,
            rt,
            rn,
        } => app(
            "Istx",
            vec![
                z(*size),
                b(*rel),
                Term::option(status.map(reg)),
                reg(*rt),
                reg(*rn),
            ],
        ),
        I::Ldxp {
            size,
            acq,
            rt1,
            rt2,
            rn,
        } => app(
            "Ildxp",
            vec![z(*size), b(*acq), reg(*rt1), reg(*rt2), reg(*rn)],
        ),
        I::Stxp {
            size,
            rel,
            status,
            rt1,
            rt2,
            rn,
        } => app(
            "Istxp",
            vec![
                z(*size),
                b(*rel),
                reg(*status),
                reg(*rt1),
                reg(*rt2),
                reg(*rn),
            ],
        ),
        I::Atomic {
            op,
            size,
            acq,
            rel,
            rs,
            rt,
            rn,
        } => app(
            "Iatomic",
            vec![
                atomic_op(*op),
                z(*size),
                b(*acq),
                b(*rel),
                reg(*rs),
                reg(*rt),
                reg(*rn),
            ],
        ),
        I::Cas {
            size,
            acq,
            rel,
            rs,
            rt,
            rn,
        } => app(
            "Icas",
            vec![z(*size), b(*acq), b(*rel), reg(*rs), reg(*rt), reg(*rn)],
        ),
        I::Clrex => c("Iclrex"),
        _ => unreachable!("{ROUTED}"),
    }
}

/// Branches, returns, exception generation.
fn branch_term(i: &Instr) -> Term {
    use Instr as I;
    match i {
        I::B(t) => app("Ib", vec![target(t)]),
        I::BCond(cd, t) => app("Ibcond", vec![cond(*cd), target(t)]),
        I::Bl(t) => app("Ibl", vec![target(t)]),
        I::Br(r) => app("Ibr", vec![reg(*r)]),
        I::Blr(r) => app("Iblr", vec![reg(*r)]),
        I::Ret(r) => app("Iret", vec![reg(*r)]),
        I::Cbz {
            w,
            nz,
            rt,
            target: t,
        } => app("Icbz", vec![width(*w), b(*nz), reg(*rt), target(t)]),
        I::Tbz {
            nz,
            rt,
            bit,
            target: t,
        } => app("Itbz", vec![b(*nz), reg(*rt), z(bit.get()), target(t)]),
        I::Eret => c("Ieret"),
        I::Exc { kind, imm } => app("Iexc", vec![exc_kind(*kind), z(imm.get())]),
        _ => unreachable!("{ROUTED}"),
    }
}

/// System registers, PSTATE, maintenance operations, barriers, hints.
fn system_term(i: &Instr) -> Term {
    use Instr as I;
    let op_str = |s: &String| Term::str(s.clone());
    match i {
        I::Mrs { rt, sr } => app("Imrs", vec![reg(*rt), sysreg(*sr)]),
        I::Msr { sr, rt } => app("Imsr", vec![sysreg(*sr), reg(*rt)]),
        I::MsrImm { field, imm } => app("Imsri", vec![pstate(*field), z(imm.get())]),
        I::Tlbi { op, rt } => app("Itlbi", vec![op_str(op), Term::option(rt.map(reg))]),
        I::Dc { op, rt } => app("Idc", vec![op_str(op), reg(*rt)]),
        I::Ic { op, rt } => app("Iic", vec![op_str(op), Term::option(rt.map(reg))]),
        I::At { op, rt } => app("Iat", vec![op_str(op), reg(*rt)]),
        I::Barrier { kind, opt } => app("Ibarrier", vec![barrier_kind(*kind), barrier_opt(*opt)]),
        I::Hint(h) => app("Ihint", vec![hint(*h)]),
        _ => unreachable!("{ROUTED}"),
    }
}
