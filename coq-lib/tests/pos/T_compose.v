(** Two-layer refinement, composed with [vertical_composition].
    L0 (memory)  <- F_inc  implements Lmid.inc  (R1: equal memories)
    Lmid         <- F_inc2 implements Ltop.inc2 (R2: counter = word 0) *)
From AutoV Require Import All.
From Prog Require Import Globals.
From Prog Require F_inc F_inc2.
From T Require Import Layers Layers2.
Local Open Scope Z_scope.

Definition c1 : code := [(g_inc, F_inc.f_inc)].
Definition c2 : code := [(g_inc2, F_inc2.f_inc2)].

Definition R1 (a b : Mem) : Prop := a = b.
Definition R2 (c : Z) (m : Mem) : Prop := c = wrap 32 (m @ 0).

(** The proof tactics are the library's [layer_intro] and [spec_refines_tac]. *)
Ltac t_layer_intro := layer_intro.
Ltac t_spec_refines R := spec_refines_tac R.

Lemma mid_refines : refines Lmid c1 L0 R1.
Proof. t_layer_intro. unfold inc_prim, inc_spec; t_spec_refines R1. Qed.

Lemma top_refines : refines Ltop c2 Lmid R2.
Proof. t_layer_intro. unfold inc2_prim, inc2_spec; t_spec_refines R2. Qed.

Theorem top_refines_bottom : refines Ltop c2 (Lcode c1 L0) (rcomp R2 R1).
Proof. exact (vertical_composition Ltop Lmid L0 c1 c2 R2 R1 top_refines mid_refines). Qed.
