(* common2.v is included twice (directly and through common.v) and loaded once. *)
Include "../inc/common2.v".
Include "../inc/common.v".
Definition PROJ_NAME := "Inc".
Definition PROJ_BASE := "out".
Section L0.
  Definition LAYER_DATA := Owner.
  Definition LAYER_DATA_INIT := "init0".
  Definition init0 : Owner := Host.
  Definition LAYER_PRIMS := nil.
End L0.
Section L1.
  Definition LAYER_DATA := RData.
  Definition LAYER_CODE := "../inc/dummy.ll".
  Definition LAYER_PRIMS := "h" :: nil.
  Definition r (hi : RData) (lo : Owner) : Prop := hi.(cnt) = 0 /\ lo = Host.
  Definition LAYER_REFREL := "r".
  Definition init1 : RData := mkRData 0 (zmap_init 0) (zmap_init None) nil.
  Definition LAYER_DATA_INIT := "init1".
  (* a layer with a relation other than equality states its primitives' specs by hand (E-CFG051) *)
  Definition h_spec (st : RData) : option RData := Some st.
End L1.
