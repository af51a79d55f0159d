(** Wrong: the result is not wrapped. *)
From AutoV Require Import All.
From Prog Require Import Globals Code.
From T Require Import Layers.
Local Open Scope Z_scope.

Definition callp_spec_bad (k : Z) (m : Mem) : option (Z * Mem) :=
  when r, m1 == bump_spec k m;
  Some (r + 1, m1).

Lemma callp_bad : forall k m r m',
  callp_spec_bad k m = Some (r, m') ->
  exec_func L0 code g_callp [Vint 32 k] m m' (Some (Vint 32 r)).
Proof. intros * H; unfold callp_spec_bad in H; destruct_spec H; vcgen. Qed.
