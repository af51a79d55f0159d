(* Golden case `fuel` of autov build: the code of ../counter with a loop bound that is too small.
   `clear_upto n` needs n iterations but gets fuel 3: its spec must be None for n > 3 (undefined,
   never wrong) while every proof still checks. Fuel.v (compiled by scripts/build-tests.sh) states
   both sides on the initial state. *)

Definition PROJ_NAME := "Fuel".
Definition PROJ_BASE := "proof".

Record RData := mkRData { slots : ZMap.t Z; log : list Z }.

Section Bottom.
  Definition LAYER_DATA := RData.
  Definition LAYER_CODE := "../counter/counter.ll".
  Definition LAYER_PRIMS := "log_event" :: nil.

  Definition init_RData : RData := mkRData (zmap_init 0) nil.
  Definition LAYER_DATA_INIT := "init_RData".

  Definition is_slots (p : Ptr) : bool :=
    match p.(pbase) with
    | Bglob g => g =s "slots"
    | _ => false
    end.

  (* 8-byte accesses to slots[0..15]. *)
  Definition load_RData (sz : Z) (p : Ptr) (st : RData) : option Z :=
    let off := p.(poffset) in
    rely sz =? 8 && is_slots p && 0 <=? off && off <? 128 && off mod 8 =? 0;
    Some (st.(slots) @ (off / 8)).

  Definition store_RData (sz : Z) (p : Ptr) (v : Z) (st : RData) : option RData :=
    let off := p.(poffset) in
    rely sz =? 8 && is_slots p && 0 <=? off && off <? 128 && off mod 8 =? 0;
    Some (st {slots : st.(slots) # off / 8 == v}).

  Definition LAYER_LOAD := "load_RData".
  Definition LAYER_STORE := "store_RData".

  Definition log_event_spec (i : Z) (st : RData) : option RData :=
    Some (st {log : i :: st.(log)}).
End Bottom.

Section Slots.
  Definition LAYER_PRIMS := "get_slot" :: "set_slot" :: nil.
End Slots.

Section Sum.
  Definition LAYER_PRIMS := "clear_upto" :: nil.
  (* Too small on purpose: fuel 3. *)
  Definition clear_upto_loop_bound : Z := 3.
End Sum.
