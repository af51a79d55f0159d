(* MMU/R1S.v -- proved.  RL1 refines SCT under [happy]: the TLBs disappear.  The invariant
   [inv1] says every TLB entry is a leaf that is current (the writer view's walk gives it) or
   stale for its kind; that each CPU's pending TLBIs are the ghost state's [g_tops]; and that
   an entry filled since a pending TLBI was issued (one the DSB keeps) is current or not
   trusted to be removed by it ([g_tnew]).  So at the issuer's DSB, the stale entries the
   ghost state cleans are no longer in any TLB. *)
From Coq Require Import ZArith List Bool Lia.
From AutoV.MMU Require Import Desc Walk Labels Ghost GhostInv LTS Sync RL1 SCT.
Import ListNotations.
Open Scope Z_scope.

Section R1S.
Variable root : Z -> Z.

Definition current (G : ghost) (e : tentry) : Prop :=
  walk (g_mem G) (root (t_vmid e)) (t_ipa e) = t_res e.

Record inv1 (s : st1) : Prop := {
  i1_g : ginv root (r1_gh s);
  i1_leaf : forall e, r1_tlb s e -> t_res e <> Fault;
  i1_tlb : forall e, r1_tlb s e ->
    current (r1_gh s) e \/ g_stale (r1_gh s) (t_vmid e) (t_ipa e) (t_res e) (t_kind e);
  i1_tops : forall c, map pd_op (r1_tq s c) = g_tops (r1_gh s) c;
  i1_young : forall c p, In p (r1_tq s c) ->
    forall e, r1_tlb s e -> tcovers (pd_op p) e = true -> pd_young p e ->
    current (r1_gh s) e \/ g_tnew (r1_gh s) c (t_vmid e) (t_ipa e) (t_res e) (t_kind e) }.

Record R1S (s1 : st1) (sS : stS) : Prop := {
  e1s_inv : inv1 s1;
  e1s_ctx : sc_ctx sS = r1_ctx s1;
  e1s_gh : sc_gh sS = r1_gh s1 }.

Lemma r1s_init s1 : init1 s1 -> exists sS, initS sS /\ R1S s1 sS.
Proof.
  intros (m0 & ctx0 & ->). exists (mkS ctx0 (ginit m0)). split; [exists m0, ctx0; reflexivity|].
  constructor; cbn; auto. constructor; cbn; try contradiction; auto. apply ginv_init.
Qed.

Lemma current_write G c a x e :
  t_res e <> Fault -> current G e ->
  current (g_write root c a x G) e \/ new_stale root (g_mem G) (upd (g_mem G) a x) (t_vmid e) (t_ipa e) (t_res e).
Proof.
  intros Hf Hc. unfold current in *. cbn [g_write g_mem].
  destruct (wres_eq_dec (walk (upd (g_mem G) a x) (root (t_vmid e)) (t_ipa e)) (t_res e)) as [E|N];
    [left; exact E|right; split; [exact Hf|split; assumption]].
Qed.

Lemma r1s_step s1 sS l s1' :
  R1S s1 sS -> step1 root s1 l s1' -> happy1 s1' ->
  exists sS', R1S s1' sS' /\ (stepS root sS l sS' \/ (l = LTau /\ sS' = sS)).
Proof.
  intros HR Hs Hh. destruct sS as [ctxS ghS].
  destruct HR as [[Hg Hlf Ht Hq Hy] Ec Eg]; cbn in *; subst.
  destruct Hs; unfold happy1 in Hh; cbn in Hh.
  - (* write *) eexists. split; [|left; apply sS_write]. constructor; cbn; auto.
    constructor; cbn [w1_gh r1_gh r1_tlb r1_tq g_write g_tops g_stale g_tnew]; auto.
    + apply ginv_write; [exact Hg|tauto].
    + intros e He. destruct (Ht e He) as [Hc|Hs]; [|right; left; exact Hs].
      destruct (current_write _ c a x e (Hlf e He) Hc); [left|right; right]; assumption.
    + intros c' p Hp e He Hc Hn. destruct (Hy c' p Hp e He Hc Hn) as [Hcur|Hn'];
        [|right; left; exact Hn'].
      destruct (current_write _ c a x e (Hlf e He) Hcur); [left|right; right]; assumption.
  - (* read *) eexists. split; [|left; apply sS_read]. constructor; cbn; auto.
    constructor; cbn; auto. apply ginv_read. exact Hg.
  - (* dmb *) eexists. split; [|left; apply sS_dmb]. constructor; cbn; auto. constructor; auto.
  - (* dsb: what the ghost state cleans, the DSB removed *)
    eexists. split; [|left; apply sS_dsb]. constructor; cbn; auto.
    constructor; cbn [w1_gh w1_tq w1_tlb r1_gh r1_tlb r1_tq g_dsb g_tops g_stale g_tnew g_mem]; auto.
    + apply ginv_dsb. exact Hg.
    + intros e [He _]. auto.
    + intros e [He Hsv]. destruct (Ht e He) as [Hc|Hs]; [left; exact Hc|].
      destruct (wres_eq_dec (walk (g_mem (r1_gh s)) (root (t_vmid e)) (t_ipa e)) (t_res e))
        as [Ecur|Ncur]; [left; exact Ecur|right].
      split; [exact Hs|]. intros [Hcov Hn]. unfold covers_any in Hcov.
      apply existsb_exists in Hcov as (o & Ho & Hco).
      rewrite <- Hq in Ho. apply in_map_iff in Ho as (p & <- & Hp).
      destruct (Hy c p Hp e He Hco (Hsv p Hp Hco)) as [Hcur|Hnew]; contradiction.
    + intros c'. destruct (Nat.eq_dec c' c) as [->|Ne]; [rewrite !updn_same; reflexivity|].
      rewrite !updn_other by exact Ne. apply Hq.
    + intros c' p Hp e [He _] Hc Hn. destruct (Nat.eq_dec c' c) as [->|Ne].
      * rewrite updn_same in Hp. destruct Hp.
      * rewrite updn_other in Hp by exact Ne.
        destruct (Hy c' p Hp e He Hc Hn) as [Hcur|Hn']; [left; exact Hcur|right; split; assumption].
  - (* isb *) eexists. split; [|left; apply sS_isb]. constructor; cbn; auto. constructor; auto.
  - (* tlbi *) eexists. split; [|left; apply sS_tlbi]. constructor; cbn; auto.
    constructor; cbn [w1_gh w1_tq r1_gh r1_tlb r1_tq g_tlbi g_tops g_stale g_tnew g_mem]; auto.
    + apply ginv_tlbi. exact Hg.
    + intros c'. destruct (Nat.eq_dec c' c) as [->|Ne].
      * rewrite !updn_same, map_app, Hq. reflexivity.
      * rewrite !updn_other by exact Ne. apply Hq.
    + intros c' p Hp e He Hc Hn. destruct (Nat.eq_dec c' c) as [->|Ne].
      * rewrite updn_same in Hp. apply in_app_or in Hp as [Hp|[<-|[]]]; [|destruct Hn].
        destruct (Hy c p Hp e He Hc Hn) as [Hcur|Hn']; [left; exact Hcur|right; left; exact Hn'].
      * rewrite updn_other in Hp by exact Ne.
        destruct (Hy c' p Hp e He Hc Hn) as [Hcur|Hn']; [left; exact Hcur|right; left; exact Hn'].
  - (* setvm *) eexists. split; [|left; apply sS_setvm]. constructor; cbn; auto.
    constructor; cbn; auto.
  - (* fill: SCT has no TLB; the entry is current or pending, hence stale, and not trusted to be
       removed by a TLBI issued before it *)
    subst E. eexists. split; [|right; split; reflexivity]. constructor; cbn; auto.
    assert (Hcp : forall r, r = Leaf l d ->
              current (r1_gh s) (mkT v ipa r k) \/ pending root (r1_gh s) v ipa r).
    { intros r ->. unfold current. cbn.
      destruct (wres_eq_dec (walk (g_mem (r1_gh s)) (root v) ipa) (Leaf l d)) as [E|N];
        [left; exact E|right; split; [discriminate|split; assumption]]. }
    constructor; cbn [w1_tlb w1_tq r1_gh r1_tlb r1_tq]; auto.
    + intros e [He| ->]; [auto|discriminate].
    + intros e [He| ->]; [auto|].
      destruct (Hcp _ eq_refl) as [Hc|Hp]; [left; exact Hc|right; apply (gi_stale _ _ Hg); exact Hp].
    + intros c. rewrite ops_filled. apply Hq.
    + intros c p Hp e He Hc Hn. apply in_filled in Hp as (p0 & Hp0 & Eo & Ey).
      destruct He as [He| ->].
      * apply Ey in Hn as [Hn| ->]; [rewrite Eo in Hc; exact (Hy c p0 Hp0 e He Hc Hn)|].
        destruct (Hcp _ eq_refl) as [Hcur|Hpd]; [left; exact Hcur|right].
        apply (gi_tnew _ _ Hg c); [|exact Hpd].
        rewrite <- Hq. intros E0. apply map_eq_nil in E0. rewrite E0 in Hp0. destruct Hp0.
      * destruct (Hcp _ eq_refl) as [Hcur|Hpd]; [left; exact Hcur|right].
        apply (gi_tnew _ _ Hg c); [|exact Hpd].
        rewrite <- Hq. intros E0. apply map_eq_nil in E0. rewrite E0 in Hp0. destruct Hp0.
  - (* fault *) eexists. split; [|left; apply sS_fault; [exact H|]]. constructor; cbn; auto.
    + constructor; auto.
    + destruct (wres_eq_dec (walk (g_mem (r1_gh s)) (root v) ipa) Fault) as [E|N];
        [left; exact E|right; split; assumption].
  - (* hit *) eexists. split; [|left; eapply sS_hit; [exact H0| |exact H1]]. constructor; cbn; auto.
    + constructor; auto.
    + destruct (Ht e H) as [Hc|Hs]; [left; exact Hc|right; exact Hs].
Qed.

Theorem rl1_refines_sct : fsim label LTau (RL1 root) (SCT root) happy1 R1S.
Proof. split; [exact r1s_init|]. intros. eapply r1s_step; eauto. Qed.

Lemma happy1_closed : back_closed label (RL1 root) happy1.
Proof. intros s l s' Hs. unfold happy1. destruct Hs; cbn; tauto. Qed.

End R1S.
