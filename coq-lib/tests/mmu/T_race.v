(* tests/mmu/T_race.v -- a walk racing page-table stores.
   CPU 1 maps IPA 0x200000 of VM 1: it links an empty level-3 table T (page 6) into L2 entry 1,
   then stores a page descriptor (PA 0x600000) into T; both stores sit in its write buffer.
   CPU 0's walker, part-way down (at L2), reads memory, not the buffer: it faults.  After the link
   drains (the page store still buffered) a new walk goes through T and faults there.  After
   CPU 1's DSB the walk reaches the page.  SCT explains the faults only as FRESH translations
   (the writer view already maps the IPA; the unfenced validations are not yet visible): the
   sequential model SC cannot, and after the DSB nothing is fresh. *)
From Coq Require Import ZArith List Bool Lia.
From AutoV.MMU Require Import Desc Walk Labels Ghost GhostInv LTS RL3 SCT Compose Conditions Linking.
From MMUT Require Import Setup.
Import ListNotations.
Open Scope Z_scope.

Definition T : Z := 24576.            (* page 6: the new level-3 table *)
Definition pg : Z := 6291459.         (* page descriptor, output address 0x600000 *)
Definition ipa : Z := 2097152.        (* L0 0, L1 0, L2 1, L3 0 *)

Definition T4 : list label :=
  [LWrite 1 (L2 + 8) (T + 3); LWrite 1 T pg;
   LAccess 0 1 ipa None; LAccess 0 1 ipa None; LBar 1 DSB_ISH; LAccess 0 1 ipa (Some 6291456)].

Definition G2 : ghost := g_write root 1 T pg (g_write root 1 (L2 + 8) (T + 3) (ginit m0)).

Lemma t4_happy_writes : g_happy G2.
Proof.
  unfold G2. cbn [g_happy g_write ginit]. split; [split; [exact I|]|].
  - apply happy_write_map; [left; reflexivity|reflexivity|reflexivity| |intros; intros []].
    intros l _. apply fresh_table_b_ok. vm_compute. reflexivity.
  - apply happy_write_map; [left; reflexivity|reflexivity|reflexivity| |].
    + intros l _. apply fresh_table_b_ok. vm_compute. reflexivity.
    + intros v i r k [[]|(Hf & Hw & Hn)]. apply Hn. destruct r as [|l d]; [congruence|].
      eapply walk_mono_leaf; [|exact Hw]. intros a. cbn [g_mem ginit]. unfold upd.
      destruct (a =? L2 + 8) eqn:E; [|apply lev_refl]. apply Z.eqb_eq in E. subst a.
      left. reflexivity.
Qed.

Lemma t4_rl3 : exists a, exec label LTau (RL3 root) s0 T4 a /\ happy3 a.
Proof.
  eexists. split.
  - unfold T4.
    (* CPU 0's walker reaches L2 *)
    walk0_to_l2 ipa.
    (* CPU 1's two stores are buffered *)
    vis_step (s3_write root).
    vis_step (s3_write root).
    (* the walker reads L2 entry 1 in memory: still invalid *)
    vis_step (s3_walk_fault root _ 0 [] (mkP 1 ipa 2 L2) []).
    (* the link drains; a new walk goes through T, whose entry is still invalid in memory *)
    tau_step (s3_drain root _ 1 [] (L2 + 8) (T + 3) [(T, pg)]); [constructor|].
    walk0_to_l2 ipa.
    tau_step (s3_walk_next root _ 0 [] (mkP 1 ipa 2 L2) [] T).
    vis_step (s3_walk_fault root _ 0 [] (mkP 1 ipa 3 T) []).
    (* the page store drains, CPU 1's DSB; the walk now reaches the page *)
    tau_step (s3_drain root _ 1 [] T pg []); [constructor|].
    vis_step (s3_dsb root).
    walk0_to_l2 ipa.
    tau_step (s3_walk_next root _ 0 [] (mkP 1 ipa 2 L2) [] T).
    tau_step (s3_walk_leaf root _ 0 [] (mkP 1 ipa 3 T) [] KS2).
    vis_step (s3_hit root _ 0 (mkT 1 ipa (Leaf 3 pg) KS2)); [left; reflexivity|].
    apply exec_nil.
  - unfold happy3. exact t4_happy_writes.
Qed.

Lemma t4_sct : exists b, exec label LTau (SCT root) sS0 T4 b.
Proof.
  explained_by_sct t4_rl3.
Qed.

(* When the walks fault, the writer view already maps the IPA: the faults are fresh. *)
Lemma t4_fresh : walk (g_mem G2) (root 1) ipa = Leaf 3 pg /\ fresh root G2 1 ipa.
Proof.
  split; [vm_compute; reflexivity|]. split; [vm_compute; reflexivity|vm_compute; discriminate].
Qed.

Lemma t4_not_sc : ~ exists b, exec label LTau (SC root) sS0 T4 b.
Proof.
  intros (b & H).
  apply exec_cons_notau in H as (b1 & [H1 _] & H); [|apply sc_no_tau]. inversion H1; subst.
  apply exec_cons_notau in H as (b2 & [H2 _] & H); [|apply sc_no_tau]. inversion H2; subst.
  apply exec_cons_notau in H as (b3 & [_ Hsc] & _); [|apply sc_no_tau].
  destruct (Hsc _ _ _ _ eq_refl) as [_ E]. vm_compute in E. discriminate.
Qed.

(* After CPU 1's DSB nothing is fresh: the last access is the sequential one. *)
Lemma t4_fenced : ~ fresh root (g_dsb 1 G2) 1 ipa.
Proof. intros [Hm _]. vm_compute in Hm. discriminate. Qed.
