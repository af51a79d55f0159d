(** * Certificates of synthesised specs ([autov build], issue 12).

    A synthesised spec [p_spec] comes with a generated lemma [p_spec_synth : ranges ->
    p_spec args st = p_spec_low args st] (the low spec composed with the lower layers' specs and
    memory operations, which the lemma unfolds) and, per loop, [p_loopK_s_eq] (the synthesised
    fixpoint equals the low one, by induction on the fuel). Synthesis uses Z3, which is not
    trusted: [synth_solve] re-proves every step by evaluating both sides ([cbn]), deciding each
    condition from the path condition (the hypotheses) with [lia]/[nia] after turning bit
    operations with literal masks and shifts into div/mod, case-splitting the conditions it cannot
    decide, and comparing the leaves by congruence and arithmetic. No axioms. *)
From Coq Require Import String ZArith List Bool Lia.
From AutoV Require Import Syntax Ints Values Eval Sem Refine Spec Tactics Build GenTactics.
Import ListNotations.
Local Open Scope Z_scope.

(** ** Bit operations: the facts the SMT encoding uses, as lemmas *)

Lemma land_le_r : forall a b, 0 <= b -> Z.land a b <= b.
Proof.
  intros a b Hb.
  assert (D : Z.land (Z.ldiff b a) (Z.land b a) = 0).
  { apply Z.bits_inj'; intros i Hi. rewrite Z.land_spec, Z.ldiff_spec, Z.land_spec, Z.bits_0.
    destruct (Z.testbit b i), (Z.testbit a i); reflexivity. }
  assert (E : b = Z.ldiff b a + Z.land b a).
  { rewrite Z.add_nocarry_lxor by exact D. rewrite Z.lxor_lor by exact D.
    symmetry. apply Z.lor_ldiff_and. }
  assert (0 <= Z.ldiff b a) by (apply Z.ldiff_nonneg; lia).
  rewrite Z.land_comm. lia.
Qed.

Lemma lor_ge : forall a b, 0 <= a -> 0 <= b -> a <= Z.lor a b /\ b <= Z.lor a b.
Proof.
  intros a b Ha Hb.
  assert (forall x y, 0 <= x -> 0 <= y -> x <= Z.lor x y).
  { intros x y Hx Hy.
    assert (D : Z.land x (Z.ldiff y x) = 0).
    { apply Z.bits_inj'; intros i Hi. rewrite Z.land_spec, Z.ldiff_spec, Z.bits_0.
      destruct (Z.testbit x i), (Z.testbit y i); reflexivity. }
    assert (E : Z.lor x y = x + Z.ldiff y x).
    { rewrite Z.add_nocarry_lxor by exact D. rewrite Z.lxor_lor by exact D.
      apply Z.bits_inj'; intros i Hi. rewrite !Z.lor_spec, Z.ldiff_spec.
      destruct (Z.testbit x i), (Z.testbit y i); reflexivity. }
    assert (0 <= Z.ldiff y x) by (apply Z.ldiff_nonneg; lia). lia. }
  split; [ apply H; auto | rewrite Z.lor_comm; apply H; auto ].
Qed.

(** What the SMT encoding assumes of an opaque [Z.land]: bounded by each non-negative operand. *)
Lemma land_facts : forall a b,
  (0 <= a -> 0 <= Z.land a b <= a) /\ (0 <= b -> 0 <= Z.land a b <= b).
Proof.
  intros a b. split; intros H.
  - split; [ apply Z.land_nonneg; auto | rewrite Z.land_comm; apply land_le_r; auto ].
  - split; [ apply Z.land_nonneg; auto | apply land_le_r; auto ].
Qed.

(** Of an opaque [Z.lor]/[Z.lxor]: in [0, 2^32) / [0, 2^64) with its operands; [lor] above both. *)
Lemma lor_facts : forall a b,
  (0 <= a < 2 ^ 32 -> 0 <= b < 2 ^ 32 -> 0 <= Z.lor a b < 2 ^ 32) /\
  (0 <= a < 2 ^ 64 -> 0 <= b < 2 ^ 64 -> 0 <= Z.lor a b < 2 ^ 64) /\
  (0 <= a -> 0 <= b -> a <= Z.lor a b /\ b <= Z.lor a b).
Proof.
  intros a b. split; [ | split ].
  - intros; apply lor_lt_pow2; lia.
  - intros; apply lor_lt_pow2; lia.
  - apply lor_ge.
Qed.

Lemma lxor_lt_pow2 : forall a b n, 0 <= n -> 0 <= a < 2 ^ n -> 0 <= b < 2 ^ n -> 0 <= Z.lxor a b < 2 ^ n.
Proof.
  intros a b n Hn Ha Hb. assert (0 <= Z.lxor a b) by (apply Z.lxor_nonneg; lia). split; auto.
  destruct (Z.eq_dec (Z.lxor a b) 0) as [ E | E ]; [ rewrite E; lia | ].
  assert (0 < n).
  { destruct (Z.eq_dec n 0); [ subst | lia ]. cbn in *. assert (a = 0) by lia. assert (b = 0) by lia. subst. cbn in E. congruence. }
  apply Z.log2_lt_pow2; [ lia | ].
  apply Z.le_lt_trans with (Z.max (Z.log2 a) (Z.log2 b)); [ apply Z.log2_lxor; lia | ].
  apply Z.max_lub_lt.
  - destruct (Z.eq_dec a 0) as [ -> | ]; [ cbn; lia | ]. apply Z.log2_lt_pow2; lia.
  - destruct (Z.eq_dec b 0) as [ -> | ]; [ cbn; lia | ]. apply Z.log2_lt_pow2; lia.
Qed.

Lemma lxor_facts : forall a b,
  (0 <= a < 2 ^ 32 -> 0 <= b < 2 ^ 32 -> 0 <= Z.lxor a b < 2 ^ 32) /\
  (0 <= a < 2 ^ 64 -> 0 <= b < 2 ^ 64 -> 0 <= Z.lxor a b < 2 ^ 64).
Proof. intros. split; intros; apply lxor_lt_pow2; lia. Qed.

(** ** Bits to arithmetic, for the arithmetic solver *)

Ltac synth_lit_wraps :=
  repeat match goal with
  | |- context [ wrap ?w ?n ] =>
      g_zlit w; g_zlit n; let v := eval vm_compute in (wrap w n) in change (wrap w n) with v
  | H : context [ wrap ?w ?n ] |- _ =>
      g_zlit w; g_zlit n; let v := eval vm_compute in (wrap w n) in change (wrap w n) with v in H
  end.

(** [Z.land a m] with a literal low mask [m = 2^k - 1] is [a mod 2^k]; literal shifts are
    multiplications and divisions. *)
Ltac synth_lowmask :=
  repeat match goal with
  | |- context [ Z.land ?a ?m ] =>
      g_zlit m; let k := eval vm_compute in (Z.log2 (m + 1)) in
      rewrite (land_ones_lit a m k) by (lia || reflexivity)
  | H : context [ Z.land ?a ?m ] |- _ =>
      g_zlit m; let k := eval vm_compute in (Z.log2 (m + 1)) in
      rewrite (land_ones_lit a m k) in H by (lia || reflexivity)
  | |- context [ Z.land ?m ?a ] =>
      g_zlit m; let k := eval vm_compute in (Z.log2 (m + 1)) in
      rewrite (Z.land_comm m a), (land_ones_lit a m k) by (lia || reflexivity)
  | |- context [ Z.shiftr ?a ?n ] => g_zlit n; rewrite (Z.shiftr_div_pow2 a n) by lia
  | H : context [ Z.shiftr ?a ?n ] |- _ => g_zlit n; rewrite (Z.shiftr_div_pow2 a n) in H by lia
  | |- context [ Z.shiftl ?a ?n ] => g_zlit n; rewrite (Z.shiftl_mul_pow2 a n) by lia
  | H : context [ Z.shiftl ?a ?n ] |- _ => g_zlit n; rewrite (Z.shiftl_mul_pow2 a n) in H by lia
  end.

(** The remaining bit operations become variables with the facts above. *)
Ltac synth_abstract_bits :=
  repeat match goal with
  | |- context [ Z.land ?a ?b ] =>
      let x := fresh "x" in let F := fresh "F" in
      pose proof (land_facts a b) as F; set (x := Z.land a b) in *; clearbody x
  | |- context [ Z.lor ?a ?b ] =>
      let x := fresh "x" in let F := fresh "F" in
      pose proof (lor_facts a b) as F; set (x := Z.lor a b) in *; clearbody x
  | |- context [ Z.lxor ?a ?b ] =>
      let x := fresh "x" in let F := fresh "F" in
      pose proof (lxor_facts a b) as F; set (x := Z.lxor a b) in *; clearbody x
  end.

Ltac synth_bits :=
  unfold iand, ior, ixor, ilshr, ishl in *; synth_lit_wraps; synth_lowmask.

(** Linear (or simple non-linear) arithmetic with [wrap], [signed], div and mod: everything
    unfolded to [mod], the case splits of [signed] done, div/mod turned into equations. *)
Ltac synth_zsolve :=
  unfold_ints; unfold signed, wrap in *; cbv zeta in *; eval_pow2;
  repeat match goal with
  | |- context [ if ?c then _ else _ ] => let E := fresh "Hs" in destruct c eqn:E
  | H : context [ if ?c then _ else _ ] |- _ => let E := fresh "Hs" in destruct c eqn:E
  end;
  bool_prop; Z.div_mod_to_equations; first [ lia | nia ].

(** The cheap case first: every [wrap] and [signed] is in range (the guards' and arguments'
    bounds in the context show it), so the goal is linear once they are dropped; an equality of
    two pointers into the same object is one of their offsets. [synth_zsolve] (every [signed]
    case-split, every div and mod an equation, [nia]) costs seconds on such goals. *)
Ltac synth_wraps_lia :=
  unfold_ints; drop_wraps; eval_pow2;
  try lazymatch goal with |- Ptr ?b _ = Ptr ?b _ => f_equal end;
  lia.

(** Arithmetic goals (equalities of integers, [c = true]/[c = false] for conditions, [False]). *)
Ltac synth_arith :=
  synth_bits; unfold_bool_ints; cbn in *; bool_prop; synth_abstract_bits;
  first [ lia | synth_wraps_lia | synth_zsolve | zsolve ].

Ltac synth_bsolve := first [ reflexivity | assumption | synth_arith ].

(** Only the cheap cases of [synth_arith]/[synth_bsolve]: [synth_split] tries both values of a
    condition with these first, so the value that does not hold is not refuted by [synth_zsolve]
    (seconds each) before the one that does is proved in milliseconds. *)
Ltac synth_arith_fast :=
  first [ synth_bits; unfold_bool_ints; cbn in *; bool_prop; synth_abstract_bits;
          first [ lia | synth_wraps_lia ]
        | sext_false ].
Ltac synth_bsolve_fast := first [ reflexivity | assumption | synth_arith_fast ].

(** ** Hooks a generated RefProof redefines *)

(** Rewrite the synthesised loop fixpoints into the low ones ([rewrite ?p_loopK_s_eq]). *)
Ltac synth_rw_hook := idtac.
Ltac synth_rewrite L := rewrite ?L.

(** ** Evaluating both sides *)

Ltac synth_head t := lazymatch t with ?f _ => synth_head f | _ => t end.

(** Inside a loop lemma, the induction hypothesis (the only universally quantified hypothesis)
    rewrites the recursive calls. *)
Ltac synth_ih := try match goal with IH : forall _, _ |- _ => progress rewrite ?IH end.

(** *** Range normalisation

    Synthesis drops a wrap-around, a zero extension or a sign reinterpretation when the arguments'
    ranges make it the identity. Doing the same on both sides before comparing makes most of the
    low spec's conditions syntactically those of the synthesised spec, so one case split covers
    both sides and no arithmetic decision (the expensive, often failing [nia]) is needed for them.
    Each rewrite is justified by [lia] from the arguments' ranges alone (linear, cheap). *)

Lemma imul_small : forall w a b, 0 <= a * b < 2 ^ w -> imul w a b = a * b.
Proof. intros. unfold imul. apply wrap_small; auto. Qed.

Lemma iadd_small : forall w a b, 0 <= a + b < 2 ^ w -> iadd w a b = a + b.
Proof. intros. unfold iadd. apply wrap_small; auto. Qed.

Lemma izext_small : forall w a, 0 <= a < 2 ^ w -> izext w a = a.
Proof. intros. unfold izext. apply wrap_small; auto. Qed.

(* [in_urange_range] is in GenTactics. *)
(** The arguments' ranges as arithmetic facts (once: [H] is kept for [rewrite_hyps]). *)
Ltac synth_ranges :=
  repeat match goal with
  | H : in_urange ?w ?v = true |- _ =>
      lazymatch goal with
      | _ : 0 <= v < 2 ^ w |- _ => fail
      | _ => pose proof (in_urange_range w v H)
      end
  end.

Ltac synth_rng :=
  repeat match goal with
  | |- context [ ?a - ?b ] => g_zlit a; g_zlit b; let v := eval vm_compute in (a - b) in change (a - b) with v
  end;
  eval_pow2; lia.

Ltac synth_small :=
  repeat match goal with
  | |- context [ izext ?w ?a ] => rewrite (izext_small w a) by synth_rng
  | |- context [ wrap ?w ?a ] => rewrite (wrap_small w a) by synth_rng
  | |- context [ imul ?w ?a ?b ] => rewrite (imul_small w a b) by synth_rng
  | |- context [ iadd ?w ?a ?b ] => rewrite (iadd_small w a b) by synth_rng
  | |- context [ signed ?w ?a ] => rewrite (signed_small w a) by synth_rng
  end.

Ltac synth_norm :=
  cbn; rewrite ?ZMap.gsspec, ?ZMap.gi; synth_rw_hook; synth_ih; rewrite_hyps; cbn;
  (* a result wrapped by its callee and again by the caller: synthesis keeps one wrap *)
  rewrite ?wrap_idem by lia;
  synth_ranges; synth_small.

(** Make another application of the head of [X] (the scrutinee of a stuck match) with equal
    arguments syntactically [X], so one case split covers both sides. *)
Ltac synth_unify X :=
  let h := synth_head X in
  let T := type of X in
  match goal with
  | |- context [ ?Y ] =>
      let h' := synth_head Y in constr_eq h h';
      assert_fails (constr_eq X Y);
      let T' := type of Y in constr_eq T T';
      replace Y with X by (f_equal; synth_arith)
  end.

(** [c] occurs on both sides of the equation: it is a condition synthesis kept, so splitting on
    it is what the synthesised spec does (deciding it would fail, slowly). *)
Ltac synth_shared c :=
  lazymatch goal with
  | |- ?a = ?b => lazymatch a with context [ c ] => lazymatch b with context [ c ] => idtac end end
  end.

(** Decide or split one condition (split at once when it is shared by both sides), or split a
    stuck match. *)
Ltac synth_split :=
  match goal with
  | |- context [ match ?c with _ => _ end ] =>
      lazymatch c with context [ match _ with _ => _ end ] => fail | _ => idtac end;
      let T := type of c in
      lazymatch T with
      | bool =>
          lazymatch c with
          | true => fail
          | false => fail
          | _ =>
              first [ synth_shared c; let E := fresh "Hc" in destruct c eqn:E
                    | replace c with true by (symmetry; synth_bsolve_fast)
                    | replace c with false by (symmetry; synth_bsolve_fast)
                    | replace c with true by (symmetry; synth_bsolve)
                    | replace c with false by (symmetry; synth_bsolve)
                    | let E := fresh "Hc" in destruct c eqn:E ]
          end
      | _ => try (repeat synth_unify c); let E := fresh "Hm" in destruct c eqn:E
      end
  end.

Ltac synth_congr :=
  lazymatch goal with
  | |- ?a = ?b =>
      let ha := synth_head a in let hb := synth_head b in constr_eq ha hb; f_equal
  end.

Ltac synth_leaf :=
  lazymatch goal with
  | |- ?a = ?b =>
      first [ constr_eq a b; reflexivity
            | let T := type of a in constr_eq T Z; synth_arith
            | let T := type of a in constr_eq T bool;
              let E := fresh "Hb" in destruct a eqn:E; symmetry; synth_bsolve
            | synth_congr; synth_leaf
            | exfalso; synth_arith ]
  end.

(** The certificate: both sides evaluated, split and compared. *)
Ltac synth_solve :=
  synth_norm;
  first [ lazymatch goal with |- ?a = ?b => constr_eq a b end; reflexivity
        | synth_split; synth_solve
        | synth_leaf ].

(** A loop lemma: induction on the fuel [n]; the hypothesis [IHsynth] rewrites the recursive calls. *)
Ltac synth_fix_intro n :=
  intros n; induction n as [ | n IHsynth ]; intros; [ reflexivity | ].

(** ** From the spec-level certificate to the refinement *)

Lemma arg_int_range : forall w v a, arg_int w v = Some a -> in_urange w a = true.
Proof.
  unfold arg_int. intros w v a H. destruct v; try discriminate.
  destruct (_ =? w) eqn:E; try discriminate. apply Z.eqb_eq in E. subst.
  destruct (in_urange _ _) eqn:R; try discriminate. injection H as <-. exact R.
Qed.

Lemma prim_ref_of_eq : forall S (p q : primspec S),
  (forall vs st, p vs st = q vs st) -> prim_ref p q (fun a b => a = b).
Proof. unfold prim_ref. intros S p q E vs hs hs' r ls R H. subst. rewrite <- E. eauto. Qed.

Ltac synth_sym_refl := lazymatch goal with |- ?a = ?b => constr_eq a b; reflexivity end.

Ltac synth_ref hprim lprim L :=
  apply prim_ref_of_eq;
  let vs := fresh "vs" in let st := fresh "st" in
  intros vs st; unfold hprim, lprim;
  repeat (destruct vs as [ | ? vs ]; cbn; try synth_sym_refl);
  repeat match goal with
  | |- context [ arg_int ?w ?v ] =>
      let a := fresh "a" in let E := fresh "E" in
      destruct (arg_int w v) as [ a | ] eqn:E; [ apply arg_int_range in E | ]
  | |- context [ arg_bool ?v ] => let a := fresh "a" in destruct (arg_bool v) as [ a | ]
  | |- context [ arg_ptr ?v ] => let a := fresh "a" in destruct (arg_ptr v) as [ a | ]
  end;
  try synth_sym_refl; rewrite L by assumption; reflexivity.
