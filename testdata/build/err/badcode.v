(* LAYER_CODE names a .json file that is no ir2json module.
   expect: E-BLD001 *)
Definition PROJ_NAME := "BadCode".
Definition PROJ_BASE := "out".
Section Bottom.
  Definition LAYER_DATA := Z.
  Definition init : Z := 0.
  Definition LAYER_DATA_INIT := "init".
  Definition LAYER_CODE := "bad.json".
  Definition LAYER_PRIMS := "leaf" :: nil.
  Definition leaf_spec (x : Z) (st : Z) : option (Z * Z) := Some (add64 x 1, st).
End Bottom.
