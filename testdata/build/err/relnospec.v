(* Layer A relates its state to the bottom's by a relation that is not equality, and its primitive
   `ident` has no hand-written spec: a spec generated from the code speaks of the state below, so
   it cannot be proved against the relation.
   expect: E-CFG051 *)
Definition PROJ_NAME := "RelNoSpec".
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
  Definition double (a b : Z) : Prop := b = 2 * a.
  Definition LAYER_REFREL := "double".
  Definition LAYER_DATA_INIT := "init".
End A.
