//! asm AST → Coq terms (the syntax of `coq-lib/AArch64/AsmSyntax.v`) and whole generated files.

use crate::ast::*;
use crate::coq::{render_file, Sentence, Term};
use crate::sysreg::name_of_sysreg;

fn reg(r: Reg) -> Term {
    match r {
        Reg::X(n) => Term::app("X", vec![Term::Z(n.into())]),
        Reg::Sp => Term::var("SP"),
        Reg::Zr => Term::var("ZR"),
    }
}
fn width(w: Width) -> Term {
    Term::var(match w {
        Width::W32 => "W32",
        Width::W64 => "W64",
    })
}
fn shift(s: Shift) -> Term {
    Term::var(match s {
        Shift::Lsl => "LSL",
        Shift::Lsr => "LSR",
        Shift::Asr => "ASR",
        Shift::Ror => "ROR",
    })
}
fn extend(e: Extend) -> Term {
    Term::var(match e {
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
        Imm::Lit(v) => Term::app("ILit", vec![Term::Z(*v)]),
        Imm::Lo12(s, 0) => Term::app("ILo12", vec![Term::Str(s.clone())]),
        Imm::Lo12(s, o) => Term::app("ILo12Off", vec![Term::Str(s.clone()), Term::Z((*o).into())]),
    }
}
fn operand(o: &Operand) -> Term {
    match o {
        Operand::Imm(i) => Term::app("OImm", vec![imm(i)]),
        Operand::Shifted(r, s, a) => {
            Term::app("OShift", vec![reg(*r), shift(*s), Term::Z((*a).into())])
        }
        Operand::Extended(r, e, a) => {
            Term::app("OExt", vec![reg(*r), extend(*e), Term::Z((*a).into())])
        }
    }
}
fn cond(c: Cond) -> Term {
    use Cond::*;
    Term::var(match c {
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
        Addr::Off(b, o) => Term::app("AOff", vec![reg(*b), imm(o)]),
        Addr::Pre(b, o) => Term::app("APre", vec![reg(*b), Term::Z((*o).into())]),
        Addr::Post(b, o) => Term::app("APost", vec![reg(*b), Term::Z((*o).into())]),
        Addr::RegOff(b, i, e, s) => Term::app(
            "AReg",
            vec![reg(*b), reg(*i), extend(*e), Term::Z((*s).into())],
        ),
    }
}
fn target(t: &Target) -> Term {
    match t {
        Target::Idx(i) => Term::app("TIdx", vec![Term::Z(*i as i128)]),
        Target::Sym(s) => Term::app("TSym", vec![Term::Str(s.clone())]),
        Target::SymOff(s, o) => {
            Term::app("TSymOff", vec![Term::Str(s.clone()), Term::Z((*o).into())])
        }
    }
}
fn z(v: impl Into<i128>) -> Term {
    Term::Z(v.into())
}
fn sz(s: u8) -> Term {
    z(s)
}
fn sysreg(s: SysReg) -> Term {
    let t = Term::app("SR", vec![z(s.op0), z(s.op1), z(s.crn), z(s.crm), z(s.op2)]);
    match name_of_sysreg(s) {
        Some(n) => Term::Commented(n.to_string(), Box::new(t)),
        None => t,
    }
}

/// The Coq term of one instruction.
pub fn instr_term(i: &Instr) -> Term {
    use Instr as I;
    let b = Term::bool;
    match i {
        I::Alu {
            w,
            op,
            s,
            rd,
            rn,
            rm,
        } => {
            let o = match op {
                AluOp::Add => "AADD",
                AluOp::Sub => "ASUB",
                AluOp::And => "AAND",
                AluOp::Orr => "AORR",
                AluOp::Eor => "AEOR",
                AluOp::Bic => "ABIC",
                AluOp::Orn => "AORN",
                AluOp::Eon => "AEON",
            };
            Term::app(
                "Ialu",
                vec![
                    width(*w),
                    Term::var(o),
                    b(*s),
                    reg(*rd),
                    reg(*rn),
                    operand(rm),
                ],
            )
        }
        I::Movz { w, rd, imm, hw } => {
            Term::app("Imovz", vec![width(*w), reg(*rd), z(*imm), z(*hw)])
        }
        I::Movn { w, rd, imm, hw } => {
            Term::app("Imovn", vec![width(*w), reg(*rd), z(*imm), z(*hw)])
        }
        I::Movk { w, rd, imm, hw } => {
            Term::app("Imovk", vec![width(*w), reg(*rd), z(*imm), z(*hw)])
        }
        I::ShiftV { w, sh, rd, rn, rm } => Term::app(
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
        } => {
            let k = match kind {
                BfKind::Signed => "BFS",
                BfKind::Unsigned => "BFU",
                BfKind::Insert => "BFI",
            };
            Term::app(
                "Ibfm",
                vec![
                    width(*w),
                    Term::var(k),
                    reg(*rd),
                    reg(*rn),
                    z(*immr),
                    z(*imms),
                ],
            )
        }
        I::Extr { w, rd, rn, rm, lsb } => Term::app(
            "Iextr",
            vec![width(*w), reg(*rd), reg(*rn), reg(*rm), z(*lsb)],
        ),
        I::Unary { w, op, rd, rn } => {
            let o = match op {
                UnOp::Clz => "CLZ",
                UnOp::Cls => "CLS",
                UnOp::Rbit => "RBIT",
                UnOp::Rev => "REV",
                UnOp::Rev16 => "REV16",
                UnOp::Rev32 => "REV32",
            };
            Term::app("Iun", vec![width(*w), Term::var(o), reg(*rd), reg(*rn)])
        }
        I::Madd {
            w,
            sub,
            rd,
            rn,
            rm,
            ra,
        } => Term::app(
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
        } => Term::app(
            "Imaddl",
            vec![b(*signed), b(*sub), reg(*rd), reg(*rn), reg(*rm), reg(*ra)],
        ),
        I::Mulh { signed, rd, rn, rm } => {
            Term::app("Imulh", vec![b(*signed), reg(*rd), reg(*rn), reg(*rm)])
        }
        I::Div {
            w,
            signed,
            rd,
            rn,
            rm,
        } => Term::app(
            "Idiv",
            vec![width(*w), b(*signed), reg(*rd), reg(*rn), reg(*rm)],
        ),
        I::Csel {
            w,
            op,
            rd,
            rn,
            rm,
            cond: c,
        } => {
            let o = match op {
                CselOp::Csel => "CSEL",
                CselOp::Csinc => "CSINC",
                CselOp::Csinv => "CSINV",
                CselOp::Csneg => "CSNEG",
            };
            Term::app(
                "Icsel",
                vec![
                    width(*w),
                    Term::var(o),
                    reg(*rd),
                    reg(*rn),
                    reg(*rm),
                    cond(*c),
                ],
            )
        }
        I::Ccmp {
            w,
            neg,
            rn,
            rm,
            nzcv,
            cond: c,
        } => Term::app(
            "Iccmp",
            vec![
                width(*w),
                b(*neg),
                reg(*rn),
                operand(rm),
                z(*nzcv),
                cond(*c),
            ],
        ),
        I::Adr { rd, target: t } => Term::app("Iadr", vec![reg(*rd), target(t)]),
        I::Adrp { rd, target: t } => Term::app("Iadrp", vec![reg(*rd), target(t)]),
        I::Ldr {
            size,
            sext,
            rt,
            addr: a,
        } => Term::app(
            "Ildr",
            vec![sz(*size), Term::option(sext.map(width)), reg(*rt), addr(a)],
        ),
        I::Str { size, rt, addr: a } => Term::app("Istr", vec![sz(*size), reg(*rt), addr(a)]),
        I::Ldp {
            size,
            sext,
            rt1,
            rt2,
            addr: a,
        } => Term::app(
            "Ildp",
            vec![sz(*size), b(*sext), reg(*rt1), reg(*rt2), addr(a)],
        ),
        I::Stp {
            size,
            rt1,
            rt2,
            addr: a,
        } => Term::app("Istp", vec![sz(*size), reg(*rt1), reg(*rt2), addr(a)]),
        I::Ldx {
            size,
            acq,
            excl,
            rt,
            rn,
        } => Term::app(
            "Ildx",
            vec![sz(*size), b(*acq), b(*excl), reg(*rt), reg(*rn)],
        ),
        I::Stx {
            size,
            rel,
            status,
            rt,
            rn,
        } => Term::app(
            "Istx",
            vec![
                sz(*size),
                b(*rel),
                Term::option(status.map(reg)),
                reg(*rt),
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
        } => {
            let o = match op {
                AtomicOp::Add => "AtADD",
                AtomicOp::Clr => "AtCLR",
                AtomicOp::Eor => "AtEOR",
                AtomicOp::Set => "AtSET",
                AtomicOp::Smax => "AtSMAX",
                AtomicOp::Smin => "AtSMIN",
                AtomicOp::Umax => "AtUMAX",
                AtomicOp::Umin => "AtUMIN",
                AtomicOp::Swp => "AtSWP",
            };
            Term::app(
                "Iatomic",
                vec![
                    Term::var(o),
                    sz(*size),
                    b(*acq),
                    b(*rel),
                    reg(*rs),
                    reg(*rt),
                    reg(*rn),
                ],
            )
        }
        I::Cas {
            size,
            acq,
            rel,
            rs,
            rt,
            rn,
        } => Term::app(
            "Icas",
            vec![sz(*size), b(*acq), b(*rel), reg(*rs), reg(*rt), reg(*rn)],
        ),
        I::B(t) => Term::app("Ib", vec![target(t)]),
        I::BCond(c, t) => Term::app("Ibcond", vec![cond(*c), target(t)]),
        I::Bl(t) => Term::app("Ibl", vec![target(t)]),
        I::Br(r) => Term::app("Ibr", vec![reg(*r)]),
        I::Blr(r) => Term::app("Iblr", vec![reg(*r)]),
        I::Ret(r) => Term::app("Iret", vec![reg(*r)]),
        I::Cbz {
            w,
            nz,
            rt,
            target: t,
        } => Term::app("Icbz", vec![width(*w), b(*nz), reg(*rt), target(t)]),
        I::Tbz {
            nz,
            rt,
            bit,
            target: t,
        } => Term::app("Itbz", vec![b(*nz), reg(*rt), z(*bit), target(t)]),
        I::Eret => Term::var("Ieret"),
        I::Mrs { rt, sr } => Term::app("Imrs", vec![reg(*rt), sysreg(*sr)]),
        I::Msr { sr, rt } => Term::app("Imsr", vec![sysreg(*sr), reg(*rt)]),
        I::MsrImm { field, imm } => {
            let f = match field {
                PStateField::DaifSet => "DAIFSET",
                PStateField::DaifClr => "DAIFCLR",
                PStateField::SpSel => "SPSEL",
                PStateField::Pan => "PAN",
                PStateField::Uao => "UAO",
                PStateField::Dit => "DIT",
                PStateField::Ssbs => "SSBS",
            };
            Term::app("Imsri", vec![Term::var(f), z(*imm)])
        }
        I::Tlbi { op, rt } => Term::app(
            "Itlbi",
            vec![Term::Str(op.clone()), Term::option(rt.map(reg))],
        ),
        I::Dc { op, rt } => Term::app("Idc", vec![Term::Str(op.clone()), reg(*rt)]),
        I::Ic { op, rt } => Term::app(
            "Iic",
            vec![Term::Str(op.clone()), Term::option(rt.map(reg))],
        ),
        I::At { op, rt } => Term::app("Iat", vec![Term::Str(op.clone()), reg(*rt)]),
        I::Barrier { kind, opt } => {
            let k = match kind {
                BarrierKind::Dsb => "DSB",
                BarrierKind::Dmb => "DMB",
                BarrierKind::Isb => "ISB",
            };
            let o = format!("{opt:?}").to_ascii_uppercase();
            Term::app("Ibarrier", vec![Term::var(k), Term::var(o)])
        }
        I::Hint(h) => Term::app(
            "Ihint",
            vec![Term::var(format!("{h:?}").to_ascii_uppercase())],
        ),
        I::Clrex => Term::var("Iclrex"),
        I::Adc {
            w,
            sub,
            s,
            rd,
            rn,
            rm,
        } => Term::app(
            "Iadc",
            vec![width(*w), b(*sub), b(*s), reg(*rd), reg(*rn), reg(*rm)],
        ),
        I::Ldxp {
            size,
            acq,
            rt1,
            rt2,
            rn,
        } => Term::app(
            "Ildxp",
            vec![sz(*size), b(*acq), reg(*rt1), reg(*rt2), reg(*rn)],
        ),
        I::Stxp {
            size,
            rel,
            status,
            rt1,
            rt2,
            rn,
        } => Term::app(
            "Istxp",
            vec![
                sz(*size),
                b(*rel),
                reg(*status),
                reg(*rt1),
                reg(*rt2),
                reg(*rn),
            ],
        ),
        I::Prfm { op, addr: a } => Term::app("Iprfm", vec![Term::Str(op.clone()), addr(a)]),
        I::LdrV { size, vt, addr: a } => Term::app("Ildrv", vec![sz(*size), z(*vt), addr(a)]),
        I::StrV { size, vt, addr: a } => Term::app("Istrv", vec![sz(*size), z(*vt), addr(a)]),
        I::LdpV {
            size,
            vt1,
            vt2,
            addr: a,
        } => Term::app("Ildpv", vec![sz(*size), z(*vt1), z(*vt2), addr(a)]),
        I::Movi { vt, value } => Term::app("Imovi", vec![z(*vt), Term::Z(*value as i128)]),
        I::StpV {
            size,
            vt1,
            vt2,
            addr: a,
        } => Term::app("Istpv", vec![sz(*size), z(*vt1), z(*vt2), addr(a)]),
        I::Exc { kind, imm } => Term::app(
            "Iexc",
            vec![Term::var(format!("{kind:?}").to_ascii_uppercase()), z(*imm)],
        ),
    }
}

/// Injective mangling of a symbol into a Coq identifier: `[A-Za-z0-9]` kept, `_` doubled,
/// anything else as `_xHH_`.
pub fn mangle(name: &str) -> String {
    let mut s = String::from("asm_");
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c);
        } else if c == '_' {
            s.push_str("__");
        } else {
            s.push_str(&format!("_x{:x}_", c as u32));
        }
    }
    s
}

/// The code of a procedure as a Coq list, one commented instruction per line.
pub fn code_term(p: &Procedure) -> Term {
    Term::List(
        p.body
            .iter()
            .enumerate()
            .map(|(k, l)| {
                let labels: Vec<&str> = p
                    .labels
                    .iter()
                    .filter(|(_, i)| *i == k)
                    .map(|(n, _)| n.as_str())
                    .collect();
                let lab = if labels.is_empty() {
                    String::new()
                } else {
                    format!("{}: ", labels.join(": "))
                };
                Term::Commented(
                    format!("{k}: {lab}{}", l.text),
                    Box::new(instr_term(&l.instr)),
                )
            })
            .collect(),
    )
}

/// Sentences for one procedure: its code, and for straight-line procedures ending in `ret` a low
/// spec and the theorem that the procedure refines it.
pub fn procedure_sentences(p: &Procedure) -> Vec<Sentence> {
    let name = mangle(&p.name);
    let mut out = vec![
        Sentence::Comment(format!(
            "asm procedure `{}` ({} instructions)",
            p.name,
            p.body.len()
        )),
        Sentence::Definition {
            name: format!("{name}_code"),
            params: vec![],
            ty: Some(Term::app("list", vec![Term::var("instr")])),
            body: code_term(p),
        },
    ];
    let ends_ret = matches!(
        p.body.last().map(|l| &l.instr),
        Some(Instr::Ret(Reg::X(30)))
    );
    let falloff = !p.body.is_empty() && p.body.iter().all(|l| !l.instr.is_control());
    if (ends_ret && p.is_straight_line()) || falloff {
        let body = if ends_ret {
            &p.body[..p.body.len() - 1]
        } else {
            &p.body[..]
        };
        out.extend(low_spec(&name, body, ends_ret));
    }
    out
}

/// The low spec of a straight-line body (an `opt_bind` chain of `step_data`) and the theorem that
/// the procedure refines it, proved by the generic lemmas of `AArch64/AsmSemantics.v`.
fn low_spec(name: &str, body: &[Located], ends_ret: bool) -> Vec<Sentence> {
    let n = body.len();
    let last = if n == 0 {
        "s".to_string()
    } else {
        format!("s{n}")
    };
    let mut t = Term::app("Some", vec![Term::var(last)]);
    for (k, l) in body.iter().enumerate().rev() {
        let prev = if k == 0 {
            "s".to_string()
        } else {
            format!("s{k}")
        };
        t = Term::app(
            "opt_bind",
            vec![
                Term::Commented(
                    l.text.clone(),
                    Box::new(Term::app(
                        "step_data",
                        vec![Term::var("e"), instr_term(&l.instr), Term::var(prev)],
                    )),
                ),
                Term::Fun(format!("s{}", k + 1), Box::new(t)),
            ],
        );
    }
    let code = Term::var(format!("{name}_code"));
    let run_eq = Term::infix(
        "=",
        Term::app(
            "run",
            vec![
                if ends_ret {
                    Term::app("length", vec![code.clone()])
                } else {
                    Term::app("S", vec![Term::app("length", vec![code.clone()])])
                },
                Term::var("e"),
                code.clone(),
                Term::var("s"),
            ],
        ),
        Term::app("Some", vec![Term::var("s'")]),
    );
    let concl = if ends_ret {
        Term::infix(
            "->",
            Term::infix(
                "=",
                Term::app(
                    "code_index",
                    vec![
                        Term::var("e"),
                        Term::app("Z.of_nat", vec![Term::app("length", vec![code.clone()])]),
                        Term::app(
                            "rd64",
                            vec![Term::app("X", vec![Term::Z(30)]), Term::var("s'")],
                        ),
                    ],
                ),
                Term::var("None"),
            ),
            run_eq,
        )
    } else {
        run_eq
    };
    let stmt = Term::Forall(
        vec![
            ("e".into(), Term::var("env")),
            ("s".into(), Term::var("state")),
            ("s'".into(), Term::var("state")),
        ],
        Box::new(Term::infix(
            "->",
            Term::infix("=", Term::app("st_pc", vec![Term::var("s")]), Term::Z(0)),
            Term::infix(
                "->",
                Term::infix(
                    "=",
                    Term::app(format!("{name}_low"), vec![Term::var("e"), Term::var("s")]),
                    Term::app("Some", vec![Term::var("s'")]),
                ),
                concl,
            ),
        )),
    );
    let proof = if ends_ret {
        vec![
            "intros e s s' Hpc Hlow Hret.".to_string(),
            format!("apply (straight_refines e (removelast {name}_code) [] {name}_code s s');"),
            "  [reflexivity | reflexivity | exact Hpc | exact Hlow | exact Hret].".to_string(),
        ]
    } else {
        vec![
            "intros e s s' Hpc Hlow.".to_string(),
            format!("apply (straight_refines_falloff e {name}_code [] {name}_code s s');"),
            "  [reflexivity | reflexivity | exact Hpc | exact Hlow].".to_string(),
        ]
    };
    vec![
        Sentence::Definition {
            name: format!("{name}_low"),
            params: vec![
                ("e".into(), Term::var("env")),
                ("s".into(), Term::var("state")),
            ],
            ty: Some(Term::app("option", vec![Term::var("state")])),
            body: t,
        },
        Sentence::Theorem {
            name: format!("{name}_refines"),
            stmt,
            proof,
        },
    ]
}

/// The header every generated file starts with.
pub fn header(source: &str) -> Vec<Sentence> {
    vec![
        Sentence::Comment(format!("Generated by asmgen from {source}. Do not edit.")),
        Sentence::Vernac("From Coq Require Import ZArith String List.".into()),
        Sentence::Vernac("From AutoV.AArch64 Require Import AsmSyntax AsmSemantics.".into()),
        Sentence::Vernac("Import ListNotations.".into()),
        Sentence::Vernac("Open Scope Z_scope.".into()),
    ]
}

/// A complete Coq file for a parsed program.
pub fn program_file(prog: &Program, source: &str) -> String {
    let mut s = header(source);
    s.push(Sentence::Vernac("Section AsmProcs.".into()));
    s.push(Sentence::Vernac("Context {M : MemOps}.".into()));
    for p in &prog.procedures {
        s.extend(procedure_sentences(p));
    }
    s.push(Sentence::Vernac("End AsmProcs.".into()));
    render_file(&s, 100)
}

/// Sentences for an instantiated inline-asm procedure: the operand bindings as a comment, then the
/// procedure as for assembly files.
pub fn inline_sentences(p: &crate::inline::InlineAsmProc) -> Vec<Sentence> {
    use crate::inline::Binding;
    let b: Vec<String> = p
        .bindings
        .iter()
        .map(|b| match b {
            Binding::OutReg {
                operand,
                result,
                reg,
            } => format!("${operand}: result {result} <- x{reg}"),
            Binding::InReg { operand, arg, reg } => format!("${operand}: x{reg} <- arg {arg}"),
            Binding::InImm {
                operand,
                arg,
                value,
            } => format!("${operand}: immediate {value} (arg {arg})"),
            Binding::Mem { operand, arg, reg } => {
                format!("${operand}: [x{reg}] with x{reg} <- arg {arg}")
            }
        })
        .collect();
    let mut out = vec![Sentence::Comment(format!(
        "inline asm {}{}; operands: {}; clobbers: {}",
        p.name,
        if p.side_effect { " (sideeffect)" } else { "" },
        if b.is_empty() {
            "none".to_string()
        } else {
            b.join(", ")
        },
        if p.clobbers.is_empty() {
            "none".to_string()
        } else {
            p.clobbers.join(", ")
        }
    ))];
    out.extend(procedure_sentences(&p.procedure));
    // Calling convention for `call_asm`: input registers in argument order (memory operands pass
    // their pointer in a register too; immediates need none), output registers in result order.
    let mut ins: Vec<(usize, u8)> = p
        .bindings
        .iter()
        .filter_map(|b| match b {
            Binding::InReg { arg, reg, .. } | Binding::Mem { arg, reg, .. } => Some((*arg, *reg)),
            _ => None,
        })
        .collect();
    ins.sort();
    let mut outs: Vec<(usize, u8)> = p
        .bindings
        .iter()
        .filter_map(|b| match b {
            Binding::OutReg { result, reg, .. } => Some((*result, *reg)),
            _ => None,
        })
        .collect();
    outs.sort();
    let name = mangle(&p.name);
    let list =
        |v: Vec<(usize, u8)>| Term::List(v.into_iter().map(|(_, r)| Term::Z(r.into())).collect());
    out.push(Sentence::Comment(format!(
        "registers receiving call arguments {}, and holding results",
        ins.iter()
            .map(|(a, _)| format!("#{a}"))
            .collect::<Vec<_>>()
            .join(", ")
    )));
    out.push(Sentence::Definition {
        name: format!("{name}_in_regs"),
        params: vec![],
        ty: Some(Term::app("list", vec![Term::var("Z")])),
        body: list(ins),
    });
    out.push(Sentence::Definition {
        name: format!("{name}_out_regs"),
        params: vec![],
        ty: Some(Term::app("list", vec![Term::var("Z")])),
        body: list(outs),
    });
    out
}
