(** Wrong: the stored word is not wrapped to 32 bits. *)
From AutoV Require Import All.
From Prog Require Import Globals Code.
From T Require Import Layers.
Local Open Scope Z_scope.

Definition inc_spec_bad (o : Z) (m : Mem) : option Mem :=
  rely ((0 <=? signed32 o) && (signed32 o <? 100));
  Some (m # (signed32 o * 4) == m @ (signed32 o * 4) + 5).

Lemma inc_bad : forall o m m',
  0 <= o < 2 ^ 32 ->
  inc_spec_bad o m = Some m' ->
  exec_func L0 code g_inc [Vint 32 o] m m' None.
Proof. intros * Ho H; unfold inc_spec_bad in H; destruct_spec H; vcgen. Qed.
