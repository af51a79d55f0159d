(* MMU/GhostInv.v -- proved.  The invariant [ginv] of the ghost state, preserved by every happy
   labelled event ([ginv_label]):
   - the writer view lies between what walkers may see ([g_mid] <= [g_mem] <= [g_top], in the
     definedness order of MMU/Walk.v) and the three agree at fenced addresses;
   - along the writer view's walk paths, [g_top]'s table descriptors are the writer view's
     (walk paths of [g_top] and [g_mem] coincide: [reach_top_mem]);
   - leaves walkers may still reach through unfenced invalidations are stale
     ([gi_stale]), and are not trusted to be removed by pending TLBIs ([gi_tnew]).
   The key step is [pending_write]: a happy store creates no pending leaf that is not stale. *)
From Coq Require Import ZArith Lia List Bool.
From AutoV.MMU Require Import Desc Walk Labels Ghost.
Import ListNotations.
Open Scope Z_scope.

Section GhostInv.
Variable root : Z -> Z.

Record ginv (G : ghost) : Prop := {
  gi_mid : le_mem (g_mid G) (g_mem G);
  gi_top : le_mem (g_mem G) (g_top G);
  gi_fenced : forall a, g_pw G a = None -> g_top G a = g_mem G a /\ g_mid G a = g_mem G a;
  gi_tables : forall v ipa l b, reach (g_mem G) (root v) ipa l b ->
    is_tbl l (g_top G (eaddr b l ipa)) = true ->
    g_mem G (eaddr b l ipa) = g_top G (eaddr b l ipa);
  gi_stale : forall v ipa r k, pending root G v ipa r -> g_stale G v ipa r k;
  gi_tnew : forall c, g_tops G c <> [] ->
    forall v ipa r k, pending root G v ipa r -> g_tnew G c v ipa r k }.

Lemma ginv_init m0 : ginv (ginit m0).
Proof.
  constructor; cbn; auto using le_mem_refl.
  - intros v ipa r k (_ & E & N). cbn in E, N. congruence.
Qed.

Lemma reach_top_mem G v ipa l b :
  ginv G -> reach (g_top G) (root v) ipa l b -> reach (g_mem G) (root v) ipa l b.
Proof.
  intros Hg H. unfold reach in *. induction H as [|l b H IH Ht]; [apply rch_refl|].
  pose proof (gi_tables _ Hg v ipa l b IH Ht) as E. rewrite <- E in *.
  apply rch_step; assumption.
Qed.

Lemma reach_mem_top G v ipa l b :
  ginv G -> reach (g_mem G) (root v) ipa l b -> reach (g_top G) (root v) ipa l b.
Proof. intros Hg. apply reach_mono. apply (gi_top _ Hg). Qed.

(* ---------- stores ---------- *)

Section Write.
Variables (G : ghost) (c : nat) (a x : Z).
Hypothesis Hg : ginv G.
Hypothesis Hh : happy_write root G c a x.

Let m := g_mem G.
Let m' := upd m a x.
Let t := g_top G.

(* A path of the writer view to level [l] stays a path after the store. *)
Lemma write_keeps_reach v ipa l b : reach m (root v) ipa l b -> reach m' (root v) ipa l b.
Proof.
  intros H. apply reach_upd_keep; [exact H|].
  intros l1 b1 Hl H1 Ha. eapply (hw_once _ _ _ _ _ Hh); [exact H1|exact Ha|].
  rewrite <- Ha. eapply rch_prefix_tbl; [exact H|exact Hl|exact H1].
Qed.

(* A path of the new writer view either was a path, or goes through a newly linked table,
   which is empty: it then ends there. *)
Lemma write_new_path v ipa l b :
  reach m' (root v) ipa l b ->
  reach m (root v) ipa l b \/
  (exists l1 b1, reach m (root v) ipa l1 b1 /\ eaddr b1 l1 ipa = a /\ is_tbl l1 x = true /\
     x <> m a /\ fresh_table m' (g_pw G) (oa x) /\ l = S l1 /\ b = oa x).
Proof.
  intros H. destruct (reach_upd_cases m ipa 0 (root v) a x l b H)
    as [Hm | (l1 & b1 & Hl & H1 & Ha & Hx & Hr)]; [left; exact Hm|].
  destruct (Z.eq_dec x (m a)) as [Ex|Nx].
  - left. assert (Hr' : rch m ipa (S l1) (oa (m (eaddr b1 l1 ipa))) l b).
    { rewrite Ha, <- Ex. eapply rch_ext; [|exact Hr].
      intros a'. unfold m'. apply upd_keep. intros ->. exact Ex. }
    eapply rch_trans; [exact H1|]. eapply rch_cons; [|exact Hr'].
    rewrite Ha, <- Ex. exact Hx.
  - right. pose proof (hw_link _ _ _ _ _ Hh _ _ _ _ H1 Ha Hx Nx) as Hf.
    destruct (rch_stuck m' ipa (S l1) (oa x) l b) as [-> ->]; [|exact Hr|].
    + intros l'. destruct (eaddr_in_page (oa x) l' ipa) as (i & Hi & ->).
      apply is_tbl_invalid. apply (Hf i Hi).
    + exists l1, b1. split; [exact H1|]. split; [exact Ha|]. split; [exact Hx|]. split; [exact Nx|]. split; [exact Hf|]. auto.
Qed.

Lemma fresh_table_entry p l ipa :
  dvalid x = true -> fresh_table m' (g_pw G) p ->
  dvalid (m' (eaddr p l ipa)) = false /\ g_pw G (eaddr p l ipa) = None /\ eaddr p l ipa <> a.
Proof.
  intros Vx Hf. destruct (eaddr_in_page p l ipa) as (i & Hi & ->).
  destruct (Hf i Hi) as [Hv Hp]. split; [exact Hv|]. split; [exact Hp|].
  intros E. rewrite E in Hv. unfold m' in Hv. rewrite upd_same in Hv. congruence.
Qed.

Lemma ginv_write_tables : forall v ipa l b,
  reach (g_mem (g_write root c a x G)) (root v) ipa l b ->
  is_tbl l (g_top (g_write root c a x G) (eaddr b l ipa)) = true ->
  g_mem (g_write root c a x G) (eaddr b l ipa) = g_top (g_write root c a x G) (eaddr b l ipa).
Proof.
  cbn [g_write g_mem g_top]. fold m. fold m'. intros v ipa l b H Ht.
  destruct (Z.eq_dec (eaddr b l ipa) a) as [Ea|Ea].
  - rewrite Ea in Ht |- *. rewrite upd_same in Ht |- *. unfold m'. rewrite upd_same.
    destruct (dvalid (g_top G a)) eqn:Vt; [|reflexivity].
    destruct (dvalid x) eqn:Vx; [apply (hw_bbm _ _ _ _ _ Hh); auto|].
    exfalso. destruct (write_new_path _ _ _ _ H) as [Hm|(l1 & b1 & _ & _ & Hx & _)].
    + destruct (gi_top _ Hg a) as [Hi|Em].
      * pose proof (gi_tables _ Hg _ _ _ _ Hm) as E. rewrite Ea in E.
        rewrite (E Ht) in Hi. congruence.
      * assert (Ht' : is_tbl l (m a) = true) by (unfold m; rewrite Em; exact Ht).
        pose proof (hw_once _ _ _ _ _ Hh _ _ _ _ Hm Ea Ht') as Ex.
        apply is_tbl_valid in Ht'. congruence.
    + apply is_tbl_valid in Hx. congruence.
  - unfold m'. rewrite !upd_other in * by exact Ea.
    destruct (write_new_path _ _ _ _ H) as [Hm|(l1 & b1 & _ & _ & Hx & _ & Hf & -> & ->)].
    + apply (gi_tables _ Hg _ _ _ _ Hm Ht).
    + destruct (fresh_table_entry _ (S l1) ipa (is_tbl_valid _ _ Hx) Hf) as (_ & Hp & _).
      symmetry. apply (gi_fenced _ Hg _ Hp).
Qed.

(* A happy store creates no pending leaf that is neither pending nor newly stale. *)
Lemma pending_write v ipa r :
  pending root (g_write root c a x G) v ipa r ->
  pending root G v ipa r \/ new_stale root m m' v ipa r.
Proof.
  intros (Hr & Et & Nm). cbn [g_write g_mem g_top] in Et, Nm. fold m m' in Nm.
  assert (Ht : walk (g_top G) (root v) ipa = r).
  { case_eq (dvalid (g_top G a)); intros Vt; rewrite Vt in Et.
    - rewrite <- Et. apply walk_ext_fun. intros a'. symmetry. apply upd_keep.
      intros ->. reflexivity.
    - destruct (dvalid x) eqn:Vx.
      + destruct r as [|l d]; [congruence|].
        assert (Hle : le_mem (g_top G) (upd (g_top G) a x)).
        { intros a'. unfold upd. destruct (a' =? a) eqn:E; [|apply lev_refl].
          apply Z.eqb_eq in E. subst a'. left. exact Vt. }
        destruct (walk_mono _ _ (root v) ipa Hle) as [Hf|Hf]; [|congruence].
        exfalso. apply walk_leaf_inv in Et as (b & Hb & Hd & Hw).
        destruct (reach_upd_cases (g_top G) ipa 0 (root v) a x l b Hb)
          as [Hm | (l1 & b1 & Hl & H1 & Ha & Hx & Hrr)].
        * destruct (Z.eq_dec (eaddr b l ipa) a) as [Ea|Ea].
          -- rewrite Ea, upd_same in Hd. subst d.
             assert (Hm' : reach m' (root v) ipa l b).
             { apply write_keeps_reach. apply reach_top_mem; [exact Hg|exact Hm]. }
             apply Nm. rewrite (walk_leaf_at _ _ _ _ _ Hm'); unfold m'; rewrite Ea, upd_same;
               [reflexivity|exact Hw].
          -- rewrite upd_other in Hd by exact Ea.
             rewrite (walk_leaf_at _ _ _ _ _ Hm) in Hf; [discriminate|]. rewrite Hd. exact Hw.
        * assert (Hma : dvalid (m a) = false).
          { destruct (gi_top _ Hg a) as [Hi|Em]; [exact Hi|]. unfold m. rewrite Em. exact Vt. }
          assert (Nx : x <> m a) by congruence.
          pose proof (hw_link _ _ _ _ _ Hh _ _ _ _ (reach_top_mem _ _ _ _ _ Hg H1) Ha Hx Nx) as Hfr.
          assert (Hpage : forall l', dvalid (upd (g_top G) a x (eaddr (oa x) l' ipa)) = false).
          { intros l'. destruct (fresh_table_entry _ l' ipa Vx Hfr) as (Hv & Hp & Hne).
            rewrite upd_other by exact Hne. 
            rewrite (proj1 (gi_fenced _ Hg _ Hp)). unfold m' in Hv.
            rewrite upd_other in Hv by exact Hne. exact Hv. }
          destruct (rch_stuck (upd (g_top G) a x) ipa (S l1) (oa x) l b) as [-> ->]; [|exact Hrr|].
          -- intros l'. apply is_tbl_invalid. apply Hpage.
          -- apply wstep_leaf_valid in Hw. rewrite <- Hd, Hpage in Hw. discriminate.
      + rewrite <- Et. apply walk_lev_eq; intros a'; unfold upd;
          destruct (a' =? a) eqn:E; try apply lev_refl; apply Z.eqb_eq in E; subst a';
          left; [exact Vt|exact Vx]. }
  destruct (wres_eq_dec (walk m (root v) ipa) r) as [Em|Nm'].
  - right. split; [exact Hr|]. split; [exact Em|exact Nm].
  - left. split; [exact Hr|]. split; [exact Ht|exact Nm'].
Qed.

Lemma ginv_write : ginv (g_write root c a x G).
Proof.
  constructor.
  - intros a'. cbn [g_write g_mem g_mid]. unfold upd. destruct (a' =? a); [|apply (gi_mid _ Hg)].
    destruct (dvalid (g_mid G a)) eqn:V; [apply lev_refl|left; exact V].
  - intros a'. cbn [g_write g_mem g_top]. unfold upd. destruct (a' =? a) eqn:E;
      [|apply (gi_top _ Hg)].
    apply Z.eqb_eq in E. subst a'.
    destruct (dvalid (g_top G a)) eqn:V; [|apply lev_refl].
    destruct (dvalid x) eqn:Vx; [right; apply (hw_bbm _ _ _ _ _ Hh); auto|left; exact Vx].
  - intros a'. cbn [g_write g_pw g_mem g_top g_mid]. unfold upd.
    destruct (a' =? a); [discriminate|]. apply (gi_fenced _ Hg).
  - exact ginv_write_tables.
  - intros v ipa r k Hp. cbn [g_write g_stale].
    destruct (pending_write _ _ _ Hp) as [H|H]; [left; apply (gi_stale _ Hg); exact H|right; exact H].
  - intros c' Hc v ipa r k Hp. cbn [g_write g_tnew]. cbn [g_write g_tops] in Hc.
    destruct (pending_write _ _ _ Hp) as [H|H];
      [left; apply (gi_tnew _ Hg c' Hc); exact H|right; exact H].
Qed.

End Write.

(* ---------- loads, TLBIs, DSBs ---------- *)

Lemma ginv_read G c a : ginv G -> ginv (g_read c a G).
Proof. intros [H1 H2 H3 H4 H5 H6]. constructor; cbn; auto. Qed.

Lemma ginv_tlbi G c o : ginv G -> ginv (g_tlbi root c o G).
Proof.
  intros [H1 H2 H3 H4 H5 H6]. constructor; cbn [g_tlbi g_mem g_top g_mid g_pw g_stale g_tops g_tnew];
    auto.
  intros c' Hc v ipa r k Hp. destruct (Nat.eq_dec c' c) as [->|Ne].
  - right. split; [reflexivity|exact Hp].
  - left. rewrite updn_other in Hc by exact Ne. apply H6; auto.
Qed.

Lemma dsb_top_le G c : ginv G -> le_mem (g_top (g_dsb c G)) (g_top G).
Proof.
  intros Hg a. cbn [g_dsb g_top]. destruct (fenced_by c (g_pw G a));
    [apply (gi_top _ Hg)|apply lev_refl].
Qed.

Lemma pending_dsb G c v ipa r : ginv G -> pending root (g_dsb c G) v ipa r -> pending root G v ipa r.
Proof.
  intros Hg (Hr & Ht & Hm). cbn [g_dsb g_mem] in Hm. split; [exact Hr|]. split; [|exact Hm].
  destruct r as [|l d]; [congruence|]. eapply walk_mono_leaf; [apply dsb_top_le; exact Hg|exact Ht].
Qed.

Lemma covers_any_nonempty os v ipa k : covers_any os v ipa k = true -> os <> [].
Proof. destruct os; [discriminate|congruence]. Qed.

Lemma ginv_dsb G c : ginv G -> ginv (g_dsb c G).
Proof.
  intros Hg. constructor; cbn [g_dsb g_mem g_top g_mid g_pw g_stale g_tops g_tnew].
  - intros a. destruct (fenced_by c (g_pw G a)); [apply lev_refl|apply (gi_mid _ Hg)].
  - intros a. destruct (fenced_by c (g_pw G a)); [apply lev_refl|apply (gi_top _ Hg)].
  - intros a. destruct (fenced_by c (g_pw G a)); [auto|apply (gi_fenced _ Hg)].
  - intros v ipa l b H. destruct (fenced_by c (g_pw G (eaddr b l ipa))); [reflexivity|].
    apply (gi_tables _ Hg _ _ _ _ H).
  - intros v ipa r k Hp. apply pending_dsb in Hp; [|exact Hg]. split; [apply (gi_stale _ Hg); exact Hp|].
    intros [Hc Hn]. apply Hn. apply (gi_tnew _ Hg c); [eapply covers_any_nonempty; eauto|exact Hp].
  - intros c' Hc v ipa r k Hp. apply pending_dsb in Hp; [|exact Hg].
    destruct (Nat.eq_dec c' c) as [->|Ne]; [rewrite updn_same in Hc; congruence|].
    rewrite updn_other in Hc by exact Ne. split; [exact Ne|]. apply (gi_tnew _ Hg c' Hc); exact Hp.
Qed.

(* ---------- any labelled event ---------- *)

Lemma g_label_happy ctx l G : g_happy (g_label root ctx l G) -> g_happy G.
Proof.
  destruct l as [| | |c b| | |]; cbn; try tauto. destruct b; cbn; tauto.
Qed.

Lemma g_write_happy c a x G : g_happy (g_write root c a x G) -> happy_write root G c a x.
Proof. cbn. tauto. Qed.

Lemma g_read_happy c a G : g_happy (g_read c a G) -> g_pw G a = None \/ g_pw G a = Some c.
Proof. cbn. tauto. Qed.

Lemma ginv_label ctx l G : ginv G -> g_happy (g_label root ctx l G) -> ginv (g_label root ctx l G).
Proof.
  intros Hg Hh. destruct l as [| | |c b| | |]; cbn in *; auto.
  - apply ginv_write; [exact Hg|tauto].
  - apply ginv_read; exact Hg.
  - destruct b; auto. apply ginv_dsb; exact Hg.
  - apply ginv_tlbi; exact Hg.
Qed.

End GhostInv.
