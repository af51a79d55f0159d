(* Hand-written part of the SMMU tree layer's proofs (SmmuPTTreeOps; PROJ_PROOFS of proof.v, copied
   by `autov build` into the generated project as Proofs/smmupt.v).

   The relation `smmupt_rel` (coq-lib's `smmu_rel` and `smmu_shape`) holds initially
   (`smmupt_init`); `init_smmu_pt` clears a context's root (`init_smmu_pt_refines`: coq-lib's
   `smmu_rel_clear`, `smmu_shape_clear`) and `walk_smmu_pt`'s three steps read what coq-lib's walk
   reads (`walk_smmu_pt_refines`: `smmu_rel_walk`), each step's address in a table of the SMMU pool,
   so outside every stage-2 pool (`smmu_table_outside`); `set_smmu_pt` follows the code step by
   step (`pgd_step`, `pmd_step`: each walk step with allocation keeps the whole relation with the
   upper state's `smmu_alloc1`/`smmu_alloc2`, since the table maps say exactly where the code
   allocates (coq-lib's `smmu_shape_1/2`), and coq-lib's link lemmas keep the tree relation and the
   shapes; `pte_step`: the leaf write changes one entry of one context's map;
   `set_smmu_pt_refines`); `ref_user` applies them in the generated RefProofs, and dispatches the
   stage-2 tree layer's specs to Proofs/s2pt.v's. *)
From Coq Require Import String ZArith List Bool Lia.
From AutoV Require Import All Build GenTactics.
From AutoV.PT Require Import PTDesc PTBits PTWalk PTTree PTRefine PTInstances PTShape PTSmmuShape PTTactics.
From SeKVM.SmmuPTTreeOps Require Import RefineRel.
From SeKVM.SmmuPTTreeOps.walk_smmu_pt Require Import LowSpec.
From SeKVM.SmmuPTTreeOps.init_smmu_pt Require Import LowSpec.
From SeKVM.SmmuPTTreeOps.set_smmu_pt Require Import LowSpec.
From SeKVM.SmmuPTWalk.walk_smmu_pgd Require Import LowSpec RefProof.
From SeKVM.Proofs Require Import bottom s2pt smmu_pass.
Local Open Scope Z_scope.

(** * Layout *)

Lemma outside_s2_pools_sub : forall st a len b l, outside_s2_pools (vm_pool_start st) a len = true -> a <= b -> 0 <= l ->
  b + l <= a + len -> outside_s2_pools (vm_pool_start st) b l = true.
Proof.
  intros st a len b l H H1 H2 H3. unfold outside_s2_pools in *. rewrite outside_pools_below_iff in *.
  intros v Hv. destruct (H v Hv); lia.
Qed.

Lemma smmu_reach_in_pool : forall P root nctx n1 n2 m A j k va t, smmu_rel P root nctx n1 n2 m A ->
  0 <= j < nctx -> (k = 1 \/ k = 2)%nat -> reach smmu (flat 8 m) k (root j) va = Some t ->
  P <= t /\ t + 4096 <= P + 16777216 /\ t mod 4096 = 0 /\ 0 < t.
Proof.
  intros P root nctx n1 n2 m A j k va t HR Hj Hk Hr. pose proof HR as (HL & H1 & H2 & HT & HM).
  pose proof (reach_used smmu smmu_ok _ _ _ HT k (root j) va t (smmu_root_used _ _ _ _ _ _ Hj) Hr) as Hu.
  pose proof (tr_pool _ _ _ _ HT _ _ Hu) as Hp.
  destruct (smmu_table_addr P root nctx k t HL Hk Hp) as (Ha & Hb & Hc).
  assert (Hb' : bump_pool (smmu_lo P) smmu_cap 4096 k t) by (destruct Hk as [-> | ->]; exact Hp).
  destruct (smmu_bump_range P smmu_cap k t (fun _ => Z.le_refl _) Hb') as (_ & R). lia.
Qed.

(** * The initial state *)

Lemma boot_smmu_roots_get : forall n j, 0 <= j < Z.of_nat n -> boot_smmu_roots n @ j = 2164260864 + j * 8192.
Proof. exact (zmap_upto_get _ boot_smmu_roots (fun j => 2164260864 + j * 8192) (fun _ => eq_refl)). Qed.

Lemma outside_s2_pools_init : forall a len, 1711276032 <= a -> outside_s2_pools (vm_pool_start init_RData) a len = true.
Proof.
  intros a len Ha. unfold outside_s2_pools. apply outside_pools_below_iff. intros v Hv. right.
  cbn [vm_pool_start init_RData]. rewrite boot_pool_starts_get by (cbn in *; lia). unfold s2_pool_size.
  cbn in Hv. destruct (s2_cap3_cases v) as [E|E]; rewrite E; lia.
Qed.

Lemma smmupt_init : smmupt_rel init_RData init_RData.
Proof.
  assert (Hr : forall j, 0 <= j < 16 -> smmu_ttbr init_RData @ j = 2164260864 + j * 8192)
    by (intros j Hj; apply boot_smmu_roots_get; cbn; lia).
  assert (HL : smmu_layout (smmu_pool_start init_RData) (smmu_root_of init_RData) 16).
  { unfold smmu_root_of. cbn [smmu_pool_start init_RData]. constructor; intros; rewrite ?Hr by lia;
      change (2 ^ 48) with 281474976710656; try reflexivity; try lia.
    replace (2164260864 + j * 8192) with ((528384 + 2 * j) * 4096) by ring. apply Z.mod_mul. lia. }
  unfold smmupt_rel. split; [reflexivity|]. split; [|split; [|split]].
  - split; [exact HL|]. split; [cbn; lia|]. split; [apply outside_s2_pools_init; cbn; lia|].
    intros j H0 H1. rewrite Hr by lia. split; [lia|]. apply outside_s2_pools_init. lia.
  - intros a. cbn [pt_mem init_RData]. rewrite ZMap.gi. lia.
  - apply (smmu_rel_ext _ _ _ _ _ _ (fun _ => aempty)).
    + intros j l k Hj. unfold smmu_amaps. cbn [smmu_pg init_RData]. rewrite ZMap.gi. apply smmu_amap_empty.
    + cbn [smmu_pgd_used smmu_pmd_used pt_mem init_RData]. apply smmu_rel_init; [exact HL | |];
        intros; apply ZMap.gi.
  - intros j H0 H1. cbn [pt_mem smmu_tbl1 smmu_tbl2 init_RData]. rewrite !ZMap.gi.
    apply smmu_shape_init. intros; apply ZMap.gi.
Qed.
#[export] Hint Resolve smmupt_init : initrel.

(** * The relation's parts *)

Lemma smmu_forget_pt_mem : forall st m, smmu_forget (update_RData_pt_mem st m) = smmu_forget st.
Proof. intros [] m. reflexivity. Qed.

Lemma smmu_layout_ok_pt_mem : forall st m, smmu_layout_ok (update_RData_pt_mem st m) <-> smmu_layout_ok st.
Proof. intros [] m. reflexivity. Qed.

Lemma smmu_ctx_range : forall c n, smmu_ctx_ok c n = true -> 0 <= c < 8 /\ 0 <= n < 2 /\ 0 <= n * 8 + c < 16.
Proof.
  intros c n H. unfold smmu_ctx_ok in H. repeat (apply andb_true_iff in H as [H ?]).
  rewrite ?Z.leb_le, ?Z.ltb_lt in *. lia.
Qed.

(* A root as `smmu_pt_clear` and the walk compute it from the context's `hw_ttbr`. *)
Lemma smmu_root_bits : forall st j, smmu_layout_ok st -> 0 <= j < 16 ->
  Z.land (smmu_ttbr st @ j) 1099511627775 = smmu_ttbr st @ j /\ oa (smmu_ttbr st @ j) = smmu_ttbr st @ j /\
  0 < smmu_ttbr st @ j /\ smmu_ttbr st @ j + 8192 <= 2 ^ 40.
Proof.
  intros st j (HL & _ & _ & Hr) Hj. destruct (Hr j ltac:(lia) ltac:(lia)) as [Ht _].
  pose proof (sm_root_align _ _ _ HL j Hj) as Ha. pose proof (sm_root_pos _ _ _ HL j Hj) as Hp.
  unfold smmu_root_of in *. change (2 ^ 40) with 1099511627776. split; [|split; [|split]]; try lia.
  - rewrite land40 by lia. apply Z.mod_small. lia.
  - apply oa_id; [cbn; lia | exact Ha].
Qed.

(** * init_smmu_pt *)

Theorem init_smmu_pt_refines : forall c n hs hs' ls,
  init_smmu_pt_spec c n hs = Some hs' -> smmupt_rel hs ls ->
  exists ls', init_smmu_pt_spec_low c n ls = Some ls' /\ smmupt_rel hs' ls'.
Proof.
  intros c n hs hs' ls H HR. unfold init_smmu_pt_spec, init_smmu_pt_pre in H.
  destruct (smmu_ctx_ok c n && lock_held hs LOCK_SPT) eqn:B; [|discriminate H]. injection H as <-.
  apply andb_true_iff in B as [B _]. destruct (smmu_ctx_range _ _ B) as (Hc & Hn & Hj).
  pose proof HR as (Hf & Hlay & Hw & Hrel & Hsh).
  set (j := n * 8 + c) in *. set (r := smmu_ttbr ls @ j).
  destruct (smmu_root_bits ls j Hlay Hj) as (Hr1 & _ & Hr3 & Hr4). fold r in Hr1, Hr3, Hr4.
  assert (Ho : outside_s2_pools (vm_pool_start ls) r 8192 = true) by (destruct Hlay as (_ & _ & _ & Hl); apply (Hl j); lia).
  set (m' := zero_bytes (pt_mem ls) r (Z.to_nat 8192)).
  assert (Hm' : forall b, m' @ b = if (r <=? b) && (b <? r + 8192) then 0 else pt_mem ls @ b)
    by (intros b; unfold m'; rewrite zero_bytes_get, Z2Nat.id by lia; reflexivity).
  exists (update_RData_pt_mem ls m'). split.
  { unfold init_smmu_pt_spec_low, smmu_pt_clear_spec. fold j. fold r. rewrite Hr1.
    unfold smmu_ctx_ok in B. rewrite B, Ho. reflexivity. }
  assert (Hz : forall a, r <= a < r + 8192 -> m' @ a = 0)
    by (intros a Ha; rewrite Hm'; destruct (Z.leb_spec r a), (Z.ltb_spec a (r + 8192)); cbn; lia).
  assert (Hk : forall a, ~ (r <= a < r + 8192) -> m' @ a = pt_mem ls @ a)
    by (intros a Ha; rewrite Hm'; destruct (Z.leb_spec r a), (Z.ltb_spec a (r + 8192)); cbn; [lia|reflexivity..]).
  unfold smmupt_rel. split; [|split; [|split; [|split]]].
  - rewrite smmu_forget_pt_mem, <- Hf. destruct hs; reflexivity.
  - apply smmu_layout_ok_pt_mem. exact Hlay.
  - intros a. change (pt_mem (update_RData_pt_mem ls m')) with m'. rewrite Hm'. destruct (_ && _); [lia|apply Hw].
  - change (smmu_pool_start (update_RData_pt_mem ls m')) with (smmu_pool_start ls).
    change (smmu_root_of (update_RData_pt_mem ls m')) with (smmu_root_of ls).
    change (smmu_pgd_used (update_RData_pt_mem ls m')) with (smmu_pgd_used ls).
    change (smmu_pmd_used (update_RData_pt_mem ls m')) with (smmu_pmd_used ls).
    change (pt_mem (update_RData_pt_mem ls m')) with m'.
    refine (smmu_rel_ext _ _ _ _ _ _ _ _ _ (smmu_rel_clear _ _ _ _ _ _ m' _ j Hrel ltac:(lia) Hz Hk)).
    intros j' l k Hj'. unfold ctx_set, smmu_amaps. cbn [smmu_pg update_RData_smmu_tbl2 update_RData_smmu_tbl1 update_RData_smmu_pg].
    unfold smmu_ctx. fold j. rewrite ZMap.gsspec. destruct (j' =? j); [apply smmu_amap_empty | reflexivity].
  - intros j' H0 H1. change (pt_mem (update_RData_pt_mem ls m')) with m'.
    change (smmu_ttbr (update_RData_pt_mem ls m')) with (smmu_ttbr ls).
    cbn [smmu_tbl1 smmu_tbl2 update_RData_smmu_tbl2 update_RData_smmu_tbl1 update_RData_smmu_pg].
    destruct (smmu_shape_clear _ _ _ _ _ _ m' _ j Hrel ltac:(lia) Hz Hk) as [Hs0 Hs1].
    unfold smmu_ctx. fold j. rewrite !ZMap.gsspec. destruct (Z.eqb_spec j' j) as [->|Hne]; [exact Hs0|].
    apply (Hs1 j'); [lia | exact Hne | apply Hsh; lia].
Qed.

(** * walk_smmu_pt *)

(* The three walk steps without allocation, reading where the tables are. *)

(* `walk_smmu_pgd`'s synthesised spec is its code's meaning (its certificate): its entry address,
   whose `add nuw nsw` does not overflow, is the load's key itself (below 2^40). *)
Lemma walk_smmu_pgd_open : forall st t va a, 0 <= va < 2 ^ 64 -> 0 <= t < 2 ^ 64 -> 0 <= a < 2 ^ 32 ->
  oa t <> 0 -> oa t + 8192 <= 2 ^ 40 ->
  walk_smmu_pgd_spec t va a st =
    let K := oa t + 8 * field 30 10 va in
    match smmu_pt_load_spec K st with
    | Some (r, st0) =>
        if ieq 32 a 1 && ieq 64 (iand 64 (wrap 64 r) 281474976706560) 0 then
          match alloc_smmu_pgd_page_spec st0 with
          | Some (r8, st1) =>
              match smmu_pt_store_spec K (ior 64 (wrap 64 r8) 3) st1 with
              | Some st2 => Some (ior 64 (wrap 64 r8) 3, st2)
              | None => None
              end
          | None => None
          end
        else Some (wrap 64 r, st0)
    | None => None
    end.
Proof.
  intros st t va a Hva Ht64 Ha Ht Htop. pose proof (field_range 30 10 va ltac:(lia)). pose proof (oa_range t).
  rewrite walk_smmu_pgd_spec_synth by (unfold in_urange; rewrite andb_true_iff, Z.leb_le, Z.ltb_lt; lia).
  unfold walk_smmu_pgd_spec_low. cbv zeta.
  rewrite i_idx8_27w10, i_oa by lia.
  assert (E0 : ieq 64 (oa t) 0 = false).
  { unfold ieq. rewrite (wrap_small 64 (oa t)), (wrap_small 64 0) by (cbn in *; lia). apply Z.eqb_neq. exact Ht. }
  rewrite E0. change (64 <=? wrap 64 27) with false. cbv iota.
  assert (E1 : ovf_add fl_nuw_nsw 64 (8 * field 30 10 va) (oa t) = false).
  { unfold ovf_add, in_urange, in_srange, signed, fl_nuw_nsw. cbn [f_nuw f_nsw andb orb negb].
    rewrite (wrap_small 64 (8 * _)), (wrap_small 64 (oa t)) by (cbn in *; lia).
    repeat match goal with |- context [ ?x <? ?y ] => destruct (Z.ltb_spec x y) end;
    repeat match goal with |- context [ ?x <=? ?y ] => destruct (Z.leb_spec x y) end; cbn in *; try reflexivity; lia. }
  rewrite E1. unfold iadd. rewrite (wrap_small 64 (8 * _ + oa t)) by (cbn in *; lia).
  rewrite (Z.add_comm (8 * _)). reflexivity.
Qed.

Lemma smmu_pgd_read : forall st t va, 0 <= va < 2 ^ 64 -> 0 <= t < 2 ^ 64 -> oa t <> 0 -> oa t + 8192 <= 2 ^ 40 ->
  outside_s2_pools (vm_pool_start st) (oa t + 8 * field 30 10 va) 1 = true ->
  walk_smmu_pgd_spec t va 0 st = Some (wrap 64 (pt_mem st @ (oa t + 8 * field 30 10 va)), st).
Proof.
  intros st t va Hva Ht64 Ht Htop Ho. pose proof (field_range 30 10 va ltac:(lia)). pose proof (oa_range t).
  rewrite walk_smmu_pgd_open by (assumption || lia). cbv zeta. unfold smmu_pt_load_spec.
  rewrite land40_small by (cbn in *; lia). rewrite Ho. cbv beta iota. change (ieq 32 0 1) with false. reflexivity.
Qed.

Lemma smmu_step_read : forall st t va sh s, (sh = 18 /\ s = 21 \/ sh = 9 /\ s = 12) -> 0 <= va < 2 ^ 64 ->
  oa t <> 0 -> oa t + 4096 <= 2 ^ 40 -> outside_s2_pools (vm_pool_start st) (oa t + 8 * field s 9 va) 1 = true ->
  Z.land (ior 64 (iand 64 (ilshr 64 va sh) 4088) (iand 64 t 281474976706560)) 1099511627775 = oa t + 8 * field s 9 va /\
  iand 64 t 281474976706560 =? 0 = false.
Proof.
  intros st t va sh s Hs Hva Ht Htop Ho. pose proof (field_range s 9 va ltac:(lia)). pose proof (oa_range t).
  split; [|rewrite i_oa; apply Z.eqb_neq; exact Ht].
  destruct Hs as [[-> ->]|[-> ->]]; [rewrite i_entry_18 by lia | rewrite i_entry_9 by lia];
    apply land40_small; cbn in *; lia.
Qed.

Lemma smmu_pmd_read : forall st t va, 0 <= va < 2 ^ 64 -> oa t <> 0 -> oa t + 4096 <= 2 ^ 40 ->
  outside_s2_pools (vm_pool_start st) (oa t + 8 * field 21 9 va) 1 = true ->
  walk_smmu_pmd_spec t va 0 st = Some (wrap 64 (pt_mem st @ (oa t + 8 * field 21 9 va)), st).
Proof.
  intros st t va Hva Ht Htop Ho. destruct (smmu_step_read st t va 18 21 ltac:(auto) Hva Ht Htop Ho) as [K Z0].
  unfold walk_smmu_pmd_spec. rewrite K, Z0, Ho. reflexivity.
Qed.

Lemma smmu_pte_read : forall st t va, 0 <= va < 2 ^ 64 -> oa t <> 0 -> oa t + 4096 <= 2 ^ 40 ->
  outside_s2_pools (vm_pool_start st) (oa t + 8 * field 12 9 va) 1 = true ->
  walk_smmu_pte_spec t va st = Some (wrap 64 (pt_mem st @ (oa t + 8 * field 12 9 va)), st).
Proof.
  intros st t va Hva Ht Htop Ho. destruct (smmu_step_read st t va 9 12 ltac:(auto) Hva Ht Htop Ho) as [K Z0].
  unfold walk_smmu_pte_spec. rewrite K, Z0, Ho. reflexivity.
Qed.

Lemma smmu_pmd_zero : forall st t va a, oa t = 0 -> walk_smmu_pmd_spec t va a st = Some (0, st).
Proof. intros st t va a H. unfold walk_smmu_pmd_spec. rewrite i_oa, H. reflexivity. Qed.
Lemma smmu_pte_zero : forall st t va, oa t = 0 -> walk_smmu_pte_spec t va st = Some (0, st).
Proof. intros st t va H. unfold walk_smmu_pte_spec. rewrite i_oa, H. reflexivity. Qed.

Lemma get_smmu_ttbr : forall c n st, 0 <= c < 8 -> 0 <= n < 2 ->
  get_smmu_cfg_hw_ttbr_spec c n st = Some (wrap 64 (smmu_ttbr st @ (n * 8 + c)), st).
Proof.
  intros c n st Hc Hn. assert (E : iadd 32 (ishl 32 n 3) c = n * 8 + c).
  { unfold iadd, ishl. rewrite (wrap_small 32 3) by (cbn; lia).
    rewrite Z.shiftl_mul_pow2 by lia. rewrite (wrap_small 32 (n * 2 ^ 3)) by (cbn; lia).
    apply wrap_small. cbn. lia. }
  unfold get_smmu_cfg_hw_ttbr_spec. rewrite E. destruct (Z.ltb_spec (n * 8 + c) 16); [reflexivity | lia].
Qed.


(* A table the walk of a context reaches below its root lies in the SMMU pool: below 2^40 and
   outside every stage-2 pool, as is each of its entries. *)
Lemma smmu_table_outside : forall ls A j k va t o, smmu_layout_ok ls ->
  smmu_rel (smmu_pool_start ls) (smmu_root_of ls) 16 (smmu_pgd_used ls) (smmu_pmd_used ls) (pt_mem ls) A ->
  0 <= j < 16 -> (k = 1 \/ k = 2)%nat -> reach smmu (flat 8 (pt_mem ls)) k (smmu_root_of ls j) va = Some t ->
  0 <= o < 4096 ->
  outside_s2_pools (vm_pool_start ls) (t + o) 1 = true /\ t + 4096 <= 2 ^ 40 /\ 0 < t /\ oa t = t.
Proof.
  intros ls A j k va t o Hlay HR Hj Hk Hr Ho.
  destruct (smmu_reach_in_pool _ _ _ _ _ _ _ _ _ _ _ HR Hj Hk Hr) as (H1 & H2 & H3 & H4).
  destruct Hlay as (_ & Htop & Hout & _). split; [|split; [|split]].
  - apply (outside_s2_pools_sub _ _ _ _ _ Hout); lia.
  - change (2 ^ 40) with 1099511627776. lia.
  - exact H4.
  - apply oa_id; [cbn; lia | exact H3].
Qed.

Theorem walk_smmu_pt_refines : forall c n va hs r hs' ls,
  walk_smmu_pt_spec c n va hs = Some (r, hs') -> smmupt_rel hs ls ->
  exists ls', walk_smmu_pt_spec_low c n va ls = Some (r, ls') /\ smmupt_rel hs' ls'.
Proof.
  intros c n va hs r hs' ls H HR. unfold walk_smmu_pt_spec, walk_smmu_pt_pre in H.
  destruct (smmu_ctx_ok c n && lock_held hs LOCK_SPT && (0 <=? va) && (va <? 1099511627776)) eqn:B;
    [|discriminate H]. injection H as <- <-.
  repeat (apply andb_true_iff in B as [B ?]). rewrite ?Z.leb_le, ?Z.ltb_lt in *.
  assert (Hj : 0 <= n * 8 + c < 16) by lia.
  pose proof HR as (Hf & Hlay & Hw & Hrel & Hsh).
  exists ls. split; [|exact HR].
  set (j := n * 8 + c). set (R := smmu_ttbr ls @ j). set (m := pt_mem ls).
  destruct (smmu_root_bits ls j Hlay Hj) as (_ & HoR & HR0 & HRtop). fold R in HoR, HR0, HRtop.
  assert (Hva : 0 <= va < 2 ^ 64) by (cbn; lia).
  assert (Hw64 : forall a, wrap 64 (m @ a) = m @ a) by (intros a; apply wrap_small; apply Hw).
  unfold walk_smmu_pt_spec_low. rewrite get_smmu_ttbr by lia. fold j R. cbv beta iota zeta.
  rewrite (wrap_small 64 R), (wrap_small 64 R) by (cbn in *; lia).
  pose proof (field_range 30 10 va ltac:(lia)) as Hf0. change (2 ^ 10) with 1024 in Hf0.
  assert (Ho0 : outside_s2_pools (vm_pool_start ls) (R + 8 * field 30 10 va) 1 = true).
  { destruct Hlay as (_ & _ & _ & Hl). destruct (Hl j ltac:(lia) ltac:(lia)) as [_ Hl'].
    apply (outside_s2_pools_sub _ _ _ _ _ Hl'); fold R; lia. }
  rewrite smmu_pgd_read by (rewrite ?HoR; auto; lia). rewrite HoR. fold m.
  rewrite Hw64, (wrap_small 64 (m @ _)) by apply Hw.
  set (e0 := m @ (R + 8 * field 30 10 va)).
  (* the answer the library's walk gives *)
  transitivity (Some (smmu_walk_code m R va, ls)).
  2:{ f_equal. f_equal. change R with (smmu_root_of ls j). unfold m.
      apply (smmu_rel_walk _ _ _ _ _ _ _ j va Hrel); lia. }
  unfold smmu_walk_code. change (field 30 10 va) with (field 30 10 va). fold e0.
  assert (Hr0 : reach smmu (flat 8 m) 0 (smmu_root_of ls j) va = Some R) by reflexivity.
  destruct (Z.eqb_spec (oa e0) 0) as [E0|E0].
  - rewrite smmu_pmd_zero by exact E0. cbv beta iota zeta. rewrite smmu_pte_zero by reflexivity.
    reflexivity.
  - assert (Hr1 : reach smmu (flat 8 m) 1 (smmu_root_of ls j) va = Some (oa e0))
      by (apply (smmu_reach_addr m 0 _ va R); [lia | exact Hr0 | exact E0]).
    pose proof (field_range 21 9 va ltac:(lia)) as Hf1. change (2 ^ 9) with 512 in Hf1.
    destruct (smmu_table_outside ls _ j 1 va (oa e0) (8 * field 21 9 va) Hlay Hrel ltac:(lia) ltac:(auto) Hr1 ltac:(lia))
      as (Ho1 & Ht1 & Hp1 & _).
    rewrite smmu_pmd_read by (auto; lia). cbv beta iota zeta. fold m. rewrite Hw64, (wrap_small 64 (m @ _)) by apply Hw.
    set (e1 := m @ (oa e0 + 8 * field 21 9 va)).
    destruct (Z.eqb_spec (oa e1) 0) as [E1|E1].
    + rewrite smmu_pte_zero by exact E1. reflexivity.
    + assert (Hr2 : reach smmu (flat 8 m) 2 (smmu_root_of ls j) va = Some (oa e1))
        by (apply (smmu_reach_addr m 1 _ va (oa e0)); [lia | exact Hr1 | exact E1]).
      pose proof (field_range 12 9 va ltac:(lia)) as Hf2. change (2 ^ 9) with 512 in Hf2.
      destruct (smmu_table_outside ls _ j 2 va (oa e1) (8 * field 12 9 va) Hlay Hrel ltac:(lia) ltac:(auto) Hr2 ltac:(lia))
        as (Ho2 & Ht2 & Hp2 & _).
      rewrite smmu_pte_read by (auto; lia). fold m. rewrite Hw64, (wrap_small 64 (m @ _)) by apply Hw.
      reflexivity.
Qed.

(** * set_smmu_pt *)

(* The two walk steps with allocation and the leaf write, each as one equation over the
   SmmuPTWalk spec: a table is linked where the entry holds no address (the counter bumped,
   the descriptor `table | 3` written), else the entry is returned. *)
Lemma smmu_pgd_alloc : forall st t va, 0 <= va < 2 ^ 64 -> 0 <= t < 2 ^ 64 -> oa t <> 0 -> oa t + 8192 <= 2 ^ 40 ->
  outside_s2_pools (vm_pool_start st) (oa t + 8 * field 30 10 va) 1 = true ->
  (forall a, 0 <= pt_mem st @ a < 2 ^ 64) -> lock_held st LOCK_SPT = true ->
  (oa (pt_mem st @ (oa t + 8 * field 30 10 va)) = 0 -> 0 <= smmu_pgd_used st < 256) -> 0 < smmu_pool_start st -> smmu_pool_start st mod 4096 = 0 ->
  smmu_pool_start st + 16777216 <= 2 ^ 40 ->
  walk_smmu_pgd_spec t va 1 st =
    if oa (pt_mem st @ (oa t + 8 * field 30 10 va)) =? 0 then
      Some (smmu_pool_start st + 4096 * smmu_pgd_used st + 3,
            update_RData_pt_mem (update_RData_smmu_pgd_used st (smmu_pgd_used st + 1))
              (pt_mem st # (oa t + 8 * field 30 10 va) == smmu_pool_start st + 4096 * smmu_pgd_used st + 3))
    else Some (pt_mem st @ (oa t + 8 * field 30 10 va), st).
Proof.
  intros st t va Hva Ht64 Ht Htop Ho Hw Hl Hn HP HPa HPtop.
  pose proof (field_range 30 10 va ltac:(lia)). pose proof (oa_range t).
  rewrite walk_smmu_pgd_open by (assumption || lia). cbv zeta. unfold smmu_pt_load_spec.
  rewrite land40_small by (cbn in *; lia). rewrite Ho. cbv beta iota. change (ieq 32 1 1) with true. cbn [andb].
  rewrite (wrap_small 64 (pt_mem st @ _)) by apply Hw.
  assert (Eo : forall d, 0 <= d < 2 ^ 64 -> ieq 64 (iand 64 d 281474976706560) 0 = (oa d =? 0)).
  { intros d Hd. rewrite i_oa. unfold ieq. pose proof (oa_range d).
    rewrite (wrap_small 64 (oa d)), (wrap_small 64 0) by (cbn in *; lia). reflexivity. }
  rewrite Eo by apply Hw.
  destruct (oa (pt_mem st @ (oa t + 8 * field 30 10 va)) =? 0) eqn:Ez; [|reflexivity].
  apply Z.eqb_eq in Ez. specialize (Hn Ez).
  unfold alloc_smmu_pgd_page_spec. unfold lock_held in Hl. change LOCK_SPT with 4 in Hl. rewrite Hl.
  unfold smmu_pt_store_spec.
  change (vm_pool_start (update_RData_smmu_pgd_used st (iadd 64 (wrap 64 (smmu_pgd_used st)) 1))) with (vm_pool_start st).
  rewrite ?Ho.
  set (P := smmu_pool_start st) in *. set (n := smmu_pgd_used st) in *.
  assert (E1 : iadd 64 (ishl 64 (wrap 64 n) 12) (wrap 64 P) = P + 4096 * n).
  { unfold iadd, ishl. rewrite (wrap_small 64 n), (wrap_small 64 P), (wrap_small 64 12) by (cbn in *; lia).
    rewrite Z.shiftl_mul_pow2 by lia. rewrite (wrap_small 64 (n * 2 ^ 12)) by (cbn in *; lia).
    rewrite wrap_small by (cbn in *; lia). ring. }
  rewrite E1. unfold iadd at 1 2. rewrite (wrap_small 64 P) by (cbn in *; lia).
  rewrite (wrap_small 64 (P + 1048576)), (wrap_small 64 (P + 4096 * n + 4096)) by (cbn in *; lia).
  destruct (Z.ltb_spec (P + 1048576) (P + 4096 * n + 4096)); [lia|]. cbv beta iota.
  rewrite (wrap_small 64 (P + 4096 * n)) by (cbn in *; lia).
  rewrite i_tdesc by (cbn in *; try lia; rewrite Z.add_mod, HPa, Z.mul_comm, Z.mod_mul by lia; reflexivity).
  unfold iadd. rewrite (wrap_small 64 n), (wrap_small 64 (n + 1)) by (cbn in *; lia).
  change (vm_pool_start (update_RData_smmu_pgd_used st (n + 1))) with (vm_pool_start st).
  rewrite land40_small by (cbn in *; lia). rewrite Ho. reflexivity.
Qed.

Lemma smmu_pmd_alloc : forall st t va, 0 <= va < 2 ^ 64 -> oa t <> 0 -> oa t + 4096 <= 2 ^ 40 ->
  outside_s2_pools (vm_pool_start st) (oa t + 8 * field 21 9 va) 1 = true ->
  (forall a, 0 <= pt_mem st @ a < 2 ^ 64) -> lock_held st LOCK_SPT = true ->
  (oa (pt_mem st @ (oa t + 8 * field 21 9 va)) = 0 -> 0 <= smmu_pmd_used st < 3840) -> 0 < smmu_pool_start st -> smmu_pool_start st mod 4096 = 0 ->
  smmu_pool_start st + 16777216 <= 2 ^ 40 ->
  walk_smmu_pmd_spec t va 1 st =
    if oa (pt_mem st @ (oa t + 8 * field 21 9 va)) =? 0 then
      Some (smmu_pool_start st + 1048576 + 4096 * smmu_pmd_used st + 3,
            update_RData_pt_mem (update_RData_smmu_pmd_used st (smmu_pmd_used st + 1))
              (pt_mem st # (oa t + 8 * field 21 9 va) == smmu_pool_start st + 1048576 + 4096 * smmu_pmd_used st + 3))
    else Some (pt_mem st @ (oa t + 8 * field 21 9 va), st).
Proof.
  intros st t va Hva Ht Htop Ho Hw Hl Hn HP HPa HPtop.
  destruct (smmu_step_read st t va 18 21 ltac:(auto) Hva Ht Htop Ho) as [K Z0].
  unfold walk_smmu_pmd_spec. rewrite K, Z0, Ho. cbn [Z.eqb andb Pos.eqb].
  rewrite (wrap_small 64 (pt_mem st @ _)) by apply Hw. rewrite i_oa.
  destruct (oa (pt_mem st @ (oa t + 8 * field 21 9 va)) =? 0) eqn:Ez; [|reflexivity].
  apply Z.eqb_eq in Ez. specialize (Hn Ez).
  unfold lock_held in Hl. change LOCK_SPT with 4 in Hl. rewrite Hl.
  set (P := smmu_pool_start st) in *. set (n := smmu_pmd_used st) in *.
  assert (E1 : iadd 64 (iadd 64 (wrap 64 P) 1048576) (ishl 64 (wrap 64 n) 12) = P + 1048576 + 4096 * n).
  { unfold iadd, ishl. rewrite (wrap_small 64 n), (wrap_small 64 P), (wrap_small 64 12) by (cbn in *; lia).
    rewrite Z.shiftl_mul_pow2 by lia. rewrite (wrap_small 64 (n * 2 ^ 12)) by (cbn in *; lia).
    rewrite (wrap_small 64 (P + 1048576)) by (cbn in *; lia). rewrite wrap_small by (cbn in *; lia). ring. }
  rewrite E1. unfold iadd at 1 2. rewrite (wrap_small 64 P) by (cbn in *; lia).
  rewrite (wrap_small 64 (P + 16777216)), (wrap_small 64 (P + 1048576 + 4096 * n + 4096)) by (cbn in *; lia).
  destruct (Z.ltb_spec (P + 16777216) (P + 1048576 + 4096 * n + 4096)); [lia|].
  rewrite ?Ho.
  rewrite i_tdesc by (cbn in *; try lia; rewrite Z.add_mod, Z.add_mod with (a := P), HPa, Z.mul_comm, Z.mod_mul by lia; reflexivity).
  unfold iadd. rewrite (wrap_small 64 n), (wrap_small 64 (n + 1)) by (cbn in *; lia). reflexivity.
Qed.

Lemma set_smmu_pte_eq : forall st t va v, 0 <= va < 2 ^ 64 -> oa t + 4096 <= 2 ^ 40 ->
  outside_s2_pools (vm_pool_start st) (oa t + 8 * field 12 9 va) 1 = true ->
  set_smmu_pte_spec t va v st = Some (update_RData_pt_mem st (pt_mem st # (oa t + 8 * field 12 9 va) == v)).
Proof.
  intros st t va v Hva Htop Ho. pose proof (field_range 12 9 va ltac:(lia)). pose proof (oa_range t).
  unfold set_smmu_pte_spec. rewrite i_entry_9, land40_small by (cbn in *; lia). rewrite Ho. reflexivity.
Qed.

Lemma smmu_forget_alloc1 : forall hs ls x T m, smmu_forget hs = smmu_forget ls ->
  smmu_forget (update_RData_smmu_tbl1 (update_RData_smmu_pgd_used hs x) T) =
  smmu_forget (update_RData_pt_mem (update_RData_smmu_pgd_used ls x) m).
Proof. intros [] [] x T m Hf. unfold smmu_forget in *. cbn in *. injection Hf; intros; subst. reflexivity. Qed.

Lemma smmu_forget_alloc2 : forall hs ls x T m, smmu_forget hs = smmu_forget ls ->
  smmu_forget (update_RData_smmu_tbl2 (update_RData_smmu_pmd_used hs x) T) =
  smmu_forget (update_RData_pt_mem (update_RData_smmu_pmd_used ls x) m).
Proof. intros [] [] x T m Hf. unfold smmu_forget in *. cbn in *. injection Hf; intros; subst. reflexivity. Qed.

Lemma smmu_forget_fields : forall hs ls, smmu_forget hs = smmu_forget ls ->
  smmu_pgd_used hs = smmu_pgd_used ls /\ smmu_pmd_used hs = smmu_pmd_used ls /\ locks hs = locks ls /\
  cpu hs = cpu ls /\ smmu_ttbr hs = smmu_ttbr ls.
Proof.
  intros hs ls E. repeat split;
    [ apply (f_equal smmu_pgd_used) in E | apply (f_equal smmu_pmd_used) in E | apply (f_equal locks) in E
    | apply (f_equal cpu) in E | apply (f_equal smmu_ttbr) in E ]; exact E.
Qed.

Lemma smmu_layout_ok_pgd : forall st x, smmu_layout_ok (update_RData_smmu_pgd_used st x) <-> smmu_layout_ok st.
Proof. intros [] x. reflexivity. Qed.
Lemma smmu_layout_ok_pmd : forall st x, smmu_layout_ok (update_RData_smmu_pmd_used st x) <-> smmu_layout_ok st.
Proof. intros [] x. reflexivity. Qed.

(* The pool's facts, from the layout. *)
Lemma smmu_pool_facts : forall st, smmu_layout_ok st ->
  0 < smmu_pool_start st /\ smmu_pool_start st mod 4096 = 0 /\ smmu_pool_start st + 16777216 <= 2 ^ 40.
Proof.
  intros st (HL & Htop & _). split; [apply (sm_pos _ _ _ HL)|]. split; [apply (sm_align _ _ _ HL)|].
  change (2 ^ 40) with 1099511627776. exact Htop.
Qed.

(** The relation after a walk step linked a table: the forgotten parts ([forget]), the layout
    ([lay]), the words, the tree relation [Hrel']; left to the caller, context [j]'s shape and
    another context [j']'s ([Hne : j' <> j]). *)
Ltac smmu_link_rel j E forget lay Hf Hlay Hw Hrel' :=
  unfold smmupt_rel; split;
  [ rewrite E; apply forget; exact Hf
  | split; [ apply smmu_layout_ok_pt_mem, lay; exact Hlay
  | split; [ intros a; cbn [pt_mem update_RData_pt_mem]; rewrite ZMap.gsspec;
             destruct (a =? _); [cbn in *; lia | apply Hw]
  | split; [ exact Hrel'
  | intros j' H0 H1;
    cbn [pt_mem smmu_ttbr smmu_tbl1 smmu_tbl2 update_RData_pt_mem update_RData_smmu_pgd_used
         update_RData_smmu_pmd_used update_RData_smmu_tbl1 update_RData_smmu_tbl2];
    rewrite ZMap.gsspec; destruct (Z.eqb_spec j' j) as [->|Hne] ]]]].

(** The first walk step of [set_smmu_pt]: a level-1 table exists, or one is allocated and the
    relation holds with the upper state's [smmu_alloc1]. *)
Lemma pgd_step : forall hs ls j va, smmupt_rel hs ls -> 0 <= j < 16 -> 0 <= va < 2 ^ 40 ->
  lock_held ls LOCK_SPT = true ->
  (smmu_tbl1 hs @ j) @ (va / 1073741824) || (smmu_pgd_used hs <? 256) = true ->
  exists r1 ls1, walk_smmu_pgd_spec (smmu_ttbr ls @ j) va 1 ls = Some (r1, ls1) /\
    smmupt_rel (smmu_alloc1 j (va / 1073741824) hs) ls1 /\ 0 <= r1 < 2 ^ 64 /\
    reach smmu (flat 8 (pt_mem ls1)) 1 (smmu_root_of ls1 j) va = Some (oa r1) /\
    lock_held ls1 LOCK_SPT = true /\ smmu_ttbr ls1 = smmu_ttbr ls.
Proof.
  intros hs ls j va HR Hj Hva Hl Hroom. pose proof HR as (Hf & Hlay & Hw & Hrel & Hsh).
  destruct (smmu_forget_fields _ _ Hf) as (E1 & E2 & E3 & E4 & E5).
  destruct (smmu_root_bits ls j Hlay Hj) as (_ & HoR & HR0 & HRtop).
  destruct (smmu_pool_facts ls Hlay) as (HP & HPa & HPtop).
  set (R := smmu_ttbr ls @ j) in *. set (m := pt_mem ls) in *.
  pose proof (field_range 30 10 va ltac:(lia)) as Hf0. change (2 ^ 10) with 1024 in Hf0.
  assert (Ho0 : outside_s2_pools (vm_pool_start ls) (R + 8 * field 30 10 va) 1 = true).
  { destruct Hlay as (_ & _ & _ & Hl'). destruct (Hl' j ltac:(lia) ltac:(lia)) as [_ Hl''].
    apply (outside_s2_pools_sub _ _ _ _ _ Hl''); fold R; lia. }
  assert (Hva' : 0 <= va < 2 ^ 64) by (cbn in *; lia).
  pose proof (smmu_shape_1 m R _ _ va (Hsh j ltac:(lia) ltac:(lia)) Hva) as Hb.
  change (idx smmu 0 va) with (field 30 10 va) in Hb. change (2 ^ 30) with 1073741824 in Hb.
  fold R m in Hb.
  assert (Hn : oa (m @ (R + 8 * field 30 10 va)) = 0 -> 0 <= smmu_pgd_used ls < 256).
  { intros E0. rewrite E0 in Hb. cbn in Hb. rewrite Hb in Hroom. cbn in Hroom. apply Z.ltb_lt in Hroom.
    rewrite E1 in Hroom. destruct Hrel as (_ & Hn1 & _). lia. }
  rewrite (smmu_pgd_alloc ls R va) by (rewrite ?HoR; auto; lia). rewrite HoR. fold m.
  assert (Hr0 : reach smmu (flat 8 m) 0 (smmu_root_of ls j) va = Some R) by reflexivity.
  destruct (Z.eqb_spec (oa (m @ (R + 8 * field 30 10 va))) 0) as [E0|E0].
  - (* no level-1 table: allocate one *)
    cbn in Hb. rewrite Hb in Hroom. cbn in Hroom. apply Z.ltb_lt in Hroom. rewrite E1 in Hroom.
    set (n1 := smmu_pgd_used ls) in *.
    assert (Hc : 0 <= smmu_pool_start ls + 4096 * n1 < 2 ^ 48) by (cbn in *; lia).
    destruct (smmu_rel_link1 _ _ _ _ _ m _ j va Hrel ltac:(lia) E0 Hroom) as [Hrel1 Hr1].
    eexists; eexists; split; [reflexivity|]. unfold smmu_alloc1. rewrite Hb.
    split; [|split; [|split; [|split]]].
    + smmu_link_rel j E1 smmu_forget_alloc1 smmu_layout_ok_pgd Hf Hlay Hw Hrel1;
        [ exact (smmu_shape_link1 _ _ _ _ _ m _ j va _ _ Hrel ltac:(lia) E0 Hroom Hva (Hsh j ltac:(lia) ltac:(lia)))
        | exact (smmu_shape_other _ _ _ _ _ m _ j j' 0 va R _ _ _ Hrel ltac:(lia) ltac:(lia) (not_eq_sym Hne) ltac:(lia) Hr0 (Hsh j' H0 H1)) ].
    + pose proof (Z.mod_pos_bound (smmu_pool_start ls + 4096 * n1) 4096). cbn in *; lia.
    + rewrite oa_add_low, oa_id by (try lia; rewrite Z.add_mod, HPa, Z.mul_comm, Z.mod_mul by lia; reflexivity). exact Hr1.
    + exact Hl.
    + reflexivity.
  - (* a level-1 table exists *)
    assert (Hb' : smmu_tbl1 hs @ j @ (va / 1073741824) = true) by (rewrite Hb; reflexivity).
    do 2 eexists; split; [reflexivity|]. unfold smmu_alloc1. rewrite Hb'.
    split; [exact HR|]. split; [apply Hw|]. split; [|split; [exact Hl | reflexivity]].
    apply (smmu_reach_addr m 0 _ va R); [lia | exact Hr0 | exact E0].
Qed.

(** The second step: a level-2 table exists below the level-1 table [oa r1], or one is allocated. *)
Lemma pmd_step : forall hs ls j va r1, smmupt_rel hs ls -> 0 <= j < 16 -> 0 <= va < 2 ^ 40 ->
  lock_held ls LOCK_SPT = true -> 0 <= r1 < 2 ^ 64 ->
  reach smmu (flat 8 (pt_mem ls)) 1 (smmu_root_of ls j) va = Some (oa r1) ->
  (smmu_tbl2 hs @ j) @ (va / 2097152) || (smmu_pmd_used hs <? 3840) = true ->
  exists r2 ls2, walk_smmu_pmd_spec r1 va 1 ls = Some (r2, ls2) /\
    smmupt_rel (smmu_alloc2 j (va / 2097152) hs) ls2 /\ 0 <= r2 < 2 ^ 64 /\
    reach smmu (flat 8 (pt_mem ls2)) 2 (smmu_root_of ls2 j) va = Some (oa r2) /\
    lock_held ls2 LOCK_SPT = true /\ smmu_ttbr ls2 = smmu_ttbr ls.
Proof.
  intros hs ls j va r1 HR Hj Hva Hl Hr1w Hr1 Hroom. pose proof HR as (Hf & Hlay & Hw & Hrel & Hsh).
  destruct (smmu_forget_fields _ _ Hf) as (E1 & E2 & E3 & E4 & E5).
  destruct (smmu_pool_facts ls Hlay) as (HP & HPa & HPtop).
  set (m := pt_mem ls) in *. set (t := oa r1) in *.
  pose proof (field_range 21 9 va ltac:(lia)) as Hf1. change (2 ^ 9) with 512 in Hf1.
  destruct (smmu_table_outside ls _ j 1 va t (8 * field 21 9 va) Hlay Hrel ltac:(lia) ltac:(auto) Hr1 ltac:(lia))
    as (Ho1 & Ht1 & Hp1 & _).
  assert (Hva' : 0 <= va < 2 ^ 64) by (cbn in *; lia).
  pose proof (smmu_shape_2 m _ _ _ va t (Hsh j ltac:(lia) ltac:(lia)) Hva Hr1) as Hb.
  change (idx smmu 1 va) with (field 21 9 va) in Hb. change (2 ^ 21) with 2097152 in Hb.
  assert (Hn : oa (m @ (t + 8 * field 21 9 va)) = 0 -> 0 <= smmu_pmd_used ls < 3840).
  { intros E0. rewrite E0 in Hb. cbn in Hb. rewrite Hb in Hroom. cbn in Hroom. apply Z.ltb_lt in Hroom.
    rewrite E2 in Hroom. destruct Hrel as (_ & _ & Hn2 & _). lia. }
  rewrite (smmu_pmd_alloc ls r1 va) by (fold t; auto; lia). fold t m.
  destruct (Z.eqb_spec (oa (m @ (t + 8 * field 21 9 va))) 0) as [E0|E0].
  - (* no level-2 table: allocate one *)
    cbn in Hb. rewrite Hb in Hroom. cbn in Hroom. apply Z.ltb_lt in Hroom. rewrite E2 in Hroom.
    set (n2 := smmu_pmd_used ls) in *.
    assert (Hc : 0 <= smmu_pool_start ls + 1048576 + 4096 * n2 < 2 ^ 48) by (cbn in *; lia).
    destruct (smmu_rel_link2 _ _ _ _ _ m _ j va t Hrel ltac:(lia) Hr1 E0 Hroom) as [Hrel2 Hr2].
    eexists; eexists; split; [reflexivity|]. unfold smmu_alloc2. rewrite Hb.
    split; [|split; [|split; [|split]]].
    + smmu_link_rel j E2 smmu_forget_alloc2 smmu_layout_ok_pmd Hf Hlay Hw Hrel2;
        [ exact (smmu_shape_link2 _ _ _ _ _ m _ j va t _ _ Hrel ltac:(lia) Hr1 E0 Hroom Hva (Hsh j ltac:(lia) ltac:(lia)))
        | exact (smmu_shape_other _ _ _ _ _ m _ j j' 1 va t _ _ _ Hrel ltac:(lia) ltac:(lia) (not_eq_sym Hne) ltac:(lia) Hr1 (Hsh j' H0 H1)) ].
    + pose proof (Z.mod_pos_bound (smmu_pool_start ls + 1048576 + 4096 * n2) 4096). cbn in *; lia.
    + rewrite oa_add_low, oa_id by (try lia; rewrite Z.add_mod, (Z.add_mod (smmu_pool_start ls)), HPa, Z.mul_comm, Z.mod_mul by lia; reflexivity).
      exact Hr2.
    + exact Hl.
    + reflexivity.
  - (* a level-2 table exists *)
    assert (Hb' : smmu_tbl2 hs @ j @ (va / 2097152) = true) by (rewrite Hb; reflexivity).
    do 2 eexists; split; [reflexivity|]. unfold smmu_alloc2. rewrite Hb'.
    split; [exact HR|]. split; [apply Hw|]. split; [|split; [exact Hl | reflexivity]].
    apply (smmu_reach_addr m 1 _ va t); [lia | exact Hr1 | exact E0].
Qed.

(** The leaf write: context [j]'s map gets the page (a zero descriptor removes it). *)
Lemma pte_step : forall hs ls j va r2 pte, smmupt_rel hs ls -> 0 <= j < 16 -> 0 <= va < 2 ^ 40 ->
  0 <= pte < 2 ^ 64 -> reach smmu (flat 8 (pt_mem ls)) 2 (smmu_root_of ls j) va = Some (oa r2) ->
  exists ls3, set_smmu_pte_spec r2 va pte ls = Some ls3 /\
    smmupt_rel (update_RData_smmu_pg hs (smmu_pg hs # j == ((smmu_pg hs @ j) # (va / 4096) ==
                                                             (if pte =? 0 then None else Some pte)))) ls3.
Proof.
  intros hs ls j va r2 pte HR Hj Hva Hpte Hr2. pose proof HR as (Hf & Hlay & Hw & Hrel & Hsh).
  set (m := pt_mem ls) in *. set (t := oa r2) in *.
  pose proof (field_range 12 9 va ltac:(lia)) as Hf2. change (2 ^ 9) with 512 in Hf2.
  destruct (smmu_table_outside ls _ j 2 va t (8 * field 12 9 va) Hlay Hrel ltac:(lia) ltac:(auto) Hr2 ltac:(lia))
    as (Ho2 & Ht2 & Hp2 & _).
  assert (Hva' : 0 <= va < 2 ^ 64) by (cbn in *; lia).
  eexists; split; [apply set_smmu_pte_eq; auto|]. fold m t.
  pose proof (smmu_rel_set _ _ _ _ _ m _ j va t pte Hrel ltac:(lia) Hva Hr2) as Hrel3.
  change (idx smmu 2 va) with (field 12 9 va) in Hrel3.
  unfold smmupt_rel. split; [|split; [|split; [|split]]].
  - rewrite smmu_forget_pt_mem, <- Hf. destruct hs; reflexivity.
  - apply smmu_layout_ok_pt_mem. exact Hlay.
  - intros a. cbn [pt_mem update_RData_pt_mem]. rewrite ZMap.gsspec. destruct (a =? _); [cbn in *; lia | apply Hw].
  - refine (smmu_rel_ext _ _ _ _ _ _ _ _ _ Hrel3). intros j' l k Hj'. unfold ctx_set, smmu_amaps.
    cbn [smmu_pg update_RData_smmu_pg]. rewrite ZMap.gsspec. destruct (j' =? j); [|reflexivity].
    rewrite smmu_amap_set2. change (2 ^ 12) with 4096. reflexivity.
  - intros j' H0 H1. cbn [pt_mem smmu_ttbr smmu_tbl1 smmu_tbl2 update_RData_pt_mem update_RData_smmu_pg].
    destruct (Z.eqb_spec j' j) as [->|Hne].
    + exact (smmu_shape_set _ _ _ _ _ m _ j va t pte _ _ Hrel ltac:(lia) Hr2 (Hsh j ltac:(lia) ltac:(lia))).
    + exact (smmu_shape_other _ _ _ _ _ m _ j j' 2 va t pte _ _ Hrel ltac:(lia) ltac:(lia) (not_eq_sym Hne) ltac:(lia) Hr2 (Hsh j' H0 H1)).
Qed.

Theorem set_smmu_pt_refines : forall c n va pte hs hs' ls,
  set_smmu_pt_spec c n va pte hs = Some hs' -> smmupt_rel hs ls ->
  exists ls', set_smmu_pt_spec_low c n va pte ls = Some ls' /\ smmupt_rel hs' ls'.
Proof.
  intros c n va pte hs hs' ls H HR. unfold set_smmu_pt_spec in H.
  destruct (set_smmu_pt_pre c n va pte hs) eqn:B; [|discriminate H]. injection H as <-.
  unfold set_smmu_pt_pre in B. repeat (apply andb_true_iff in B as [B ?]).
  match goal with Hr1 : _ || (smmu_pgd_used hs <? 256) = true, Hr2 : _ || (smmu_pmd_used hs <? 3840) = true |- _ =>
    rename Hr1 into Hroom1; rename Hr2 into Hroom2 end.
  rewrite ?Z.leb_le, ?Z.ltb_lt in *.
  unfold smmu_ctx_ok in B. repeat (apply andb_true_iff in B as [B ?]). rewrite ?Z.leb_le, ?Z.ltb_lt in *.
  assert (Hj : 0 <= n * 8 + c < 16) by lia.
  pose proof HR as (Hf & Hlay & Hw & Hrel & Hsh).
  destruct (smmu_forget_fields _ _ Hf) as (E1 & E2 & E3 & E4 & E5).
  assert (Hl : lock_held ls LOCK_SPT = true)
    by (match goal with Hk : lock_held hs LOCK_SPT = true |- _ => unfold lock_held in *; rewrite <- E3, <- E4; exact Hk end).
  unfold smmu_ctx in *. set (j := n * 8 + c) in *.
  destruct (smmu_root_bits ls j Hlay Hj) as (_ & HoR & HR0 & HRtop).
  assert (Hva : 0 <= va < 2 ^ 40) by (cbn; lia).
  destruct (pgd_step hs ls j va HR Hj Hva Hl Hroom1) as (r1 & ls1 & W1 & HR1 & Hr1w & Hr1 & Hl1 & Ht1).
  assert (Hroom2' : (smmu_tbl2 (smmu_alloc1 j (va / 1073741824) hs) @ j) @ (va / 2097152) ||
                    (smmu_pmd_used (smmu_alloc1 j (va / 1073741824) hs) <? 3840) = true)
    by (unfold smmu_alloc1; destruct (_ @ _); exact Hroom2).
  destruct (pmd_step _ ls1 j va r1 HR1 Hj Hva Hl1 Hr1w Hr1 Hroom2') as (r2 & ls2 & W2 & HR2 & Hr2w & Hr2 & Hl2 & Ht2).
  destruct (pte_step _ ls2 j va r2 pte HR2 Hj Hva ltac:(cbn; lia) Hr2) as (ls3 & W3 & HR3).
  exists ls3. split; [|exact HR3].
  unfold set_smmu_pt_spec_low. rewrite get_smmu_ttbr by lia. fold j. cbv beta iota zeta.
  rewrite !(wrap_small 64 (smmu_ttbr ls @ j)) by (cbn in *; lia).
  assert (Nz : ieq 64 (smmu_ttbr ls @ j) 0 = false).
  { unfold ieq. rewrite (wrap_small 64 (smmu_ttbr ls @ j)), (wrap_small 64 0) by (cbn in *; lia).
    apply Z.eqb_neq. lia. }
  rewrite Nz, W1. cbv beta iota zeta. rewrite (wrap_small 64 r1) by exact Hr1w. rewrite W2.
  cbv beta iota zeta. rewrite (wrap_small 64 r2) by exact Hr2w. rewrite W3. reflexivity.
Qed.

Ltac ref_user hspec lspec R ::=
  lazymatch hspec with
  | init_smmu_pt_spec => eapply init_smmu_pt_refines; eassumption
  | walk_smmu_pt_spec => eapply walk_smmu_pt_refines; eassumption
  | set_smmu_pt_spec => eapply set_smmu_pt_refines; eassumption
  | _ => s2_ref_user hspec lspec R
  end.
