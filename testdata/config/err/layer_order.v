Definition PROJ_NAME := "O".
Definition PROJ_BASE := "out".
Definition global_uses_layer : Z := low + 1. (* expect: E-CFG015 *)
Section Low. (* expect: E-CFG038 *)
  Definition LAYER_DATA := Z.
  Definition LAYER_CODE := "../inc/dummy.ll".
  Definition LAYER_PRIMS := "p" :: nil.
  Definition low : Z := 1.
  Definition uses_high : Z := high. (* expect: E-CFG015 *)
  Definition p_spec (st : Z) : option Z := Some st.
End Low.
Section High.
  Definition LAYER_PRIMS := "q" :: nil.
  Definition high : Z := low.
  Definition p_loop_bound : Z := 3. (* expect: E-CFG015 *)
End High.
