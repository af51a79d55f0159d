(* `uses_leaf` (layer B) calls `leaf` (Bottom) through layer A, whose state is another type: `leaf`
   keeps its spec over the bottom's state, so it cannot pass through A (across a relation between
   equal state types it could, with an obligation: testdata/build/relpass).
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
  Definition LAYER_DATA := bool.
  Definition LAYER_PRIMS := "ident" :: nil.
  Definition same (a : bool) (b : Z) : Prop := b = 0.
  Definition LAYER_REFREL := "same".
  Definition init_a : bool := false.
  Definition LAYER_DATA_INIT := "init_a".
  Definition ident_spec (x : Z) (st : bool) : option (Z * bool) := Some (x, st).
End A.
Section B.
  Definition LAYER_PRIMS := "uses_leaf" :: nil.
End B.
