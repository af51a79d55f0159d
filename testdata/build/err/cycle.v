(* `ping` and `pong` call each other: a cycle; calls must go down the layers.
   expect: E-BLD011 *)
Definition PROJ_NAME := "Cycle".
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
  Definition LAYER_PRIMS := "ping" :: "pong" :: nil.
End A.
