(* tests/mmu/T_bbm.v -- break-before-make.
   Replacing VM 1's valid block descriptor by a different valid one in a single store falsifies
   [happy] (and the decidable rely of pt_store rejects it); the break-before-make sequence
   (store invalid, DSB, TLBI VMALLS12E1IS, DSB, store the new descriptor) is happy. *)
From Coq Require Import ZArith List Bool Lia.
From AutoV.MMU Require Import Desc Walk Labels Ghost GhostInv LTS RL3 SCT Compose Conditions.
From MMUT Require Import Setup.
Import ListNotations.
Open Scope Z_scope.

Definition T3_bad : list label := [LWrite 1 L2 blk'].

Lemma t3_bad_unhappy : ~ happy_trace root m0 ctx0 T3_bad.
Proof.
  unfold happy_trace, T3_bad. cbn. intros [_ Hw].
  pose proof (hw_bbm _ _ _ _ _ Hw eq_refl eq_refl) as Hbbm. vm_compute in Hbbm. discriminate.
Qed.

(* The bottom layer's decidable rely for pt_store (lock held) rejects the same store. *)
Lemma t3_bad_rejected :
  forall cg, bstep root (cginit m0 ctx0) (BAcquire 1 1) = Some (cg, []) ->
  rely_store root cg 1 1 0 2 blk' = false.
Proof. intros cg H. vm_compute in H. injection H as <-. vm_compute. reflexivity. Qed.

Definition T3_ok : list label :=
  [LWrite 1 L2 0; LBar 1 DSB_ISH; LTlbi 1 TVMALLS12E1; LBar 1 DSB_ISH; LWrite 1 L2 blk'].

Lemma t3_ok_happy : happy_trace root m0 ctx0 T3_ok.
Proof.
  unfold happy_trace, T3_ok. cbn [grun g_label ctx_label].
  cbn [g_happy g_write g_dsb g_tlbi ginit]. split; [split; [exact I|]|].
  - apply happy_write_unmap; [left; reflexivity|apply blk_not_tbl].
  - apply happy_write_map; [left; vm_compute; reflexivity|vm_compute; reflexivity
                           |vm_compute; reflexivity|intros l H; rewrite blk'_not_tbl in H; discriminate|].
    intros v ipa r k Hs. cbn [g_stale g_dsb g_tlbi g_write g_tnew g_tops ginit] in Hs.
    destruct Hs as [[[[]|(Hf & Hw & _)] _] Hc].
    destruct (Z.eq_dec v 1) as [->|Nv].
    + apply Hc. split; [destruct k; vm_compute; reflexivity|].
      intros [[Hne _]|[_ (_ & Ht & Hm)]]; [apply Hne; reflexivity|]. apply Hm. rewrite <- Ht.
      apply walk_ext_fun. intros a. cbn. unfold upd. destruct (a =? L2) eqn:E; [reflexivity|].
      destruct (a =? L2); [discriminate|reflexivity].
    + change (walk m0 (root v) ipa = r) in Hw. rewrite (walk_other_vm m0 v ipa Nv eq_refl) in Hw. congruence.
Qed.
