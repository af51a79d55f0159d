(* PROJ_NAME is missing; several reserved definitions are misused. *)
(* expect-global: E-CFG031 *)
Definition PROJ_BASE := 42. (* expect: E-CFG030 *)
Definition LAYER_DATA := Z. (* expect: E-CFG030 *)
Record St := mkSt { v : Z }.
Definition rel_bad (a : St) (b : St) : bool := true.
Definition load_bad (p : Ptr) (st : St) : option Z := None.
Section Bottom. (* expect: E-CFG038 *)
  Definition PROJ_NAME := "X". (* expect: E-CFG030 *)
  Definition LAYER_DATA := St.
  Definition LAYER_CODE := "../inc/missing.ll". (* expect: E-CFG037 *)
  Definition LAYER_PRIMS := "a" :: b :: nil. (* expect: E-CFG030 *)
  Definition LAYER_FOO := "x". (* expect: E-CFG032 *)
  Definition LAYER_LOAD := "load_bad". (* expect: E-CFG033 *)
  Definition LAYER_STORE := "nothing". (* expect: E-CFG033 *)
  Definition LAYER_REFREL := "rel_bad". (* expect: E-CFG034 *)
End Bottom.
Section Top. (* expect: E-CFG038 *)
  Definition LAYER_PRIMS := nil.
  Definition LAYER_REFREL := "rel_bad". (* expect: E-CFG034 *)
  Definition LAYER_PRIMS := nil. (* expect: E-CFG012 *)
End Top.
Record Other := mkOther { ov : Z }.
Section Changed. (* expect: E-CFG034 *) (* expect: E-CFG038 *)
  Definition LAYER_DATA := Other.
  Definition LAYER_PRIMS := nil.
End Changed.
Section NotIR.
  Definition LAYER_CODE := "../inc/common.v". (* expect: E-CFG030 *)
  Definition LAYER_PRIMS := nil.
End NotIR.
