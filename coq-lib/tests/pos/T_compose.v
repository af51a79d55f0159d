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

(** Memory operations of layers without memory are trivially simulated;
    the primitive list is split per name. *)
Ltac t_layer_intro :=
  apply refines_intro;
  [ reflexivity | reflexivity
  | cbn; intros; discriminate | cbn; intros; discriminate | cbn; intros; discriminate | ];
  eapply prims_refines; [ reflexivity | ];
  let p := fresh "p" in let spec := fresh "spec" in let F := fresh "F" in
  intros p spec F; cbn in F;
  repeat match type of F with
  | context [ Pos.eqb p ?g ] =>
      let E := fresh "E" in destruct (Pos.eqb p g) eqn:E;
      [ apply Pos.eqb_eq in E; subst p; injection F; clear F; intros; subst spec | ]
  end;
  try discriminate.

Ltac t_spec_refines R :=
  let vs := fresh "vs" in let hs := fresh "hs" in let hs' := fresh "hs'" in
  let r := fresh "r" in let ls := fresh "ls" in let HR := fresh "HR" in let HS := fresh "HS" in
  intros vs hs hs' r ls HR HS; unfold R in HR; subst;
  destruct_spec HS;
  eexists; split; [ vcgen | unfold R; rewrite ?ZMap.gsspec; cbn; vsolve ].

Lemma mid_refines : refines Lmid c1 L0 R1.
Proof. t_layer_intro. unfold inc_prim, inc_spec; t_spec_refines R1. Qed.

Lemma top_refines : refines Ltop c2 Lmid R2.
Proof. t_layer_intro. unfold inc2_prim, inc2_spec; t_spec_refines R2. Qed.

Theorem top_refines_bottom : refines Ltop c2 (Lcode c1 L0) (rcomp R2 R1).
Proof. exact (vertical_composition Ltop Lmid L0 c1 c2 R2 R1 top_refines mid_refines). Qed.
