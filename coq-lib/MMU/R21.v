(* MMU/R21.v -- proved.  RL2 refines RL1 under [happy]: the write buffers and the non-atomic
   walks disappear.  The invariant [inv2] of RL2 says:
   - the ghost invariant holds; buffered stores of [c] are to addresses [g_pw] assigns to [c],
     and the writer view is memory overlaid with the owner's buffer ([i2_view]);
   - memory and every buffered value lie between [g_mid] and [g_top] ([i2_memb], [i2_bufb]):
     walkers see, per address, either the writer view, an unfenced invalidation not yet
     drained, or an unfenced validation not yet drained;
   - every partial walk is on a walk path of the writer view ([i2_walks]).
   Hence a walk step that reads a leaf in memory reads [g_top]'s leaf (an RL1 fill), one that
   reads an invalid entry is a fault of the atomic walk of [g_mid] (an RL1 fault). *)
From Coq Require Import ZArith List Bool Lia.
From AutoV.MMU Require Import Desc Walk Labels Ghost GhostInv LTS RL3 Sync RL2 RL1.
Import ListNotations.
Open Scope Z_scope.

(* ---------- buffered stores ---------- *)

Lemma lastw_app a w1 w2 d : lastw a (w1 ++ w2) d = lastw a w2 (lastw a w1 d).
Proof. unfold lastw. apply fold_left_app. Qed.

Lemma lastw_none a w d : (forall x, ~ In (a, x) w) -> lastw a w d = d.
Proof.
  revert d. induction w as [|[a' x'] w IH]; intros d H; [reflexivity|].
  cbn. destruct (Z.eqb_spec a' a) as [->|Ne].
  - exfalso. apply (H x'). left. reflexivity.
  - apply IH. intros x Hin. apply (H x). right. exact Hin.
Qed.

Lemma lastw_forall a w d : Forall (fun e => fst e <> a) w -> lastw a w d = d.
Proof.
  intros H. apply lastw_none. intros x Hin. rewrite Forall_forall in H.
  apply (H _ Hin). reflexivity.
Qed.

Lemma lastw_snoc_same a w x d : lastw a (w ++ [(a, x)]) d = x.
Proof. rewrite lastw_app. cbn. rewrite Z.eqb_refl. reflexivity. Qed.

Lemma lastw_snoc_other a a' w x d : a' <> a -> lastw a' (w ++ [(a, x)]) d = lastw a' w d.
Proof.
  intros Ne. rewrite lastw_app. cbn. destruct (Z.eqb_spec a a'); [congruence|reflexivity].
Qed.

Lemma lastw_drain_same a w1 x w2 d :
  Forall (fun e => fst e <> a) w1 -> lastw a (w1 ++ (a, x) :: w2) d = lastw a (w1 ++ w2) x.
Proof.
  intros H. rewrite !lastw_app, !(lastw_forall a w1) by exact H. cbn. rewrite Z.eqb_refl.
  reflexivity.
Qed.

Lemma lastw_drain_other a a' w1 x w2 d :
  a' <> a -> lastw a' (w1 ++ (a, x) :: w2) d = lastw a' (w1 ++ w2) d.
Proof.
  intros Ne. rewrite !lastw_app. cbn. destruct (Z.eqb_spec a a'); [congruence|reflexivity].
Qed.

Lemma lev_invalid_r y z : lev y z -> dvalid z = false -> dvalid y = false.
Proof. intros [H| ->] Hz; assumption. Qed.

Lemma lev_if_mid mi x y :
  lev mi y -> (dvalid mi = true -> dvalid x = true -> x = mi) -> lev (if dvalid mi then x else mi) y.
Proof.
  intros H1 H2. case_eq (dvalid mi); intros Vm; [|exact H1].
  case_eq (dvalid x); intros Vx; [|left; exact Vx].
  right. rewrite (H2 Vm Vx). exact (lev_valid _ _ H1 Vm).
Qed.

Lemma lev_if_top y t x : lev y t -> lev y (if dvalid t then t else x).
Proof. intros H. case_eq (dvalid t); intros Vt; [exact H|]. left. eapply lev_invalid_r; eauto. Qed.

Lemma lev_if_new mi t y :
  (dvalid y = true -> dvalid t = true -> y = t) ->
  lev (if dvalid mi then y else mi) y /\ lev y (if dvalid t then t else y).
Proof.
  intros Hb. split.
  - case_eq (dvalid mi); intros Vm; [apply lev_refl|left; exact Vm].
  - case_eq (dvalid t); intros Vt; [|apply lev_refl].
    case_eq (dvalid y); intros Vy; [right; apply Hb; auto|left; exact Vy].
Qed.

Section R21.
Variable root : Z -> Z.

Record inv2 (s : st2) : Prop := {
  i2_g : ginv root (r2_gh s);
  i2_own : forall c a x, In (a, x) (r2_wbuf s c) -> g_pw (r2_gh s) a = Some c;
  i2_view : forall a, g_mem (r2_gh s) a =
    match g_pw (r2_gh s) a with
    | None => r2_mem s a
    | Some c => lastw a (r2_wbuf s c) (r2_mem s a)
    end;
  i2_memb : forall a, lev (g_mid (r2_gh s) a) (r2_mem s a) /\ lev (r2_mem s a) (g_top (r2_gh s) a);
  i2_bufb : forall c a x, In (a, x) (r2_wbuf s c) ->
    lev (g_mid (r2_gh s) a) x /\ lev x (g_top (r2_gh s) a);
  i2_walks : forall P, r2_walks s P ->
    reach (g_mem (r2_gh s)) (root (p_vmid P)) (p_ipa P) (p_lvl P) (p_base P) }.

Record R21 (s2 : st2) (s1 : st1) : Prop := {
  e21_inv : inv2 s2;
  e21_ctx : r1_ctx s1 = r2_ctx s2;
  e21_tq : r1_tq s1 = r2_tq s2;
  e21_gh : r1_gh s1 = r2_gh s2;
  e21_tlb : forall e, r2_tlb s2 e -> r1_tlb s1 e }.

Lemma inv2_init m0 ctx0 :
  inv2 (mk2 m0 (fun _ => []) ctx0 (fun _ => False) (fun _ => False) (fun _ => []) (ginit m0)).
Proof.
  constructor; cbn; auto using ginv_init; try contradiction.
  intros a. split; apply lev_refl.
Qed.

(* ---------- the invariant across stores, drains, DSBs ---------- *)

Lemma inv2_write s c a x :
  inv2 s -> happy_write root (r2_gh s) c a x ->
  inv2 (w2_gh (w2_wbuf s (updn (r2_wbuf s) c (r2_wbuf s c ++ [(a, x)])))
              (g_write root c a x (r2_gh s))).
Proof.
  intros [Hg Ho Hv Hm Hb Hw] Hh. set (G := r2_gh s) in *.
  pose proof (hw_race _ _ _ _ _ Hh) as Hr. pose proof (hw_bbm _ _ _ _ _ Hh) as Hbbm.
  (* the two facts about the new bounds at [a] used twice below *)
  assert (Hmid : dvalid (g_mid G a) = true -> dvalid x = true -> x = g_mid G a).
  { intros Vm Vx. pose proof (lev_valid _ _ (gi_mid _ _ Hg a) Vm) as E1.
    assert (Vg : dvalid (g_mem G a) = true) by (rewrite <- E1; exact Vm).
    pose proof (lev_valid _ _ (gi_top _ _ Hg a) Vg) as E2.
    rewrite E1, E2. apply Hbbm; [exact Vx|rewrite <- E2; exact Vg]. }
  constructor; cbn [w2_gh w2_wbuf r2_gh r2_wbuf r2_mem r2_walks g_write g_mem g_top g_mid g_pw].
  - apply ginv_write; assumption.
  - intros c' a' x' Hin. unfold upd. destruct (Z.eqb_spec a' a) as [->|Ne].
    + destruct (Nat.eq_dec c' c) as [->|Nc]; [reflexivity|].
      rewrite updn_other in Hin by exact Nc. apply Ho in Hin.
      fold G in Hin. destruct Hr as [Hr|Hr]; congruence.
    + destruct (Nat.eq_dec c' c) as [->|Nc].
      * rewrite updn_same in Hin. apply in_app_or in Hin as [Hin|[E|[]]]; [exact (Ho _ _ _ Hin)|].
        injection E. congruence.
      * rewrite updn_other in Hin by exact Nc. exact (Ho _ _ _ Hin).
  - intros a'. unfold upd at 1 2. destruct (Z.eqb_spec a' a) as [->|Ne].
    + rewrite updn_same, lastw_snoc_same. reflexivity.
    + rewrite (Hv a'). fold G. destruct (g_pw G a') as [c'|]; [|reflexivity].
      destruct (Nat.eq_dec c' c) as [->|Nc].
      * rewrite updn_same, lastw_snoc_other by exact Ne. reflexivity.
      * rewrite updn_other by exact Nc. reflexivity.
  - intros a'. unfold upd. destruct (Z.eqb_spec a' a) as [->|Ne]; [|apply Hm].
    destruct (Hm a) as [H1 H2]. fold G in H1, H2. split.
    + apply lev_if_mid; [exact H1|exact Hmid].
    + apply lev_if_top. exact H2.
  - intros c' a' y Hin. unfold upd. destruct (Z.eqb_spec a' a) as [->|Ne].
    + destruct (Nat.eq_dec c' c) as [->|Nc];
        [rewrite updn_same in Hin; apply in_app_or in Hin as [Hin|[E|[]]]
        |rewrite updn_other in Hin by exact Nc].
      3: { apply Ho in Hin. fold G in Hin. destruct Hr as [Hr|Hr]; congruence. }
      2: { injection E as <-. apply lev_if_new. exact Hbbm. }
      destruct (Hb _ _ _ Hin) as [H1 H2]. fold G in H1, H2. split.
      * apply lev_if_mid; [exact H1|exact Hmid].
      * apply lev_if_top. exact H2.
    + destruct (Nat.eq_dec c' c) as [->|Nc].
      * rewrite updn_same in Hin. apply in_app_or in Hin as [Hin|[E|[]]]; [exact (Hb _ _ _ Hin)|].
        injection E. congruence.
      * rewrite updn_other in Hin by exact Nc. exact (Hb _ _ _ Hin).
  - intros P HP. apply (write_keeps_reach root G c a x Hh). exact (Hw P HP).
Qed.

Lemma inv2_drain s c w1 a x w2 :
  inv2 s -> r2_wbuf s c = w1 ++ (a, x) :: w2 -> Forall (fun e => fst e <> a) w1 ->
  inv2 (w2_wbuf (w2_mem s (upd (r2_mem s) a x)) (updn (r2_wbuf s) c (w1 ++ w2))).
Proof.
  intros [Hg Ho Hv Hm Hb Hw] Hwb Hf.
  assert (Hin : In (a, x) (r2_wbuf s c)) by (rewrite Hwb; apply in_or_app; right; left; reflexivity).
  pose proof (Ho _ _ _ Hin) as Hpa.
  assert (Hsub : forall c' e, In e (updn (r2_wbuf s) c (w1 ++ w2) c') -> In e (r2_wbuf s c')).
  { intros c' e He. destruct (Nat.eq_dec c' c) as [->|Nc].
    - rewrite updn_same in He. rewrite Hwb. apply in_app_or in He as [He|He];
        apply in_or_app; [left|right; right]; exact He.
    - rewrite updn_other in He by exact Nc. exact He. }
  constructor; cbn [w2_wbuf w2_mem r2_gh r2_wbuf r2_mem r2_walks].
  - exact Hg.
  - intros c' a' x' He. exact (Ho _ _ _ (Hsub _ _ He)).
  - intros a'. rewrite (Hv a'). destruct (Z.eq_dec a' a) as [->|Ne].
    + rewrite Hpa, updn_same, upd_same, Hwb. apply lastw_drain_same. exact Hf.
    + rewrite upd_other by exact Ne. destruct (g_pw (r2_gh s) a') as [c'|]; [|reflexivity].
      destruct (Nat.eq_dec c' c) as [->|Nc].
      * rewrite updn_same, Hwb. apply lastw_drain_other. exact Ne.
      * rewrite updn_other by exact Nc. reflexivity.
  - intros a'. destruct (Z.eq_dec a' a) as [->|Ne].
    + rewrite upd_same. exact (Hb _ _ _ Hin).
    + rewrite upd_other by exact Ne. apply Hm.
  - intros c' a' x' He. exact (Hb _ _ _ (Hsub _ _ He)).
  - exact Hw.
Qed.

Lemma inv2_dsb s c : inv2 s -> r2_wbuf s c = [] -> inv2 (w2_gh s (g_dsb c (r2_gh s))).
Proof.
  intros [Hg Ho Hv Hm Hb Hw] He.
  assert (Hnf : forall c' a x, In (a, x) (r2_wbuf s c') -> fenced_by c (g_pw (r2_gh s) a) = false).
  { intros c' a x Hin. rewrite (Ho _ _ _ Hin). cbn. apply Nat.eqb_neq. intros ->.
    rewrite He in Hin. destruct Hin. }
  constructor; cbn [w2_gh r2_gh r2_wbuf r2_mem r2_walks g_dsb g_mem g_top g_mid g_pw].
  - apply ginv_dsb. exact Hg.
  - intros c' a x Hin. rewrite (Hnf _ _ _ Hin). exact (Ho _ _ _ Hin).
  - intros a. rewrite (Hv a). destruct (g_pw (r2_gh s) a) as [c'|] eqn:Ep; cbn; [|reflexivity].
    destruct (Nat.eqb_spec c' c) as [->|Nc]; [rewrite He; reflexivity|reflexivity].
  - intros a. destruct (fenced_by c (g_pw (r2_gh s) a)) eqn:Ef; [|apply Hm].
    rewrite (Hv a). destruct (g_pw (r2_gh s) a) as [c'|]; [|discriminate].
    cbn in Ef. apply Nat.eqb_eq in Ef. subst c'. rewrite He. split; apply lev_refl.
  - intros c' a x Hin. rewrite (Hnf _ _ _ Hin). exact (Hb _ _ _ Hin).
  - exact Hw.
Qed.

Lemma inv2_gh s G :
  inv2 s -> ginv root G -> g_mem G = g_mem (r2_gh s) -> g_top G = g_top (r2_gh s) ->
  g_mid G = g_mid (r2_gh s) -> g_pw G = g_pw (r2_gh s) -> inv2 (w2_gh s G).
Proof.
  intros [Hg Ho Hv Hm Hb Hw] Hg' E1 E2 E3 E4.
  constructor; cbn [w2_gh r2_gh r2_wbuf r2_mem r2_walks]; rewrite ?E1, ?E2, ?E3, ?E4; auto.
Qed.

Lemma inv2_tlb s x : inv2 s -> inv2 (w2_tlb s x).
Proof. intros []. constructor; cbn; assumption. Qed.
Lemma inv2_tq s x : inv2 s -> inv2 (w2_tq s x).
Proof. intros []. constructor; cbn; assumption. Qed.
Lemma inv2_ctx s x : inv2 s -> inv2 (w2_ctx s x).
Proof. intros []. constructor; cbn; assumption. Qed.
Lemma inv2_walks s P :
  inv2 s -> reach (g_mem (r2_gh s)) (root (p_vmid P)) (p_ipa P) (p_lvl P) (p_base P) ->
  inv2 (w2_walks s (fun Q => r2_walks s Q \/ Q = P)).
Proof.
  intros [] HP. constructor; cbn; try assumption. intros Q [HQ| ->]; auto.
Qed.

(* ---------- what the walkers observe ---------- *)

Lemma walk_step_next s P b :
  inv2 s -> r2_walks s P -> wstep (p_lvl P) (r2_mem s (entry_of P)) = WNext b ->
  reach (g_mem (r2_gh s)) (root (p_vmid P)) (p_ipa P) (S (p_lvl P)) b.
Proof.
  intros Hi HP Hn. apply wstep_next in Hn as [Ht ->].
  pose proof (i2_walks _ Hi P HP) as Hr. unfold entry_of in *.
  set (e := eaddr (p_base P) (p_lvl P) (p_ipa P)) in *.
  pose proof (lev_valid _ _ (proj2 (i2_memb _ Hi e)) (is_tbl_valid _ _ Ht)) as Et.
  assert (Ht' : is_tbl (p_lvl P) (g_top (r2_gh s) e) = true) by (rewrite <- Et; exact Ht).
  pose proof (gi_tables _ _ (i2_g _ Hi) _ _ _ _ Hr Ht') as Em. fold e in Em.
  rewrite Et, <- Em. apply rch_step; [exact Hr|]. fold e. rewrite Em, <- Et. exact Ht.
Qed.

Lemma walk_step_leaf s P :
  inv2 s -> r2_walks s P -> wstep (p_lvl P) (r2_mem s (entry_of P)) = WLeaf ->
  walk (g_top (r2_gh s)) (root (p_vmid P)) (p_ipa P) = Leaf (p_lvl P) (r2_mem s (entry_of P)).
Proof.
  intros Hi HP Hl. pose proof (i2_walks _ Hi P HP) as Hr.
  apply (reach_mem_top root _ _ _ _ _ (i2_g _ Hi)) in Hr. unfold entry_of in *.
  pose proof (lev_valid _ _ (proj2 (i2_memb _ Hi _)) (wstep_leaf_valid _ _ Hl)) as Et.
  rewrite Et in Hl |- *. apply walk_leaf_at; assumption.
Qed.

Lemma walk_step_fault s P :
  inv2 s -> r2_walks s P -> wstep (p_lvl P) (r2_mem s (entry_of P)) = WFault ->
  walk (g_mid (r2_gh s)) (root (p_vmid P)) (p_ipa P) = Fault.
Proof.
  intros Hi HP Hf. pose proof (i2_walks _ Hi P HP) as Hr.
  destruct (reach_le_fault _ _ _ _ _ _ (gi_mid _ _ (i2_g _ Hi)) Hr) as [Hr'|Hr']; [|exact Hr'].
  unfold entry_of in *. destruct (proj1 (i2_memb _ Hi (eaddr (p_base P) (p_lvl P) (p_ipa P))))
    as [Hv|Ev].
  - eapply walk_invalid_at; eauto.
  - eapply walk_fault_at; [exact Hr'|]. rewrite Ev. exact Hf.
Qed.

(* ---------- the simulation ---------- *)

Lemma r21_init s2 : init2 s2 -> exists s1, init1 s1 /\ R21 s2 s1.
Proof.
  intros (m0 & ctx0 & ->). exists (mk1 ctx0 (fun _ => False) (fun _ => []) (ginit m0)).
  split; [exists m0, ctx0; reflexivity|]. constructor; cbn; auto using inv2_init.
Qed.

Lemma r21_step s2 s1 l s2' :
  R21 s2 s1 -> step2 root s2 l s2' -> happy2 s2' ->
  exists s1', R21 s2' s1' /\ (step1 root s1 l s1' \/ (l = LTau /\ s1' = s1)).
Proof.
  intros HR Hs Hh. destruct s1 as [ctx1 tl1 tq1 gh1].
  destruct HR as [Hi Ec Eq Eg Htl]; cbn in *; subst.
  pose proof (i2_g _ Hi) as Hg.
  destruct Hs; unfold happy2 in Hh; cbn in Hh.
  - (* write *) eexists. split; [|left; apply s1_write].
    constructor; cbn; auto. apply inv2_write; [exact Hi|tauto].
  - (* drain *) eexists. split; [|right; split; reflexivity].
    constructor; cbn; auto. eapply inv2_drain; eauto.
  - (* read *)
    assert (E : lastw a (r2_wbuf s c) (r2_mem s a) = g_mem (r2_gh s) a).
    { rewrite (i2_view _ Hi a). destruct Hh as [_ [Hp|Hp]]; rewrite Hp; [|reflexivity].
      apply lastw_none. intros x Hin. apply (i2_own _ Hi) in Hin. congruence. }
    rewrite E. eexists. split; [|left; apply s1_read]. constructor; cbn; auto.
    apply inv2_gh; auto. apply ginv_read. exact Hg.
  - (* dmb *) eexists. split; [|left; apply s1_dmb]. constructor; cbn; auto.
  - (* dsb *) eexists. split; [|left; apply s1_dsb]. constructor; cbn; auto.
    + apply (inv2_dsb (w2_tq (w2_tlb s _) _) c); [apply inv2_tq, inv2_tlb; exact Hi|exact H].
    + (* RL1's DSB removes no more than RL2's *)
      intros e He. cbn in *. first [split; [apply Htl|]; tauto|apply Htl; tauto].
  - (* isb *) eexists. split; [|left; apply s1_isb]. constructor; cbn; auto.
  - (* tlbi *) eexists. split; [|left; apply s1_tlbi]. constructor; cbn; auto.
    apply inv2_gh; [apply inv2_tq; exact Hi|apply ginv_tlbi; exact Hg|reflexivity..].
  - (* setvm *) eexists. split; [|left; apply s1_setvm]. constructor; cbn; auto.
    apply inv2_ctx. exact Hi.
  - (* walk init *) eexists. split; [|right; split; reflexivity]. constructor; cbn; auto.
    apply inv2_walks; [exact Hi|apply rch_refl].
  - (* walk step *) eexists. split; [|right; split; reflexivity]. constructor; cbn; auto.
    apply inv2_walks; [exact Hi|]. cbn. eapply walk_step_next; eauto.
  - (* walk reaches a leaf: RL1 fills from the atomic walk of [g_top] *)
    eexists. split; [|left; eapply (s1_fill root _ (p_vmid P) (p_ipa P)); cbn;
                        [eapply walk_step_leaf; eauto|exact H1]].
    constructor; cbn; auto; [apply inv2_tq, inv2_tlb; exact Hi|].
    intros e [He| ->]; [left; auto|right; reflexivity].
  - (* walk faults: RL1 faults from the atomic walk of [g_mid] *)
    eexists. split; [|left; apply s1_fault; cbn; [exact H0|eapply walk_step_fault; eauto]].
    constructor; cbn; auto.
  - (* hit *) eexists. split; [|left; eapply s1_hit; cbn; eauto]. constructor; cbn; auto.
Qed.

Theorem rl2_refines_rl1 : fsim label LTau (RL2 root) (RL1 root) happy2 R21.
Proof. split; [exact r21_init|]. intros. eapply r21_step; eauto. Qed.

Lemma happy2_closed : back_closed label (RL2 root) happy2.
Proof. intros s l s' Hs. unfold happy2. destruct Hs; cbn; tauto. Qed.

End R21.
