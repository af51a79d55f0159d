(** * Bit-precise integers: [iN] arithmetic as operations on [Z] modulo [2^N].

    An [iN] value is represented by its unsigned representative
    [0 <= z < 2^N].  Every operation below takes arbitrary integers, reduces
    them modulo [2^N] first where it matters, and returns a normalised result,
    so specs may pass unnormalised arguments. *)

From Coq Require Import ZArith Lia.
Local Open Scope Z_scope.

(** Keep [cbn] from unfolding integer operations into stuck matches when one
    argument is symbolic (it still computes on numerals). *)
Global Arguments Z.add !x !y : simpl nomatch.
Global Arguments Pos.eqb !p !q : simpl nomatch.
Global Arguments Z.sub !m !n : simpl nomatch.
Global Arguments Z.mul !x !y : simpl nomatch.
Global Arguments Z.opp !x : simpl nomatch.
Global Arguments Z.eqb !x !y : simpl nomatch.
Global Arguments Z.ltb !x !y : simpl nomatch.
Global Arguments Z.leb !x !y : simpl nomatch.
Global Arguments Z.compare !x !y : simpl nomatch.
Global Arguments Z.modulo !a !b : simpl nomatch.
Global Arguments Z.div !a !b : simpl nomatch.
Global Arguments Z.land !a !b : simpl nomatch.
Global Arguments Z.lor !a !b : simpl nomatch.
Global Arguments Z.lxor !a !b : simpl nomatch.
Global Arguments Z.shiftl !a !n : simpl nomatch.
Global Arguments Z.shiftr !a !n : simpl nomatch.

(** Unsigned normalisation ("wrap-around"). *)
Definition wrap (w z : Z) : Z := z mod 2 ^ w.

(** Signed interpretation of the [w]-bit pattern of [z]. *)
Definition signed (w z : Z) : Z :=
  let u := wrap w z in if u <? 2 ^ (w - 1) then u else u - 2 ^ w.

Definition min_signed (w : Z) : Z := - 2 ^ (w - 1).
Definition max_signed (w : Z) : Z := 2 ^ (w - 1) - 1.
Definition max_unsigned (w : Z) : Z := 2 ^ w - 1.

Definition iadd (w a b : Z) : Z := wrap w (a + b).
Definition isub (w a b : Z) : Z := wrap w (a - b).
Definition imul (w a b : Z) : Z := wrap w (a * b).
Definition ineg (w a : Z) : Z := wrap w (- a).
(** Division and remainder: callers check [wrap w b <> 0] (and signed overflow). *)
Definition iudiv (w a b : Z) : Z := wrap w a / wrap w b.
Definition iurem (w a b : Z) : Z := wrap w a mod wrap w b.
Definition isdiv (w a b : Z) : Z := wrap w (Z.quot (signed w a) (signed w b)).
Definition isrem (w a b : Z) : Z := wrap w (Z.rem (signed w a) (signed w b)).
(** Shifts: callers check [wrap w s < w]. *)
Definition ishl (w a s : Z) : Z := wrap w (Z.shiftl a (wrap w s)).
Definition ilshr (w a s : Z) : Z := Z.shiftr (wrap w a) (wrap w s).
Definition iashr (w a s : Z) : Z := wrap w (Z.shiftr (signed w a) (wrap w s)).
Definition iand (w a b : Z) : Z := wrap w (Z.land a b).
Definition ior (w a b : Z) : Z := wrap w (Z.lor a b).
Definition ixor (w a b : Z) : Z := wrap w (Z.lxor a b).
Definition inot (w a : Z) : Z := wrap w (Z.lnot a).

(** Casts. *)
Definition itrunc (w a : Z) : Z := wrap w a.
Definition izext (w a : Z) : Z := wrap w a.            (** [w]: source width *)
Definition isext (w w' a : Z) : Z := wrap w' (signed w a). (** [w] source, [w'] destination *)

(** Comparisons (booleans). *)
Definition ieq (w a b : Z) : bool := wrap w a =? wrap w b.
Definition iult (w a b : Z) : bool := wrap w a <? wrap w b.
Definition iule (w a b : Z) : bool := wrap w a <=? wrap w b.
Definition islt (w a b : Z) : bool := signed w a <? signed w b.
Definition isle (w a b : Z) : bool := signed w a <=? signed w b.

(** [cbn]/[simpl] never unfold the iN operations: on symbolic arguments the
    unfold/refold attempts of [cbn] are exponential in the nesting depth of
    straight-line code.  [zsolve] unfolds them explicitly; concrete values
    are computed by [reflexivity]/[vm_compute]. *)
Global Arguments iadd : simpl never.
Global Arguments isub : simpl never.
Global Arguments imul : simpl never.

(** Fixed-width names used by specs. *)
Definition add8 := iadd 8.   Definition add16 := iadd 16.
Definition add32 := iadd 32. Definition add64 := iadd 64.
Definition sub32 := isub 32. Definition sub64 := isub 64.
Definition mul32 := imul 32. Definition mul64 := imul 64.
Definition and32 := iand 32. Definition and64 := iand 64.
Definition or32 := ior 32.   Definition or64 := ior 64.
Definition xor32 := ixor 32. Definition xor64 := ixor 64.
Definition shl32 := ishl 32. Definition shl64 := ishl 64.
Definition lshr32 := ilshr 32. Definition lshr64 := ilshr 64.
Definition signed32 := signed 32. Definition signed64 := signed 64.

Definition b2z (b : bool) : Z := if b then 1 else 0.

(** ** Lemmas *)

Lemma pow2_pos : forall w, 0 <= w -> 0 < 2 ^ w.
Proof. intros; apply Z.pow_pos_nonneg; lia. Qed.

Lemma wrap_range : forall w z, 0 <= w -> 0 <= wrap w z < 2 ^ w.
Proof. intros; unfold wrap; apply Z.mod_pos_bound, pow2_pos; auto. Qed.

Lemma wrap_small : forall w z, 0 <= z < 2 ^ w -> wrap w z = z.
Proof. intros; unfold wrap; apply Z.mod_small; auto. Qed.

(** A sum that passed the modulus once: [a + c] with [c] the [w]-bit pattern of a negative
    constant ([add i32 %index, -47] is [a + 4294967249]) and [a] at least its magnitude. *)
Lemma wrap_above : forall w z, 2 ^ w <= z < 2 * 2 ^ w -> wrap w z = z - 2 ^ w.
Proof. intros; unfold wrap; symmetry; apply Z.mod_unique_pos with (q := 1); lia. Qed.

Lemma wrap_idem : forall w z, 0 <= w -> wrap w (wrap w z) = wrap w z.
Proof. intros; apply wrap_small, wrap_range; auto. Qed.

Lemma wrap_add_l : forall w a b, 0 <= w -> wrap w (wrap w a + b) = wrap w (a + b).
Proof.
  intros; unfold wrap. rewrite Z.add_mod_idemp_l; auto. generalize (pow2_pos w H); lia.
Qed.

Lemma wrap_add_r : forall w a b, 0 <= w -> wrap w (a + wrap w b) = wrap w (a + b).
Proof.
  intros; unfold wrap. rewrite Z.add_mod_idemp_r; auto. generalize (pow2_pos w H); lia.
Qed.

Lemma wrap_sub_l : forall w a b, 0 <= w -> wrap w (wrap w a - b) = wrap w (a - b).
Proof.
  intros; unfold wrap. generalize (pow2_pos w H); intro.
  rewrite Zminus_mod_idemp_l; auto.
Qed.

Lemma wrap_sub_r : forall w a b, 0 <= w -> wrap w (a - wrap w b) = wrap w (a - b).
Proof.
  intros; unfold wrap. generalize (pow2_pos w H); intro.
  rewrite Zminus_mod_idemp_r; auto.
Qed.

Lemma wrap_mul_l : forall w a b, 0 <= w -> wrap w (wrap w a * b) = wrap w (a * b).
Proof.
  intros; unfold wrap. rewrite Z.mul_mod_idemp_l; auto. generalize (pow2_pos w H); lia.
Qed.

Lemma wrap_mul_r : forall w a b, 0 <= w -> wrap w (a * wrap w b) = wrap w (a * b).
Proof.
  intros; unfold wrap. rewrite Z.mul_mod_idemp_r; auto. generalize (pow2_pos w H); lia.
Qed.

Lemma wrap_eq_iff : forall w a b, 0 <= w ->
  (wrap w a = wrap w b <-> exists k, a = b + k * 2 ^ w).
Proof.
  intros w a b Hw; unfold wrap; generalize (pow2_pos w Hw); intro Hp; split.
  - intro E. exists (a / 2 ^ w - b / 2 ^ w).
    rewrite (Z.div_mod a (2 ^ w)) at 1 by lia. rewrite (Z.div_mod b (2 ^ w)) at 1 by lia.
    rewrite E. ring.
  - intros [k ->]. rewrite Z.mod_add; auto; lia.
Qed.

Lemma signed_small : forall w z, 0 < w -> 0 <= z < 2 ^ (w - 1) -> signed w z = z.
Proof.
  intros w z Hw Hz. unfold signed.
  assert (2 ^ w = 2 * 2 ^ (w - 1)) as E.
  { rewrite <- Z.pow_succ_r by lia. f_equal; lia. }
  rewrite wrap_small by lia. destruct (Z.ltb_spec z (2 ^ (w - 1))); lia.
Qed.

Lemma signed_range : forall w z, 0 < w -> - 2 ^ (w - 1) <= signed w z < 2 ^ (w - 1).
Proof.
  intros w z Hw. unfold signed.
  assert (2 ^ w = 2 * 2 ^ (w - 1)) as E.
  { rewrite <- Z.pow_succ_r by lia. f_equal; lia. }
  generalize (wrap_range w z ltac:(lia)); intro R.
  destruct (Z.ltb_spec (wrap w z) (2 ^ (w - 1))); lia.
Qed.

Lemma signed_neg : forall w z, 0 < w -> - 2 ^ (w - 1) <= z < 0 -> signed w z = z.
Proof.
  intros w z Hw Hz. unfold signed.
  assert (2 ^ w = 2 * 2 ^ (w - 1)) as E.
  { rewrite <- Z.pow_succ_r by lia. f_equal; lia. }
  assert (wrap w z = z + 2 ^ w) as W.
  { unfold wrap. rewrite <- (Z.mod_add z 1) by lia. rewrite Z.mul_1_l. apply Z.mod_small. lia. }
  rewrite W. destruct (Z.ltb_spec (z + 2 ^ w) (2 ^ (w - 1))); lia.
Qed.

Lemma signed_in_range : forall w z, 0 < w -> - 2 ^ (w - 1) <= z < 2 ^ (w - 1) -> signed w z = z.
Proof.
  intros. destruct (Z.ltb_spec z 0).
  - apply signed_neg; lia.
  - apply signed_small; lia.
Qed.

Lemma wrap_signed : forall w z, 0 < w -> wrap w (signed w z) = wrap w z.
Proof.
  intros. unfold signed. destruct (_ <? _).
  - apply wrap_idem; lia.
  - unfold wrap at 1. replace (wrap w z - 2 ^ w) with (wrap w z + (-1) * 2 ^ w) by ring.
    rewrite Z.mod_add by (generalize (pow2_pos w ltac:(lia)); lia). apply wrap_idem; lia.
Qed.

Lemma iadd_small : forall w a b, 0 <= a + b < 2 ^ w -> iadd w a b = a + b.
Proof. intros; apply wrap_small; auto. Qed.
Lemma isub_small : forall w a b, 0 <= a - b < 2 ^ w -> isub w a b = a - b.
Proof. intros; apply wrap_small; auto. Qed.
Lemma imul_small : forall w a b, 0 <= a * b < 2 ^ w -> imul w a b = a * b.
Proof. intros; apply wrap_small; auto. Qed.

(** A shift is a multiplication by a power of two (array indices computed as [v << 2]). *)
Lemma ishl_mul : forall w a s, 0 <= w -> ishl w a s = wrap w (a * 2 ^ wrap w s).
Proof.
  intros. unfold ishl. rewrite Z.shiftl_mul_pow2; [ reflexivity | apply wrap_range; auto ].
Qed.

(** ** The arithmetic solver for wrap-around side conditions *)

(** Replace [2 ^ n] for numerals [n] by its value. *)
Ltac eval_pow2 :=
  repeat match goal with
  | |- context [ 2 ^ ?n ] =>
      lazymatch n with Zpos _ => let v := eval vm_compute in (2 ^ n) in change (2 ^ n) with v end
  | H : context [ 2 ^ ?n ] |- _ =>
      lazymatch n with Zpos _ => let v := eval vm_compute in (2 ^ n) in change (2 ^ n) with v in H end
  end.

Ltac unfold_ints :=
  unfold add8, add16, add32, add64, sub32, sub64, mul32, mul64, and32, and64, or32, or64,
    xor32, xor64, shl32, shl64, lshr32, lshr64, signed32, signed64,
    iadd, isub, imul, ineg, iudiv, iurem, itrunc, izext, isext, ieq, iult, iule, islt, isle in *.

(** [zsolve] closes linear (and simple non-linear) goals involving [wrap]/[signed]:
    it first drops provably-small wrap-arounds (and those of a sum with a negative constant's
    pattern that passed the modulus once), then falls back to the
    div/mod-to-equations translation. *)
Ltac drop_wraps :=
  repeat match goal with
  | |- context [ wrap ?w ?z ] => rewrite (wrap_small w z) by (eval_pow2; lia)
  | |- context [ wrap ?w (?a + Zpos ?c) ] => rewrite (wrap_above w (a + Zpos c)) by (eval_pow2; lia)
  | |- context [ signed ?w ?z ] => rewrite (signed_in_range w z) by (eval_pow2; lia)
  end.

(** Remove wraps nested inside wraps (same width). *)
Ltac wrap_norm :=
  repeat match goal with
  | |- context [ wrap ?w (wrap ?w ?a + ?b) ] => rewrite (wrap_add_l w a b) by lia
  | |- context [ wrap ?w (?a + wrap ?w ?b) ] => rewrite (wrap_add_r w a b) by lia
  | |- context [ wrap ?w (wrap ?w ?a - ?b) ] => rewrite (wrap_sub_l w a b) by lia
  | |- context [ wrap ?w (?a - wrap ?w ?b) ] => rewrite (wrap_sub_r w a b) by lia
  | |- context [ wrap ?w (wrap ?w ?a * ?b) ] => rewrite (wrap_mul_l w a b) by lia
  | |- context [ wrap ?w (?a * wrap ?w ?b) ] => rewrite (wrap_mul_r w a b) by lia
  | |- context [ wrap ?w (wrap ?w ?a) ] => rewrite (wrap_idem w a) by lia
  end.

(** [wrap w a = wrap w b] follows from [a = b] modulo [2^w]. *)
Lemma wrap_congr : forall w a b, a = b -> wrap w a = wrap w b.
Proof. intros; subst; auto. Qed.

Lemma wrap_eq_diff : forall w a b, 0 <= w -> (a - b) mod 2 ^ w = 0 -> wrap w a = wrap w b.
Proof.
  intros w a b Hw E. apply wrap_eq_iff; auto. exists ((a - b) / 2 ^ w).
  generalize (pow2_pos w Hw); intro.
  assert (D : a - b = 2 ^ w * ((a - b) / 2 ^ w) + (a - b) mod 2 ^ w) by (apply Z.div_mod; lia).
  rewrite E in D. nia.
Qed.

Ltac has_modular :=
  match goal with
  | |- context [ wrap _ _ ] => idtac
  | |- context [ signed _ _ ] => idtac
  | |- context [ Z.modulo _ _ ] => idtac
  | |- context [ Z.div _ _ ] => idtac
  | |- context [ Z.quot _ _ ] => idtac
  | |- context [ Z.rem _ _ ] => idtac
  end.

Ltac zsolve :=
  unfold_ints; wrap_norm; drop_wraps; wrap_norm; eval_pow2;
  rewrite ?Z.add_0_l, ?Z.add_0_r, ?Z.sub_0_r, ?Z.mul_1_l, ?Z.mul_1_r;
  first [ reflexivity | lia
        | apply wrap_congr; ring
        | apply wrap_eq_diff; [ lia | ring_simplify; eval_pow2; reflexivity ]
        | has_modular; Z.div_mod_to_equations; nia
        | has_modular; unfold wrap, signed in *; eval_pow2; Z.div_mod_to_equations; nia ].
