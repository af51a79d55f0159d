(** Worked example on SeKVM's SMMU instance: one pool shared by 16 contexts whose 8 KiB roots
    sit outside it.  Map a page in context 0 (two fresh tables and a leaf), remove it again
    (a zero descriptor), clear the root of context 1; the relation holds throughout, each
    context's map changes only where the operation says.  [set_smmu_ok] is the spec-shaped
    lemma for [set_smmu_pt] (a zero descriptor removes the entry); a negative test patches it. *)
From Coq Require Import ZArith Lia Bool.
From AutoV Require Import Spec Ints.
From AutoV.PT Require Import PTDesc PTBits PTWalk PTTree PTRefine PTInstances PTTactics.
Local Open Scope Z_scope.

Definition P : Z := 1073741824.                          (* the SMMU pool: 1 GiB *)
Definition root (j : Z) : Z := 2147483648 + 8192 * j.    (* context roots from 2 GiB *)
Definition m0 : ZMap.t Z := ZMap.init 0.

Lemma ex_layout : smmu_layout P root 16.
Proof.
  unfold P, root. constructor; intros; try lia; [reflexivity|].
  replace (2147483648 + 8192 * j) with ((524288 + 2 * j) * 4096) by ring. apply Z.mod_mul. lia.
Qed.

Lemma ex_init : smmu_rel P root 16 0 0 m0 (fun _ => aempty).
Proof. apply smmu_rel_init; [exact ex_layout | reflexivity | reflexivity]. Qed.

Definition va : Z := 20480.                              (* 0x5000 *)
Definition pte : Z := 305418240 + 1795.                  (* 0x12345000 | attributes *)

Definition m1 := m0 # (root 0 + 8 * idx smmu 0 va) == (P + 3).
Definition m2 := m1 # (P + 8 * idx smmu 1 va) == (P + 1048576 + 3).
Definition m3 := m2 # (P + 1048576 + 8 * idx smmu 2 va) == pte.
Definition A3 := ctx_set (fun _ => aempty) 0 (aset aempty 2 (va / 4096) (Some pte)).

Lemma ex_map : smmu_rel P root 16 1 1 m3 A3.
Proof.
  destruct (smmu_rel_link1 _ _ _ _ _ _ _ 0 va ex_init ltac:(lia) ltac:(pt_concrete) ltac:(pt_concrete))
    as [R1 P1].
  destruct (smmu_rel_link2 _ _ _ _ _ _ _ 0 va _ R1 ltac:(lia) P1 ltac:(pt_concrete) ltac:(pt_concrete))
    as [R2 P2].
  exact (smmu_rel_set _ _ _ _ _ _ _ 0 va _ pte R2 ltac:(lia) ltac:(pt_concrete) P2).
Qed.

Example ex_walk : smmu_walk_code m3 (root 0) va = pte /\ smmu_walk_code m3 (root 1) va = 0 /\
                  smmu_walk_code m3 (root 0) (va + 4096) = 0 /\ smmu_lookup (A3 0) va = pte.
Proof. vm_compute. auto. Qed.

(** Unmap: a zero descriptor removes the entry. *)
Definition m4 := m3 # (P + 1048576 + 8 * idx smmu 2 va) == 0.
Lemma ex_unmap : smmu_rel P root 16 1 1 m4 (ctx_set A3 0 (aset (A3 0) 2 (va / 4096) None)).
Proof.
  assert (P3 : reach smmu (flat 8 m3) 2 (root 0) va = Some (P + 1048576)) by pt_concrete.
  exact (smmu_rel_set _ _ _ _ _ _ _ 0 va _ 0 ex_map ltac:(lia) ltac:(pt_concrete) P3).
Qed.

(** [init_smmu_pt] of context 1: its root is zeroed (here it already was; the lemma does not
    care) and context 0 keeps its mapping. *)
Definition clear_range (m : ZMap.t Z) (lo n : Z) : ZMap.t Z :=
  fun a => if (lo <=? a) && (a <? lo + n) then 0 else m a.

Lemma ex_clear : smmu_rel P root 16 1 1 (clear_range m3 (root 1) 8192) (ctx_set A3 1 aempty).
Proof.
  apply (smmu_rel_clear _ _ _ _ _ m3 _ _ 1 ex_map ltac:(lia)); intros a H; unfold clear_range, ZMap.get.
  - replace ((root 1 <=? a) && (a <? root 1 + 8192)) with true by (symmetry; apply andb_true_iff; lia). reflexivity.
  - replace ((root 1 <=? a) && (a <? root 1 + 8192)) with false; [reflexivity|].
    symmetry. apply andb_false_iff. destruct (Z.le_gt_cases (root 1) a); [right|left]; lia.
Qed.

Example ex_clear_walk : smmu_walk_code (clear_range m3 (root 1) 8192) (root 0) va = pte.
Proof. vm_compute. reflexivity. Qed.

(** [set_smmu_pt] once the walk reached the level-2 table [t]: the context's map gets [pte],
    or loses the entry when [pte] is zero. *)
Lemma set_smmu_ok : forall P root nctx n1 n2 m A j va t pte,
  smmu_rel P root nctx n1 n2 m A -> 0 <= j < nctx -> 0 <= va < 2 ^ 40 ->
  reach smmu (flat 8 m) 2 (root j) va = Some t ->
  smmu_rel P root nctx n1 n2 (m # (t + 8 * idx smmu 2 va) == pte)
    (ctx_set A j (aset (A j) 2 (va / 4096) (if pte =? 0 then None else Some pte))).
Proof. intros. apply smmu_rel_set; auto. Qed.
