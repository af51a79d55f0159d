(** Load / modify / store through the layer. *)
From AutoV Require Import All.
From Prog Require Import Globals Code.
From T Require Import Layers.
Local Open Scope Z_scope.

Lemma inc_correct : forall o m m',
  0 <= o < 2 ^ 32 ->
  inc_spec o m = Some m' ->
  exec_func L0 code g_inc [Vint 32 o] m m' None.
Proof. intros * Ho H; unfold inc_spec in H; destruct_spec H; vcgen. Qed.

(** The same proof in the [implements] form used by layer proofs. *)
Lemma inc_implements : implements L0 code g_inc inc_prim.
Proof. intros vs st r st' H; unfold inc_prim, inc_spec in H; destruct_spec H; vcgen. Qed.
