(** Inline asm over a register view (AArch64/AsmView.v), on concrete states: reads and writes go
    through the view, a register outside the view or an effect it does not carry leaves the call
    undefined, barriers and TLB maintenance go to the layer's handler in program order, and the
    spec agrees with the machine. *)
From Coq Require Import ZArith List String.
From AutoV.AArch64 Require Import AsmSyntax AsmSemantics AsmView.
Import ListNotations.
Open Scope Z_scope.

(** A state of system registers only (no memory). *)
#[local] Instance regs_mem : MemOps := {|
  mem := Z -> Z;
  mload _ _ _ := None;
  mstore _ _ _ _ := None
|}.

Definition ESR := SR 3 4 5 2 0.
Definition HCR := SR 3 4 1 1 0.
Definition FAR := SR 3 4 6 0 0.

(** The view holds ESR_EL2 and HCR_EL2. *)
Definition in_view (k : Z) : bool := (k =? sr_key ESR) || (k =? sr_key HCR).
Definition get (k : Z) (st : Z -> Z) : option Z := if in_view k then Some (st k) else None.
Definition set (k v : Z) (st : Z -> Z) : option (Z -> Z) :=
  if in_view k then Some (upd st k v) else None.

Definition st0 : Z -> Z := fun k => if k =? sr_key ESR then 42 else 0.

Definition low (code : list instr) (e : env) (s : state) : option state := exec_seq e code s.
Definition call code ins outs args :=
  asm_view_call regs_mem get set no_maint code (low code) ins outs args st0.
Definition result (o : option (list Z * (Z -> Z))) (k : Z) : option (list Z * Z) :=
  match o with Some (rs, st) => Some (rs, st k) | None => None end.

(** [mrs x0, esr_el2]: the view's value. *)
Example read_esr : result (call [Imrs (X 0) ESR] [] [0] []) (sr_key ESR) = Some ([42], 42).
Proof. vm_compute. reflexivity. Qed.

(** [msr hcr_el2, x1; mrs x0, hcr_el2]: the write goes back through the view, modulo 2^64. *)
Example write_hcr :
  result (call [Imsr HCR (X 1); Imrs (X 0) HCR] [1] [0] [2 ^ 64 + 7]) (sr_key HCR) = Some ([7], 7).
Proof. vm_compute. reflexivity. Qed.

(** A register outside the view: undefined. *)
Example read_far : call [Imrs (X 0) FAR] [] [0] [] = None.
Proof. vm_compute. reflexivity. Qed.
Example write_far : call [Imsr FAR (X 0)] [0] [] [1] = None.
Proof. vm_compute. reflexivity. Qed.

(** A barrier, in a layer without a maintenance handler: undefined, not dropped. *)
Example barrier : call [Ibarrier ISB SY] [] [] [] = None.
Proof. vm_compute. reflexivity. Qed.

(** General registers are scratch: x2 is 0 whatever the state. *)
Example scratch : result (call [Imrs (X 0) ESR; Ialu W64 AADD false (X 0) (X 2) (OImm (ILit 1))] [] [0] []) 0
  = Some ([1], 0).
Proof. vm_compute. reflexivity. Qed.

(** The spec and the machine agree (the code proof of a straight-line procedure). *)
Example machine :
  asm_view_machine regs_mem get set no_maint [Imsr HCR (X 1); Imrs (X 0) HCR] [1] [0] [5] st0 =
  asm_view_call regs_mem get set no_maint [Imsr HCR (X 1); Imrs (X 0) HCR]
    (low [Imsr HCR (X 1); Imrs (X 0) HCR]) [1] [0] [5] st0.
Proof.
  destruct (asm_view_call _ _ _ _ _ _ _ _ _ _) as [r|] eqn:E.
  - apply asm_view_call_machine with (low := low [Imsr HCR (X 1); Imrs (X 0) HCR]); [|exact E].
    intros e s s' Hpc Hl.
    apply (straight_refines_falloff e _ [] _ s s'); [reflexivity | reflexivity | exact Hpc | exact Hl].
  - vm_compute in E. discriminate E.
Qed.

(** A layer that logs maintenance: its state is the log (newest first), no system registers. *)
#[local] Instance log_mem : MemOps := {|
  mem := list (string * option Z);
  mload _ _ _ := None;
  mstore _ _ _ _ := None
|}.
Definition no_reg (k : Z) (st : list (string * option Z)) : option Z := None.
Definition no_set (k v : Z) (st : list (string * option Z)) : option (list (string * option Z)) :=
  None.
Definition log (op : string) (a : option Z) (st : list (string * option Z))
    : option (list (string * option Z)) := Some ((op, a) :: st).
Definition low_log (code : list instr) (e : env) (s : @state log_mem) : option (@state log_mem) :=
  exec_seq e code s.

(** [dsb ishst; tlbi ipas2e1is, x0; dsb ish; isb]: each goes to the handler, in program order,
    with its operand. *)
Example maintenance :
  asm_view_call log_mem no_reg no_set log
    [Ibarrier DSB ISHST; Itlbi "ipas2e1is" (Some (X 0)); Ibarrier DSB ISH; Ibarrier ISB SY]
    (low_log [Ibarrier DSB ISHST; Itlbi "ipas2e1is" (Some (X 0)); Ibarrier DSB ISH;
              Ibarrier ISB SY]) [0] [] [4096] []
  = Some ([], [("isb", None); ("dsb ish", None); ("tlbi ipas2e1is", Some 4096);
               ("dsb ishst", None)])%string.
Proof. vm_compute. reflexivity. Qed.

(** A PSTATE write is not maintenance: undefined even with a handler. *)
Example pstate_write :
  asm_view_call log_mem no_reg no_set log [Imsri DAIFSET 2] (low_log [Imsri DAIFSET 2])
    [] [] [] [] = None.
Proof. vm_compute. reflexivity. Qed.
