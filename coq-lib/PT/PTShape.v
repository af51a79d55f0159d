(** * The shape of a page table: which tables exist along each walk.

    [meaning] ([PT/PTRefine.v]) says what a table translates, but not which tables exist: linking
    a fresh table changes no translation.  SeKVM's [set_npt] allocates a table at a level exactly
    when the walk finds none there ([walk_pgd]/[walk_pud]/[walk_pmd] with [alloc = 1]), and each
    allocation bumps a pool counter (and may panic when the pool is full).  An abstract spec that
    must predict the allocations and the counters therefore keeps the shape as abstract state:
    [T l k] is [true] iff the walks of the addresses whose key at level [l - 1] is [k] (their
    level-[l - 1] region: 512 GiB, 1 GiB, 2 MiB for SeKVM's levels 1, 2, 3) reach a level-[l]
    table.  [shape rd r T] relates it to the tables.

    Main facts (any well-formed configuration):
    - [shape_init]: an all-zero root reaches no table;
    - [shape_frame]: writes that leave the used tables alone keep the shape;
    - [shape_set]: writing a non-table entry over a non-table entry keeps it (a leaf write never
      adds or removes a table: [write_reach_nontbl]);
    - [shape_link]: linking a fresh table below the walk of [va0] at level [l0] sets exactly one
      bit, level [S l0], key of [va0] at level [l0] (the fresh table is all zero, so nothing
      deeper appears);
    - [shape_reach]/[shape_up]: reading the shape back (a missing table has none below it).

    SeKVM stage 2: [s2_shape start m t1 t2 t3] with one [ZMap.t bool] per level, keyed by
    [va / 2^39], [va / 2^30], [va / 2^21]; [s2_shape_init], [s2_shape_mem_ext]/[_outside],
    [s2_shape_link1/2/3], [s2_shape_set], and [s2_shape_1/2/3] which equate the maps with the
    code's tests on the entries it reads, so the spec's "allocate iff [t1 @ (va / 2^39) = false]"
    is the code's "allocate iff the address bits are zero". *)
From Coq Require Import ZArith Lia List Arith Bool.
From AutoV Require Import Spec.
From AutoV.PT Require Import PTDesc PTWalk PTTree PTRefine PTInstances.
Local Open Scope Z_scope.

Definition present (o : option Z) : bool := match o with Some _ => true | None => false end.

(** Update one bit of a shape. *)
Definition tset (T : nat -> Z -> bool) (l : nat) (k : Z) (b : bool) : nat -> Z -> bool :=
  fun l' k' => if Nat.eqb l' l && Z.eqb k' k then b else T l' k'.

Section SHAPE.
  Variable C : cfg.
  Hypothesis HC : cfg_ok C.

  (** [T l k]: the walks of the addresses whose key at level [l - 1] is [k] reach a level-[l]
      table.  (The table reached at level [l] only depends on the indices above [l], i.e. on the
      key at level [l - 1]: [reach_prefix]; the root, level 0, always exists.) *)
  Definition shape (rd : rdT) (r : Z) (T : nat -> Z -> bool) : Prop :=
    forall va l, in_va C va -> (0 < l < nlv C)%nat -> T l (key C (l - 1) va) = present (reach C rd l r va).

  Lemma shape_ext : forall rd r T T', (forall l k, T l k = T' l k) -> shape rd r T -> shape rd r T'.
  Proof. intros rd r T T' E H va l Hva Hl. rewrite <- E. apply H; auto. Qed.

  Lemma shape_reach : forall rd r T va l, shape rd r T -> in_va C va -> (0 < l < nlv C)%nat ->
    T l (key C (l - 1) va) = true <-> exists t, reach C rd l r va = Some t.
  Proof.
    intros rd r T va l H Hva Hl. rewrite (H va l Hva Hl). destruct (reach C rd l r va) as [t|]; cbn.
    - split; [eauto | reflexivity].
    - split; [discriminate | intros [t E]; discriminate].
  Qed.

  (** Once a walk has stopped, it reaches nothing deeper. *)
  Lemma reach_none_le : forall rd r va k j, (k <= j)%nat -> reach C rd k r va = None ->
    reach C rd j r va = None.
  Proof. intros rd r va k j Hkj H. induction Hkj; [exact H|]. rewrite reach_snoc, IHHkj. reflexivity. Qed.

  (** A missing table has no table below it. *)
  Lemma shape_up : forall rd r T va l, shape rd r T -> in_va C va -> (0 < l)%nat -> (S l < nlv C)%nat ->
    T l (key C (l - 1) va) = false -> T (S l) (key C l va) = false.
  Proof.
    intros rd r T va l H Hva Hl Hn E. rewrite (H va l Hva ltac:(lia)) in E.
    pose proof (H va (S l) Hva ltac:(lia)) as E'. replace (S l - 1)%nat with l in E' by lia. rewrite E'.
    rewrite (reach_none_le rd r va l (S l)); [reflexivity | lia |].
    destruct (reach C rd l r va); [discriminate | reflexivity].
  Qed.

  (** ** An empty root *)

  Theorem shape_init : forall rd r, (forall i, in_tbl C 0 i -> rd 0%nat r i = 0) ->
    shape rd r (fun _ _ => false).
  Proof.
    intros rd r Hz va l Hva Hl.
    assert (R1 : reach C rd 1 r va = None).
    { rewrite reach_snoc. cbn [reach reach_from]. rewrite Hz, (cfg_zero C HC) by (apply idx_in_tbl; auto).
      reflexivity. }
    rewrite (reach_none_le rd r va 1 l); [reflexivity | lia | exact R1].
  Qed.

  (** ** Frames *)

  Lemma frame_reach : forall pool used rd rd' r va l, tree_ok C rd pool used ->
    agree_on C used rd rd' -> used 0%nat r -> reach C rd' l r va = reach C rd l r va.
  Proof.
    intros pool used rd rd' r va l HT Ha Hr. apply reach_frame. intros k t Hk Hreach. apply Ha.
    - exact (reach_used C HC rd pool used HT k r va t Hr Hreach).
    - apply idx_in_tbl; auto.
  Qed.

  Theorem shape_frame : forall pool used rd rd' r T, tree_ok C rd pool used -> agree_on C used rd rd' ->
    used 0%nat r -> shape rd r T -> shape rd' r T.
  Proof.
    intros pool used rd rd' r T HT Ha Hr H va l Hva Hl.
    rewrite (frame_reach pool used rd rd' r va l HT Ha Hr). apply H; auto.
  Qed.

  (** ** Leaf writes *)

  (** Overwriting a non-table entry with a non-table entry changes no [reach]: the walks that
      read the slot stopped there before and still do. *)
  Lemma write_reach_nontbl : forall pool used rd rd' l0 t0 i0 v r va k,
    tree_ok C rd pool used -> used 0%nat r ->
    is_tbl C l0 (rd l0 t0 i0) = false -> is_tbl C l0 v = false ->
    write_at C pool rd rd' l0 t0 i0 v -> reach C rd' k r va = reach C rd k r va.
  Proof.
    intros pool used rd rd' l0 t0 i0 v r va k HT Hr Hold Hv HW. induction k; [reflexivity|].
    rewrite !reach_snoc, IHk. destruct (reach C rd k r va) as [t|] eqn:R; [|reflexivity].
    assert (Hp : pool k t)
      by (apply (tr_pool _ _ _ _ HT); exact (reach_used C HC rd pool used HT k r va t Hr R)).
    destruct (Nat.eq_dec k l0) as [->|Nk];
      [destruct (Z.eq_dec t t0) as [->|Nt]; [destruct (Z.eq_dec (idx C l0 va) i0) as [Ei|Ni]|]|];
      try (rewrite (proj2 HW _ _ _ Hp (idx_in_tbl C HC _ va)) by congruence; reflexivity).
    rewrite Ei, (proj1 HW). unfold is_tbl in Hold, Hv.
    destruct (dec C l0 v); try discriminate; destruct (dec C l0 (rd l0 t0 i0)); try discriminate; reflexivity.
  Qed.

  (** Writing a leaf (or clearing an entry) keeps the shape (the hypotheses of [set_leaf],
      without the ones the shape does not need). *)
  Theorem shape_set : forall pool used rd rd' r T l0 t0 i0 v, tree_ok C rd pool used -> used 0%nat r ->
    is_tbl C l0 (rd l0 t0 i0) = false -> is_tbl C l0 v = false -> write_at C pool rd rd' l0 t0 i0 v ->
    shape rd r T -> shape rd' r T.
  Proof.
    intros pool used rd rd' r T l0 t0 i0 v HT Hr Hold Hv HW H va l Hva Hl.
    rewrite (write_reach_nontbl pool used rd rd' l0 t0 i0 v r va l HT Hr Hold Hv HW). apply H; auto.
  Qed.

  (** ** Linking a fresh table *)

  (** Linking the unused (all-zero) pool table [c] into the empty slot that the walk of [va0]
      reads at level [l0] (the hypotheses of [link_fresh]): the addresses with [va0]'s key at
      level [l0] now reach [c] at level [S l0] and nothing deeper (before, they reached nothing
      at [S l0] or deeper); the others read the slot neither before nor after ([reach_unique]). *)
  Theorem shape_link : forall pool used rd rd' r T va0 l0 t0 c v,
    tree_ok C rd pool used -> used 0%nat r -> in_va C va0 -> (S l0 < nlv C)%nat ->
    reach C rd l0 r va0 = Some t0 -> dec C l0 (rd l0 t0 (idx C l0 va0)) = KNone ->
    pool (S l0) c -> ~ used (S l0) c -> dec C l0 v = KTable c ->
    write_at C pool rd rd' l0 t0 (idx C l0 va0) v ->
    shape rd r T -> shape rd' r (tset T (S l0) (key C l0 va0) true).
  Proof.
    intros pool used rd rd' r T va0 l0 t0 c v HT Hr Hva0 Hlv Hreach Hold Hcp Hcu Hv HW H va l Hva Hl.
    unfold tset. destruct (Nat.le_gt_cases l l0) as [Hle|Hgt].
    - (* above the link: nothing changes *)
      rewrite (proj2 (Nat.eqb_neq l (S l0)) ltac:(lia)). cbn [andb].
      rewrite (write_reach_above C HC pool used rd rd' l0 t0 _ v HT HW r va l Hr Hle). apply H; auto.
    - destruct (Z.eq_dec (key C l0 va) (key C l0 va0)) as [Ek|Nk].
      + (* through the new link *)
        pose proof (proj1 (key_prefix C HC l0 va va0 Hva Hva0 ltac:(lia)) Ek) as P.
        assert (R : reach C rd l0 r va = Some t0)
          by (rewrite (reach_prefix C rd l0 r va va0) by (intros; apply P; lia); exact Hreach).
        assert (I : idx C l0 va = idx C l0 va0) by (apply P; lia).
        assert (R1 : reach C rd' (S l0) r va = Some c)
          by exact (link_fresh_reach C HC pool used rd rd' l0 t0 _ v HT HW c Hv r va Hr R I).
        destruct (Nat.eq_dec l (S l0)) as [->|Nl].
        * replace (S l0 - 1)%nat with l0 by lia. rewrite Nat.eqb_refl, Ek, Z.eqb_refl, R1. reflexivity.
        * rewrite (proj2 (Nat.eqb_neq l (S l0)) Nl). cbn [andb]. rewrite (H va l Hva Hl).
          assert (R0 : reach C rd (S l0) r va = None) by (rewrite reach_snoc, R, I, Hold; reflexivity).
          assert (R2 : reach C rd' (S (S l0)) r va = None).
          { rewrite reach_snoc, R1.
            rewrite (link_fresh_zero C pool used rd rd' l0 t0 _ v HT HW c Hlv Hcp Hcu) by (apply idx_in_tbl; auto).
            rewrite (cfg_zero C HC). reflexivity. }
          rewrite (reach_none_le rd r va (S l0) l), (reach_none_le rd' r va (S (S l0)) l)
            by (first [lia | assumption]). reflexivity.
      + (* elsewhere: the walk never reads the written slot *)
        assert (E : reach C rd' l r va = reach C rd l r va).
        { apply reach_frame. intros k t Hk Rk. apply (proj2 HW).
          - apply (tr_pool _ _ _ _ HT). exact (reach_used C HC rd pool used HT k r va t Hr Rk).
          - apply idx_in_tbl; auto.
          - intros X. injection X as E1 E2 E3. subst k t. apply Nk.
            destruct (reach_unique C HC rd pool used HT l0 r r va va0 t0 Hr Hr Rk Hreach) as [_ P].
            apply (key_prefix C HC l0 va va0 Hva Hva0 ltac:(lia)). intros j Hj.
            destruct (Nat.eq_dec j l0) as [->|]; [exact E3|]. apply P. lia. }
        rewrite E, <- (H va l Hva Hl).
        destruct (Nat.eqb_spec l (S l0)) as [->|]; [|reflexivity].
        replace (S l0 - 1)%nat with l0 by lia. rewrite (proj2 (Z.eqb_neq _ _) Nk). reflexivity.
  Qed.
End SHAPE.

(** ** SeKVM stage 2 *)

Lemma s2_key0 : forall va, key s2 0 va = va / 2 ^ 39. Proof. reflexivity. Qed.
Lemma s2_key1 : forall va, key s2 1 va = va / 2 ^ 30. Proof. reflexivity. Qed.

(** One map per level: [t1] by 512 GiB region ([va / 2^39]), [t2] by 1 GiB region ([va / 2^30]),
    [t3] by 2 MiB region ([va / 2^21]); the root always exists. *)
Definition s2_tbls (t1 t2 t3 : ZMap.t bool) : nat -> Z -> bool :=
  fun l k => match l with 1%nat => t1 @ k | 2%nat => t2 @ k | 3%nat => t3 @ k | _ => false end.

Definition s2_shape (start : Z) (m : ZMap.t Z) (t1 t2 t3 : ZMap.t bool) : Prop :=
  shape s2 (s2_mem m) start (s2_tbls t1 t2 t3).

Lemma s2_tbls_set1 : forall t1 t2 t3 k l k',
  tset (s2_tbls t1 t2 t3) 1 k true l k' = s2_tbls (t1 # k == true) t2 t3 l k'.
Proof. intros. unfold tset, s2_tbls. destruct l as [|[|[|[|l]]]]; cbn; rewrite ?ZMap.gsspec; reflexivity. Qed.

Lemma s2_tbls_set2 : forall t1 t2 t3 k l k',
  tset (s2_tbls t1 t2 t3) 2 k true l k' = s2_tbls t1 (t2 # k == true) t3 l k'.
Proof. intros. unfold tset, s2_tbls. destruct l as [|[|[|[|l]]]]; cbn; rewrite ?ZMap.gsspec; reflexivity. Qed.

Lemma s2_tbls_set3 : forall t1 t2 t3 k l k',
  tset (s2_tbls t1 t2 t3) 3 k true l k' = s2_tbls t1 t2 (t3 # k == true) l k'.
Proof. intros. unfold tset, s2_tbls. destruct l as [|[|[|[|l]]]]; cbn; rewrite ?ZMap.gsspec; reflexivity. Qed.

(** Initially the pool is zero: no table below the root. *)
Theorem s2_shape_init : forall start cap3 m, s2_layout start cap3 ->
  (forall a, start <= a < start + 2097152 + 4096 * cap3 -> m @ a = 0) ->
  s2_shape start m (ZMap.init false) (ZMap.init false) (ZMap.init false).
Proof.
  intros start cap3 m HL Hz. apply (shape_ext s2 _ _ (fun _ _ => false)).
  - intros [|[|[|[|l]]]] k; reflexivity.
  - apply (shape_init s2 s2_ok). intros i Hi. rewrite s2_mem_get. apply Hz.
    unfold in_tbl, nent in Hi. change (2 ^ width s2 0) with 512 in Hi. destruct HL. lia.
Qed.

(** *** Frames *)

(** Memories that agree on the VM's pool have the same shape. *)
Theorem s2_shape_mem_ext : forall start cap3 n1 n2 n3 m m' A t1 t2 t3,
  (forall a, start <= a < start + 2097152 + 4096 * cap3 -> m' @ a = m @ a) ->
  s2_rel start cap3 n1 n2 n3 m A -> s2_shape start m t1 t2 t3 -> s2_shape start m' t1 t2 t3.
Proof.
  intros start cap3 n1 n2 n3 m m' A t1 t2 t3 Ha (HL & Hc & HT & HK & HM) HS.
  apply (shape_frame s2 s2_ok (s2_pool start cap3) (s2_used start n1 n2 n3) (s2_mem m) (s2_mem m') start _ HT);
    [|apply s2_root_used | exact HS].
  intros l t i Hu Hi. rewrite !s2_mem_get. apply Ha. pose proof (tr_pool _ _ _ _ HT _ _ Hu) as Hp.
  unfold s2_pool, bump_pool in Hp. pose proof (bump_range _ 4096 ltac:(lia) _ _ Hp). unfold in_tbl, nent in Hi.
  assert (2 ^ width s2 l = 512) by (destruct l; reflexivity).
  destruct HL. destruct l as [|[|[|[|l]]]]; cbn in *; lia.
Qed.

(** A store outside the VM's pool keeps the shape. *)
Corollary s2_shape_outside : forall start cap3 n1 n2 n3 m A a v t1 t2 t3,
  s2_rel start cap3 n1 n2 n3 m A -> a < start \/ start + 2097152 + 4096 * cap3 <= a ->
  s2_shape start m t1 t2 t3 -> s2_shape start (m # a == v) t1 t2 t3.
Proof.
  intros start cap3 n1 n2 n3 m A a v t1 t2 t3 HR Ha HS.
  apply (s2_shape_mem_ext start cap3 n1 n2 n3 m _ A t1 t2 t3); [|exact HR | exact HS].
  intros b Hb. apply ZMap.gso. lia.
Qed.

(** *** Linking a freshly allocated table *)

(** The link of [s2_rel_link]: one more table at level [S l0], in [va]'s region. *)
Theorem s2_shape_link : forall start cap3 n1 n2 n3 m A va l0 t t1 t2 t3,
  s2_rel start cap3 n1 n2 n3 m A -> (l0 < 3)%nat -> 0 <= va < 2 ^ 48 ->
  reach s2 (s2_mem m) l0 start va = Some t -> dec s2 l0 (m @ (t + 8 * idx s2 l0 va)) = KNone ->
  s2_cnt n1 n2 n3 (S l0) < s2_cap cap3 (S l0) -> s2_shape start m t1 t2 t3 ->
  let c := s2_lo start (S l0) + 4096 * s2_cnt n1 n2 n3 (S l0) in
  shape s2 (s2_mem (m # (t + 8 * idx s2 l0 va) == (c + 3))) start
    (tset (s2_tbls t1 t2 t3) (S l0) (key s2 l0 va) true).
Proof.
  intros start cap3 n1 n2 n3 m A va l0 t t1 t2 t3 (HL & Hc & HT & HK & HM) Hl Hva Hr Hold Hcap HS c.
  assert (Hu := reach_used s2 s2_ok _ _ _ HT l0 start va t (s2_root_used _ _ _ _) Hr).
  assert (Hp : s2_pool start cap3 l0 t) by exact (tr_pool _ _ _ _ HT _ _ Hu).
  assert (Hcnt : 0 <= s2_cnt n1 n2 n3 (S l0)) by (destruct Hc as (? & ? & ?); destruct l0 as [|[|[|l0]]]; cbn; lia).
  destruct (bump_fresh (s2_lo start (S l0)) 4096 ltac:(lia) (s2_cnt n1 n2 n3 (S l0)) (s2_cap cap3 (S l0))
              ltac:(lia)) as [Hcp Hcu].
  fold c in Hcp, Hcu.
  destruct (s2_pool_addr start cap3 (S l0) c HL Hcp) as (Hc0 & Hc1 & Hc2).
  assert (Hv : dec s2 l0 (c + 3) = KTable c)
    by (destruct l0 as [|[|[|l0]]]; [apply dec_addr_tdesc | apply dec_addr_tdesc | apply dec_block_tdesc | lia]; lia).
  assert (HW := flat_write s2 8 (s2_pool start cap3) m l0 t (idx s2 l0 va) (c + 3) (s2_slots _ _ HL) Hp
                  (idx_in_tbl s2 s2_ok l0 va)).
  exact (shape_link s2 s2_ok _ _ _ _ start _ va l0 t c (c + 3) HT (s2_root_used _ _ _ _) Hva
           ltac:(cbn; lia) Hr Hold Hcp Hcu Hv HW HS).
Qed.

(** The three allocations of [walk_pgd]/[walk_pud]/[walk_pmd] ([s2_rel_link1/2/3]). *)
Corollary s2_shape_link1 : forall start cap3 n1 n2 n3 m A va t1 t2 t3,
  s2_rel start cap3 n1 n2 n3 m A -> oa (m @ (start + 8 * idx s2 0 va)) = 0 -> n1 < 16 ->
  0 <= va < 2 ^ 48 -> s2_shape start m t1 t2 t3 ->
  s2_shape start (m # (start + 8 * idx s2 0 va) == (start + 4096 + 4096 * n1 + 3))
    (t1 # (va / 2 ^ 39) == true) t2 t3.
Proof.
  intros start cap3 n1 n2 n3 m A va t1 t2 t3 HR E Hn Hva HS.
  pose proof (s2_shape_link start cap3 n1 n2 n3 m A va 0 start t1 t2 t3 HR ltac:(lia) Hva eq_refl
                (s2_empty_addr 0 _ ltac:(lia) E) Hn HS) as X.
  cbv zeta in X. change (key s2 0 va) with (va / 2 ^ 39) in X.
  change (s2_lo start 1 + 4096 * s2_cnt n1 n2 n3 1) with (start + 4096 + 4096 * n1) in X.
  exact (shape_ext s2 _ _ _ _ (s2_tbls_set1 t1 t2 t3 (va / 2 ^ 39)) X).
Qed.

Corollary s2_shape_link2 : forall start cap3 n1 n2 n3 m A va t t1 t2 t3,
  s2_rel start cap3 n1 n2 n3 m A -> reach s2 (s2_mem m) 1 start va = Some t ->
  oa (m @ (t + 8 * idx s2 1 va)) = 0 -> n2 < 495 ->
  0 <= va < 2 ^ 48 -> s2_shape start m t1 t2 t3 ->
  s2_shape start (m # (t + 8 * idx s2 1 va) == (start + 69632 + 4096 * n2 + 3))
    t1 (t2 # (va / 2 ^ 30) == true) t3.
Proof.
  intros start cap3 n1 n2 n3 m A va t t1 t2 t3 HR Hr E Hn Hva HS.
  pose proof (s2_shape_link start cap3 n1 n2 n3 m A va 1 t t1 t2 t3 HR ltac:(lia) Hva Hr
                (s2_empty_addr 1 _ ltac:(lia) E) Hn HS) as X.
  cbv zeta in X. change (key s2 1 va) with (va / 2 ^ 30) in X.
  change (s2_lo start 2 + 4096 * s2_cnt n1 n2 n3 2) with (start + 69632 + 4096 * n2) in X.
  exact (shape_ext s2 _ _ _ _ (s2_tbls_set2 t1 t2 t3 (va / 2 ^ 30)) X).
Qed.

Corollary s2_shape_link3 : forall start cap3 n1 n2 n3 m A va t t1 t2 t3,
  s2_rel start cap3 n1 n2 n3 m A -> reach s2 (s2_mem m) 2 start va = Some t ->
  dec_block (m @ (t + 8 * idx s2 2 va)) = KNone -> n3 < cap3 ->
  0 <= va < 2 ^ 48 -> s2_shape start m t1 t2 t3 ->
  s2_shape start (m # (t + 8 * idx s2 2 va) == (start + 2097152 + 4096 * n3 + 3))
    t1 t2 (t3 # (va / 2 ^ 21) == true).
Proof.
  intros start cap3 n1 n2 n3 m A va t t1 t2 t3 HR Hr E Hn Hva HS.
  pose proof (s2_shape_link start cap3 n1 n2 n3 m A va 2 t t1 t2 t3 HR ltac:(lia) Hva Hr E Hn HS) as X.
  cbv zeta in X. change (key s2 2 va) with (va / 2 ^ 21) in X.
  change (s2_lo start 3 + 4096 * s2_cnt n1 n2 n3 3) with (start + 2097152 + 4096 * n3) in X.
  exact (shape_ext s2 _ _ _ _ (s2_tbls_set3 t1 t2 t3 (va / 2 ^ 21)) X).
Qed.

(** *** Setting a leaf *)

(** The write of [s2_rel_set] (without its range, level and [canon_val] hypotheses, which the
    shape does not need). *)
Theorem s2_shape_set : forall start cap3 n1 n2 n3 m A va l0 t v t1 t2 t3,
  s2_rel start cap3 n1 n2 n3 m A -> reach s2 (s2_mem m) l0 start va = Some t ->
  is_tbl s2 l0 (m @ (t + 8 * idx s2 l0 va)) = false -> is_tbl s2 l0 v = false ->
  s2_shape start m t1 t2 t3 -> s2_shape start (m # (t + 8 * idx s2 l0 va) == v) t1 t2 t3.
Proof.
  intros start cap3 n1 n2 n3 m A va l0 t v t1 t2 t3 (HL & Hc & HT & HK & HM) Hr Hold Hv HS.
  assert (Hu := reach_used s2 s2_ok _ _ _ HT l0 start va t (s2_root_used _ _ _ _) Hr).
  assert (HW := flat_write s2 8 (s2_pool start cap3) m l0 t (idx s2 l0 va) v (s2_slots _ _ HL)
                  (tr_pool _ _ _ _ HT _ _ Hu) (idx_in_tbl s2 s2_ok l0 va)).
  exact (shape_set s2 s2_ok _ _ _ _ start _ l0 t (idx s2 l0 va) v HT (s2_root_used _ _ _ _) Hold Hv HW HS).
Qed.

(** *** Reading the shape off the code's tests *)

(** [walk_pgd] allocates iff the root entry's address bits are zero: iff [t1] says no table. *)
Lemma s2_shape_1 : forall start m t1 t2 t3 va, s2_shape start m t1 t2 t3 -> 0 <= va < 2 ^ 48 ->
  t1 @ (va / 2 ^ 39) = negb (oa (m @ (start + 8 * idx s2 0 va)) =? 0).
Proof.
  intros start m t1 t2 t3 va HS Hva. pose proof (HS va 1%nat Hva ltac:(cbn; lia)) as E.
  change (s2_tbls t1 t2 t3 1 (key s2 (1 - 1) va)) with (t1 @ (va / 2 ^ 39)) in E.
  rewrite E, reach_snoc. cbn [reach reach_from]. rewrite s2_mem_get, s2_dec0. unfold dec_addr.
  destruct (oa _ =? 0); reflexivity.
Qed.

(** [walk_pud], from the level-1 table [t] the walk reached. *)
Lemma s2_shape_2 : forall start m t1 t2 t3 va t, s2_shape start m t1 t2 t3 -> 0 <= va < 2 ^ 48 ->
  reach s2 (s2_mem m) 1 start va = Some t ->
  t2 @ (va / 2 ^ 30) = negb (oa (m @ (t + 8 * idx s2 1 va)) =? 0).
Proof.
  intros start m t1 t2 t3 va t HS Hva Hr. pose proof (HS va 2%nat Hva ltac:(cbn; lia)) as E.
  change (s2_tbls t1 t2 t3 2 (key s2 (2 - 1) va)) with (t2 @ (va / 2 ^ 30)) in E.
  rewrite E, reach_snoc, Hr, s2_mem_get, s2_dec1. unfold dec_addr.
  destruct (oa _ =? 0); reflexivity.
Qed.

(** [walk_pmd], from the level-2 table [t]: a level-3 table iff the entry is a table
    descriptor ([s2_is_tbl2]: the code's [pmd & 3 == 3] and a non-zero address). *)
Lemma s2_shape_3 : forall start m t1 t2 t3 va t, s2_shape start m t1 t2 t3 -> 0 <= va < 2 ^ 48 ->
  reach s2 (s2_mem m) 2 start va = Some t ->
  t3 @ (va / 2 ^ 21) = is_tbl s2 2 (m @ (t + 8 * idx s2 2 va)).
Proof.
  intros start m t1 t2 t3 va t HS Hva Hr. pose proof (HS va 3%nat Hva ltac:(cbn; lia)) as E.
  change (s2_tbls t1 t2 t3 3 (key s2 (3 - 1) va)) with (t3 @ (va / 2 ^ 21)) in E.
  rewrite E, reach_snoc, Hr, s2_mem_get. unfold is_tbl. destruct (dec s2 2 _); reflexivity.
Qed.

Lemma s2_is_tbl2 : forall d, is_tbl s2 2 d = (low 2 d =? 3) && negb (oa d =? 0).
Proof.
  intros d. unfold is_tbl. rewrite s2_dec2. unfold dec_block.
  destruct (low 2 d =? 3), (oa d =? 0), (d =? 0); reflexivity.
Qed.

(** A missing table has no table below it. *)
Lemma s2_shape_up1 : forall start m t1 t2 t3 va, s2_shape start m t1 t2 t3 -> 0 <= va < 2 ^ 48 ->
  t1 @ (va / 2 ^ 39) = false -> t2 @ (va / 2 ^ 30) = false.
Proof. intros start m t1 t2 t3 va HS Hva E. exact (shape_up s2 _ start _ va 1 HS Hva ltac:(lia) ltac:(cbn; lia) E). Qed.

Lemma s2_shape_up2 : forall start m t1 t2 t3 va, s2_shape start m t1 t2 t3 -> 0 <= va < 2 ^ 48 ->
  t2 @ (va / 2 ^ 30) = false -> t3 @ (va / 2 ^ 21) = false.
Proof. intros start m t1 t2 t3 va HS Hva E. exact (shape_up s2 _ start _ va 2 HS Hva ltac:(lia) ltac:(cbn; lia) E). Qed.
