(* Hand-written part of the counter case's refinement proofs (PROJ_PROOFS of proof.v, copied by
   `autov build` to Proofs/proofs.v): the synthesised Sum loops against the closed forms of the
   hand-written top specs total, reset and fill. The tactic at the end runs inside their generated
   RefProofs (coq-lib's [ref_user] hook), so a wrong spec or loop fails there. *)
From Coq Require Import String ZArith List Bool Lia.
From AutoV Require Import All Build GenTactics.
From Counter.Top Require Import RefineRel.
Import ListNotations.
Local Open Scope Z_scope.

(** The loop's step: no overflow below the bound, the index's slot, the exit test. *)
Lemma step_facts : forall i n, 0 <= i -> i < n < 2 ^ 64 ->
  ovf_add fl_nuw 64 i 1 = false /\ iand 64 i 15 = i mod 16 /\ iadd 64 i 1 = i + 1 /\
  ieq 64 (i + 1) n = (i + 1 =? n).
Proof.
  intros i n Hi Hn. split; [|split; [|split]].
  - unfold ovf_add. cbn [f_nuw f_nsw fl_nuw andb]. rewrite orb_false_r, negb_false_iff. unfold in_urange.
    rewrite (wrap_small 64 i), (wrap_small 64 1) by lia. apply andb_true_iff. split; [apply Z.leb_le | apply Z.ltb_lt]; lia.
  - unfold iand. rewrite wrap_land_r, (land_ones_lit i 15 4) by (lia || reflexivity). reflexivity.
  - apply wrap_small. lia.
  - unfold ieq. rewrite !(wrap_small 64) by lia. reflexivity.
Qed.

Lemma slots_update : forall st m, update_RData_slots st m = {| slots := m; log := log st |}.
Proof. reflexivity. Qed.

(** [clear_upto]'s and [fill_upto]'s loops from index [i], [S k] iterations before [n]. *)
Ltac write_loop :=
  intros n v k; induction k as [|k IH]; intros fuel i st Hf Hi Hn Hn64; destruct fuel as [|fuel]; try lia;
  cbn -[ZMap.set]; destruct (step_facts i n Hi ltac:(lia)) as (O & M & A & Q); rewrite O, A, Q, M;
  [ rewrite (proj2 (Z.eqb_eq _ _)) by lia; reflexivity
  | rewrite (proj2 (Z.eqb_neq _ _)) by lia; rewrite IH by lia; reflexivity ].

Lemma clear_loop : forall n (v : Z) k fuel i st, (k < fuel)%nat -> 0 <= i -> i + Z.of_nat (S k) = n -> n < 2 ^ 64 ->
  clear_upto_loop1_s fuel n i st = Some (2%nat, update_RData_slots st (write_from i (S k) 0 (slots st))).
Proof. write_loop. Qed.

Lemma fill_loop : forall n v k fuel i st, (k < fuel)%nat -> 0 <= i -> i + Z.of_nat (S k) = n -> n < 2 ^ 64 ->
  fill_upto_loop1_s fuel n v i st = Some (2%nat, update_RData_slots st (write_from i (S k) v (slots st))).
Proof. write_loop. Qed.

(** The specs of the Sum layer in closed form. *)
Lemma clear_upto_ok : forall n st, 0 <= n < 2 ^ 64 ->
  clear_upto_spec n st = Some (update_RData_slots st (write_from 0 (Z.to_nat n) 0 (slots st))).
Proof.
  intros n st Hn. unfold clear_upto_spec. destruct (Z.eqb_spec n 0) as [->|Nz]; [destruct st; reflexivity|].
  rewrite clear_upto_fuel.fuel1_eq. unfold clear_upto_loop_bound.
  rewrite (clear_loop n 0 (Z.to_nat n - 1)) by lia. replace (S (Z.to_nat n - 1)) with (Z.to_nat n) by lia. reflexivity.
Qed.

Lemma fill_upto_ok : forall n v st, 0 <= n < 2 ^ 64 ->
  fill_upto_spec n v st = Some (update_RData_slots st (write_from 0 (Z.to_nat n) v (slots st))).
Proof.
  intros n v st Hn. unfold fill_upto_spec. destruct (Z.eqb_spec n 0) as [->|Nz]; [destruct st; reflexivity|].
  rewrite fill_upto_fuel.fuel1_eq, (wrap_small 64 n) by lia.
  rewrite (fill_loop n v (Z.to_nat n - 1)) by lia. replace (S (Z.to_nat n - 1)) with (Z.to_nat n) by lia. reflexivity.
Qed.

Lemma sum_step : forall i, 0 <= i < 16 -> ovf_add fl_nuw_nsw 64 i 1 = false /\ iand 64 i 15 = i /\ iadd 64 i 1 = i + 1.
Proof.
  intros i Hi. split; [|split].
  - unfold ovf_add, in_urange, in_srange. cbn [f_nuw f_nsw fl_nuw_nsw andb].
    rewrite (wrap_small 64 i), (wrap_small 64 1), (signed_small 64 i), (signed_small 64 1) by (cbn; lia).
    apply orb_false_iff. split; apply negb_false_iff, andb_true_iff; split; (apply Z.leb_le || apply Z.ltb_lt); cbn; lia.
  - unfold iand. rewrite wrap_land_r, (land_ones_lit i 15 4) by (lia || reflexivity). apply Z.mod_small. cbn; lia.
  - apply wrap_small. cbn; lia.
Qed.

(** Two results that are the same sum, wrapped. *)
Ltac same_sum := match goal with |- Some (_, wrap 64 ?a, _) = Some (_, wrap 64 ?b, _) => replace a with b by ring end; reflexivity.

(** [sum_slots]'s loop from index [i] with the sum [acc] so far: [acc] plus the slots from [i] on. *)
Lemma sum_loop : forall k fuel i acc st, (k < fuel)%nat -> 0 <= i -> i + Z.of_nat (S k) = 16 ->
  sum_slots_loop1_s fuel i acc st =
    Some (1%nat, wrap 64 (acc + (sum_first 16 (slots st) - sum_first (Z.to_nat i) (slots st))), st).
Proof.
  induction k as [|k IH]; intros fuel i acc st Hf Hi Hk; destruct fuel as [|fuel]; try lia; cbn [sum_slots_loop1_s];
    destruct (sum_step i ltac:(lia)) as (O & M & A); rewrite O, A, M.
  - replace i with 15 by lia. change (Z.to_nat 15) with 15%nat. cbn -[wrap iadd ZMap.get]. unfold iadd.
    rewrite wrap_add_l by lia. same_sum.
  - rewrite (proj2 (Z.eqb_neq _ _)) by lia. rewrite IH by lia. unfold iadd. rewrite wrap_add_l, <- Z.add_assoc, wrap_add_l by lia.
    rewrite Z2Nat.inj_add, Nat.add_1_r by lia. cbn [sum_first]. rewrite Z2Nat.id by lia. same_sum.
Qed.

Lemma sum_slots_ok : forall st, sum_slots_spec st = Some (wrap 64 (sum_first 16 (slots st)), st).
Proof.
  intros st. unfold sum_slots_spec. rewrite sum_slots_fuel.fuel1_eq, (sum_loop 15) by (cbn; lia).
  cbn [sum_first Z.to_nat]. rewrite Z.add_0_l, Z.sub_0_r. reflexivity.
Qed.

(** The RefProofs of total, reset and fill (equality relation): the low spec calls the Sum spec,
    whose closed form is the hand-written spec's result (the hypothesis the goal is closed with;
    an [injection] of it would make Coq compare the unfolded sums, minutes). When the closed form is not the spec's result, the proof
    fails at once ([fail 3] passes the [first]s around [ref_user]): the generic tactic would only
    spend minutes unfolding the 16 iterations of the sum before failing too. *)
Ltac closed_form spec lspec rw :=
  (unfold spec, lspec in *; rw; eexists; split; [eassumption | reflexivity])
  || fail 3 "the lower spec's closed form is not the result of" spec.

Ltac ref_user hspec lspec R ::=
  unfold R in *; subst;
  repeat match goal with U : in_urange _ _ = true |- _ => apply in_urange_bounds in U end;
  lazymatch hspec with
  | total_spec => closed_form total_spec lspec ltac:(rewrite sum_slots_ok, wrap_wrap)
  | reset_spec => closed_form reset_spec lspec ltac:(rewrite clear_upto_ok by assumption)
  | fill_spec => closed_form fill_spec lspec ltac:(rewrite fill_upto_ok by assumption)
  end.
