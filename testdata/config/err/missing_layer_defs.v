Definition PROJ_NAME := "M".
Definition PROJ_BASE := "out".
Section Bottom. (* expect: E-CFG031 *) (* expect: E-CFG031 *) (* expect: E-CFG038 *)
  Definition x := 1.
End Bottom.
Section Up. (* expect: E-CFG031 *)
  Definition LAYER_PRIMS := nil.
End Up.
