(** * Tactics for page-table refinement proofs.

    - [pt_bits]: rewrite the code's bit arithmetic (the IR's literal masks and shifts on 64-bit
      values, [iand]/[ilshr]/[ior]/[iadd], and plain [Z.land]/[Z.lor]) into the div/mod forms of
      [PT/PTDesc.v], proving the range side conditions with [lia];
    - [pt_simpl]: turn library vocabulary on the SeKVM instances ([idx s2 l va], [key s2 l va],
      [dec s2 l d], [s2_mem m l t i] ...) into the same div/mod forms;
    - [pt_frame]: close the slot-level descriptions of a word-map write or clear ([write_at],
      [agree_on], [clear_at]) for the SeKVM layouts, from the layout and pool hypotheses in the
      context;
    - [pt_concrete]: close a closed arithmetic or table fact by computation ([vm_compute]);
      used for concrete examples and for the literal side conditions of instance lemmas. *)
From Coq Require Import ZArith Lia.
From AutoV Require Import Spec Ints.
From AutoV.PT Require Import PTDesc PTBits PTWalk PTTree PTRefine PTInstances.
Local Open Scope Z_scope.

Ltac pt_range := lia.

Ltac pt_bits :=
  repeat first
    [ rewrite i_entry_36 by pt_range | rewrite i_entry_27 by pt_range | rewrite i_entry_18 by pt_range
    | rewrite i_entry_9 by pt_range | rewrite i_entry_root10 by pt_range
    | rewrite i_bit55 by pt_range | rewrite i_bit56 by pt_range | rewrite i_bit57 by pt_range
    | rewrite i_idx8_36 by pt_range | rewrite i_idx8_27 by pt_range | rewrite i_idx8_18 by pt_range
    | rewrite i_idx8_9 by pt_range | rewrite i_idx8_27w10 by pt_range
    | rewrite i_oa | rewrite i_land3
    | rewrite shr36_4088 | rewrite shr27_4088 | rewrite shr18_4088 | rewrite shr9_4088 | rewrite shr27_8184
    | rewrite land_oa | rewrite land3 | rewrite lor_bit55 | rewrite lor_bit56 | rewrite lor_bit57
    | rewrite kva_bits ].

(** The unconditional bridges, in every hypothesis. *)
Ltac pt_bits_hyps :=
  repeat match goal with
  | H : _ |- _ => progress rewrite ?i_oa, ?i_land3, ?shr36_4088, ?shr27_4088, ?shr18_4088, ?shr9_4088,
                    ?shr27_8184, ?land_oa, ?land3, ?lor_bit55, ?lor_bit56, ?lor_bit57, ?kva_bits in H
  end.

Ltac pt_simpl :=
  rewrite ?s2_idx0, ?s2_idx1, ?s2_idx2, ?s2_idx3, ?s2_key2, ?s2_key3,
          ?s2_dec0, ?s2_dec1, ?s2_dec2, ?s2_dec3, ?s2_mem_get,
          ?smmu_idx0, ?smmu_idx1, ?smmu_idx2, ?smmu_key2, ?smmu_dec0, ?smmu_dec1, ?smmu_dec2.

Ltac pt_concrete :=
  vm_compute; repeat match goal with |- _ /\ _ => split end;
  first [ reflexivity | congruence | intro; discriminate | lia ].

(** The library walk on an instance as one match per level, then div/mod vocabulary. *)
Ltac pt_walk_simpl := rewrite ?s2_walk_eq; pt_simpl.

(** Pool membership of a table reached by a walk, from the shape invariant in the context. *)
Ltac pt_cfg_ok := first [ apply s2_ok | apply smmu_ok | apply demo_ok | assumption ].
Ltac pt_root_used := first [ apply s2_root_used | apply smmu_root_used; lia | assumption ].

Ltac pt_pool :=
  match goal with
  | HT : tree_ok ?C ?rd ?pool ?used, Hr : reach ?C ?rd ?k ?r ?va = Some ?t |- ?pool ?k ?t =>
      apply (tr_pool C rd pool used HT);
      apply (reach_used C ltac:(pt_cfg_ok) rd pool used HT k r va t); [ pt_root_used | exact Hr ]
  | HT : tree_ok ?C ?rd ?pool ?used |- ?pool ?l ?t => apply (tr_pool C rd pool used HT); assumption
  end.

Ltac pt_frame :=
  unfold s2_mem;
  match goal with
  | |- write_at ?C ?pool (flat 8 ?m) (flat 8 (?m # (?t + 8 * ?i) == ?v)) ?l ?t ?i ?v =>
      apply flat_write;
      [ first [ apply s2_slots | apply smmu_slots ]; assumption
      | unfold s2_mem in *; pt_pool
      | first [ apply idx_in_tbl; pt_cfg_ok | unfold in_tbl, nent; cbn; lia ] ]
  | |- write_at ?C ?pool (nested ?ms) (nested (tabs_set ?ms ?l ?t ?i ?v)) ?l ?t ?i ?v =>
      apply nested_tabs_set
  | |- agree_on ?C ?pool (flat 8 ?m) (flat 8 (?m # ?a == ?v)) =>
      apply flat_agree; intros ? ? ? ? ?; unfold in_tbl, nent in *; cbn in *
  end.
