(* tests/mmu/Setup.v -- the concrete configuration of the MMU tests.
   VMID v's stage-2 root table is the odd page 2v+1 (VM 1: page 3).  VM 1 maps IPA 0 through
   L0 (page 3) -> L1 (page 2) -> L2 (page 4), whose entry 0 is a 2 MB block at PA 0x200000.
   Every other table page is zero.  Both CPUs run VMID 1 (CPU 0 the guest, CPU 1 the
   hypervisor's page-table code). *)
From Coq Require Import ZArith List Bool Lia.
From AutoV.MMU Require Import Desc Walk Labels Ghost GhostInv LTS RL3 SCT Compose.
Import ListNotations.
Open Scope Z_scope.

Definition root (v : Z) : Z := 4096 * (2 * v + 1).
Definition L0 : Z := 12288.           (* = root 1 *)
Definition L1 : Z := 8192.
Definition L2 : Z := 16384.
Definition blk : Z := 2097153.        (* 2 MB block descriptor, output address 0x200000 *)
Definition blk' : Z := 4194305.       (* 2 MB block descriptor, output address 0x400000 *)

Definition m0 : Z -> Z := upd (upd (upd (fun _ => 0) L0 (L1 + 3)) L1 (L2 + 3)) L2 blk.
Definition ctx0 : nat -> Z := fun _ => 1.
Definition s0 : st3 :=
  mk3 m0 (fun _ => []) ctx0 (fun _ => []) (fun _ => []) (fun _ => []) (fun _ => []) (ginit m0).
Definition sS0 : stS := mkS ctx0 (ginit m0).

Lemma walk_ipa0 : walk m0 (root 1) 0 = Leaf 2 blk.
Proof. vm_compute. reflexivity. Qed.

(* The root tables of the other VMIDs are empty: their walks fault. *)
Lemma m0_other_root v ipa : v <> 1 -> m0 (eaddr (root v) 0 ipa) = 0.
Proof.
  intros Hv. pose proof (idx_range 0 ipa) as Hi. unfold m0, eaddr, root, L0, L1, L2.
  rewrite !upd_other; [reflexivity| | |]; nia.
Qed.

(* The pages outside VM 1's tables are unaffected by the tests' stores, so other VMs' walks
   fault in every memory that agrees with [m0] on their root pages. *)
Lemma walk_other_vm m v ipa :
  v <> 1 -> m (eaddr (root v) 0 ipa) = m0 (eaddr (root v) 0 ipa) -> walk m (root v) ipa = Fault.
Proof.
  intros Hv E. apply (walk_invalid_at _ _ _ 0 (root v)); [apply rch_refl|].
  rewrite E, m0_other_root by exact Hv. reflexivity.
Qed.

(* Building executions step by step. *)
(* The state after a step is kept in normal form (record of fields), so that its size grows
   linearly along the run instead of doubling at each step. *)
Ltac norm3 := cbv beta iota zeta delta [w3_mem w3_wbuf w3_ctx w3_walks w3_wc w3_tlb w3_tq w3_gh
  r3_mem r3_wbuf r3_ctx r3_walks r3_wc r3_tlb r3_tq r3_gh perform3 s0].
Tactic Notation "tau_step" open_constr(H) :=
  eapply exec_tau; [eapply H; try reflexivity|norm3].
Tactic Notation "vis_step" open_constr(H) :=
  eapply exec_vis; [discriminate|eapply H; try reflexivity|norm3].

(* A happy RL3 run from [s0] ([H : exists a, exec … s0 tr a /\ happy3 a]) is explained by SCT
   from [sS0], by the main theorem. *)
Ltac explained_by_sct H :=
  let a := fresh "a" in let He := fresh "He" in let Hh := fresh "Hh" in
  let b := fresh "b" in let Hb := fresh "Hb" in
  destruct H as (a & He & Hh); apply (mmu_refines_from root) in He as (b & Hb & _);
  [exists b; exact Hb|exact Hh].

(* CPU 0's walker goes from VM 1's root (L0) through L1 down to the L2 table for [ipa]. *)
Ltac walk0_to_l2 ipa :=
  tau_step (s3_walk_init root _ 0 ipa);
  tau_step (s3_walk_next root _ 0 [] (mkP 1 ipa 0 L0) [] L1);
  tau_step (s3_walk_next root _ 0 [] (mkP 1 ipa 1 L1) [] L2).

(* An invalidating store of a non-table descriptor is always happy (no race assumed). *)
Lemma happy_write_unmap G c a :
  (g_pw G a = None \/ g_pw G a = Some c) -> (forall l, is_tbl l (g_mem G a) = false) ->
  happy_write root G c a 0.
Proof.
  intros Hr Ht. constructor; [exact Hr|intros H; discriminate| | |].
  - intros v ipa l b _ _ H. rewrite Ht in H. discriminate.
  - intros v ipa l b _ _ H; discriminate.
  - intros v ipa r r' k Hw Hf Hne _. destruct r' as [|l d]; [congruence|]. exfalso. apply Hne.
    eapply walk_mono_leaf; [|exact Hw]. intros a'. unfold upd.
    destruct (a' =? a); [left; reflexivity|apply lev_refl].
Qed.

(* A validating store into an invalid entry is happy when what it links (if it is table-shaped)
   is an empty fenced page, and nothing stale conflicts. *)
Lemma happy_write_map G c a x :
  (g_pw G a = None \/ g_pw G a = Some c) -> dvalid (g_top G a) = false ->
  dvalid (g_mem G a) = false ->
  (forall l, is_tbl l x = true -> fresh_table (upd (g_mem G) a x) (g_pw G) (oa x)) ->
  (forall v ipa r k, ~ g_stale G v ipa r k) ->
  happy_write root G c a x.
Proof.
  intros Hr Ht Hm Hf Hs. constructor; [exact Hr|intros _ H; congruence| | |].
  - intros v ipa l b _ _ H. apply is_tbl_valid in H. congruence.
  - intros v ipa l b _ _ H _; apply Hf with l; exact H.
  - intros v ipa r r' k _ _ _ H. exfalso. apply (Hs _ _ _ _ H).
Qed.

Lemma blk_not_tbl l : is_tbl l blk = false.
Proof. reflexivity. Qed.
Lemma blk'_not_tbl l : is_tbl l blk' = false.
Proof. reflexivity. Qed.
