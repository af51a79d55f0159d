(** * The shape of a forest of page tables, and how table memory is stored.

    [pool l t]: table [t] may be handed out as a level-[l] table (the layout);
    [used l t]: table [t] is in use at level [l] (e.g. below a bump allocator's pointer).
    [tree_ok rd pool used] is the shape invariant:
    - used tables lie in their level's pool;
    - every entry of a used table that decodes as a table points to a used table of the next
      level ([tr_child]);
    - no two entries of used tables point to the same table ([tr_uniq]: unique parents);
    - every pool table that is not used is all zero ([tr_zero]: fresh tables are empty).
    Pools of different levels are separate by construction here (a slot is [(level, table,
    index)]); when all levels share one word memory, [slots_disjoint] is the layout fact that
    makes distinct slots distinct words ([flat_write]).

    Several roots may share the pools (the demonstration's VMs, SeKVM's SMMU contexts):
    [reach_unique] shows that two walks meeting at a table came from the same root through the
    same indices.

    Writes are described by what they do to slots ([write_at], [clear_at], [agree_on]), so the
    lemmas of [PT/PTRefine.v] never depend on how a project stores its tables; [flat_write],
    [flat_agree], [flat_clear] and [nested_write] derive these descriptions for a single
    [ZMap.t Z] word memory and for per-level maps of tables. *)
From Coq Require Import ZArith Lia List Arith.
From AutoV Require Import Spec.
From AutoV.PT Require Import PTDesc PTWalk.
Local Open Scope Z_scope.

Definition lvpred := nat -> Z -> Prop.

(** [used] plus one table. *)
Definition add_used (used : lvpred) (l : nat) (c : Z) : lvpred :=
  fun l' t => used l' t \/ (l' = l /\ t = c).

Section TREE.
  Variable C : cfg.

  Record tree_ok (rd : rdT) (pool used : lvpred) : Prop := {
    tr_pool : forall l t, used l t -> pool l t;
    tr_child : forall l t i c, used l t -> in_tbl C l i -> dec C l (rd l t i) = KTable c ->
               used (S l) c;
    tr_uniq : forall l t i t' i' c, used l t -> used l t' -> in_tbl C l i -> in_tbl C l i' ->
              dec C l (rd l t i) = KTable c -> dec C l (rd l t' i') = KTable c -> t = t' /\ i = i';
    tr_zero : forall l t i, pool l t -> ~ used l t -> in_tbl C l i -> rd l t i = 0
  }.

  (** ** How a write changes the slots *)

  (** Slot [(l0, t0, i0)] now holds [v]; every other slot of a pool table is unchanged. *)
  Definition write_at (pool : lvpred) (rd rd' : rdT) (l0 : nat) (t0 i0 v : Z) : Prop :=
    rd' l0 t0 i0 = v /\
    (forall l t i, pool l t -> in_tbl C l i -> (l, t, i) <> (l0, t0, i0) -> rd' l t i = rd l t i).

  (** Table [(l0, t0)] is now all zero; every other pool table is unchanged. *)
  Definition clear_at (pool : lvpred) (rd rd' : rdT) (l0 : nat) (t0 : Z) : Prop :=
    (forall i, in_tbl C l0 i -> rd' l0 t0 i = 0) /\
    (forall l t i, pool l t -> in_tbl C l i -> (l, t) <> (l0, t0) -> rd' l t i = rd l t i).

  (** The two readers agree on the tables in [P]. *)
  Definition agree_on (P : lvpred) (rd rd' : rdT) : Prop :=
    forall l t i, P l t -> in_tbl C l i -> rd' l t i = rd l t i.

  Hypothesis HC : cfg_ok C.

  (** ** Walks stay inside used tables *)

  Lemma reach_from_used : forall rd pool used, tree_ok rd pool used ->
    forall k l t va t', used l t -> reach_from C rd k l t va = Some t' -> used (l + k)%nat t'.
  Proof.
    intros rd pool used HT. induction k; intros l t va t' Hu H.
    - cbn in H. inversion H; subst. rewrite Nat.add_0_r. exact Hu.
    - cbn [reach_from] in H. destruct (dec C l (rd l t (idx C l va))) eqn:E; try discriminate.
      rewrite Nat.add_succ_r, <- Nat.add_succ_l. eapply IHk; [|exact H].
      eapply (tr_child _ _ _ HT); [exact Hu | apply idx_in_tbl; auto | exact E].
  Qed.

  Lemma reach_used : forall rd pool used, tree_ok rd pool used ->
    forall k r va t, used 0%nat r -> reach C rd k r va = Some t -> used k t.
  Proof. intros. apply (reach_from_used rd pool used H k 0 r va t); auto. Qed.

  (** ** Unique parents along whole paths *)

  (** Two walks from used roots that reach the same table came from the same root, through the
      same indices. *)
  Theorem reach_unique : forall rd pool used, tree_ok rd pool used ->
    forall k r1 r2 va1 va2 t, used 0%nat r1 -> used 0%nat r2 ->
    reach C rd k r1 va1 = Some t -> reach C rd k r2 va2 = Some t ->
    r1 = r2 /\ (forall j, (j < k)%nat -> idx C j va1 = idx C j va2).
  Proof.
    intros rd pool used HT. induction k; intros r1 r2 va1 va2 t H1 H2 E1 E2.
    - cbn in E1, E2. split; [congruence | intros; lia].
    - rewrite reach_snoc in E1, E2.
      destruct (reach C rd k r1 va1) as [t1|] eqn:R1; try discriminate.
      destruct (reach C rd k r2 va2) as [t2|] eqn:R2; try discriminate.
      destruct (dec C k (rd k t1 (idx C k va1))) eqn:D1; try discriminate.
      destruct (dec C k (rd k t2 (idx C k va2))) eqn:D2; try discriminate.
      inversion E1; inversion E2; subst.
      destruct (tr_uniq _ _ _ HT k t1 (idx C k va1) t2 (idx C k va2) t
                  (reach_used _ _ _ HT k r1 va1 t1 H1 R1) (reach_used _ _ _ HT k r2 va2 t2 H2 R2)
                  (idx_in_tbl C HC k va1) (idx_in_tbl C HC k va2) D1 D2) as [<- Ei].
      destruct (IHk r1 r2 va1 va2 t1 H1 H2 R1 R2) as [Er Ej].
      split; [exact Er|]. intros j Hj. destruct (Nat.eq_dec j k) as [->|]; [exact Ei|]. apply Ej. lia.
  Qed.

  (** ** Invariance under equivalent descriptions *)

  Lemma tree_ok_iff : forall rd pool pool' used used',
    (forall l t, pool l t <-> pool' l t) -> (forall l t, used l t <-> used' l t) ->
    tree_ok rd pool used -> tree_ok rd pool' used'.
  Proof.
    intros rd pool pool' used used' Hp Hu HT. constructor.
    - intros l t H. apply Hp, (tr_pool _ _ _ HT), Hu, H.
    - intros l t i c H Hi D. apply Hu. eapply (tr_child _ _ _ HT); eauto. apply Hu, H.
    - intros l t i t' i' c H H' Hi Hi' D D'. eapply (tr_uniq _ _ _ HT); eauto; apply Hu; auto.
    - intros l t i H Hn Hi. apply (tr_zero _ _ _ HT); auto. apply Hp, H. rewrite Hu. exact Hn.
  Qed.

  Lemma tree_ok_agree : forall rd rd' pool used, agree_on pool rd rd' ->
    tree_ok rd pool used -> tree_ok rd' pool used.
  Proof.
    intros rd rd' pool used Ha HT. constructor.
    - apply (tr_pool _ _ _ HT).
    - intros l t i c H Hi D. rewrite Ha in D by (auto; apply (tr_pool _ _ _ HT); auto).
      eapply (tr_child _ _ _ HT); eauto.
    - intros l t i t' i' c H H' Hi Hi' D D'.
      rewrite Ha in D, D' by (auto; apply (tr_pool _ _ _ HT); auto). eapply (tr_uniq _ _ _ HT); eauto.
    - intros l t i H Hn Hi. rewrite Ha by auto. apply (tr_zero _ _ _ HT); auto.
  Qed.
End TREE.

(** ** Table memory as one word map (SeKVM: [pt_load]/[pt_store] at physical addresses) *)

Section FLAT.
  Variable C : cfg.
  Variable esz : Z.   (** bytes per entry: 8 *)

  Definition flat (m : ZMap.t Z) : rdT := fun _ t i => m @ (t + esz * i).

  (** Distinct slots of pool tables are distinct words. *)
  Definition slots_disjoint (pool : lvpred) : Prop :=
    forall l t i l' t' i', pool l t -> pool l' t' -> in_tbl C l i -> in_tbl C l' i' ->
    t + esz * i = t' + esz * i' -> (l, t, i) = (l', t', i').

  (** Pool tables do not overlap (a table of level [l] spans [esz * nent C l] bytes). *)
  Definition extents_disjoint (pool : lvpred) : Prop :=
    forall l t l' t', pool l t -> pool l' t' -> (l, t) <> (l', t') ->
    t + esz * nent C l <= t' \/ t' + esz * nent C l' <= t.

  Lemma extents_slots : forall pool, 0 < esz -> extents_disjoint pool -> slots_disjoint pool.
  Proof.
    intros pool He Hd l t i l' t' i' Hp Hp' Hi Hi' E.
    destruct (Nat.eq_dec l l') as [<-|Nl]; [destruct (Z.eq_dec t t') as [<-|Nt]|].
    - assert (i = i') by nia. subst. reflexivity.
    - exfalso. destruct (Hd l t l t' Hp Hp') as [X|X]; [congruence| |]; unfold in_tbl in *; nia.
    - exfalso. destruct (Hd l t l' t' Hp Hp') as [X|X]; [congruence| |]; unfold in_tbl in *; nia.
  Qed.

  Lemma flat_write : forall (pool : lvpred) (m : ZMap.t Z) l0 t0 i0 v, slots_disjoint pool -> pool l0 t0 ->
    in_tbl C l0 i0 ->
    write_at C pool (flat m) (flat (m # (t0 + esz * i0) == v)) l0 t0 i0 v.
  Proof.
    intros pool m l0 t0 i0 v Hd Hp Hi. split.
    - unfold flat. apply ZMap.gss.
    - intros l t i Hp' Hi' N. unfold flat. apply ZMap.gso. intro E. apply N.
      apply (Hd l t i l0 t0 i0); auto.
  Qed.

  (** A write to a word outside every pool table changes no slot. *)
  Lemma flat_agree : forall (pool : lvpred) (m : ZMap.t Z) a v,
    (forall l t i, pool l t -> in_tbl C l i -> t + esz * i <> a) ->
    agree_on C pool (flat m) (flat (m # a == v)).
  Proof. intros pool m a v H l t i Hp Hi. unfold flat. apply ZMap.gso, (H l); auto. Qed.

  (** Zeroing the words of one pool table (e.g. a memset of an SMMU root). *)
  Lemma flat_clear : forall (pool : lvpred) (m m' : ZMap.t Z) l0 t0, 0 < esz ->
    extents_disjoint pool -> pool l0 t0 ->
    (forall a, t0 <= a < t0 + esz * nent C l0 -> m' @ a = 0) ->
    (forall a, ~ (t0 <= a < t0 + esz * nent C l0) -> m' @ a = m @ a) ->
    clear_at C pool (flat m) (flat m') l0 t0.
  Proof.
    intros pool m m' l0 t0 He Hd Hp Hz Ho. split.
    - intros i Hi. apply Hz. unfold in_tbl in Hi. nia.
    - intros l t i Hp' Hi N. unfold flat. apply Ho. unfold in_tbl in Hi.
      destruct (Hd l t l0 t0 Hp' Hp N); nia.
  Qed.
End FLAT.

(** ** Table memory as per-level maps of tables (the demonstration's [pt_l0] .. [pt_l3]) *)

Section NESTED.
  Variable C : cfg.

  Definition nested (ms : nat -> ZMap.t (ZMap.t Z)) : rdT := fun l t i => ms l @ t @ i.

  Lemma nested_write : forall (pool : lvpred) (ms ms' : nat -> ZMap.t (ZMap.t Z)) l0 t0 i0 v,
    (forall t i, ms' l0 @ t @ i = ((ms l0) # t0 == ((ms l0 @ t0) # i0 == v)) @ t @ i) ->
    (forall l t i, l <> l0 -> ms' l @ t @ i = ms l @ t @ i) ->
    write_at C pool (nested ms) (nested ms') l0 t0 i0 v.
  Proof.
    intros pool ms ms' l0 t0 i0 v H0 H1. split.
    - unfold nested. rewrite H0, !ZMap.gss. reflexivity.
    - intros l t i _ _ N. unfold nested. destruct (Nat.eq_dec l l0) as [->|Nl]; [|apply H1; auto].
      rewrite H0, ZMap.gsspec. destruct (Z.eqb_spec t t0) as [->|]; [|reflexivity].
      rewrite ZMap.gsspec. destruct (Z.eqb_spec i i0) as [->|]; [congruence | reflexivity].
  Qed.

  (** The demonstration's [pt_store]: one entry of one table of one level. *)
  Definition tabs_set (ms : nat -> ZMap.t (ZMap.t Z)) (l0 : nat) (t0 i0 v : Z) : nat -> ZMap.t (ZMap.t Z) :=
    fun l => if Nat.eqb l l0 then (ms l0) # t0 == ((ms l0 @ t0) # i0 == v) else ms l.

  Lemma nested_tabs_set : forall (pool : lvpred) ms l0 t0 i0 v,
    write_at C pool (nested ms) (nested (tabs_set ms l0 t0 i0 v)) l0 t0 i0 v.
  Proof.
    intros. apply nested_write; intros; unfold tabs_set.
    - rewrite Nat.eqb_refl. reflexivity.
    - apply Nat.eqb_neq in H. rewrite H. reflexivity.
  Qed.
End NESTED.

(** ** Bump-allocated pools *)

(** [t] is one of the first [n] tables of size [sz] from [lo]. *)
Definition in_bump (lo sz n t : Z) : Prop := lo <= t < lo + sz * n /\ (t - lo) mod sz = 0.

Section BUMP.
  Variables lo sz : Z.
  Hypothesis Hsz : 0 < sz.

  Lemma bump_extents : forall n t t', in_bump lo sz n t -> in_bump lo sz n t' -> t <> t' ->
    t + sz <= t' \/ t' + sz <= t.
  Proof.
    intros n t t' [R M] [R' M'] N.
    pose proof (Z.div_mod (t - lo) sz ltac:(lia)). pose proof (Z.div_mod (t' - lo) sz ltac:(lia)).
    assert ((t - lo) / sz <> (t' - lo) / sz) by (intro E; apply N; lia).
    nia.
  Qed.

  Lemma bump_mono : forall n n' t, n <= n' -> in_bump lo sz n t -> in_bump lo sz n' t.
  Proof. intros n n' t Hn [R M]. split; [nia | exact M]. Qed.

  Lemma bump_range : forall n t, in_bump lo sz n t -> lo <= t /\ t + sz <= lo + sz * n.
  Proof.
    intros n t [R M]. split; [lia|]. pose proof (Z.div_mod (t - lo) sz ltac:(lia)).
    assert ((t - lo) / sz < n) by nia. nia.
  Qed.

  Lemma bump_empty : forall t, ~ in_bump lo sz 0 t.
  Proof. intros t [R _]. lia. Qed.

  Lemma bump_one : forall t, in_bump lo sz 1 t <-> t = lo.
  Proof.
    intros t. split.
    - intros [R M]. pose proof (Z.div_mod (t - lo) sz ltac:(lia)).
      assert ((t - lo) / sz = 0) by nia. lia.
    - intros ->. split; [lia|]. rewrite Z.sub_diag. apply Z.mod_0_l. lia.
  Qed.

  (** Allocating the next table. *)
  Lemma bump_next : forall n t, 0 <= n ->
    in_bump lo sz (n + 1) t <-> in_bump lo sz n t \/ t = lo + sz * n.
  Proof.
    intros n t Hn. split.
    - intros [R M]. destruct (Z.lt_ge_cases t (lo + sz * n)); [left; split; auto; lia|].
      right. pose proof (Z.div_mod (t - lo) sz ltac:(lia)).
      assert ((t - lo) / sz = n) by nia. lia.
    - intros [H | ->]; [apply bump_mono with n; auto; lia|].
      split; [nia|]. replace (lo + sz * n - lo) with (n * sz) by ring. apply Z.mod_mul. lia.
  Qed.

  Lemma bump_fresh : forall n cap, 0 <= n < cap ->
    in_bump lo sz cap (lo + sz * n) /\ ~ in_bump lo sz n (lo + sz * n).
  Proof.
    intros n cap Hn. split.
    - split; [nia|]. replace (lo + sz * n - lo) with (n * sz) by ring. apply Z.mod_mul. lia.
    - intros [R _]. lia.
  Qed.

  Lemma bump_aligned : forall n t, lo mod sz = 0 -> in_bump lo sz n t -> t mod sz = 0.
  Proof.
    intros n t Hlo [R M]. replace t with ((t - lo) + lo) by ring.
    rewrite Z.add_mod, M, Hlo by lia. reflexivity.
  Qed.
End BUMP.

(** A layout where every level is one bump-allocated range of tables of [sz] bytes: level [l]
    has tables [lo l], [lo l + sz], ... ([cnt l] of them). *)
Definition bump_pool (lo cnt : nat -> Z) (sz : Z) : lvpred := fun l t => in_bump (lo l) sz (cnt l) t.

(** One more table at level [k]. *)
Definition cnt_inc (cnt : nat -> Z) (k : nat) : nat -> Z :=
  fun l => if Nat.eqb l k then cnt l + 1 else cnt l.

Lemma bump_pool_inc : forall lo cnt sz k, 0 < sz -> 0 <= cnt k ->
  forall l t, bump_pool lo (cnt_inc cnt k) sz l t <-> add_used (bump_pool lo cnt sz) k (lo k + sz * cnt k) l t.
Proof.
  intros lo cnt sz k Hsz Hk l t. unfold bump_pool, cnt_inc, add_used.
  destruct (Nat.eqb_spec l k) as [->|N].
  - rewrite bump_next by auto. split; intros [H|H]; auto. destruct H as [_ ->]. auto.
  - split; [intros H; left; exact H|]. intros [H|[E _]]; [exact H | contradiction].
Qed.

Lemma bump_pool_mono : forall lo cnt cap sz, 0 < sz -> (forall l, cnt l <= cap l) ->
  forall l t, bump_pool lo cnt sz l t -> bump_pool lo cap sz l t.
Proof. intros lo cnt cap sz Hsz H l t. unfold bump_pool. apply bump_mono; auto. Qed.

(** Ordered, non-overlapping ranges (an empty level may sit anywhere) make the tables of a
    bump layout pairwise disjoint. *)
Lemma bump_extents_disjoint : forall C esz sz (lo cap : nat -> Z), 0 < sz ->
  (forall l, 0 < cap l -> esz * nent C l <= sz) ->
  (forall l l', (l < l')%nat -> 0 < cap l' -> lo l + sz * cap l <= lo l') ->
  extents_disjoint C esz (bump_pool lo cap sz).
Proof.
  intros C esz sz lo cap Hsz Hfit Hord l t l' t' Hp Hp' N. unfold bump_pool in *.
  assert (0 < cap l) by (destruct Hp as [R _]; nia). assert (0 < cap l') by (destruct Hp' as [R _]; nia).
  pose proof (Hfit l ltac:(lia)). pose proof (Hfit l' ltac:(lia)).
  pose proof (bump_range _ _ Hsz _ _ Hp). pose proof (bump_range _ _ Hsz _ _ Hp').
  destruct (lt_eq_lt_dec l l') as [[Hl|<-]|Hl].
  - pose proof (Hord l l' Hl ltac:(lia)). left. lia.
  - assert (Nt : t <> t') by congruence. destruct (bump_extents _ _ Hsz _ _ _ Hp Hp' Nt); lia.
  - pose proof (Hord l' l Hl ltac:(lia)). right. lia.
Qed.

(** ** Counting owners: a pool with one table per owner never runs out *)

(** [ncount f n]: how many of [0 .. n - 1] satisfy [f]. *)
Fixpoint ncount (f : Z -> bool) (n : nat) : Z :=
  match n with O => 0 | S m => ncount f m + (if f (Z.of_nat m) then 1 else 0) end.

Lemma ncount_mono : forall f g n, (forall v, 0 <= v < Z.of_nat n -> f v = true -> g v = true) ->
  ncount f n <= ncount g n.
Proof.
  intros f g n. induction n; intros H; cbn [ncount]; [lia|]. rewrite Nat2Z.inj_succ in H.
  specialize (IHn (fun v Hv => H v ltac:(lia))).
  destruct (f (Z.of_nat n)) eqn:F; [rewrite (H (Z.of_nat n) ltac:(lia) F) | destruct (g (Z.of_nat n))]; lia.
Qed.

(** ... and one more owner counts one more. *)
Lemma ncount_gain : forall f g n w, (forall v, 0 <= v < Z.of_nat n -> f v = true -> g v = true) ->
  0 <= w < Z.of_nat n -> f w = false -> g w = true -> ncount f n < ncount g n.
Proof.
  intros f g n. induction n; intros w H Hw Fw Gw; [cbn in Hw; lia|].
  rewrite Nat2Z.inj_succ in H, Hw. cbn [ncount].
  destruct (Z.eq_dec w (Z.of_nat n)) as [<-|N].
  - rewrite Fw, Gw. pose proof (ncount_mono f g n (fun v Hv => H v ltac:(lia))). lia.
  - pose proof (IHn w (fun v Hv => H v ltac:(lia)) ltac:(lia) Fw Gw).
    destruct (f (Z.of_nat n)) eqn:F; [rewrite (H (Z.of_nat n) ltac:(lia) F) | destruct (g (Z.of_nat n))]; lia.
Qed.

Lemma ncount_all : forall n, ncount (fun _ => true) n = Z.of_nat n.
Proof. induction n; [reflexivity | cbn [ncount]; rewrite Nat2Z.inj_succ; lia]. Qed.

Lemma ncount_lt : forall f n w, 0 <= w < Z.of_nat n -> f w = false -> ncount f n < Z.of_nat n.
Proof.
  intros f n w Hw Fw. rewrite <- ncount_all. apply (ncount_gain f _ n w); auto.
Qed.

Lemma ncount_nonneg : forall f n, 0 <= ncount f n.
Proof. intros f n. induction n; cbn [ncount]; [lia|]. destruct (f (Z.of_nat n)); lia. Qed.

Global Arguments in_bump : simpl never.
