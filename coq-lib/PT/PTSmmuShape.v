(** * Which tables exist along the walks of SeKVM's SMMU contexts.

    The SMMU counterpart of the stage-2 part of [PT/PTShape.v].  SeKVM's [set_smmu_pt] walks a
    context's 3-level table and, at levels 0 and 1, allocates a fresh table exactly when the entry
    it reads holds no address; both levels allocate from one bump pool shared by all 16 contexts
    ([smmu_rel], [PT/PTInstances.v]), and each allocation bumps a counter (or panics when the pool
    is full).  [smmu_rel] alone cannot predict this, since a table without leaves translates
    nothing; so the abstract spec keeps, per context, one bit per region: [t1 @ (va / 2^30)] says
    that the 1 GiB region of [va] has a level-1 table, [t2 @ (va / 2^21)] that its 2 MiB region has
    a level-2 table.  [smmu_shape m r t1 t2] ties these bits to the tables below root [r].

    What this file gives, for every context [j] of a pool related by [smmu_rel]:
    - [smmu_shape_init]: a zeroed 8 KiB root has no table below it;
    - [smmu_shape_mem_ext]/[smmu_shape_outside]: stores away from the pool and the roots;
    - [smmu_shape_link1]/[smmu_shape_link2]: the two allocations of [set_smmu_pt] set exactly the
      bit of the region just given a table (the same writes as [smmu_rel_link1/2]);
    - [smmu_shape_set]: a level-2 (page) write changes no bit;
    - [smmu_shape_other]: a write into any table that context [j]'s walk reaches leaves every
      other context's shape alone (tables have one parent and the roots are distinct);
    - [smmu_shape_clear]: [init_smmu_pt] empties context [j]'s shape and keeps the others';
    - [smmu_shape_1]/[smmu_shape_2]: the bits are the code's tests on the entries the walk reads
      ("allocate iff the address bits are zero"); [smmu_shape_up1]: no level-1 table, no level-2
      table below it. *)
From Coq Require Import ZArith Lia List Arith Bool.
From AutoV Require Import Spec.
From AutoV.PT Require Import PTDesc PTWalk PTTree PTRefine PTInstances PTShape.
Local Open Scope Z_scope.

(** The level-[l - 1] key of an address is its region at that level. *)
Lemma smmu_key0 : forall va, key smmu 0 va = va / 2 ^ 30. Proof. reflexivity. Qed.
Lemma smmu_key1 : forall va, key smmu 1 va = va / 2 ^ 21. Proof. reflexivity. Qed.

(** One map per level below the root: level-1 tables by 1 GiB region ([va / 2^30]), level-2
    tables by 2 MiB region ([va / 2^21]). *)
Definition smmu_tbls (t1 t2 : ZMap.t bool) : nat -> Z -> bool :=
  fun l k => match l with 1%nat => t1 @ k | 2%nat => t2 @ k | _ => false end.

Definition smmu_shape (m : ZMap.t Z) (r : Z) (t1 t2 : ZMap.t bool) : Prop :=
  shape smmu (flat 8 m) r (smmu_tbls t1 t2).

Lemma smmu_tbls_set1 : forall t1 t2 k l k',
  tset (smmu_tbls t1 t2) 1 k true l k' = smmu_tbls (t1 # k == true) t2 l k'.
Proof. intros. unfold tset, smmu_tbls. destruct l as [|[|[|l]]]; cbn; rewrite ?ZMap.gsspec; reflexivity. Qed.

Lemma smmu_tbls_set2 : forall t1 t2 k l k',
  tset (smmu_tbls t1 t2) 2 k true l k' = smmu_tbls t1 (t2 # k == true) l k'.
Proof. intros. unfold tset, smmu_tbls. destruct l as [|[|[|l]]]; cbn; rewrite ?ZMap.gsspec; reflexivity. Qed.

(** A shape only depends on the slots its walks read (any configuration). *)
Lemma shape_slots : forall C rd rd' r T,
  (forall va k t, in_va C va -> reach C rd k r va = Some t -> rd' k t (idx C k va) = rd k t (idx C k va)) ->
  shape C rd r T -> shape C rd' r T.
Proof.
  intros C rd rd' r T E H va l Hva Hl. rewrite (reach_frame C rd rd' l r va) by (intros; apply E; auto).
  apply H; auto.
Qed.

(** ** An empty root *)

Theorem smmu_shape_init : forall m r, (forall a, r <= a < r + 8192 -> m @ a = 0) ->
  smmu_shape m r (ZMap.init false) (ZMap.init false).
Proof.
  intros m r Hz. apply (shape_ext smmu _ _ (fun _ _ => false)).
  - intros [|[|[|l]]] k; reflexivity.
  - apply (shape_init smmu smmu_ok). intros i Hi. unfold flat. apply Hz.
    unfold in_tbl, nent in Hi. change (2 ^ width smmu 0) with 1024 in Hi. lia.
Qed.

(** ** Frames *)

(** Memories that agree on the pool and on every context root give each context the same shape. *)
Theorem smmu_shape_mem_ext : forall P root nctx n1 n2 m m' A j t1 t2,
  (forall a, (P <= a < P + 16777216 \/ exists j, 0 <= j < nctx /\ root j <= a < root j + 8192) ->
     m' @ a = m @ a) ->
  smmu_rel P root nctx n1 n2 m A -> 0 <= j < nctx -> smmu_shape m (root j) t1 t2 ->
  smmu_shape m' (root j) t1 t2.
Proof.
  intros P root nctx n1 n2 m m' A j t1 t2 Ha (HL & H1 & H2 & HT & HM) Hj HS.
  apply (shape_frame smmu smmu_ok (smmu_pool P root nctx) (smmu_used P root nctx n1 n2) (flat 8 m) (flat 8 m')
           (root j) _ HT); [| apply smmu_root_used; exact Hj | exact HS].
  intros l t i Hu Hi. unfold flat. apply Ha. pose proof (tr_pool _ _ _ _ HT _ _ Hu) as Hp.
  unfold in_tbl, nent in Hi. destruct l as [|l]; cbn [smmu_pool] in Hp.
  - destruct Hp as (j' & Hj' & ->). cbn in Hi. right. exists j'. split; [exact Hj' | lia].
  - destruct (smmu_bump_range P smmu_cap _ _ (fun _ => Z.le_refl _) Hp) as ([E|E] & R);
      rewrite E in Hi; cbn in Hi; left; lia.
Qed.

(** A store outside the pool and every context root. *)
Corollary smmu_shape_outside : forall P root nctx n1 n2 m A a v j t1 t2,
  smmu_rel P root nctx n1 n2 m A -> (a < P \/ P + 16777216 <= a) ->
  (forall j, 0 <= j < nctx -> a < root j \/ root j + 8192 <= a) -> 0 <= j < nctx ->
  smmu_shape m (root j) t1 t2 -> smmu_shape (m # a == v) (root j) t1 t2.
Proof.
  intros P root nctx n1 n2 m A a v j t1 t2 HR Ha Hr Hj HS.
  apply (smmu_shape_mem_ext P root nctx n1 n2 m _ A j t1 t2); [|exact HR | exact Hj | exact HS].
  intros b [Hb | (j' & Hj' & Hb)]; apply ZMap.gso; [lia|]. destruct (Hr j' Hj'); lia.
Qed.

(** ** Linking a freshly allocated table *)

(** The link of [smmu_rel_link]: one more table at level [S l0], in [va]'s region at level [l0]. *)
Theorem smmu_shape_link : forall P root nctx n1 n2 m A j va l0 t t1 t2,
  smmu_rel P root nctx n1 n2 m A -> 0 <= j < nctx -> (l0 < 2)%nat -> 0 <= va < 2 ^ 40 ->
  reach smmu (flat 8 m) l0 (root j) va = Some t -> oa (m @ (t + 8 * idx smmu l0 va)) = 0 ->
  smmu_cnt n1 n2 (S l0) < smmu_cap (S l0) -> smmu_shape m (root j) t1 t2 ->
  let c := smmu_lo P (S l0) + 4096 * smmu_cnt n1 n2 (S l0) in
  shape smmu (flat 8 (m # (t + 8 * idx smmu l0 va) == (c + 3))) (root j)
    (tset (smmu_tbls t1 t2) (S l0) (key smmu l0 va) true).
Proof.
  intros P root nctx n1 n2 m A j va l0 t t1 t2 HR Hj Hl Hva Hr E0 Hcap HS c.
  destruct (smmu_link_setup P root nctx n1 n2 m A j va l0 t HR Hj Hl Hr E0 Hcap) as (_ & Hcp' & Hcu' & _ & Hold & Hv & HW).
  fold c in Hcp', Hcu', Hv, HW. destruct HR as (HL & H1 & H2 & HT & HM).
  assert (Hr0 := smmu_root_used P root nctx n1 n2 j Hj).
  exact (shape_link smmu smmu_ok _ _ _ _ (root j) _ va l0 t c (c + 3) HT Hr0 Hva ltac:(cbn; lia) Hr Hold
           Hcp' Hcu' Hv HW HS).
Qed.

(** [walk_smmu_pgd] with [alloc = 1] (the write of [smmu_rel_link1]). *)
Corollary smmu_shape_link1 : forall P root nctx n1 n2 m A j va t1 t2,
  smmu_rel P root nctx n1 n2 m A -> 0 <= j < nctx -> oa (m @ (root j + 8 * idx smmu 0 va)) = 0 ->
  n1 < 256 -> 0 <= va < 2 ^ 40 -> smmu_shape m (root j) t1 t2 ->
  smmu_shape (m # (root j + 8 * idx smmu 0 va) == (P + 4096 * n1 + 3)) (root j) (t1 # (va / 2 ^ 30) == true) t2.
Proof.
  intros P root nctx n1 n2 m A j va t1 t2 HR Hj E Hn Hva HS.
  pose proof (smmu_shape_link P root nctx n1 n2 m A j va 0 (root j) t1 t2 HR Hj ltac:(lia) Hva eq_refl E Hn HS)
    as X.
  cbv zeta in X. change (key smmu 0 va) with (va / 2 ^ 30) in X.
  change (smmu_lo P 1 + 4096 * smmu_cnt n1 n2 1) with (P + 4096 * n1) in X.
  exact (shape_ext smmu _ _ _ _ (smmu_tbls_set1 t1 t2 (va / 2 ^ 30)) X).
Qed.

(** [walk_smmu_pmd] with [alloc = 1] (the write of [smmu_rel_link2]). *)
Corollary smmu_shape_link2 : forall P root nctx n1 n2 m A j va t t1 t2,
  smmu_rel P root nctx n1 n2 m A -> 0 <= j < nctx -> reach smmu (flat 8 m) 1 (root j) va = Some t ->
  oa (m @ (t + 8 * idx smmu 1 va)) = 0 -> n2 < 3840 -> 0 <= va < 2 ^ 40 -> smmu_shape m (root j) t1 t2 ->
  smmu_shape (m # (t + 8 * idx smmu 1 va) == (P + 1048576 + 4096 * n2 + 3)) (root j) t1
    (t2 # (va / 2 ^ 21) == true).
Proof.
  intros P root nctx n1 n2 m A j va t t1 t2 HR Hj Hr E Hn Hva HS.
  pose proof (smmu_shape_link P root nctx n1 n2 m A j va 1 t t1 t2 HR Hj ltac:(lia) Hva Hr E Hn HS) as X.
  cbv zeta in X. change (key smmu 1 va) with (va / 2 ^ 21) in X.
  change (smmu_lo P 2 + 4096 * smmu_cnt n1 n2 2) with (P + 1048576 + 4096 * n2) in X.
  exact (shape_ext smmu _ _ _ _ (smmu_tbls_set2 t1 t2 (va / 2 ^ 21)) X).
Qed.

(** ** Writing a page entry *)

(** The write of [smmu_rel_set]: level-2 entries are never tables ([smmu_not_tbl2]). *)
Theorem smmu_shape_set : forall P root nctx n1 n2 m A j va t v t1 t2,
  smmu_rel P root nctx n1 n2 m A -> 0 <= j < nctx -> reach smmu (flat 8 m) 2 (root j) va = Some t ->
  smmu_shape m (root j) t1 t2 -> smmu_shape (m # (t + 8 * idx smmu 2 va) == v) (root j) t1 t2.
Proof.
  intros P root nctx n1 n2 m A j va t v t1 t2 (HL & H1 & H2 & HT & HM) Hj Hr HS.
  assert (Hr0 := smmu_root_used P root nctx n1 n2 j Hj).
  assert (Hu := reach_used smmu smmu_ok _ _ _ HT 2 (root j) va t Hr0 Hr).
  assert (HW := flat_write smmu 8 (smmu_pool P root nctx) m 2 t (idx smmu 2 va) v (smmu_slots _ _ _ HL)
                  (tr_pool _ _ _ _ HT _ _ Hu) (idx_in_tbl smmu smmu_ok 2 va)).
  exact (shape_set smmu smmu_ok _ _ _ _ (root j) _ 2 t (idx smmu 2 va) v HT Hr0 (smmu_not_tbl2 _)
           (smmu_not_tbl2 _) HW HS).
Qed.

(** ** The other contexts *)

(** A write into a slot of any table that context [j]'s walk reaches: no walk of another context
    reads that table ([reach_unique]: it would have come from the same root), so their shapes
    are unchanged, whatever the written value. *)
Theorem smmu_shape_other : forall P root nctx n1 n2 m A j j' l0 va t v t1 t2,
  smmu_rel P root nctx n1 n2 m A -> 0 <= j < nctx -> 0 <= j' < nctx -> j <> j' -> (l0 < 3)%nat ->
  reach smmu (flat 8 m) l0 (root j) va = Some t -> smmu_shape m (root j') t1 t2 ->
  smmu_shape (m # (t + 8 * idx smmu l0 va) == v) (root j') t1 t2.
Proof.
  intros P root nctx n1 n2 m A j j' l0 va t v t1 t2 (HL & H1 & H2 & HT & HM) Hj Hj' N Hl Hr HS.
  assert (Hr0 := smmu_root_used P root nctx n1 n2 j Hj).
  assert (Hr0' := smmu_root_used P root nctx n1 n2 j' Hj').
  assert (Hu := reach_used smmu smmu_ok _ _ _ HT l0 (root j) va t Hr0 Hr).
  assert (HW := flat_write smmu 8 (smmu_pool P root nctx) m l0 t (idx smmu l0 va) v (smmu_slots _ _ _ HL)
                  (tr_pool _ _ _ _ HT _ _ Hu) (idx_in_tbl smmu smmu_ok l0 va)).
  apply (shape_slots smmu (flat 8 m)); [|exact HS]. intros va' k t' Hva' Rk. apply (proj2 HW).
  - exact (tr_pool _ _ _ _ HT _ _ (reach_used smmu smmu_ok _ _ _ HT k (root j') va' t' Hr0' Rk)).
  - apply idx_in_tbl, smmu_ok.
  - intros X. injection X as E1 E2 _. subst k t'.
    destruct (reach_unique smmu smmu_ok _ _ _ HT l0 (root j') (root j) va' va t Hr0' Hr0 Rk Hr) as [E _].
    destruct (sm_root_sep _ _ _ HL j j' Hj Hj' N); lia.
Qed.

(** ** Clearing a context's root *)

(** [init_smmu_pt] zeroes the 8 KiB root of context [j]: that context has no table left, the
    others keep theirs (their walks never read context [j]'s root). *)
Theorem smmu_shape_clear : forall P root nctx n1 n2 m m' A j,
  smmu_rel P root nctx n1 n2 m A -> 0 <= j < nctx ->
  (forall a, root j <= a < root j + 8192 -> m' @ a = 0) ->
  (forall a, ~ (root j <= a < root j + 8192) -> m' @ a = m @ a) ->
  smmu_shape m' (root j) (ZMap.init false) (ZMap.init false) /\
  (forall j' t1 t2, 0 <= j' < nctx -> j' <> j -> smmu_shape m (root j') t1 t2 -> smmu_shape m' (root j') t1 t2).
Proof.
  intros P root nctx n1 n2 m m' A j (HL & H1 & H2 & HT & HM) Hj Hz Ho.
  split; [exact (smmu_shape_init m' (root j) Hz)|].
  assert (HCl : clear_at smmu (smmu_pool P root nctx) (flat 8 m) (flat 8 m') 0 (root j)).
  { apply (flat_clear smmu 8 _ m m' 0 (root j) ltac:(lia) (smmu_extents _ _ _ HL)); [exists j; auto | |];
      intros a; unfold nent; cbn; [apply Hz | apply Ho]. }
  intros j' t1 t2 Hj' N HS.
  assert (Hr0' := smmu_root_used P root nctx n1 n2 j' Hj').
  apply (shape_slots smmu (flat 8 m)); [|exact HS]. intros va' k t' Hva' Rk. apply (proj2 HCl).
  - exact (tr_pool _ _ _ _ HT _ _ (reach_used smmu smmu_ok _ _ _ HT k (root j') va' t' Hr0' Rk)).
  - apply idx_in_tbl, smmu_ok.
  - intros X. injection X as E1 E2. subst k t'. cbn in Rk. injection Rk as E.
    destruct (sm_root_sep _ _ _ HL j' j Hj' Hj N); lia.
Qed.

(** ** Reading the shape off the code's tests *)

(** [walk_smmu_pgd] allocates iff the root entry's address bits are zero: iff [t1] says no table. *)
Lemma smmu_shape_1 : forall m r t1 t2 va, smmu_shape m r t1 t2 -> 0 <= va < 2 ^ 40 ->
  t1 @ (va / 2 ^ 30) = negb (oa (m @ (r + 8 * idx smmu 0 va)) =? 0).
Proof.
  intros m r t1 t2 va HS Hva. pose proof (HS va 1%nat Hva ltac:(cbn; lia)) as E.
  change (smmu_tbls t1 t2 1 (key smmu (1 - 1) va)) with (t1 @ (va / 2 ^ 30)) in E.
  rewrite E, reach_snoc. cbn [reach reach_from]. rewrite smmu_dec0. unfold flat, dec_addr.
  destruct (oa _ =? 0); reflexivity.
Qed.

(** [walk_smmu_pmd], from the level-1 table [t] the walk reached. *)
Lemma smmu_shape_2 : forall m r t1 t2 va t, smmu_shape m r t1 t2 -> 0 <= va < 2 ^ 40 ->
  reach smmu (flat 8 m) 1 r va = Some t ->
  t2 @ (va / 2 ^ 21) = negb (oa (m @ (t + 8 * idx smmu 1 va)) =? 0).
Proof.
  intros m r t1 t2 va t HS Hva Hr. pose proof (HS va 2%nat Hva ltac:(cbn; lia)) as E.
  change (smmu_tbls t1 t2 2 (key smmu (2 - 1) va)) with (t2 @ (va / 2 ^ 21)) in E.
  rewrite E, reach_snoc, Hr, smmu_dec1. unfold flat, dec_addr.
  destruct (oa _ =? 0); reflexivity.
Qed.

(** A missing level-1 table has no level-2 table below it. *)
Lemma smmu_shape_up1 : forall m r t1 t2 va, smmu_shape m r t1 t2 -> 0 <= va < 2 ^ 40 ->
  t1 @ (va / 2 ^ 30) = false -> t2 @ (va / 2 ^ 21) = false.
Proof. intros m r t1 t2 va HS Hva E. exact (shape_up smmu _ r _ va 1 HS Hva ltac:(lia) ltac:(cbn; lia) E). Qed.
