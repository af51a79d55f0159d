(* Hand-written facts about the trusted bottom specs of proof.v that no generated proof observes
   (PROJ_PROOFS of proof.v, copied by `autov build` into the generated project as
   Proofs/bottom.v). The accessors above are generated from the code, so they follow whatever
   `get_cpuid` and `__hyp_panic` say; these lemmas pin down what the bottom trusts. A `get_cpuid`
   that returns another CPU, an id outside the 16 per-CPU slots of `per_cpu_data` (the bound of the
   generated access lemmas `Access/el2_per_cpu_data_*.v`) or changes the state, and a
   `__hyp_panic` that returns, fail here. *)
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
