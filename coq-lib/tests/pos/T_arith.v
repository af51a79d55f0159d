(** Straight-line arithmetic with wrap-around. *)
From AutoV Require Import All.
From Prog Require Import Globals Code.
From T Require Import Layers.
Local Open Scope Z_scope.

Definition arith_spec (x y : Z) (m : Mem) : option (Z * Mem) :=
  Some (wrap 32 (x * 3 + y - 7), m).

Ltac t_arith :=
  intros * H; unfold arith_spec in H; destruct_spec H; vcgen.

Lemma arith_correct : forall x y m r m',
  arith_spec x y m = Some (r, m') ->
  exec_func L0 code g_arith [Vint 32 x; Vint 32 y] m m' (Some (Vint 32 r)).
Proof. t_arith. Qed.
