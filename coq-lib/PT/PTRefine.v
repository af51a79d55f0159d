(** * The tree relation and the lemmas every page-table refinement proof needs.

    An abstract page table is a map per level, [A : amap] ([A l k] is the entry of the level-[l]
    region with key [k], see [PTWalk.key]); [meaning rd r A] says that for every input address
    the abstract map has an entry at level [l] iff the walk from root [r] ends with a leaf at
    level [l], and then the entry is the leaf's output ([out l d], e.g. the descriptor itself,
    or its output address).  A project's relation is then, per root,
    [tree_ok rd pool used /\ meaning rd r A] plus its layout facts (see [PT/README.md]).

    Main theorems (all for an arbitrary well-formed configuration):
    - [set_leaf]: writing a non-table entry [v] into the slot that the walk of [va0] reads at
      level [l0] keeps the shape and updates exactly one abstract entry: level [l0], key of
      [va0], to [leaf_val l0 v] ([None] when [v] decodes as "nothing", e.g. zero);
      [set_leaf_walk_hit]/[set_leaf_walk_miss] say the same of the walks themselves, and
      [set_leaf_other] that the other roots of a forest keep their meaning;
    - [link_fresh]: linking an unused, all-zero pool table below an empty slot keeps the shape
      (with the table now used) and changes no translation of any root;
    - [frame_walk]/[frame_tree]/[frame_meaning]: writes that leave the used tables alone change
      no translation (and keep the shape if unused pool tables stay zero);
    - [clear_root], [add_root], [init_tree], [init_meaning]: empty tables;
    - [reach_unique] (in [PT/PTTree.v]): unique parents along whole paths. *)
From Coq Require Import ZArith Lia List Arith Bool.
From AutoV.PT Require Import PTDesc PTWalk PTTree.
Local Open Scope Z_scope.

Definition amap := nat -> Z -> option Z.

Definition aempty : amap := fun _ _ => None.

(** Update one entry. *)
Definition aset (A : amap) (l : nat) (k : Z) (o : option Z) : amap :=
  fun l' k' => if Nat.eqb l' l && Z.eqb k' k then o else A l' k'.

(** What a walk result says about level [l]. *)
Definition leaf_at (out : nat -> Z -> Z) (l : nat) (w : wres) : option Z :=
  match w with
  | Leaf l' d => if Nat.eqb l l' then Some (out l d) else None
  | Fault _ => None
  end.

Section REFINE.
  Variable C : cfg.
  Variable out : nat -> Z -> Z.
  Hypothesis HC : cfg_ok C.

  Definition meaning (rd : rdT) (r : Z) (A : amap) : Prop :=
    forall va l, in_va C va -> (l < nlv C)%nat -> A l (key C l va) = leaf_at out l (walk C rd r va).

  (** The abstract entry a written leaf stands for. *)
  Definition leaf_val (l : nat) (v : Z) : option Z :=
    match dec C l v with KLeaf => Some (out l v) | _ => None end.

  (** The walk result when the walk stops at an entry [v] of level [l]. *)
  Definition res_of (l : nat) (v : Z) : wres :=
    match dec C l v with KLeaf => Leaf l v | _ => Fault l end.

  Definition is_tbl (l : nat) (d : Z) : bool :=
    match dec C l d with KTable _ => true | _ => false end.

  Lemma leaf_at_res : forall l l0 v,
    leaf_at out l (res_of l0 v) = if Nat.eqb l l0 then leaf_val l0 v else None.
  Proof.
    intros l l0 v. unfold res_of, leaf_val. destruct (dec C l0 v); cbn; try (destruct (Nat.eqb l l0); reflexivity).
    destruct (Nat.eqb_spec l l0) as [->|]; reflexivity.
  Qed.

  Lemma meaning_ext : forall rd r A B, (forall l k, A l k = B l k) -> meaning rd r A -> meaning rd r B.
  Proof. intros rd r A B E H va l Hva Hl. rewrite <- E. apply H; auto. Qed.

  (** Reading a walk off the abstract map. *)
  Lemma meaning_leaf : forall rd r A va l d, meaning rd r A -> in_va C va ->
    walk C rd r va = Leaf l d -> A l (key C l va) = Some (out l d).
  Proof.
    intros rd r A va l d HM Hva Hw. destruct (walk_leaf_inv C rd r va l d Hw) as [Hl _].
    rewrite (HM va l Hva Hl), Hw. cbn. rewrite Nat.eqb_refl. reflexivity.
  Qed.

  Lemma meaning_fault : forall rd r A va l l', meaning rd r A -> in_va C va -> (l < nlv C)%nat ->
    walk C rd r va = Fault l' -> A l (key C l va) = None.
  Proof. intros rd r A va l l' HM Hva Hl Hw. rewrite (HM va l Hva Hl), Hw. reflexivity. Qed.

  (** A level the walk passes through without the abstract map holding an entry there: the
      slot is not a leaf. *)
  Lemma meaning_no_leaf : forall rd r A va l t, meaning rd r A -> in_va C va -> (l < nlv C)%nat ->
    reach C rd l r va = Some t -> A l (key C l va) = None -> dec C l (rd l t (idx C l va)) <> KLeaf.
  Proof.
    intros rd r A va l t HM Hva Hl Hr HA D. rewrite (HM va l Hva Hl), (walk_at C rd l r t va Hl Hr), D in HA.
    cbn in HA. rewrite Nat.eqb_refl in HA. discriminate.
  Qed.

  (** The walk through a non-table slot stops there. *)
  Lemma walk_hit : forall rd r va l0 t0, (l0 < nlv C)%nat -> reach C rd l0 r va = Some t0 ->
    is_tbl l0 (rd l0 t0 (idx C l0 va)) = false -> walk C rd r va = res_of l0 (rd l0 t0 (idx C l0 va)).
  Proof.
    intros rd r va l0 t0 Hl Hr Ht. rewrite (walk_at C rd l0 r t0 va Hl Hr). unfold res_of, is_tbl in *.
    destruct (dec C l0 _); [discriminate | reflexivity | reflexivity].
  Qed.

  Lemma reach_step : forall rd k r va t c, reach C rd k r va = Some t ->
    dec C k (rd k t (idx C k va)) = KTable c -> reach C rd (S k) r va = Some c.
  Proof. intros rd k r va t c H D. rewrite reach_snoc, H, D. reflexivity. Qed.

  (** ** Writes: which walks see them *)

  Section WRITE.
    Variables (pool used : lvpred) (rd rd' : rdT) (l0 : nat) (t0 i0 v : Z).
    Hypothesis HT : tree_ok C rd pool used.
    Hypothesis HW : write_at C pool rd rd' l0 t0 i0 v.

    (** Below the written level nothing changes. *)
    Lemma write_reach_above : forall r va k, used 0%nat r -> (k <= l0)%nat ->
      reach C rd' k r va = reach C rd k r va.
    Proof.
      intros r va k Hr Hk. apply reach_frame. intros j t Hj Hreach. apply (proj2 HW).
      - apply (tr_pool _ _ _ _ HT). apply (reach_used C HC rd pool used HT j r va t Hr Hreach).
      - apply idx_in_tbl; auto.
      - intro E. inversion E. lia.
    Qed.

    Lemma write_walk_miss : forall r va, used 0%nat r ->
      ~ (reach C rd l0 r va = Some t0 /\ idx C l0 va = i0) -> walk C rd' r va = walk C rd r va.
    Proof.
      intros r va Hr Hn. apply walk_frame. intros k t Hk Hreach. apply (proj2 HW).
      - apply (tr_pool _ _ _ _ HT). apply (reach_used C HC rd pool used HT k r va t Hr Hreach).
      - apply idx_in_tbl; auto.
      - intro E. inversion E; subst. apply Hn. auto.
    Qed.

    Lemma write_walk_hit : forall r va, used 0%nat r -> (l0 < nlv C)%nat ->
      reach C rd l0 r va = Some t0 -> idx C l0 va = i0 ->
      walk C rd' r va = match dec C l0 v with
                        | KTable c => walk_from C rd' (nlv C - S l0)%nat (S l0) c va
                        | KLeaf => Leaf l0 v
                        | KNone => Fault l0
                        end.
    Proof.
      intros r va Hr Hl Hreach Hi.
      assert (R' : reach C rd' l0 r va = Some t0) by (rewrite write_reach_above; auto).
      rewrite (walk_at C rd' l0 r t0 va Hl R'), Hi, (proj1 HW). reflexivity.
    Qed.

    Hypothesis Hu0 : used l0 t0.
    Hypothesis Hi0 : in_tbl C l0 i0.

    (** A slot of a used table that decodes as a table after the write: either the written
        slot, or a slot the write left alone. *)
    Lemma write_table_slot : forall l t i c, pool l t -> in_tbl C l i ->
      dec C l (rd' l t i) = KTable c ->
      ((l, t, i) = (l0, t0, i0) /\ dec C l0 v = KTable c) \/ dec C l (rd l t i) = KTable c.
    Proof.
      intros l t i c Hp Hi D. destruct (Nat.eq_dec l l0) as [->|]; [destruct (Z.eq_dec t t0) as [->|];
        [destruct (Z.eq_dec i i0) as [->|] |] |].
      - left. rewrite (proj1 HW) in D. auto.
      - right. rewrite (proj2 HW) in D; auto. congruence.
      - right. rewrite (proj2 HW) in D; auto. congruence.
      - right. rewrite (proj2 HW) in D; auto. congruence.
    Qed.

    (** *** Setting a leaf *)

    Lemma set_leaf_tree : is_tbl l0 v = false -> tree_ok C rd' pool used.
    Proof.
      intros Hv. constructor.
      - apply (tr_pool _ _ _ _ HT).
      - intros l t i c Hu Hi D.
        destruct (write_table_slot l t i c (tr_pool _ _ _ _ HT l t Hu) Hi D) as [[_ E]|E].
        + unfold is_tbl in Hv. rewrite E in Hv. discriminate.
        + eapply (tr_child _ _ _ _ HT); eauto.
      - intros l t i t' i' c Hu Hu' Hi Hi' D D'.
        destruct (write_table_slot l t i c (tr_pool _ _ _ _ HT l t Hu) Hi D) as [[_ E]|E];
          [unfold is_tbl in Hv; rewrite E in Hv; discriminate|].
        destruct (write_table_slot l t' i' c (tr_pool _ _ _ _ HT l t' Hu') Hi' D') as [[_ E']|E'];
          [unfold is_tbl in Hv; rewrite E' in Hv; discriminate|].
        eapply (tr_uniq _ _ _ _ HT); eauto.
      - intros l t i Hp Hn Hi. rewrite (proj2 HW); auto; [apply (tr_zero _ _ _ _ HT); auto|].
        intro E. inversion E; subst. contradiction.
    Qed.

    Lemma set_leaf_walk_hit : forall r va, used 0%nat r -> (l0 < nlv C)%nat ->
      is_tbl l0 v = false -> reach C rd l0 r va = Some t0 -> idx C l0 va = i0 ->
      walk C rd' r va = res_of l0 v.
    Proof.
      intros r va Hr Hl Hv Hreach Hi. rewrite write_walk_hit by auto. unfold res_of, is_tbl in *.
      destruct (dec C l0 v); [discriminate | reflexivity | reflexivity].
    Qed.

    Lemma set_leaf_walk_miss : forall r va, used 0%nat r ->
      ~ (reach C rd l0 r va = Some t0 /\ idx C l0 va = i0) -> walk C rd' r va = walk C rd r va.
    Proof. exact write_walk_miss. Qed.

    (** *** Linking a fresh table *)

    Variable c : Z.
    Hypothesis Hlv : (S l0 < nlv C)%nat.
    Hypothesis Hold : dec C l0 (rd l0 t0 i0) = KNone.
    Hypothesis Hcp : pool (S l0) c.
    Hypothesis Hcu : ~ used (S l0) c.
    Hypothesis Hv : dec C l0 v = KTable c.

    Lemma link_fresh_zero : forall i, in_tbl C (S l0) i -> rd' (S l0) c i = 0.
    Proof.
      intros i Hi. rewrite (proj2 HW); auto; [apply (tr_zero _ _ _ _ HT); auto|].
      intro E. inversion E. lia.
    Qed.

    Lemma link_fresh_tree : tree_ok C rd' pool (add_used used (S l0) c).
    Proof.
      assert (NT : forall i c', in_tbl C (S l0) i -> dec C (S l0) (rd' (S l0) c i) <> KTable c').
      { intros i c' Hi. rewrite link_fresh_zero, (cfg_zero C HC) by auto. discriminate. }
      (* No old entry of level [l0] points to [c]. *)
      assert (NC : forall t i, used l0 t -> in_tbl C l0 i -> dec C l0 (rd l0 t i) <> KTable c).
      { intros t i Hu Hi D. exact (Hcu (tr_child _ _ _ _ HT l0 t i c Hu Hi D)). }
      constructor.
      - intros l t [H | [-> ->]]; [apply (tr_pool _ _ _ _ HT); auto | exact Hcp].
      - intros l t i c' [Hu | [-> ->]] Hi D; [|exfalso; exact (NT i c' Hi D)].
        destruct (write_table_slot l t i c' (tr_pool _ _ _ _ HT l t Hu) Hi D) as [[E E']|E].
        + inversion E; subst. rewrite Hv in E'. inversion E'; subst. right. auto.
        + left. eapply (tr_child _ _ _ _ HT); eauto.
      - intros l t i t' i' c' Hu Hu' Hi Hi' D D'.
        destruct Hu as [Hu | [-> ->]]; [|exfalso; exact (NT i c' Hi D)].
        destruct Hu' as [Hu' | [El ->]]; [|subst l; exfalso; exact (NT i' c' Hi' D')].
        destruct (write_table_slot l t i c' (tr_pool _ _ _ _ HT l t Hu) Hi D) as [[E E2]|E];
        destruct (write_table_slot l t' i' c' (tr_pool _ _ _ _ HT l t' Hu') Hi' D') as [[E' E2']|E'].
        + inversion E; subst; inversion E'; subst; split; reflexivity.
        + inversion E; subst. rewrite Hv in E2. inversion E2; subst. exfalso. exact (NC t' i' Hu' Hi' E').
        + inversion E'; subst. rewrite Hv in E2'. inversion E2'; subst. exfalso. exact (NC t i Hu Hi E).
        + eapply (tr_uniq _ _ _ _ HT); eauto.
      - intros l t i Hp Hn Hi. rewrite (proj2 HW); auto.
        + apply (tr_zero _ _ _ _ HT); auto. intro H. apply Hn. left. exact H.
        + intro E. inversion E; subst. apply Hn. left. exact Hu0.
    Qed.

    (** A walk through the new link now stops one level lower, without a translation. *)
    Lemma link_fresh_walk : forall r va, used 0%nat r ->
      walk C rd' r va = walk C rd r va \/ (walk C rd r va = Fault l0 /\ walk C rd' r va = Fault (S l0)).
    Proof.
      intros r va Hr.
      destruct (reach C rd l0 r va) as [t|] eqn:R; [destruct (Z.eq_dec t t0) as [->|Nt];
        [destruct (Z.eq_dec (idx C l0 va) i0) as [Ei|Ni]|]|].
      - right. split.
        + rewrite (walk_at C rd l0 r t0 va ltac:(lia) R), Ei, Hold. reflexivity.
        + rewrite write_walk_hit, Hv by (auto; lia).
          replace (nlv C - S l0)%nat with (S (nlv C - S (S l0))) by lia.
          apply walk_from_zero; auto. apply link_fresh_zero, idx_in_tbl; auto.
      - left. apply write_walk_miss; auto. intros [_ E]. contradiction.
      - left. apply write_walk_miss; auto. intros [E _]. congruence.
      - left. apply write_walk_miss; auto. intros [E _]. congruence.
    Qed.

    Lemma link_fresh_reach : forall r va, used 0%nat r -> reach C rd l0 r va = Some t0 ->
      idx C l0 va = i0 -> reach C rd' (S l0) r va = Some c.
    Proof.
      intros r va Hr Hreach Hi. rewrite reach_snoc, write_reach_above, Hreach by auto.
      rewrite Hi, (proj1 HW), Hv. reflexivity.
    Qed.

    (** Filling an empty slot keeps every table any walk reached. *)
    Lemma link_reach_keep : forall r va k t, used 0%nat r -> reach C rd k r va = Some t ->
      reach C rd' k r va = Some t.
    Proof.
      intros r va k t Hr R. rewrite <- R. apply reach_frame. intros j t' Hj Rj. apply (proj2 HW).
      - apply (tr_pool _ _ _ _ HT). exact (reach_used C HC rd pool used HT j r va t' Hr Rj).
      - apply idx_in_tbl; auto.
      - intro E. injection E as -> -> Ei.
        assert (N : reach C rd (S l0) r va = None) by (rewrite reach_snoc, Rj, Ei, Hold; reflexivity).
        rewrite (reach_none_up C rd (S l0) k r va ltac:(lia) N) in R. discriminate.
    Qed.
  End WRITE.

  (** ** The main theorems, packaged *)

  (** Writing a leaf (or clearing an entry) at level [l0] in the slot that the walk of [va0]
      from root [r] reads: the shape is kept and the abstract map changes in exactly one entry. *)
  Theorem set_leaf : forall pool used rd rd' r A va0 l0 t0 v,
    tree_ok C rd pool used -> used 0%nat r -> meaning rd r A ->
    in_va C va0 -> (l0 < nlv C)%nat -> reach C rd l0 r va0 = Some t0 ->
    is_tbl l0 (rd l0 t0 (idx C l0 va0)) = false -> is_tbl l0 v = false ->
    write_at C pool rd rd' l0 t0 (idx C l0 va0) v ->
    tree_ok C rd' pool used /\ meaning rd' r (aset A l0 (key C l0 va0) (leaf_val l0 v)).
  Proof.
    intros pool used rd rd' r A va0 l0 t0 v HT Hr HM Hva0 Hl Hreach Hold Hv HW.
    assert (Hu0 : used l0 t0) by exact (reach_used C HC rd pool used HT l0 r va0 t0 Hr Hreach).
    split; [apply (set_leaf_tree pool used rd rd' l0 t0 (idx C l0 va0) v HT HW Hu0); auto|].
    intros va l Hva Hll. unfold aset.
    destruct (Z.eq_dec (key C l0 va) (key C l0 va0)) as [Ek|Nk].
    - pose proof (proj1 (key_prefix C HC l0 va va0 Hva Hva0 Hl) Ek) as P.
      assert (R : reach C rd l0 r va = Some t0)
        by (rewrite (reach_prefix C rd l0 r va va0) by (intros; apply P; lia); exact Hreach).
      assert (I : idx C l0 va = idx C l0 va0) by (apply P; lia).
      rewrite (set_leaf_walk_hit pool used rd rd' l0 t0 (idx C l0 va0) v HT HW r va) by auto.
      rewrite leaf_at_res. destruct (Nat.eqb_spec l l0) as [->|Nl].
      + rewrite Ek, Z.eqb_refl. reflexivity.
      + cbn [andb]. rewrite (HM va l Hva Hll), (walk_hit rd r va l0 t0 Hl R) by (rewrite I; auto).
        rewrite leaf_at_res. apply Nat.eqb_neq in Nl. rewrite Nl. reflexivity.
    - rewrite (set_leaf_walk_miss pool used rd rd' l0 t0 (idx C l0 va0) v HT HW r va Hr).
      + rewrite <- (HM va l Hva Hll). destruct (Nat.eqb_spec l l0) as [->|Nl]; [|reflexivity].
        apply Z.eqb_neq in Nk. rewrite Nk. reflexivity.
      + intros [R I]. apply Nk.
        destruct (reach_unique C HC rd pool used HT l0 r r va va0 t0 Hr Hr R Hreach) as [_ P].
        apply (key_prefix C HC l0 va va0 Hva Hva0 Hl). intros k Hk.
        destruct (Nat.eq_dec k l0) as [->|]; [exact I|]. apply P. lia.
  Qed.

  (** The other roots of a forest keep their meaning. *)
  Theorem set_leaf_other : forall pool used rd rd' r r' B va0 l0 t0 v,
    tree_ok C rd pool used -> used 0%nat r -> used 0%nat r' -> r' <> r ->
    reach C rd l0 r va0 = Some t0 -> write_at C pool rd rd' l0 t0 (idx C l0 va0) v ->
    meaning rd r' B -> meaning rd' r' B.
  Proof.
    intros pool used rd rd' r r' B va0 l0 t0 v HT Hr Hr' N Hreach HW HM va l Hva Hl.
    rewrite (write_walk_miss pool used rd rd' l0 t0 (idx C l0 va0) v HT HW r' va Hr'); [apply HM; auto|].
    intros [R _]. apply N. exact (proj1 (reach_unique C HC rd pool used HT l0 r' r va va0 t0 Hr' Hr R Hreach)).
  Qed.

  (** Linking an unused (hence all-zero) pool table [c] below an empty slot of a used table:
      the table becomes used, the shape is kept, no translation of any root changes, and the walk
      of [va0] now reaches [c]. *)
  Theorem link_fresh : forall pool used rd rd' l0 t0 i0 c v,
    tree_ok C rd pool used -> used l0 t0 -> in_tbl C l0 i0 -> (S l0 < nlv C)%nat ->
    dec C l0 (rd l0 t0 i0) = KNone -> pool (S l0) c -> ~ used (S l0) c -> dec C l0 v = KTable c ->
    write_at C pool rd rd' l0 t0 i0 v ->
    tree_ok C rd' pool (add_used used (S l0) c) /\
    (forall r A, used 0%nat r -> meaning rd r A -> meaning rd' r A).
  Proof.
    intros pool used rd rd' l0 t0 i0 c v HT Hu Hi Hl Hold Hcp Hcu Hv HW. split.
    - eapply link_fresh_tree; eauto.
    - intros r A Hr HM va l Hva Hll. rewrite (HM va l Hva Hll).
      destruct (link_fresh_walk pool used rd rd' l0 t0 i0 v HT HW c Hl Hold Hcp Hcu Hv r va Hr)
        as [E | [E E']]; rewrite E; [reflexivity|]. rewrite E'. reflexivity.
  Qed.

  (** ** Frames *)

  (** Writes that leave every used table alone change no walk from a used root. *)
  Theorem frame_walk : forall pool used rd rd' r va, tree_ok C rd pool used ->
    agree_on C used rd rd' -> used 0%nat r -> walk C rd' r va = walk C rd r va.
  Proof.
    intros pool used rd rd' r va HT Ha Hr. apply walk_frame. intros k t Hk Hreach. apply Ha.
    - exact (reach_used C HC rd pool used HT k r va t Hr Hreach).
    - apply idx_in_tbl; auto.
  Qed.

  Theorem frame_meaning : forall pool used rd rd' r A, tree_ok C rd pool used ->
    agree_on C used rd rd' -> used 0%nat r -> meaning rd r A -> meaning rd' r A.
  Proof.
    intros pool used rd rd' r A HT Ha Hr HM va l Hva Hl.
    rewrite (frame_walk pool used rd rd' r va HT Ha Hr). apply HM; auto.
  Qed.

  (** ... and keep the shape if the unused pool tables stay zero. *)
  Theorem frame_tree : forall pool used rd rd', tree_ok C rd pool used -> agree_on C used rd rd' ->
    (forall l t i, pool l t -> ~ used l t -> in_tbl C l i -> rd' l t i = 0) -> tree_ok C rd' pool used.
  Proof.
    intros pool used rd rd' HT Ha Hz. constructor.
    - apply (tr_pool _ _ _ _ HT).
    - intros l t i c Hu Hi D. rewrite Ha in D by auto. eapply (tr_child _ _ _ _ HT); eauto.
    - intros l t i t' i' c Hu Hu' Hi Hi' D D'. rewrite Ha in D, D' by auto. eapply (tr_uniq _ _ _ _ HT); eauto.
    - exact Hz.
  Qed.

  (** A write to a slot of an unused table: no walk changes, and the shape is kept if the
      written value is zero. *)
  Theorem write_unused : forall pool used rd rd' l0 t0 i0 v, tree_ok C rd pool used ->
    ~ used l0 t0 -> write_at C pool rd rd' l0 t0 i0 v ->
    agree_on C used rd rd' /\ (v = 0 -> tree_ok C rd' pool used).
  Proof.
    intros pool used rd rd' l0 t0 i0 v HT Hn HW.
    assert (Ha : agree_on C used rd rd').
    { intros l t i Hu Hi. apply (proj2 HW); auto; [apply (tr_pool _ _ _ _ HT); auto|].
      intro E. inversion E; subst. contradiction. }
    split; [exact Ha|]. intros ->. apply (frame_tree pool used rd rd' HT Ha).
    intros l t i Hp Hu Hi. destruct (Nat.eq_dec l l0) as [->|];
      [destruct (Z.eq_dec t t0) as [->|]; [destruct (Z.eq_dec i i0) as [->|]|]|].
    - apply (proj1 HW).
    - rewrite (proj2 HW) by (auto; congruence). apply (tr_zero _ _ _ _ HT); auto.
    - rewrite (proj2 HW) by (auto; congruence). apply (tr_zero _ _ _ _ HT); auto.
    - rewrite (proj2 HW) by (auto; congruence). apply (tr_zero _ _ _ _ HT); auto.
  Qed.

  (** ** Empty tables *)

  Lemma walk_empty_root : forall rd r va, (forall i, in_tbl C 0 i -> rd 0%nat r i = 0) ->
    walk C rd r va = Fault 0.
  Proof.
    intros rd r va Hz. unfold walk. apply walk_from_zero; auto. apply Hz, idx_in_tbl; auto.
  Qed.

  Theorem init_meaning : forall rd r, (forall i, in_tbl C 0 i -> rd 0%nat r i = 0) -> meaning rd r aempty.
  Proof. intros rd r Hz va l Hva Hl. rewrite walk_empty_root; auto. Qed.

  (** All pool tables zero, only the roots [R] used. *)
  Theorem init_tree : forall rd (pool : lvpred) (R : Z -> Prop),
    (forall l t i, pool l t -> in_tbl C l i -> rd l t i = 0) -> (forall t, R t -> pool 0%nat t) ->
    tree_ok C rd pool (fun l t => l = 0%nat /\ R t).
  Proof.
    intros rd pool R Hz Hr. constructor.
    - intros l t [-> H]. auto.
    - intros l t i c [-> H] Hi D. rewrite Hz, (cfg_zero C HC) in D by auto. discriminate.
    - intros l t i t' i' c [-> H] _ Hi _ D _. rewrite Hz, (cfg_zero C HC) in D by auto. discriminate.
    - intros l t i Hp _ Hi. auto.
  Qed.

  (** Clearing a used root (e.g. SMMU [init_smmu_pt]): the shape is kept, that root translates
      nothing, the other roots are unchanged. *)
  Theorem clear_root : forall pool used rd rd' r, tree_ok C rd pool used -> used 0%nat r ->
    clear_at C pool rd rd' 0 r ->
    tree_ok C rd' pool used /\ meaning rd' r aempty /\
    (forall r' va, used 0%nat r' -> r' <> r -> walk C rd' r' va = walk C rd r' va).
  Proof.
    intros pool used rd rd' r HT Hr [Hz Ho].
    assert (E : forall l t i, used l t -> in_tbl C l i -> (l, t) <> (0%nat, r) -> rd' l t i = rd l t i)
      by (intros; apply Ho; auto; apply (tr_pool _ _ _ _ HT); auto).
    assert (NT : forall l t i c, used l t -> in_tbl C l i -> dec C l (rd' l t i) = KTable c ->
               dec C l (rd l t i) = KTable c).
    { intros l t i c Hu Hi D. destruct (Nat.eq_dec l 0) as [->|]; [destruct (Z.eq_dec t r) as [->|]|].
      - rewrite Hz, (cfg_zero C HC) in D by auto. discriminate.
      - rewrite E in D by (auto; congruence). exact D.
      - rewrite E in D by (auto; congruence). exact D. }
    split; [|split].
    - constructor.
      + apply (tr_pool _ _ _ _ HT).
      + intros l t i c Hu Hi D. eapply (tr_child _ _ _ _ HT); eauto.
      + intros l t i t' i' c Hu Hu' Hi Hi' D D'. eapply (tr_uniq _ _ _ _ HT); eauto.
      + intros l t i Hp Hn Hi. rewrite Ho by (auto; intro X; inversion X; subst; contradiction).
        apply (tr_zero _ _ _ _ HT); auto.
    - apply init_meaning. exact Hz.
    - intros r' va Hr' N. apply walk_frame. intros k t Hk Hreach. apply E.
      + exact (reach_used C HC rd pool used HT k r' va t Hr' Hreach).
      + apply idx_in_tbl; auto.
      + intro X. inversion X; subst. cbn in Hreach. congruence.
  Qed.

  (** A new root: an all-zero table joins the pool and the used tables. *)
  Theorem add_root : forall rd (pool pool' used : lvpred) r, tree_ok C rd pool used ->
    (forall i, in_tbl C 0 i -> rd 0%nat r i = 0) ->
    (forall l t, pool' l t <-> pool l t \/ (l = 0%nat /\ t = r)) ->
    tree_ok C rd pool' (add_used used 0 r) /\ meaning rd r aempty.
  Proof.
    intros rd pool pool' used r HT Hz Hp. split; [|apply init_meaning; auto]. constructor.
    - intros l t [H | [-> ->]]; apply Hp; [left; apply (tr_pool _ _ _ _ HT); auto | right; auto].
    - intros l t i c [H | [-> ->]] Hi D.
      + left. eapply (tr_child _ _ _ _ HT); eauto.
      + rewrite Hz, (cfg_zero C HC) in D by auto. discriminate.
    - intros l t i t' i' c [H | [-> ->]] [H' | [E ->]] Hi Hi' D D';
        try (rewrite Hz, (cfg_zero C HC) in D by auto; discriminate);
        try (subst l; rewrite Hz, (cfg_zero C HC) in D' by auto; discriminate).
      eapply (tr_uniq _ _ _ _ HT); eauto.
    - intros l t i H Hn Hi. apply Hp in H. destruct H as [H | [-> ->]].
      + apply (tr_zero _ _ _ _ HT); auto. intro X. apply Hn. left. exact X.
      + exfalso. apply Hn. right. auto.
  Qed.
End REFINE.

(** ** Optional invariants *)

Section INV.
  Variable C : cfg.

  (** [canon]: in used tables, an entry that decodes as "nothing" is zero.  With it, a code test
      on the raw bits (e.g. SeKVM's [pmd & 3 == 3]) agrees with the decoder. *)
  Definition canon (rd : rdT) (used : lvpred) : Prop :=
    forall l t i, used l t -> in_tbl C l i -> dec C l (rd l t i) = KNone -> rd l t i = 0.

  (** A value that may be written under [canon]. *)
  Definition canon_val (l : nat) (v : Z) : Prop := dec C l v = KNone -> v = 0.

  Lemma canon_write : forall pool used rd rd' l0 t0 i0 v, tree_ok C rd pool used ->
    write_at C pool rd rd' l0 t0 i0 v -> canon_val l0 v -> canon rd used -> canon rd' used.
  Proof.
    intros pool used rd rd' l0 t0 i0 v HT HW Hv HK l t i Hu Hi D.
    destruct (Nat.eq_dec l l0) as [->|]; [destruct (Z.eq_dec t t0) as [->|]; [destruct (Z.eq_dec i i0) as [->|]|]|].
    - rewrite (proj1 HW) in *. auto.
    - assert (E : rd' l0 t0 i = rd l0 t0 i) by (apply (proj2 HW); auto; first [apply (tr_pool _ _ _ _ HT); auto | congruence]).
      rewrite E in *. auto.
    - assert (E : rd' l0 t i = rd l0 t i) by (apply (proj2 HW); auto; first [apply (tr_pool _ _ _ _ HT); auto | congruence]).
      rewrite E in *. auto.
    - assert (E : rd' l t i = rd l t i) by (apply (proj2 HW); auto; first [apply (tr_pool _ _ _ _ HT); auto | congruence]).
      rewrite E in *. auto.
  Qed.

  Lemma canon_agree : forall used rd rd', agree_on C used rd rd' -> canon rd used -> canon rd' used.
  Proof. intros used rd rd' Ha HK l t i Hu Hi D. rewrite Ha in * by auto. auto. Qed.

  Lemma canon_link : forall pool used rd rd' l0 t0 i0 c v, tree_ok C rd pool used ->
    write_at C pool rd rd' l0 t0 i0 v -> pool (S l0) c -> ~ used (S l0) c -> dec C l0 v = KTable c ->
    canon rd used -> canon rd' (add_used used (S l0) c).
  Proof.
    intros pool used rd rd' l0 t0 i0 c v HT HW Hcp Hcu Hv HK l t i [Hu | [-> ->]] Hi D.
    - apply (canon_write pool used rd rd' l0 t0 i0 v HT HW); auto. intro E. congruence.
    - assert (E : rd' (S l0) c i = rd (S l0) c i) by (apply (proj2 HW); auto; intro E; inversion E; lia).
      rewrite E. apply (tr_zero _ _ _ _ HT); auto.
  Qed.

  Lemma canon_zero : forall (rd : rdT) (used : lvpred), (forall l t i, used l t -> in_tbl C l i -> rd l t i = 0) -> canon rd used.
  Proof. intros rd used Hz l t i Hu Hi _. auto. Qed.

  Lemma canon_clear : forall pool used rd rd' l0 t0, tree_ok C rd pool used ->
    clear_at C pool rd rd' l0 t0 -> canon rd used -> canon rd' used.
  Proof.
    intros pool used rd rd' l0 t0 HT [Hz Ho] HK l t i Hu Hi D.
    destruct (Nat.eq_dec l l0) as [->|]; [destruct (Z.eq_dec t t0) as [->|]|].
    - apply Hz; auto.
    - assert (E : rd' l0 t i = rd l0 t i) by (apply Ho; auto; first [apply (tr_pool _ _ _ _ HT); auto | congruence]).
      rewrite E in *. auto.
    - assert (E : rd' l t i = rd l t i) by (apply Ho; auto; first [apply (tr_pool _ _ _ _ HT); auto | congruence]).
      rewrite E in *. auto.
  Qed.

  (** [nonempty rd used l ex]: every used table of level [l], except those in [ex], has a
      non-zero entry (SeKVM: a level-2 table entry always leads to at least one page; the
      exception is a table linked by the operation in progress, before its leaf is written). *)
  Definition nonempty (rd : rdT) (used : lvpred) (l : nat) (ex : Z -> Prop) : Prop :=
    forall t, used l t -> ~ ex t -> exists i, in_tbl C l i /\ rd l t i <> 0.

  Lemma nonempty_write : forall pool used rd rd' l0 t0 i0 v l ex, tree_ok C rd pool used ->
    write_at C pool rd rd' l0 t0 i0 v -> in_tbl C l0 i0 -> (l <> l0 \/ v <> 0) ->
    nonempty rd used l ex -> nonempty rd' used l ex.
  Proof.
    intros pool used rd rd' l0 t0 i0 v l ex HT HW Hi0 Hc HN t Hu Hx.
    destruct (HN t Hu Hx) as (i & Hi & Nz).
    destruct (Nat.eq_dec l l0) as [->|Nl]; [destruct (Z.eq_dec t t0) as [->|Nt]|].
    - destruct Hc as [Hc | Hv]; [contradiction|]. destruct (Z.eq_dec i i0) as [->|Ni].
      + exists i0. rewrite (proj1 HW). auto.
      + exists i. rewrite (proj2 HW) by (auto; first [apply (tr_pool _ _ _ _ HT); auto | congruence]). auto.
    - exists i. rewrite (proj2 HW) by (auto; first [apply (tr_pool _ _ _ _ HT); auto | congruence]). auto.
    - exists i. rewrite (proj2 HW) by (auto; first [apply (tr_pool _ _ _ _ HT); auto | congruence]). auto.
  Qed.

  (** Writing a non-zero entry into a table lifts its exception. *)
  Lemma nonempty_fill : forall pool used rd rd' l0 t0 i0 v ex, tree_ok C rd pool used ->
    write_at C pool rd rd' l0 t0 i0 v -> in_tbl C l0 i0 -> v <> 0 ->
    nonempty rd used l0 ex -> nonempty rd' used l0 (fun t => ex t /\ t <> t0).
  Proof.
    intros pool used rd rd' l0 t0 i0 v ex HT HW Hi0 Hv HN t Hu Hx.
    destruct (Z.eq_dec t t0) as [->|Nt]; [exists i0; rewrite (proj1 HW); auto|].
    destruct (HN t Hu (fun E => Hx (conj E Nt))) as (i & Hi & Nz). exists i.
    rewrite (proj2 HW) by (auto; first [apply (tr_pool _ _ _ _ HT); auto | congruence]). auto.
  Qed.

  Lemma nonempty_weaken : forall rd used l (ex ex' : Z -> Prop), (forall t, ex t -> ex' t) ->
    nonempty rd used l ex -> nonempty rd used l ex'.
  Proof. intros rd used l ex ex' H HN t Hu Hx. apply HN; auto. Qed.

  Lemma nonempty_iff : forall rd (used used' : lvpred) l ex, (forall t, used' l t -> used l t) ->
    nonempty rd used l ex -> nonempty rd used' l ex.
  Proof. intros rd used used' l ex H HN t Hu Hx. apply HN; auto. Qed.

  Lemma canon_iff : forall rd (used used' : lvpred), (forall l t, used' l t -> used l t) ->
    canon rd used -> canon rd used'.
  Proof. intros rd used used' H HK l t i Hu Hi D. apply HK; auto. Qed.

  (** Linking a fresh table: it is the new exception at its level. *)
  Lemma nonempty_link : forall pool used rd rd' l0 t0 i0 c v l ex, cfg_ok C -> tree_ok C rd pool used ->
    write_at C pool rd rd' l0 t0 i0 v -> dec C l0 v = KTable c -> in_tbl C l0 i0 ->
    nonempty rd used l ex ->
    nonempty rd' (add_used used (S l0) c) l (fun t => ex t \/ (l = S l0 /\ t = c)).
  Proof.
    intros pool used rd rd' l0 t0 i0 c v l ex HC HT HW Hv Hi0 HN t Hu Hx.
    assert (Hu' : used l t) by (destruct Hu as [H | [E1 E2]]; [exact H | exfalso; apply Hx; right; auto]).
    assert (Nv : v <> 0) by (intro E; subst; rewrite (cfg_zero C HC) in Hv; discriminate).
    apply (nonempty_write pool used rd rd' l0 t0 i0 v l ex HT HW Hi0 (or_intror Nv) HN); auto.
  Qed.

  Lemma nonempty_agree : forall used rd rd' l ex, agree_on C used rd rd' ->
    nonempty rd used l ex -> nonempty rd' used l ex.
  Proof.
    intros used rd rd' l ex Ha HN t Hu Hx. destruct (HN t Hu Hx) as (i & Hi & Nz). exists i.
    rewrite Ha by auto. auto.
  Qed.
End INV.
