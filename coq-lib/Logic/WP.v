(** * Program logic: a weakest-precondition form [wp] of statement execution, with one rule per
    statement and a fuel-indexed loop rule. The symbolic executor of generated code proofs
    ([GenTactics.g_wp]) applies these rules. No axioms. *)
From Coq Require Import ZArith List Bool Lia.
From AutoV Require Import Syntax Ints Values Eval Sem Refine Tactics.
Import ListNotations.
Local Open Scope Z_scope.

(** ** Weakest-precondition form of statement execution *)
Section WP.
Variable L : layer.
Variable ge : code.
Local Notation St := (lstate L).
Implicit Types K Q : env -> lstate L -> outcome -> Prop.
Local Notation eval e a := (eval_expr (lptr2int L) (lfloat L) e a).

Definition wp (e : env) (st : St) (s : stmt) (K : env -> St -> outcome -> Prop) : Prop :=
  exists e' st' o, exec_stmt L ge e st s e' st' o /\ K e' st' o.

Lemma wp_conseq : forall e st s (Q K : env -> St -> outcome -> Prop),
  wp e st s Q -> (forall e' st' o, Q e' st' o -> K e' st' o) -> wp e st s K.
Proof. unfold wp; intros. destruct H as (e' & st' & o & X & HQ). eauto 6. Qed.

Lemma wp_skip : forall e st K, K e st Onormal -> wp e st Sskip K.
Proof. unfold wp; intros; do 3 eexists; split; [constructor | eauto]. Qed.

Lemma wp_assign : forall e st x a v K,
  eval e a = Some v -> K (env_set x v e) st Onormal -> wp e st (Sassign x a) K.
Proof. unfold wp; intros; do 3 eexists; split; [constructor; eauto | eauto]. Qed.

Lemma wp_load : forall e st x o t a p v K,
  eval e a = Some (Vptr p) -> lload L t p st = Some v -> K (env_set x v e) st Onormal ->
  wp e st (Sload x o t a) K.
Proof. unfold wp; intros; do 3 eexists; split; [econstructor; eauto | eauto]. Qed.

Lemma wp_store : forall e st o t a b p v st' K,
  eval e a = Some (Vptr p) -> eval e b = Some v -> lstore L t p v st = Some st' -> K e st' Onormal ->
  wp e st (Sstore o t a b) K.
Proof. unfold wp; intros; do 3 eexists; split; [econstructor; eauto | eauto]. Qed.

Lemma wp_call_prim : forall e st x f args g vs st' r e' K,
  eval_callee L e f = Some g -> eval_exprs (lptr2int L) (lfloat L) e args = Some vs ->
  find_func ge g = None -> lprim L g vs st st' r -> set_result x r e = Some e' ->
  K e' st' Onormal -> wp e st (Scall x f args) K.
Proof.
  unfold wp; intros; do 3 eexists; split; [ | eauto ].
  econstructor; eauto. apply exec_external; auto.
Qed.

Lemma wp_seq : forall e st s1 s2 K,
  wp e st s1 (fun e1 st1 o1 => match o1 with Onormal => wp e1 st1 s2 K | _ => K e1 st1 o1 end) ->
  wp e st (Sseq s1 s2) K.
Proof.
  unfold wp; intros. destruct H as (e1 & st1 & o1 & X1 & HK).
  destruct o1; try (do 3 eexists; split; [eapply exec_seq_2; eauto; discriminate | eauto]).
  destruct HK as (e2 & st2 & o2 & X2 & HK). do 3 eexists; split; [eapply exec_seq_1; eauto | eauto].
Qed.

Lemma wp_if : forall e st c s1 s2 v b K,
  eval e c = Some v -> truth v = Some b -> wp e st (if b then s1 else s2) K -> wp e st (Sif c s1 s2) K.
Proof. unfold wp; intros. destruct H1 as (e' & st' & o & X & HK). do 3 eexists; split; [econstructor; eauto | eauto]. Qed.

Lemma wp_switch : forall e st a cases def w z K,
  eval e a = Some (Vint w z) -> wp e st (select_case w z cases def) K -> wp e st (Sswitch a cases def) K.
Proof. unfold wp; intros. destruct H0 as (e' & st' & o & X & HK). do 3 eexists; split; [econstructor; eauto | eauto]. Qed.

Lemma wp_block : forall e st s K,
  wp e st s (fun e1 st1 o1 => exists o', block_out o1 = Some o' /\ K e1 st1 o') -> wp e st (Sblock s) K.
Proof.
  unfold wp; intros. destruct H as (e1 & st1 & o1 & X & o' & B & HK).
  do 3 eexists; split; [econstructor; eauto | eauto].
Qed.

Lemma wp_break : forall e st n K, K e st (Obreak n) -> wp e st (Sbreak n) K.
Proof. unfold wp; intros; do 3 eexists; split; [constructor | eauto]. Qed.
Lemma wp_continue : forall e st n K, K e st (Ocontinue n) -> wp e st (Scontinue n) K.
Proof. unfold wp; intros; do 3 eexists; split; [constructor | eauto]. Qed.
Lemma wp_return_none : forall e st K, K e st (Oreturn None) -> wp e st (Sreturn None) K.
Proof. unfold wp; intros; do 3 eexists; split; [constructor | eauto]. Qed.
Lemma wp_return_some : forall e st a v K,
  eval e a = Some v -> K e st (Oreturn (Some v)) -> wp e st (Sreturn (Some a)) K.
Proof. unfold wp; intros; do 3 eexists; split; [constructor; eauto | eauto]. Qed.

(** Loops: an invariant indexed by the spec's fuel. *)
Lemma wp_loop_fuel : forall (I : nat -> env -> St -> Prop) (Q : env -> St -> outcome -> Prop) s,
  (forall n e st, I (S n) e st ->
     wp e st s (fun e1 st1 o => (loop_again o = true /\ I n e1 st1) \/
                                (exists o', loop_out o = Some o' /\ Q e1 st1 o'))) ->
  (forall e st, ~ I O e st) ->
  forall n e st, I n e st -> wp e st (Sloop s) Q.
Proof.
  intros I Q s STEP NZ n e st HI. unfold wp.
  eapply (exec_loop_fuel L ge I Q s); eauto.
Qed.

(** Functions. *)
Lemma wp_func : forall f fn vs st st' r e,
  find_func ge f = Some fn -> bind_params (fn_params fn) vs env_empty = Some e ->
  wp e st (fn_body fn) (fun _ st1 o => st1 = st' /\ func_result o = Some r) ->
  exec_func L ge f vs st st' r.
Proof.
  unfold wp; intros. destruct H1 as (e' & st1 & o & X & -> & R). econstructor; eauto.
Qed.
End WP.
