(** Wrong: the spec forgets the wrap-around. *)
From AutoV Require Import All.
From Prog Require Import Globals Code.
From T Require Import Layers T_arith.
Local Open Scope Z_scope.

Definition arith_spec_bad (x y : Z) (m : Mem) : option (Z * Mem) := Some (x * 3 + y - 7, m).

Lemma arith_bad : forall x y m r m',
  arith_spec_bad x y m = Some (r, m') ->
  exec_func L0 code g_arith [Vint 32 x; Vint 32 y] m m' (Some (Vint 32 r)).
Proof. intros * H; unfold arith_spec_bad in H; destruct_spec H; vcgen. Qed.
