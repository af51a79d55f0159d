(* Golden case `counter` of autov build: four layers over one global array.
   Bottom (trusted): memory of `slots`, `log_event`. Slots: get_slot/set_slot, generated.
   Sum: sum_slots and fill_upto (loop bounds inferred: constant, argument), clear_upto (bound given), generated.
   Top: hand-written specs over the same state (equality relation): bump, note, and total/reset/fill
   over the Sum loops (their RefProofs use the loop lemmas of proofs.v); get_slot/set_slot pass
   through Sum, log_event through Slots and Sum. *)

Definition PROJ_NAME := "Counter".
Definition PROJ_BASE := "proof".
(* Hand-written lemmas for the RefProofs of total, reset and fill (the Sum loops). *)
Definition PROJ_PROOFS := "proofs.v".

Record RData := mkRData { slots : ZMap.t Z; log : list Z }.

Section Bottom.
  Definition LAYER_DATA := RData.
  Definition LAYER_CODE := "counter.ll".
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
  Definition LAYER_PRIMS := "sum_slots" :: "clear_upto" :: "fill_upto" :: nil.
  (* Any upper bound works: n iterations are needed. *)
  Definition clear_upto_loop_bound (n : Z) : Z := n + 1.
End Sum.

Section Top.
  Definition LAYER_PRIMS := "bump" :: "note" :: "total" :: "reset" :: "fill" :: nil.
  Definition note_spec (i : Z) (st : RData) : option (Z * RData) :=
    Some (add64 i 1, st {log : i :: st.(log)}).
  (* bump: slot i & 15 read, incremented (64-bit wrap-around) and the event logged; the old value.
     A hand-written spec across layers (get_slot/set_slot through Sum): the RefProof is generated. *)
  Definition bump_spec (i : Z) (st : RData) : option (Z * RData) :=
    let k := iand 64 i 15 in
    let v := wrap 64 (st.(slots) @ k) in
    let st1 := st {slots : st.(slots) # k == iadd 64 v 1} in
    Some (v, st1 {log : i :: st1.(log)}).

  (* total: the sum of the 16 slots, 64-bit wrap-around. *)
  Fixpoint sum_first (k : nat) (m : ZMap.t Z) : Z :=
    match k with
    | O => 0
    | S k => sum_first k m + (m @ Z.of_nat k)
    end.
  Definition total_spec (st : RData) : option (Z * RData) :=
    Some (wrap 64 (sum_first (Z.to_nat 16) st.(slots)), st).

  (* v written to slot i mod 16 for i = from, from + 1, ... (k times), in that order. *)
  Fixpoint write_from (from : Z) (k : nat) (v : Z) (m : ZMap.t Z) : ZMap.t Z :=
    match k with
    | O => m
    | S k => write_from (from + 1) k v (m # (from mod 16) == v)
    end.

  (* reset n: 0 written to slot i mod 16 for i = 0 .. n - 1; fill n v: v likewise. *)
  Definition reset_spec (n : Z) (st : RData) : option RData :=
    Some (st {slots : write_from 0 (Z.to_nat n) 0 st.(slots)}).
  Definition fill_spec (n v : Z) (st : RData) : option RData :=
    Some (st {slots : write_from 0 (Z.to_nat n) v st.(slots)}).
End Top.
