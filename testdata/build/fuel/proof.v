(* Golden case `fuel` of autov build: `clear_upto` of ../counter with a loop bound that is too small.
   `clear_upto n` needs n iterations but gets fuel 3: its spec must be None for n > 3 (undefined,
   never wrong) while every proof still checks. Fuel.v (compiled by scripts/build-tests.sh) states
   both sides on the initial state. Two layers: `set_slot` is trusted here. *)

Definition PROJ_NAME := "Fuel".
Definition PROJ_BASE := "proof".

Record RData := mkRData { slots : ZMap.t Z; log : list Z }.

Section Bottom.
  Definition LAYER_DATA := RData.
  Definition LAYER_CODE := "../counter/counter.ll".
  Definition LAYER_PRIMS := "set_slot" :: nil.

  Definition init_RData : RData := mkRData (zmap_init 0) nil.
  Definition LAYER_DATA_INIT := "init_RData".

  Definition set_slot_spec (i v : Z) (st : RData) : option RData :=
    Some (st {slots : st.(slots) # (i & 15) == v}).
End Bottom.

Section Sum.
  Definition LAYER_PRIMS := "clear_upto" :: nil.
  (* Too small on purpose: fuel 3. *)
  Definition clear_upto_loop_bound : Z := 3.
End Sum.
