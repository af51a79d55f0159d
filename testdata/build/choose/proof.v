(* Golden case `choose` of autov build: accessors that choose their field by an argument.
   A memory map (choose.map) gives `struct data`'s fields as abstract fields of `RData`; `get_far`
   is a one-field accessor, `get_ctxt`/`set_ctxt` choose the field by `index` (a register below 8,
   then far, esr, flags), and the map declares which indices select which field
   (`; by get_ctxt(index = 8)`): their specs are generated from the map (one arm per field, the
   field's index bounds and access check) and their RefProofs check the code makes the same
   choice. Expected: every proof checks; neg_swapped_case.patch (the code reads esr for index 8)
   fails in Fields/get_ctxt/RefProof.v. *)

Definition PROJ_NAME := "Choose".
Definition PROJ_BASE := "proof".

Record RData := mkRData { regs : ZMap.t Z; far : ZMap.t Z; esr : ZMap.t Z; flags : ZMap.t Z }.

Include "choose.map".

Section Bottom.
  Definition LAYER_DATA := RData.
  Definition LAYER_CODE := "choose.ll".
  Definition LAYER_PRIMS := "get_data_start" :: nil.

  Definition init_RData : RData := mkRData (zmap_init 0) (zmap_init 0) (zmap_init 0) (zmap_init 0).
  Definition LAYER_DATA_INIT := "init_RData".

  Definition LAYER_LOAD := "mem_load".
  Definition LAYER_STORE := "mem_store".

  (* C `get_data_start` (declared only): the address of the object. *)
  Definition get_data_start_spec (st : RData) : option (Ptr * RData) :=
    Some (mkPtr (Bglob "data_start") 0, st).
End Bottom.

Section Fields.
  Definition LAYER_PRIMS := "get_far" :: "get_ctxt" :: "set_ctxt" :: nil.
End Fields.
