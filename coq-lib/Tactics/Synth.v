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

(** *** Divisibility by a literal

    An alignment test of the memory model ([off mod 8 =? 0]) holds because 8 divides every
    summand of the offset and the modulus of every wrap around it: [lia]/[nia] find that only
    slowly, through one quotient variable per [mod]. *)
Lemma divide_mod_any : forall c a m, (c | m) -> (c | a) -> (c | a mod m).
Proof.
  intros c a m Hm Ha. destruct (Z.eq_dec m 0) as [-> | Hz].
  - rewrite Zmod_0_r. exact Ha.
  - rewrite Z.mod_eq by exact Hz. apply Z.divide_sub_r; [ exact Ha | apply Z.divide_mul_l; exact Hm ].
Qed.

Ltac zdivide_solve :=
  lazymatch goal with
  | |- (?c | ?a + ?b) => apply Z.divide_add_r; zdivide_solve
  | |- (?c | ?a - ?b) => apply Z.divide_sub_r; zdivide_solve
  | |- (?c | ?a * ?b) =>
      first [ apply Z.divide_mul_l; zdivide_solve | apply Z.divide_mul_r; zdivide_solve ]
  | |- (?c | ?a mod ?m) => apply divide_mod_any; zdivide_solve
  | |- (?c | 2 ^ ?w) => g_zlit c; g_zlit w; apply Z.mod_divide; [ discriminate | vm_compute; reflexivity ]
  | |- (?c | ?n) => g_zlit c; g_zlit n; apply Z.mod_divide; [ discriminate | vm_compute; reflexivity ]
  end.

Lemma wrap_nonneg : forall w z, 0 <= w -> 0 <= wrap w z.
Proof. intros. apply wrap_range. auto. Qed.

(** [0 <= z < 2 ^ w] or [0 <= z] for a wrapped [z]. *)
Ltac wrap_in_range :=
  lazymatch goal with
  | |- 0 <= ?z < 2 ^ ?w =>
      first [ apply wrap_range; lia | unfold iadd, isub, imul, izext; apply wrap_range; lia ]
  | |- 0 <= ?z =>
      first [ apply wrap_nonneg; lia | unfold iadd, isub, imul, izext; apply wrap_nonneg; lia ]
  end.

(** [e mod c = 0] for a literal [c] that divides every summand of [e] (through its wraps). *)
Ltac synth_mod_zero :=
  lazymatch goal with
  | |- ?e mod ?c = 0 =>
      g_zlit c; apply Z.mod_divide; [ discriminate | ];
      unfold iadd, isub, imul, izext, wrap; zdivide_solve
  end.

(** *** Path conditions as linear facts

    A wrap synthesis dropped because the path's [nsw] and [inbounds] conditions keep the value
    in range (a table offset [t * 4096 + i * 8] computed with [imul]/[iadd]) holds by a short
    linear argument over the signed values those conditions bound. [synth_arith] unfolds every
    [signed] into a case split and every bit operation into divisions and hands the rest to
    [nia] (minutes); here each [signed w x] becomes an atom tied to [x] by two linear cases, each
    low-mask [iand] an atom with its range, and only the wraps become quotient equations. *)
Lemma signed_cases : forall w x, 0 < w -> 0 <= x < 2 ^ w ->
  (signed w x = x /\ x < 2 ^ (w - 1)) \/ (signed w x = x - 2 ^ w /\ 2 ^ (w - 1) <= x).
Proof.
  intros w x Hw Hx. unfold signed. rewrite wrap_small by exact Hx.
  destruct (Z.ltb_spec x (2 ^ (w - 1))); [ left | right ]; auto.
Qed.

(** The same cases for any [x], over its wrapped value (no range of [x] needed). *)
Lemma signed_cases_wrap : forall w x, 0 < w ->
  (signed w x = wrap w x /\ wrap w x < 2 ^ (w - 1)) \/
  (signed w x = wrap w x - 2 ^ w /\ 2 ^ (w - 1) <= wrap w x).
Proof.
  intros w x Hw. unfold signed.
  destruct (Z.ltb_spec (wrap w x) (2 ^ (w - 1))); [ left | right ]; auto.
Qed.

Lemma iand_mask_range : forall w a m k, 0 <= k <= w -> m = Z.ones k -> 0 <= iand w a m < 2 ^ k.
Proof.
  intros w a m k Hk Hm. unfold iand. rewrite (land_ones_lit a m k) by lia.
  assert (2 ^ k <= 2 ^ w) by (apply Z.pow_le_mono_r; lia).
  assert (0 < 2 ^ k) by (apply Z.pow_pos_nonneg; lia).
  pose proof (Z.mod_pos_bound a (2 ^ k) ltac:(lia)).
  rewrite wrap_small by lia. lia.
Qed.

Ltac synth_signed_atom w x :=
  g_zlit w;
  let s := fresh "s" in
  first [ let R := fresh "R" in
          assert (R : 0 <= x < 2 ^ w) by first [ wrap_in_range | eval_pow2; lia ];
          pose proof (signed_cases w x ltac:(lia) R); clear R
        | pose proof (signed_cases_wrap w x ltac:(lia)) ];
  set (s := signed w x) in *; clearbody s.

Ltac synth_path_lia :=
  unfold_bool_ints; cbn in *; bool_prop;
  repeat match goal with
  | |- context [ iand ?w ?a ?m ] =>
      g_zlit w; g_zlit m; let k := eval vm_compute in (Z.log2 (m + 1)) in
      let x := fresh "x" in
      pose proof (iand_mask_range w a m k ltac:(lia) ltac:(reflexivity));
      set (x := iand w a m) in *; clearbody x
  end;
  repeat match goal with
  | |- context [ signed ?w ?x ] => synth_signed_atom w x
  | H : context [ signed ?w ?x ] |- _ => synth_signed_atom w x
  end;
  unfold iadd, isub, imul, izext, itrunc, wrap in *; eval_pow2;
  Z.div_mod_to_equations; lia.

Ltac synth_bsolve := first [ reflexivity | assumption | synth_path_lia | synth_arith ].

(** Only the cheap cases of [synth_arith]/[synth_bsolve]: [synth_split] tries both values of a
    condition with these first, so the value that does not hold is not refuted by [synth_zsolve]
    (seconds each) before the one that does is proved in milliseconds. *)
Ltac synth_arith_fast :=
  first [ synth_bits; unfold_bool_ints; cbn in *; bool_prop; synth_abstract_bits;
          first [ lia | synth_wraps_lia
                | repeat split; first [ synth_mod_zero | lia | wrap_in_range ] ]
        | sext_false ].
Ltac synth_bsolve_fast := first [ reflexivity | assumption | synth_arith_fast ].

(** ** Hooks a generated RefProof redefines *)

(** Rewrite the synthesised loop fixpoints into the low ones ([rewrite ?p_loopK_s_eq]). *)
Ltac synth_rw_hook := idtac.
Ltac synth_rewrite L := rewrite ?L.

(** A memory-map access at a mapped path's address becomes the path's abstract access. The
    certificate states each access lemma synthesis used ([Access/*.v], applied to the path's
    indices) as a hypothesis [access_hint (forall st, bounds -> ld sz (Ptr (Bglob b) o') st = …)]
    ([synth_hint]); [synth_accesses] rewrites the goal's access at [Ptr (Bglob b) o] once [o = o']
    and the bounds follow from the path's hypotheses. Synthesis lowered the spec's side the same
    way, so no memory map is unfolded. *)
Definition access_hint (P : Prop) : Prop := P.
#[global] Arguments access_hint : simpl never.
Lemma access_hint_intro {P : Prop} : P -> access_hint P.
Proof. exact (fun p => p). Qed.
Lemma access_hint_elim {P : Prop} : access_hint P -> P.
Proof. exact (fun p => p). Qed.

Ltac synth_hint t := let H := fresh "Hacc" in pose proof (access_hint_intro t) as H.

(** Facts [(a <=? b) && (b <? c) = true] of the case splits, as [lia] reads them. *)
Ltac synth_bool_bounds :=
  repeat match goal with
  | H : (_ && _) = true |- _ => apply andb_true_iff in H; destruct H
  | H : (_ <=? _) = true |- _ => apply Z.leb_le in H
  | H : (_ <? _) = true |- _ => apply Z.ltb_lt in H
  end.

(** An offset computed in [iN] ([iadd 64 (imul 64 i 16) 1136]: access lowering read it modulo
    [2^64]) is its exact value where the bounds in context keep every step in range. *)
Ltac synth_exact_ops :=
  repeat match goal with
  | |- context [ imul ?w ?a ?b ] => rewrite (imul_small w a b) by (eval_pow2; lia)
  | |- context [ iadd ?w ?a ?b ] => rewrite (iadd_small w a b) by (eval_pow2; lia)
  | |- context [ signed ?w ?x ] => rewrite (signed_small w x) by (eval_pow2; lia)
  end.

(** The offset equation and the bounds: the bounds in context (fast), else path arithmetic
    through sign extensions of indices. In the out-of-bounds fallback of a lowered access (the
    case split refuted the path's bounds) the bounds fail at once. *)
Ltac synth_access_side :=
  lazymatch goal with
  | H : ((0 <=? ?i) && (?i <? ?n)) = false |- 0 <= ?i < ?n => fail
  | _ => first [ synth_bool_bounds; synth_exact_ops; lia
               | synth_path_lia
               | unfold isext in *; synth_path_lia ]
  end.

(** The goal's access by the same operation and size at the path's block (not any pointer into
    the block, e.g. a [ptr_inbounds] base: a failed offset equation costs a [synth_path_lia]). *)
Ltac synth_access H :=
  lazymatch type of H with
  | access_hint ?P =>
      lazymatch P with
      | context [ ?op ?sz (Ptr (Bglob ?b) ?o') ] =>
          match goal with
          | |- context [ op sz (Ptr (Bglob b) ?o) ] =>
              tryif constr_eq o o' then idtac else replace o with o' by synth_access_side
          end;
          rewrite (access_hint_elim H) by synth_access_side
      end
  end.
Ltac synth_accesses := repeat match goal with H : access_hint _ |- _ => synth_access H end.

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

(** A mask by any literal bounds the result (not only by [Z.ones k], [iand_mask_range]):
    synthesis drops the wrap of a sum of masked values (a table entry's offset plus a table's
    address) that Z3 proves below [2 ^ w]. *)
Lemma iand_lit_le : forall w x m, 0 <= m < 2 ^ w -> 0 <= iand w x m <= m.
Proof.
  intros w x m Hm. unfold iand, wrap.
  assert (L : 0 <= Z.land x m <= m) by (split; [apply Z.land_nonneg; right; lia | apply land_le_r; lia]).
  rewrite Z.mod_small by lia. exact L.
Qed.

Ltac synth_rng :=
  repeat match goal with
  | |- context [ ?a - ?b ] => g_zlit a; g_zlit b; let v := eval vm_compute in (a - b) in change (a - b) with v
  end;
  repeat match goal with
  | |- context [ iand ?w ?x ?m ] =>
      g_zlit m;
      lazymatch goal with
      | _ : 0 <= iand w x m <= m |- _ => fail
      | _ => pose proof (iand_lit_le w x m ltac:(eval_pow2; lia))
      end
  end;
  eval_pow2; lia.

(* Each side condition is checked before rewriting: a rewrite whose condition fails costs the
   abstraction of the whole goal (tens of ms on a large spec, for every occurrence tried). *)
Ltac synth_small :=
  repeat match goal with
  | |- context [ izext ?w ?a ] =>
      let R := fresh "R" in assert (R : 0 <= a < 2 ^ w) by synth_rng;
      rewrite (izext_small w a R); clear R
  | |- context [ wrap ?w ?a ] =>
      let R := fresh "R" in assert (R : 0 <= a < 2 ^ w) by synth_rng;
      rewrite (wrap_small w a R); clear R
  | |- context [ imul ?w ?a ?b ] =>
      let R := fresh "R" in assert (R : 0 <= a * b < 2 ^ w) by synth_rng;
      rewrite (imul_small w a b R); clear R
  | |- context [ iadd ?w ?a ?b ] =>
      let R := fresh "R" in assert (R : 0 <= a + b < 2 ^ w) by synth_rng;
      rewrite (iadd_small w a b R); clear R
  | |- context [ signed ?w ?a ] =>
      let P := fresh "P" in let R := fresh "R" in
      assert (P : 0 < w) by lia; assert (R : 0 <= a < 2 ^ (w - 1)) by synth_rng;
      rewrite (signed_small w a P R); clear P R
  end.

(** A sign reinterpretation of a value a path condition showed non-negative is the value: the
    low spec reads a pointer offset as [signed 64 o] where synthesis, from the [inbounds] test,
    kept [o]. Tried only for a [signed w z] some hypothesis mentions (the condition's source). *)
Lemma signed_nonneg_id : forall w z, 0 < w -> 0 <= z < 2 ^ w -> 0 <= signed w z -> signed w z = z.
Proof.
  intros w z Hw Hz Hs. unfold signed in *. rewrite wrap_small in * by exact Hz.
  destruct (z <? 2 ^ (w - 1)); [ reflexivity | ].
  generalize (pow2_pos w ltac:(lia)). lia.
Qed.

Ltac synth_wrap_range := first [ wrap_in_range | synth_rng ].

Ltac synth_signed :=
  repeat match goal with
  | |- context [ signed ?w ?z ] =>
      lazymatch goal with H : context [ signed w z ] |- _ => idtac end;
      rewrite (signed_nonneg_id w z) by (first [ lia | synth_wrap_range | bool_prop; lia ])
  end.

(** An integer operation on literals is its value: a callee's spec inlined with a literal
    argument (a level number) computes its shift amounts from it, and a match on that callee's
    result is stuck until they are numbers. *)
Ltac synth_int_op f :=
  lazymatch f with
  | iadd => idtac | isub => idtac | imul => idtac | iand => idtac | ior => idtac
  | ixor => idtac | ishl => idtac | ilshr => idtac | iashr => idtac | iudiv => idtac
  | iurem => idtac | isdiv => idtac | isrem => idtac | ieq => idtac | iult => idtac
  | iule => idtac | islt => idtac | isle => idtac
  end.
Ltac synth_int_op1 f :=
  lazymatch f with
  | wrap => idtac | signed => idtac | izext => idtac | itrunc => idtac | ineg => idtac | inot => idtac
  end.
Ltac synth_eval_lits :=
  repeat match goal with
  | |- context [ ?f ?w ?a ?b ] =>
      synth_int_op f; g_zlit w; g_zlit a; g_zlit b;
      let v := eval vm_compute in (f w a b) in change (f w a b) with v
  | |- context [ ?f ?w ?a ] =>
      synth_int_op1 f; g_zlit w; g_zlit a;
      let v := eval vm_compute in (f w a) in change (f w a) with v
  end.

(** Canonical forms both sides are rewritten to: a wrap of an operation that already wraps to
    the same width is that operation (a callee's result wrapped again by its caller), and the sign
    reinterpretation of a sum or product is that of the wrapped one ([signed] wraps first), so a
    condition synthesis stated on [a + b] and the low spec's on [iadd w a b] read the same. *)
Lemma signed_add_fold : forall w a b, 0 <= w -> signed w (a + b) = signed w (iadd w a b).
Proof. intros. symmetry. apply signed_wrap. auto. Qed.
Lemma signed_sub_fold : forall w a b, 0 <= w -> signed w (a - b) = signed w (isub w a b).
Proof. intros. symmetry. apply signed_wrap. auto. Qed.
Lemma signed_mul_fold : forall w a b, 0 <= w -> signed w (a * b) = signed w (imul w a b).
Proof. intros. symmetry. apply signed_wrap. auto. Qed.

(** A mask of a truncated value is the mask of the value (synthesis drops the [itrunc] of a
    table index; the low spec keeps it). *)
Lemma iand_itrunc_l : forall w a b, 0 <= w -> iand w (itrunc w a) b = iand w a b.
Proof.
  intros w a b Hw. unfold iand, itrunc, wrap.
  rewrite <- !Z.land_ones by exact Hw.
  rewrite <- !Z.land_assoc, (Z.land_comm (Z.ones w) (Z.land b (Z.ones w))), <- !Z.land_assoc,
    Z.land_diag.
  reflexivity.
Qed.

Ltac synth_canon :=
  (* Build.v's [wrap_iadd] …: a wrap of an operation of the same width *)
  rewrite ?wrap_iadd, ?wrap_isub, ?wrap_imul, ?wrap_iand, ?wrap_ior, ?wrap_ixor, ?wrap_izext,
    ?wrap_itrunc;
  rewrite ?iand_itrunc_l by lia;
  rewrite ?signed_add_fold, ?signed_sub_fold, ?signed_mul_fold by lia.

Ltac synth_norm :=
  cbn; unfold ieq; synth_eval_lits; cbn;
  rewrite ?ZMap.gsspec, ?ZMap.gi; synth_rw_hook; synth_accesses; synth_ih; rewrite_hyps; cbn;
  (* a result wrapped by its callee and again by the caller: synthesis keeps one wrap *)
  rewrite ?wrap_idem by lia;
  synth_ranges; synth_small; rewrite ?Z.add_0_l; synth_signed; synth_canon.

(** Equal heads on both sides: compare the arguments. *)
Ltac synth_congr :=
  lazymatch goal with
  | |- ?a = ?b =>
      let ha := synth_head a in let hb := synth_head b in constr_eq ha hb; f_equal
  end.

(** Two applications of one head with equal arguments: argument by argument where the heads
    agree, by path arithmetic where an integer argument differs in form. *)
Ltac synth_args_eq :=
  lazymatch goal with
  | |- ?a = ?b =>
      first [ constr_eq a b; reflexivity
            | synth_congr; synth_args_eq
            | let T := type of a in constr_eq T Z; first [ synth_path_lia | synth_arith_fast ] ]
  end.

(** [X] and [Y] apply the same head and have the same type. *)
Ltac synth_same_app X Y :=
  let h := synth_head X in let h' := synth_head Y in constr_eq h h';
  let T := type of X in let T' := type of Y in constr_eq T T'.

(** Make another application of the head of [X] (the scrutinee of a stuck match) with equal
    arguments syntactically [X], so one case split covers both sides. *)
Ltac synth_unify X :=
  match goal with
  | |- context [ ?Y ] =>
      synth_same_app X Y; assert_fails (constr_eq X Y);
      replace Y with X by synth_args_eq
  end.

(** A stuck match on [X], or a condition on memory contents, when an earlier split already
    named the value of an equal application (the other side's copy, split before [X] appeared):
    reuse that case instead of splitting again (arithmetic cannot see into a map read). *)
Ltac synth_reuse X :=
  match goal with
  | E : ?Y = _ |- _ => synth_same_app X Y; replace X with Y by synth_args_eq; rewrite E
  end.

(** A branch whose condition pins a variable to a literal ([x =? k], [ieq w x k] or
    [case_in w x [k]] with [x] in range): synthesis substituted the literal in that branch
    ([ZPass::pinned]), so the certificate does too, on both sides. *)
Lemma pin_wrap : forall w x k, 0 <= x < 2 ^ w -> (k =? wrap w x) = true -> x = k.
Proof. intros w x k R E. apply Z.eqb_eq in E. rewrite wrap_small in E by exact R. lia. Qed.

Ltac synth_pin_wrap E w x k :=
  let P := fresh "Hpin" in
  assert (P : x = k)
    by (apply (pin_wrap w x k); [ first [ assumption | eval_pow2; lia ] | exact E ]);
  subst x.

(* One rewrite at most per shape: [Z.eqb_sym] under [rewrite ?] would turn a comparison of two
   wraps around forever. *)
Ltac synth_pin E :=
  rewrite ?Bool.orb_false_r in E;
  match type of E with
  | (?k =? wrap ?w ?x) = true => is_var x; g_zlit k; synth_pin_wrap E w x k
  | (wrap ?w ?x =? ?k) = true =>
      is_var x; g_zlit k; rewrite Z.eqb_sym in E; synth_pin_wrap E w x k
  | (?x =? ?k) = true => is_var x; g_zlit k; apply Z.eqb_eq in E; subst x
  | (?k =? ?x) = true => is_var x; g_zlit k; apply Z.eqb_eq in E; subst x
  end.

(** Take the value [v] of condition [c], proved by [tac]; pin what it pins. *)
Ltac synth_take c v tac :=
  let E := fresh "Hc" in
  assert (E : c = v) by tac; rewrite E; first [ synth_pin E | clear E ].

(** Split on [c]; the [true] case pins what it pins. *)
Ltac synth_case c :=
  let E := fresh "Hc" in destruct c eqn:E; [ try synth_pin E | ].

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
              first [ synth_shared c; synth_case c
                    | lazymatch c with context [ @ZMap.get ] => synth_reuse c end
                    | synth_take c true synth_bsolve_fast
                    | synth_take c false synth_bsolve_fast
                    | synth_take c true synth_path_lia
                    | synth_take c false synth_path_lia
                    (* arithmetic cannot decide a condition on memory contents ([synth_reuse]
                       above is the way); it only refutes an infeasible path, as a leaf does *)
                    | lazymatch c with context [ @ZMap.get ] => synth_case c end
                    | synth_take c true synth_bsolve
                    | synth_take c false synth_bsolve
                    | synth_case c ]
          end
      | _ => try (repeat synth_unify c);
             first [ synth_reuse c | let E := fresh "Hm" in destruct c eqn:E ]
      end
  end.

(** A map read or a wrap on both sides: equal arguments first (arithmetic cannot see into
    [ZMap.get], and on a whole read it only fails, slowly); the index equalities are then
    arithmetic. *)
Ltac synth_congr_uninterp :=
  lazymatch goal with
  | |- ?a = ?b =>
      let ha := synth_head a in let hb := synth_head b in constr_eq ha hb;
      lazymatch ha with
      | @ZMap.get => idtac | wrap => idtac | Z.div => idtac | Z.modulo => idtac
      end; f_equal
  end.

Ltac synth_leaf :=
  lazymatch goal with
  | |- ?a = ?b =>
      first [ constr_eq a b; reflexivity
            | synth_congr_uninterp; synth_leaf
            (* a value computed from memory contents: only equal reads make it equal *)
            | lazymatch a with context [ @ZMap.get ] => synth_congr; synth_leaf end
            | let T := type of a in constr_eq T Z; first [ synth_path_lia | synth_arith ]
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
