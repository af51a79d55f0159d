(** Wrong: the fall-through case 2 is specified without falling through. *)
From AutoV Require Import All.
From G Require Import Globals Code.
From T Require Import Layers.
Local Open Scope Z_scope.

Definition f_spec_bad (x : Z) (m : Mem) : option (Z * Mem) :=
  Some (if x =? 0 then 11 else if x =? 1 then 10 else if x =? 2 then 200
        else if x =? 3 then 2000 else if x =? 4 then 0 else wrap 32 (-5), m).

Lemma f_bad : forall x m r m',
  0 <= x < 2 ^ 32 ->
  f_spec_bad x m = Some (r, m') ->
  exec_func L0 code g_f [Vint 32 x] m m' (Some (Vint 32 r)).
Proof. intros * Hx H; unfold f_spec_bad in H; destruct_spec H; vcgen. Qed.
