Definition PROJ_NAME := "S".
Definition PROJ_BASE := "out".
End Nothing. (* expect: E-CFG007 *)
Section A. (* expect: E-CFG038 *)
  Definition LAYER_DATA := Z.
  Definition LAYER_CODE := "../inc/dummy.ll".
  Definition LAYER_PRIMS := nil.
  Section B. (* expect: E-CFG007 *)
End B. (* expect: E-CFG007 *)
Section A. (* expect: E-CFG035 *)
  Definition LAYER_PRIMS := nil.
End A.
Section C. (* expect: E-CFG007 *)
  Definition LAYER_PRIMS := nil.
