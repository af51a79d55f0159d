(* tests/mmu/T_early.v -- a TLBI performed EARLY and a TLB refill before the DSB.
   CPU 1 unmaps IPA 0 (the store is still in its write buffer), issues TLBI IPAS2E1IS without
   a DSB first, and the hardware performs the TLBI at once.  CPU 0's walker then reads the
   block from memory (the store has not reached it) and refills its TLB; the store drains; CPU
   1's DSB completes; CPU 0 still reaches PA 0x200000.  RL3 performs this run happily: the
   TLBI was issued while walkers could still see the block, so the ghost state does not count
   it as cleaned ([g_tnew]) and SCT explains the access through the stale translation.  The
   abstract models' atomic DSB must keep such refilled entries (MMU/Sync.v); the negative test
   N_mmu_sync_all.patch removes them and the RL3 -> RL2 step fails. *)
From Coq Require Import ZArith List Bool Lia.
From AutoV.MMU Require Import Desc Walk Labels Ghost GhostInv LTS RL3 SCT Compose Conditions.
From MMUT Require Import Setup.
Import ListNotations.
Open Scope Z_scope.

Definition T6 : list label :=
  [LWrite 1 L2 0; LTlbi 1 (TIPAS2 0 false); LBar 1 DSB_ISH; LAccess 0 1 0 (Some 2097152)].

Lemma t6_rl3 : exists a, exec label LTau (RL3 root) s0 T6 a /\ happy3 a.
Proof.
  eexists. split.
  - (* CPU 1: the unmapping store enters the write buffer; the TLBI is issued and performed *)
    vis_step (s3_write root).
    vis_step (s3_tlbi root).
    tau_step (s3_perform root _ 1 [] (1, TIPAS2 0 false) []).
    (* CPU 0's walker still reads the block from memory and refills the TLB *)
    walk0_to_l2 0.
    tau_step (s3_walk_leaf root _ 0 [] (mkP 1 0 2 L2) [] KS2).
    (* the store drains; CPU 1's DSB completes *)
    tau_step (s3_drain root _ 1 [] L2 0 []); [constructor|].
    vis_step (s3_dsb root).
    (* CPU 0 hits the refilled entry *)
    vis_step (s3_hit root _ 0 (mkT 1 0 (Leaf 2 blk) KS2)); [left; reflexivity|].
    apply exec_nil.
  - unfold happy3. cbn. split; [exact I|].
    apply happy_write_unmap; [left; reflexivity|apply blk_not_tbl].
Qed.

(* SCT explains the run (by the main theorem) ... *)
Lemma t6_sct : exists b, exec label LTau (SCT root) sS0 T6 b.
Proof.
  explained_by_sct t6_rl3.
Qed.

(* ... because the DSB did not clean the translation: the TLBI was issued while walkers could
   still see the block. *)
Lemma t6_still_stale :
  g_stale (grun root ctx0 (ginit m0) (removelast T6)) 1 0 (Leaf 2 blk) KS2.
Proof.
  cbn [removelast T6 grun g_label ctx_label g_write g_tlbi g_dsb g_stale g_tops g_tnew ginit].
  split.
  - right. split; [discriminate|]. split; [vm_compute; reflexivity|vm_compute; discriminate].
  - intros [_ Hn]. apply Hn. right. split; [reflexivity|].
    split; [discriminate|]. split; [vm_compute; reflexivity|vm_compute; discriminate].
Qed.

(* The bottom layer's rely refuses this order (C4: a TLBI only after the VM's stores are
   fenced), which is why the generated proofs never meet it. *)
Lemma t6_rely_refuses :
  match bstep root (cginit m0 ctx0) (BAcquire 1 1) with
  | Some (cg1, _) =>
      match bstep root cg1 (BStore 1 1 0 2 0) with
      | Some (cg2, _) => bstep root cg2 (BTlbi 1 (TIPAS2 0 false)) = None
      | None => False
      end
  | None => False
  end.
Proof. vm_compute. reflexivity. Qed.
