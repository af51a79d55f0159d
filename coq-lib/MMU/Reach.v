(* MMU/Reach.v -- proved.  Deciding [paths_unique] (condition C9's layout part) for a concrete
   page-table memory by computation: [positions] enumerates every table a walk can reach (from
   the 512 entries of each reached table), with the indices that lead there; [pu_check] checks
   that distinct positions are in distinct pages.  [pu_check_sound]: a successful check, with
   the VMs outside [Vs] having empty, distinct root tables away from the enumerated ones, gives
   [paths_unique].  Used by the tests to apply the linking lemma to concrete runs. *)
From Coq Require Import ZArith List Bool Lia.
From AutoV.MMU Require Import Desc Walk Labels Ghost Conditions Linking.
Import ListNotations.
Open Scope Z_scope.

Definition seqZ512 : list Z := map Z.of_nat (seq 0 512).

Lemma in_seqZ512 i : 0 <= i < 512 -> In i seqZ512.
Proof.
  intros Hi. apply in_map_iff. exists (Z.to_nat i). split; [apply Z2Nat.id; lia|].
  apply in_seq. lia.
Qed.

(* The table entries of the level-[l] table at [b]: index and next table. *)
Definition children (m : Z -> Z) (l : nat) (b : Z) : list (Z * Z) :=
  flat_map (fun i => if is_tbl l (m (b + 8 * i)) then [(i, oa (m (b + 8 * i)))] else []) seqZ512.

(* Tables reachable in at most [n] steps from the level-[l] table [b] reached by indices [pre]. *)
Fixpoint positions (m : Z -> Z) (n : nat) (l : nat) (b : Z) (pre : list Z)
    : list (nat * Z * list Z) :=
  (l, b, pre) ::
  match n with
  | O => []
  | S n' => flat_map (fun ib => positions m n' (S l) (snd ib) (pre ++ [fst ib])) (children m l b)
  end.

Definition idxs (ipa : Z) (l0 l : nat) : list Z := map (fun j => idx j ipa) (seq l0 (l - l0)).

Lemma positions_sound m ipa n : forall l0 b0 pre l b,
  rch m ipa l0 b0 l b -> (l <= l0 + n)%nat ->
  In (l, b, pre ++ idxs ipa l0 l) (positions m n l0 b0 pre).
Proof.
  induction n as [|n IH]; intros l0 b0 pre l b H Hl;
    destruct (rch_first _ _ _ _ _ _ H) as [[-> ->]|[Ht H']].
  - left. unfold idxs. rewrite Nat.sub_diag. cbn. rewrite app_nil_r. reflexivity.
  - apply rch_le in H'. lia.
  - left. unfold idxs. rewrite Nat.sub_diag. cbn. rewrite app_nil_r. reflexivity.
  - right. apply in_flat_map. exists (idx l0 ipa, oa (m (eaddr b0 l0 ipa))). split.
    + unfold children. apply in_flat_map. exists (idx l0 ipa).
      split; [apply in_seqZ512, idx_range|]. unfold eaddr in Ht |- *. rewrite Ht. left. reflexivity.
    + cbn [fst snd]. pose proof (rch_le _ _ _ _ _ _ H') as Hle.
      replace (pre ++ idxs ipa l0 l) with ((pre ++ [idx l0 ipa]) ++ idxs ipa (S l0) l).
      * apply IH; [exact H'|lia].
      * unfold idxs. replace (l - l0)%nat with (S (l - S l0)) by lia. cbn.
        rewrite <- app_assoc. reflexivity.
Qed.

Lemma idxs_eq ipa ipa' l :
  idxs ipa 0 l = idxs ipa' 0 l -> forall j, (j < l)%nat -> idx j ipa = idx j ipa'.
Proof.
  unfold idxs. rewrite Nat.sub_0_r. induction l as [|l IH]; intros E j Hj; [lia|].
  rewrite seq_S, !map_app in E. apply app_inj_tail in E as [E1 E2].
  destruct (Nat.eq_dec j l) as [->|Ne]; [exact E2|apply IH; [exact E1|lia]].
Qed.

Fixpoint zlist_eqb (l1 l2 : list Z) : bool :=
  match l1, l2 with
  | [], [] => true
  | x :: r, y :: r' => (x =? y) && zlist_eqb r r'
  | _, _ => false
  end.

Lemma zlist_eqb_eq l1 l2 : zlist_eqb l1 l2 = true -> l1 = l2.
Proof.
  revert l2. induction l1 as [|x r IH]; intros [|y r'] H; try discriminate; [reflexivity|].
  cbn in H. apply andb_prop in H as [H1 H2]. apply Z.eqb_eq in H1. rewrite H1, (IH _ H2).
  reflexivity.
Qed.

Section Reach.
Variable root : Z -> Z.

Definition vpositions (m : Z -> Z) (Vs : list Z) : list (Z * (nat * Z * list Z)) :=
  flat_map (fun v => map (pair v) (positions m 3 0 (root v) [])) Vs.

Definition pbase (p : Z * (nat * Z * list Z)) : Z := let '(_, (_, b, _)) := p in b.

Definition same_pos (p q : Z * (nat * Z * list Z)) : bool :=
  let '(v, (l, _, pre)) := p in let '(v', (l', _, pre')) := q in
  (v =? v') && Nat.eqb l l' && zlist_eqb pre pre'.

(* Every position is in its own page; positions in one page are the same position. *)
Definition pu_check (m : Z -> Z) (Vs : list Z) : bool :=
  let P := vpositions m Vs in
  forallb (fun p => pbase p mod 4096 =? 0) P &&
  forallb (fun p => forallb (fun q => negb (pbase p =? pbase q) || same_pos p q) P) P.

Lemma aligned_eaddr b b' l l' i i' :
  b mod 4096 = 0 -> b' mod 4096 = 0 -> eaddr b l i = eaddr b' l' i' ->
  b = b' /\ idx l i = idx l' i'.
Proof.
  unfold eaddr. intros Hb Hb' E. pose proof (idx_range l i). pose proof (idx_range l' i').
  pose proof (Z.div_mod b 4096 ltac:(lia)). pose proof (Z.div_mod b' 4096 ltac:(lia)).
  rewrite Hb in *. rewrite Hb' in *. lia.
Qed.

Theorem pu_check_sound m Vs :
  pu_check m Vs = true ->
  (forall v, ~ In v Vs -> forall i, 0 <= i < 512 -> is_tbl 0 (m (root v + 8 * i)) = false) ->
  (forall v, ~ In v Vs -> root v mod 4096 = 0) ->
  (forall v v', ~ In v Vs -> ~ In v' Vs -> root v = root v' -> v = v') ->
  (forall v, ~ In v Vs -> forall p, In p (vpositions m Vs) -> root v <> pbase p) ->
  paths_unique root m.
Proof.
  intros Hc Hin Hal Hinj Hdis. unfold pu_check in Hc. apply andb_prop in Hc as [Ha Hp].
  rewrite forallb_forall in Ha, Hp.
  (* where a reached table sits *)
  assert (Hpos : forall v ipa l b, reach m (root v) ipa l b ->
            (In v Vs /\ In (v, (l, b, idxs ipa 0 l)) (vpositions m Vs)) \/
            (~ In v Vs /\ l = 0%nat /\ b = root v)).
  { intros v ipa l b H. destruct (in_dec Z.eq_dec v Vs) as [Iv|Nv].
    - left. split; [exact Iv|]. apply in_flat_map. exists v. split; [exact Iv|].
      apply in_map. apply (positions_sound m ipa 3 0 (root v) [] l b H).
      apply reach_le3 in H. lia.
    - right. split; [exact Nv|]. destruct (rch_first _ _ _ _ _ _ H) as [[-> ->]|[Ht _]]; [auto|].
      exfalso. unfold eaddr in Ht. rewrite (Hin v Nv) in Ht; [discriminate|apply idx_range]. }
  intros v ipa l b v' ipa' l' b' H H' E.
  destruct (Hpos _ _ _ _ H) as [[Iv Pv]|(Nv & -> & ->)];
    destruct (Hpos _ _ _ _ H') as [[Iv' Pv']|(Nv' & -> & ->)].
  - pose proof (Ha _ Pv) as A. pose proof (Ha _ Pv') as A'. apply Z.eqb_eq in A, A'. cbn in A, A'.
    destruct (aligned_eaddr _ _ _ _ _ _ A A' E) as [Eb Ei].
    pose proof (Hp _ Pv) as Q. rewrite forallb_forall in Q. specialize (Q _ Pv').
    cbn in Q. rewrite Eb, Z.eqb_refl in Q. cbn in Q.
    apply andb_prop in Q as [Q Qp]. apply andb_prop in Q as [Qv Ql].
    apply Z.eqb_eq in Qv. apply Nat.eqb_eq in Ql. subst v' l'.
    apply zlist_eqb_eq in Qp.
    split; [reflexivity|]. split; [reflexivity|]. intros j Hj.
    destruct (Nat.eq_dec j l) as [->|Ne]; [exact Ei|]. apply (idxs_eq _ _ l Qp). lia.
  - exfalso. pose proof (Ha _ Pv) as A. apply Z.eqb_eq in A. cbn in A.
    destruct (aligned_eaddr _ _ _ _ _ _ A (Hal _ Nv') E) as [Eb _].
    apply (Hdis v' Nv' _ Pv). cbn. congruence.
  - exfalso. pose proof (Ha _ Pv') as A'. apply Z.eqb_eq in A'. cbn in A'.
    destruct (aligned_eaddr _ _ _ _ _ _ (Hal _ Nv) A' E) as [Eb _].
    apply (Hdis v Nv _ Pv'). cbn. congruence.
  - destruct (aligned_eaddr _ _ _ _ _ _ (Hal _ Nv) (Hal _ Nv') E) as [Eb Ei].
    rewrite (Hinj _ _ Nv Nv' Eb). split; [reflexivity|]. split; [reflexivity|].
    intros j Hj. replace j with 0%nat by lia. exact Ei.
Qed.

End Reach.
