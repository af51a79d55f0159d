(** The top layer: an abstract counter. *)
From AutoV Require Import All.
From Prog Require Import Globals.
Local Open Scope Z_scope.

Definition inc2_spec (c : Z) : option Z := Some (wrap 32 (c + 10)).

Definition inc2_prim : primspec Z := fun vs c =>
  match vs with [] => ret_void (inc2_spec c) | _ => None end.

Definition Ltop : layer := {|
  lstate := Z;
  lload := fun _ _ _ => None;
  lstore := fun _ _ _ _ => None;
  lalloc := fun _ _ => None;
  lptr2int := no_ptr2int;
  lfloat := no_float;
  lprim := prims_rel [(g_inc2, inc2_prim)]
|}.
