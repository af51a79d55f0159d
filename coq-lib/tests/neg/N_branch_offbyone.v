(** Wrong: off-by-one switch case. *)
From AutoV Require Import All.
From Prog Require Import Globals Code.
From T Require Import Layers.
Local Open Scope Z_scope.

Definition branch_spec_bad (x : Z) (m : Mem) : option (Z * Mem) :=
  if signed32 x <? 0 then Some (0, m)
  else if (x =? 1) || (x =? 2) then Some (10, m)
  else if x =? 6 then Some (20, m)
  else if 100 <? signed32 x then Some (100, m)
  else Some (x, m).

Lemma branch_bad : forall x m r m',
  0 <= x < 2 ^ 32 ->
  branch_spec_bad x m = Some (r, m') ->
  exec_func L0 code g_branch [Vint 32 x] m m' (Some (Vint 32 r)).
Proof. intros * Hx H; unfold branch_spec_bad in H; destruct_spec H; vcgen. Qed.
