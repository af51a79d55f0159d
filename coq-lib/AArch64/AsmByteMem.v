(** * A concrete byte memory for the AArch64 semantics, and helpers to build initial
    states and dump final ones (used by the differential tests against qemu). *)

From Coq Require Import ZArith String List Bool.
From AutoV.AArch64 Require Import AsmSyntax AsmSemantics.
Import ListNotations.
Open Scope Z_scope.

(** Byte-addressed partial memory: [None] = not mapped. *)
Definition bmem : Type := Z -> option Z.

Fixpoint load_bytes (m : bmem) (a : Z) (k : nat) : option Z :=
  match k with
  | O => Some 0
  | S k' =>
      match m a, load_bytes m (a + 1) k' with
      | Some b, Some r => Some (b + 256 * r)
      | _, _ => None
      end
  end.

Fixpoint store_bytes (m : bmem) (a : Z) (k : nat) (v : Z) : option bmem :=
  match k with
  | O => Some m
  | S k' =>
      match m a with
      | Some _ => store_bytes (fun x => if x =? a then Some (v mod 256) else m x) (a + 1) k' (v / 256)
      | None => None
      end
  end.

#[global] Instance ByteMem : MemOps := {
  mem := bmem;
  mload m a sz := load_bytes m a (Z.to_nat sz);
  mstore m a sz v := store_bytes m a (Z.to_nat sz) v
}.

(** The scratch buffer [lo, lo+len) with byte [i] initialised to [(37 i + 11) mod 256]. *)
Definition scratch (lo len : Z) : bmem :=
  fun a => if (lo <=? a) && (a <? lo + len) then Some ((37 * (a - lo) + 11) mod 256) else None.

Definition regs_of_list (l : list Z) : Z -> Z := fun n => nth (Z.to_nat n) l 0.

Definition init_state (regs : list Z) (sp nzcv : Z) (sys : list (sysreg * Z)) (m : bmem) : @state ByteMem :=
  mkst (regs_of_list regs) (fun _ => 0) sp (bit nzcv 31) (bit nzcv 30) (bit nzcv 29) (bit nzcv 28)
       (fold_left (fun f '(r, v) => upd f (sr_key r) v) sys (fun _ => 0))
       m None [] 0.

Fixpoint seqZ (start : Z) (k : nat) : list Z :=
  match k with O => [] | S k' => start :: seqZ (start + 1) k' end.

(** X0..X30, SP, NZCV, then the scratch buffer as 8-byte little-endian words ([-1] if unreadable). *)
Definition dump (lo len : Z) (s : @state ByteMem) : list Z :=
  map (fun n => st_regs s n) (seqZ 0 31) ++ [st_sp s; flags_nzcv s]
  ++ map (fun k => match load_bytes (st_mem s) (lo + 8 * k) 8 with Some v => v | None => -1 end)
         (seqZ 0 (Z.to_nat (len / 8))).

Definition dump_result (lo len : Z) (r : option (@state ByteMem)) : list Z :=
  match r with Some s => dump lo len s | None => [] end.
