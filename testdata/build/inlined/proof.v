(* Golden case `inlined` of autov build: a synthesised spec that inlines a hand-written spec whose
   precondition names a constant (inlined.c). `swap_level` (layer Mid) has a hand-written spec
   guarded by `level_ok`, which names `LEVEL_MAX`; `swap2` (layer Top) has none, so synthesis
   inlines `swap_level_spec`, `level_ok` and `LEVEL_MAX` into its spec, and its certificate must
   unfold them callers first: `level_ok` before `LEVEL_MAX`, though `LEVEL_MAX` sorts first (the
   unfolding of `level_ok` exposes it). Expected: every proof checks (Top/swap2/RefProof.v is the
   certificate); neg_swap_spec.patch (`swap_level_spec` keeps the level) fails in
   Mid/swap_level/RefProof.v. *)

Definition PROJ_NAME := "Inlined".
Definition PROJ_BASE := "proof".

Record RData := mkRData { level : Z }.

Section Bottom.
  Definition LAYER_DATA := RData.
  Definition LAYER_CODE := "inlined.ll".
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
  Definition LAYER_PRIMS := "swap_level" :: nil.

  (* Levels are below LEVEL_MAX. *)
  Definition LEVEL_MAX : Z := 1000.
  Definition level_ok (l d : Z) : bool := (l <? LEVEL_MAX) && (d <? LEVEL_MAX).

  Definition swap_level_pre (d : Z) (st : RData) : bool := level_ok st.(level) d.
  Definition swap_level_spec (d : Z) (st : RData) : option (Z * RData) :=
    rely level_ok st.(level) d;
    Some (wrap 64 st.(level), st {level : d}).
End Mid.

Section Top.
  Definition LAYER_PRIMS := "swap2" :: nil.
End Top.
