(** * A generic n-level page-table walk.

    A configuration [cfg] gives the number of levels, where each level's index sits in the input
    address ([shift], [width]) and how each level decodes an entry ([dec], see [PT/PTDesc.v]).
    Table memory is read through [rd : rdT]: [rd l t i] is entry [i] of table [t] of level [l].
    How a project stores its tables is its own business ([PT/PTTree.v] has readers for one flat
    word map, as in SeKVM, and for per-level maps of tables, as in the demonstration).

    The walk is a recursive function over the levels with fuel ([walk_from]); [reach] gives the
    table a walk visits at a level, [path] the slots it reads.  Main facts:
    - [walk_at]: once the walk has reached table [t] at level [l], the rest of the walk starts
      there (so a proof about one level never unrolls the others);
    - [walk_frame]/[reach_frame]/[walk_frame_path]: a walk only depends on the slots it reads;
    - [key_prefix]: two addresses have the same [key] at level [l] (e.g. the same 4 KiB page, or
      2 MiB block) iff their indices agree at every level up to [l];
    - [reach_prefix]: the table reached at level [l] only depends on the indices above [l]. *)
From Coq Require Import ZArith Lia List Arith.
From AutoV.PT Require Import PTDesc.
Import ListNotations.
Local Open Scope Z_scope.

(** The result of a walk: a leaf entry found at a level, or no translation (with the level
    where the walk stopped). *)
Inductive wres : Type :=
| Fault (l : nat)
| Leaf (l : nat) (d : Z).

Record cfg : Type := mkcfg {
  nlv : nat;               (** number of levels: 0 is the root, [nlv - 1] the last *)
  shift : nat -> Z;        (** the level's index is bits [shift l .. shift l + width l - 1] *)
  width : nat -> Z;
  dec : nat -> Z -> kind   (** the level's entry decoder *)
}.

(** Well-formed configurations: the indices tile the input address (each level's index sits
    right below the previous one's) and an all-zero entry means "nothing". *)
Record cfg_ok (C : cfg) : Prop := {
  cfg_width : forall l, 0 <= width C l;
  cfg_shift : forall l, 0 <= shift C l;
  cfg_tile : forall l, (S l < nlv C)%nat -> shift C l = shift C (S l) + width C (S l);
  cfg_zero : forall l, dec C l 0 = KNone
}.

Definition rdT := nat -> Z -> Z -> Z.

Definition idx (C : cfg) (l : nat) (va : Z) : Z := field (shift C l) (width C l) va.
(** The key of an address at level [l]: the number of its level-[l] region (its 4 KiB page for
    the last level of a 4 KiB-granule table, its 2 MiB block one level up). *)
Definition key (C : cfg) (l : nat) (va : Z) : Z := va / 2 ^ shift C l.
Definition nent (C : cfg) (l : nat) : Z := 2 ^ width C l.
Definition in_tbl (C : cfg) (l : nat) (i : Z) : Prop := 0 <= i < nent C l.
(** The input addresses the tables translate. *)
Definition in_va (C : cfg) (va : Z) : Prop := 0 <= va < 2 ^ (shift C 0 + width C 0).

Global Arguments idx : simpl never.
Global Arguments key : simpl never.

Section WALK.
  Variable C : cfg.
  Variable rd : rdT.

  Fixpoint walk_from (fuel : nat) (l : nat) (t va : Z) : wres :=
    match fuel with
    | O => Fault l
    | S f =>
        match dec C l (rd l t (idx C l va)) with
        | KTable c => walk_from f (S l) c va
        | KLeaf => Leaf l (rd l t (idx C l va))
        | KNone => Fault l
        end
    end.

  (** The table visited [k] levels below table [t] of level [l]. *)
  Fixpoint reach_from (k : nat) (l : nat) (t va : Z) : option Z :=
    match k with
    | O => Some t
    | S k' =>
        match dec C l (rd l t (idx C l va)) with
        | KTable c => reach_from k' (S l) c va
        | _ => None
        end
    end.

  (** The slots [(level, table, index)] a walk reads. *)
  Fixpoint path_from (fuel : nat) (l : nat) (t va : Z) : list (nat * Z * Z) :=
    match fuel with
    | O => []
    | S f =>
        (l, t, idx C l va) ::
        match dec C l (rd l t (idx C l va)) with
        | KTable c => path_from f (S l) c va
        | _ => []
        end
    end.

  Definition walk (r va : Z) : wres := walk_from (nlv C) 0 r va.
  Definition reach (l : nat) (r va : Z) : option Z := reach_from l 0 r va.
  Definition path (r va : Z) : list (nat * Z * Z) := path_from (nlv C) 0 r va.

  (** The value a walk returns to C code: the leaf entry, or 0. *)
  Definition wval (w : wres) : Z := match w with Leaf _ d => d | Fault _ => 0 end.

  (** ** Stepping *)

  Lemma reach_from_snoc : forall k l t va,
    reach_from (S k) l t va =
    match reach_from k l t va with
    | Some t' => match dec C (l + k)%nat (rd (l + k)%nat t' (idx C (l + k)%nat va)) with
                 | KTable c => Some c | _ => None end
    | None => None
    end.
  Proof.
    induction k; intros l t va.
    - cbn. rewrite Nat.add_0_r. destruct (dec C l _); reflexivity.
    - change (reach_from (S (S k)) l t va) with
        (match dec C l (rd l t (idx C l va)) with
         | KTable c => reach_from (S k) (S l) c va | _ => None end).
      rewrite Nat.add_succ_r, <- Nat.add_succ_l. cbn [reach_from].
      destruct (dec C l (rd l t (idx C l va))); [apply IHk | reflexivity | reflexivity].
  Qed.

  Lemma reach_snoc : forall k r va,
    reach (S k) r va =
    match reach k r va with
    | Some t => match dec C k (rd k t (idx C k va)) with KTable c => Some c | _ => None end
    | None => None
    end.
  Proof. intros. unfold reach. rewrite reach_from_snoc. reflexivity. Qed.

  (** A walk that stopped stays stopped. *)
  Lemma reach_none_up : forall j k r va, (j <= k)%nat -> reach j r va = None -> reach k r va = None.
  Proof. intros j k r va Hk N. induction Hk; [exact N|]. rewrite reach_snoc, IHHk. reflexivity. Qed.

  Lemma walk_from_reach : forall k f l t t' va, (k <= f)%nat ->
    reach_from k l t va = Some t' -> walk_from f l t va = walk_from (f - k)%nat (l + k)%nat t' va.
  Proof.
    induction k; intros f l t t' va Hk H.
    - cbn in H. inversion H; subst. rewrite Nat.sub_0_r, Nat.add_0_r. reflexivity.
    - destruct f as [|f]; [lia|]. cbn [reach_from] in H. cbn [walk_from].
      destruct (dec C l (rd l t (idx C l va))) eqn:E; try discriminate.
      rewrite (IHk f (S l) c t' va) by (lia || exact H).
      rewrite Nat.add_succ_r. reflexivity.
  Qed.

  (** Once the walk is at table [t] of level [l], it goes on from there. *)
  Lemma walk_at : forall l r t va, (l < nlv C)%nat -> reach l r va = Some t ->
    walk r va =
    match dec C l (rd l t (idx C l va)) with
    | KTable c => walk_from (nlv C - S l)%nat (S l) c va
    | KLeaf => Leaf l (rd l t (idx C l va))
    | KNone => Fault l
    end.
  Proof.
    intros l r t va Hl H. unfold walk. rewrite (walk_from_reach l (nlv C) 0 r t va) by (lia || exact H).
    replace (nlv C - l)%nat with (S (nlv C - S l)) by lia. reflexivity.
  Qed.

  (** The walk below a fresh table that is all zero stops there. *)
  Lemma walk_from_zero : forall f l t va, cfg_ok C -> rd l t (idx C l va) = 0 ->
    walk_from f l t va = Fault l.
  Proof. intros [|f] l t va HC H; [reflexivity|]. cbn. rewrite H, (cfg_zero C HC). reflexivity. Qed.

  (** What a walk's result says about the walk. *)
  Lemma walk_from_inv : forall f l t va,
    (exists k t', (k < f)%nat /\ reach_from k l t va = Some t' /\
       match walk_from f l t va with
       | Leaf l' d => l' = (l + k)%nat /\ d = rd l' t' (idx C l' va) /\ dec C l' d = KLeaf
       | Fault l' => (l' = l + k)%nat /\ dec C l' (rd l' t' (idx C l' va)) = KNone
       end) \/
    (walk_from f l t va = Fault (l + f)%nat /\ reach_from f l t va <> None).
  Proof.
    induction f; intros l t va.
    - right. cbn. rewrite Nat.add_0_r. split; [reflexivity | discriminate].
    - cbn [walk_from reach_from]. destruct (dec C l (rd l t (idx C l va))) eqn:E.
      + destruct (IHf (S l) c va) as [(k & t' & Hk & Hr & Hw) | (Hw & Hr)].
        * left. exists (S k), t'. split; [lia|]. cbn [reach_from]. rewrite E.
          split; [exact Hr|]. rewrite Nat.add_succ_r. exact Hw.
        * right. rewrite Nat.add_succ_r. split; [exact Hw|]. exact Hr.
      + left. exists O, t. split; [lia|]. split; [reflexivity|]. rewrite Nat.add_0_r. auto.
      + left. exists O, t. split; [lia|]. split; [reflexivity|]. rewrite Nat.add_0_r. auto.
  Qed.

  Lemma walk_leaf_inv : forall r va l d, walk r va = Leaf l d ->
    (l < nlv C)%nat /\ exists t, reach l r va = Some t /\ d = rd l t (idx C l va) /\ dec C l d = KLeaf.
  Proof.
    intros r va l d H. unfold walk in H. destruct (walk_from_inv (nlv C) 0 r va) as
      [(k & t & Hk & Hr & Hw) | (Hw & _)].
    - rewrite H in Hw. destruct Hw as (-> & -> & Hd). split; [lia|]. exists t. auto.
    - congruence.
  Qed.

  (** ** Which slots a walk reads *)

  Lemma in_path_from : forall f l t va k t', (k < f)%nat -> reach_from k l t va = Some t' ->
    In ((l + k)%nat, t', idx C (l + k)%nat va) (path_from f l t va).
  Proof.
    induction f; intros l t va k t' Hk H; [lia|]. destruct k as [|k].
    - cbn in H. inversion H; subst. left. rewrite Nat.add_0_r. reflexivity.
    - cbn [reach_from] in H. cbn [path_from]. right.
      destruct (dec C l (rd l t (idx C l va))); try discriminate.
      rewrite Nat.add_succ_r, <- Nat.add_succ_l. apply IHf; [lia | exact H].
  Qed.

  Lemma path_from_in : forall f l t va s, In s (path_from f l t va) ->
    exists k t', (k < f)%nat /\ reach_from k l t va = Some t' /\ s = ((l + k)%nat, t', idx C (l + k)%nat va).
  Proof.
    induction f; intros l t va s H; [contradiction|]. cbn [path_from] in H. destruct H as [H|H].
    - exists O, t. rewrite Nat.add_0_r. split; [lia|]. auto.
    - destruct (dec C l (rd l t (idx C l va))) eqn:E; try contradiction.
      destruct (IHf (S l) c va s H) as (k & t' & Hk & Hr & ->).
      exists (S k), t'. split; [lia|]. cbn [reach_from]. rewrite E. split; [exact Hr|].
      rewrite Nat.add_succ_r. reflexivity.
  Qed.
End WALK.

(** ** Frames: a walk depends only on the slots it reads *)

Section FRAME.
  Variable C : cfg.
  Variables rd rd' : rdT.

  Lemma reach_from_frame : forall k l t va,
    (forall j t', (j < k)%nat -> reach_from C rd j l t va = Some t' ->
       rd' (l + j)%nat t' (idx C (l + j)%nat va) = rd (l + j)%nat t' (idx C (l + j)%nat va)) ->
    reach_from C rd' k l t va = reach_from C rd k l t va.
  Proof.
    induction k; intros l t va H; [reflexivity|]. cbn [reach_from].
    assert (E0 : rd' l t (idx C l va) = rd l t (idx C l va)).
    { specialize (H O t ltac:(lia) eq_refl). rewrite Nat.add_0_r in H. exact H. }
    rewrite E0. destruct (dec C l (rd l t (idx C l va))) eqn:E; try reflexivity.
    apply IHk. intros j t' Hj Hr.
    specialize (H (S j) t' ltac:(lia)). cbn [reach_from] in H. rewrite E in H.
    specialize (H Hr). rewrite Nat.add_succ_r in H. exact H.
  Qed.

  Lemma walk_from_frame : forall f l t va,
    (forall j t', (j < f)%nat -> reach_from C rd j l t va = Some t' ->
       rd' (l + j)%nat t' (idx C (l + j)%nat va) = rd (l + j)%nat t' (idx C (l + j)%nat va)) ->
    walk_from C rd' f l t va = walk_from C rd f l t va.
  Proof.
    induction f; intros l t va H; [reflexivity|]. cbn [walk_from].
    assert (E0 : rd' l t (idx C l va) = rd l t (idx C l va)).
    { specialize (H O t ltac:(lia) eq_refl). rewrite Nat.add_0_r in H. exact H. }
    rewrite E0. destruct (dec C l (rd l t (idx C l va))) eqn:E; try reflexivity.
    apply IHf. intros j t' Hj Hr.
    specialize (H (S j) t' ltac:(lia)). cbn [reach_from] in H. rewrite E in H.
    specialize (H Hr). rewrite Nat.add_succ_r in H. exact H.
  Qed.

  (** If the two readers agree on every slot the walk of [va] from [r] reads, the walks agree. *)
  Lemma walk_frame : forall r va,
    (forall k t, (k < nlv C)%nat -> reach C rd k r va = Some t ->
       rd' k t (idx C k va) = rd k t (idx C k va)) ->
    walk C rd' r va = walk C rd r va.
  Proof. intros r va H. apply walk_from_frame. intros j t' Hj Hr. apply H; auto. Qed.

  Lemma reach_frame : forall n r va,
    (forall k t, (k < n)%nat -> reach C rd k r va = Some t ->
       rd' k t (idx C k va) = rd k t (idx C k va)) ->
    reach C rd' n r va = reach C rd n r va.
  Proof. intros n r va H. apply reach_from_frame. intros j t' Hj Hr. apply H; auto. Qed.

  Lemma walk_frame_path : forall r va,
    (forall l t i, In (l, t, i) (path C rd r va) -> rd' l t i = rd l t i) ->
    walk C rd' r va = walk C rd r va.
  Proof.
    intros r va H. apply walk_frame. intros k t Hk Hr. apply H.
    apply (in_path_from C rd (nlv C) 0 r va k t Hk Hr).
  Qed.
End FRAME.

(** ** Keys and index prefixes *)

Section KEYS.
  Variable C : cfg.
  Hypothesis HC : cfg_ok C.

  Lemma idx_in_tbl : forall l va, in_tbl C l (idx C l va).
  Proof. intros. apply field_range, (cfg_width C HC). Qed.

  Lemma key_nonneg : forall l va, 0 <= va -> 0 <= key C l va.
  Proof. intros. unfold key. apply Z.div_pos; [lia | apply Z.pow_pos_nonneg; [lia | apply (cfg_shift C HC)]]. Qed.

  Lemma key_0 : forall va, in_va C va -> key C 0 va = idx C 0 va.
  Proof.
    intros va Hva. unfold key, idx, field, in_va in *. pose proof (cfg_shift C HC 0).
    pose proof (cfg_width C HC 0). rewrite Z.mod_small; [reflexivity|].
    split; [apply Z.div_pos; [lia | apply Z.pow_pos_nonneg; lia]|].
    apply Z.div_lt_upper_bound; [apply Z.pow_pos_nonneg; lia|].
    rewrite <- Z.pow_add_r by lia. lia.
  Qed.

  Lemma key_S : forall l va, (S l < nlv C)%nat ->
    key C (S l) va = key C l va * nent C (S l) + idx C (S l) va.
  Proof.
    intros l va Hl. unfold key, idx, field, nent. rewrite (cfg_tile C HC l Hl).
    pose proof (cfg_shift C HC (S l)). pose proof (cfg_width C HC (S l)).
    rewrite Z.pow_add_r, <- Z.div_div by (try apply Z.pow_pos_nonneg; lia).
    rewrite Z.mul_comm. apply Z.div_mod. apply Z.pow_nonzero; lia.
  Qed.

  Lemma mixed_radix_inj : forall a i a' i' n, 0 <= i < n -> 0 <= i' < n ->
    a * n + i = a' * n + i' -> a = a' /\ i = i'.
  Proof.
    intros a i a' i' n Hi Hi' E.
    assert (Ea : (a * n + i) / n = a) by (rewrite Z.div_add_l, Z.div_small by lia; lia).
    assert (Ea' : (a' * n + i') / n = a') by (rewrite Z.div_add_l, Z.div_small by lia; lia).
    assert (a = a') by congruence. subst. lia.
  Qed.

  (** Same key at level [l] iff same indices at every level up to [l]. *)
  Lemma key_prefix : forall l va va', in_va C va -> in_va C va' -> (l < nlv C)%nat ->
    key C l va = key C l va' <-> (forall k, (k <= l)%nat -> idx C k va = idx C k va').
  Proof.
    induction l; intros va va' Hv Hv' Hl.
    - rewrite !key_0 by auto. split.
      + intros E k Hk. assert (k = O) by lia. subst. exact E.
      + intros H. apply H. lia.
    - rewrite !key_S by auto. split.
      + intros E. destruct (mixed_radix_inj _ _ _ _ _ (idx_in_tbl (S l) va) (idx_in_tbl (S l) va') E)
          as [E1 E2].
        intros k Hk. destruct (Nat.eq_dec k (S l)) as [->|]; [exact E2|].
        apply (proj1 (IHl va va' Hv Hv' ltac:(lia)) E1). lia.
      + intros H. rewrite (proj2 (IHl va va' Hv Hv' ltac:(lia))) by (intros; apply H; lia).
        rewrite (H (S l)) by lia. reflexivity.
  Qed.

  (** The table reached at level [n] depends only on the indices above [n]. *)
  Lemma reach_from_prefix : forall rd n l t va va',
    (forall k, (k < n)%nat -> idx C (l + k)%nat va = idx C (l + k)%nat va') ->
    reach_from C rd n l t va = reach_from C rd n l t va'.
  Proof.
    induction n; intros l t va va' H; [reflexivity|]. cbn [reach_from].
    pose proof (H O ltac:(lia)) as H0. rewrite Nat.add_0_r in H0. rewrite H0.
    destruct (dec C l _); try reflexivity. apply IHn. intros k Hk.
    specialize (H (S k) ltac:(lia)). rewrite Nat.add_succ_r in H. exact H.
  Qed.

  Lemma reach_prefix : forall rd n r va va',
    (forall k, (k < n)%nat -> idx C k va = idx C k va') -> reach C rd n r va = reach C rd n r va'.
  Proof. intros. apply reach_from_prefix. intros; apply H; auto. Qed.
End KEYS.
