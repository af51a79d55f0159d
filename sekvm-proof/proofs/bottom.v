(* Hand-written facts about the trusted bottom specs of proof.v that no generated proof observes
   (PROJ_PROOFS of proof.v, copied by `autov build` into the generated project as
   Proofs/bottom.v). The accessors above are generated from the code, so they follow whatever
   `get_cpuid` and `__hyp_panic` say; these lemmas pin down what the bottom trusts. A `get_cpuid`
   that returns another CPU, an id outside the 16 per-CPU slots of `per_cpu_data` (the bound of the
   generated access lemmas `Access/el2_per_cpu_data_*.v`) or changes the state, and a
   `__hyp_panic` that returns, fail here; so do a page-table store that writes another entry or
   any other part of the state, a load that reads another entry, an SMMU table access that is not
   the same access of the same memory, a console print that changes the state and a `v_panic`
   that returns. *)
From Coq Require Import String ZArith List Bool Lia.
From AutoV Require Import All Build GenTactics.
From SeKVM.Bottom Require Import Defs.
Import ListNotations.
Local Open Scope Z_scope.

(* `get_cpuid` reads the running CPU's id, which names one of the 16 per-CPU slots, and changes
   nothing. *)
Lemma get_cpuid_reads_cpu : forall st c st',
  get_cpuid_spec st = Some (c, st') -> c = st.(cpu) /\ 0 <= c < 16 /\ st' = st.
Proof.
  unfold get_cpuid_spec; intros st c st' H.
  destruct ((0 <=? cpu st) && (cpu st <? 16)) eqn:B; [ | discriminate H ].
  apply andb_true_iff in B as [B1 B2]; apply Z.leb_le in B1; apply Z.ltb_lt in B2.
  injection H as <- <-. auto.
Qed.

(* `get_cpuid` is defined on every state whose CPU id names a per-CPU slot (the theorems above it
   are not vacuous for any CPU the hypervisor runs on). *)
Lemma get_cpuid_defined : forall st, 0 <= st.(cpu) < 16 -> get_cpuid_spec st = Some (st.(cpu), st).
Proof.
  unfold get_cpuid_spec; intros st [B1 B2].
  apply Z.leb_le in B1; apply Z.ltb_lt in B2. rewrite B1, B2. reflexivity.
Qed.

(* `__hyp_panic` does not return: a path through it has no final state, so no spec above can
   promise a result on it. *)
Lemma hyp_panic_stops : forall st, __hyp_panic_spec st = None.
Proof. reflexivity. Qed.

(* Page-table memory (stage B): a store writes exactly the entry at its address, and nothing else
   of the state (locks, the EL2 data, the other entries); a load reads that entry and changes
   nothing. The address is the code's physical address; entries are keyed by its low 40 bits, as
   the EL2 linear map the code goes through computes them. *)
Definition pt_key (addr : Z) : Z := Z.land addr 1099511627775.

Lemma pt_store_frame : forall v a x st st',
  pt_store_spec v a x st = Some st' ->
  st' = update_RData_pt_mem st (st.(pt_mem) # pt_key a == x).
Proof. unfold pt_store_spec, pt_key; intros v a x st st' H. injection H as <-. reflexivity. Qed.

Lemma pt_load_reads : forall v a st, pt_load_spec v a st = Some (st.(pt_mem) @ pt_key a, st).
Proof. reflexivity. Qed.

(* A load after a store at the same address reads the stored value; at another address, what was
   there before. *)
Lemma pt_load_store : forall v w a b x st st',
  pt_store_spec v a x st = Some st' ->
  pt_load_spec w b st' = Some (if pt_key b =? pt_key a then x else st.(pt_mem) @ pt_key b, st').
Proof.
  intros v w a b x st st' H. apply pt_store_frame in H. subst st'. unfold pt_load_spec; cbn.
  rewrite ZMap.gsspec. reflexivity.
Qed.

(* Console output is invisible to the verified state; `v_panic` does not return. *)
Lemma prints_change_nothing : forall p x st,
  print_string_spec p st = Some st /\ printhex_ul_spec x st = Some st.
Proof. split; reflexivity. Qed.

(* The TLB flush changes nothing of this state (it has no TLBs). *)
Lemma tlb_flush_changes_nothing : forall ipa st, kvm_tlb_flush_vmid_ipa_host_spec ipa st = Some st.
Proof. reflexivity. Qed.

Lemma v_panic_stops : forall st, v_panic_spec st = None.
Proof. reflexivity. Qed.

(* The SMMU's table accesses are the same accesses of the same memory, at an address outside
   every VM's stage-2 pool; inside one they are undefined (the SMMU's code must never reach a
   stage-2 table). *)
Transparent outside_pools_below.
Lemma outside_pools_below_iff : forall starts a len n, outside_pools_below starts a len n = true <->
  (forall v, 0 <= v < Z.of_nat n -> a + len <= starts @ v \/ starts @ v + s2_pool_size v <= a).
Proof.
  intros starts a len n. induction n as [|n IH].
  - change (outside_pools_below starts a len 0) with true. split; [intros _ v Hv; cbn in Hv; lia | reflexivity].
  - change (outside_pools_below starts a len (S n)) with
      (((a + len <=? starts @ Z.of_nat n) || (starts @ Z.of_nat n + s2_pool_size (Z.of_nat n) <=? a)) &&
       outside_pools_below starts a len n).
    rewrite Nat2Z.inj_succ, andb_true_iff, orb_true_iff, !Z.leb_le, IH. split.
    + intros [H1 H2] v Hv. destruct (Z.eq_dec v (Z.of_nat n)) as [->|Hne]; [exact H1 | apply H2; lia].
    + intros H. split; [apply H; lia | intros v Hv; apply H; lia].
Qed.
Opaque outside_pools_below.

Lemma smmu_pt_same : forall v a x st, outside_s2_pools (vm_pool_start st) (pt_key a) 1 = true ->
  smmu_pt_load_spec a st = pt_load_spec v a st /\ smmu_pt_store_spec a x st = pt_store_spec v a x st.
Proof.
  intros v a x st H. unfold pt_key in H. unfold smmu_pt_load_spec, smmu_pt_store_spec. rewrite H. split; reflexivity.
Qed.

Lemma smmu_pt_in_pool : forall w a x st, 0 <= w < 19 -> in_s2_pool st w (pt_key a) = true ->
  smmu_pt_load_spec a st = None /\ smmu_pt_store_spec a x st = None.
Proof.
  intros w a x st Hw Hin. unfold in_s2_pool, pt_key in Hin. apply andb_true_iff in Hin as [H1 H2].
  apply Z.leb_le in H1. apply Z.ltb_lt in H2.
  assert (E : outside_s2_pools (vm_pool_start st) (Z.land a 1099511627775) 1 = false).
  { destruct (outside_s2_pools _ _ _) eqn:O; [|reflexivity]. unfold outside_s2_pools in O.
    apply outside_pools_below_iff with (v := w) in O; [lia | cbn; lia]. }
  unfold smmu_pt_load_spec, smmu_pt_store_spec. rewrite E. split; reflexivity.
Qed.

(* `smmu_pt_clear` zeroes exactly the 8 KiB at the context's root (its `hw_ttbr`, whose low 40
   bits the linear map keeps) and nothing else of the state, where that range lies outside every
   stage-2 pool. *)
Transparent zero_bytes.
Lemma zero_bytes_get : forall n m a b,
  zero_bytes m a n @ b = if (a <=? b) && (b <? a + Z.of_nat n) then 0 else m @ b.
Proof.
  induction n as [|n IH]; intros m a b.
  - change (zero_bytes m a 0) with m. cbn [Z.of_nat]. rewrite Z.add_0_r. destruct (Z.leb_spec a b), (Z.ltb_spec b a); cbn; try reflexivity; lia.
  - change (zero_bytes m a (S n)) with (zero_bytes (m # a == 0) (a + 1) n).
    rewrite IH, ZMap.gsspec, Nat2Z.inj_succ.
    destruct (Z.leb_spec (a + 1) b), (Z.ltb_spec b (a + 1 + Z.of_nat n)), (Z.eqb_spec b a), (Z.leb_spec a b),
      (Z.ltb_spec b (a + Z.succ (Z.of_nat n))); cbn; try reflexivity; lia.
Qed.
Opaque zero_bytes.

Lemma smmu_pt_clear_zeroes : forall c n st st', smmu_pt_clear_spec c n st = Some st' ->
  let root := Z.land (smmu_ttbr st @ (n * 8 + c)) 1099511627775 in
  0 <= c < 8 /\ 0 <= n < 2 /\ outside_s2_pools (vm_pool_start st) root 8192 = true /\
  st' = update_RData_pt_mem st (zero_bytes (pt_mem st) root (Z.to_nat 8192)) /\
  forall b, zero_bytes (pt_mem st) root (Z.to_nat 8192) @ b = if (root <=? b) && (b <? root + 8192) then 0 else pt_mem st @ b.
Proof.
  intros c n st st' H root. unfold smmu_pt_clear_spec in H. fold root in H.
  destruct ((0 <=? c) && (c <? 8) && (0 <=? n) && (n <? 2) && outside_s2_pools (vm_pool_start st) root 8192) eqn:B; [|discriminate H].
  repeat (apply andb_true_iff in B as [B ?]). apply Z.leb_le in B. rewrite Z.ltb_lt, ?Z.leb_le in *.
  injection H as <-. split; [lia|]. split; [lia|]. split; [assumption|].
  (* the spec's clear is this one, syntactically: unifying two different clears would run
     `zero_bytes` over thousands of bytes before failing *)
  split; [cbn [Z.to_nat]; lazymatch goal with |- ?a = ?a => reflexivity end|].
  intros b. rewrite zero_bytes_get, Z2Nat.id by lia. reflexivity.
Qed.
