//! Typed aarch64 instruction AST. Aliases (cmp, mov, lsl #imm, ubfx, cset, ...) are resolved by the
//! parser into these core forms, which mirror the Coq syntax in `coq-lib/AArch64/AsmSyntax.v` one to one.
//! Immediate fields have the types of [`crate::imms`], so only encodable values can be held.

pub use crate::imms::{AddSubImm, BitPos, ExtendAmt, LogicalImm, MoveWideImm, ShiftAmt, UImm};

/// Operation width: W (32-bit view) or X (64-bit).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Width {
    W32,
    W64,
}

/// A general register: X0..X30, the stack pointer, or the zero register (encoding 31 in either role).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reg {
    X(u8),
    Sp,
    Zr,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Shift {
    Lsl,
    Lsr,
    Asr,
    Ror,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Extend {
    Uxtb,
    Uxth,
    Uxtw,
    Uxtx,
    Sxtb,
    Sxth,
    Sxtw,
    Sxtx,
}

/// A memory offset that may be symbolic (`:lo12:sym`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Imm {
    Lit(i64),
    /// `:lo12:sym+off`
    Lo12(String, i64),
}

/// Second source operand of data-processing instructions.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Operand {
    /// add/sub immediate (`#1, lsl #12` is 4096).
    AddSub(AddSubImm),
    /// `:lo12:sym+off` (add).
    Lo12(String, i64),
    /// Logical immediate (and/orr/eor/ands).
    Logical(LogicalImm),
    /// The 5-bit immediate of ccmp/ccmn.
    Ccmp(UImm<5>),
    Shifted(Reg, Shift, ShiftAmt),
    Extended(Reg, Extend, ExtendAmt),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AluOp {
    Add,
    Sub,
    And,
    Orr,
    Eor,
    Bic,
    Orn,
    Eon,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cond {
    Eq,
    Ne,
    Cs,
    Cc,
    Mi,
    Pl,
    Vs,
    Vc,
    Hi,
    Ls,
    Ge,
    Lt,
    Gt,
    Le,
    Al,
    Nv,
}

impl Cond {
    pub fn invert(self) -> Cond {
        use Cond::*;
        match self {
            Eq => Ne,
            Ne => Eq,
            Cs => Cc,
            Cc => Cs,
            Mi => Pl,
            Pl => Mi,
            Vs => Vc,
            Vc => Vs,
            Hi => Ls,
            Ls => Hi,
            Ge => Lt,
            Lt => Ge,
            Gt => Le,
            Le => Gt,
            Al => Nv,
            Nv => Al,
        }
    }
}

/// Load/store addressing modes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Addr {
    /// `[base, #off]` (also `[base]` and `[base, :lo12:sym]`).
    Off(Reg, Imm),
    /// `[base, #off]!`
    Pre(Reg, i64),
    /// `[base], #off`
    Post(Reg, i64),
    /// `[base, idx{, ext #amt}]`; plain `lsl` is `Uxtx`.
    RegOff(Reg, Reg, Extend, u8),
}

/// Branch targets: an instruction index inside the procedure, or an external symbol.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    Idx(usize),
    Sym(String),
    /// `sym+off` / `sym-off` (adrp and adr operands in compiler output).
    SymOff(String, i64),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BfKind {
    Signed,
    Unsigned,
    Insert,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnOp {
    Clz,
    Cls,
    Rbit,
    Rev,
    Rev16,
    Rev32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CselOp {
    Csel,
    Csinc,
    Csinv,
    Csneg,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BarrierKind {
    Dsb,
    Dmb,
    Isb,
}

/// Barrier domain/type option, e.g. `ish`, `ishst`, `sy`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BarrierOpt {
    Sy,
    St,
    Ld,
    Ish,
    Ishst,
    Ishld,
    Nsh,
    Nshst,
    Nshld,
    Osh,
    Oshst,
    Oshld,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AtomicOp {
    Add,
    Clr,
    Eor,
    Set,
    Smax,
    Smin,
    Umax,
    Umin,
    Swp,
}

/// A system register by its encoding `S<op0>_<op1>_C<n>_C<m>_<op2>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SysReg {
    pub op0: u8,
    pub op1: u8,
    pub crn: u8,
    pub crm: u8,
    pub op2: u8,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PStateField {
    DaifSet,
    DaifClr,
    SpSel,
    Pan,
    Uao,
    Dit,
    Ssbs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Hint {
    Nop,
    Yield,
    Wfe,
    Wfi,
    Sev,
    Sevl,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExcKind {
    Svc,
    Hvc,
    Smc,
    Brk,
}

/// Maintenance operations (TLBI, DC, IC, AT) are kept by their lower-case name, validated by the parser.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Instr {
    /// add/sub/and/orr/eor/bic/orn/eon, `s` = sets flags (adds, subs, ands, bics; cmp/cmn/tst/neg/mvn/mov).
    Alu {
        w: Width,
        op: AluOp,
        s: bool,
        rd: Reg,
        rn: Reg,
        rm: Operand,
    },
    /// movz/movn/movk: `imm16 << (16*hw)`.
    Movz {
        w: Width,
        rd: Reg,
        imm: MoveWideImm,
    },
    Movn {
        w: Width,
        rd: Reg,
        imm: MoveWideImm,
    },
    Movk {
        w: Width,
        rd: Reg,
        imm: MoveWideImm,
    },
    /// lslv/lsrv/asrv/rorv.
    ShiftV {
        w: Width,
        sh: Shift,
        rd: Reg,
        rn: Reg,
        rm: Reg,
    },
    /// sbfm/ubfm/bfm (and every alias: lsl/lsr/asr #imm, ubfx, sbfx, ubfiz, sbfiz, bfi, bfxil, sxt*, uxt*).
    Bfm {
        w: Width,
        kind: BfKind,
        rd: Reg,
        rn: Reg,
        immr: BitPos,
        imms: BitPos,
    },
    /// extr (and ror #imm).
    Extr {
        w: Width,
        rd: Reg,
        rn: Reg,
        rm: Reg,
        lsb: BitPos,
    },
    Unary {
        w: Width,
        op: UnOp,
        rd: Reg,
        rn: Reg,
    },
    /// madd/msub (mul, mneg).
    Madd {
        w: Width,
        sub: bool,
        rd: Reg,
        rn: Reg,
        rm: Reg,
        ra: Reg,
    },
    /// smaddl/umaddl/smsubl/umsubl (smull, umull): 64 += 32x32.
    MaddL {
        signed: bool,
        sub: bool,
        rd: Reg,
        rn: Reg,
        rm: Reg,
        ra: Reg,
    },
    Mulh {
        signed: bool,
        rd: Reg,
        rn: Reg,
        rm: Reg,
    },
    Div {
        w: Width,
        signed: bool,
        rd: Reg,
        rn: Reg,
        rm: Reg,
    },
    Csel {
        w: Width,
        op: CselOp,
        rd: Reg,
        rn: Reg,
        rm: Reg,
        cond: Cond,
    },
    /// ccmp (neg=false) / ccmn (neg=true); `rm` is a register or a 5-bit immediate.
    Ccmp {
        w: Width,
        neg: bool,
        rn: Reg,
        rm: Operand,
        nzcv: UImm<4>,
        cond: Cond,
    },
    Adr {
        rd: Reg,
        target: Target,
    },
    Adrp {
        rd: Reg,
        target: Target,
    },
    /// Loads of `size` bytes; `sext = Some(w)` sign-extends to width `w`.
    Ldr {
        size: u8,
        sext: Option<Width>,
        rt: Reg,
        addr: Addr,
    },
    Str {
        size: u8,
        rt: Reg,
        addr: Addr,
    },
    Ldp {
        size: u8,
        sext: bool,
        rt1: Reg,
        rt2: Reg,
        addr: Addr,
    },
    Stp {
        size: u8,
        rt1: Reg,
        rt2: Reg,
        addr: Addr,
    },
    /// ldxr/ldaxr (excl) and ldar (acq, not excl).
    Ldx {
        size: u8,
        acq: bool,
        excl: bool,
        rt: Reg,
        rn: Reg,
    },
    /// stxr/stlxr (status = Some) and stlr (status = None).
    Stx {
        size: u8,
        rel: bool,
        status: Option<Reg>,
        rt: Reg,
        rn: Reg,
    },
    /// LSE ld<op>/st<op>/swp: `rt := old [rn]; [rn] := old op rs`.
    Atomic {
        op: AtomicOp,
        size: u8,
        acq: bool,
        rel: bool,
        rs: Reg,
        rt: Reg,
        rn: Reg,
    },
    /// cas: if `[rn] = rs` then `[rn] := rt`; `rs := old`.
    Cas {
        size: u8,
        acq: bool,
        rel: bool,
        rs: Reg,
        rt: Reg,
        rn: Reg,
    },
    B(Target),
    BCond(Cond, Target),
    Bl(Target),
    Br(Reg),
    Blr(Reg),
    Ret(Reg),
    Cbz {
        w: Width,
        nz: bool,
        rt: Reg,
        target: Target,
    },
    Tbz {
        nz: bool,
        rt: Reg,
        bit: BitPos,
        target: Target,
    },
    Eret,
    Mrs {
        rt: Reg,
        sr: SysReg,
    },
    Msr {
        sr: SysReg,
        rt: Reg,
    },
    MsrImm {
        field: PStateField,
        imm: UImm<4>,
    },
    Tlbi {
        op: String,
        rt: Option<Reg>,
    },
    Dc {
        op: String,
        rt: Reg,
    },
    Ic {
        op: String,
        rt: Option<Reg>,
    },
    At {
        op: String,
        rt: Reg,
    },
    Barrier {
        kind: BarrierKind,
        opt: BarrierOpt,
    },
    Hint(Hint),
    Clrex,
    Exc {
        kind: ExcKind,
        imm: UImm<16>,
    },
    /// adc/adcs/sbc/sbcs (ngc/ngcs): `rn + rm + C` or `rn + ~rm + C`.
    Adc {
        w: Width,
        sub: bool,
        s: bool,
        rd: Reg,
        rn: Reg,
        rm: Reg,
    },
    /// ldxp/ldaxp: exclusive pair load of two `size`-byte values.
    Ldxp {
        size: u8,
        acq: bool,
        rt1: Reg,
        rt2: Reg,
        rn: Reg,
    },
    /// stxp/stlxp.
    Stxp {
        size: u8,
        rel: bool,
        status: Reg,
        rt1: Reg,
        rt2: Reg,
        rn: Reg,
    },
    /// prfm: a prefetch hint (no architectural effect).
    Prfm {
        op: String,
        addr: Addr,
    },
    /// FP/SIMD loads/stores: `size` bytes (b=1, h=2, s=4, d=8, q=16) of V`vt`.
    LdrV {
        size: u8,
        vt: u8,
        addr: Addr,
    },
    StrV {
        size: u8,
        vt: u8,
        addr: Addr,
    },
    LdpV {
        size: u8,
        vt1: u8,
        vt2: u8,
        addr: Addr,
    },
    StpV {
        size: u8,
        vt1: u8,
        vt2: u8,
        addr: Addr,
    },
    /// movi: V`vt` := the 128-bit `value` (the arrangement's replication already applied; the
    /// 64-bit scalar form `movi dN` clears the upper half).
    Movi {
        vt: u8,
        value: u128,
    },
}

/// An instruction with its source position and original text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    pub instr: Instr,
    pub line: usize,
    pub text: String,
}

/// A procedure: a named straight list of instructions; branch targets are indices into `body`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Procedure {
    pub name: String,
    pub body: Vec<Located>,
    /// Labels (name, index) for printing.
    pub labels: Vec<(String, usize)>,
}

impl Procedure {
    /// True if the procedure has no control transfer except possibly a final `ret`.
    pub fn is_straight_line(&self) -> bool {
        let n = self.body.len();
        self.body.iter().enumerate().all(|(i, l)| match &l.instr {
            Instr::Ret(Reg::X(30)) => i + 1 == n,
            i2 => !i2.is_control(),
        })
    }
}

impl Instr {
    pub fn is_control(&self) -> bool {
        matches!(
            self,
            Instr::B(_)
                | Instr::BCond(..)
                | Instr::Bl(_)
                | Instr::Br(_)
                | Instr::Blr(_)
                | Instr::Ret(_)
                | Instr::Cbz { .. }
                | Instr::Tbz { .. }
                | Instr::Eret
                | Instr::Exc { .. }
        )
    }
}

/// A parsed file: procedures plus the warnings (skipped directives) collected on the way.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Program {
    pub procedures: Vec<Procedure>,
    pub warnings: Vec<crate::error::Warning>,
}
