(* `halve` has a loop without an inferable bound and no `halve_loop_bound`: no low spec; its caller
   `uses_halve` then has a callee without a spec.
   expect: E-BLD021 E-BLD012 *)
Definition PROJ_NAME := "NoBound".
Definition PROJ_BASE := "out".
Section Bottom.
  Definition LAYER_DATA := Z.
  Definition init : Z := 0.
  Definition LAYER_DATA_INIT := "init".
  Definition LAYER_CODE := "calls.ll".
  Definition LAYER_PRIMS := "leaf" :: nil.
  Definition leaf_spec (x : Z) (st : Z) : option (Z * Z) := Some (add64 x 1, st).
End Bottom.
Section A.
  Definition LAYER_PRIMS := "halve" :: nil.
End A.
Section B.
  Definition LAYER_PRIMS := "uses_halve" :: nil.
End B.
