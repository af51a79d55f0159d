(** The demonstration's tables on the library: three VMs (nothing depends on [MAX_VM = 2]),
    per-level arrays of tables shared by the VMs, tables named by index ([(index + 1) << 12]
    in descriptors).  VM 2 maps a page: three fresh tables and a leaf; VM 0 is unaffected. *)
From Coq Require Import ZArith Lia.
From AutoV Require Import Spec Ints.
From AutoV.PT Require Import PTDesc PTBits PTWalk PTTree PTRefine PTInstances PTTactics.
Local Open Scope Z_scope.

Definition cap (l : nat) : Z := match l with O | 1%nat | 2%nat | 3%nat => 3 | _ => 0 end.
Definition next0 (l : nat) : Z := match l with O => 3 | _ => 0 end.
Definition tabs0 : nat -> ZMap.t (ZMap.t Z) := fun _ => ZMap.init (ZMap.init 0).

Lemma ex_layout : demo_layout 3 cap next0.
Proof. constructor; try reflexivity; intros [|[|[|[|l]]]]; cbn; lia. Qed.

Lemma ex_init : demo_rel 3 cap next0 tabs0 (fun _ => aempty).
Proof. apply demo_rel_init; [exact ex_layout | intros [|l] H; [lia | reflexivity] | reflexivity]. Qed.

Definition va : Z := 8192.
Definition pa : Z := 1234 * 4096.

Definition tabs1 := tabs_set tabs0 0 2 (idx demo 0 va) ((0 + 1) * 4096 + 3).
Definition tabs2 := tabs_set tabs1 1 0 (idx demo 1 va) ((0 + 1) * 4096 + 3).
Definition tabs3 := tabs_set tabs2 2 0 (idx demo 2 va) ((0 + 1) * 4096 + 3).
Definition tabs4 := tabs_set tabs3 3 0 (idx demo 3 va) (oa pa + 3).
Definition next3 := cnt_inc (cnt_inc (cnt_inc next0 1) 2) 3.

Lemma ex_map : demo_rel 3 cap next3 tabs4
  (ctx_set (fun _ => aempty) 2 (aset aempty 3 (key demo 3 va) (Some (oa pa)))).
Proof.
  destruct (demo_rel_link _ _ _ _ _ 2 va 0 2 ex_init ltac:(lia) ltac:(lia) eq_refl
              ltac:(pt_concrete) ltac:(pt_concrete)) as [R1 P1].
  destruct (demo_rel_link _ _ _ _ _ 2 va 1 _ R1 ltac:(lia) ltac:(lia) P1
              ltac:(pt_concrete) ltac:(pt_concrete)) as [R2 P2].
  destruct (demo_rel_link _ _ _ _ _ 2 va 2 _ R2 ltac:(lia) ltac:(lia) P2
              ltac:(pt_concrete) ltac:(pt_concrete)) as [R3 P3].
  destruct (demo_leaf pa) as [D L].
  pose proof (demo_rel_set _ _ _ _ _ 2 va 3 _ (oa pa + 3) R3 ltac:(lia) ltac:(pt_concrete) ltac:(lia) P3
                ltac:(pt_concrete) ltac:(unfold is_tbl; rewrite D; reflexivity)) as R4.
  rewrite L in R4. exact R4.
Qed.

Example ex_walks : walk demo (nested tabs4) 2 va = Leaf 3 (oa pa + 3) /\
                   walk demo (nested tabs4) 0 va = Fault 0 /\
                   walk demo (nested tabs4) 2 (va + 4096) = Fault 3.
Proof. vm_compute. auto. Qed.
