(* Golden case `relpass` of autov build: primitives passed through a layer whose refinement
   relation is not equality (relpass.c). The bottom keeps a value doubled in `raw` and counts
   `ticks`; `tick2` (layer Ticks) ticks twice, its spec synthesised; layer Val states its spec over
   `val` and relates it to the bottom's `raw` (`val_rel`: ticks equal, by a named predicate, and
   raw = 2 * val). `step` (layer Top, a hand-written spec) calls `tick2`, which passes through Val,
   so `Val/tick2/PassRef.v` proves that its spec preserves `val_rel` (the frame tactic: it touches
   only `ticks`, which the relation treats as identity once `same_ticks` is unfolded). Expected:
   every proof checks; neg_pass_breaks.patch (`step` also calls a bottom `reset_raw` that clears
   `raw`, breaking raw = 2 * val; its spec says so) fails in Val/reset_raw/PassRef.v;
   neg_val_spec.patch (`get_val` off by one) fails in Val/get_val/RefProof.v; neg_step_spec.patch
   (`step` without the ticks) fails in Top/step/RefProof.v; neg_rel_val.patch (val >= 1, false
   initially) fails in Val/InitRel.v. *)

Definition PROJ_NAME := "Relpass".
Definition PROJ_BASE := "proof".
Definition PROJ_PROOFS := "proofs.v".

(* One record for every layer: the bottom works on `raw` and `ticks`, Val on `val` and `ticks`. *)
Record RData := mkRData { val : Z; raw : Z; ticks : Z }.

Section Bottom.
  Definition LAYER_DATA := RData.
  Definition LAYER_CODE := "relpass.ll".
  Definition LAYER_PRIMS := "get_raw" :: "tick" :: nil.

  Definition init_RData : RData := mkRData 0 0 0.
  Definition LAYER_DATA_INIT := "init_RData".

  (* C `get_raw` (declared only): the stored (doubled) value. *)
  Definition get_raw_spec (st : RData) : option (Z * RData) :=
    Some (wrap 64 st.(raw), st).
  (* C `tick` (declared only): one more tick. *)
  Definition tick_spec (st : RData) : option RData :=
    Some (st {ticks : st.(ticks) + 1}).
End Bottom.

Section Ticks.
  (* `tick2`: its spec is synthesised from its code (two ticks). *)
  Definition LAYER_PRIMS := "tick2" :: nil.
End Ticks.

Section Val.
  Definition LAYER_PRIMS := "get_val" :: nil.
  (* Val's view: the value itself, below 2^62; the ticks as below. *)
  Definition same_ticks (hs ls : RData) : Prop := hs.(ticks) = ls.(ticks).
  Definition val_rel (hs ls : RData) : Prop :=
    same_ticks hs ls /\ ls.(raw) = 2 * hs.(val) /\ 0 <= hs.(val) /\ hs.(val) < 4611686018427387904.
  Definition LAYER_REFREL := "val_rel".
  Definition LAYER_DATA_INIT := "init_RData".

  Definition get_val_spec (st : RData) : option (Z * RData) :=
    Some (st.(val), st).
End Val.

Section Top.
  Definition LAYER_PRIMS := "step" :: nil.
  (* Two ticks, and the value plus one: observes `tick2` (through Val) and `get_val`. *)
  Definition step_spec (st : RData) : option (Z * RData) :=
    Some (add64 st.(val) 1, st {ticks : st.(ticks) + 1 + 1}).
End Top.
