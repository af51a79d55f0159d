(* Golden case `kept` of autov build: `Hint NoUnfold bump_spec` keeps the calls of a generated
   (synthesised) spec in the spec synthesised for its caller (kept.c). `bump` (layer Mid) has no
   hand-written spec; `bump2` (layer Top) neither, and its synthesised spec calls `bump_spec`
   twice instead of inlining its body (the reads and writes of the level). Expected: every proof
   checks (Top/bump2/RefProof.v is bump2's certificate, with the calls on both sides). *)

Definition PROJ_NAME := "Kept".
Definition PROJ_BASE := "proof".

Record RData := mkRData { level : Z }.

Section Bottom.
  Definition LAYER_DATA := RData.
  Definition LAYER_CODE := "kept.ll".
  Definition LAYER_PRIMS := "get_level" :: "set_level" :: nil.

  Definition init_RData : RData := mkRData 0.
  Definition LAYER_DATA_INIT := "init_RData".

  (* C `get_level`/`set_level` (declared only): the level, as a 64-bit value. *)
  Definition get_level_spec (st : RData) : option (Z * RData) :=
    Some (wrap 64 st.(level), st).
  Definition set_level_spec (v : Z) (st : RData) : option RData :=
    Some (st {level : v}).
End Bottom.

Section Mid.
  Definition LAYER_PRIMS := "bump" :: nil.
End Mid.

Section Top.
  Definition LAYER_PRIMS := "bump2" :: nil.
  Hint NoUnfold bump_spec.
End Top.
