(** * AArch64 instruction syntax: the form of every asm procedure emitted by [asmgen].

    Aliases (cmp, mov, lsl #n, ubfx, cset, ...) are resolved by asmgen into the core
    forms below. Registers are [X 0]..[X 30], [SP] and [ZR]; the width of an operation
    ([W32]/[W64]) selects the W or X view. Branch targets inside a procedure are
    instruction indices ([TIdx]); [TSym] names something outside the procedure. *)

From Coq Require Import ZArith String.
Open Scope Z_scope.

Inductive width : Type := W32 | W64.
Inductive reg : Type := X (n : Z) | SP | ZR.
Inductive shift : Type := LSL | LSR | ASR | ROR.
Inductive extend : Type := UXTB | UXTH | UXTW | UXTX | SXTB | SXTH | SXTW | SXTX.
Inductive imm : Type := ILit (v : Z) | ILo12 (sym : string) | ILo12Off (sym : string) (off : Z).
Inductive operand : Type :=
  | OImm (i : imm)                              (** already shifted *)
  | OShift (r : reg) (s : shift) (amt : Z)
  | OExt (r : reg) (e : extend) (amt : Z).
Inductive aluop : Type := AADD | ASUB | AAND | AORR | AEOR | ABIC | AORN | AEON.
Inductive cond : Type :=
  | EQ | NE | CS | CC | MI | PL | VS | VC | HI | LS | GE | LT | GT | LE | AL | NV.
Inductive addr : Type :=
  | AOff (base : reg) (off : imm)               (** [[base, #off]] *)
  | APre (base : reg) (off : Z)                 (** [[base, #off]!] *)
  | APost (base : reg) (off : Z)                (** [[base], #off] *)
  | AReg (base idx : reg) (e : extend) (amt : Z). (** [[base, idx, ext #amt]] *)
Inductive target : Type := TIdx (n : Z) | TSym (sym : string) | TSymOff (sym : string) (off : Z).
Inductive bfkind : Type := BFS | BFU | BFI.
Inductive unop : Type := CLZ | CLS | RBIT | REV | REV16 | REV32.
Inductive cselop : Type := CSEL | CSINC | CSINV | CSNEG.
Inductive barrier : Type := DSB | DMB | ISB.
Inductive bopt : Type :=
  | SY | ST | LD | ISH | ISHST | ISHLD | NSH | NSHST | NSHLD | OSH | OSHST | OSHLD.
Inductive atomop : Type :=
  | AtADD | AtCLR | AtEOR | AtSET | AtSMAX | AtSMIN | AtUMAX | AtUMIN | AtSWP.
(** A system register by encoding ([S<op0>_<op1>_C<n>_C<m>_<op2>]). *)
Record sysreg : Type := SR { sr_op0 : Z; sr_op1 : Z; sr_crn : Z; sr_crm : Z; sr_op2 : Z }.
Inductive pfield : Type := DAIFSET | DAIFCLR | SPSEL | PAN | UAO | DIT | SSBS.
Inductive hint : Type := NOP | YIELD | WFE | WFI | SEV | SEVL.
Inductive exc : Type := SVC | HVC | SMC | BRK.

Inductive instr : Type :=
  | Ialu (w : width) (op : aluop) (setflags : bool) (rd rn : reg) (o : operand)
  | Imovz (w : width) (rd : reg) (i hw : Z)
  | Imovn (w : width) (rd : reg) (i hw : Z)
  | Imovk (w : width) (rd : reg) (i hw : Z)
  | Ishiftv (w : width) (s : shift) (rd rn rm : reg)
  | Ibfm (w : width) (k : bfkind) (rd rn : reg) (immr imms : Z)
  | Iextr (w : width) (rd rn rm : reg) (lsb : Z)
  | Iun (w : width) (op : unop) (rd rn : reg)
  | Imadd (w : width) (sub : bool) (rd rn rm ra : reg)
  | Imaddl (signed sub : bool) (rd rn rm ra : reg)
  | Imulh (signed : bool) (rd rn rm : reg)
  | Idiv (w : width) (signed : bool) (rd rn rm : reg)
  | Icsel (w : width) (op : cselop) (rd rn rm : reg) (c : cond)
  | Iccmp (w : width) (neg : bool) (rn : reg) (o : operand) (nzcv : Z) (c : cond)
  | Iadr (rd : reg) (t : target)
  | Iadrp (rd : reg) (t : target)
  | Ildr (size : Z) (sext : option width) (rt : reg) (a : addr)
  | Istr (size : Z) (rt : reg) (a : addr)
  | Ildp (size : Z) (sext : bool) (rt1 rt2 : reg) (a : addr)
  | Istp (size : Z) (rt1 rt2 : reg) (a : addr)
  | Ildx (size : Z) (acq excl : bool) (rt rn : reg)
  | Istx (size : Z) (rel : bool) (status : option reg) (rt rn : reg)
  | Iatomic (op : atomop) (size : Z) (acq rel : bool) (rs rt rn : reg)
  | Icas (size : Z) (acq rel : bool) (rs rt rn : reg)
  | Ib (t : target)
  | Ibcond (c : cond) (t : target)
  | Ibl (t : target)
  | Ibr (r : reg)
  | Iblr (r : reg)
  | Iret (r : reg)
  | Icbz (w : width) (nz : bool) (rt : reg) (t : target)
  | Itbz (nz : bool) (rt : reg) (bit : Z) (t : target)
  | Ieret
  | Imrs (rt : reg) (sr : sysreg)
  | Imsr (sr : sysreg) (rt : reg)
  | Imsri (f : pfield) (i : Z)
  | Itlbi (op : string) (rt : option reg)
  | Idc (op : string) (rt : reg)
  | Iic (op : string) (rt : option reg)
  | Iat (op : string) (rt : reg)
  | Ibarrier (b : barrier) (o : bopt)
  | Ihint (h : hint)
  | Iclrex
  | Iexc (k : exc) (i : Z)
  | Iadc (w : width) (sub setflags : bool) (rd rn rm : reg)
  | Ildxp (size : Z) (acq : bool) (rt1 rt2 rn : reg)
  | Istxp (size : Z) (rel : bool) (status rt1 rt2 rn : reg)
  | Iprfm (op : string) (a : addr)
  (** FP/SIMD register loads and stores ([b]/[h]/[s]/[d]/[q] views of V0..V31: 1..16 bytes). *)
  | Ildrv (size : Z) (vt : Z) (a : addr)
  | Istrv (size : Z) (vt : Z) (a : addr)
  | Ildpv (size : Z) (vt1 vt2 : Z) (a : addr)
  | Istpv (size : Z) (vt1 vt2 : Z) (a : addr)
  | Imovi (vt : Z) (v : Z).

(** Control-transfer instructions; everything else falls through to the next index. *)
Definition is_control (i : instr) : bool :=
  match i with
  | Ib _ | Ibcond _ _ | Ibl _ | Ibr _ | Iblr _ | Iret _ | Icbz _ _ _ _ | Itbz _ _ _ _
  | Ieret | Iexc _ _ => true
  | _ => false
  end.
