(** * AArch64 small-step semantics, procedure-level semantics and an executable interpreter.

    Memory is abstract: a [MemOps] instance supplies byte-addressed little-endian
    [mload]/[mstore] that may fail (a layer decides which addresses are accessible).
    Barriers, TLB/cache maintenance, exclusive-monitor state, system-register writes,
    exception-generating instructions and calls leaving the procedure are recorded as
    [event]s in the state (newest first), so MMU layers can observe them. *)

From Coq Require Import ZArith String List Bool Lia.
From AutoV.AArch64 Require Import AsmSyntax.
Import ListNotations.
Open Scope Z_scope.

(** ** Bit-vector helpers (values are kept in [0, 2^n)) *)

Definition wbits (w : width) : Z := match w with W32 => 32 | W64 => 64 end.
Definition mask (n v : Z) : Z := v mod 2 ^ n.
Definition sx (n v : Z) : Z := let v := mask n v in if v >=? 2 ^ (n - 1) then v - 2 ^ n else v.
Definition bit (v i : Z) : bool := Z.testbit v i.
Definition lsl (n v a : Z) : Z := mask n (Z.shiftl v a).
Definition lsr (n v a : Z) : Z := Z.shiftr (mask n v) a.
Definition asr (n v a : Z) : Z := mask n (Z.shiftr (sx n v) a).
Definition ror (n v a : Z) : Z :=
  let a := a mod n in mask n (Z.lor (Z.shiftr (mask n v) a) (Z.shiftl v (n - a))).
Definition ones (k : Z) : Z := Z.ones k.
Definition bnot (n v : Z) : Z := mask n (Z.lnot v).

(** Leading zeros of the low [n] bits of [v]. *)
Fixpoint clz_aux (fuel : nat) (n v : Z) : Z :=
  match fuel with
  | O => 0
  | S f => if n <=? 0 then 0 else if bit v (n - 1) then 0 else 1 + clz_aux f (n - 1) v
  end.
Definition clz (n v : Z) : Z := clz_aux (Z.to_nat n) n v.
Definition cls (n v : Z) : Z :=
  clz (n - 1) (Z.lxor (Z.shiftr (mask n v) 1) (mask (n - 1) v)).
Fixpoint rbit_aux (fuel : nat) (i n v acc : Z) : Z :=
  match fuel with
  | O => acc
  | S f => rbit_aux f (i + 1) n v (if bit v i then Z.setbit acc (n - 1 - i) else acc)
  end.
Definition rbit (n v : Z) : Z := rbit_aux (Z.to_nat n) 0 n v 0.
(** Reverse the bytes inside every [c]-byte container of an [n]-bit value. *)
Fixpoint revb_aux (fuel : nat) (i n c v acc : Z) : Z :=
  match fuel with
  | O => acc
  | S f =>
      let cont := i / c in let k := i mod c in
      let j := cont * c + (c - 1 - k) in
      revb_aux f (i + 1) n c v (Z.lor acc (Z.shiftl (Z.land (Z.shiftr v (8 * i)) 255) (8 * j)))
  end.
Definition revb (n c v : Z) : Z := revb_aux (Z.to_nat (n / 8)) 0 n c (mask n v) 0.

(** ** Events and state *)

Inductive event : Type :=
  | EvSysWrite (sr : sysreg) (v : Z)
  | EvPState (f : pfield) (v : Z)
  | EvTlbi (op : string) (arg : option Z)
  | EvDc (op : string) (a : Z)
  | EvIc (op : string) (arg : option Z)
  | EvAt (op : string) (a : Z)
  | EvBarrier (b : barrier) (o : bopt)
  | EvHint (h : hint)
  | EvExc (k : exc) (i : Z)
  | EvEret
  | EvCall (sym : string)
  | EvCallAddr (a : Z)
  | EvExclusive (a size : Z)      (** exclusive monitor armed at [a] *)
  | EvClrex.

Class MemOps := {
  mem : Type;
  mload : mem -> Z -> Z -> option Z;          (** address, size in bytes → value (little endian) *)
  mstore : mem -> Z -> Z -> Z -> option mem   (** address, size, value → new memory *)
}.

(** The environment: where the code lives (for [adr]/[bl] link values), symbol
    addresses, and the address-translation oracle used by [at] (provided by the MMU layer). *)
Record env : Type := mkenv {
  e_base : Z;
  e_sym : string -> Z;
  e_at : string -> Z -> Z
}.

Section SEM.
Context {M : MemOps}.

Record state : Type := mkst {
  st_regs : Z -> Z;           (** X0..X30, each in [0, 2^64) *)
  st_vregs : Z -> Z;          (** V0..V31 (FP/SIMD), each in [0, 2^128) *)
  st_sp : Z;
  st_n : bool; st_z : bool; st_c : bool; st_v : bool;
  st_sys : Z -> Z;            (** system registers by [sr_key] *)
  st_mem : mem;
  st_mon : option (Z * Z);    (** exclusive monitor: (address, size) *)
  st_events : list event;     (** newest first *)
  st_pc : Z                   (** instruction index in the procedure *)
}.

Definition sr_key (s : sysreg) : Z :=
  sr_op0 s * 2 ^ 14 + sr_op1 s * 2 ^ 11 + sr_crn s * 2 ^ 7 + sr_crm s * 2 ^ 3 + sr_op2 s.
Definition NZCV_SR : sysreg := SR 3 3 4 2 0.
Definition DAIF_SR : sysreg := SR 3 3 4 2 1.
Definition PAR_EL1_SR : sysreg := SR 3 0 7 4 0.

Definition upd (f : Z -> Z) (k v : Z) : Z -> Z := fun k' => if k' =? k then v else f k'.

Definition with_regs s r := mkst r (st_vregs s) (st_sp s) (st_n s) (st_z s) (st_c s) (st_v s) (st_sys s) (st_mem s) (st_mon s) (st_events s) (st_pc s).
Definition with_sp s v := mkst (st_regs s) (st_vregs s) v (st_n s) (st_z s) (st_c s) (st_v s) (st_sys s) (st_mem s) (st_mon s) (st_events s) (st_pc s).
Definition with_flags s n z c v := mkst (st_regs s) (st_vregs s) (st_sp s) n z c v (st_sys s) (st_mem s) (st_mon s) (st_events s) (st_pc s).
Definition with_sys s f := mkst (st_regs s) (st_vregs s) (st_sp s) (st_n s) (st_z s) (st_c s) (st_v s) f (st_mem s) (st_mon s) (st_events s) (st_pc s).
Definition with_mem s m := mkst (st_regs s) (st_vregs s) (st_sp s) (st_n s) (st_z s) (st_c s) (st_v s) (st_sys s) m (st_mon s) (st_events s) (st_pc s).
Definition with_mon s o := mkst (st_regs s) (st_vregs s) (st_sp s) (st_n s) (st_z s) (st_c s) (st_v s) (st_sys s) (st_mem s) o (st_events s) (st_pc s).
Definition with_vregs s v := mkst (st_regs s) v (st_sp s) (st_n s) (st_z s) (st_c s) (st_v s) (st_sys s) (st_mem s) (st_mon s) (st_events s) (st_pc s).
Definition with_pc s p := mkst (st_regs s) (st_vregs s) (st_sp s) (st_n s) (st_z s) (st_c s) (st_v s) (st_sys s) (st_mem s) (st_mon s) (st_events s) p.
Definition emit s ev := mkst (st_regs s) (st_vregs s) (st_sp s) (st_n s) (st_z s) (st_c s) (st_v s) (st_sys s) (st_mem s) (st_mon s) (ev :: st_events s) (st_pc s).
Definition incr_pc s := with_pc s (st_pc s + 1).

(** Read a register through a view of width [w]. *)
Definition rd (w : width) (r : reg) (s : state) : Z :=
  match r with
  | X n => mask (wbits w) (st_regs s n)
  | SP => mask (wbits w) (st_sp s)
  | ZR => 0
  end.
Definition rd64 := rd W64.
(** Write through a view: W writes zero-extend. *)
Definition wr (w : width) (r : reg) (v : Z) (s : state) : state :=
  match r with
  | X n => with_regs s (upd (st_regs s) n (mask (wbits w) v))
  | SP => with_sp s (mask (wbits w) v)
  | ZR => s
  end.

Definition flags_nzcv (s : state) : Z :=
  (if st_n s then 2 ^ 31 else 0) + (if st_z s then 2 ^ 30 else 0)
  + (if st_c s then 2 ^ 29 else 0) + (if st_v s then 2 ^ 28 else 0).
Definition set_nzcv (s : state) (v : Z) : state :=
  with_flags s (bit v 31) (bit v 30) (bit v 29) (bit v 28).
Definition set_nzcv4 (s : state) (v : Z) : state :=
  with_flags s (bit v 3) (bit v 2) (bit v 1) (bit v 0).

Definition cond_holds (c : cond) (s : state) : bool :=
  match c with
  | EQ => st_z s | NE => negb (st_z s)
  | CS => st_c s | CC => negb (st_c s)
  | MI => st_n s | PL => negb (st_n s)
  | VS => st_v s | VC => negb (st_v s)
  | HI => st_c s && negb (st_z s) | LS => negb (st_c s && negb (st_z s))
  | GE => Bool.eqb (st_n s) (st_v s) | LT => negb (Bool.eqb (st_n s) (st_v s))
  | GT => negb (st_z s) && Bool.eqb (st_n s) (st_v s)
  | LE => negb (negb (st_z s) && Bool.eqb (st_n s) (st_v s))
  | AL | NV => true
  end.

(** [x + y + cin] on [n] bits: result and NZCV. *)
Definition add_with_carry (n x y cin : Z) : Z * (bool * bool * bool * bool) :=
  let us := mask n x + mask n y + cin in
  let ss := sx n x + sx n y + cin in
  let r := mask n us in
  (r, (bit r (n - 1), r =? 0, negb (us =? r), negb (ss =? sx n r))).

Definition set_flags4 (s : state) (f : bool * bool * bool * bool) : state :=
  let '(n, z, c, v) := f in with_flags s n z c v.

Definition extend_val (e : extend) (v : Z) : Z :=
  match e with
  | UXTB => mask 8 v | UXTH => mask 16 v | UXTW => mask 32 v | UXTX => mask 64 v
  | SXTB => sx 8 v | SXTH => sx 16 v | SXTW => sx 32 v | SXTX => sx 64 v
  end.

Definition shift_val (n : Z) (sh : shift) (v a : Z) : Z :=
  match sh with LSL => lsl n v a | LSR => lsr n v a | ASR => asr n v a | ROR => ror n v a end.

Definition imm_val (e : env) (i : imm) : Z :=
  match i with
  | ILit v => v
  | ILo12 sym => Z.land (e_sym e sym) 4095
  | ILo12Off sym off => Z.land (e_sym e sym + off) 4095
  end.

Definition operand_val (e : env) (w : width) (o : operand) (s : state) : Z :=
  let n := wbits w in
  match o with
  | OImm i => mask n (imm_val e i)
  | OShift r sh a => shift_val n sh (rd w r s) a
  | OExt r ex a => mask n (Z.shiftl (extend_val ex (rd64 r s)) a)
  end.

Definition nz_flags (n r : Z) : bool * bool * bool * bool := (bit r (n - 1), r =? 0, false, false).

Definition exec_alu (e : env) (w : width) (op : aluop) (setf : bool) (rdr rn : reg) (o : operand)
    (s : state) : state :=
  let n := wbits w in
  let x := rd w rn s in
  let y := operand_val e w o s in
  let '(r, f) :=
    match op with
    | AADD => add_with_carry n x y 0
    | ASUB => add_with_carry n x (bnot n y) 1
    | AAND => let r := Z.land x y in (r, nz_flags n r)
    | AORR => let r := Z.lor x y in (r, nz_flags n r)
    | AEOR => let r := Z.lxor x y in (r, nz_flags n r)
    | ABIC => let r := Z.land x (bnot n y) in (r, nz_flags n r)
    | AORN => let r := Z.lor x (bnot n y) in (r, nz_flags n r)
    | AEON => let r := Z.lxor x (bnot n y) in (r, nz_flags n r)
    end in
  let s := if setf then set_flags4 s f else s in
  wr w rdr r s.

Definition exec_bfm (w : width) (k : bfkind) (rdr rn : reg) (r sb : Z) (s : state) : state :=
  let n := wbits w in
  let src := rd w rn s in
  let dst := rd w rdr s in
  let res :=
    if sb >=? r then
      let wd := sb - r + 1 in
      let fld := Z.land (Z.shiftr src r) (ones wd) in
      match k with
      | BFU => fld
      | BFS => mask n (sx wd fld)
      | BFI => Z.lor (Z.land dst (bnot n (ones wd))) fld
      end
    else
      let wd := sb + 1 in
      let pos := n - r in
      let fld := Z.land src (ones wd) in
      match k with
      | BFU => mask n (Z.shiftl fld pos)
      | BFS => mask n (Z.shiftl (sx wd fld) pos)
      | BFI => Z.lor (Z.land dst (bnot n (Z.shiftl (ones wd) pos))) (mask n (Z.shiftl fld pos))
      end in
  wr w rdr res s.

Definition exec_un (w : width) (op : unop) (v : Z) : Z :=
  let n := wbits w in
  match op with
  | CLZ => clz n v | CLS => cls n v | RBIT => rbit n v
  | REV => revb n (n / 8) v | REV16 => revb n 2 v | REV32 => revb n 4 v
  end.

Definition target_addr (e : env) (t : target) : Z :=
  match t with TIdx k => e_base e + 4 * k | TSym x => e_sym e x | TSymOff x o => e_sym e x + o end.

Definition opt_bind {A B} (o : option A) (f : A -> option B) : option B :=
  match o with Some a => f a | None => None end.

(** Effective address and base write-back. *)
Definition eff_addr (e : env) (a : addr) (s : state) : Z * option (reg * Z) :=
  match a with
  | AOff b o => (mask 64 (rd64 b s + imm_val e o), None)
  | APre b o => let x := mask 64 (rd64 b s + o) in (x, Some (b, x))
  | APost b o => (rd64 b s, Some (b, mask 64 (rd64 b s + o)))
  | AReg b i ex amt => (mask 64 (rd64 b s + Z.shiftl (extend_val ex (rd64 i s)) amt), None)
  end.
Definition writeback (wb : option (reg * Z)) (s : state) : state :=
  match wb with Some (b, v) => wr W64 b v s | None => s end.

Definition load (s : state) (a size : Z) : option Z := mload (st_mem s) a size.
Definition store (s : state) (a size v : Z) : option state :=
  opt_bind (mstore (st_mem s) a size (mask (8 * size) v)) (fun m => Some (with_mem s m)).

Definition load_ext (size : Z) (se : option width) (v : Z) : Z :=
  match se with None => v | Some w => mask (wbits w) (sx (8 * size) v) end.

Definition atomic_apply (op : atomop) (size old arg : Z) : Z :=
  let n := 8 * size in
  match op with
  | AtADD => mask n (old + arg)
  | AtCLR => Z.land old (bnot n arg)
  | AtEOR => Z.lxor old arg
  | AtSET => Z.lor old arg
  | AtSMAX => if sx n old >=? sx n arg then old else arg
  | AtSMIN => if sx n old <=? sx n arg then old else arg
  | AtUMAX => if old >=? arg then old else arg
  | AtUMIN => if old <=? arg then old else arg
  | AtSWP => arg
  end.

Definition size_width (size : Z) : width := if size =? 8 then W64 else W32.

Definition pfield_reg (f : pfield) : sysreg * Z :=
  match f with
  | SPSEL => (SR 3 0 4 2 0, 0) | PAN => (SR 3 0 4 2 3, 22) | UAO => (SR 3 0 4 2 4, 23)
  | DIT => (SR 3 3 4 2 5, 24) | SSBS => (SR 3 3 4 2 6, 12)
  | DAIFSET | DAIFCLR => (DAIF_SR, 6)
  end.

Definition sys_read (sr : sysreg) (s : state) : Z :=
  if sr_key sr =? sr_key NZCV_SR then flags_nzcv s else st_sys s (sr_key sr).
Definition sys_write (sr : sysreg) (v : Z) (s : state) : state :=
  if sr_key sr =? sr_key NZCV_SR then set_nzcv s v
  else emit (with_sys s (upd (st_sys s) (sr_key sr) v)) (EvSysWrite sr v).

(** DC ZVA zeroes an aligned block of [4 << DCZID_EL0.BS] bytes (the block size is read from
    the state: it is IMPLEMENTATION DEFINED). *)
Definition DCZID_SR : sysreg := SR 3 3 0 0 7.
Fixpoint zero_words (k : nat) (a : Z) (s : state) : option state :=
  match k with
  | O => Some s
  | S k' => opt_bind (store s a 4 0) (zero_words k' (a + 4))
  end.
Definition dc_zva (x : Z) (s : state) : option state :=
  let bs := Z.land (st_sys s (sr_key DCZID_SR)) 15 in
  let bytes := 4 * 2 ^ bs in
  zero_words (Z.to_nat (2 ^ bs)) (Z.land x (Z.lnot (bytes - 1))) s.

(** Semantics of every non-control instruction: a partial state transformer that
    does not touch the pc. [None] = the layer's memory refused the access, or
    an ill-formed instruction. *)
Definition exec_data (e : env) (i : instr) (s : state) : option state :=
  match i with
  | Ialu w op f rdr rn o => Some (exec_alu e w op f rdr rn o s)
  | Imovz w rdr v hw => Some (wr w rdr (Z.shiftl v (16 * hw)) s)
  | Imovn w rdr v hw => Some (wr w rdr (bnot (wbits w) (Z.shiftl v (16 * hw))) s)
  | Imovk w rdr v hw =>
      let old := rd w rdr s in
      Some (wr w rdr (Z.lor (Z.land old (bnot 64 (Z.shiftl 65535 (16 * hw)))) (Z.shiftl v (16 * hw))) s)
  | Ishiftv w sh rdr rn rm =>
      let n := wbits w in
      Some (wr w rdr (shift_val n sh (rd w rn s) (rd w rm s mod n)) s)
  | Ibfm w k rdr rn r sb => Some (exec_bfm w k rdr rn r sb s)
  | Iextr w rdr rn rm lsb =>
      let n := wbits w in
      Some (wr w rdr (mask n (Z.shiftr (rd w rn s * 2 ^ n + rd w rm s) lsb)) s)
  | Iun w op rdr rn => Some (wr w rdr (exec_un w op (rd w rn s)) s)
  | Imadd w sub rdr rn rm ra =>
      let p := rd w rn s * rd w rm s in
      Some (wr w rdr (if sub then rd w ra s - p else rd w ra s + p) s)
  | Imaddl sg sub rdr rn rm ra =>
      let ext v := if sg then sx 32 v else mask 32 v in
      let p := ext (rd W32 rn s) * ext (rd W32 rm s) in
      Some (wr W64 rdr (if sub then rd64 ra s - p else rd64 ra s + p) s)
  | Imulh sg rdr rn rm =>
      let ext v := if sg then sx 64 v else v in
      Some (wr W64 rdr (Z.shiftr (ext (rd64 rn s) * ext (rd64 rm s)) 64) s)
  | Idiv w sg rdr rn rm =>
      let n := wbits w in
      let x := rd w rn s in let y := rd w rm s in
      Some (wr w rdr (if y =? 0 then 0 else if sg then Z.quot (sx n x) (sx n y) else x / y) s)
  | Icsel w op rdr rn rm c =>
      let n := wbits w in
      let v := if cond_holds c s then rd w rn s else
        let y := rd w rm s in
        match op with CSEL => y | CSINC => y + 1 | CSINV => bnot n y | CSNEG => 0 - y end in
      Some (wr w rdr v s)
  | Iccmp w ng rn o nzcv c =>
      if cond_holds c s then
        let n := wbits w in
        let x := rd w rn s in let y := operand_val e w o s in
        let '(_, f) := if ng then add_with_carry n x y 0 else add_with_carry n x (bnot n y) 1 in
        Some (set_flags4 s f)
      else Some (set_nzcv4 s nzcv)
  | Iadr rdr t =>
      Some (wr W64 rdr (target_addr e t) s)
  | Iadrp rdr t =>
      let a := target_addr e t in
      Some (wr W64 rdr (Z.land a (Z.lnot 4095)) s)
  | Ildr size se rt a =>
      let '(x, wb) := eff_addr e a s in
      opt_bind (load s x size) (fun v => Some (wr W64 rt (load_ext size se v) (writeback wb s)))
  | Istr size rt a =>
      let '(x, wb) := eff_addr e a s in
      opt_bind (store s x size (rd64 rt s)) (fun s' => Some (writeback wb s'))
  | Ildp size se rt1 rt2 a =>
      let '(x, wb) := eff_addr e a s in
      let sx' := if se then Some W64 else None in
      opt_bind (load s x size) (fun v1 =>
      opt_bind (load s (x + size) size) (fun v2 =>
      Some (wr W64 rt2 (load_ext size sx' v2) (wr W64 rt1 (load_ext size sx' v1) (writeback wb s)))))
  | Istp size rt1 rt2 a =>
      let '(x, wb) := eff_addr e a s in
      opt_bind (store s x size (rd64 rt1 s)) (fun s1 =>
      opt_bind (store s1 (x + size) size (rd64 rt2 s)) (fun s2 => Some (writeback wb s2)))
  | Ildx size acq excl rt rn =>
      let x := rd64 rn s in
      opt_bind (load s x size) (fun v =>
        let s := wr W64 rt v s in
        Some (if excl then emit (with_mon s (Some (x, size))) (EvExclusive x size) else s))
  | Istx size rel st rt rn =>
      let x := rd64 rn s in
      match st with
      | None => store s x size (rd64 rt s)
      | Some sr =>
          let ok := match st_mon s with Some (a, _) => a =? x | None => false end in
          if ok then
            opt_bind (store s x size (rd64 rt s)) (fun s' => Some (wr W32 sr 0 (with_mon s' None)))
          else Some (wr W32 sr 1 (with_mon s None))
      end
  | Iatomic op size acq rel rs rt rn =>
      let x := rd64 rn s in
      opt_bind (load s x size) (fun old =>
      opt_bind (store s x size (atomic_apply op size old (mask (8 * size) (rd64 rs s)))) (fun s' =>
      Some (wr W64 rt old s')))
  | Icas size acq rel rs rt rn =>
      let x := rd64 rn s in
      opt_bind (load s x size) (fun old =>
        if old =? mask (8 * size) (rd64 rs s) then
          opt_bind (store s x size (rd64 rt s)) (fun s' => Some (wr W64 rs old s'))
        else Some (wr W64 rs old s))
  | Imrs rt sr => Some (wr W64 rt (sys_read sr s) s)
  | Imsr sr rt => Some (sys_write sr (rd64 rt s) s)
  | Imsri f v =>
      let '(sr, pos) := pfield_reg f in
      let old := st_sys s (sr_key sr) in
      let nv := match f with
                | DAIFSET => Z.lor old (Z.shiftl v pos)
                | DAIFCLR => Z.land old (Z.lnot (Z.shiftl v pos))
                | _ => Z.lor (Z.land old (Z.lnot (Z.shiftl 1 pos))) (Z.shiftl (Z.land v 1) pos)
                end in
      Some (emit (with_sys s (upd (st_sys s) (sr_key sr) nv)) (EvPState f v))
  | Itlbi op r => Some (emit s (EvTlbi op (match r with Some r => Some (rd64 r s) | None => None end)))
  | Idc op r =>
      let x := rd64 r s in
      let s' := emit s (EvDc op x) in
      if String.eqb op "zva" then dc_zva x s' else Some s'
  | Iic op r => Some (emit s (EvIc op (match r with Some r => Some (rd64 r s) | None => None end)))
  | Iat op r =>
      let x := rd64 r s in
      Some (emit (with_sys s (upd (st_sys s) (sr_key PAR_EL1_SR) (e_at e op x))) (EvAt op x))
  | Ibarrier b o => Some (emit s (EvBarrier b o))
  | Ihint NOP => Some s
  | Ihint h => Some (emit s (EvHint h))
  | Iclrex => Some (emit (with_mon s None) EvClrex)
  | Iadc w sub setf rdr rn rm =>
      let n := wbits w in
      let x := rd w rn s in let y := rd w rm s in
      let '(r, f) := add_with_carry n x (if sub then bnot n y else y) (if st_c s then 1 else 0) in
      let s := if setf then set_flags4 s f else s in
      Some (wr w rdr r s)
  | Ildxp size acq rt1 rt2 rn =>
      let x := rd64 rn s in
      opt_bind (load s x size) (fun v1 =>
      opt_bind (load s (x + size) size) (fun v2 =>
        let s := wr W64 rt2 v2 (wr W64 rt1 v1 s) in
        Some (emit (with_mon s (Some (x, 2 * size))) (EvExclusive x (2 * size)))))
  | Istxp size rel st rt1 rt2 rn =>
      let x := rd64 rn s in
      let ok := match st_mon s with Some (a, _) => a =? x | None => false end in
      if ok then
        opt_bind (store s x size (rd64 rt1 s)) (fun s1 =>
        opt_bind (store s1 (x + size) size (rd64 rt2 s)) (fun s2 =>
        Some (wr W32 st 0 (with_mon s2 None))))
      else Some (wr W32 st 1 (with_mon s None))
  | Iprfm _ _ => Some s
  | Ildrv size vt a =>
      let '(x, wb) := eff_addr e a s in
      opt_bind (load s x size) (fun v =>
        let s := writeback wb s in Some (with_vregs s (upd (st_vregs s) vt v)))
  | Istrv size vt a =>
      let '(x, wb) := eff_addr e a s in
      opt_bind (store s x size (st_vregs s vt)) (fun s' => Some (writeback wb s'))
  | Ildpv size vt1 vt2 a =>
      let '(x, wb) := eff_addr e a s in
      opt_bind (load s x size) (fun v1 =>
      opt_bind (load s (x + size) size) (fun v2 =>
        let s := writeback wb s in
        Some (with_vregs s (upd (upd (st_vregs s) vt1 v1) vt2 v2))))
  | Imovi vt v => Some (with_vregs s (upd (st_vregs s) vt (mask 128 v)))
  | Istpv size vt1 vt2 a =>
      let '(x, wb) := eff_addr e a s in
      opt_bind (store s x size (st_vregs s vt1)) (fun s1 =>
      opt_bind (store s1 (x + size) size (st_vregs s vt2)) (fun s2 => Some (writeback wb s2)))
  | _ => None
  end.

(** ** Control and the small-step relation *)

Inductive outcome : Type :=
  | Cont (s : state)      (** keep running at [st_pc s] *)
  | Halt (s : state)      (** the procedure returned (ret/br out of the code, eret, fall-off) *)
  | Stuck.                (** fault: refused memory access, brk, unknown target *)

(** An address inside the procedure's code ([n] instructions at [e_base]) maps to an index. *)
Definition code_index (e : env) (n a : Z) : option Z :=
  let off := a - e_base e in
  if (0 <=? off) && (off <? 4 * n) && (off mod 4 =? 0) then Some (off / 4) else None.

Definition jump (s : state) (t : target) : outcome :=
  match t with TIdx k => Cont (with_pc s k) | _ => Halt s end.

Definition exec_ctrl (e : env) (n : Z) (i : instr) (s : state) : outcome :=
  let next := incr_pc s in
  let link := e_base e + 4 * (st_pc s + 1) in
  match i with
  | Ib t => jump s t
  | Ibcond c t => if cond_holds c s then jump s t else Cont next
  | Ibl (TIdx k) => Cont (with_pc (wr W64 (X 30) link s) k)
  | Ibl (TSym f) | Ibl (TSymOff f _) => Cont (emit (wr W64 (X 30) link next) (EvCall f))
  | Ibr r => match code_index e n (rd64 r s) with Some k => Cont (with_pc s k) | None => Halt s end
  | Iblr r =>
      let a := rd64 r s in
      match code_index e n a with
      | Some k => Cont (with_pc (wr W64 (X 30) link s) k)
      | None => Cont (emit (wr W64 (X 30) link next) (EvCallAddr a))
      end
  | Iret r => match code_index e n (rd64 r s) with Some k => Cont (with_pc s k) | None => Halt s end
  | Icbz w nz rt t => if xorb nz (rd w rt s =? 0) then jump s t else Cont next
  | Itbz nz rt b t => if xorb nz (negb (bit (rd64 rt s) b)) then jump s t else Cont next
  | Ieret => Halt (emit s EvEret)
  | Iexc BRK v => Stuck
  | Iexc k v => Cont (emit next (EvExc k v))
  | _ => Stuck
  end.

Definition fetch (p : list instr) (pc : Z) : option instr :=
  if pc <? 0 then None else nth_error p (Z.to_nat pc).

(** One small step of procedure [p]. Falling off the end returns. *)
Definition step (e : env) (p : list instr) (s : state) : outcome :=
  match fetch p (st_pc s) with
  | None => if st_pc s =? Z.of_nat (length p) then Halt s else Stuck
  | Some i =>
      if is_control i then exec_ctrl e (Z.of_nat (length p)) i s
      else match exec_data e i s with Some s' => Cont (with_pc s' (st_pc s + 1)) | None => Stuck end
  end.

(** Procedure-level semantics: run until the procedure returns. *)
Inductive exec_proc (e : env) (p : list instr) : state -> state -> Prop :=
  | ep_halt s s' : step e p s = Halt s' -> exec_proc e p s s'
  | ep_step s s1 s' : step e p s = Cont s1 -> exec_proc e p s1 s' -> exec_proc e p s s'.

(** The executable interpreter (fuel-bounded), for [vm_compute]. *)
Fixpoint run (fuel : nat) (e : env) (p : list instr) (s : state) : option state :=
  match fuel with
  | O => None
  | S f => match step e p s with
           | Cont s' => run f e p s'
           | Halt s' => Some s'
           | Stuck => None
           end
  end.

Theorem run_sound : forall fuel e p s s', run fuel e p s = Some s' -> exec_proc e p s s'.
Proof.
  induction fuel as [|f IH]; simpl; intros e p s s' H; [discriminate|].
  destruct (step e p s) eqn:E; try discriminate.
  - eapply ep_step; eauto.
  - inversion H; subst; now apply ep_halt.
Qed.

(** ** Straight-line procedures and their low specs *)

(** Execute a list of non-control instructions in order (the shape of a generated low spec). *)
Definition step_data (e : env) (i : instr) (s : state) : option state :=
  if is_control i then None else opt_bind (exec_data e i s) (fun s' => Some (with_pc s' (st_pc s + 1))).

Fixpoint exec_seq (e : env) (l : list instr) (s : state) : option state :=
  match l with
  | [] => Some s
  | i :: l' => opt_bind (step_data e i s) (exec_seq e l')
  end.

Definition straight (l : list instr) : bool := forallb (fun i => negb (is_control i)) l.

Lemma fetch_at : forall pre i rest, fetch (pre ++ i :: rest) (Z.of_nat (length pre)) = Some i.
Proof.
  intros. unfold fetch.
  replace (Z.of_nat (length pre) <? 0) with false by (symmetry; apply Z.ltb_ge; lia).
  rewrite Nat2Z.id. rewrite nth_error_app2 by lia. rewrite Nat.sub_diag. reflexivity.
Qed.

(** A straight-line body followed by a final [ret] whose target is outside the code refines
    its low spec [exec_seq]: running the procedure returns exactly the state the low spec computes. *)
Theorem straight_refines :
  forall e body pre p s s',
    p = pre ++ body ++ [Iret (X 30)] ->
    straight body = true ->
    st_pc s = Z.of_nat (length pre) ->
    exec_seq e body s = Some s' ->
    code_index e (Z.of_nat (length p)) (rd64 (X 30) s') = None ->
    run (S (length body)) e p s = Some s'.
Proof.
  intros e body. induction body as [|i body IH]; intros pre p s s' Hp Hs Hpc Hseq Hret.
  - simpl in Hseq. inversion Hseq; subst s'.
    assert (F : fetch p (st_pc s) = Some (Iret (X 30))) by (rewrite Hp, Hpc; apply fetch_at).
    cbn [run]. unfold step. rewrite F. simpl is_control. cbv iota.
    unfold exec_ctrl. rewrite Hret. reflexivity.
  - simpl in Hs. apply andb_prop in Hs. destruct Hs as [Hc Hs].
    apply negb_true_iff in Hc.
    simpl in Hseq. unfold step_data in Hseq. rewrite Hc in Hseq.
    destruct (exec_data e i s) as [s1|] eqn:E; simpl in Hseq; [|discriminate].
    assert (F : fetch p (st_pc s) = Some i) by (rewrite Hp, Hpc; apply fetch_at).
    assert (Hstep : step e p s = Cont (with_pc s1 (st_pc s + 1))).
    { unfold step. rewrite F, Hc, E. reflexivity. }
    cbn [length run]. rewrite Hstep.
    apply (IH (pre ++ [i])); auto.
    + rewrite Hp, <- app_assoc. reflexivity.
    + simpl. rewrite Hpc, app_length. simpl. lia.
Qed.

(** The same for a straight-line procedure that returns by falling off its end
    (the shape of instantiated inline asm). *)
Theorem straight_refines_falloff :
  forall e body pre p s s',
    p = pre ++ body ->
    straight body = true ->
    st_pc s = Z.of_nat (length pre) ->
    exec_seq e body s = Some s' ->
    run (S (length body)) e p s = Some s'.
Proof.
  intros e body. induction body as [|i body IH]; intros pre p s s' Hp Hs Hpc Hseq.
  - simpl in Hseq. inversion Hseq; subst s'.
    cbn [run]. unfold step, fetch.
    rewrite Hpc.
    replace (Z.of_nat (length pre) <? 0) with false by (symmetry; apply Z.ltb_ge; lia).
    rewrite Nat2Z.id. subst p. rewrite app_nil_r.
    rewrite (proj2 (nth_error_None pre (length pre))) by lia.
    rewrite Z.eqb_refl. reflexivity.
  - simpl in Hs. apply andb_prop in Hs. destruct Hs as [Hc Hs].
    apply negb_true_iff in Hc.
    simpl in Hseq. unfold step_data in Hseq. rewrite Hc in Hseq.
    destruct (exec_data e i s) as [s1|] eqn:E; simpl in Hseq; [|discriminate].
    assert (F : fetch p (st_pc s) = Some i) by (rewrite Hp, Hpc; apply fetch_at).
    assert (Hstep : step e p s = Cont (with_pc s1 (st_pc s + 1))).
    { unfold step. rewrite F, Hc, E. reflexivity. }
    cbn [length run]. rewrite Hstep.
    apply (IH (pre ++ [i])); auto.
    + rewrite Hp, <- app_assoc. reflexivity.
    + simpl. rewrite Hpc, app_length. simpl. lia.
Qed.

(** ** Calling an asm procedure (how a code model invokes instantiated inline asm)

    [call_asm e p fuel ins outs s]: write each [(register number, value)] of [ins] (values are
    taken modulo 2^64), start at index 0, run [p] until it returns, and read the registers [outs].
    The pc of the returned state is reset to the caller's. *)
Fixpoint set_regs (ins : list (Z * Z)) (s : state) : state :=
  match ins with
  | [] => s
  | (r, v) :: rest => set_regs rest (wr W64 (X r) v s)
  end.

Definition call_asm (e : env) (p : list instr) (fuel : nat) (ins : list (Z * Z)) (outs : list Z)
    (s : state) : option (list Z * state) :=
  match run fuel e p (with_pc (set_regs ins s) 0) with
  | Some s' => Some (map (fun r => rd64 (X r) s') outs, with_pc s' (st_pc s))
  | None => None
  end.

End SEM.
