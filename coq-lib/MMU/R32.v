(* MMU/R32.v -- proved.  RL3 refines RL2: forward simulation (with stuttering) for every step,
   under the relation "same memory, buffers, VMIDs and ghost state; every in-flight walk (of the
   CPU's current VMID) and every walk-cache entry of RL3 is a walk of RL2; every TLB entry of
   any CPU is in RL2's TLB set; each CPU's TLBIs not yet performed in RL3 are, in order, among
   its TLBIs pending in RL2, and a TLBI RL3 has performed covers only RL3 entries filled since
   it was issued ([qrel])".  So RL3's early TLBIs are RL2 stutters, and RL2's atomic DSB keeps
   every entry RL3 still has.  No [happy] assumption is needed for this step. *)
From Coq Require Import ZArith List Bool Lia.
From AutoV.MMU Require Import Desc Walk Labels Ghost LTS RL3 Sync RL2.
Import ListNotations.
Open Scope Z_scope.

Lemma in_del {A} (x y : A) w1 w2 : In x (w1 ++ w2) -> In x (w1 ++ y :: w2).
Proof. intros H. apply in_app_or in H as [H|H]; apply in_or_app; [left|right; right]; exact H. Qed.

Lemma in_mid {A} (y : A) w1 w2 : In y (w1 ++ y :: w2).
Proof. apply in_or_app. right. left. reflexivity. Qed.

Lemma in_repl {A} (x y y' : A) w1 w2 : In x (w1 ++ y' :: w2) -> x = y' \/ In x (w1 ++ y :: w2).
Proof.
  intros H. apply in_app_or in H as [H|[H|H]]; [right; apply in_or_app; left; exact H|left; auto|].
  right. apply in_or_app. right. right. exact H.
Qed.

Lemma in_updn {A} (f : nat -> list A) c x c' P :
  In P (updn f c x c') -> (c' = c /\ In P x) \/ (c' <> c /\ In P (f c')).
Proof.
  destruct (Nat.eq_dec c' c) as [->|Ne]; [rewrite updn_same; auto|rewrite updn_other by exact Ne; auto].
Qed.

(* ---------- RL3's queue of unperformed TLBIs against RL2's pending ones ---------- *)

(* [qrel T q3 q2]: [q3] is [q2]'s operations with the performed ones left out, and no entry
   of [T] is covered by a performed one unless it was filled since that one's issue. *)
Inductive qrel (T : tentry -> Prop) : list tlbi_op -> list pend -> Prop :=
| q_nil : qrel T [] []
| q_wait o (y : tentry -> Prop) q3 q2 : qrel T q3 q2 -> qrel T (o :: q3) (mkPend o y :: q2)
| q_done o (y : tentry -> Prop) q3 q2 : qrel T q3 q2 -> (forall e, T e -> tcovers o e = true -> y e) ->
    qrel T q3 (mkPend o y :: q2).

Lemma qrel_weaken (T T' : tentry -> Prop) q3 q2 :
  (forall e, T' e -> T e) -> qrel T q3 q2 -> qrel T' q3 q2.
Proof. intros Hs H. induction H; constructor; auto. Qed.

Lemma qrel_issue T q3 q2 o : qrel T q3 q2 -> qrel T (q3 ++ [o]) (q2 ++ [issue o]).
Proof.
  intros H. induction H; cbn; [apply q_wait, q_nil|apply q_wait; exact IHqrel|].
  apply q_done; assumption.
Qed.

Lemma qrel_perform (T T' : tentry -> Prop) o q3 q2 :
  qrel T q3 q2 -> (forall e, T' e -> T e /\ tcovers o e = false) ->
  forall q1 q3r, q3 = q1 ++ o :: q3r -> qrel T' (q1 ++ q3r) q2.
Proof.
  intros H Hs. induction H; intros q1 q3r E.
  - destruct q1; discriminate.
  - destruct q1 as [|o1 q1]; cbn in E; injection E as E1 E2; subst.
    + apply q_done; [apply (qrel_weaken T); [intros e He; apply Hs; exact He|exact H]|].
      intros e He Hc. rewrite (proj2 (Hs e He)) in Hc. discriminate.
    + cbn. constructor. apply IHqrel. reflexivity.
  - apply q_done; [apply IHqrel; exact E|]. intros e He. apply H0. apply Hs. exact He.
Qed.

Lemma qrel_fill T q3 q2 E : qrel T q3 q2 -> qrel (fun e => T e \/ e = E) q3 (filled E q2).
Proof.
  intros H. induction H; cbn; constructor; auto.
  intros e [He| ->] Hc; [left; auto|right; reflexivity].
Qed.

Lemma qrel_synced T q2 : qrel T [] q2 -> forall e, T e -> survives q2 e.
Proof.
  intros H. remember [] as q3 eqn:E. induction H; [|discriminate|].
  - intros e _ p [].
  - intros e He p [<-|Hp] Hc; [cbn; auto|]. apply (IHqrel E e He p Hp Hc).
Qed.

Section R32.
Variable root : Z -> Z.

(* The entries of every CPU's TLB. *)
Definition tlbs3 (s : st3) (e : tentry) : Prop := exists c, In e (r3_tlb s c).

Record R32 (s3 : st3) (s2 : st2) : Prop := {
  e32_mem : r2_mem s2 = r3_mem s3;
  e32_wbuf : r2_wbuf s2 = r3_wbuf s3;
  e32_ctx : r2_ctx s2 = r3_ctx s3;
  e32_tq : forall c, qrel (tlbs3 s3) (r3_tq s3 c) (r2_tq s2 c);
  e32_gh : r2_gh s2 = r3_gh s3;
  e32_walks : forall c P, In P (r3_walks s3 c) -> r2_walks s2 P /\ p_vmid P = r3_ctx s3 c;
  e32_wc : forall c P, In P (r3_wc s3 c) -> r2_walks s2 P;
  e32_tlb : forall c e, In e (r3_tlb s3 c) -> r2_tlb s2 e }.

Lemma happy3_closed : back_closed label (RL3 root) happy3.
Proof.
  intros s l s' Hs. unfold happy3. destruct Hs; cbn; tauto.
Qed.

Lemma r32_init s3 : init3 s3 -> exists s2, init2 s2 /\ R32 s3 s2.
Proof.
  intros (m0 & ctx0 & ->).
  exists (mk2 m0 (fun _ => []) ctx0 (fun _ => False) (fun _ => False) (fun _ => []) (ginit m0)).
  split; [exists m0, ctx0; reflexivity|]. constructor; cbn; auto; try contradiction.
  intros c. constructor.
Qed.

Lemma r32_step s3 s2 l s3' :
  R32 s3 s2 -> step3 root s3 l s3' ->
  exists s2', R32 s3' s2' /\ (step2 root s2 l s2' \/ (l = LTau /\ s2' = s2)).
Proof.
  intros HR Hs. destruct s2 as [m2 wb2 ctx2 wk2 tl2 tq2 gh2].
  destruct HR as [Em Ew Ec Eq Eg Hwk Hwc Htl]; cbn in *; subst.
  destruct Hs.
  - (* write *) eexists. split; [|left; apply s2_write]. constructor; cbn; auto.
  - (* drain *) eexists. split; [|left; eapply s2_drain; cbn; eauto]. constructor; cbn; auto.
  - (* read *) eexists. split; [|left; apply s2_read]. constructor; cbn; auto.
  - (* dmb *) eexists. split; [|left; apply s2_dmb]. constructor; cbn; auto.
  - (* dsb: RL3 has performed every TLBI of [c]; RL2 synchronises them now *)
    eexists. split; [|left; apply s2_dsb; cbn; auto]. constructor; cbn; auto.
    + intros c'. destruct (Nat.eq_dec c' c) as [->|Ne];
        [rewrite updn_same, H0; constructor|rewrite updn_other by exact Ne; apply Eq].
    + intros c' e He. split; [eauto|]. apply (qrel_synced (tlbs3 s)); [rewrite <- H0; apply Eq|].
      exists c'. exact He.
  - (* isb *) eexists. split; [|left; apply s2_isb]. constructor; cbn; auto.
    intros c' P Hin. apply in_updn in Hin as [[_ []]|[_ Hin]]. auto.
  - (* tlbi *) eexists. split; [|left; apply s2_tlbi]. constructor; cbn; auto.
    intros c'. destruct (Nat.eq_dec c' c) as [->|Ne];
      [rewrite !updn_same; apply qrel_issue, Eq|rewrite !updn_other by exact Ne; apply Eq].
  - (* perform: early in RL3, a stutter of RL2 (whose DSB keeps what RL3 refills after it) *)
    eexists. split; [|right; split; reflexivity]. constructor; cbn; auto.
    + intros c'. cbn. destruct (Nat.eq_dec c' c) as [->|Ne].
      * rewrite updn_same. apply (qrel_perform (tlbs3 s) _ o (r3_tq s c)); [apply Eq| |exact H].
        intros e (c'' & He). apply filter_In in He as [He Hc].
        split; [exists c''; exact He|]. destruct (tcovers o e); [discriminate|reflexivity].
      * rewrite updn_other by exact Ne. apply (qrel_weaken (tlbs3 s)); [|apply Eq].
        intros e (c'' & He). apply filter_In in He as [He _]. exists c''. exact He.
    + intros c' P Hin. apply filter_In in Hin as [Hin _]. auto.
    + intros c' P Hin. apply filter_In in Hin as [Hin _]. eauto.
    + intros c' e Hin. apply filter_In in Hin as [Hin _]. eauto.
  - (* setvm *) eexists. split; [|left; apply s2_setvm]. constructor; cbn; auto.
    intros c' P Hin. apply in_updn in Hin as [[_ []]|[Ne Hin]].
    rewrite updn_other by exact Ne. auto.
  - (* walk init *) eexists. split; [|left; apply (s2_walk_init root _ (r3_ctx s c) ipa)].
    constructor; cbn; auto.
    + intros c' P Hin. apply in_updn in Hin as [[-> [<-|Hin]]|[_ Hin]].
      * split; [right; reflexivity|reflexivity].
      * destruct (Hwk _ _ Hin). split; [left|]; assumption.
      * destruct (Hwk _ _ Hin). split; [left|]; assumption.
    + intros c' P Hin. left. eauto.
  - (* walk from the walk cache *) exists (mk2 (r3_mem s) (r3_wbuf s) (r3_ctx s) wk2 tl2 tq2 (r3_gh s)).
    split; [|right; auto]. constructor; cbn; auto.
    intros c' P0 Hin. apply in_updn in Hin as [[-> [<-|Hin]]|[_ Hin]]; eauto.
  - (* walk-cache fill *) eexists. split; [|right; split; reflexivity]. constructor; cbn; auto.
    intros c' P0 Hin. apply in_updn in Hin as [[-> [<-|Hin]]|[_ Hin]]; [|eauto|eauto].
    apply (Hwk c). exact H.
  - (* walk-cache eviction *) eexists. split; [|right; split; reflexivity]. constructor; cbn; auto.
    intros c' P0 Hin. apply in_updn in Hin as [[-> Hin]|[_ Hin]]; [|eauto].
    apply (Hwc c). rewrite H. apply in_del. exact Hin.
  - (* walk step *)
    assert (HP : wk2 P /\ p_vmid P = r3_ctx s c) by (apply Hwk; rewrite H; apply in_mid).
    eexists. split; [|left; eapply s2_walk_next; cbn; [apply HP|exact H0]].
    constructor; cbn; auto.
    + intros c' Q Hin. apply in_updn in Hin as [[-> Hin]|[_ Hin]].
      * apply (in_repl _ P) in Hin as [->|Hin].
        -- split; [right; reflexivity|apply HP].
        -- rewrite <- H in Hin. destruct (Hwk _ _ Hin). split; [left|]; assumption.
      * destruct (Hwk _ _ Hin). split; [left|]; assumption.
    + intros c' Q Hin. left. eauto.
  - (* walk reaches a leaf: TLB fill *)
    assert (HP : wk2 P /\ p_vmid P = r3_ctx s c) by (apply Hwk; rewrite H; apply in_mid).
    eexists. split; [|left; eapply (s2_walk_leaf root _ P k); cbn; [apply HP|exact H0|reflexivity]].
    constructor; cbn; auto.
    + intros c'. eapply qrel_weaken; [|apply qrel_fill, Eq].
      intros e (c'' & He). apply in_updn in He as [[-> [<-|He]]|[_ He]];
        [right; reflexivity|left; exists c; exact He|left; exists c''; exact He].
    + intros c' Q Hin. apply in_updn in Hin as [[-> Hin]|[_ Hin]]; [|eauto].
      apply Hwk. rewrite H. apply in_del. exact Hin.
    + intros c' e Hin. apply in_updn in Hin as [[-> [<-|Hin]]|[_ Hin]];
        [right; reflexivity|left; eauto|left; eauto].
  - (* walk faults *)
    assert (HP : wk2 P /\ p_vmid P = r3_ctx s c) by (apply Hwk; rewrite H; apply in_mid).
    eexists. split; [|left; eapply s2_walk_fault; cbn; [apply HP|apply HP|exact H0]].
    constructor; cbn; auto.
    intros c' Q Hin. apply in_updn in Hin as [[-> Hin]|[_ Hin]]; [|eauto].
    apply Hwk. rewrite H. apply in_del. exact Hin.
  - (* walk abandoned *) eexists. split; [|right; split; reflexivity]. constructor; cbn; auto.
    intros c' Q Hin. apply in_updn in Hin as [[-> Hin]|[_ Hin]]; [|eauto].
    apply Hwk. rewrite H. apply in_del. exact Hin.
  - (* TLB eviction *) eexists. split; [|right; split; reflexivity]. constructor; cbn; auto.
    + intros c'. eapply qrel_weaken; [|apply Eq].
      intros e0 (c'' & Hin). apply in_updn in Hin as [[-> Hin]|[_ Hin]]; [|exists c''; exact Hin].
      exists c. rewrite H. apply in_del. exact Hin.
    + intros c' e0 Hin. apply in_updn in Hin as [[-> Hin]|[_ Hin]]; [|eauto].
      apply (Htl c). rewrite H. apply in_del. exact Hin.
  - (* TLB hit *) eexists. split; [|left; eapply s2_hit; cbn; eauto]. constructor; cbn; auto.
Qed.

Theorem rl3_refines_rl2 : fsim label LTau (RL3 root) (RL2 root) happy3 R32.
Proof.
  split; [exact r32_init|]. intros s3 s2 l s3' HR Hs _. eapply r32_step; eauto.
Qed.

End R32.
