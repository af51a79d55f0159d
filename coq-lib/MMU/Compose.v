(* MMU/Compose.v -- proved.  The MMU stack composed:
   - [mmu_sim]: RL3 is simulated by SCT (R32 ; R21 ; R1S) under [happy];
   - [mmu_refines]: every visible trace of RL3 that ends happy is a trace of SCT, and
     [mmu_refines_state]: with the same ghost state and VMIDs at the end;
   - [happy_iff_trace]: an RL3 state is happy exactly when the label sequence that led to it is
     ([happy_trace], computed from the labels alone), so conditions on the events the hypervisor
     issues (MMU/Conditions.v) are enough to use [mmu_refines];
   - [no_pending_means_sc]: with no stale and no fresh translation for a VM, an SCT access of
     that VM is the sequential one (current walk), and [sc_access_in_sct] the converse;
   - [access_is_isolated]: if every effective mapping (current or stale) of every VM lands in a
     page the VM owns, every RL1 access does (and so every SCT access, [sct_access_is_isolated]). *)
From Coq Require Import ZArith List Bool.
From AutoV.MMU Require Import Desc Walk Labels Ghost GhostInv LTS RL3 RL2 RL1 SCT R32 R21 R1S.
Import ListNotations.
Open Scope Z_scope.

Section Compose.
Variable root : Z -> Z.

Definition Rmmu (s3 : st3) (sS : stS) : Prop :=
  exists s1, (exists s2, R32 s3 s2 /\ R21 root s2 s1) /\ R1S root s1 sS.

Theorem mmu_sim : fsim label LTau (RL3 root) (SCT root) happy3 Rmmu.
Proof.
  apply (fsim_compose label LTau (RL3 root) (RL1 root) (SCT root) happy3 happy1).
  - apply (fsim_compose label LTau (RL3 root) (RL2 root) (RL1 root) happy3 happy2).
    + apply rl3_refines_rl2.
    + apply rl2_refines_rl1.
    + intros a b H Hh. unfold happy2. rewrite (e32_gh _ _ H). exact Hh.
  - apply rl1_refines_sct.
  - intros a b (s2 & H32 & H21) Hh. unfold happy1.
    rewrite (e21_gh _ _ _ H21), (e32_gh _ _ H32). exact Hh.
Qed.

(* The main theorem: trace inclusion RL3 <= SCT under [happy]. *)
Theorem mmu_refines : traces_incl label LTau (RL3 root) (SCT root) happy3.
Proof. eapply fsim_traces; [exact mmu_sim|apply happy3_closed]. Qed.

Theorem mmu_refines_state a0 tr a :
  linit (RL3 root) a0 -> exec label LTau (RL3 root) a0 tr a -> happy3 a ->
  exists b0 b, linit (SCT root) b0 /\ exec label LTau (SCT root) b0 tr b /\
    sc_gh b = r3_gh a /\ sc_ctx b = r3_ctx a.
Proof.
  intros Hi He Hh. destruct (proj1 mmu_sim _ Hi) as (b0 & Hb0 & Hr).
  destruct (fsim_exec _ _ _ _ _ _ mmu_sim (happy3_closed root) _ _ _ He Hh _ Hr)
    as (b & (s1 & (s2 & H32 & H21) & H1S) & Heb).
  exists b0, b. split; [exact Hb0|]. split; [exact Heb|].
  rewrite (e1s_gh _ _ _ H1S), (e21_gh _ _ _ H21), (e32_gh _ _ H32).
  rewrite (e1s_ctx _ _ _ H1S), (e21_ctx _ _ _ H21), (e32_ctx _ _ H32). auto.
Qed.

(* ---------- happiness is a property of the label sequence ---------- *)

Lemma step3_ghost s l s' :
  step3 root s l s' ->
  r3_gh s' = g_label root (r3_ctx s) l (r3_gh s) /\ r3_ctx s' = ctx_label (r3_ctx s) l.
Proof. destruct 1; cbn; auto. Qed.

Lemma exec3_ghost s tr s' :
  exec label LTau (RL3 root) s tr s' -> r3_gh s' = grun root (r3_ctx s) (r3_gh s) tr.
Proof.
  induction 1 as [s|s s1 tr s' Hs He IH|s l s1 tr s' Hl Hs He IH]; [reflexivity| |].
  - destruct (step3_ghost _ _ _ Hs) as [E1 E2]. rewrite IH, E1, E2. reflexivity.
  - destruct (step3_ghost _ _ _ Hs) as [E1 E2]. rewrite IH, E1, E2. reflexivity.
Qed.

Lemma stepS_ghost s l s' :
  stepS root s l s' ->
  sc_gh s' = g_label root (sc_ctx s) l (sc_gh s) /\ sc_ctx s' = ctx_label (sc_ctx s) l.
Proof. destruct 1; cbn; auto. Qed.

Lemma execS_ghost s tr s' :
  exec label LTau (SCT root) s tr s' -> sc_gh s' = grun root (sc_ctx s) (sc_gh s) tr.
Proof.
  induction 1 as [s|s s1 tr s' Hs He IH|s l s1 tr s' Hl Hs He IH]; [reflexivity| |].
  - destruct (stepS_ghost _ _ _ Hs) as [E1 E2]. rewrite IH, E1, E2. reflexivity.
  - destruct (stepS_ghost _ _ _ Hs) as [E1 E2]. rewrite IH, E1, E2. reflexivity.
Qed.

Theorem happy_iff_trace m0 ctx0 tr a :
  exec label LTau (RL3 root)
    (mk3 m0 (fun _ => []) ctx0 (fun _ => []) (fun _ => []) (fun _ => []) (fun _ => []) (ginit m0))
    tr a ->
  (happy3 a <-> happy_trace root m0 ctx0 tr).
Proof. intros He. unfold happy3, happy_trace. rewrite (exec3_ghost _ _ _ He). reflexivity. Qed.

(* Started from the same boot memory and VMIDs, SCT follows RL3's run to the same ghost state. *)
Theorem mmu_refines_from m0 ctx0 tr a :
  exec label LTau (RL3 root)
    (mk3 m0 (fun _ => []) ctx0 (fun _ => []) (fun _ => []) (fun _ => []) (fun _ => []) (ginit m0))
    tr a ->
  happy3 a ->
  exists b, exec label LTau (SCT root) (mkS ctx0 (ginit m0)) tr b /\
    sc_gh b = r3_gh a /\ sc_ctx b = r3_ctx a.
Proof.
  intros He Hh.
  assert (Hr : Rmmu (mk3 m0 (fun _ => []) ctx0 (fun _ => []) (fun _ => []) (fun _ => [])
                         (fun _ => []) (ginit m0)) (mkS ctx0 (ginit m0))).
  { exists (mk1 ctx0 (fun _ => False) (fun _ => []) (ginit m0)). split.
    - exists (mk2 m0 (fun _ => []) ctx0 (fun _ => False) (fun _ => False) (fun _ => []) (ginit m0)).
      split.
      + constructor; cbn; auto; try contradiction. intros c. constructor.
      + constructor; cbn; auto using inv2_init.
    - constructor; cbn; auto. constructor; cbn; try contradiction; auto. apply ginv_init. }
  destruct (fsim_exec _ _ _ _ _ _ mmu_sim (happy3_closed root) _ _ _ He Hh _ Hr)
    as (b & (s1 & (s2 & H32 & H21) & H1S) & Hb).
  exists b. split; [exact Hb|].
  rewrite (e1s_gh _ _ _ H1S), (e21_gh _ _ _ H21), (e32_gh _ _ H32).
  rewrite (e1s_ctx _ _ _ H1S), (e21_ctx _ _ _ H21), (e32_ctx _ _ H32). auto.
Qed.

(* If the hypervisor's events form a happy sequence, SCT explains every RL3 run of them. *)
Corollary mmu_refines_trace m0 ctx0 tr a :
  exec label LTau (RL3 root)
    (mk3 m0 (fun _ => []) ctx0 (fun _ => []) (fun _ => []) (fun _ => []) (fun _ => []) (ginit m0))
    tr a ->
  happy_trace root m0 ctx0 tr ->
  exists b, exec label LTau (SCT root) (mkS ctx0 (ginit m0)) tr b.
Proof.
  intros He Hh. apply (happy_iff_trace _ _ _ _ He) in Hh.
  destruct (mmu_refines_from _ _ _ _ He Hh) as (b & Hb & _). exists b. exact Hb.
Qed.

Lemma sct_no_tau a a' : ~ stepS root a LTau a'.
Proof. intros H. inversion H. Qed.

Lemma sc_no_tau a a' : ~ stepSC root a LTau a'.
Proof. intros [H _]. inversion H. Qed.

(* ---------- SCT is the sequential semantics when nothing is pending ---------- *)

Theorem no_pending_means_sc s c v ipa res s' :
  (forall ipa' r k, ~ g_stale (sc_gh s) v ipa' r k) ->
  (forall ipa', ~ fresh root (sc_gh s) v ipa') ->
  stepS root s (LAccess c v ipa res) s' ->
  sc_access root s c v ipa res /\ s' = s.
Proof.
  intros Hs Hf Hst. inversion Hst; subst; (split; [split; [reflexivity|]|reflexivity]).
  - match goal with H : _ \/ g_stale _ _ _ _ _ |- _ => destruct H as [E|E] end;
      [subst; symmetry; assumption|exfalso; eapply Hs; exact E].
  - match goal with H : _ \/ fresh _ _ _ _ |- _ => destruct H as [E|E] end;
      [rewrite E; reflexivity|exfalso; eapply Hf; exact E].
Qed.

Theorem sc_access_in_sct s c v ipa res :
  sc_access root s c v ipa res -> stepS root s (LAccess c v ipa res) s.
Proof.
  intros [-> ->]. destruct (walk (g_mem (sc_gh s)) (root (sc_ctx s c)) ipa) as [|l d] eqn:E.
  - apply sS_fault; [reflexivity|left; exact E].
  - eapply (sS_hit root s c _ ipa (Leaf l d) KS2); [reflexivity|left; exact E|reflexivity].
Qed.

(* ---------- isolation ---------- *)

(* Every effective mapping (current or stale) of VM [v] lands in a page [v] owns. *)
Definition iso_eff (owner : Z -> Z) (G : ghost) : Prop :=
  forall v ipa r pa, eff root G v ipa r -> pa_of ipa r = Some pa -> owner (pa / 4096) = v.

Theorem access_is_isolated owner s c v ipa pa s' :
  inv1 root s -> iso_eff owner (r1_gh s) ->
  step1 root s (LAccess c v ipa (Some pa)) s' -> owner (pa / 4096) = v.
Proof.
  intros Hi Hiso Hst. inversion Hst; subst.
  match goal with H : r1_tlb _ ?e, E : pa_of _ _ = Some _ |- _ =>
    apply (Hiso (t_vmid e) (t_ipa e) (t_res e) pa); [|exact E];
    split; [exact (i1_leaf _ _ Hi _ H)|];
    destruct (i1_tlb _ _ Hi _ H) as [Hc|Hs]; [left; exact Hc|right; eexists; exact Hs]
  end.
Qed.

Theorem sct_access_is_isolated owner s c v ipa pa s' :
  iso_eff owner (sc_gh s) -> stepS root s (LAccess c v ipa (Some pa)) s' -> owner (pa / 4096) = v.
Proof.
  intros Hiso Hst. inversion Hst; subst.
  match goal with E : pa_of ?i ?r = Some _, H : _ \/ g_stale _ ?w _ ?r _ |- _ =>
    apply (Hiso w i r pa); [|exact E]; split;
      [destruct r; [discriminate|discriminate]|destruct H as [H|H]; [left; exact H|right; eexists; exact H]]
  end.
Qed.

End Compose.
