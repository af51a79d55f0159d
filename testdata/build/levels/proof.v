(* Golden case `levels` of autov build: a level switch over a shift computed from the level.
   `pt_index addr level` shifts by 39 - 9 * level; `index_mix` calls it with its own level and then
   switches on the level. Synthesis inlines `pt_index` and, in each case of the switch,
   substitutes the level's literal (the branch pins it), so the shift amount folds to 39, 30
   and 21; the certificate (Mix/index_mix/RefProof.v) makes the same substitution from the
   branch's hypothesis. Expected: every proof checks, and Mix/Spec.v shows literal shifts in
   the three cases. *)

Definition PROJ_NAME := "Levels".
Definition PROJ_BASE := "proof".

Record RData := mkRData { unused : Z }.

Section Bottom.
  Definition LAYER_DATA := RData.
  Definition LAYER_CODE := "levels.ll".
  Definition LAYER_PRIMS := nil.

  Definition init_RData : RData := mkRData 0.
  Definition LAYER_DATA_INIT := "init_RData".
End Bottom.

Section Index.
  Definition LAYER_PRIMS := "pt_index" :: nil.
End Index.

Section Mix.
  Definition LAYER_PRIMS := "index_mix" :: nil.
End Mix.
