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

(* The SMMU's table accesses are the same accesses of the same memory. *)
Lemma smmu_pt_same : forall v a x st,
  smmu_pt_load_spec a st = pt_load_spec v a st /\ smmu_pt_store_spec a x st = pt_store_spec v a x st.
Proof. split; reflexivity. Qed.
