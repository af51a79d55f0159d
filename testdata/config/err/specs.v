Definition PROJ_NAME := "P".
Definition PROJ_BASE := "out".
Record St := mkSt { v : Z }.
Section Bottom. (* expect: E-CFG038 *)
  Definition LAYER_DATA := St.
  Definition LAYER_CODE := "../inc/dummy.ll".
  Definition LAYER_PRIMS := "b1" :: "b2" :: "b3" :: "b1" :: nil. (* expect: E-CFG045 *) (* expect: E-CFG048 *)
  Definition b1_spec (x : Z) (st : St) : option (Z * St) := Some (x, st).
  Definition b2_spec (x : list Z) (st : St) : option St := Some st. (* expect: E-CFG042 *)
  Definition nothing_spec (st : St) : option St := Some st. (* expect: E-CFG041 *)
End Bottom.
Section Up.
  Definition LAYER_PRIMS := "u1" :: "u2" :: "u3" :: nil.
  Definition u1_spec (st : St) : option (St * Z) := None. (* expect: E-CFG042 *)
  Definition u2_spec (st : Z) : option Z := None. (* expect: E-CFG042 *)
  Definition u3_loop_bound (n : Z) : bool := true. (* expect: E-CFG047 *)
  Definition zz_loop_bound : Z := 1. (* expect: E-CFG041 *)
  Definition u1_pre (st : St) : Z := 0. (* expect: E-CFG049 *)
  Definition u2_pre (x : Z) (st : St) : bool := true. (* a precondition of the right form *)
  Hint NoUnfold b1_spec nope. (* expect: E-CFG046 *)
  Hint NoTrans u1 u9_mid. (* expect: E-CFG046 *)
  Hint Frobnicate u1. (* expect: E-CFG046 *)
End Up.
Section Rel.
  Definition LAYER_PRIMS := "r1" :: "r2" :: nil. (* expect: E-CFG051 *)
  Definition rel_up (a b : St) : Prop := a.(v) = b.(v) + 1.
  Definition LAYER_REFREL := "rel_up".
  Definition init_rel : St := mkSt 1.
  Definition LAYER_DATA_INIT := "init_rel".
  Definition r2_spec (st : St) : option St := Some st. (* r1 has no spec, r2 has one *)
End Rel.
