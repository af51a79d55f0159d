(* Golden case `sysreg` of autov build: inline asm over a register view.
   Bottom (trusted): the state holds three EL2 system registers; `get_reg`/`set_reg` are its register
   view (LAYER_GET_REG/LAYER_SET_REG). The inline asm of Regs's code becomes bottom primitives whose
   specs run asmgen's model over that view (Bottom/Asm.v, with their code proofs). Regs: the wrappers
   read_esr (mrs), write_hcr (msr), swap_tpidr (mrs then msr), with hand-written specs: which register
   each one reads or writes; flush_ipa (dsb, tlbi, dsb, isb), whose barriers and TLB maintenance go to
   the bottom's maintenance handler (LAYER_ASM_MAINT: a log in the state), its spec the four events
   in order. Top: exception_class and hcr_from_tpidr, generated specs over the wrappers.
   Expected: every proof checks; neg_wrong_register.patch fails in Regs/read_esr/RefProof.v,
   neg_maint_order.patch in Regs/flush_ipa/RefProof.v. *)

Definition PROJ_NAME := "Sysreg".
Definition PROJ_BASE := "proof".

(* coq-lib `sr_key` of each register: op0 * 2^14 + op1 * 2^11 + CRn * 2^7 + CRm * 2^3 + op2 *)
Definition HCR_EL2 : Z := 57480.
Definition ESR_EL2 : Z := 58000.
Definition TPIDR_EL2 : Z := 59010.

Record RData := mkRData { sysregs : ZMap.t Z; maint : list (string * option Z) }.

Section Bottom.
  Definition LAYER_DATA := RData.
  Definition LAYER_CODE := "sysreg.ll".
  Definition LAYER_PRIMS := nil.

  Definition init_RData : RData := mkRData (zmap_init 0) nil.
  Definition LAYER_DATA_INIT := "init_RData".

  Definition in_view (k : Z) : bool := (k =? HCR_EL2) || (k =? ESR_EL2) || (k =? TPIDR_EL2).
  Definition get_reg (k : Z) (st : RData) : option Z :=
    if in_view k then Some (st.(sysregs) @ k) else None.
  Definition set_reg (k v : Z) (st : RData) : option RData :=
    if in_view k then Some (st {sysregs : st.(sysregs) # k == v}) else None.
  Definition LAYER_GET_REG := "get_reg".
  Definition LAYER_SET_REG := "set_reg".

  (* barriers and TLB/cache maintenance: logged, newest first (instruction text, operand) *)
  Definition log_maint (op : string) (arg : option Z) (st : RData) : option RData :=
    Some (st {maint : (op, arg) :: st.(maint)}).
  Definition LAYER_ASM_MAINT := "log_maint".
End Bottom.

Section Regs.
  Definition LAYER_PRIMS := "read_esr" :: "write_hcr" :: "swap_tpidr" :: "flush_ipa" :: nil.
  Definition read_esr_spec (st : RData) : option (Z * RData) :=
    Some (wrap 64 (st.(sysregs) @ ESR_EL2), st).
  Definition write_hcr_spec (v : Z) (st : RData) : option RData :=
    Some (st {sysregs : st.(sysregs) # HCR_EL2 == v}).
  Definition swap_tpidr_spec (v : Z) (st : RData) : option (Z * RData) :=
    Some (wrap 64 (st.(sysregs) @ TPIDR_EL2), st {sysregs : st.(sysregs) # TPIDR_EL2 == v}).
  Definition flush_ipa_spec (ipa : Z) (st : RData) : option RData :=
    Some (st {maint : ("isb", None) :: ("dsb ish", None) :: ("tlbi ipas2e1is", Some ipa) ::
                      ("dsb ishst", None) :: st.(maint)}).
End Regs.

Section Top.
  Definition LAYER_PRIMS := "exception_class" :: "hcr_from_tpidr" :: nil.
End Top.
