(** * Instances: SeKVM's stage-2 tables (4 levels, 2 MiB blocks at level 2), SeKVM's SMMU
    tables (3 levels, a 1024-entry root), and the demonstration's tables (4 levels, per-level
    arrays of tables).

    For each: the configuration (a [granule] configuration: 4 KiB tables of 512 entries below a
    root of [2^w0] entries), the layout of its pools, a packaged relation
    ([s2_rel], [smmu_rel], [demo_rel]: layout facts + shape + meaning), the code's walk as a
    div/mod function proved equal to the library walk ([s2_walk_code_eq], [smmu_walk_code_eq]),
    and the main theorems at the level of the packaged relation (init, walk, link a freshly
    allocated table, set a leaf, clear a root).  All arithmetic is in the div/mod forms of
    [PT/PTDesc.v]; [PT/PTBits.v] relates the IR's literal masks to them.

    Layouts, read off [SeKVM.ll]:
    - stage 2, per VM, from the pool start [s] ([pool_start], [pgd_pool_end], [pud_pool_end],
      [pmd_pool_end], [alloc_s2pt_*]): the root at [s]; level-1 tables in [[s+4 KiB, s+68 KiB)]
      (16); level-2 tables in [[s+68 KiB, s+2 MiB)] (495); level-3 tables from [s+2 MiB], [cap3]
      of them: 1536 (up to [s+8 MiB]) for guests, 7680 (up to [s+32 MiB]) for the host (VM 0)
      and the hypervisor (VM 18) ([s2_cap3_of]).  An allocator hands out the table at
      [lo + 4096 * used] and panics unless it fits below the level's end;
    - SMMU, one pool [P] shared by all contexts ([smmu_pgd_end], [smmu_pmd_end]): level-1 tables
      in [[P, P+1 MiB)] (256), level-2 tables in [[P+1 MiB, P+16 MiB)] (3840); each context's
      root (8 KiB, 1024 entries) is configured at boot, outside the pool. *)
From Coq Require Import ZArith Lia List Arith Bool.
From AutoV Require Import Spec.
From AutoV.PT Require Import PTDesc PTBits PTWalk PTTree PTRefine.
Local Open Scope Z_scope.

(** ** 4 KiB-granule configurations *)

(** [n] levels, the last one indexed by bits 12..20, each level above by the next 9 bits, the
    root by [w0] bits. *)
Definition g_shift (n : nat) (l : nat) : Z := 12 + 9 * Z.of_nat (n - 1 - l).
Definition g_width (w0 : Z) (l : nat) : Z := match l with O => w0 | _ => 9 end.
Definition granule (n : nat) (w0 : Z) (d : nat -> Z -> kind) : cfg :=
  mkcfg n (g_shift n) (g_width w0) d.

Lemma granule_ok : forall n w0 d, 0 <= w0 -> (forall l, d l 0 = KNone) -> cfg_ok (granule n w0 d).
Proof.
  intros n w0 d Hw Hd. constructor; cbn.
  - intros [|l]; cbn; lia.
  - intros l. unfold g_shift. lia.
  - intros l Hl. unfold g_shift. replace (n - 1 - l)%nat with (S (n - 1 - S l)) by lia.
    rewrite Nat2Z.inj_succ. cbn [g_width]. lia.
  - exact Hd.
Qed.

(** The descriptor itself is the abstract entry (SeKVM keeps whole descriptors in its maps). *)
Definition pt_id (l : nat) (d : Z) : Z := d.

(** ** SeKVM stage 2 *)

Definition s2_dec (l : nat) (d : Z) : kind :=
  match l with O | 1%nat => dec_addr d | 2%nat => dec_block d | _ => dec_page d end.
Definition s2 : cfg := granule 4 9 s2_dec.

Lemma s2_ok : cfg_ok s2.
Proof. apply granule_ok; [lia|]. intros [|[|[|l]]]; reflexivity. Qed.

Lemma s2_idx0 : forall va, idx s2 0 va = field 39 9 va. Proof. reflexivity. Qed.
Lemma s2_idx1 : forall va, idx s2 1 va = field 30 9 va. Proof. reflexivity. Qed.
Lemma s2_idx2 : forall va, idx s2 2 va = field 21 9 va. Proof. reflexivity. Qed.
Lemma s2_idx3 : forall va, idx s2 3 va = field 12 9 va. Proof. reflexivity. Qed.
Lemma s2_key2 : forall va, key s2 2 va = va / 2 ^ 21. Proof. reflexivity. Qed.
Lemma s2_key3 : forall va, key s2 3 va = va / 2 ^ 12. Proof. reflexivity. Qed.
Lemma s2_in_va : forall va, in_va s2 va <-> 0 <= va < 2 ^ 48. Proof. reflexivity. Qed.

Definition s2_mem (m : ZMap.t Z) : rdT := flat 8 m.

Lemma s2_mem_get : forall m l t i, s2_mem m l t i = m @ (t + 8 * i). Proof. reflexivity. Qed.

(** The walk of [walk_npt] ([walk_pgd], [walk_pud], [walk_pmd], then [walk_pte] if the level-2
    entry is a table), with the code's tests in div/mod form. *)
Definition s2_walk_code (m : ZMap.t Z) (root va : Z) : Z :=
  let e0 := m @ (root + 8 * field 39 9 va) in
  let e1 := if oa e0 =? 0 then 0 else m @ (oa e0 + 8 * field 30 9 va) in
  let e2 := if oa e1 =? 0 then 0 else m @ (oa e1 + 8 * field 21 9 va) in
  if low 2 e2 =? 3 then (if oa e2 =? 0 then 0 else m @ (oa e2 + 8 * field 12 9 va)) else e2.

(** The library walk on [s2], one match per level. *)
Lemma s2_walk_eq : forall rd r va, walk s2 rd r va =
  match dec_addr (rd 0%nat r (idx s2 0 va)) with
  | KTable c1 =>
      match dec_addr (rd 1%nat c1 (idx s2 1 va)) with
      | KTable c2 =>
          match dec_block (rd 2%nat c2 (idx s2 2 va)) with
          | KTable c3 =>
              match dec_page (rd 3%nat c3 (idx s2 3 va)) with
              | KTable _ => Fault 4
              | KLeaf => Leaf 3 (rd 3%nat c3 (idx s2 3 va))
              | KNone => Fault 3
              end
          | KLeaf => Leaf 2 (rd 2%nat c2 (idx s2 2 va))
          | KNone => Fault 2
          end
      | KLeaf => Leaf 1 (rd 1%nat c1 (idx s2 1 va))
      | KNone => Fault 1
      end
  | KLeaf => Leaf 0 (rd 0%nat r (idx s2 0 va))
  | KNone => Fault 0
  end.
Proof. reflexivity. Qed.

Lemma s2_walk_code_eq : forall m root va, s2_walk_code m root va = wval (walk s2 (s2_mem m) root va).
Proof.
  intros m root va. rewrite s2_walk_eq. unfold s2_mem, flat. rewrite s2_idx0, s2_idx1, s2_idx2, s2_idx3.
  unfold s2_walk_code. set (e0 := m @ (root + 8 * field 39 9 va)).
  unfold dec_addr at 1. destruct (oa e0 =? 0) eqn:E0; [reflexivity|].
  set (e1 := m @ (oa e0 + 8 * field 30 9 va)).
  unfold dec_addr at 1. destruct (oa e1 =? 0) eqn:E1; [reflexivity|].
  set (e2 := m @ (oa e1 + 8 * field 21 9 va)).
  unfold dec_block at 1. destruct (low 2 e2 =? 3) eqn:L2.
  - destruct (oa e2 =? 0) eqn:E2; [reflexivity|].
    set (e3 := m @ (oa e2 + 8 * field 12 9 va)). unfold dec_page.
    destruct (Z.eqb_spec e3 0) as [->|]; reflexivity.
  - destruct (Z.eqb_spec e2 0) as [->|]; reflexivity.
Qed.

Lemma s2_dec0 : forall d, dec s2 0 d = dec_addr d. Proof. reflexivity. Qed.
Lemma s2_dec1 : forall d, dec s2 1 d = dec_addr d. Proof. reflexivity. Qed.
Lemma s2_dec2 : forall d, dec s2 2 d = dec_block d. Proof. reflexivity. Qed.
Lemma s2_dec3 : forall d, dec s2 3 d = dec_page d. Proof. reflexivity. Qed.

(** *** Layout of one VM's pool *)

Definition s2_lo (start : Z) (l : nat) : Z :=
  match l with O => start | 1%nat => start + 4096 | 2%nat => start + 69632 | _ => start + 2097152 end.
Definition s2_cap (cap3 : Z) (l : nat) : Z :=
  match l with O => 1 | 1%nat => 16 | 2%nat => 495 | 3%nat => cap3 | _ => 0 end.
(** The tables in use: the root, and the counters of the three allocators. *)
Definition s2_cnt (n1 n2 n3 : Z) (l : nat) : Z :=
  match l with O => 1 | 1%nat => n1 | 2%nat => n2 | 3%nat => n3 | _ => 0 end.
(** Level-3 capacity per VM, as in [pmd_pool_end]: 32 MiB pools for the host (0) and the
    hypervisor (18), 8 MiB for guests. *)
Definition s2_cap3_of (vmid : Z) : Z := if (vmid =? 0) || (vmid =? 18) then 7680 else 1536.

Definition s2_pool (start cap3 : Z) : lvpred := bump_pool (s2_lo start) (s2_cap cap3) 4096.
Definition s2_used (start n1 n2 n3 : Z) : lvpred := bump_pool (s2_lo start) (s2_cnt n1 n2 n3) 4096.

Record s2_layout (start cap3 : Z) : Prop := {
  s2_align : start mod 4096 = 0;
  s2_pos : 0 < start;
  s2_top : start + 2097152 + 4096 * cap3 <= 2 ^ 48;
  s2_cap3_nonneg : 0 <= cap3
}.

Definition s2_counts (cap3 n1 n2 n3 : Z) : Prop := 0 <= n1 <= 16 /\ 0 <= n2 <= 495 /\ 0 <= n3 <= cap3.

Lemma s2_extents : forall start cap3, s2_layout start cap3 -> extents_disjoint s2 8 (s2_pool start cap3).
Proof.
  intros start cap3 HL. apply bump_extents_disjoint; [lia | |].
  - intros [|l] _; unfold nent; cbn; lia.
  - intros l l' Hl Hc. destruct HL. destruct l as [|[|[|[|l]]]]; destruct l' as [|[|[|[|l']]]];
      cbn in *; lia.
Qed.

Lemma s2_slots : forall start cap3, s2_layout start cap3 -> slots_disjoint s2 8 (s2_pool start cap3).
Proof. intros. apply extents_slots; [lia | apply s2_extents; auto]. Qed.

Lemma aligned_add : forall a b, a mod 4096 = 0 -> b mod 4096 = 0 -> (a + b) mod 4096 = 0.
Proof. intros a b Ha Hb. rewrite Z.add_mod, Ha, Hb by lia. reflexivity. Qed.

Lemma s2_pool_addr : forall start cap3 l t, s2_layout start cap3 -> s2_pool start cap3 l t ->
  0 < t /\ t + 4096 <= 2 ^ 48 /\ t mod 4096 = 0.
Proof.
  intros start cap3 l t HL Hp. unfold s2_pool, bump_pool in Hp.
  pose proof (bump_range _ 4096 ltac:(lia) _ _ Hp) as [R1 R2].
  assert (A : s2_lo start l mod 4096 = 0)
    by (destruct l as [|[|[|l]]]; cbn; try apply aligned_add; try reflexivity; apply (s2_align _ _ HL)).
  pose proof (bump_aligned _ 4096 ltac:(lia) _ _ A Hp).
  destruct HL. destruct l as [|[|[|[|l]]]]; cbn in *; repeat split; try lia.
Qed.

Lemma s2_root_used : forall start n1 n2 n3, s2_used start n1 n2 n3 0%nat start.
Proof. intros. apply (bump_one start 4096 ltac:(lia)). reflexivity. Qed.

(** *** The relation for one VM

    Layout facts, shape ([tree_ok], [canon]) and meaning, over the VM's table memory [m] (word map by
    physical address), its pool start, level-3 capacity and allocator counters.  The VTTBR
    (root [= oa vttbr]) and everything outside the tables are the project's part. *)
Definition s2_rel (start cap3 n1 n2 n3 : Z) (m : ZMap.t Z) (A : amap) : Prop :=
  s2_layout start cap3 /\ s2_counts cap3 n1 n2 n3 /\
  tree_ok s2 (s2_mem m) (s2_pool start cap3) (s2_used start n1 n2 n3) /\
  canon s2 (s2_mem m) (s2_used start n1 n2 n3) /\
  meaning s2 pt_id (s2_mem m) start A.

(** SeKVM's abstract view: a block map (by 2 MiB region) and a page map (by 4 KiB page). *)
Definition s2_amap (blk pg : ZMap.t (option Z)) : amap :=
  fun l => match l with 2%nat => blk | 3%nat => pg | _ => ZMap.init None end.

(** [walk_npt]'s answer on the abstract maps: the block entry, else the page entry, else 0. *)
Definition s2_lookup (A : amap) (va : Z) : Z :=
  match A 2%nat (va / 2 ^ 21) with
  | Some d => d
  | None => match A 3%nat (va / 2 ^ 12) with Some d => d | None => 0 end
  end.

Lemma s2_amap_empty : forall l k, aempty l k = s2_amap (ZMap.init None) (ZMap.init None) l k.
Proof. intros [|[|[|[|l]]]] k; reflexivity. Qed.

Lemma s2_amap_set2 : forall blk pg k o l k',
  aset (s2_amap blk pg) 2 k o l k' = s2_amap (blk # k == o) pg l k'.
Proof.
  intros. unfold aset, s2_amap. destruct l as [|[|[|[|l]]]]; cbn; rewrite ?ZMap.gsspec; try reflexivity.
Qed.

Lemma s2_amap_set3 : forall blk pg k o l k',
  aset (s2_amap blk pg) 3 k o l k' = s2_amap blk (pg # k == o) l k'.
Proof.
  intros. unfold aset, s2_amap. destruct l as [|[|[|[|l]]]]; cbn; rewrite ?ZMap.gsspec; try reflexivity.
Qed.

Lemma s2_rel_ext : forall start cap3 n1 n2 n3 m A B, (forall l k, A l k = B l k) ->
  s2_rel start cap3 n1 n2 n3 m A -> s2_rel start cap3 n1 n2 n3 m B.
Proof.
  intros start cap3 n1 n2 n3 m A B E (HL & Hc & HT & HK & HM). split; [exact HL|]. split; [exact Hc|].
  split; [exact HT|]. split; [exact HK|]. apply (meaning_ext s2 pt_id _ _ A B E HM).
Qed.

(** Initially the pool is zero and only the root is in use: nothing is mapped. *)
Theorem s2_rel_init : forall start cap3 m, s2_layout start cap3 ->
  (forall a, start <= a < start + 2097152 + 4096 * cap3 -> m @ a = 0) ->
  s2_rel start cap3 0 0 0 m aempty.
Proof.
  intros start cap3 m HL Hz.
  assert (Z0 : forall l t i, s2_pool start cap3 l t -> in_tbl s2 l i -> s2_mem m l t i = 0).
  { intros l t i Hp Hi. unfold s2_pool, bump_pool in Hp. pose proof (bump_range _ 4096 ltac:(lia) _ _ Hp).
    unfold in_tbl, nent in Hi. assert (2 ^ width s2 l = 512) by (destruct l; reflexivity).
    destruct HL. apply Hz. destruct l as [|[|[|[|l]]]]; cbn in *; lia. }
  split; [exact HL|]. split; [unfold s2_counts; destruct HL; lia|]. split.
  - apply (tree_ok_iff s2 (s2_mem m) (s2_pool start cap3) (s2_pool start cap3)
             (fun l t => l = 0%nat /\ t = start) _ (fun _ _ => iff_refl _)).
    + intros l t. unfold s2_used, bump_pool. destruct l as [|l].
      * rewrite (bump_one start 4096 ltac:(lia)). cbn. split; [intros [_ ->]|intros ->]; auto.
      * split; [intros [E _]; discriminate|]. intros H. exfalso.
        destruct l as [|[|[|l]]]; exact (bump_empty _ _ _ H).
    + apply (init_tree s2 s2_ok (s2_mem m) (s2_pool start cap3) (fun t => t = start) Z0).
      intros t ->. apply (bump_one start 4096 ltac:(lia)). reflexivity.
  - split.
    + apply (canon_zero s2). intros l t i Hu Hi. apply Z0; [|exact Hi].
      apply (bump_pool_mono _ (s2_cnt 0 0 0) _ 4096 ltac:(lia)); [|exact Hu].
      destruct HL. intros [|[|[|[|l']]]]; cbn; lia.
    + apply (init_meaning s2 pt_id s2_ok). intros i Hi. apply Z0; [|exact Hi].
      apply (bump_one start 4096 ltac:(lia)). reflexivity.
Qed.

(** [walk_npt] on the tables is the lookup in the abstract maps. *)
Theorem s2_rel_walk : forall start cap3 n1 n2 n3 m A va, s2_rel start cap3 n1 n2 n3 m A ->
  0 <= va < 2 ^ 48 -> s2_walk_code m start va = s2_lookup A va.
Proof.
  intros start cap3 n1 n2 n3 m A va (HL & Hc & HT & HK & HM) Hva. rewrite s2_walk_code_eq. unfold s2_lookup.
  rewrite <- s2_key2, <- s2_key3. destruct (walk s2 (s2_mem m) start va) as [l|l d] eqn:W.
  - rewrite (meaning_fault s2 pt_id _ _ A va 2 l HM Hva ltac:(cbn; lia) W).
    rewrite (meaning_fault s2 pt_id _ _ A va 3 l HM Hva ltac:(cbn; lia) W). reflexivity.
  - destruct (walk_leaf_inv s2 _ _ _ _ _ W) as [Hl (t & _ & _ & D)].
    pose proof (meaning_leaf s2 pt_id _ _ A va l d HM Hva W) as E.
    destruct l as [|[|[|[|l]]]]; cbn [nlv s2 granule] in Hl.
    + rewrite s2_dec0 in D. unfold dec_addr in D. destruct (oa d =? 0); discriminate.
    + rewrite s2_dec1 in D. unfold dec_addr in D. destruct (oa d =? 0); discriminate.
    + rewrite E. reflexivity.
    + rewrite (HM va 2%nat Hva ltac:(cbn; lia)), W, E. reflexivity.
    + lia.
Qed.

(** *** Following the walk *)

Lemma s2_reach_root : forall m r va, reach s2 (s2_mem m) 0 r va = Some r.
Proof. reflexivity. Qed.

(** Levels 0 and 1: an entry with a non-zero address leads to that table. *)
Lemma s2_reach_addr : forall m k r va t, (k < 2)%nat -> reach s2 (s2_mem m) k r va = Some t ->
  oa (m @ (t + 8 * idx s2 k va)) <> 0 ->
  reach s2 (s2_mem m) (S k) r va = Some (oa (m @ (t + 8 * idx s2 k va))).
Proof.
  intros m k r va t Hk H N. apply (reach_step s2 _ k r va t); [exact H|].
  assert (E : dec s2 k (m @ (t + 8 * idx s2 k va)) = dec_addr (m @ (t + 8 * idx s2 k va)))
    by (destruct k as [|[|k]]; [reflexivity | reflexivity | lia]).
  rewrite s2_mem_get, E. unfold dec_addr. apply Z.eqb_neq in N. rewrite N. reflexivity.
Qed.

(** Level 2: a table descriptor ([low bits 0b11], non-zero address) leads to its table. *)
Lemma s2_reach_tbl2 : forall m r va t, reach s2 (s2_mem m) 2 r va = Some t ->
  low 2 (m @ (t + 8 * idx s2 2 va)) = 3 -> oa (m @ (t + 8 * idx s2 2 va)) <> 0 ->
  reach s2 (s2_mem m) 3 r va = Some (oa (m @ (t + 8 * idx s2 2 va))).
Proof.
  intros m r va t H L N. apply (reach_step s2 _ 2 r va t); [exact H|].
  rewrite s2_mem_get, s2_dec2. unfold dec_block. rewrite L. apply Z.eqb_neq in N. rewrite N. reflexivity.
Qed.

(** Empty slots (where the code allocates): levels 0 and 1 whenever the address is zero; at
    level 2 when the address is zero and the abstract block map has no entry there. *)
Lemma s2_empty_addr : forall k d, (k < 2)%nat -> oa d = 0 -> dec s2 k d = KNone.
Proof.
  intros k d Hk E. assert (X : dec s2 k d = dec_addr d) by (destruct k as [|[|k]]; [reflexivity | reflexivity | lia]).
  rewrite X. unfold dec_addr. rewrite E. reflexivity.
Qed.

Lemma s2_empty_2 : forall start cap3 n1 n2 n3 m A va t, s2_rel start cap3 n1 n2 n3 m A ->
  0 <= va < 2 ^ 48 -> reach s2 (s2_mem m) 2 start va = Some t -> A 2%nat (va / 2 ^ 21) = None ->
  oa (m @ (t + 8 * idx s2 2 va)) = 0 -> dec s2 2 (m @ (t + 8 * idx s2 2 va)) = KNone.
Proof.
  intros start cap3 n1 n2 n3 m A va t (HL & Hc & HT & HK & HM) Hva Hr HA E.
  pose proof (meaning_no_leaf s2 pt_id _ _ A va 2 t HM Hva ltac:(cbn; lia) Hr HA) as NL.
  rewrite s2_mem_get in NL. rewrite s2_dec2 in *. unfold dec_block in *. rewrite E in *.
  destruct (low 2 _ =? 3); [reflexivity|]. destruct (_ =? 0); [reflexivity | contradiction].
Qed.

(** *** Linking a freshly allocated table *)

Theorem s2_rel_link : forall start cap3 n1 n2 n3 n1' n2' n3' m A va l0 t,
  s2_rel start cap3 n1 n2 n3 m A -> (l0 < 3)%nat -> reach s2 (s2_mem m) l0 start va = Some t ->
  dec s2 l0 (m @ (t + 8 * idx s2 l0 va)) = KNone ->
  s2_cnt n1 n2 n3 (S l0) < s2_cap cap3 (S l0) ->
  (forall l, s2_cnt n1' n2' n3' l = cnt_inc (s2_cnt n1 n2 n3) (S l0) l) ->
  let c := s2_lo start (S l0) + 4096 * s2_cnt n1 n2 n3 (S l0) in
  s2_rel start cap3 n1' n2' n3' (m # (t + 8 * idx s2 l0 va) == (c + 3)) A /\
  reach s2 (s2_mem (m # (t + 8 * idx s2 l0 va) == (c + 3))) (S l0) start va = Some c.
Proof.
  intros start cap3 n1 n2 n3 n1' n2' n3' m A va l0 t (HL & Hc & HT & HK & HM) Hl Hr Hold Hcap Hn c.
  set (used := s2_used start n1 n2 n3).
  assert (Hu : used l0 t) by exact (reach_used s2 s2_ok _ _ _ HT l0 start va t (s2_root_used _ _ _ _) Hr).
  assert (Hp : s2_pool start cap3 l0 t) by exact (tr_pool _ _ _ _ HT _ _ Hu).
  assert (Hcnt : 0 <= s2_cnt n1 n2 n3 (S l0)) by (destruct Hc as (? & ? & ?); destruct l0 as [|[|[|l0]]]; cbn; lia).
  destruct (bump_fresh (s2_lo start (S l0)) 4096 ltac:(lia) (s2_cnt n1 n2 n3 (S l0)) (s2_cap cap3 (S l0))
              ltac:(lia)) as [Hcp Hcu].
  fold c in Hcp, Hcu.
  destruct (s2_pool_addr start cap3 (S l0) c HL Hcp) as (Hc0 & Hc1 & Hc2).
  assert (Hv : dec s2 l0 (c + 3) = KTable c)
    by (destruct l0 as [|[|[|l0]]]; [apply dec_addr_tdesc | apply dec_addr_tdesc | apply dec_block_tdesc | lia]; lia).
  assert (HW := flat_write s2 8 (s2_pool start cap3) m l0 t (idx s2 l0 va) (c + 3) (s2_slots _ _ HL) Hp
                  (idx_in_tbl s2 s2_ok l0 va)).
  destruct (link_fresh s2 pt_id s2_ok _ _ _ _ l0 t (idx s2 l0 va) c (c + 3) HT Hu (idx_in_tbl s2 s2_ok l0 va)
              ltac:(cbn; lia) Hold Hcp Hcu Hv HW) as [HT' HM'].
  assert (Hu' : forall l t', add_used used (S l0) c l t' <-> s2_used start n1' n2' n3' l t').
  { intros l t'. unfold c, used, s2_used. rewrite <- (bump_pool_inc _ _ 4096 (S l0) ltac:(lia) Hcnt).
    unfold bump_pool. rewrite Hn. reflexivity. }
  split; [split; [|split; [|split; [|split]]]|].
  - exact HL.
  - destruct Hc as (? & ? & ?). pose proof (Hn 1%nat). pose proof (Hn 2%nat). pose proof (Hn 3%nat).
    unfold cnt_inc, s2_counts in *. destruct l0 as [|[|[|l0]]]; cbn in *; lia.
  - exact (tree_ok_iff s2 _ _ _ _ _ (fun _ _ => iff_refl _) Hu' HT').
  - apply (canon_iff s2 _ (add_used used (S l0) c)); [intros l t'; apply Hu'|].
    exact (canon_link s2 _ _ _ _ l0 t (idx s2 l0 va) c (c + 3) HT HW Hcp Hcu Hv HK).
  - exact (HM' start A (s2_root_used _ _ _ _) HM).
  - exact (link_fresh_reach s2 s2_ok _ _ _ _ l0 t (idx s2 l0 va) (c + 3) HT HW c Hv start va
             (s2_root_used _ _ _ _) Hr eq_refl).
Qed.

(** *** Frames *)

(** Memories that agree on the VM's pool are interchangeable (e.g. a view of the Bottom's
    memory through [pt_load]'s address transformation). *)
Theorem s2_rel_mem_ext : forall start cap3 n1 n2 n3 m m' A,
  (forall a, start <= a < start + 2097152 + 4096 * cap3 -> m' @ a = m @ a) ->
  s2_rel start cap3 n1 n2 n3 m A -> s2_rel start cap3 n1 n2 n3 m' A.
Proof.
  intros start cap3 n1 n2 n3 m m' A Ha (HL & Hc & HT & HK & HM).
  assert (Hag : agree_on s2 (s2_pool start cap3) (s2_mem m) (s2_mem m')).
  { intros l t i Hp Hi. rewrite !s2_mem_get. apply Ha. unfold s2_pool, bump_pool in Hp.
    pose proof (bump_range _ 4096 ltac:(lia) _ _ Hp). unfold in_tbl, nent in Hi.
    assert (2 ^ width s2 l = 512) by (destruct l; reflexivity).
    destruct HL. destruct l as [|[|[|[|l]]]]; cbn in *; lia. }
  assert (Hau : agree_on s2 (s2_used start n1 n2 n3) (s2_mem m) (s2_mem m'))
    by (intros l t i Hu Hi; apply Hag; auto; apply (tr_pool _ _ _ _ HT); auto).
  split; [exact HL|]. split; [exact Hc|]. split; [exact (tree_ok_agree s2 _ _ _ _ Hag HT)|].
  split; [exact (canon_agree s2 _ _ _ Hau HK)|].
  exact (frame_meaning s2 pt_id s2_ok _ _ _ _ start A HT Hau (s2_root_used _ _ _ _) HM).
Qed.

(** A store outside the VM's pool (another VM's pool, EL2 data, ...) keeps the relation. *)
Corollary s2_rel_outside : forall start cap3 n1 n2 n3 m A a v, s2_rel start cap3 n1 n2 n3 m A ->
  a < start \/ start + 2097152 + 4096 * cap3 <= a -> s2_rel start cap3 n1 n2 n3 (m # a == v) A.
Proof.
  intros start cap3 n1 n2 n3 m A a v HR Ha. apply (s2_rel_mem_ext _ _ _ _ _ m); [|exact HR].
  intros b Hb. apply ZMap.gso. lia.
Qed.

(** The VTTBR [init_npt] computes names the root. *)
Lemma s2_vttbr_root : forall start cap3 k, s2_layout start cap3 -> oa (start + k * 2 ^ 48) = start.
Proof. intros start cap3 k HL. destruct HL. apply oa_vttbr; lia. Qed.

(** The three allocations of [walk_pgd]/[walk_pud]/[walk_pmd] with [alloc = 1]. *)
Corollary s2_rel_link1 : forall start cap3 n1 n2 n3 m A va,
  s2_rel start cap3 n1 n2 n3 m A -> oa (m @ (start + 8 * idx s2 0 va)) = 0 -> n1 < 16 ->
  s2_rel start cap3 (n1 + 1) n2 n3 (m # (start + 8 * idx s2 0 va) == (start + 4096 + 4096 * n1 + 3)) A /\
  reach s2 (s2_mem (m # (start + 8 * idx s2 0 va) == (start + 4096 + 4096 * n1 + 3))) 1 start va
    = Some (start + 4096 + 4096 * n1).
Proof.
  intros. apply (s2_rel_link start cap3 n1 n2 n3 (n1 + 1) n2 n3 m A va 0 start); auto;
    [apply s2_empty_addr; auto | intros [|[|[|[|l]]]]; reflexivity].
Qed.

Corollary s2_rel_link2 : forall start cap3 n1 n2 n3 m A va t,
  s2_rel start cap3 n1 n2 n3 m A -> reach s2 (s2_mem m) 1 start va = Some t ->
  oa (m @ (t + 8 * idx s2 1 va)) = 0 -> n2 < 495 ->
  s2_rel start cap3 n1 (n2 + 1) n3 (m # (t + 8 * idx s2 1 va) == (start + 69632 + 4096 * n2 + 3)) A /\
  reach s2 (s2_mem (m # (t + 8 * idx s2 1 va) == (start + 69632 + 4096 * n2 + 3))) 2 start va
    = Some (start + 69632 + 4096 * n2).
Proof.
  intros. apply (s2_rel_link start cap3 n1 n2 n3 n1 (n2 + 1) n3 m A va 1 t); auto;
    [apply s2_empty_addr; auto | intros [|[|[|[|l]]]]; reflexivity].
Qed.

Corollary s2_rel_link3 : forall start cap3 n1 n2 n3 m A va t,
  s2_rel start cap3 n1 n2 n3 m A -> reach s2 (s2_mem m) 2 start va = Some t ->
  dec_block (m @ (t + 8 * idx s2 2 va)) = KNone -> n3 < cap3 ->
  s2_rel start cap3 n1 n2 (n3 + 1) (m # (t + 8 * idx s2 2 va) == (start + 2097152 + 4096 * n3 + 3)) A /\
  reach s2 (s2_mem (m # (t + 8 * idx s2 2 va) == (start + 2097152 + 4096 * n3 + 3))) 3 start va
    = Some (start + 2097152 + 4096 * n3).
Proof.
  intros. apply (s2_rel_link start cap3 n1 n2 n3 n1 n2 (n3 + 1) m A va 2 t); auto;
    intros [|[|[|[|l]]]]; reflexivity.
Qed.

(** *** Setting a leaf *)

Theorem s2_rel_set : forall start cap3 n1 n2 n3 m A va l0 t v,
  s2_rel start cap3 n1 n2 n3 m A -> 0 <= va < 2 ^ 48 -> (l0 < 4)%nat ->
  reach s2 (s2_mem m) l0 start va = Some t ->
  is_tbl s2 l0 (m @ (t + 8 * idx s2 l0 va)) = false -> is_tbl s2 l0 v = false -> canon_val s2 l0 v ->
  s2_rel start cap3 n1 n2 n3 (m # (t + 8 * idx s2 l0 va) == v)
    (aset A l0 (key s2 l0 va) (leaf_val s2 pt_id l0 v)).
Proof.
  intros start cap3 n1 n2 n3 m A va l0 t v (HL & Hc & HT & HK & HM) Hva Hl Hr Hold Hv Hcv.
  assert (Hu := reach_used s2 s2_ok _ _ _ HT l0 start va t (s2_root_used _ _ _ _) Hr).
  assert (HW := flat_write s2 8 (s2_pool start cap3) m l0 t (idx s2 l0 va) v (s2_slots _ _ HL)
                  (tr_pool _ _ _ _ HT _ _ Hu) (idx_in_tbl s2 s2_ok l0 va)).
  destruct (set_leaf s2 pt_id s2_ok _ _ _ _ start A va l0 t v HT (s2_root_used _ _ _ _) HM Hva Hl Hr Hold Hv HW)
    as [HT' HM'].
  split; [exact HL|]. split; [exact Hc|]. split; [exact HT'|]. split; [|exact HM'].
  exact (canon_write s2 _ _ _ _ l0 t (idx s2 l0 va) v HT HW Hcv HK).
Qed.

(** The leaves [set_npt] writes: [pte | 2^55] at level 2 (a block, if [pte] is not a table
    descriptor), [pte | 2^56] at level 3; the entries it overwrites are not tables. *)
Lemma s2_block_val : forall pte, 0 <= pte -> low 2 pte <> 3 ->
  is_tbl s2 2 (orbit 55 pte) = false /\ leaf_val s2 pt_id 2 (orbit 55 pte) = Some (orbit 55 pte).
Proof.
  intros pte H L. unfold is_tbl, leaf_val. rewrite s2_dec2, dec_block_orbit by lia. auto.
Qed.

Lemma s2_page_val : forall pte, 0 <= pte ->
  is_tbl s2 3 (orbit 56 pte) = false /\ leaf_val s2 pt_id 3 (orbit 56 pte) = Some (orbit 56 pte).
Proof.
  intros pte H. unfold is_tbl, leaf_val. rewrite s2_dec3, dec_page_orbit by lia. auto.
Qed.

(** The leaves [set_npt] writes may be written under [canon]. *)
Lemma s2_canon3 : forall v, canon_val s2 3 v.
Proof. intros v D. rewrite s2_dec3 in D. unfold dec_page in D. destruct (Z.eqb_spec v 0); [auto | discriminate]. Qed.

Lemma s2_canon2 : forall v, low 2 v <> 3 -> canon_val s2 2 v.
Proof.
  intros v L D. rewrite s2_dec2 in D. unfold dec_block in D.
  destruct (Z.eqb_spec (low 2 v) 3); [contradiction|]. destruct (Z.eqb_spec v 0); [auto | discriminate].
Qed.

Lemma s2_not_tbl2 : forall d, low 2 d <> 3 -> is_tbl s2 2 d = false.
Proof.
  intros d L. unfold is_tbl. rewrite s2_dec2. unfold dec_block.
  destruct (Z.eqb_spec (low 2 d) 3); [contradiction|]. destruct (d =? 0); reflexivity.
Qed.

Lemma s2_not_tbl3 : forall d, is_tbl s2 3 d = false.
Proof. intros d. unfold is_tbl. rewrite s2_dec3. unfold dec_page. destruct (d =? 0); reflexivity. Qed.

(** *** The code's raw tests agree with the decoders ([canon]) *)

(** [set_npt]/[walk_npt] test [pmd & 3 == 3]: under the relation this means "table". *)
Lemma s2_code_tbl2 : forall start cap3 n1 n2 n3 m A va t, s2_rel start cap3 n1 n2 n3 m A ->
  reach s2 (s2_mem m) 2 start va = Some t -> low 2 (m @ (t + 8 * idx s2 2 va)) = 3 ->
  oa (m @ (t + 8 * idx s2 2 va)) <> 0.
Proof.
  intros start cap3 n1 n2 n3 m A va t (HL & Hc & HT & HK & HM) Hr L E.
  assert (Hu := reach_used s2 s2_ok _ _ _ HT 2 start va t (s2_root_used _ _ _ _) Hr).
  assert (D : dec s2 2 (s2_mem m 2%nat t (idx s2 2 va)) = KNone)
    by (rewrite s2_mem_get, s2_dec2; unfold dec_block; rewrite L, E; reflexivity).
  pose proof (HK 2%nat t (idx s2 2 va) Hu (idx_in_tbl s2 s2_ok 2 va) D) as Z. rewrite s2_mem_get in Z.
  rewrite Z in L. discriminate.
Qed.

(** [walk_pgd]/[walk_pud]/[walk_pmd] allocate when the address bits are zero: under the
    relation the entry is then zero (levels 0, 1), or zero unless it is a block (level 2). *)
Lemma s2_code_empty : forall start cap3 n1 n2 n3 m A va k t, s2_rel start cap3 n1 n2 n3 m A ->
  (k < 3)%nat -> reach s2 (s2_mem m) k start va = Some t -> dec s2 k (m @ (t + 8 * idx s2 k va)) = KNone ->
  m @ (t + 8 * idx s2 k va) = 0.
Proof.
  intros start cap3 n1 n2 n3 m A va k t (HL & Hc & HT & HK & HM) Hk Hr D.
  assert (Hu := reach_used s2 s2_ok _ _ _ HT k start va t (s2_root_used _ _ _ _) Hr).
  exact (HK k t (idx s2 k va) Hu (idx_in_tbl s2 s2_ok k va) D).
Qed.

(** *** Level-3 tables are never empty between operations ([nonempty]) *)

(** The reference kept this as part of its relation: without it, [set_npt] at level 2 could
    panic on a level-2 entry that is a table although the abstract page map has no page in that
    2 MiB region.  It is separate from [s2_rel] because it does not hold in the middle of
    [set_npt] at level 3 (between linking the fresh level-3 table and writing the leaf); [ex]
    names the tables that may be empty. *)
Definition s2_full (start n1 n2 n3 : Z) (m : ZMap.t Z) (ex : Z -> Prop) : Prop :=
  nonempty s2 (s2_mem m) (s2_used start n1 n2 n3) 3 ex.

Lemma s2_full_init : forall start m, s2_full start 0 0 0 m (fun _ => False).
Proof. intros start m t Hu. exfalso. exact (bump_empty _ 4096 _ Hu). Qed.

(** Stores into tables of levels 0..2 (links of levels 1, 2, blocks) leave level 3 alone. *)
Lemma s2_full_upper : forall start cap3 n1 n2 n3 n1' n2' m A va l0 t v ex,
  s2_rel start cap3 n1 n2 n3 m A -> (l0 < 3)%nat -> reach s2 (s2_mem m) l0 start va = Some t ->
  s2_full start n1 n2 n3 m ex -> s2_full start n1' n2' n3 (m # (t + 8 * idx s2 l0 va) == v) ex.
Proof.
  intros start cap3 n1 n2 n3 n1' n2' m A va l0 t v ex (HL & Hc & HT & HK & HM) Hl Hr HN.
  assert (Hu := reach_used s2 s2_ok _ _ _ HT l0 start va t (s2_root_used _ _ _ _) Hr).
  assert (HW := flat_write s2 8 (s2_pool start cap3) m l0 t (idx s2 l0 va) v (s2_slots _ _ HL)
                  (tr_pool _ _ _ _ HT _ _ Hu) (idx_in_tbl s2 s2_ok l0 va)).
  pose proof (nonempty_write s2 _ _ _ _ l0 t (idx s2 l0 va) v 3 ex HT HW (idx_in_tbl s2 s2_ok l0 va)
                ltac:(left; lia) HN) as X.
  exact X.
Qed.

(** Linking a fresh level-3 table: it is the one table that may be empty ... *)
Lemma s2_full_link3 : forall start cap3 n1 n2 n3 m A va t ex,
  s2_rel start cap3 n1 n2 n3 m A -> reach s2 (s2_mem m) 2 start va = Some t -> n3 < cap3 ->
  s2_full start n1 n2 n3 m ex ->
  let c := start + 2097152 + 4096 * n3 in
  s2_full start n1 n2 (n3 + 1) (m # (t + 8 * idx s2 2 va) == (c + 3)) (fun x => ex x \/ x = c).
Proof.
  intros start cap3 n1 n2 n3 m A va t ex (HL & Hc & HT & HK & HM) Hr Hcap HN c.
  assert (Hu := reach_used s2 s2_ok _ _ _ HT 2 start va t (s2_root_used _ _ _ _) Hr).
  assert (HW := flat_write s2 8 (s2_pool start cap3) m 2 t (idx s2 2 va) (c + 3) (s2_slots _ _ HL)
                  (tr_pool _ _ _ _ HT _ _ Hu) (idx_in_tbl s2 s2_ok 2 va)).
  destruct Hc as (? & ? & ?). destruct HL.
  assert (Hv : dec s2 2 (c + 3) = KTable c) by (apply dec_block_tdesc; unfold c; try lia;
    apply aligned_add; [apply aligned_add; auto; reflexivity | rewrite Z.mul_comm; apply Z.mod_mul; lia]).
  pose proof (nonempty_link s2 _ _ _ _ 2 t (idx s2 2 va) c (c + 3) 3 ex s2_ok HT HW Hv
                (idx_in_tbl s2 s2_ok 2 va) HN) as X.
  intros x Hx Hn. apply (X x).
  - unfold s2_used, bump_pool in Hx. cbn in Hx. unfold add_used, s2_used, bump_pool. cbn.
    apply (bump_next _ 4096 ltac:(lia)) in Hx; [|lia]. destruct Hx as [Hx | ->]; [left; exact Hx | right; auto].
  - intros [E | [_ E]]; apply Hn; [left; exact E | right; exact E].
Qed.

(** ... until a non-zero leaf is written into it. *)
Lemma s2_full_set3 : forall start cap3 n1 n2 n3 m A va t v ex,
  s2_rel start cap3 n1 n2 n3 m A -> reach s2 (s2_mem m) 3 start va = Some t -> v <> 0 ->
  s2_full start n1 n2 n3 m ex -> s2_full start n1 n2 n3 (m # (t + 8 * idx s2 3 va) == v) (fun x => ex x /\ x <> t).
Proof.
  intros start cap3 n1 n2 n3 m A va t v ex (HL & Hc & HT & HK & HM) Hr Hv HN.
  assert (Hu := reach_used s2 s2_ok _ _ _ HT 3 start va t (s2_root_used _ _ _ _) Hr).
  assert (HW := flat_write s2 8 (s2_pool start cap3) m 3 t (idx s2 3 va) v (s2_slots _ _ HL)
                  (tr_pool _ _ _ _ HT _ _ Hu) (idx_in_tbl s2 s2_ok 3 va)).
  exact (nonempty_fill s2 _ _ _ _ 3 t (idx s2 3 va) v ex HT HW (idx_in_tbl s2 s2_ok 3 va) Hv HN).
Qed.

Lemma s2_full_outside : forall start cap3 n1 n2 n3 m A a v ex, s2_rel start cap3 n1 n2 n3 m A ->
  a < start \/ start + 2097152 + 4096 * cap3 <= a ->
  s2_full start n1 n2 n3 m ex -> s2_full start n1 n2 n3 (m # a == v) ex.
Proof.
  intros start cap3 n1 n2 n3 m A a v ex (HL & Hc & HT & HK & HM) Ha HN.
  apply (nonempty_agree s2 (s2_used start n1 n2 n3) (s2_mem m)); [|exact HN].
  apply flat_agree. intros l t i Hu Hi. pose proof (tr_pool _ _ _ _ HT _ _ Hu) as Hp.
  unfold s2_pool, bump_pool in Hp. pose proof (bump_range _ 4096 ltac:(lia) _ _ Hp). unfold in_tbl, nent in Hi.
  assert (2 ^ width s2 l = 512) by (destruct l; reflexivity).
  destruct HL. destruct l as [|[|[|[|l]]]]; cbn in *; lia.
Qed.

(** The consequence: a level-2 table entry on the way to [va] means the abstract page map has
    a page in [va]'s 2 MiB region. *)
Theorem s2_full_has_page : forall start cap3 n1 n2 n3 m A va t,
  s2_rel start cap3 n1 n2 n3 m A -> s2_full start n1 n2 n3 m (fun _ => False) -> 0 <= va < 2 ^ 48 ->
  reach s2 (s2_mem m) 3 start va = Some t -> exists k, k / 512 = va / 2 ^ 21 /\ A 3%nat k <> None.
Proof.
  intros start cap3 n1 n2 n3 m A va t HR HN Hva Hr. destruct HR as (HL & Hc & HT & HK & HM).
  assert (Hu := reach_used s2 s2_ok _ _ _ HT 3 start va t (s2_root_used _ _ _ _) Hr).
  destruct (HN t Hu (fun x => x)) as (i & Hi & Nz). unfold in_tbl, nent in Hi. cbn in Hi.
  set (q := va / 2 ^ 21). set (va' := q * 2 ^ 21 + i * 4096).
  assert (Hq : 0 <= q /\ q * 2 ^ 21 <= va)
    by (unfold q; split; [apply Z.div_pos | rewrite Z.mul_comm; apply Z.mul_div_le]; lia).
  assert (Hva' : 0 <= va' < 2 ^ 48) by (unfold va'; lia).
  assert (K3 : va' / 4096 = q * 512 + i)
    by (unfold va'; replace (q * 2 ^ 21 + i * 4096) with ((q * 512 + i) * 4096) by ring; apply Z.div_mul; lia).
  assert (K2 : key s2 2 va' = key s2 2 va).
  { rewrite !s2_key2. fold q. unfold va'. rewrite Z.div_add_l by lia. rewrite Z.div_small by lia. lia. }
  assert (I3 : idx s2 3 va' = i).
  { rewrite s2_idx3. unfold field. change (2 ^ 12) with 4096. rewrite K3.
    rewrite Z.add_comm, Z.mod_add, Z.mod_small by lia. reflexivity. }
  pose proof (proj1 (key_prefix s2 s2_ok 2 va' va Hva' Hva ltac:(cbn; lia)) K2) as P.
  assert (R' : reach s2 (s2_mem m) 3 start va' = Some t)
    by (rewrite (reach_prefix s2 (s2_mem m) 3 start va' va) by (intros; apply P; lia); exact Hr).
  assert (W : walk s2 (s2_mem m) start va' = Leaf 3 (m @ (t + 8 * i))).
  { rewrite (walk_at s2 _ 3 start t va' ltac:(cbn; lia) R'), I3, s2_mem_get, s2_dec3, dec_page_leaf by exact Nz.
    reflexivity. }
  exists (va' / 4096). split.
  - rewrite K3. rewrite Z.div_add_l, Z.div_small, Z.add_0_r by lia. reflexivity.
  - rewrite <- s2_key3, (meaning_leaf s2 pt_id _ _ A va' 3 _ HM Hva' W). discriminate.
Qed.

(** ** SeKVM SMMU *)

Definition smmu_dec (l : nat) (d : Z) : kind :=
  match l with O | 1%nat => dec_addr d | _ => dec_page d end.
Definition smmu : cfg := granule 3 10 smmu_dec.

Lemma smmu_ok : cfg_ok smmu.
Proof. apply granule_ok; [lia|]. intros [|[|l]]; reflexivity. Qed.

Lemma smmu_idx0 : forall va, idx smmu 0 va = field 30 10 va. Proof. reflexivity. Qed.
Lemma smmu_idx1 : forall va, idx smmu 1 va = field 21 9 va. Proof. reflexivity. Qed.
Lemma smmu_idx2 : forall va, idx smmu 2 va = field 12 9 va. Proof. reflexivity. Qed.
Lemma smmu_key2 : forall va, key smmu 2 va = va / 2 ^ 12. Proof. reflexivity. Qed.
Lemma smmu_in_va : forall va, in_va smmu va <-> 0 <= va < 2 ^ 40. Proof. reflexivity. Qed.
Lemma smmu_dec0 : forall d, dec smmu 0 d = dec_addr d. Proof. reflexivity. Qed.
Lemma smmu_dec1 : forall d, dec smmu 1 d = dec_addr d. Proof. reflexivity. Qed.
Lemma smmu_dec2 : forall d, dec smmu 2 d = dec_page d. Proof. reflexivity. Qed.

(** [walk_smmu_pt]: [walk_smmu_pgd], [walk_smmu_pmd], [walk_smmu_pte]. *)
Definition smmu_walk_code (m : ZMap.t Z) (root va : Z) : Z :=
  let e0 := m @ (root + 8 * field 30 10 va) in
  let e1 := if oa e0 =? 0 then 0 else m @ (oa e0 + 8 * field 21 9 va) in
  if oa e1 =? 0 then 0 else m @ (oa e1 + 8 * field 12 9 va).

Lemma smmu_walk_code_eq : forall m root va, smmu_walk_code m root va = wval (walk smmu (flat 8 m) root va).
Proof.
  intros m root va. change (walk smmu (flat 8 m) root va) with
    (match dec_addr (m @ (root + 8 * field 30 10 va)) with
     | KTable c1 =>
         match dec_addr (m @ (c1 + 8 * field 21 9 va)) with
         | KTable c2 =>
             match dec_page (m @ (c2 + 8 * field 12 9 va)) with
             | KTable _ => Fault 3 | KLeaf => Leaf 2 (m @ (c2 + 8 * field 12 9 va)) | KNone => Fault 2
             end
         | KLeaf => Leaf 1 (m @ (c1 + 8 * field 21 9 va)) | KNone => Fault 1
         end
     | KLeaf => Leaf 0 (m @ (root + 8 * field 30 10 va)) | KNone => Fault 0
     end).
  unfold smmu_walk_code. set (e0 := m @ (root + 8 * field 30 10 va)).
  unfold dec_addr at 1. destruct (oa e0 =? 0) eqn:E0; [reflexivity|].
  set (e1 := m @ (oa e0 + 8 * field 21 9 va)).
  unfold dec_addr at 1. destruct (oa e1 =? 0) eqn:E1; [reflexivity|].
  set (e2 := m @ (oa e1 + 8 * field 12 9 va)). unfold dec_page.
  destruct (Z.eqb_spec e2 0) as [->|]; reflexivity.
Qed.

(** *** Layout: one pool shared by all contexts, roots configured at boot *)

Definition smmu_lo (P : Z) (l : nat) : Z := match l with 2%nat => P + 1048576 | _ => P end.
Definition smmu_cap (l : nat) : Z := match l with 1%nat => 256 | 2%nat => 3840 | _ => 0 end.
Definition smmu_cnt (n1 n2 : Z) (l : nat) : Z := match l with 1%nat => n1 | 2%nat => n2 | _ => 0 end.

(** The roots of the [nctx] contexts. *)
Definition smmu_root (root : Z -> Z) (nctx t : Z) : Prop := exists j, 0 <= j < nctx /\ t = root j.

Definition smmu_pool (P : Z) (root : Z -> Z) (nctx : Z) : lvpred :=
  fun l t => match l with O => smmu_root root nctx t | _ => bump_pool (smmu_lo P) smmu_cap 4096 l t end.
Definition smmu_used (P : Z) (root : Z -> Z) (nctx n1 n2 : Z) : lvpred :=
  fun l t => match l with O => smmu_root root nctx t | _ => bump_pool (smmu_lo P) (smmu_cnt n1 n2) 4096 l t end.

Record smmu_layout (P : Z) (root : Z -> Z) (nctx : Z) : Prop := {
  sm_align : P mod 4096 = 0;
  sm_pos : 0 < P;
  sm_top : P + 16777216 <= 2 ^ 48;
  sm_root_align : forall j, 0 <= j < nctx -> root j mod 4096 = 0;
  sm_root_pos : forall j, 0 <= j < nctx -> 0 < root j;
  sm_root_top : forall j, 0 <= j < nctx -> root j + 8192 <= 2 ^ 48;
  sm_root_sep : forall j j', 0 <= j < nctx -> 0 <= j' < nctx -> j <> j' ->
                root j + 8192 <= root j' \/ root j' + 8192 <= root j;
  sm_root_out : forall j, 0 <= j < nctx -> root j + 8192 <= P \/ P + 16777216 <= root j
}.

Lemma smmu_bump_range : forall P cnt l t, (forall l, cnt l <= smmu_cap l) ->
  bump_pool (smmu_lo P) cnt 4096 l t -> (l = 1%nat \/ l = 2%nat) /\ P <= t /\ t + 4096 <= P + 16777216.
Proof.
  intros P cnt l t Hc Hp. unfold bump_pool in Hp. pose proof (bump_range _ 4096 ltac:(lia) _ _ Hp).
  pose proof (Hc l). assert (0 < cnt l) by (destruct Hp as [R _]; nia).
  destruct l as [|[|[|l]]]; cbn in *; lia.
Qed.

Lemma smmu_extents : forall P root nctx, smmu_layout P root nctx ->
  extents_disjoint smmu 8 (smmu_pool P root nctx).
Proof.
  intros P root nctx HL l t l' t' Hp Hp' N. unfold nent.
  destruct l as [|l]; destruct l' as [|l']; cbn [smmu_pool] in Hp, Hp'.
  - destruct Hp as (j & Hj & ->). destruct Hp' as (j' & Hj' & ->). cbn.
    destruct (Z.eq_dec j j') as [<-|Nj]; [congruence|]. apply (sm_root_sep _ _ _ HL); auto.
  - destruct Hp as (j & Hj & ->). destruct (smmu_bump_range P smmu_cap _ _ (fun _ => Z.le_refl _) Hp')
      as ([-> | ->] & R); cbn; destruct (sm_root_out _ _ _ HL j Hj); lia.
  - destruct Hp' as (j & Hj & ->). destruct (smmu_bump_range P smmu_cap _ _ (fun _ => Z.le_refl _) Hp)
      as ([-> | ->] & R); cbn; destruct (sm_root_out _ _ _ HL j Hj); lia.
  - apply (bump_extents_disjoint smmu 8 4096 (smmu_lo P) smmu_cap ltac:(lia)); auto.
    + intros [|[|[|k]]] Hk; cbn in *; lia.
    + intros k k' Hk Hc. destruct k as [|[|[|k]]]; destruct k' as [|[|[|k']]]; cbn in *; lia.
Qed.

Lemma smmu_slots : forall P root nctx, smmu_layout P root nctx -> slots_disjoint smmu 8 (smmu_pool P root nctx).
Proof. intros. apply extents_slots; [lia | apply smmu_extents; auto]. Qed.

Lemma smmu_table_addr : forall P root nctx l t, smmu_layout P root nctx -> (l = 1%nat \/ l = 2%nat) ->
  smmu_pool P root nctx l t -> 0 < t /\ t + 4096 <= 2 ^ 48 /\ t mod 4096 = 0.
Proof.
  intros P root nctx l t HL Hl Hp.
  assert (Hb : bump_pool (smmu_lo P) smmu_cap 4096 l t) by (destruct Hl as [-> | ->]; exact Hp).
  destruct (smmu_bump_range P smmu_cap l t (fun _ => Z.le_refl _) Hb) as (_ & R).
  assert (A : smmu_lo P l mod 4096 = 0)
    by (destruct Hl as [-> | ->]; cbn; [apply (sm_align _ _ _ HL) | apply aligned_add; [apply (sm_align _ _ _ HL) | reflexivity]]).
  pose proof (bump_aligned _ 4096 ltac:(lia) _ _ A Hb). destruct HL. lia.
Qed.

Lemma smmu_root_used : forall P root nctx n1 n2 j, 0 <= j < nctx -> smmu_used P root nctx n1 n2 0%nat (root j).
Proof. intros. exists j. auto. Qed.

(** *** The relation: the shared pool and one abstract map per context *)
Definition smmu_rel (P : Z) (root : Z -> Z) (nctx n1 n2 : Z) (m : ZMap.t Z) (A : Z -> amap) : Prop :=
  smmu_layout P root nctx /\ 0 <= n1 <= 256 /\ 0 <= n2 <= 3840 /\
  tree_ok smmu (flat 8 m) (smmu_pool P root nctx) (smmu_used P root nctx n1 n2) /\
  forall j, 0 <= j < nctx -> meaning smmu pt_id (flat 8 m) (root j) (A j).

(** [walk_smmu_pt]'s answer on the abstract map: the page entry, or 0. *)
Definition smmu_lookup (A : amap) (va : Z) : Z :=
  match A 2%nat (va / 2 ^ 12) with Some d => d | None => 0 end.

(** SeKVM's abstract view of one context: a page map (by 4 KiB page). *)
Definition smmu_amap (pg : ZMap.t (option Z)) : amap :=
  fun l => match l with 2%nat => pg | _ => ZMap.init None end.

Lemma smmu_amap_empty : forall l k, aempty l k = smmu_amap (ZMap.init None) l k.
Proof. intros [|[|[|l]]] k; reflexivity. Qed.

Lemma smmu_amap_set2 : forall pg k o l k', aset (smmu_amap pg) 2 k o l k' = smmu_amap (pg # k == o) l k'.
Proof. intros. unfold aset, smmu_amap. destruct l as [|[|[|l]]]; cbn; rewrite ?ZMap.gsspec; reflexivity. Qed.

Lemma smmu_rel_ext : forall P root nctx n1 n2 m A B, (forall j l k, 0 <= j < nctx -> A j l k = B j l k) ->
  smmu_rel P root nctx n1 n2 m A -> smmu_rel P root nctx n1 n2 m B.
Proof.
  intros P root nctx n1 n2 m A B E (HL & H1 & H2 & HT & HM). split; [exact HL|]. split; [exact H1|].
  split; [exact H2|]. split; [exact HT|]. intros j Hj. apply (meaning_ext smmu pt_id _ _ (A j)); auto.
Qed.

(** Replace the map of context [j]. *)
Definition ctx_set (A : Z -> amap) (j : Z) (B : amap) : Z -> amap :=
  fun j' => if j' =? j then B else A j'.

Theorem smmu_rel_init : forall P root nctx m, smmu_layout P root nctx ->
  (forall a, P <= a < P + 16777216 -> m @ a = 0) ->
  (forall j a, 0 <= j < nctx -> root j <= a < root j + 8192 -> m @ a = 0) ->
  smmu_rel P root nctx 0 0 m (fun _ => aempty).
Proof.
  intros P root nctx m HL Hz Hr.
  assert (Z0 : forall l t i, smmu_pool P root nctx l t -> in_tbl smmu l i -> flat 8 m l t i = 0).
  { intros l t i Hp Hi. unfold in_tbl, nent in Hi. unfold flat. destruct l as [|l]; cbn [smmu_pool] in Hp.
    - destruct Hp as (j & Hj & ->). apply (Hr j); auto. cbn in Hi. lia.
    - destruct (smmu_bump_range P smmu_cap _ _ (fun _ => Z.le_refl _) Hp) as ([E|E] & R);
        apply Hz; rewrite E in Hi; cbn in Hi; lia. }
  split; [exact HL|]. split; [lia|]. split; [lia|]. split.
  - apply (tree_ok_iff smmu (flat 8 m) (smmu_pool P root nctx) (smmu_pool P root nctx)
             (fun l t => l = 0%nat /\ smmu_root root nctx t) _ (fun _ _ => iff_refl _)).
    + intros [|l] t; cbn [smmu_used]; [split; [intros [_ H]; exact H | intros H; auto]|].
      split; [intros [E _]; discriminate|]. intros H. exfalso. unfold bump_pool in H.
      destruct l as [|[|l]]; exact (bump_empty _ _ _ H).
    + apply (init_tree smmu smmu_ok _ _ _ Z0). intros t H. exact H.
  - intros j Hj. apply (init_meaning smmu pt_id smmu_ok). intros i Hi. apply Z0; [|exact Hi].
    exists j. auto.
Qed.

Theorem smmu_rel_walk : forall P root nctx n1 n2 m A j va, smmu_rel P root nctx n1 n2 m A ->
  0 <= j < nctx -> 0 <= va < 2 ^ 40 -> smmu_walk_code m (root j) va = smmu_lookup (A j) va.
Proof.
  intros P root nctx n1 n2 m A j va (HL & H1 & H2 & HT & HM) Hj Hva. rewrite smmu_walk_code_eq.
  unfold smmu_lookup. rewrite <- smmu_key2. specialize (HM j Hj).
  destruct (walk smmu (flat 8 m) (root j) va) as [l|l d] eqn:W.
  - rewrite (meaning_fault smmu pt_id _ _ _ va 2 l HM Hva ltac:(cbn; lia) W). reflexivity.
  - destruct (walk_leaf_inv smmu _ _ _ _ _ W) as [Hl (t & _ & _ & D)].
    pose proof (meaning_leaf smmu pt_id _ _ _ va l d HM Hva W) as E.
    destruct l as [|[|[|l]]]; cbn [nlv smmu granule] in Hl.
    + rewrite smmu_dec0 in D. unfold dec_addr in D. destruct (oa d =? 0); discriminate.
    + rewrite smmu_dec1 in D. unfold dec_addr in D. destruct (oa d =? 0); discriminate.
    + rewrite E. reflexivity.
    + lia.
Qed.

Lemma smmu_reach_addr : forall m k r va t, (k < 2)%nat -> reach smmu (flat 8 m) k r va = Some t ->
  oa (m @ (t + 8 * idx smmu k va)) <> 0 ->
  reach smmu (flat 8 m) (S k) r va = Some (oa (m @ (t + 8 * idx smmu k va))).
Proof.
  intros m k r va t Hk H N. apply (reach_step smmu _ k r va t); [exact H|].
  assert (E : dec smmu k (m @ (t + 8 * idx smmu k va)) = dec_addr (m @ (t + 8 * idx smmu k va)))
    by (destruct k as [|[|k]]; [reflexivity | reflexivity | lia]).
  change (flat 8 m k t (idx smmu k va)) with (m @ (t + 8 * idx smmu k va)).
  rewrite E. unfold dec_addr. apply Z.eqb_neq in N. rewrite N. reflexivity.
Qed.

(** What linking the next free table [c] of level [S l0] into [va]'s empty entry of [t] needs (shared
    by [smmu_rel_link] and [PTSmmuShape.smmu_shape_link]): [t] is used and in its pool, [c] is in
    its pool and unused, the old entry names nothing, the new one names [c], and the write changes
    only that entry of [t]. *)
Lemma smmu_link_setup : forall P root nctx n1 n2 m A j va l0 t,
  smmu_rel P root nctx n1 n2 m A -> 0 <= j < nctx -> (l0 < 2)%nat ->
  reach smmu (flat 8 m) l0 (root j) va = Some t -> oa (m @ (t + 8 * idx smmu l0 va)) = 0 ->
  smmu_cnt n1 n2 (S l0) < smmu_cap (S l0) ->
  let c := smmu_lo P (S l0) + 4096 * smmu_cnt n1 n2 (S l0) in
  smmu_used P root nctx n1 n2 l0 t /\ smmu_pool P root nctx (S l0) c /\ ~ smmu_used P root nctx n1 n2 (S l0) c /\
  0 <= smmu_cnt n1 n2 (S l0) /\ dec smmu l0 (flat 8 m l0 t (idx smmu l0 va)) = KNone /\
  dec smmu l0 (c + 3) = KTable c /\
  write_at smmu (smmu_pool P root nctx) (flat 8 m) (flat 8 (m # (t + 8 * idx smmu l0 va) == (c + 3))) l0 t
    (idx smmu l0 va) (c + 3).
Proof.
  intros P root nctx n1 n2 m A j va l0 t (HL & H1 & H2 & HT & HM) Hj Hl Hr E0 Hcap c.
  assert (Hu := reach_used smmu smmu_ok _ _ _ HT l0 (root j) va t (smmu_root_used _ _ _ _ _ _ Hj) Hr).
  assert (Hcnt : 0 <= smmu_cnt n1 n2 (S l0)) by (destruct l0 as [|[|l0]]; cbn; lia).
  destruct (bump_fresh (smmu_lo P (S l0)) 4096 ltac:(lia) (smmu_cnt n1 n2 (S l0)) (smmu_cap (S l0)) ltac:(lia))
    as [Hcp Hcu]. fold c in Hcp, Hcu.
  destruct (smmu_table_addr P root nctx (S l0) c HL ltac:(lia) Hcp) as (Hc0 & Hc1 & Hc2).
  split; [exact Hu | split; [exact Hcp | split; [exact Hcu | split; [exact Hcnt | split]]]].
  - change (flat 8 m l0 t (idx smmu l0 va)) with (m @ (t + 8 * idx smmu l0 va)).
    destruct l0 as [|[|l0]]; [rewrite smmu_dec0 | rewrite smmu_dec1 | lia]; unfold dec_addr; rewrite E0; reflexivity.
  - split; [destruct l0 as [|[|l0]]; [apply dec_addr_tdesc | apply dec_addr_tdesc | lia]; lia|].
    exact (flat_write smmu 8 (smmu_pool P root nctx) m l0 t (idx smmu l0 va) (c + 3) (smmu_slots _ _ _ HL)
             (tr_pool _ _ _ _ HT _ _ Hu) (idx_in_tbl smmu smmu_ok l0 va)).
Qed.

Theorem smmu_rel_link : forall P root nctx n1 n2 n1' n2' m A j va l0 t,
  smmu_rel P root nctx n1 n2 m A -> 0 <= j < nctx -> (l0 < 2)%nat ->
  reach smmu (flat 8 m) l0 (root j) va = Some t -> oa (m @ (t + 8 * idx smmu l0 va)) = 0 ->
  smmu_cnt n1 n2 (S l0) < smmu_cap (S l0) ->
  (forall l, (l <> 0)%nat -> smmu_cnt n1' n2' l = cnt_inc (smmu_cnt n1 n2) (S l0) l) ->
  let c := smmu_lo P (S l0) + 4096 * smmu_cnt n1 n2 (S l0) in
  smmu_rel P root nctx n1' n2' (m # (t + 8 * idx smmu l0 va) == (c + 3)) A /\
  reach smmu (flat 8 (m # (t + 8 * idx smmu l0 va) == (c + 3))) (S l0) (root j) va = Some c.
Proof.
  intros P root nctx n1 n2 n1' n2' m A j va l0 t HR Hj Hl Hr E0 Hcap Hn c.
  destruct (smmu_link_setup P root nctx n1 n2 m A j va l0 t HR Hj Hl Hr E0 Hcap) as (Hu & Hcp' & Hcu' & Hcnt & Hold & Hv & HW).
  fold c in Hcp', Hcu', Hv, HW. destruct HR as (HL & H1 & H2 & HT & HM).
  destruct (link_fresh smmu pt_id smmu_ok _ _ _ _ l0 t (idx smmu l0 va) c (c + 3) HT Hu
              (idx_in_tbl smmu smmu_ok l0 va) ltac:(cbn; lia) Hold Hcp' Hcu' Hv HW) as [HT' HM'].
  split; [split; [|split; [|split; [|split]]]|].
  - exact HL.
  - pose proof (Hn 1%nat ltac:(lia)). unfold cnt_inc in *. destruct l0 as [|[|l0]]; cbn in *; lia.
  - pose proof (Hn 2%nat ltac:(lia)). unfold cnt_inc in *. destruct l0 as [|[|l0]]; cbn in *; lia.
  - refine (tree_ok_iff smmu _ _ _ _ _ (fun _ _ => iff_refl _) _ HT'). intros [|l] t'.
    + cbn. split; [intros [H | [E _]]; [exact H | discriminate] | intros H; left; exact H].
    + change (add_used (bump_pool (smmu_lo P) (smmu_cnt n1 n2) 4096) (S l0) c (S l) t' <->
              bump_pool (smmu_lo P) (smmu_cnt n1' n2') 4096 (S l) t').
      unfold c. rewrite <- (bump_pool_inc _ _ 4096 (S l0) ltac:(lia) Hcnt).
      unfold bump_pool. rewrite Hn by lia. reflexivity.
  - intros j' Hj'. exact (HM' (root j') (A j') (smmu_root_used _ _ _ _ _ _ Hj') (HM j' Hj')).
  - exact (link_fresh_reach smmu smmu_ok _ _ _ _ l0 t (idx smmu l0 va) (c + 3) HT HW c Hv (root j) va
             (smmu_root_used _ _ _ _ _ _ Hj) Hr eq_refl).
Qed.

(** Memories that agree on the SMMU pool and on every context root are interchangeable. *)
Theorem smmu_rel_mem_ext : forall P root nctx n1 n2 m m' A,
  (forall a, (P <= a < P + 16777216 \/ exists j, 0 <= j < nctx /\ root j <= a < root j + 8192) ->
     m' @ a = m @ a) ->
  smmu_rel P root nctx n1 n2 m A -> smmu_rel P root nctx n1 n2 m' A.
Proof.
  intros P root nctx n1 n2 m m' A Ha (HL & H1 & H2 & HT & HM).
  assert (Hag : agree_on smmu (smmu_pool P root nctx) (flat 8 m) (flat 8 m')).
  { intros l t i Hp Hi. unfold flat. apply Ha. unfold in_tbl, nent in Hi. destruct l as [|l]; cbn [smmu_pool] in Hp.
    - destruct Hp as (j & Hj & ->). cbn in Hi. right. exists j. split; [auto | lia].
    - destruct (smmu_bump_range P smmu_cap _ _ (fun _ => Z.le_refl _) Hp) as ([E|E] & R);
        rewrite E in Hi; cbn in Hi; left; lia. }
  assert (Hau : agree_on smmu (smmu_used P root nctx n1 n2) (flat 8 m) (flat 8 m'))
    by (intros l t i Hu Hi; apply Hag; auto; apply (tr_pool _ _ _ _ HT); auto).
  split; [exact HL|]. split; [exact H1|]. split; [exact H2|]. split; [exact (tree_ok_agree smmu _ _ _ _ Hag HT)|].
  intros j Hj. exact (frame_meaning smmu pt_id smmu_ok _ _ _ _ (root j) (A j) HT Hau
                        (smmu_root_used _ _ _ _ _ _ Hj) (HM j Hj)).
Qed.

(** A store outside the SMMU pool and every context root keeps the relation. *)
Corollary smmu_rel_outside : forall P root nctx n1 n2 m A a v, smmu_rel P root nctx n1 n2 m A ->
  (a < P \/ P + 16777216 <= a) -> (forall j, 0 <= j < nctx -> a < root j \/ root j + 8192 <= a) ->
  smmu_rel P root nctx n1 n2 (m # a == v) A.
Proof.
  intros P root nctx n1 n2 m A a v HR Ha Hr. apply (smmu_rel_mem_ext _ _ _ _ _ m); [|exact HR].
  intros b [Hb | (j & Hj & Hb)]; apply ZMap.gso; [lia|]. destruct (Hr j Hj); lia.
Qed.

(** [walk_smmu_pgd]/[walk_smmu_pmd] with [alloc = 1]. *)
Corollary smmu_rel_link1 : forall P root nctx n1 n2 m A j va,
  smmu_rel P root nctx n1 n2 m A -> 0 <= j < nctx -> oa (m @ (root j + 8 * idx smmu 0 va)) = 0 -> n1 < 256 ->
  smmu_rel P root nctx (n1 + 1) n2 (m # (root j + 8 * idx smmu 0 va) == (P + 4096 * n1 + 3)) A /\
  reach smmu (flat 8 (m # (root j + 8 * idx smmu 0 va) == (P + 4096 * n1 + 3))) 1 (root j) va
    = Some (P + 4096 * n1).
Proof.
  intros. apply (smmu_rel_link P root nctx n1 n2 (n1 + 1) n2 m A j va 0 (root j)); auto;
    intros [|[|[|l]]] N; cbn; auto; lia.
Qed.

Corollary smmu_rel_link2 : forall P root nctx n1 n2 m A j va t,
  smmu_rel P root nctx n1 n2 m A -> 0 <= j < nctx -> reach smmu (flat 8 m) 1 (root j) va = Some t ->
  oa (m @ (t + 8 * idx smmu 1 va)) = 0 -> n2 < 3840 ->
  smmu_rel P root nctx n1 (n2 + 1) (m # (t + 8 * idx smmu 1 va) == (P + 1048576 + 4096 * n2 + 3)) A /\
  reach smmu (flat 8 (m # (t + 8 * idx smmu 1 va) == (P + 1048576 + 4096 * n2 + 3))) 2 (root j) va
    = Some (P + 1048576 + 4096 * n2).
Proof.
  intros. apply (smmu_rel_link P root nctx n1 n2 n1 (n2 + 1) m A j va 1 t); auto;
    intros [|[|[|l]]] N; cbn; auto; lia.
Qed.

(** [set_smmu_pte]: any value at level 2; zero removes the entry. *)
Lemma smmu_leaf_val : forall v, leaf_val smmu pt_id 2 v = if v =? 0 then None else Some v.
Proof. intros v. unfold leaf_val. rewrite smmu_dec2. unfold dec_page. destruct (v =? 0); reflexivity. Qed.

Lemma smmu_not_tbl2 : forall d, is_tbl smmu 2 d = false.
Proof. intros d. unfold is_tbl. rewrite smmu_dec2. unfold dec_page. destruct (d =? 0); reflexivity. Qed.

Theorem smmu_rel_set : forall P root nctx n1 n2 m A j va t v,
  smmu_rel P root nctx n1 n2 m A -> 0 <= j < nctx -> 0 <= va < 2 ^ 40 ->
  reach smmu (flat 8 m) 2 (root j) va = Some t ->
  smmu_rel P root nctx n1 n2 (m # (t + 8 * idx smmu 2 va) == v)
    (ctx_set A j (aset (A j) 2 (va / 2 ^ 12) (if v =? 0 then None else Some v))).
Proof.
  intros P root nctx n1 n2 m A j va t v (HL & H1 & H2 & HT & HM) Hj Hva Hr.
  assert (Hu := reach_used smmu smmu_ok _ _ _ HT 2 (root j) va t (smmu_root_used _ _ _ _ _ _ Hj) Hr).
  assert (HW := flat_write smmu 8 (smmu_pool P root nctx) m 2 t (idx smmu 2 va) v (smmu_slots _ _ _ HL)
                  (tr_pool _ _ _ _ HT _ _ Hu) (idx_in_tbl smmu smmu_ok 2 va)).
  destruct (set_leaf smmu pt_id smmu_ok _ _ _ _ (root j) (A j) va 2 t v HT (smmu_root_used _ _ _ _ _ _ Hj)
              (HM j Hj) Hva ltac:(cbn; lia) Hr (smmu_not_tbl2 _) (smmu_not_tbl2 _) HW) as [HT' HM'].
  split; [exact HL|]. split; [exact H1|]. split; [exact H2|]. split; [exact HT'|].
  intros j' Hj'. unfold ctx_set. destruct (Z.eqb_spec j' j) as [->|Nj].
  - rewrite <- smmu_leaf_val, <- smmu_key2. exact HM'.
  - apply (set_leaf_other smmu pt_id smmu_ok _ _ _ _ (root j) (root j') _ va 2 t v HT
             (smmu_root_used _ _ _ _ _ _ Hj) (smmu_root_used _ _ _ _ _ _ Hj')); auto.
    destruct (sm_root_sep _ _ _ HL j' j Hj' Hj Nj); lia.
Qed.

(** [init_smmu_pt]: the 8 KiB root of context [j] is zeroed; that context maps nothing, the
    others are unchanged. *)
Theorem smmu_rel_clear : forall P root nctx n1 n2 m m' A j,
  smmu_rel P root nctx n1 n2 m A -> 0 <= j < nctx ->
  (forall a, root j <= a < root j + 8192 -> m' @ a = 0) ->
  (forall a, ~ (root j <= a < root j + 8192) -> m' @ a = m @ a) ->
  smmu_rel P root nctx n1 n2 m' (ctx_set A j aempty).
Proof.
  intros P root nctx n1 n2 m m' A j (HL & H1 & H2 & HT & HM) Hj Hz Ho.
  assert (HCl : clear_at smmu (smmu_pool P root nctx) (flat 8 m) (flat 8 m') 0 (root j)).
  { apply (flat_clear smmu 8 _ m m' 0 (root j) ltac:(lia) (smmu_extents _ _ _ HL)); [exists j; auto | |];
      intros a; unfold nent; cbn; [apply Hz | apply Ho]. }
  destruct (clear_root smmu pt_id smmu_ok _ _ _ _ (root j) HT (smmu_root_used _ _ _ _ _ _ Hj) HCl)
    as (HT' & HM' & Ho').
  split; [exact HL|]. split; [exact H1|]. split; [exact H2|]. split; [exact HT'|].
  intros j' Hj'. unfold ctx_set. destruct (Z.eqb_spec j' j) as [->|Nj]; [exact HM'|].
  intros va l Hva Hl. rewrite Ho'; [apply HM; auto | apply smmu_root_used; auto |].
  destruct (sm_root_sep _ _ _ HL j' j Hj' Hj Nj); lia.
Qed.

(** ** The demonstration ([testdata/pagetable]) *)

(** [walk_next]: a valid entry ([bit 0]) names table [(address >> 12) - 1] (0 means none);
    [get_leaf]/[map_page]: a level-3 entry with [bit 0] is a mapping of its output address. *)
Definition demo_dec (l : nat) (d : Z) : kind :=
  match l with
  | 3%nat => if bit 0 d then KLeaf else KNone
  | _ => if bit 0 d && negb (field 12 36 d =? 0) then KTable (field 12 36 d - 1) else KNone
  end.
Definition demo : cfg := granule 4 9 demo_dec.
Definition demo_out (l : nat) (d : Z) : Z := oa d.

Lemma demo_ok : cfg_ok demo.
Proof. apply granule_ok; [lia|]. intros [|[|[|[|l]]]]; reflexivity. Qed.

(** The table descriptor the code writes for table index [t]: [((t + 1) << 12) | 3]. *)
Lemma demo_tdesc : forall l t, (l < 3)%nat -> 0 <= t < 2 ^ 36 - 1 ->
  dec demo l ((t + 1) * 4096 + 3) = KTable t.
Proof.
  intros l t Hl Ht. assert (B : bit 0 ((t + 1) * 4096 + 3) = true).
  { unfold bit. rewrite Z.div_1_r. rewrite Z.odd_add, Z.odd_mul. change (Z.odd 4096) with false.
    rewrite andb_false_r. reflexivity. }
  assert (F : field 12 36 ((t + 1) * 4096 + 3) = t + 1).
  { unfold field. change (2 ^ 12) with 4096. rewrite Z.div_add_l, Z.div_small, Z.add_0_r by lia.
    apply Z.mod_small. lia. }
  destruct l as [|[|[|l]]]; try lia; cbn [dec demo granule demo_dec]; rewrite B, F;
    (destruct (Z.eqb_spec (t + 1) 0); [lia|]); cbn; f_equal; lia.
Qed.

(** The leaf [set_leaf] writes for [pa]: [(pa & ADDR_MASK) | 3]; its abstract entry is [oa pa]. *)
Lemma demo_leaf : forall pa,
  dec demo 3 (oa pa + 3) = KLeaf /\ leaf_val demo demo_out 3 (oa pa + 3) = Some (oa pa).
Proof.
  intros pa. assert (B : bit 0 (oa pa + 3) = true).
  { unfold bit. rewrite Z.div_1_r. pose proof (oa_aligned pa) as H.
    rewrite (Z.div_mod (oa pa) 4096) by lia. rewrite H, Z.add_0_r, Z.odd_add, Z.odd_mul. reflexivity. }
  cbn [dec demo granule demo_dec]. rewrite B. split; [reflexivity|]. unfold leaf_val, demo_out.
  cbn [dec demo granule demo_dec]. rewrite B. rewrite oa_add_low by (apply oa_aligned || lia).
  rewrite oa_id; [reflexivity | apply oa_range | apply oa_aligned].
Qed.

(** Pools: level [l] holds tables [0 .. cnt l - 1] (level 0: one root per VM). *)
Definition demo_pool (cnt : nat -> Z) : lvpred := bump_pool (fun _ => 0) cnt 1.

Record demo_layout (nvm : Z) (cap next : nat -> Z) : Prop := {
  dm_cap0 : cap 0%nat = nvm;
  dm_next0 : next 0%nat = nvm;
  dm_next : forall l, 0 <= next l <= cap l;
  dm_high : forall l, (4 <= l)%nat -> cap l = 0;
  dm_capmax : forall l, cap l < 2 ^ 36 - 1
}.

Definition demo_rel (nvm : Z) (cap next : nat -> Z) (tabs : nat -> ZMap.t (ZMap.t Z)) (A : Z -> amap) : Prop :=
  demo_layout nvm cap next /\
  tree_ok demo (nested tabs) (demo_pool cap) (demo_pool next) /\
  forall v, 0 <= v < nvm -> meaning demo demo_out (nested tabs) v (A v).

Lemma demo_in_pool : forall cnt l t, demo_pool cnt l t <-> 0 <= t < cnt l.
Proof.
  intros. unfold demo_pool, bump_pool, in_bump. rewrite Z.mod_1_r. lia.
Qed.

Lemma demo_root_used : forall nvm cap next v, demo_layout nvm cap next -> 0 <= v < nvm -> demo_pool next 0%nat v.
Proof. intros nvm cap next v HL Hv. apply demo_in_pool. rewrite (dm_next0 _ _ _ HL). exact Hv. Qed.

(** Initially all tables are zero and only the roots are used: no VM maps anything. *)
Theorem demo_rel_init : forall nvm cap next tabs, demo_layout nvm cap next ->
  (forall l, (l <> 0)%nat -> next l = 0) -> (forall l t i, tabs l @ t @ i = 0) ->
  demo_rel nvm cap next tabs (fun _ => aempty).
Proof.
  intros nvm cap next tabs HL Hn Hz. split; [exact HL|]. split.
  - apply (tree_ok_iff demo (nested tabs) (demo_pool cap) (demo_pool cap)
             (fun l t => l = 0%nat /\ 0 <= t < nvm) _ (fun _ _ => iff_refl _)).
    + intros [|l] t; rewrite demo_in_pool; [rewrite (dm_next0 _ _ _ HL); split; [intros [_ H]|]; auto|].
      rewrite Hn by lia. split; [intros [E _]; discriminate | lia].
    + apply (init_tree demo demo_ok); [intros; apply Hz|]. intros t Ht. apply demo_in_pool.
      rewrite (dm_cap0 _ _ _ HL). exact Ht.
  - intros v Hv. apply (init_meaning demo demo_out demo_ok). intros i Hi. apply Hz.
Qed.

(** Linking table [next (S l0)] (the bump allocator's next table) below an empty entry. *)
Theorem demo_rel_link : forall nvm cap next tabs A v va l0 t,
  demo_rel nvm cap next tabs A -> 0 <= v < nvm -> (l0 < 3)%nat ->
  reach demo (nested tabs) l0 v va = Some t -> dec demo l0 (tabs l0 @ t @ idx demo l0 va) = KNone ->
  next (S l0) < cap (S l0) ->
  let tabs' := tabs_set tabs l0 t (idx demo l0 va) ((next (S l0) + 1) * 4096 + 3) in
  demo_rel nvm cap (cnt_inc next (S l0)) tabs' A /\ reach demo (nested tabs') (S l0) v va = Some (next (S l0)).
Proof.
  intros nvm cap next tabs A v va l0 t (HL & HT & HM) Hv Hl Hr Hold Hcap tabs'.
  assert (Hu := reach_used demo demo_ok _ _ _ HT l0 v va t (demo_root_used _ _ _ _ HL Hv) Hr).
  pose proof (dm_next _ _ _ HL (S l0)) as Hn. pose proof (dm_capmax _ _ _ HL (S l0)).
  assert (Hcp : demo_pool cap (S l0) (next (S l0))) by (apply demo_in_pool; lia).
  assert (Hcu : ~ demo_pool next (S l0) (next (S l0))) by (rewrite demo_in_pool; lia).
  assert (Hv' := demo_tdesc l0 (next (S l0)) Hl ltac:(lia)).
  assert (HW := nested_tabs_set demo (demo_pool cap) tabs l0 t (idx demo l0 va) ((next (S l0) + 1) * 4096 + 3)).
  destruct (link_fresh demo demo_out demo_ok _ _ _ _ l0 t (idx demo l0 va) (next (S l0)) _ HT Hu
              (idx_in_tbl demo demo_ok l0 va) ltac:(cbn; lia) Hold Hcp Hcu Hv' HW) as [HT' HM'].
  split; [split; [|split]|].
  - destruct HL. constructor; auto.
    intros l. unfold cnt_inc. destruct (Nat.eqb_spec l (S l0)) as [->|]; auto. lia.
  - refine (tree_ok_iff demo _ _ _ _ _ (fun _ _ => iff_refl _) _ HT'). intros l t'.
    unfold demo_pool. pose proof (bump_pool_inc (fun _ => 0) next 1 (S l0) ltac:(lia) ltac:(lia) l t') as X.
    cbv beta in X. replace (0 + 1 * next (S l0)) with (next (S l0)) in X by ring.
    rewrite X. reflexivity.
  - intros v' Hv''. exact (HM' v' (A v') (demo_root_used _ _ _ _ HL Hv'') (HM v' Hv'')).
  - exact (link_fresh_reach demo demo_ok _ _ _ _ l0 t (idx demo l0 va) _ HT HW (next (S l0)) Hv' v va
             (demo_root_used _ _ _ _ HL Hv) Hr eq_refl).
Qed.

(** Writing a leaf (or clearing it) in VM [v]'s tree: that VM's map changes in one entry, the
    other VMs' maps do not change (their trees share the pools). *)
Theorem demo_rel_set : forall nvm cap next tabs A v va l0 t w,
  demo_rel nvm cap next tabs A -> 0 <= v < nvm -> in_va demo va -> (l0 < 4)%nat ->
  reach demo (nested tabs) l0 v va = Some t ->
  is_tbl demo l0 (tabs l0 @ t @ idx demo l0 va) = false -> is_tbl demo l0 w = false ->
  demo_rel nvm cap next (tabs_set tabs l0 t (idx demo l0 va) w)
    (ctx_set A v (aset (A v) l0 (key demo l0 va) (leaf_val demo demo_out l0 w))).
Proof.
  intros nvm cap next tabs A v va l0 t w (HL & HT & HM) Hv Hva Hl Hr Hold Hw.
  assert (HW := nested_tabs_set demo (demo_pool cap) tabs l0 t (idx demo l0 va) w).
  destruct (set_leaf demo demo_out demo_ok _ _ _ _ v (A v) va l0 t w HT (demo_root_used _ _ _ _ HL Hv)
              (HM v Hv) Hva Hl Hr Hold Hw HW) as [HT' HM'].
  split; [exact HL|]. split; [exact HT'|].
  intros v' Hv'. unfold ctx_set. destruct (Z.eqb_spec v' v) as [->|Nv]; [exact HM'|].
  exact (set_leaf_other demo demo_out demo_ok _ _ _ _ v v' _ va l0 t w HT (demo_root_used _ _ _ _ HL Hv)
           (demo_root_used _ _ _ _ HL Hv') Nv Hr HW (HM v' Hv')).
Qed.

(** The demonstration's abstract state: per VM, page number -> output address. *)
Definition demo_amap (s2map : ZMap.t (ZMap.t (option Z))) : Z -> amap :=
  fun v l k => if Nat.eqb l 3 then s2map @ v @ k else None.

(** One page of one VM changed is [aset] of that VM's map at level 3. *)
Lemma demo_amap_set : forall s2 v va o w l k, 0 <= va ->
  demo_amap (s2 # v == ((s2 @ v) # (va / 4096) == o)) w l k =
  ctx_set (demo_amap s2) v (aset (demo_amap s2 v) 3 (key demo 3 va) o) w l k.
Proof.
  intros. unfold demo_amap, ctx_set, aset. change (key demo 3 va) with (va / 2 ^ 12).
  rewrite ZMap.gsspec. destruct (Z.eqb_spec w v) as [->|]; [|reflexivity].
  rewrite ZMap.gsspec. destruct (Nat.eqb_spec l 3) as [->|]; reflexivity.
Qed.

(** Setting an entry to the value it has changes nothing. *)
Lemma ctx_aset_same : forall (A : Z -> amap) v l k o w l' k', A v l k = o ->
  ctx_set A v (aset (A v) l k o) w l' k' = A w l' k'.
Proof.
  intros A v l k o w l' k' E. unfold ctx_set, aset. destruct (Z.eqb_spec w v) as [->|]; [|reflexivity].
  destruct (Nat.eqb_spec l' l) as [->|]; [|reflexivity]. destruct (Z.eqb_spec k' k) as [->|]; auto.
Qed.

(** *** The demonstration's state: the invariant its proofs keep *)

(** The four per-level arrays of tables (no level below 3); the bump counters [pn] of levels
    1-3 (level 0 holds the [nvm] roots). *)
Definition demo_tabs (t0 t1 t2 t3 : ZMap.t (ZMap.t Z)) : nat -> ZMap.t (ZMap.t Z) :=
  fun l => match l with O => t0 | 1%nat => t1 | 2%nat => t2 | 3%nat => t3 | _ => ZMap.init (ZMap.init 0) end.
Definition demo_cap (nvm : Z) (l : nat) : Z := if (l <=? 3)%nat then nvm else 0.
Definition demo_next (nvm : Z) (pn : ZMap.t Z) (l : nat) : Z :=
  match l with O => nvm | 1%nat | 2%nat | 3%nat => pn @ Z.of_nat l | _ => 0 end.

(** How many VMs have a level-[l] table on the path of address 0, which every address below
    2 MiB shares (its indices above level 3 are 0). *)
Definition demo_owners (nvm : Z) (tabs : nat -> ZMap.t (ZMap.t Z)) (l : nat) : Z :=
  ncount (fun v => if reach demo (nested tabs) l v 0 then true else false) (Z.to_nat nvm).

(** The tree relation; canonical entries (the code follows any entry with bit 0 set, so an entry
    that names no table is zero); and at most one table per level and VM, so allocating for a VM
    without one never runs out ([demo_inv_step]). *)
Definition demo_inv (nvm : Z) (pn : ZMap.t Z) (tabs : nat -> ZMap.t (ZMap.t Z)) (A : Z -> amap) : Prop :=
  demo_rel nvm (demo_cap nvm) (demo_next nvm pn) tabs A /\
  canon demo (nested tabs) (demo_pool (demo_next nvm pn)) /\
  (forall l, demo_next nvm pn l <= demo_owners nvm tabs l).

Lemma demo_no_leaf : forall l d, (l < 3)%nat -> dec demo l d <> KLeaf.
Proof. intros [|[|[|l]]] d Hl; try lia; cbn; destruct (_ && _); discriminate. Qed.

Lemma demo_is_tbl3 : forall d, is_tbl demo 3 d = false.
Proof. intros d. unfold is_tbl. cbn. destruct (bit 0 d); reflexivity. Qed.

(** A table entry has bit 0 and names table [field - 1]. *)
Lemma demo_dec_table : forall l d c, (l < 3)%nat -> dec demo l d = KTable c ->
  bit 0 d = true /\ field 12 36 d = c + 1 /\ 0 <= c.
Proof.
  intros [|[|[|l]]] d c Hl; try lia; pose proof (field_range 12 36 d ltac:(lia)); cbn;
    destruct (bit 0 d), (Z.eqb_spec (field 12 36 d) 0); cbn; intro E; inversion E; split; auto; lia.
Qed.

(** Below 2 MiB, the tables of levels 1-3 are those on the path of address 0. *)
Lemma demo_reach0 : forall rd l v va, (l <= 3)%nat -> 0 <= va < 2 ^ 21 ->
  reach demo rd l v va = reach demo rd l v 0.
Proof.
  intros rd l v va Hl Hva. apply reach_prefix. intros k Hk. unfold idx, field.
  assert (Hs : 21 <= shift demo k) by (cbn [demo granule shift]; unfold g_shift; lia).
  assert (P : 2 ^ 21 <= 2 ^ shift demo k) by (apply Z.pow_le_mono_r; lia).
  rewrite (Z.div_small va), Z.div_0_l by (lia || (apply Z.pow_nonzero; lia)). reflexivity.
Qed.

Lemma demo_inv_ext : forall nvm pn pn' tabs tabs' A A', demo_inv nvm pn tabs A ->
  (forall l, (1 <= l <= 3)%nat -> pn' @ Z.of_nat l = pn @ Z.of_nat l) ->
  (forall l t i, tabs' l @ t @ i = tabs l @ t @ i) -> (forall v l k, A' v l k = A v l k) ->
  demo_inv nvm pn' tabs' A'.
Proof.
  intros nvm pn pn' tabs tabs' A A' ((HL & HT & HM) & HK & HN) Hp Ht HA.
  assert (En : forall l, demo_next nvm pn' l = demo_next nvm pn l)
    by (intros [|[|[|[|l]]]]; try reflexivity; [apply (Hp 1%nat) | apply (Hp 2%nat) | apply (Hp 3%nat)]; lia).
  assert (Ep : forall l t, demo_pool (demo_next nvm pn') l t <-> demo_pool (demo_next nvm pn) l t)
    by (intros; rewrite !demo_in_pool, En; reflexivity).
  assert (Ea : forall P, agree_on demo P (nested tabs) (nested tabs')) by (intros P l t i _ _; apply Ht).
  assert (Er : forall l v va, reach demo (nested tabs') l v va = reach demo (nested tabs) l v va)
    by (intros; apply reach_frame; intros; apply Ht).
  split; [split; [|split]|split].
  - destruct HL. constructor; intros; rewrite ?En; auto.
  - apply (tree_ok_iff demo _ _ _ _ _ (fun _ _ => iff_refl _) (fun l t => iff_sym (Ep l t))).
    apply (frame_tree demo _ _ _ _ HT (Ea _)). intros. unfold nested. rewrite Ht. apply (tr_zero _ _ _ _ HT); auto.
  - intros v Hv. apply (meaning_ext demo demo_out _ _ (A v)); [intros; symmetry; apply HA|].
    apply (frame_meaning demo demo_out demo_ok _ _ _ _ _ _ HT (Ea _)); [apply (demo_root_used _ _ _ _ HL Hv)|auto].
  - apply (canon_iff demo _ _ _ (fun l t => proj1 (Ep l t))). apply (canon_agree demo _ _ _ (Ea _) HK).
  - intros l. rewrite En. eapply Z.le_trans; [apply HN|]. apply ncount_mono. intros w _. rewrite Er. auto.
Qed.

(** One level of the code's walk for VM [v] at an address below 2 MiB: an entry names the next
    table, or it is zero and the next free table of the level below exists and is linked there. *)
Theorem demo_inv_step : forall nvm pn tabs A v va l t, demo_inv nvm pn tabs A ->
  0 <= v < nvm -> 0 <= va < 2 ^ 21 -> (l < 3)%nat -> reach demo (nested tabs) l v va = Some t ->
  (exists c, dec demo l (tabs l @ t @ idx demo l va) = KTable c /\ 0 <= c < nvm /\
     reach demo (nested tabs) (S l) v va = Some c) \/
  (tabs l @ t @ idx demo l va = 0 /\ reach demo (nested tabs) (S l) v va = None /\ 0 <= pn @ Z.of_nat (S l) < nvm /\
   let tabs' := tabs_set tabs l t (idx demo l va) ((pn @ Z.of_nat (S l) + 1) * 4096 + 3) in
   demo_inv nvm (pn # Z.of_nat (S l) == pn @ Z.of_nat (S l) + 1) tabs' A /\
   reach demo (nested tabs') (S l) v va = Some (pn @ Z.of_nat (S l))).
Proof.
  intros nvm pn tabs A v va l t ((HL & HT & HM) & HK & HN) Hv Hva Hl Hr.
  assert (Hu := reach_used demo demo_ok _ _ _ HT l v va t (demo_root_used _ _ _ _ HL Hv) Hr).
  assert (Hnx : demo_next nvm pn (S l) = pn @ Z.of_nat (S l)) by (destruct l as [|[|[|]]]; cbn; lia).
  assert (Hcap : demo_cap nvm (S l) = nvm) by (unfold demo_cap; replace (S l <=? 3)%nat with true by
    (symmetry; apply Nat.leb_le; lia); reflexivity).
  pose proof (dm_next _ _ _ HL (S l)) as Hb. rewrite Hcap, Hnx in Hb.
  destruct (dec demo l (tabs l @ t @ idx demo l va)) eqn:D; [left | exfalso; exact (demo_no_leaf l _ Hl D) | right].
  - exists c. split; [reflexivity|]. split; [|exact (reach_step demo _ l v va t c Hr D)].
    pose proof (tr_child _ _ _ _ HT l t _ c Hu (idx_in_tbl demo demo_ok l va) D) as Hc.
    apply demo_in_pool in Hc. rewrite Hnx in Hc. lia.
  - assert (Hz : tabs l @ t @ idx demo l va = 0) by (apply (HK l t); auto; apply idx_in_tbl, demo_ok).
    assert (Hn : reach demo (nested tabs) (S l) v 0 = None)
      by (rewrite <- (demo_reach0 _ _ _ va), reach_snoc, Hr by (lia || auto); unfold nested; rewrite D; reflexivity).
    pose proof (ncount_lt (fun v => if reach demo (nested tabs) (S l) v 0 then true else false)
                  (Z.to_nat nvm) v ltac:(lia) ltac:(cbv beta; rewrite Hn; reflexivity)) as Hlt.
    pose proof (HN (S l)) as HNl. unfold demo_owners in HNl. rewrite Hnx in HNl.
    split; [exact Hz | split; [rewrite (demo_reach0 _ _ _ va) by (lia || auto); exact Hn | split; [lia|]]].
    destruct (demo_rel_link nvm _ _ tabs A v va l t (conj HL (conj HT HM)) Hv Hl Hr D ltac:(rewrite Hcap; lia)) as [HR' Hr'].
    rewrite Hnx in HR', Hr'. cbv zeta in *. split; [|exact Hr'].
    assert (En : forall l', demo_next nvm (pn # Z.of_nat (S l) == pn @ Z.of_nat (S l) + 1) l' =
                            cnt_inc (demo_next nvm pn) (S l) l').
    { intros l'. unfold cnt_inc. destruct (Nat.eqb_spec l' (S l)) as [->|Nl].
      - rewrite <- Hnx. destruct l as [|[|[|]]]; try lia; cbn; rewrite ZMap.gss; reflexivity.
      - destruct l' as [|[|[|[|l']]]]; cbn; rewrite ?ZMap.gso by lia; reflexivity. }
    assert (HW := nested_tabs_set demo (demo_pool (demo_cap nvm)) tabs l t (idx demo l va)
                    ((pn @ Z.of_nat (S l) + 1) * 4096 + 3)).
    assert (Hcm : nvm < 2 ^ 36 - 1) by exact (dm_capmax _ _ _ HL 0).
    assert (Hv' := demo_tdesc l (pn @ Z.of_nat (S l)) Hl ltac:(lia)).
    assert (Hcu : ~ demo_pool (demo_next nvm pn) (S l) (pn @ Z.of_nat (S l))) by (rewrite demo_in_pool; lia).
    assert (Keep : forall l' w, 0 <= w < nvm -> reach demo (nested tabs) l' w 0 <> None ->
                     reach demo (nested (tabs_set tabs l t (idx demo l va) ((pn @ Z.of_nat (S l) + 1) * 4096 + 3))) l' w 0 <> None).
    { intros l' w Hw R. destruct (reach demo (nested tabs) l' w 0) as [tw|] eqn:Rw; [|congruence].
      rewrite (link_reach_keep demo demo_ok _ _ _ _ l t (idx demo l va) _ HT HW ltac:(cbn; lia) D w 0 l' tw
                 (demo_root_used _ _ _ _ HL Hw) Rw). discriminate. }
    split; [|split].
    + destruct HR' as (HL' & HT' & HM'). split; [|split; [|exact HM']].
      * destruct HL'. constructor; intros; rewrite ?En; auto.
      * refine (tree_ok_iff demo _ _ _ _ _ (fun _ _ => iff_refl _) _ HT'). intros. rewrite !demo_in_pool, En. reflexivity.
    + apply (canon_iff demo _ (add_used (demo_pool (demo_next nvm pn)) (S l) (pn @ Z.of_nat (S l)))).
      * intros l' t' H. pose proof (proj1 (bump_pool_inc (fun _ => 0) (demo_next nvm pn) 1 (S l) ltac:(lia)
                                   ltac:(rewrite Hnx; lia) l' t')) as X.
        unfold demo_pool, bump_pool in H, X |- *. rewrite En in H. specialize (X H).
        rewrite Hnx in X. replace (0 + 1 * _) with (pn @ Z.of_nat (S l)) in X by lia. exact X.
      * refine (canon_link demo _ _ _ _ _ _ _ _ _ HT HW _ Hcu Hv' HK). apply demo_in_pool. rewrite Hcap. lia.
    + intros l'. rewrite En. unfold cnt_inc, demo_owners.
      assert (M : forall w, 0 <= w < Z.of_nat (Z.to_nat nvm) ->
                (if reach demo (nested tabs) l' w 0 then true else false) = true ->
                (if reach demo (nested (tabs_set tabs l t (idx demo l va) ((pn @ Z.of_nat (S l) + 1) * 4096 + 3))) l' w 0
         then true else false) = true).
      { intros w Hw. destruct (reach _ _ l' w 0) eqn:R; [|discriminate]. intros _.
        destruct (reach demo (nested (tabs_set tabs l t _ _)) l' w 0) eqn:R'; [reflexivity|].
        exfalso. apply (Keep l' w ltac:(lia) ltac:(congruence) R'). }
      pose proof (ncount_mono _ _ _ M). pose proof (HN l'). unfold demo_owners in *.
      destruct (Nat.eqb_spec l' (S l)) as [->|]; [|lia].
      pose proof (ncount_gain _ _ _ v M ltac:(lia) ltac:(cbv beta; rewrite Hn; reflexivity)
                    ltac:(cbv beta; rewrite <- (demo_reach0 _ _ _ va), Hr' by (lia || auto); reflexivity)). lia.
Qed.

(** Writing a leaf (or zero) in the table VM [v] reaches at level 3: its map changes in that
    entry, the tables reached and the counters do not. *)
Theorem demo_inv_set : forall nvm pn tabs A v va t w, demo_inv nvm pn tabs A -> 0 <= v < nvm ->
  in_va demo va -> reach demo (nested tabs) 3 v va = Some t -> (w = 0 \/ bit 0 w = true) ->
  demo_inv nvm pn (tabs_set tabs 3 t (idx demo 3 va) w)
    (ctx_set A v (aset (A v) 3 (key demo 3 va) (leaf_val demo demo_out 3 w))).
Proof.
  intros nvm pn tabs A v va t w (HR & HK & HN) Hv Hva Hr Hw. pose proof HR as (HL & HT & _).
  assert (HW := nested_tabs_set demo (demo_pool (demo_cap nvm)) tabs 3 t (idx demo 3 va) w).
  split; [|split].
  - apply (demo_rel_set _ _ _ _ _ v va 3 t w HR Hv Hva ltac:(lia) Hr); apply demo_is_tbl3.
  - apply (canon_write demo _ _ _ _ _ _ _ _ HT HW); auto. intros D. destruct Hw as [->|B]; [reflexivity|].
    cbn in D. rewrite B in D. discriminate.
  - intros l. pose proof (HN l). unfold demo_owners in *.
    destruct (Nat.leb_spec l 3) as [Hl|Hl]; [|destruct l as [|[|[|[|l]]]]; try lia; apply ncount_nonneg].
    assert (E : forall w', 0 <= w' < nvm -> reach demo (nested (tabs_set tabs 3 t (idx demo 3 va) w)) l w' 0 =
                                             reach demo (nested tabs) l w' 0)
      by (intros; apply (write_reach_above demo demo_ok _ _ _ _ _ _ _ _ HT HW); auto; apply (demo_root_used _ _ _ _ HL); auto).
    eapply Z.le_trans; [eassumption|]. apply ncount_mono. intros w' Hw'. rewrite E by lia. auto.
Qed.

(** VM [v]'s entry for the page of [va]: the leaf its level-3 table holds, if it has one. *)
Theorem demo_inv_lookup : forall nvm pn tabs A v va, demo_inv nvm pn tabs A -> 0 <= v < nvm ->
  in_va demo va ->
  A v 3%nat (key demo 3 va) =
    match reach demo (nested tabs) 3 v va with
    | Some t => if bit 0 (tabs 3%nat @ t @ idx demo 3 va) then Some (oa (tabs 3%nat @ t @ idx demo 3 va)) else None
    | None => None
    end.
Proof.
  intros nvm pn tabs A v va ((HL & HT & HM) & _) Hv Hva. rewrite (HM v Hv va 3%nat Hva ltac:(cbn; lia)).
  destruct (reach demo (nested tabs) 3 v va) as [t|] eqn:R.
  - rewrite (walk_hit demo _ _ _ 3 t ltac:(cbn; lia) R (demo_is_tbl3 _)), leaf_at_res.
    cbn. unfold leaf_val, demo_out. cbn. destruct (bit 0 _); reflexivity.
  - destruct (walk demo (nested tabs) v va) as [l|l d] eqn:W; [reflexivity|]. cbn [leaf_at].
    destruct (Nat.eqb_spec 3 l) as [<-|]; [|reflexivity].
    destruct (walk_leaf_inv demo _ _ _ _ _ W) as (_ & t & R' & _). congruence.
Qed.

(** Initially no VM has tables below its root, and all tables are zero. *)
Theorem demo_inv_init : forall nvm pn tabs, 0 <= nvm < 2 ^ 36 - 1 ->
  pn @ 1 = 0 -> pn @ 2 = 0 -> pn @ 3 = 0 -> (forall l t i, tabs l @ t @ i = 0) ->
  demo_inv nvm pn tabs (fun _ => aempty).
Proof.
  intros nvm pn tabs Hn P1 P2 P3 Hz.
  assert (HL : demo_layout nvm (demo_cap nvm) (demo_next nvm pn))
    by (constructor; try reflexivity; intros [|[|[|[|l]]]]; cbn; rewrite ?P1, ?P2, ?P3; lia).
  split; [|split].
  - apply demo_rel_init; auto. intros [|[|[|[|l]]]] H; cbn; auto; lia.
  - apply canon_zero. intros. apply Hz.
  - intros [|[|[|[|l]]]]; unfold demo_owners; simpl demo_next; rewrite ?P1, ?P2, ?P3; try apply ncount_nonneg.
    cbn [reach reach_from]. rewrite ncount_all. lia.
Qed.
