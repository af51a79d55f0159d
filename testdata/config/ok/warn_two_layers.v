(* A primitive listed in two layers is a warning; the lowest layer's entry is used. *)
Definition PROJ_NAME := "Warn".
Definition PROJ_BASE := "out".
Section Bottom.
  Definition LAYER_DATA := Z.
  Definition LAYER_DATA_INIT := "zero".
  Definition zero : Z := 0.
  Definition LAYER_CODE := "../inc/dummy.ll".
  Definition LAYER_PRIMS := "tick" :: nil.
  Definition tick_spec (st : Z) : option (Z * Z) := Some (st, st + 1).
End Bottom.
Section Up.
  Definition LAYER_PRIMS := "tick" :: "tock" :: nil. (* expect: W-CFG040 *)
End Up.
