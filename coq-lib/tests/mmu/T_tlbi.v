(* tests/mmu/T_tlbi.v -- the same unmap WITH the invalidation sequence
   (DSB ISHST; TLBI IPAS2E1IS; DSB ISH; TLBI VMALLE1IS; DSB ISH).
   RL3 performs the TLBIs (removing CPU 0's entry) and the guest's next access faults, which the
   sequential model SC explains.  The stale access of T_stale.v is now impossible for the
   hardware: proved from the main theorem (SCT explains every happy RL3 run) and the cleaned
   ghost state (nothing stale for IPA 0, the walk faults). *)
From Coq Require Import ZArith List Bool Lia.
From AutoV.MMU Require Import Desc Walk Labels Ghost GhostInv LTS RL3 SCT Compose Conditions.
From MMUT Require Import Setup.
Import ListNotations.
Open Scope Z_scope.

Definition T2 : list label :=
  [LWrite 1 L2 0; LBar 1 DSB_ISH; LTlbi 1 (TIPAS2 0 false); LBar 1 DSB_ISH;
   LTlbi 1 TVMALLE1; LBar 1 DSB_ISH].

Lemma t2_happy : happy_trace root m0 ctx0 T2.
Proof.
  unfold happy_trace, T2. cbn. split; [exact I|].
  apply happy_write_unmap; [left; reflexivity|apply blk_not_tbl].
Qed.

Lemma t2_rl3 : exists a, exec label LTau (RL3 root) s0 (T2 ++ [LAccess 0 1 0 None]) a /\ happy3 a.
Proof.
  eexists. split.
  - unfold T2. cbn [app].
    (* CPU 0's TLB holds the block entry *)
    walk0_to_l2 0.
    tau_step (s3_walk_leaf root _ 0 [] (mkP 1 0 2 L2) [] KS2).
    (* CPU 1: unmap, DSB, TLBI by IPA (performed on every CPU), DSB, TLBI VMALLE1, DSB *)
    vis_step (s3_write root).
    tau_step (s3_drain root _ 1 [] L2 0 []); [constructor|].
    vis_step (s3_dsb root).
    vis_step (s3_tlbi root).
    tau_step (s3_perform root _ 1 [] (1, TIPAS2 0 false) []).
    vis_step (s3_dsb root).
    vis_step (s3_tlbi root).
    tau_step (s3_perform root _ 1 [] (1, TVMALLE1) []).
    vis_step (s3_dsb root).
    (* CPU 0 misses, walks again and faults at L2 *)
    walk0_to_l2 0.
    vis_step (s3_walk_fault root _ 0 [] (mkP 1 0 2 L2) []).
    apply exec_nil.
  - unfold happy3. cbn. split; [exact I|].
    apply happy_write_unmap; [left; reflexivity|apply blk_not_tbl].
Qed.

(* The sequential model explains the faulting access. *)
Lemma t2_sc : exists b, exec label LTau (SC root) sS0 (T2 ++ [LAccess 0 1 0 None]) b.
Proof.
  eexists. unfold T2. cbn [app].
  do 6 (eapply exec_vis; [discriminate|split; [constructor|intros; discriminate]|]).
  eapply exec_vis; [discriminate|split|apply exec_nil].
  - apply sS_fault; [reflexivity|left; vm_compute; reflexivity].
  - intros c v ipa res E. injection E as <- <- <- <-. split; [reflexivity|vm_compute; reflexivity].
Qed.

(* After the invalidation sequence, the hardware cannot reach the unmapped block any more. *)
Lemma t2_no_stale_access :
  ~ exists a, exec label LTau (RL3 root) s0 (T2 ++ [LAccess 0 1 0 (Some 2097152)]) a.
Proof.
  intros (a & He).
  assert (Hh : happy3 a).
  { apply (happy_iff_trace root m0 ctx0 _ a He). unfold happy_trace, T2. cbn.
    split; [exact I|]. apply happy_write_unmap; [left; reflexivity|apply blk_not_tbl]. }
  apply (mmu_refines_from root) in He as (b & Hb & _); [|exact Hh].
  apply exec_app_inv in Hb as (b1 & Hb1 & Hb2).
  apply exec_cons_notau in Hb2 as (b2 & Hs & _); [|apply sct_no_tau].
  pose proof (execS_ghost root _ _ _ Hb1) as EG. cbn [sS0 sc_ctx sc_gh] in EG.
  inversion Hs; subst.
  match goal with H : _ \/ g_stale _ _ _ _ _ |- _ => rename H into Hr end.
  match goal with H : pa_of _ _ = Some _ |- _ => rename H into Hpa end.
  rewrite EG in Hr. destruct Hr as [Hw|Hst].
  - vm_compute in Hw. subst r. discriminate.
  - assert (Nf : r <> Fault) by (intros ->; discriminate).
    unfold T2 in Hst. cbn [grun g_label ctx_label] in Hst.
    cbn [g_stale g_dsb g_tlbi g_tops g_tnew] in Hst.
    destruct Hst as [[_ H1] H2]. destruct k.
    + apply H1. split; [vm_compute; reflexivity|].
      intros [[Hne _]|[_ (_ & Ht & _)]]; [apply Hne; reflexivity|]. vm_compute in Ht. congruence.
    + apply H2. split; [vm_compute; reflexivity|].
      intros [[Hne _]|[_ (_ & Ht & _)]]; [apply Hne; reflexivity|]. vm_compute in Ht. congruence.
Qed.
