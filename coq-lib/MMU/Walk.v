(* MMU/Walk.v -- proved.  The partial-walk algebra over [Desc.walk]:
   - [rch m ipa l0 b0 l b]: following valid table descriptors of [m] from the level-[l0] table at
     [b0] reaches the level-[l] table at [b]; [reach m root ipa] starts at level 0;
   - [reach_walk]/[walk_leaf_at]/[walk_fault_at]: a walk is decided by the entry it reads at the
     last reached table;
   - [lev]/[le_mem]: the "definedness" order (an entry is invalid or equal), under which walks are
     monotone ([walk_mono], [reach_mono], [reach_le_fault]);
   - frame lemmas for one-word updates ([reach_upd_keep], [reach_upd_cases], [walk_ext]).
   None of these unfolds the decoders: they are opaque ([Arguments ... : simpl never]). *)
From Coq Require Import ZArith Lia List Bool.
From AutoV.MMU Require Import Desc.
Open Scope Z_scope.

Lemma upd_same {A} (f : Z -> A) a x : upd f a x a = x.
Proof. unfold upd. rewrite Z.eqb_refl. reflexivity. Qed.

Lemma upd_other {A} (f : Z -> A) a x a' : a' <> a -> upd f a x a' = f a'.
Proof. unfold upd. intros H. rewrite (proj2 (Z.eqb_neq a' a) H). reflexivity. Qed.

Lemma upd_spec {A} (f : Z -> A) a x a' : upd f a x a' = if a' =? a then x else f a'.
Proof. reflexivity. Qed.

Lemma updn_same {A} (f : nat -> A) c x : updn f c x c = x.
Proof. unfold updn. rewrite Nat.eqb_refl. reflexivity. Qed.

Lemma updn_other {A} (f : nat -> A) c x c' : c' <> c -> updn f c x c' = f c'.
Proof. unfold updn. intros H. rewrite (proj2 (Nat.eqb_neq c' c) H). reflexivity. Qed.

(* ---------- decoder facts ---------- *)

Lemma is_tbl_valid l d : is_tbl l d = true -> dvalid d = true.
Proof. unfold is_tbl. intros H. apply andb_prop in H as [H _]. apply andb_prop in H. tauto. Qed.

Lemma is_tbl_lt l d : is_tbl l d = true -> (l < 3)%nat.
Proof. unfold is_tbl. intros H. apply andb_prop in H as [_ H]. apply Nat.ltb_lt. exact H. Qed.

Lemma is_leaf_valid l d : is_leaf l d = true -> dvalid d = true.
Proof. unfold is_leaf. intros H. apply andb_prop in H. tauto. Qed.

Lemma is_tbl_invalid l d : dvalid d = false -> is_tbl l d = false.
Proof. unfold is_tbl. intros H. rewrite H. reflexivity. Qed.

Lemma is_leaf_invalid l d : dvalid d = false -> is_leaf l d = false.
Proof. unfold is_leaf. intros H. rewrite H. reflexivity. Qed.

Lemma wstep_invalid l d : dvalid d = false -> wstep l d = WFault.
Proof. intros H. unfold wstep. rewrite is_tbl_invalid, is_leaf_invalid by exact H. reflexivity. Qed.

Lemma wstep_tbl l d : is_tbl l d = true -> wstep l d = WNext (oa d).
Proof. intros H. unfold wstep. rewrite H. reflexivity. Qed.

Lemma wstep_next l d b : wstep l d = WNext b -> is_tbl l d = true /\ b = oa d.
Proof.
  unfold wstep. destruct (is_tbl l d); [intros H; injection H; auto|].
  destruct (is_leaf l d); discriminate.
Qed.

Lemma wstep_leaf l d : wstep l d = WLeaf -> is_tbl l d = false /\ is_leaf l d = true.
Proof.
  unfold wstep. destruct (is_tbl l d); [discriminate|].
  destruct (is_leaf l d); [auto|discriminate].
Qed.

Lemma wstep_fault l d : wstep l d = WFault -> is_tbl l d = false /\ is_leaf l d = false.
Proof.
  unfold wstep. destruct (is_tbl l d); [discriminate|].
  destruct (is_leaf l d); [discriminate|auto].
Qed.

Lemma wstep_leaf_valid l d : wstep l d = WLeaf -> dvalid d = true.
Proof. intros H. apply wstep_leaf in H as [_ H]. eapply is_leaf_valid; eauto. Qed.

(* ---------- the definedness order ---------- *)

Definition lev (x y : Z) : Prop := dvalid x = false \/ x = y.
Definition le_mem (m1 m2 : Z -> Z) : Prop := forall a, lev (m1 a) (m2 a).

Lemma lev_refl x : lev x x.
Proof. right. reflexivity. Qed.

Lemma lev_trans x y z : lev x y -> lev y z -> lev x z.
Proof. unfold lev. intros [H|H] H2; [left; exact H|subst; exact H2]. Qed.

Lemma lev_valid x y : lev x y -> dvalid x = true -> x = y.
Proof. unfold lev. intros [H|H] Hv; [congruence|exact H]. Qed.

Lemma lev_invalid x y : dvalid x = false -> lev x y.
Proof. intros H. left. exact H. Qed.

Lemma le_mem_refl m : le_mem m m.
Proof. intros a. apply lev_refl. Qed.

Lemma le_mem_trans m1 m2 m3 : le_mem m1 m2 -> le_mem m2 m3 -> le_mem m1 m3.
Proof. intros H1 H2 a. eapply lev_trans; eauto. Qed.

(* ---------- reachability of tables ---------- *)

Lemma rch_le m ipa l0 b0 l b : rch m ipa l0 b0 l b -> (l0 <= l)%nat.
Proof. induction 1; lia. Qed.

Lemma rch_le3 m ipa l0 b0 l b : rch m ipa l0 b0 l b -> (l0 <= 3)%nat -> (l <= 3)%nat.
Proof. induction 1 as [|l b Hr IH Ht]; intros Hl0; [exact Hl0|]. apply is_tbl_lt in Ht. lia. Qed.

Lemma reach_le3 m r ipa l b : reach m r ipa l b -> (l <= 3)%nat.
Proof. intros H. eapply rch_le3; [exact H|lia]. Qed.

Lemma rch_cons m ipa l0 b0 l b :
  is_tbl l0 (m (eaddr b0 l0 ipa)) = true ->
  rch m ipa (S l0) (oa (m (eaddr b0 l0 ipa))) l b -> rch m ipa l0 b0 l b.
Proof.
  intros Ht H. induction H.
  - apply rch_step; [apply rch_refl|exact Ht].
  - apply rch_step; assumption.
Qed.

Lemma rch_trans m ipa l0 b0 l1 b1 l b :
  rch m ipa l0 b0 l1 b1 -> rch m ipa l1 b1 l b -> rch m ipa l0 b0 l b.
Proof. intros H1 H2. induction H2; [exact H1|apply rch_step; assumption]. Qed.

Lemma rch_det m ipa l0 b0 l b b' :
  rch m ipa l0 b0 l b -> rch m ipa l0 b0 l b' -> b = b'.
Proof.
  intros H. revert b'. induction H; intros b' H'.
  - inversion H'; subst; [reflexivity|].
    match goal with Hr : rch _ _ _ _ _ _ |- _ => apply rch_le in Hr end. lia.
  - inversion H'; subst.
    + apply rch_le in H. lia.
    + match goal with Hr : rch _ _ _ _ l ?b1 |- _ => rewrite (IHrch _ Hr) end. reflexivity.
Qed.

(* Every table on the way to a reached table is a table descriptor. *)
Lemma rch_prefix_tbl m ipa l0 b0 l b :
  rch m ipa l0 b0 l b ->
  forall l1 b1, (l1 < l)%nat -> rch m ipa l0 b0 l1 b1 -> is_tbl l1 (m (eaddr b1 l1 ipa)) = true.
Proof.
  induction 1; intros l1 b1 Hlt H1.
  - apply rch_le in H1. lia.
  - destruct (Nat.eq_dec l1 l) as [->|Hne].
    + rewrite (rch_det _ _ _ _ _ _ _ H1 H). exact H0.
    + apply IHrch; [lia|exact H1].
Qed.

(* A table none of whose entries is a table descriptor is a dead end. *)
Lemma rch_stuck m ipa l0 b0 l b :
  (forall l', is_tbl l' (m (eaddr b0 l' ipa)) = false) ->
  rch m ipa l0 b0 l b -> l = l0 /\ b = b0.
Proof.
  intros Hs H. induction H; [auto|].
  destruct IHrch as [-> ->]. rewrite Hs in H0. discriminate.
Qed.

(* ---------- walks are decided by the last reached table ---------- *)

Lemma reach_walk m r ipa l b :
  reach m r ipa l b -> walk m r ipa = walk_from m ipa (4 - l) l b.
Proof.
  unfold reach, walk. induction 1; [reflexivity|].
  rewrite IHrch. pose proof (is_tbl_lt _ _ H0) as Hl.
  replace (4 - l)%nat with (S (3 - l))%nat by lia.
  cbn [walk_from]. rewrite (wstep_tbl _ _ H0).
  replace (4 - S l)%nat with (3 - l)%nat by lia. reflexivity.
Qed.

Lemma walk_at m r ipa l b :
  reach m r ipa l b ->
  walk m r ipa =
    match wstep l (m (eaddr b l ipa)) with
    | WNext b' => walk_from m ipa (3 - l) (S l) b'
    | WLeaf => Leaf l (m (eaddr b l ipa))
    | WFault => Fault
    end.
Proof.
  intros H. rewrite (reach_walk _ _ _ _ _ H). pose proof (reach_le3 _ _ _ _ _ H) as Hl.
  replace (4 - l)%nat with (S (3 - l))%nat by lia. reflexivity.
Qed.

Lemma walk_fault_at m r ipa l b :
  reach m r ipa l b -> wstep l (m (eaddr b l ipa)) = WFault -> walk m r ipa = Fault.
Proof. intros H Hw. rewrite (walk_at _ _ _ _ _ H), Hw. reflexivity. Qed.

Lemma walk_invalid_at m r ipa l b :
  reach m r ipa l b -> dvalid (m (eaddr b l ipa)) = false -> walk m r ipa = Fault.
Proof. intros H Hv. eapply walk_fault_at; [exact H|]. apply wstep_invalid. exact Hv. Qed.

Lemma walk_leaf_at m r ipa l b :
  reach m r ipa l b -> wstep l (m (eaddr b l ipa)) = WLeaf ->
  walk m r ipa = Leaf l (m (eaddr b l ipa)).
Proof. intros H Hw. rewrite (walk_at _ _ _ _ _ H), Hw. reflexivity. Qed.

Lemma walk_from_leaf_inv m ipa f l0 b0 l d :
  walk_from m ipa f l0 b0 = Leaf l d ->
  exists b, rch m ipa l0 b0 l b /\ m (eaddr b l ipa) = d /\ wstep l d = WLeaf.
Proof.
  revert l0 b0. induction f as [|f IH]; intros l0 b0 H; [discriminate|].
  cbn [walk_from] in H. destruct (wstep l0 (m (eaddr b0 l0 ipa))) eqn:E.
  - apply IH in H as (b' & Hr & Hd & Hw). apply wstep_next in E as [Ht ->].
    exists b'. split; [eapply rch_cons; eauto|auto].
  - injection H as <- <-. exists b0. split; [apply rch_refl|]. auto.
  - discriminate.
Qed.

Lemma walk_leaf_inv m r ipa l d :
  walk m r ipa = Leaf l d ->
  exists b, reach m r ipa l b /\ m (eaddr b l ipa) = d /\ wstep l d = WLeaf.
Proof. apply walk_from_leaf_inv. Qed.

(* ---------- extensionality and frames ---------- *)

Lemma walk_from_ext m m' ipa f l0 b0 :
  (forall l b, rch m ipa l0 b0 l b -> m (eaddr b l ipa) = m' (eaddr b l ipa)) ->
  walk_from m ipa f l0 b0 = walk_from m' ipa f l0 b0.
Proof.
  revert l0 b0. induction f as [|f IH]; intros l0 b0 H; [reflexivity|].
  cbn [walk_from]. pose proof (H _ _ (rch_refl _ _ _ _)) as E0.
  destruct (wstep l0 (m (eaddr b0 l0 ipa))) eqn:E.
  - rewrite <- E0, E. apply IH. intros l1 b1 Hr. apply H.
    apply wstep_next in E as [Ht ->]. eapply rch_cons; eauto.
  - rewrite <- E0, E. reflexivity.
  - rewrite <- E0, E. reflexivity.
Qed.

Lemma walk_ext m m' r ipa :
  (forall l b, reach m r ipa l b -> m (eaddr b l ipa) = m' (eaddr b l ipa)) ->
  walk m r ipa = walk m' r ipa.
Proof. apply walk_from_ext. Qed.

Lemma walk_ext_fun m m' r ipa : (forall a, m a = m' a) -> walk m r ipa = walk m' r ipa.
Proof. intros H. apply walk_ext. intros. apply H. Qed.

Lemma rch_ext m m' ipa l0 b0 l b :
  (forall a, m a = m' a) -> rch m ipa l0 b0 l b -> rch m' ipa l0 b0 l b.
Proof.
  intros He H. induction H; [apply rch_refl|].
  rewrite He in *. apply rch_step; assumption.
Qed.

Lemma upd_keep (m : Z -> Z) a x e : (e = a -> x = m a) -> upd m a x e = m e.
Proof.
  intros H. unfold upd. destruct (Z.eqb_spec e a) as [->|]; [apply H; reflexivity|reflexivity].
Qed.

Lemma reach_upd_keep m ipa l0 b0 l b a x :
  rch m ipa l0 b0 l b ->
  (forall l1 b1, (l1 < l)%nat -> rch m ipa l0 b0 l1 b1 -> eaddr b1 l1 ipa = a -> x = m a) ->
  rch (upd m a x) ipa l0 b0 l b.
Proof.
  induction 1; intros Hk; [apply rch_refl|].
  assert (E : upd m a x (eaddr b l ipa) = m (eaddr b l ipa)).
  { apply upd_keep. intros He. apply (Hk l b); auto. }
  rewrite <- E. apply rch_step.
  - apply IHrch. intros l1 b1 Hl. apply Hk. lia.
  - rewrite E. exact H0.
Qed.

Lemma reach_upd_cases m ipa l0 b0 a x :
  forall l b, rch (upd m a x) ipa l0 b0 l b ->
  rch m ipa l0 b0 l b \/
  exists l1 b1, (l1 < l)%nat /\ rch m ipa l0 b0 l1 b1 /\ eaddr b1 l1 ipa = a /\
    is_tbl l1 x = true /\ rch (upd m a x) ipa (S l1) (oa x) l b.
Proof.
  induction 1 as [|l' b' H IH Ht].
  - left. apply rch_refl.
  - destruct IH as [Hm | (l1 & b1 & Hl & Hr & Ha & Hx & Hr')].
    + destruct (Z.eq_dec (eaddr b' l' ipa) a) as [Ea|Ea].
      * right. exists l', b'. rewrite Ea, upd_same in *.
        split; [lia|]. split; [exact Hm|]. split; [reflexivity|]. split; [exact Ht|].
        apply rch_refl.
      * left. rewrite upd_other in * by exact Ea. apply rch_step; assumption.
    + right. exists l1, b1. split; [lia|]. do 3 (split; [assumption|]).
      apply rch_step; assumption.
Qed.

(* ---------- monotonicity in the definedness order ---------- *)

Lemma reach_mono m1 m2 ipa l0 b0 l b :
  le_mem m1 m2 -> rch m1 ipa l0 b0 l b -> rch m2 ipa l0 b0 l b.
Proof.
  intros Hle H. induction H; [apply rch_refl|].
  pose proof (lev_valid _ _ (Hle (eaddr b l ipa)) (is_tbl_valid _ _ H0)) as E.
  rewrite E in *. apply rch_step; assumption.
Qed.

Lemma walk_from_mono m1 m2 ipa f l b :
  le_mem m1 m2 ->
  walk_from m1 ipa f l b = Fault \/ walk_from m1 ipa f l b = walk_from m2 ipa f l b.
Proof.
  intros Hle. revert l b. induction f as [|f IH]; intros l b; [left; reflexivity|].
  cbn [walk_from]. destruct (Hle (eaddr b l ipa)) as [Hi|He].
  - left. rewrite (wstep_invalid _ _ Hi). reflexivity.
  - rewrite He. destruct (wstep l (m2 (eaddr b l ipa))); [apply IH|right|left]; reflexivity.
Qed.

Lemma walk_mono m1 m2 r ipa :
  le_mem m1 m2 -> walk m1 r ipa = Fault \/ walk m1 r ipa = walk m2 r ipa.
Proof. apply walk_from_mono. Qed.

Lemma walk_mono_leaf m1 m2 r ipa l d :
  le_mem m1 m2 -> walk m1 r ipa = Leaf l d -> walk m2 r ipa = Leaf l d.
Proof.
  intros Hle H. destruct (walk_mono m1 m2 r ipa Hle) as [E|E]; rewrite H in E;
    [discriminate|symmetry; exact E].
Qed.

Lemma walk_mono_fault m1 m2 r ipa :
  le_mem m1 m2 -> walk m2 r ipa = Fault -> walk m1 r ipa = Fault.
Proof.
  intros Hle H. destruct (walk_mono m1 m2 r ipa Hle) as [E|E]; [exact E|congruence].
Qed.

Lemma walk_lev_eq m1 m2 r ipa :
  le_mem m1 m2 -> le_mem m2 m1 -> walk m1 r ipa = walk m2 r ipa.
Proof.
  intros H1 H2. destruct (walk_mono _ _ r ipa H1) as [E1|E1]; [|exact E1].
  destruct (walk_mono _ _ r ipa H2) as [E2|E2]; congruence.
Qed.

Lemma reach_le_fault m1 m2 r ipa l b :
  le_mem m1 m2 -> reach m2 r ipa l b -> reach m1 r ipa l b \/ walk m1 r ipa = Fault.
Proof.
  intros Hle H. unfold reach in *. induction H as [|l b H IH Ht]; [left; apply rch_refl|].
  destruct IH as [Hm|Hf]; [|right; exact Hf].
  destruct (Hle (eaddr b l ipa)) as [Hi|He].
  - right. eapply walk_invalid_at; [exact Hm|exact Hi].
  - left. rewrite <- He in *. apply rch_step; assumption.
Qed.

(* ---------- the 512 entries of a table page ---------- *)

Lemma idx_range l ipa : 0 <= idx l ipa < 512.
Proof. unfold idx. apply Z.mod_pos_bound. lia. Qed.

Lemma eaddr_in_page b l ipa : exists i, 0 <= i < 512 /\ eaddr b l ipa = b + 8 * i.
Proof. exists (idx l ipa). split; [apply idx_range|reflexivity]. Qed.

Lemma wres_eq_dec (r1 r2 : wres) : {r1 = r2} + {r1 <> r2}.
Proof. decide equality; [apply Z.eq_dec|apply Nat.eq_dec]. Defined.
