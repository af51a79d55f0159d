(** * Proof automation: spec destruction, [vcgen], the loop lemma. *)

From Coq Require Import ZArith List Bool Lia.
From AutoV Require Import Syntax Ints Values Eval Sem Refine Spec.
Import ListNotations.
Local Open Scope Z_scope.

(** ** Booleans to propositions, and the arithmetic solver *)

Lemma truth_b2z : forall b, negb (wrap 1 (b2z b) =? 0) = b.
Proof. destruct b; reflexivity. Qed.

Lemma false_true_iff : (false = true) <-> False.
Proof. split; discriminate || contradiction. Qed.
Lemma true_false_iff : (true = false) <-> False.
Proof. split; discriminate || contradiction. Qed.
Lemma true_true_iff : (true = true) <-> True.
Proof. split; auto. Qed.
Lemma false_false_iff : (false = false) <-> True.
Proof. split; auto. Qed.

(** Boolean path conditions in hypotheses to propositions (no setoid rewriting). *)
Ltac hyp_prop :=
  repeat match goal with
  | H : (_ && _) = true |- _ => apply andb_prop in H; destruct H
  | H : (_ || _) = false |- _ => apply orb_false_elim in H; destruct H
  | H : (_ || _) = true |- _ => apply orb_prop in H
  | H : (_ && _) = false |- _ => apply andb_false_elim in H
  | H : {_ = false} + {_ = false} |- _ => destruct H as [H|H]
  | H : (?a = true) \/ (?b = true) |- _ => destruct H as [H|H]
  | H : negb _ = true |- _ => apply negb_true_iff in H
  | H : negb _ = false |- _ => apply negb_false_iff in H
  | H : (_ =? _) = true |- _ => apply Z.eqb_eq in H
  | H : (_ =? _) = false |- _ => apply Z.eqb_neq in H
  | H : (_ <? _) = true |- _ => apply Z.ltb_lt in H
  | H : (_ <? _) = false |- _ => apply Z.ltb_ge in H
  | H : (_ <=? _) = true |- _ => apply Z.leb_le in H
  | H : (_ <=? _) = false |- _ => apply Z.leb_gt in H
  | H : Pos.eqb _ _ = true |- _ => apply Pos.eqb_eq in H
  | H : Pos.eqb _ _ = false |- _ => apply Pos.eqb_neq in H
  | H : true = false |- _ => discriminate H
  | H : false = true |- _ => discriminate H
  | H : true = true |- _ => clear H
  | H : false = false |- _ => clear H
  end.

Ltac bool_prop :=
  hyp_prop;
  rewrite ?orb_false_r, ?andb_true_r;
  repeat (rewrite ?false_true_iff, ?true_false_iff, ?true_true_iff, ?false_false_iff,
            ?andb_true_iff, ?orb_true_iff, ?negb_true_iff, ?andb_false_iff,
            ?orb_false_iff, ?negb_false_iff, ?Z.eqb_eq, ?Z.eqb_neq, ?Z.ltb_lt, ?Z.ltb_ge,
            ?Z.leb_le, ?Z.leb_gt, ?Pos.eqb_eq, ?Pos.eqb_neq).

Ltac unfold_bool_ints :=
  (* the overflow tests first: they are stated with [in_srange]/[in_urange] *)
  unfold ovf_add, ovf_sub, ovf_mul, sdiv_ovf, in_srange, in_urange, ieq, iult, iule, islt, isle,
    nofl, fl_nsw, fl_nuw, fl_nuw_nsw, fl_exact, f_nuw, f_nsw, f_exact in *.

(** Definitions that [vsolve] may unfold (layer predicates, spec helpers):
    add them with [#[global] Hint Unfold d : vcunfold.] *)
Create HintDb vcunfold.

(** [vsolve]: arithmetic goals using the (boolean) path conditions. *)
Ltac vsolve := autounfold with vcunfold in *; unfold_bool_ints; cbn in *; bool_prop; zsolve.

Ltac pos_lit p := lazymatch p with xH => idtac | xO ?q => pos_lit q | xI ?q => pos_lit q end.
Ltac z_lit z := lazymatch z with Z0 => idtac | Zpos ?p => pos_lit p | Zneg ?p => pos_lit p end.

(** ** Signed values of exact products and sums

    An [inbounds] GEP indexes with [nsw] arithmetic: the low spec tests
    [ovf_mul fl_nsw 64 (isext 32 64 i) size] and [ovf_add fl_nsw 64 (imul 64 …) offset]. Over
    32-bit indices these never overflow, but deciding it by unfolding [signed] and [wrap]
    ([zsolve]) takes seconds to minutes of [nia]. Here the signed value of a sign extension is the
    narrower signed value, and the signed value of a product or sum that stays in range is the
    exact product or sum: the test becomes a linear bound over [signed n i] atoms, whose ranges
    are posed, for [lia]. *)

Lemma signed_wrap : forall w z, 0 <= w -> signed w (wrap w z) = signed w z.
Proof. intros. unfold signed. rewrite wrap_idem by lia. reflexivity. Qed.

Lemma signed_isext : forall n w a, 0 < n <= w -> signed w (isext n w a) = signed n a.
Proof.
  intros n w a H. unfold isext. rewrite signed_wrap by lia.
  pose proof (signed_range n a ltac:(lia)).
  assert (2 ^ (n - 1) <= 2 ^ (w - 1)) by (apply Z.pow_le_mono_r; lia).
  apply signed_in_range; lia.
Qed.

Lemma signed_same_wrap : forall w x y, wrap w x = wrap w y -> signed w x = signed w y.
Proof. intros w x y E. unfold signed. rewrite E. reflexivity. Qed.

Lemma signed_imul_exact : forall w a b, 0 < w ->
  - 2 ^ (w - 1) <= signed w a * signed w b < 2 ^ (w - 1) ->
  signed w (imul w a b) = signed w a * signed w b.
Proof.
  intros w a b Hw R. unfold imul. rewrite signed_wrap by lia.
  rewrite <- (signed_in_range w (signed w a * signed w b)) by lia.
  apply signed_same_wrap.
  rewrite <- (wrap_mul_l w (signed w a)), wrap_signed, wrap_mul_l,
    <- (wrap_mul_r w a (signed w b)), wrap_signed, wrap_mul_r by lia.
  reflexivity.
Qed.

Lemma signed_iadd_exact : forall w a b, 0 < w ->
  - 2 ^ (w - 1) <= signed w a + signed w b < 2 ^ (w - 1) ->
  signed w (iadd w a b) = signed w a + signed w b.
Proof.
  intros w a b Hw R. unfold iadd. rewrite signed_wrap by lia.
  rewrite <- (signed_in_range w (signed w a + signed w b)) by lia.
  apply signed_same_wrap.
  rewrite <- (wrap_add_l w (signed w a)), wrap_signed, wrap_add_l,
    <- (wrap_add_r w a (signed w b)), wrap_signed, wrap_add_r by lia.
  reflexivity.
Qed.

(** The range of every [signed w a] of the goal, once. *)
Ltac signed_ranges :=
  repeat match goal with
  | |- context [ signed ?w ?a ] =>
      lazymatch goal with
      | _ : - 2 ^ (w - 1) <= signed w a < 2 ^ (w - 1) |- _ => fail
      | _ => pose proof (signed_range w a ltac:(lia))
      end
  end.

(** Rewrite the signed values of literals, sign extensions, and products and sums that stay in
    range (their side conditions are bounds over the operands' signed values, rewritten the same
    way first), then [lia] over the ranges of the remaining [signed] atoms. *)
Ltac signed_rw :=
  repeat match goal with
  | |- context [ signed ?w ?z ] =>
      z_lit w; z_lit z; let v := eval vm_compute in (signed w z) in change (signed w z) with v
  | |- context [ signed ?w (isext ?n ?w ?a) ] => rewrite (signed_isext n w a) by lia
  | |- context [ signed ?w (imul ?w ?a ?b) ] =>
      rewrite (signed_imul_exact w a b) by (signed_rw; signed_side)
  | |- context [ signed ?w (iadd ?w ?a ?b) ] =>
      rewrite (signed_iadd_exact w a b) by (signed_rw; signed_side)
  end
with signed_side := signed_ranges; cbn in *; eval_pow2; lia.

(** On the condition as the specs state it: after [cbn] the products and extensions would be
    unfolded to [wrap]s. *)
Ltac signed_lia :=
  unfold_bool_ints; cbv beta iota zeta;
  rewrite ?Bool.andb_false_l, ?Bool.andb_true_l, ?Bool.orb_false_l, ?Bool.orb_false_r;
  signed_rw; cbn in *; bool_prop; signed_side.

(** A condition over a sign-extended index stated to be [false] (an overflow test that cannot
    fire): [signed_lia]. *)
Ltac sext_false :=
  lazymatch goal with |- ?c = false => lazymatch c with context [ isext _ _ _ ] => signed_lia end end.

(** An overflow test of arithmetic on a sign-extended index stated to hold: over 32-bit indices
    it never does ([close_branch] would spend seconds of [nia] failing to refute the feasible
    branch), so [bsolve] does not try. Only completeness is at stake. *)
Ltac ovf_of_sext_holds :=
  lazymatch goal with
  | |- ?c = true =>
      lazymatch c with
      | negb (in_srange _ ?e) => lazymatch e with context [ isext _ _ _ ] => idtac end
      | ovf_add _ _ _ _ => lazymatch c with context [ isext _ _ _ ] => idtac end
      | ovf_mul _ _ _ _ => lazymatch c with context [ isext _ _ _ ] => idtac end
      end
  end.

(** [bsolve]: prove [c = true] or [c = false] for an arithmetic boolean. An overflow test of a
    sign-extended index is [false] by [signed_lia]. *)
Ltac bsolve :=
  first [ reflexivity | assumption
        | sext_false
        | tryif ovf_of_sext_holds then fail else vsolve ].

(** ** Overflow tests stay folded

    [cbn] unfolding [ovf_add fl w a b] over symbolic operands expands [signed] and [wrap] into
    comparisons with [2 ^ 63] it cannot decide, and refolds them: about a second per test for a
    spec with a few [inbounds] GEPs, and as long again for [Qed] to re-check (get_shadow_ctxt's
    code proof: 28 s of tactic and 26 s of Qed). [spec_cbn] keeps them folded, so the spec's and
    the code's tests keep the same form for [destruct] and [rewrite_hyps]; it decides the tests
    without [nuw]/[nsw] (never an overflow) and those over literals. *)
Lemma ovf_add_nofl : forall w a b, ovf_add nofl w a b = false. Proof. reflexivity. Qed.
Lemma ovf_sub_nofl : forall w a b, ovf_sub nofl w a b = false. Proof. reflexivity. Qed.
Lemma ovf_mul_nofl : forall w a b, ovf_mul nofl w a b = false. Proof. reflexivity. Qed.
Lemma ovf_shl_nofl : forall w a b, ovf_shl nofl w a b = false. Proof. reflexivity. Qed.

Ltac g_ovf f :=
  lazymatch f with ovf_add => idtac | ovf_sub => idtac | ovf_mul => idtac | ovf_shl => idtac end.

Ltac ovf_lits :=
  repeat match goal with
  | |- context [ ?f ?fl ?w ?a ?b ] =>
      g_ovf f; z_lit w; z_lit a; z_lit b;
      let v := eval vm_compute in (f fl w a b) in change (f fl w a b) with v
  end.
Ltac ovf_lits_in H :=
  repeat match type of H with
  | context [ ?f ?fl ?w ?a ?b ] =>
      g_ovf f; z_lit w; z_lit a; z_lit b;
      let v := eval vm_compute in (f fl w a b) in change (f fl w a b) with v in H
  end.

Ltac spec_cbn :=
  cbn -[ovf_add ovf_sub ovf_mul ovf_shl];
  try (progress (rewrite ?ovf_add_nofl, ?ovf_sub_nofl, ?ovf_mul_nofl, ?ovf_shl_nofl; ovf_lits);
       cbn -[ovf_add ovf_sub ovf_mul ovf_shl]).
Ltac spec_cbn_in H :=
  cbn -[ovf_add ovf_sub ovf_mul ovf_shl] in H;
  try (progress (rewrite ?ovf_add_nofl, ?ovf_sub_nofl, ?ovf_mul_nofl, ?ovf_shl_nofl in H;
                 ovf_lits_in H);
       cbn -[ovf_add ovf_sub ovf_mul ovf_shl] in H).

(** ** Destructing a spec equation [H : spec ... = Some ...] *)

Ltac destruct_spec H :=
  repeat (spec_cbn_in H;
    match type of H with
    | context [ annot _ ?r ] => change (annot _ r) with r in H
    | context [ match ?c with _ => _ end ] =>
        lazymatch c with context [ match _ with _ => _ end ] => fail | _ => idtac end;
        let E := fresh "Hc" in destruct c eqn:E; try discriminate H
    end);
  try discriminate H;
  try (injection H; clear H; intros; subst).

(** ** Deciding conditionals in goals *)

(* A condition the context already decides (a hypothesis about the same condition, up to
   conversion, became [true = false] when [destruct] rewrote it) needs no arithmetic. *)
Ltac close_branch E :=
  first
    [ solve [ discriminate ]
    | lazymatch type of E with
      | ?c = true => assert (c = false) by bsolve; congruence
      | ?c = false => assert (c = true) by bsolve; congruence
      end ].

(** Case-split on a boolean condition of the goal, closing infeasible branches. *)
Ltac decide_if :=
  match goal with
  | |- context [ if ?c then _ else _ ] =>
      let T := type of c in unify T bool;
      lazymatch c with
      | true => fail | false => fail
      | _ => let E := fresh "Hc" in destruct c eqn:E; try (close_branch E)
      end
  end.

(* The occurrence test is a closed pattern ([context [ a ]] after binding [a]), matched
   syntactically: a non-linear pattern ([E : ?a = _ |- context [ ?a ]]) compares up to
   conversion and unfolds specs at every failed candidate (10x slower on generated proofs). *)
Ltac rewrite_hyps :=
  repeat match goal with
  | E : ?a = ?v |- _ =>
      lazymatch v with Some _ => idtac | true => idtac | false => idtac end;
      lazymatch goal with |- context [ a ] => rewrite E end
  end.

Ltac vc_simpl := rewrite_hyps; cbn; rewrite ?truth_b2z, ?ZMap.gsspec, ?ZMap.gi; rewrite_hyps; cbn.

(** Split an equation between values into equations between integers. *)
Ltac vc_congr :=
  repeat match goal with
  | |- Some _ = Some _ => f_equal
  | |- Vint _ _ = Vint _ _ => f_equal
  | |- Vptr _ = Vptr _ => f_equal
  | |- Ptr _ _ = Ptr _ _ => f_equal
  | |- (_, _) = (_, _) => f_equal
  | |- ZMap.set _ _ _ = ZMap.set _ _ _ => f_equal
  end.

(** Evaluate an expression (or an executable side condition) to its value. *)
Ltac vc_eval :=
  vc_simpl; repeat (decide_if; vc_simpl);
  first [ reflexivity | eassumption | vc_congr; vsolve ].

(** ** [vcgen]: prove [exec_stmt]/[exec_func] goals by symbolic execution *)

Ltac vc_prim :=
  cbn;
  first [ eexists; split; [ reflexivity | vc_eval ]     (* prims_rel *)
        | eassumption ].

(** Leaf rules with the final state up to an equation (proved by [vc_state]). *)
Section LEAVES.
Variable L : layer.
Variable ge : code.
Lemma exec_skip_eq : forall e st st', st = st' -> exec_stmt L ge e st Sskip e st' Onormal.
Proof. intros; subst; constructor. Qed.
Lemma exec_assign_eq : forall e st st' x a v,
  eval_expr (lptr2int L) (lfloat L) e a = Some v -> st = st' ->
  exec_stmt L ge e st (Sassign x a) (env_set x v e) st' Onormal.
Proof. intros; subst; constructor; auto. Qed.
Lemma exec_load_eq : forall e st st' x o t a p v,
  eval_expr (lptr2int L) (lfloat L) e a = Some (Vptr p) -> lload L t p st = Some v -> st = st' ->
  exec_stmt L ge e st (Sload x o t a) (env_set x v e) st' Onormal.
Proof. intros; subst; econstructor; eauto. Qed.
Lemma exec_fence_eq : forall e st st' o, st = st' -> exec_stmt L ge e st (Sfence o) e st' Onormal.
Proof. intros; subst; constructor. Qed.
Lemma exec_break_eq : forall e st st' n, st = st' -> exec_stmt L ge e st (Sbreak n) e st' (Obreak n).
Proof. intros; subst; constructor. Qed.
Lemma exec_continue_eq : forall e st st' n,
  st = st' -> exec_stmt L ge e st (Scontinue n) e st' (Ocontinue n).
Proof. intros; subst; constructor. Qed.
Lemma exec_return_none_eq : forall e st st',
  st = st' -> exec_stmt L ge e st (Sreturn None) e st' (Oreturn None).
Proof. intros; subst; constructor. Qed.
Lemma exec_return_some_eq : forall e st st' a v,
  eval_expr (lptr2int L) (lfloat L) e a = Some v -> st = st' ->
  exec_stmt L ge e st (Sreturn (Some a)) e st' (Oreturn (Some v)).
Proof. intros; subst; constructor; auto. Qed.

(** Sequencing and loops without backtracking: the continuation is chosen
    by the outcome of the first part once it is known. *)
Definition seq_cont (o1 : outcome) (s2 : stmt) (e1 : env) (st1 : lstate L)
    (e2 : env) (st2 : lstate L) (o : outcome) : Prop :=
  match o1 with
  | Onormal => exec_stmt L ge e1 st1 s2 e2 st2 o
  | _ => e2 = e1 /\ st1 = st2 /\ o = o1
  end.

Lemma exec_seq_any : forall e st s1 s2 e1 st1 o1 e2 st2 o,
  exec_stmt L ge e st s1 e1 st1 o1 ->
  seq_cont o1 s2 e1 st1 e2 st2 o ->
  exec_stmt L ge e st (Sseq s1 s2) e2 st2 o.
Proof.
  intros. destruct o1; cbn in H0;
    try (destruct H0 as (-> & -> & ->); eapply exec_seq_2; eauto; discriminate).
  eapply exec_seq_1; eauto.
Qed.

Definition loop_cont (o1 : outcome) (s : stmt) (e1 : env) (st1 : lstate L)
    (e2 : env) (st2 : lstate L) (o : outcome) : Prop :=
  if loop_again o1 then exec_stmt L ge e1 st1 (Sloop s) e2 st2 o
  else loop_out o1 = Some o /\ e2 = e1 /\ st1 = st2.

Lemma exec_loop_any : forall e st s e1 st1 o1 e2 st2 o,
  exec_stmt L ge e st s e1 st1 o1 ->
  loop_cont o1 s e1 st1 e2 st2 o ->
  exec_stmt L ge e st (Sloop s) e2 st2 o.
Proof.
  unfold loop_cont; intros. destruct (loop_again o1) eqn:A.
  - eapply exec_loop_again; eauto.
  - destruct H0 as (O & -> & ->). eapply exec_loop_exit; eauto.
Qed.
End LEAVES.


(** Proved function lemmas ([implements] or [exec_func] conclusions) that
    [vcgen] uses for internal calls instead of inlining the callee. *)
Create HintDb vccalls.

Ltac vc_state := first [ reflexivity | vc_congr; vsolve ].

Ltac vc_cont :=
  cbn [seq_cont loop_cont loop_again loop_out];
  first [ split; [ reflexivity | split; [ vc_state | reflexivity ] ]
        | split; [ reflexivity | split; [ reflexivity | vc_state ] ]
        | idtac ].

Ltac vcgen_stmt_n n :=
  lazymatch goal with
  | |- exec_stmt _ _ _ _ (if ?c then _ else _) _ _ _ =>
      first [ progress cbn | decide_if; cbn ]; vcgen_stmt_n n
  | |- exec_stmt _ _ _ _ (select_case _ _ _ _) _ _ _ =>
      vc_simpl; repeat (decide_if; cbn); vcgen_stmt_n n
  | |- exec_stmt _ _ _ _ Sskip _ _ _ => apply exec_skip_eq; vc_state
  | |- exec_stmt _ _ _ _ (Sassign _ _) _ _ _ => eapply exec_assign_eq; [ vc_eval | vc_state ]
  | |- exec_stmt _ _ _ _ (Sload _ _ _ _) _ _ _ =>
      eapply exec_load_eq; [ vc_eval | vc_eval | vc_state ]
  | |- exec_stmt _ _ _ _ (Sstore _ _ _ _) _ _ _ =>
      eapply exec_store; [ vc_eval | vc_eval | vc_eval ]
  | |- exec_stmt _ _ _ _ (Salloca _ _) _ _ _ =>
      eapply exec_alloca; [ vc_eval | vc_eval ]
  | |- exec_stmt _ _ _ _ (Sfence _) _ _ _ => apply exec_fence_eq; vc_state
  | |- exec_stmt _ _ _ _ (Scall _ _ _) _ _ _ =>
      eapply exec_call;
        [ vc_eval | vc_eval
        | first [ eapply exec_external; [ reflexivity | vc_prim ]
                | solve [ eauto with vccalls ]
                | eapply exec_internal; [ reflexivity | reflexivity | vcgen_stmt_n n | vc_eval ] ]
        | vc_eval ]
  | |- exec_stmt _ _ _ _ (Sseq _ _) _ _ _ =>
      eapply exec_seq_any; [ vcgen_stmt_n n | vc_cont; vcgen_stmt_n n ]
  | |- exec_stmt _ _ _ _ (Sif _ _ _) _ _ _ =>
      eapply exec_if; [ vc_eval | vc_eval | vcgen_stmt_n n ]
  | |- exec_stmt _ _ _ _ (Sswitch _ _ _) _ _ _ =>
      eapply exec_switch; [ vc_eval | vcgen_stmt_n n ]
  | |- exec_stmt _ _ _ _ (Sblock _) _ _ _ =>
      eapply exec_block; [ vcgen_stmt_n n | reflexivity ]
  | |- exec_stmt _ _ _ _ (Sloop _) _ _ _ =>
      lazymatch n with
      | O => fail "vcgen: loop unrolling limit reached (use the loop lemmas)"
      | S ?m => eapply exec_loop_any; [ vcgen_stmt_n m | vc_cont; vcgen_stmt_n m ]
      end
  | |- exec_stmt _ _ _ _ (Sbreak _) _ _ _ => apply exec_break_eq; vc_state
  | |- exec_stmt _ _ _ _ (Scontinue _) _ _ _ => apply exec_continue_eq; vc_state
  | |- exec_stmt _ _ _ _ (Sreturn None) _ _ _ => apply exec_return_none_eq; vc_state
  | |- exec_stmt _ _ _ _ (Sreturn (Some _)) _ _ _ =>
      eapply exec_return_some_eq; [ vc_eval | vc_state ]
  | |- exec_stmt _ _ _ _ ?s _ _ _ =>
      let s' := eval hnf in s in progress change s with s'; vcgen_stmt_n n
  end.

(** At most 64 loop iterations are unrolled along one path; loops with a
    symbolic trip count need [exec_loop_fuel]/[exec_loop_measure]. *)
Ltac vcgen_stmt := vcgen_stmt_n constr:(64%nat).

Ltac vcgen :=
  lazymatch goal with
  | |- exec_func _ _ _ _ _ _ _ =>
      first [ eapply exec_external; [ reflexivity | vc_prim ]
            | eapply exec_internal; [ reflexivity | reflexivity | vcgen_stmt | vc_eval ] ]
  | |- exec_stmt _ _ _ _ _ _ _ _ => vcgen_stmt
  end.

(** ** The loop lemma for fuel-bounded loops

    [I n e st]: the loop can still run [n] iterations from [(e, st)].  Each
    iteration either continues with a strictly smaller measure, or leaves
    the loop with an outcome satisfying [Q]. *)
Section LOOP.
Variable L : layer.
Variable ge : code.

Lemma exec_loop_measure :
  forall (I : nat -> env -> lstate L -> Prop) (Q : env -> lstate L -> outcome -> Prop) s,
  (forall n e st, I n e st ->
     exists e1 st1 o, exec_stmt L ge e st s e1 st1 o /\
       ((loop_again o = true /\ exists n', (n' < n)%nat /\ I n' e1 st1)
        \/ (exists o', loop_out o = Some o' /\ Q e1 st1 o'))) ->
  forall n e st, I n e st ->
    exists e' st' o, exec_stmt L ge e st (Sloop s) e' st' o /\ Q e' st' o.
Proof.
  intros I Q s STEP n. induction n as [n IH] using (well_founded_induction lt_wf).
  intros e st HI. destruct (STEP n e st HI) as (e1 & st1 & o & EX & [[AG (n' & LT & HI')] | (o' & OUT & HQ)]).
  - destruct (IH n' LT e1 st1 HI') as (e2 & st2 & o2 & EX2 & HQ2).
    exists e2, st2, o2; split; auto. eapply exec_loop_again; eauto.
  - exists e1, st1, o'; split; auto. eapply exec_loop_exit; eauto.
Qed.

(** Fuel form: a spec loop [loop_spec (S n) x = step x ...] with fuel [n]. *)
Lemma exec_loop_fuel :
  forall (I : nat -> env -> lstate L -> Prop) (Q : env -> lstate L -> outcome -> Prop) s,
  (forall n e st, I (S n) e st ->
     exists e1 st1 o, exec_stmt L ge e st s e1 st1 o /\
       ((loop_again o = true /\ I n e1 st1) \/ (exists o', loop_out o = Some o' /\ Q e1 st1 o'))) ->
  (forall e st, ~ I O e st) ->
  forall n e st, I n e st ->
    exists e' st' o, exec_stmt L ge e st (Sloop s) e' st' o /\ Q e' st' o.
Proof.
  intros I Q s STEP NZ. apply exec_loop_measure.
  intros [|n] e st HI; [exfalso; eapply NZ; eauto|].
  destruct (STEP n e st HI) as (e1 & st1 & o & EX & [[AG HI'] | HX]).
  - exists e1, st1, o; split; auto. left; split; auto. exists n; split; auto.
  - exists e1, st1, o; split; auto.
Qed.
End LOOP.

(** ** Layer refinement proofs *)

(** One goal [spec_refines spec c Lo R p] per primitive of a [prims_rel] layer. *)
Ltac split_prims :=
  eapply prims_refines; [ reflexivity | ];
  let p := fresh "p" in let spec := fresh "spec" in let F := fresh "F" in
  intros p spec F; cbn in F;
  repeat match type of F with
  | context [ Pos.eqb p ?g ] =>
      let E := fresh "E" in destruct (Pos.eqb p g) eqn:E;
      [ apply Pos.eqb_eq in E; subst p; injection F; clear F; intros; subst spec | ]
  end;
  try discriminate.

(** [f H = f Lo] for a field [f] of two layers that agree on it: each side reduced to the field's
    value first. A bare [reflexivity] compares the two layers themselves before unfolding the
    projection, and so their primitive lists spec by spec, which takes minutes once the specs are
    large (SeKVM's Locks over Accessors). *)
Ltac layer_same :=
  lazymatch goal with
  | |- ?a = ?b =>
      let a' := eval cbn in a in let b' := eval cbn in b in change (a' = b'); reflexivity
  end.

(** [refines H c Lo R]: [ptrtoint]/float semantics by reflexivity, memory
    operations of an upper layer without memory closed, then [split_prims]. *)
Ltac layer_intro :=
  apply refines_intro;
  [ layer_same | layer_same
  | try (cbn; intros; discriminate) | try (cbn; intros; discriminate)
  | try (cbn; intros; discriminate) | split_prims ].

(** A [spec_refines] goal whose relation [R] is a definition: destruct the spec,
    run the code with [vcgen], re-establish [R] with [vsolve]. *)
Ltac spec_refines_tac R :=
  let vs := fresh "vs" in let hs := fresh "hs" in let hs' := fresh "hs'" in
  let r := fresh "r" in let ls := fresh "ls" in let HR := fresh "HR" in let HS := fresh "HS" in
  intros vs hs hs' r ls HR HS; unfold R in HR; subst;
  destruct_spec HS;
  eexists; split; [ vcgen | unfold R; rewrite ?ZMap.gsspec; cbn; vsolve ].
