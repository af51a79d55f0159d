(* `uses_leaf` (layer B) calls `leaf` (Bottom) through layer A, whose refinement relation is not
   equality: `leaf` cannot pass through A.
   expect: E-BLD010 E-BLD012 *)
Definition PROJ_NAME := "Pass".
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
  Definition LAYER_PRIMS := "ident" :: nil.
  Definition same (a b : Z) : Prop := a = b.
  Definition LAYER_REFREL := "same".
  Definition LAYER_DATA_INIT := "init".
End A.
Section B.
  Definition LAYER_PRIMS := "uses_leaf" :: nil.
End B.
