(** Wrong top-layer spec (off-by-one increment): the layer refinement must fail. *)
From AutoV Require Import All.
From Prog Require Import Globals.
From Prog Require F_inc F_inc2.
From T Require Import Layers Layers2 T_compose.
Local Open Scope Z_scope.

Definition inc2_spec_bad (c : Z) : option Z := Some (wrap 32 (c + 11)).
Definition inc2_prim_bad : primspec Z := fun vs c =>
  match vs with [] => ret_void (inc2_spec_bad c) | _ => None end.
Definition Ltop_bad : layer := {|
  lstate := Z;
  lload := fun _ _ _ => None;
  lstore := fun _ _ _ _ => None;
  lalloc := fun _ _ => None;
  lptr2int := no_ptr2int;
  lfloat := no_float;
  lprim := prims_rel [(g_inc2, inc2_prim_bad)]
|}.

Lemma top_refines_bad : refines Ltop_bad c2 Lmid R2.
Proof. t_layer_intro. unfold inc2_prim_bad, inc2_spec_bad; t_spec_refines R2. Qed.
