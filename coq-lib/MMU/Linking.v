(* MMU/Linking.v -- proved.  The linking lemma: a run of bottom calls whose decidable relies
   hold (MMU/Conditions.v) produces a happy label sequence ([linking_happy]); with the guest's
   accesses interleaved anywhere, RL3's runs of it are explained by SCT ([linking_refines]); and
   at every release of a VM's page-table lock nothing is stale or fresh for it
   ([linking_release_clean]), so the VM's accesses are the sequential ones from then on.
   Assumption on the run ([brun_u]): before each call the page-table walk paths are unique
   ([paths_unique], the page-table layers' tree invariant).  The bottom ghost state over-approximates the ghost state of the
   model ([crel]): its stale ranges cover every stale translation, its dirty bits cover every
   entry a pending TLBI may not clean, and every unfenced store is attributed to the VM whose
   tables it is in. *)
From Coq Require Import ZArith List Bool Lia.
From AutoV.MMU Require Import Desc Walk Labels Ghost GhostInv Conditions LTS RL3 SCT Compose.
Import ListNotations.
Open Scope Z_scope.

(* ---------- arithmetic: the four indices determine the page ---------- *)

Lemma mod_mul_split a b c : 0 < b -> 0 < c -> a mod (b * c) = a mod b + b * ((a / b) mod c).
Proof.
  intros Hb Hc. rewrite !Z.mod_eq by nia. rewrite <- Z.div_div by lia. ring.
Qed.

Lemma page_idx i :
  (i / 4096) mod 2 ^ 36 = idx 3 i + 512 * (idx 2 i + 512 * (idx 1 i + 512 * idx 0 i)).
Proof.
  assert (E3 : idx 3 i = (i / 4096) mod 512) by reflexivity.
  assert (E2 : idx 2 i = (i / 4096 / 512) mod 512)
    by (unfold idx, lshift; rewrite Z.div_div by lia; reflexivity).
  assert (E1 : idx 1 i = (i / 4096 / 512 / 512) mod 512)
    by (unfold idx, lshift; rewrite !Z.div_div by lia; reflexivity).
  assert (E0 : idx 0 i = (i / 4096 / 512 / 512 / 512) mod 512)
    by (unfold idx, lshift; rewrite !Z.div_div by lia; reflexivity).
  rewrite E3, E2, E1, E0.
  change (2 ^ 36) with (512 * (512 * (512 * 512))).
  rewrite mod_mul_split, (mod_mul_split (i / 4096 / 512)), (mod_mul_split (i / 4096 / 512 / 512))
    by lia. reflexivity.
Qed.

Lemma same_range3_page i j : same_range 3 i j -> same_page i j = true.
Proof.
  intros H. unfold same_page. apply Z.eqb_eq. rewrite !page_idx.
  rewrite (H 0%nat), (H 1%nat), (H 2%nat), (H 3%nat) by lia. reflexivity.
Qed.

Lemma same_page_trans i j k : same_page i j = true -> same_page j k = true -> same_page i k = true.
Proof. unfold same_page. rewrite !Z.eqb_eq. congruence. Qed.

(* ---------- paths ---------- *)

Lemma path_base_rch m ipa n : forall l0 b0 b,
  path_base m ipa l0 b0 n = Some b -> rch m ipa l0 b0 (n + l0) b.
Proof.
  induction n as [|n IH]; intros l0 b0 b H; cbn in H.
  - injection H as <-. apply rch_refl.
  - destruct (is_tbl l0 (m (eaddr b0 l0 ipa))) eqn:Ht; [|discriminate].
    apply IH in H. replace (S n + l0)%nat with (n + S l0)%nat by lia. eapply rch_cons; eauto.
Qed.

Lemma path_entry_reach m r ipa l a :
  path_entry m r ipa l = Some a -> exists b, reach m r ipa l b /\ a = eaddr b l ipa.
Proof.
  unfold path_entry. destruct (path_base m ipa 0 r l) as [b|] eqn:E; [|discriminate].
  intros H. injection H as <-. exists b. split; [|reflexivity].
  apply path_base_rch in E. rewrite Nat.add_0_r in E. exact E.
Qed.

Lemma fresh_table_b_ok m pw p : fresh_table_b m pw p = true -> fresh_table m pw p.
Proof.
  unfold fresh_table_b, fresh_table. rewrite forallb_forall. intros H i Hi.
  assert (Hin : In i (map Z.of_nat (seq 0 512))).
  { apply in_map_iff. exists (Z.to_nat i). split; [apply Z2Nat.id; lia|].
    apply in_seq. lia. }
  apply H in Hin. apply andb_prop in Hin as [H1 H2]. apply negb_true_iff in H1.
  split; [exact H1|]. destruct (pw (p + 8 * i)); [discriminate|reflexivity].
Qed.

Lemma rch_first m ipa l0 b0 l b :
  rch m ipa l0 b0 l b ->
  (l = l0 /\ b = b0) \/
  (is_tbl l0 (m (eaddr b0 l0 ipa)) = true /\ rch m ipa (S l0) (oa (m (eaddr b0 l0 ipa))) l b).
Proof.
  induction 1 as [|l b H IH Ht]; [left; auto|right].
  destruct IH as [[-> ->]|[Ht0 H0]].
  - split; [exact Ht|apply rch_refl].
  - split; [exact Ht0|]. apply rch_step; assumption.
Qed.

Lemma on_path_dec m ipa a : forall f l0 b0, (3 <= l0 + f)%nat ->
  {exists l b, rch m ipa l0 b0 l b /\ eaddr b l ipa = a} +
  {forall l b, rch m ipa l0 b0 l b -> eaddr b l ipa <> a}.
Proof.
  induction f as [|f IH]; intros l0 b0 Hf;
    (destruct (Z.eq_dec (eaddr b0 l0 ipa) a) as [E|N];
     [left; exists l0, b0; split; [apply rch_refl|exact E]|]).
  - right. intros l b H. destruct (rch_first _ _ _ _ _ _ H) as [[-> ->]|[Ht _]]; [exact N|].
    apply is_tbl_lt in Ht. lia.
  - destruct (is_tbl l0 (m (eaddr b0 l0 ipa))) eqn:Ht.
    + destruct (IH (S l0) (oa (m (eaddr b0 l0 ipa)))) as [Hex|Hn]; [lia| |].
      * left. destruct Hex as (l & b & H & E). exists l, b. split; [eapply rch_cons; eauto|exact E].
      * right. intros l b H. destruct (rch_first _ _ _ _ _ _ H) as [[-> ->]|[_ H']]; [exact N|].
        apply Hn. exact H'.
    + right. intros l b H. destruct (rch_first _ _ _ _ _ _ H) as [[-> ->]|[Ht' _]];
        [exact N|congruence].
Qed.

(* A store changes a walk only if it writes an entry on the walk's path. *)
Lemma walk_changed_on_path m a x r ipa :
  walk (upd m a x) r ipa <> walk m r ipa -> exists l b, reach m r ipa l b /\ eaddr b l ipa = a.
Proof.
  intros Hne. destruct (on_path_dec m ipa a 3 0 r) as [H|H]; [lia|exact H|].
  exfalso. apply Hne. symmetry. apply walk_ext. intros l b Hr. symmetry. apply upd_other.
  apply (H l b Hr).
Qed.

Section Linking.
Variable root : Z -> Z.

Lemma pending_unfenced G v ipa r :
  ginv root G ->
  (forall l b, reach (g_mem G) (root v) ipa l b -> g_pw G (eaddr b l ipa) = None) ->
  ~ pending root G v ipa r.
Proof.
  intros Hg H (_ & Et & Nm). apply Nm. rewrite <- Et. apply walk_ext. intros l b Hr.
  symmetry. apply (gi_fenced _ _ Hg). apply (H l b Hr).
Qed.

Lemma fresh_unfenced G v ipa :
  ginv root G ->
  (forall l b, reach (g_mem G) (root v) ipa l b -> g_pw G (eaddr b l ipa) = None) ->
  ~ fresh root G v ipa.
Proof.
  intros Hg H [Hm Nm]. apply Nm. rewrite <- Hm. apply walk_ext. intros l b Hr.
  symmetry. apply (gi_fenced _ _ Hg). apply (H l b Hr).
Qed.

(* A walk changed by a store at an entry of VM [v]'s path for [ipa] at level [l] is a walk of
   [v], for an IPA of the same level-[l] range. *)
Lemma changed_walk_range m v ipa l b a x v' ipa' :
  paths_unique root m -> reach m (root v) ipa l b -> a = eaddr b l ipa ->
  walk (upd m a x) (root v') ipa' <> walk m (root v') ipa' ->
  v' = v /\ same_range l ipa ipa'.
Proof.
  intros Hu Hr Ha Hch. destruct (walk_changed_on_path _ _ _ _ _ Hch) as (l' & b' & Hr' & Ea).
  destruct (Hu _ _ _ _ _ _ _ _ Hr Hr') as (-> & <- & Hs); [congruence|]. auto.
Qed.

Record crel (cg : cghost) (G : ghost) (ctx : nat -> Z) : Prop := {
  cr_mem : cg_mem cg = g_mem G;
  cr_top : cg_top cg = g_top G;
  cr_mid : cg_mid cg = g_mid G;
  cr_pw : cg_pw cg = g_pw G;
  cr_tops : cg_tops cg = g_tops G;
  cr_ctx : cg_ctx cg = ctx;
  cr_happy : g_happy G;
  cr_ginv : ginv root G;
  cr_stale : forall v ipa r k, g_stale G v ipa r k ->
    exists e, In e (cg_stale cg) /\ sr_vmid e = v /\ sr_kind e = k /\ same_range (sr_lvl e) (sr_ipa e) ipa;
  cr_tnew : forall c v ipa r k, g_tnew G c v ipa r k -> cg_dirty cg c v = true;
  cr_pw_vm : forall a c, g_pw G a = Some c ->
    exists v ipa l b, reach (g_mem G) (root v) ipa l b /\ eaddr b l ipa = a /\ cg_vw cg v = Some c }.

Lemma crel_init m0 ctx0 : crel (cginit m0 ctx0) (ginit m0) ctx0.
Proof. constructor; cbn; auto using ginv_init; try contradiction; discriminate. Qed.

(* Every unfenced store on VM [v]'s paths is attributed to [v]. *)
Lemma unfenced_of_vm cg G ctx v ipa l b :
  crel cg G ctx -> paths_unique root (cg_mem cg) -> opt_none (cg_vw cg v) = true ->
  reach (g_mem G) (root v) ipa l b -> g_pw G (eaddr b l ipa) = None.
Proof.
  intros Hc Hu Hn Hr. destruct (g_pw G (eaddr b l ipa)) as [c|] eqn:Ep; [|reflexivity].
  destruct (cr_pw_vm _ _ _ Hc _ _ Ep) as (v' & ipa' & l' & b' & Hr' & Ea & Hv).
  rewrite <- (cr_mem _ _ _ Hc) in Hr, Hr'.
  destruct (Hu _ _ _ _ _ _ _ _ Hr Hr') as (<- & _ & _); [congruence|].
  rewrite Hv in Hn. discriminate.
Qed.

Lemma cleared_covers o e v ipa k :
  sr_cleared_by o e = true -> sr_vmid e = v -> sr_kind e = k ->
  same_range (sr_lvl e) (sr_ipa e) ipa -> covers o v ipa k = true.
Proof.
  destruct o as [vo t]. destruct e as [ve ie le ke]. cbn. intros H -> -> Hs.
  apply andb_prop in H as [Hv H]. rewrite Hv. cbn.
  destruct t as [i last| |], k; try discriminate; auto.
  apply andb_prop in H as [Hl Hp]. apply Nat.eqb_eq in Hl. subst le.
  eapply same_page_trans; [exact Hp|]. apply same_range3_page. exact Hs.
Qed.

(* ---------- one store ---------- *)

Lemma crel_store cg G ctx c v ipa l x a :
  crel cg G ctx -> paths_unique root (cg_mem cg) ->
  path_entry (cg_mem cg) (root v) ipa l = Some a -> rely_store root cg c v ipa l x = true ->
  happy_write root G c a x /\
  crel (mkCG (upd (cg_mem cg) a x)
             (upd (cg_top cg) a (if dvalid (cg_top cg a) then cg_top cg a else x))
             (upd (cg_mid cg) a (if dvalid (cg_mid cg a) then x else cg_mid cg a))
             (upd (cg_pw cg) a (Some c))
             (upd (cg_vw cg) v (Some c))
             (if dvalid (cg_mem cg a) && negb (dvalid x)
              then mkSR v ipa l KS2 :: mkSR v ipa l KComb :: cg_stale cg
              else cg_stale cg)
             (cg_tops cg)
             (fun c' v' => cg_dirty cg c' v' || (v' =? v))
             (cg_lock cg) (cg_ctx cg))
       (g_write root c a x G) ctx.
Proof.
  intros Hc Hu Hp Hrely. unfold rely_store in Hrely. rewrite Hp in Hrely.
  apply andb_prop in Hrely as [Hrely Hphase]. apply andb_prop in Hrely as [Hrely Hlink].
  apply andb_prop in Hrely as [Hrely Honce]. apply andb_prop in Hrely as [Hrely Hbbm].
  apply andb_prop in Hrely as [Hrely Hvw]. apply andb_prop in Hrely as [_ Hpw].
  destruct (path_entry_reach _ _ _ _ _ Hp) as (b & Hr & Ea).
  pose proof (cr_ginv _ _ _ Hc) as Hg.
  rewrite (cr_mem _ _ _ Hc) in *. rewrite (cr_top _ _ _ Hc) in *.
  rewrite (cr_mid _ _ _ Hc) in *. rewrite (cr_pw _ _ _ Hc) in *.
  set (m := g_mem G) in *.
  (* the only entry position of [a] is the one the call names *)
  assert (Hlev : forall v' ipa' l' b', reach m (root v') ipa' l' b' -> eaddr b' l' ipa' = a -> l' = l).
  { intros v' ipa' l' b' Hr' Ha'. destruct (Hu _ _ _ _ _ _ _ _ Hr Hr') as (_ & <- & _); congruence. }
  assert (Hch : forall v' ipa', walk (upd m a x) (root v') ipa' <> walk m (root v') ipa' ->
                  v' = v /\ same_range l ipa ipa')
    by (intros; eapply changed_walk_range; eauto).
  assert (Hsame : x = m a -> forall v' ipa', walk (upd m a x) (root v') ipa' = walk m (root v') ipa').
  { intros -> v' ipa'. apply walk_ext_fun. intros a'. apply upd_keep. intros ->. reflexivity. }
  assert (Hdown : dvalid x = false -> forall v' ipa' l' d,
             walk (upd m a x) (root v') ipa' = Leaf l' d -> walk m (root v') ipa' = Leaf l' d).
  { intros Vx v' ipa' l' d. apply walk_mono_leaf. intros a'. unfold upd.
    destruct (a' =? a); [left; exact Vx|apply lev_refl]. }
  assert (HW : happy_write root G c a x).
  { constructor.
    - destruct (g_pw G a) as [c'|] eqn:Ep; [right|left; reflexivity].
      cbn in Hpw. apply Nat.eqb_eq in Hpw. congruence.
    - intros Vx Vt. rewrite Vx, Vt in Hbbm. apply Z.eqb_eq. exact Hbbm.
    - intros v' ipa' l' b' Hr' Ha' Ht. rewrite (Hlev _ _ _ _ Hr' Ha') in Ht. fold m in Ht.
      rewrite Ht in Honce. apply Z.eqb_eq. exact Honce.
    - intros v' ipa' l' b' Hr' Ha' Ht Hne. rewrite (Hlev _ _ _ _ Hr' Ha') in Ht.
      rewrite Ht in Hlink. fold m in Hne. rewrite (proj2 (Z.eqb_neq _ _) Hne) in Hlink.
      apply fresh_table_b_ok. exact Hlink.
    - intros v' ipa' r r' k Hw' Hnf Hne Hs. fold m in Hw', Hne. destruct r' as [|l' d]; [congruence|].
      assert (Hc' : walk (upd m a x) (root v') ipa' <> walk m (root v') ipa') by congruence.
      destruct (Hch _ _ Hc') as [-> _].
      destruct (dvalid x) eqn:Vx; [|exfalso; apply Hne; apply Hdown; [reflexivity|exact Hw']].
      destruct (Z.eq_dec x (m a)) as [Ex|Nx]; [exfalso; apply Hc'; apply Hsame; exact Ex|].
      fold m in Hphase. rewrite (proj2 (Z.eqb_neq _ _) Nx) in Hphase. cbn in Hphase.
      destruct (cr_stale _ _ _ Hc _ _ _ _ Hs) as (e & Hin & Hv & _).
      exfalso. apply negb_true_iff in Hphase. unfold has_stale in Hphase.
      assert (Hex : existsb (fun e0 => sr_vmid e0 =? v) (cg_stale cg) = true).
      { apply existsb_exists. exists e. split; [exact Hin|apply Z.eqb_eq; exact Hv]. }
      congruence. }
  (* a newly stale translation is a leaf of VM [v] in the range, removed by an unmap *)
  assert (Hns : forall v' ipa' r, new_stale root m (upd m a x) v' ipa' r ->
            v' = v /\ same_range l ipa ipa' /\ dvalid (m a) = true /\ dvalid x = false).
  { intros v' ipa' r (Hnf & Ew & Nw).
    assert (Hc' : walk (upd m a x) (root v') ipa' <> walk m (root v') ipa') by congruence.
    destruct (Hch _ _ Hc') as [-> Hs]. split; [reflexivity|]. split; [exact Hs|].
    destruct r as [|l' d]; [congruence|].
    destruct (dvalid (m a)) eqn:Vo.
    - split; [reflexivity|]. destruct (dvalid x) eqn:Vx; [|reflexivity]. exfalso.
      assert (Et : g_top G a = m a).
      { symmetry. apply (lev_valid _ _ (gi_top _ _ Hg a) Vo). }
      apply Hc'. apply Hsame. rewrite <- Et. apply (hw_bbm _ _ _ _ _ HW); [exact Vx|rewrite Et; exact Vo].
    - exfalso. apply Nw. eapply walk_mono_leaf; [|exact Ew]. intros a'. unfold upd.
      destruct (Z.eqb_spec a' a) as [->|]; [left; exact Vo|apply lev_refl]. }
  split; [exact HW|].
  constructor; cbn [cg_mem cg_top cg_mid cg_pw cg_vw cg_stale cg_tops cg_dirty cg_ctx
                    g_write g_mem g_top g_mid g_pw g_stale g_tops g_tnew g_happy].
  - reflexivity.
  - reflexivity.
  - reflexivity.
  - reflexivity.
  - apply (cr_tops _ _ _ Hc).
  - apply (cr_ctx _ _ _ Hc).
  - split; [apply (cr_happy _ _ _ Hc)|exact HW].
  - apply ginv_write; assumption.
  - intros v' ipa' r k [Hs|Hn].
    + destruct (cr_stale _ _ _ Hc _ _ _ _ Hs) as (e & Hin & H1 & H2 & H3). exists e.
      split; [|auto]. destruct (dvalid (m a) && negb (dvalid x)); [right; right|]; exact Hin.
    + destruct (Hns _ _ _ Hn) as (-> & Hs & Vo & Vx). fold m. rewrite Vo, Vx. cbn.
      destruct k; [exists (mkSR v ipa l KS2)|exists (mkSR v ipa l KComb)]; cbn; auto.
  - intros c' v' ipa' r k [Ht|Hn].
    + rewrite (cr_tnew _ _ _ Hc _ _ _ _ _ Ht). reflexivity.
    + destruct (Hns _ _ _ Hn) as (-> & _). rewrite Z.eqb_refl. apply orb_true_r.
  - intros a' c' Hpw'. unfold upd in Hpw' |- *. destruct (Z.eqb_spec a' a) as [->|Na].
    + injection Hpw' as <-. exists v, ipa, l, b.
      split; [apply (write_keeps_reach root G c a x HW); exact Hr|].
      split; [congruence|]. rewrite Z.eqb_refl. reflexivity.
    + destruct (cr_pw_vm _ _ _ Hc _ _ Hpw') as (v'' & ipa'' & l'' & b'' & Hr'' & Ea'' & Hv'').
      exists v'', ipa'', l'', b''.
      split; [apply (write_keeps_reach root G c a x HW); exact Hr''|]. split; [exact Ea''|].
      destruct (Z.eqb_spec v'' v) as [->|]; [|exact Hv''].
      rewrite Hv'' in Hvw. cbn in Hvw. apply Nat.eqb_eq in Hvw. congruence.
Qed.

(* ---------- one call ---------- *)

Fixpoint ctxrun (ctx : nat -> Z) (tr : list label) : nat -> Z :=
  match tr with [] => ctx | l :: tr' => ctxrun (ctx_label ctx l) tr' end.

Lemma grun_app ctx G tr1 tr2 :
  grun root ctx G (tr1 ++ tr2) = grun root (ctxrun ctx tr1) (grun root ctx G tr1) tr2.
Proof. revert ctx G. induction tr1; intros; cbn; auto. Qed.

Lemma ctxrun_app ctx tr1 tr2 : ctxrun ctx (tr1 ++ tr2) = ctxrun (ctxrun ctx tr1) tr2.
Proof. revert ctx. induction tr1; intros; cbn; auto. Qed.

Lemma crel_step cg G ctx call cg' tr' :
  crel cg G ctx -> paths_unique root (cg_mem cg) -> bstep root cg call = Some (cg', tr') ->
  crel cg' (grun root ctx G tr') (ctxrun ctx tr').
Proof.
  intros Hc Hu Hs. destruct call as [c v ipa l x|c a|c b|c k|c v|c v|c v]; cbn in Hs.
  - (* store *)
    destruct (path_entry (cg_mem cg) (root v) ipa l) as [a|] eqn:Hp; [|discriminate].
    destruct (rely_store root cg c v ipa l x) eqn:Hr; [|discriminate].
    injection Hs as <- <-. cbn. apply (crel_store cg G ctx c v ipa l x a Hc Hu Hp Hr).
  - (* load *)
    destruct (rely_load cg c a) eqn:Hr; [|discriminate]. injection Hs as <- <-. cbn.
    destruct Hc as [E1 E2 E3 E4 E5 E6 Hh Hg Hst Htn Hpv].
    constructor; cbn; auto; [|apply ginv_read; exact Hg].
    split; [exact Hh|]. unfold rely_load in Hr. rewrite E4 in Hr.
    destruct (g_pw G a) as [c'|] eqn:Ep; [right|left; reflexivity].
    cbn in Hr. apply Nat.eqb_eq in Hr. congruence.
  - (* barrier *)
    destruct b; injection Hs as <- <-; cbn; [exact Hc| |exact Hc].
    destruct Hc as [E1 E2 E3 E4 E5 E6 Hh Hg Hst Htn Hpv].
    constructor; cbn [cg_dsb cg_mem cg_top cg_mid cg_pw cg_vw cg_stale cg_tops cg_dirty cg_ctx
                      g_dsb g_mem g_top g_mid g_pw g_stale g_tops g_tnew g_happy];
      try rewrite E1; try rewrite E2; try rewrite E3; try rewrite E4; try rewrite E5; auto.
    + apply ginv_dsb. exact Hg.
    + intros v ipa r k [Hs Hnc]. destruct (Hst _ _ _ _ Hs) as (e & Hin & Hv & Hk & Hr).
      exists e. split; [|auto]. apply filter_In. split; [exact Hin|].
      apply negb_true_iff. destruct (existsb _ _) eqn:Ex; [exfalso|reflexivity].
      apply existsb_exists in Ex as (o & Ho & Hoe). apply andb_prop in Hoe as [Hcl Hd].
      apply Hnc. split.
      * unfold covers_any. apply existsb_exists. exists o.
        split; [exact Ho|]. eapply cleared_covers; eauto.
      * intros Ht. apply negb_true_iff in Hd. rewrite Hv, (Htn _ _ _ _ _ Ht) in Hd. discriminate.
    + intros c' v ipa r k [Ne Ht]. rewrite updn_other by exact Ne. apply (Htn _ _ _ _ _ Ht).
    + intros a c' Hp. destruct (fenced_by c (g_pw G a)) eqn:Ef; [discriminate|].
      destruct (Hpv _ _ Hp) as (v & ipa & l & b & Hr & Ea & Hv).
      exists v, ipa, l, b. split; [exact Hr|]. split; [exact Ea|].
      rewrite Hv. rewrite Hp in Ef. rewrite Ef. reflexivity.
  - (* TLBI *)
    destruct (rely_tlbi cg c) eqn:Hr; [|discriminate]. injection Hs as <- <-. cbn.
    pose proof (fun ipa l b => unfenced_of_vm cg G ctx (cg_ctx cg c) ipa l b Hc Hu Hr) as Hunf.
    destruct Hc as [E1 E2 E3 E4 E5 E6 Hh Hg Hst Htn Hpv]. rewrite <- E6.
    constructor; cbn [cg_mem cg_top cg_mid cg_pw cg_vw cg_stale cg_tops cg_dirty cg_ctx
                      g_tlbi g_mem g_top g_mid g_pw g_stale g_tops g_tnew g_happy]; auto.
    + rewrite E5. reflexivity.
    + apply ginv_tlbi. exact Hg.
    + intros c' v ipa r k' [Ht|[-> Hp]].
      * destruct (Nat.eq_dec c' c) as [->|Ne];
          [rewrite updn_same, (Htn _ _ _ _ _ Ht); reflexivity|rewrite updn_other by exact Ne; eauto].
      * rewrite updn_same. destruct (Z.eqb_spec v (cg_ctx cg c)) as [->|Nv];
          [|rewrite orb_true_r; reflexivity].
        exfalso. revert Hp. apply pending_unfenced; [exact Hg|]. intros l b Hrb. apply (Hunf ipa l b Hrb).
  - (* set VMID *)
    injection Hs as <- <-. cbn. destruct Hc as [E1 E2 E3 E4 E5 E6 Hh Hg Hst Htn Hpv].
    constructor; cbn; auto. rewrite E6. reflexivity.
  - (* acquire *)
    destruct (rely_acquire cg v); [|discriminate]. injection Hs as <- <-. cbn.
    destruct Hc as [E1 E2 E3 E4 E5 E6 Hh Hg Hst Htn Hpv]. constructor; cbn; auto.
  - (* release *)
    destruct (rely_release cg c v); [|discriminate]. injection Hs as <- <-. cbn.
    destruct Hc as [E1 E2 E3 E4 E5 E6 Hh Hg Hst Htn Hpv]. constructor; cbn; auto.
Qed.

(* ---------- the linking lemma ---------- *)

Lemma brun_u_brun cg0 cg tr : brun_u root cg0 cg tr -> brun root cg0 cg tr.
Proof. induction 1; [apply brun_nil|eapply brun_step; eauto]. Qed.

Theorem linking m0 ctx0 cg tr :
  brun_u root (cginit m0 ctx0) cg tr ->
  crel cg (grun root ctx0 (ginit m0) tr) (ctxrun ctx0 tr).
Proof.
  induction 1 as [|cg tr call cg' tr' H IH Hu Hs]; [apply crel_init|].
  rewrite grun_app, ctxrun_app. eapply crel_step; [exact IH|exact Hu|exact Hs].
Qed.

Corollary linking_happy m0 ctx0 cg tr :
  brun_u root (cginit m0 ctx0) cg tr -> happy_trace root m0 ctx0 tr.
Proof. intros H. apply (cr_happy _ _ _ (linking _ _ _ _ H)). Qed.

(* At a release of VM [v]'s lock (its rely holds), nothing is stale or fresh for [v]. *)
Corollary linking_release_clean m0 ctx0 cg tr c v :
  brun_u root (cginit m0 ctx0) cg tr -> paths_unique root (cg_mem cg) ->
  rely_release cg c v = true ->
  cond_clean root (grun root ctx0 (ginit m0) tr) v.
Proof.
  intros H Hpu Hr. pose proof (linking _ _ _ _ H) as Hc.
  unfold rely_release in Hr. apply andb_prop in Hr as [Hr Hst]. apply andb_prop in Hr as [_ Hvw].
  split.
  - intros ipa r k Hs. destruct (cr_stale _ _ _ Hc _ _ _ _ Hs) as (e & Hin & Hv & _).
    apply negb_true_iff in Hst. unfold has_stale in Hst.
    assert (Hex : existsb (fun e0 => sr_vmid e0 =? v) (cg_stale cg) = true).
    { apply existsb_exists. exists e. split; [exact Hin|apply Z.eqb_eq; exact Hv]. }
    congruence.
  - intros ipa. apply fresh_unfenced; [apply (cr_ginv _ _ _ Hc)|].
    intros l b Hrb. eapply unfenced_of_vm; eauto.
Qed.

(* Guest accesses do not change the ghost state: they may be interleaved anywhere. *)
Definition is_access (l : label) : bool := match l with LAccess _ _ _ _ => true | _ => false end.

Lemma grun_erase ctx G tr :
  grun root ctx G tr = grun root ctx G (filter (fun l => negb (is_access l)) tr).
Proof.
  revert ctx G. induction tr as [|l tr IH]; intros; [reflexivity|].
  destruct l; cbn; rewrite IH; reflexivity.
Qed.

Corollary linking_refines m0 ctx0 cg trb tr a :
  brun_u root (cginit m0 ctx0) cg trb ->
  filter (fun l => negb (is_access l)) tr = trb ->
  exec label LTau (RL3 root)
    (mk3 m0 (fun _ => []) ctx0 (fun _ => []) (fun _ => []) (fun _ => []) (fun _ => []) (ginit m0))
    tr a ->
  exists b, exec label LTau (SCT root) (mkS ctx0 (ginit m0)) tr b.
Proof.
  intros H Ht He. eapply mmu_refines_trace; [exact He|].
  unfold happy_trace. rewrite grun_erase, Ht. apply (linking_happy _ _ _ _ H).
Qed.

End Linking.
