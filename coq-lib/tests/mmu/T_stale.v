(* tests/mmu/T_stale.v -- a stale TLB entry after an unmap WITHOUT a TLBI.
   CPU 0's TLB holds VM 1's block mapping of IPA 0; CPU 1 unmaps it (stores 0, DSB) but does not
   invalidate; CPU 0 then still reaches PA 0x200000 through its TLB.  RL3 performs this
   (happily: the hardware allows it).  The sequential model SC cannot explain it (there the
   access faults), and SCT explains it only through a stale translation, so condition C4
   (nothing stale at the release of the VM's page-table lock) is necessary, not decorative. *)
From Coq Require Import ZArith List Bool Lia.
From AutoV.MMU Require Import Desc Walk Labels Ghost GhostInv LTS RL3 SCT Compose Conditions.
From MMUT Require Import Setup.
Import ListNotations.
Open Scope Z_scope.

Definition T1 : list label := [LWrite 1 L2 0; LBar 1 DSB_ISH; LAccess 0 1 0 (Some 2097152)].

Lemma t1_rl3 : exists a, exec label LTau (RL3 root) s0 T1 a /\ happy3 a.
Proof.
  eexists. split.
  - (* CPU 0's walker: L0 -> L1 -> L2, reads the block, fills the TLB *)
    walk0_to_l2 0.
    tau_step (s3_walk_leaf root _ 0 [] (mkP 1 0 2 L2) [] KS2).
    (* CPU 1 unmaps: the store, its drain, a DSB *)
    vis_step (s3_write root).
    tau_step (s3_drain root _ 1 [] L2 0 []); [constructor|].
    vis_step (s3_dsb root).
    (* CPU 0 hits its stale TLB entry *)
    vis_step (s3_hit root _ 0 (mkT 1 0 (Leaf 2 blk) KS2)); [left; reflexivity|].
    apply exec_nil.
  - unfold happy3. cbn. split; [exact I|].
    apply happy_write_unmap; [left; reflexivity|apply blk_not_tbl].
Qed.

(* SCT explains the run (by the main theorem) ... *)
Lemma t1_sct : exists b, exec label LTau (SCT root) sS0 T1 b.
Proof.
  explained_by_sct t1_rl3.
Qed.

(* ... but not the sequential model: there the access faults. *)
Lemma t1_not_sc : ~ exists b, exec label LTau (SC root) sS0 T1 b.
Proof.
  intros (b & H).
  apply exec_cons_notau in H as (b1 & [H1 _] & H); [|apply sc_no_tau]. inversion H1; subst.
  apply exec_cons_notau in H as (b2 & [H2 _] & H); [|apply sc_no_tau]. inversion H2; subst.
  apply exec_cons_notau in H as (b3 & [_ Hsc] & _); [|apply sc_no_tau].
  destruct (Hsc _ _ _ _ eq_refl) as [_ E]. vm_compute in E. discriminate.
Qed.

(* Every SCT explanation leaves the translation stale, so the VM is not clean (C4 fails). *)
Lemma t1_sct_stale b : exec label LTau (SCT root) sS0 T1 b -> ~ cond_clean root (sc_gh b) 1.
Proof.
  intros H [Hs _]. rewrite (execS_ghost root _ _ _ H) in Hs. apply (Hs 0 (Leaf 2 blk) KS2).
  cbn [grun g_label ctx_label sc_ctx sc_gh sS0 g_dsb g_write g_stale ginit].
  split.
  - right. split; [discriminate|]. split; [vm_compute; reflexivity|vm_compute; discriminate].
  - intros [Hc _]. vm_compute in Hc. discriminate.
Qed.
