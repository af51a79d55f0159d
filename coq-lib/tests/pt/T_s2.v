(** Worked example of the page-table library on SeKVM's stage-2 instance.

    1. A concrete VM pool (start 1 GiB, guest capacity) with zero memory satisfies the relation
       with empty maps ([ex_init]).
    2. [set_npt] of a 4 KiB page: the code links three fresh tables and writes the leaf
       [pte | 2^56]; the relation holds after each step, by library lemmas only ([ex_page]);
       [vm_compute] walks the concrete table.
    3. Linking a fresh table without a leaf changes no translation ([ex_link]); a 2 MiB block
       ([ex_block]).
    4. The code's own arithmetic: the IR's [walk_npt] with its literal masks and shifts answers the
       abstract lookup ([ir_walk_npt_ok]), and the spec-shaped lemmas for [set_npt] at levels 3
       and 2 ([set_page_ok], [set_block_ok]) — the negative tests patch these. *)
From Coq Require Import ZArith Lia.
From AutoV Require Import Spec Ints.
From AutoV.PT Require Import PTDesc PTBits PTWalk PTTree PTRefine PTInstances PTTactics.
Local Open Scope Z_scope.

(** ** 1. A concrete, empty pool *)

Definition start : Z := 1073741824.
Definition cap3 : Z := s2_cap3_of 1.
Definition m0 : ZMap.t Z := ZMap.init 0.

Lemma ex_layout : s2_layout start cap3.
Proof. constructor; vm_compute; congruence. Qed.

Lemma ex_init : s2_rel start cap3 0 0 0 m0 (s2_amap (ZMap.init None) (ZMap.init None)).
Proof.
  apply (s2_rel_ext _ _ _ _ _ _ aempty); [intros; apply s2_amap_empty|].
  apply s2_rel_init; [exact ex_layout | reflexivity].
Qed.

(** ** 2. Mapping one page: three fresh tables and a leaf *)

Definition va1 : Z := 305418240.              (* 0x12345000 *)
Definition pte1 : Z := 2147483648 + 1987.     (* 0x80000000 | attributes *)

(** The memory after [set_npt(vmid, va1, 3, pte1)], written as the code writes it. *)
Definition m1 := m0 # (start + 8 * idx s2 0 va1) == (start + 4096 + 3).
Definition m2 := m1 # (start + 4096 + 8 * idx s2 1 va1) == (start + 69632 + 3).
Definition m3 := m2 # (start + 69632 + 8 * idx s2 2 va1) == (start + 2097152 + 3).
Definition m4 := m3 # (start + 2097152 + 8 * idx s2 3 va1) == orbit 56 pte1.

Definition A4 := s2_amap (ZMap.init None) ((ZMap.init None) # (va1 / 4096) == Some (orbit 56 pte1)).

(** The concrete walk, computed. *)
Example ex_walk : s2_walk_code m4 start va1 = orbit 56 pte1.
Proof. vm_compute. reflexivity. Qed.
Example ex_walk_lib : walk s2 (s2_mem m4) start va1 = Leaf 3 (orbit 56 pte1).
Proof. vm_compute. reflexivity. Qed.
Example ex_walk_next_page : walk s2 (s2_mem m4) start (va1 + 4096) = Fault 3.
Proof. vm_compute. reflexivity. Qed.
Example ex_walk_other_gib : walk s2 (s2_mem m4) start (va1 + 1073741824) = Fault 1.
Proof. vm_compute. reflexivity. Qed.
Example ex_lookup : s2_lookup A4 va1 = orbit 56 pte1.
Proof. vm_compute. reflexivity. Qed.

Lemma ex_page : s2_rel start cap3 1 1 1 m4 A4.
Proof.
  pose proof ex_init as R0.
  destruct (s2_rel_link1 _ _ _ _ _ _ _ va1 R0 ltac:(pt_concrete) ltac:(pt_concrete)) as [R1 P1].
  destruct (s2_rel_link2 _ _ _ _ _ _ _ va1 _ R1 P1 ltac:(pt_concrete) ltac:(pt_concrete)) as [R2 P2].
  destruct (s2_rel_link3 _ _ _ _ _ _ _ va1 _ R2 P2 ltac:(pt_concrete) ltac:(pt_concrete)) as [R3 P3].
  pose proof (s2_rel_set _ _ _ _ _ _ _ va1 3 _ (orbit 56 pte1) R3 ltac:(pt_concrete) ltac:(lia) P3
                (s2_not_tbl3 _) (s2_not_tbl3 _) (s2_canon3 _)) as R4.
  apply (s2_rel_ext _ _ _ _ _ _ _ _ (fun l k => s2_amap_set3 _ _ _ _ l k)) in R4.
  exact R4.
Qed.

(** Level-3 tables are never empty between operations: after the whole [set_npt], the fresh
    level-3 table holds the leaf. *)
Lemma ex_page_full : s2_full start 1 1 1 m4 (fun _ => False).
Proof.
  pose proof ex_init as R0.
  destruct (s2_rel_link1 _ _ _ _ _ _ _ va1 R0 ltac:(pt_concrete) ltac:(pt_concrete)) as [R1 P1].
  destruct (s2_rel_link2 _ _ _ _ _ _ _ va1 _ R1 P1 ltac:(pt_concrete) ltac:(pt_concrete)) as [R2 P2].
  destruct (s2_rel_link3 _ _ _ _ _ _ _ va1 _ R2 P2 ltac:(pt_concrete) ltac:(pt_concrete)) as [R3 P3].
  pose proof (s2_full_init start m0) as F0.
  pose proof (s2_full_upper _ _ _ _ _ (0 + 1) 0 _ _ va1 0 _ (start + 4096 + 4096 * 0 + 3) _
                R0 ltac:(lia) eq_refl F0) as F1.
  pose proof (s2_full_upper _ _ _ _ _ (0 + 1) (0 + 1) _ _ va1 1 _ (start + 69632 + 4096 * 0 + 3) _
                R1 ltac:(lia) P1 F1) as F2.
  pose proof (s2_full_link3 _ _ _ _ _ _ _ va1 _ _ R2 P2 ltac:(pt_concrete) F2) as F3.
  pose proof (s2_full_set3 _ _ _ _ _ _ _ va1 _ (orbit 56 pte1) _ R3 P3 ltac:(pt_concrete) F3) as F4.
  refine (nonempty_weaken s2 _ _ 3 _ _ _ F4). intros x [[[] | ->] N]. apply N. reflexivity.
Qed.

(** ** 3. Linking a fresh table changes no translation; a 2 MiB block *)

Definition va2 : Z := 549755813888.           (* 2^39: the second root entry *)
Definition m5 := m4 # (start + 8 * idx s2 0 va2) == (start + 4096 + 4096 * 1 + 3).

Lemma ex_link : s2_rel start cap3 2 1 1 m5 A4 /\ reach s2 (s2_mem m5) 1 start va2 = Some (start + 8192).
Proof. exact (s2_rel_link1 _ _ _ _ _ _ _ va2 ex_page ltac:(pt_concrete) ltac:(pt_concrete)). Qed.

Example ex_link_walk : walk s2 (s2_mem m5) start va1 = walk s2 (s2_mem m4) start va1 /\
                       walk s2 (s2_mem m5) start va2 = Fault 1 /\ walk s2 (s2_mem m4) start va2 = Fault 0.
Proof. vm_compute. auto. Qed.

Definition va3 : Z := 1073741824.             (* 1 GiB: root entry 0, level-1 entry 1 *)
Definition blk3 : Z := 1073741824 + 1025.     (* a block descriptor: low bits 0b01 *)
Definition m6 := m5 # (start + 4096 + 8 * idx s2 1 va3) == (start + 69632 + 4096 * 1 + 3).
Definition m7 := m6 # (start + 73728 + 8 * idx s2 2 va3) == orbit 55 blk3.
Definition A7 := s2_amap ((ZMap.init None) # (va3 / 2097152) == Some (orbit 55 blk3))
                         ((ZMap.init None) # (va1 / 4096) == Some (orbit 56 pte1)).

Lemma ex_block : s2_rel start cap3 2 2 1 m7 A7.
Proof.
  destruct ex_link as [R5 _].
  assert (P5 : reach s2 (s2_mem m5) 1 start va3 = Some (start + 4096)) by pt_concrete.
  destruct (s2_rel_link2 _ _ _ _ _ _ _ va3 _ R5 P5 ltac:(pt_concrete) ltac:(pt_concrete)) as [R6 P6].
  destruct (s2_block_val blk3 ltac:(pt_concrete) ltac:(pt_concrete)) as [Hv Hl].
  pose proof (s2_rel_set _ _ _ _ _ _ _ va3 2 _ (orbit 55 blk3) R6 ltac:(pt_concrete) ltac:(lia) P6
                ltac:(pt_concrete) Hv (s2_canon2 (orbit 55 blk3) ltac:(pt_concrete))) as R7.
  rewrite Hl in R7. apply (s2_rel_ext _ _ _ _ _ _ _ _ (fun l k => s2_amap_set2 _ _ _ _ l k)) in R7.
  exact R7.
Qed.

Example ex_block_walk : s2_walk_code m7 start (va3 + 12345) = orbit 55 blk3 /\
                        s2_lookup A7 (va3 + 12345) = orbit 55 blk3 /\
                        s2_walk_code m7 start va1 = orbit 56 pte1.
Proof. vm_compute. auto. Qed.

(** ** 4. The code's arithmetic *)

(** One step of [walk_pgd]/[walk_pud]/[walk_pmd]/[walk_pte] with [alloc = 0], as in the IR:
    [t & 0x0000fffffffff000], then [pt_load] at [((va >> sh) & 4088) | base]. *)
Definition ir_step (m : ZMap.t Z) (tbl va sh : Z) : Z :=
  let base := iand 64 tbl 281474976706560 in
  if base =? 0 then 0 else m @ (ior 64 (iand 64 (ilshr 64 va sh) 4088) base).

Definition ir_walk_npt (m : ZMap.t Z) (vttbr va : Z) : Z :=
  let pgd := ir_step m vttbr va 36 in
  let pud := ir_step m pgd va 27 in
  let pmd := ir_step m pud va 18 in
  if iand 64 pmd 3 =? 3 then ir_step m pmd va 9 else pmd.

Lemma ir_walk_npt_ok : forall start cap3 n1 n2 n3 m A vttbr va,
  s2_rel start cap3 n1 n2 n3 m A -> oa vttbr = start -> 0 <= va < 2 ^ 48 ->
  ir_walk_npt m vttbr va = s2_lookup A va.
Proof.
  intros start cap3 n1 n2 n3 m A vttbr va HR Hv Hva.
  rewrite <- (s2_rel_walk _ _ _ _ _ _ _ _ HR Hva). destruct HR as [HL _].
  unfold ir_walk_npt, ir_step, s2_walk_code. pt_bits.
  rewrite Hv. replace (start =? 0) with false by (destruct HL; symmetry; apply Z.eqb_neq; lia).
  reflexivity.
Qed.

(** [set_npt] at level 3 once the walk has reached the level-3 table [t]: the page map gets
    [pte | 2^56]. *)
Lemma set_page_ok : forall start cap3 n1 n2 n3 m blk pg va t pte,
  s2_rel start cap3 n1 n2 n3 m (s2_amap blk pg) -> 0 <= va < 2 ^ 48 -> 0 <= pte < 2 ^ 64 ->
  reach s2 (s2_mem m) 3 start va = Some t ->
  s2_rel start cap3 n1 n2 n3 (m # (t + 8 * idx s2 3 va) == ior 64 pte 72057594037927936)
    (s2_amap blk (pg # (va / 4096) == Some (ior 64 pte 72057594037927936))).
Proof.
  intros start cap3 n1 n2 n3 m blk pg va t pte HR Hva Hpte Hr. pt_bits.
  destruct (s2_page_val pte ltac:(lia)) as [Hv Hl]. rewrite <- Hl, <- s2_key3.
  apply (s2_rel_ext _ _ _ _ _ _ _ _ (fun l k => s2_amap_set3 _ _ _ _ l k)).
  apply s2_rel_set; auto; first [lia | apply s2_not_tbl3 | apply s2_canon3].
Qed.

(** [set_npt] at level 2 (no table there: [pmd & 3 <> 3]), with a block descriptor. *)
Lemma set_block_ok : forall start cap3 n1 n2 n3 m blk pg va t pte,
  s2_rel start cap3 n1 n2 n3 m (s2_amap blk pg) -> 0 <= va < 2 ^ 48 -> 0 <= pte < 2 ^ 64 ->
  iand 64 pte 3 <> 3 -> reach s2 (s2_mem m) 2 start va = Some t ->
  iand 64 (m @ (t + 8 * idx s2 2 va)) 3 <> 3 ->
  s2_rel start cap3 n1 n2 n3 (m # (t + 8 * idx s2 2 va) == ior 64 pte 36028797018963968)
    (s2_amap (blk # (va / 2097152) == Some (ior 64 pte 36028797018963968)) pg).
Proof.
  intros start cap3 n1 n2 n3 m blk pg va t pte HR Hva Hpte Hlow Hr Hold. pt_bits. pt_bits_hyps.
  destruct (s2_block_val pte ltac:(lia) Hlow) as [Hv Hl]. rewrite <- Hl, <- s2_key2.
  apply (s2_rel_ext _ _ _ _ _ _ _ _ (fun l k => s2_amap_set2 _ _ _ _ l k)).
  apply s2_rel_set; auto; first [lia | apply s2_not_tbl2; auto | apply s2_canon2; rewrite low_orbit by lia; auto].
Qed.

(** [pt_frame]: the slot-level description of [v_set_pte]'s store, from the relation. *)
Lemma frame_example : forall start cap3 n1 n2 n3 m A va t v,
  s2_rel start cap3 n1 n2 n3 m A -> reach s2 (s2_mem m) 3 start va = Some t ->
  write_at s2 (s2_pool start cap3) (s2_mem m) (s2_mem (m # (t + 8 * idx s2 3 va) == v)) 3 t (idx s2 3 va) v.
Proof. intros start cap3 n1 n2 n3 m A va t v (HL & Hc & HT & HM) Hr. pt_frame. Qed.

(** [init_npt]: the VTTBR it computes names the pool's root. *)
Lemma init_npt_root : forall start cap3 vmid, s2_layout start cap3 -> start < 2 ^ 48 ->
  oa (ior 64 start (ishl 64 (izext 32 (iand 32 vmid 255)) 48)) = start.
Proof. intros start cap3 vmid HL H. rewrite i_vttbr by (destruct HL; lia). apply (s2_vttbr_root _ cap3); auto. Qed.
