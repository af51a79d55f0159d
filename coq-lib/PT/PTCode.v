(** * The code model's arithmetic on page tables, in the library's terms.

    [PT/PTBits.v] bridges the IR's masks on plain [Z] operations; this file does the same on the
    code model's operations ([iand], [ilshr], [ior], [ishl], [iadd], [ieq] of [Semantics/Ints.v])
    and the checks a synthesised spec keeps around a table access ([ovf_mul], [ovf_add],
    [ptr_inbounds] of [Semantics/Eval.v]) for code that indexes arrays of 512 8-byte entries:
    - level indices [(va >> s) & 511] (also truncated to 32 bits) are [field s 9 va];
    - a descriptor's valid bit [d & 1] and table field [(d >> 12) & (2^36 - 1)];
    - the descriptors the demonstration writes: a table [((n + 1) << 12) | 3], a page
      [(pa & 0x0000fffffffff000) | 3];
    - entry [i] of table [t] at byte [t * 4096 + i * 8], and its overflow and bounds checks.
    Then, for the demonstration's instance ([demo] of [PT/PTInstances.v]): its four index forms,
    its table entries, and [demo_code_rw], the rewriting its proofs run over a synthesised spec. *)
From Coq Require Import ZArith Lia Bool.
From AutoV Require Import All Build.
From AutoV.PT Require Import PTDesc PTBits PTWalk PTTree PTRefine PTInstances.
Local Open Scope Z_scope.

Lemma field_wrap : forall s n d, 0 <= s -> 0 <= n -> s + n <= 64 -> field s n (wrap 64 d) = field s n d.
Proof.
  intros s n d Hs Hn H. unfold field, wrap. apply Z.bits_inj'. intros i Hi.
  destruct (Z.lt_ge_cases i n).
  - rewrite !Z.mod_pow2_bits_low, !Z.div_pow2_bits, Z.mod_pow2_bits_low by lia. reflexivity.
  - rewrite !Z.mod_pow2_bits_high by lia. reflexivity.
Qed.

(** A 9-bit level index of a 64-bit address, masked in 32 bits (after a truncation or not). *)
Lemma i_field9 : forall va s, 0 <= va < 2 ^ 64 -> 0 <= s < 64 ->
  iand 32 (ilshr 64 va s) 511 = field s 9 va /\ iand 32 (itrunc 32 (ilshr 64 va s)) 511 = field s 9 va.
Proof.
  intros va s Hva Hs. pose proof (field_range s 9 va ltac:(lia)) as F. unfold field in *.
  assert (E : iand 32 (ilshr 64 va s) 511 = (va / 2 ^ s) mod 2 ^ 9).
  { unfold iand, ilshr. rewrite (wrap_small 64 va), (wrap_small 64 s) by (cbn; lia).
    rewrite Z.shiftr_div_pow2, (land_ones_lit _ 511 9), wrap_small by (cbn in *; lia || reflexivity).
    reflexivity. }
  split; [exact E|]. rewrite <- E. unfold itrunc, iand. f_equal. unfold wrap.
  rewrite <- Z.land_ones, <- Z.land_assoc by lia. reflexivity.
Qed.

(** A descriptor's valid bit and its 36-bit table field, on the 64-bit value the code loaded. *)
Lemma i_bit0 : forall d, iand 64 (wrap 64 d) 1 = if bit 0 d then 1 else 0.
Proof.
  intros d. unfold iand. rewrite (land_ones_lit _ 1 1), Zmod_odd by (lia || reflexivity).
  unfold bit, wrap. rewrite Z.div_1_r, <- !Z.bit0_odd, Z.mod_pow2_bits_low by lia.
  destruct (Z.testbit d 0); reflexivity.
Qed.

Lemma i_valid : forall d, ieq 64 (iand 64 (wrap 64 (wrap 64 d)) 1) 0 = negb (bit 0 d).
Proof. intros d. rewrite wrap_wrap, i_bit0. destruct (bit 0 d); reflexivity. Qed.

Lemma i_field36 : forall d, iand 64 (ilshr 64 (wrap 64 d) 12) 68719476735 = field 12 36 d.
Proof.
  intros d. rewrite <- (field_wrap 12 36 d) by lia. pose proof (field_range 12 36 (wrap 64 d) ltac:(lia)).
  unfold iand, ilshr, field in *. rewrite wrap_wrap. change (wrap 64 12) with 12.
  rewrite Z.shiftr_div_pow2, (land_ones_lit _ 68719476735 36), wrap_small by (cbn in *; lia || reflexivity).
  reflexivity.
Qed.

(** [n + 1 - 1] in 64 bits (the code's [-1] is [2^64 - 1]). *)
Lemma i_pred : forall n, 0 <= n < 2 ^ 63 -> iadd 64 (n + 1) 18446744073709551615 = n.
Proof.
  intros n Hn. unfold iadd, wrap. replace (n + 1 + 18446744073709551615) with (n + 1 * 2 ^ 64) by (cbn in *; lia).
  rewrite Z.mod_add, Z.mod_small; cbn in *; lia.
Qed.

(** The table descriptor [((n + 1) << 12) | 3] and the page descriptor [(pa & ADDR_MASK) | 3]. *)
Lemma i_tdesc_n : forall n, 0 <= n < 2 ^ 36 - 1 -> ior 64 (ishl 64 (n + 1) 12) 3 = (n + 1) * 4096 + 3.
Proof.
  intros n Hn. unfold ishl. change (wrap 64 12) with 12. rewrite Z.shiftl_mul_pow2, wrap_small by (cbn in *; lia).
  apply i_tdesc; [cbn in *; lia | apply Z.mod_mul; lia].
Qed.

Lemma i_leaf : forall pa, ior 64 (iand 64 pa 281474976706560) 3 = oa pa + 3.
Proof. intros pa. rewrite i_oa. apply i_tdesc; [pose proof (oa_range pa); cbn in *; lia | apply oa_aligned]. Qed.

(** An address with no bit outside [ADDR_MASK] is its own output address. *)
Lemma oa_self : forall pa, 0 <= pa < 2 ^ 64 -> Z.land pa 18446462598732845055 = 0 -> oa pa = pa.
Proof.
  intros pa Hp E. rewrite <- land_oa. transitivity (Z.land pa (Z.ones 64)).
  - change (Z.ones 64) with (Z.lor 281474976706560 18446462598732845055).
    rewrite Z.land_lor_distr_r, E, Z.lor_0_r. reflexivity.
  - rewrite Z.land_ones, Z.mod_small by lia. reflexivity.
Qed.

(** A mask of the bits from [n] up and below [m] is zero exactly below [2^n] and aligned to
    [2^m] (an argument check like [ipa & ~(2 MiB - 1 - 0xfff)]). *)
Lemma land_hi_lo_zero : forall x n m k, 0 <= m /\ m <= n /\ n <= 64 -> 0 <= x < 2 ^ 64 ->
  k = Z.lor (Z.shiftl (Z.ones (64 - n)) n) (Z.ones m) ->
  (Z.land x k = 0 <-> x < 2 ^ n /\ x mod 2 ^ m = 0).
Proof.
  intros x n m k Hnm Hx ->.
  rewrite Z.land_lor_distr_r, Z.lor_eq_0_iff, land_shiftl_mask, land_ones_mod, Z.shiftr_div_pow2 by lia.
  rewrite land_ones_mod, Z.shiftl_mul_pow2 by lia.
  assert (2 ^ n * 2 ^ (64 - n) = 2 ^ 64) by (rewrite <- Z.pow_add_r; [f_equal|..]; lia).
  assert (0 < 2 ^ n) by (apply Z.pow_pos_nonneg; lia).
  rewrite (Z.mod_small (x / 2 ^ n)) by (split; [apply Z.div_pos | apply Z.div_lt_upper_bound]; lia).
  split.
  - intros [A B]. split; [|lia]. assert (x / 2 ^ n = 0) by lia. Z.div_mod_to_equations. lia.
  - intros [A B]. rewrite Z.div_small by lia. lia.
Qed.

(** Entry [i] of table [t] of an array of 512-entry tables: byte [t * 4096 + i * 8]. *)
Lemma slot8 : forall t i, 0 <= i < 512 -> ((t * 4096 + i * 8) mod 4096) / 8 = i /\ (t * 4096 + i * 8) / 4096 = t.
Proof.
  intros t i Hi. split.
  - rewrite Z.add_comm, Z.mod_add, Z.mod_small, Z.div_mul by lia. reflexivity.
  - rewrite Z.div_add_l, Z.div_small by lia. lia.
Qed.

(** ... and the checks of its address computation ([inbounds] GEPs with [nsw]). *)
Lemma slot8_checks : forall t i, 0 <= t < 2 ^ 40 -> 0 <= i < 512 ->
  ovf_mul fl_nsw 64 t 4096 = false /\ ovf_add fl_nsw 64 (t * 4096) (i * 8) = false /\
  (forall b, ptr_inbounds (Ptr b 0) 64 (imul 64 t 4096 + i * 8) = true) /\ imul 64 t 4096 = t * 4096.
Proof.
  intros t i Ht Hi. assert (M : imul 64 t 4096 = t * 4096) by (unfold imul; apply wrap_small; cbn in *; lia).
  unfold ovf_mul, ovf_add, ptr_inbounds, in_srange. cbn [fl_nsw f_nuw f_nsw andb orb].
  rewrite M, !(signed_small 64) by (cbn in *; lia). change (wrap 64 0) with 0. cbn [Z.sub Z.pow Z.pow_pos] in *.
  refine (conj _ (conj _ (conj _ eq_refl))); [| |intros []];
    rewrite ?negb_false_iff, ?andb_true_iff, ?Z.leb_le, ?Z.ltb_lt; cbn in *; lia.
Qed.

(** Evaluate closed conditions and closed integer subterms of the goal; rewrite with the map-read
    facts in context. A term with a variable is never given to [vm_compute] (its normal form can
    be huge). *)
Ltac is_lit v := lazymatch v with true => idtac | false => idtac | Z0 => idtac | Zpos _ => idtac | Zneg _ => idtac end.
Ltac closed c := tryif (match c with context [?x] => is_var x end) then fail else idtac.
Ltac eval_closed :=
  repeat match goal with
  | |- context [ if ?c then _ else _ ] =>
      lazymatch c with true => fail | false => fail | _ => idtac end;
      closed c; let v := eval vm_compute in c in is_lit v; change c with v; cbv beta iota zeta
  | |- context [ ?e ] =>
      lazymatch type of e with Z => idtac end;
      lazymatch e with Z0 => fail | Zpos _ => fail | Zneg _ => fail | _ => idtac end;
      closed e; let v := eval vm_compute in e in is_lit v; change e with v
  | H : ZMap.get _ _ = _ |- _ => rewrite H
  end.

(** ** The demonstration *)

Lemma demo_idx_range : forall l va, 0 <= idx demo l va < 512.
Proof. intros l va. pose proof (idx_in_tbl demo demo_ok l va) as H. destruct l; exact H. Qed.

(** Its indices, as [pt_index] computes them: [(ipa >> (39 - 9 * level)) & 511] in 32 bits. *)
Lemma demo_code_idx : forall va, 0 <= va < 2 ^ 64 ->
  iand 32 (ilshr 64 va 39) 511 = idx demo 0 va /\ iand 32 (itrunc 32 (ilshr 64 va 30)) 511 = idx demo 1 va /\
  iand 32 (itrunc 32 (ilshr 64 va 21)) 511 = idx demo 2 va /\ iand 32 (itrunc 32 (ilshr 64 va 12)) 511 = idx demo 3 va.
Proof.
  intros va Hva. rewrite (proj1 (i_field9 va 39 Hva ltac:(lia))), (proj2 (i_field9 va 30 Hva ltac:(lia))),
    (proj2 (i_field9 va 21 Hva ltac:(lia))), (proj2 (i_field9 va 12 Hva ltac:(lia))). repeat split.
Qed.

(** A table entry as [walk_next] tests it: valid, a non-zero table field, naming table [c]. *)
Lemma demo_code_tbl : forall l e c, (l < 3)%nat -> dec demo l e = KTable c ->
  (iand 64 (wrap 64 e) 1 =? 0) = false /\ (iand 64 (ilshr 64 (wrap 64 e) 12) 68719476735 =? 0) = false /\
  iadd 64 (iand 64 (ilshr 64 (wrap 64 e) 12) 68719476735) 18446744073709551615 = c.
Proof.
  intros l e c Hl D. destruct (demo_dec_table l e c Hl D) as (B & F & Hc).
  pose proof (field_range 12 36 e ltac:(lia)). rewrite i_bit0, i_field36, B, F.
  split; [reflexivity | split; [apply Z.eqb_neq; lia | apply i_pred; cbn in *; lia]].
Qed.

Lemma demo_leaf_bit : forall pa, bit 0 (oa pa + 3) = true.
Proof.
  intros pa. destruct (demo_leaf pa) as [D _]. cbn in D. destruct (bit 0 (oa pa + 3)); [reflexivity | discriminate].
Qed.

(** Rewrite a synthesised spec of the demonstration's code into the library's terms: indices,
    slots, the checks around them, descriptors, wraps of values [rng] bounds; decide the
    conditions [rng] settles ([rng] proves linear range goals, e.g. [lia] with the project's
    constants unfolded). *)
Ltac demo_code_rw va Hva rng :=
  repeat match goal with
  | |- context [ iand 32 (ilshr 64 va 39) 511 ] => rewrite (proj1 (demo_code_idx va Hva))
  | |- context [ iand 32 (itrunc 32 (ilshr 64 va 30)) 511 ] => rewrite (proj1 (proj2 (demo_code_idx va Hva)))
  | |- context [ iand 32 (itrunc 32 (ilshr 64 va 21)) 511 ] => rewrite (proj1 (proj2 (proj2 (demo_code_idx va Hva))))
  | |- context [ iand 32 (itrunc 32 (ilshr 64 va 12)) 511 ] => rewrite (proj2 (proj2 (proj2 (demo_code_idx va Hva))))
  | |- context [ ((?t * 4096 + idx demo ?l ?x * 8) mod 4096) / 8 ] => rewrite (proj1 (slot8 t _ (demo_idx_range l x)))
  | |- context [ (?t * 4096 + idx demo ?l ?x * 8) / 4096 ] => rewrite (proj2 (slot8 t _ (demo_idx_range l x)))
  | |- context [ ovf_mul fl_nsw 64 ?t 4096 ] => rewrite (proj1 (slot8_checks t 0 ltac:(rng) ltac:(lia)))
  | |- context [ ovf_add fl_nsw 64 (?t * 4096) (idx demo ?l ?x * 8) ] =>
      rewrite (proj1 (proj2 (slot8_checks t _ ltac:(rng) (demo_idx_range l x))))
  | |- context [ ptr_inbounds _ 64 (imul 64 ?t 4096 + idx demo ?l ?x * 8) ] =>
      rewrite (proj1 (proj2 (proj2 (slot8_checks t _ ltac:(rng) (demo_idx_range l x)))))
  | |- context [ imul 64 ?t 4096 ] => rewrite (proj2 (proj2 (proj2 (slot8_checks t 0 ltac:(rng) ltac:(lia)))))
  | |- context [ iadd 64 (?n + 1) 18446744073709551615 ] => rewrite (i_pred n) by rng
  | |- context [ ior 64 (ishl 64 (?n + 1) 12) 3 ] => rewrite (i_tdesc_n n) by rng
  | |- context [ ior 64 (iand 64 ?pa 281474976706560) 3 ] => rewrite (i_leaf pa)
  | |- context [ wrap 64 (wrap 64 ?x) ] => rewrite (wrap_wrap 64 x)
  | H : (?x =? 0) = _ |- context [ ?x =? 0 ] => rewrite H
  | H : iadd 64 ?x ?y = _ |- context [ iadd 64 ?x ?y ] => rewrite H
  | |- context [ wrap 64 ?x ] => rewrite (wrap_small 64 x) by rng
  | |- context [ if ?c then _ else _ ] =>
      lazymatch c with true => fail | false => fail | _ => idtac end;
      first [ replace c with true by (symmetry; rewrite ?Z.leb_le, ?Z.ltb_lt, ?Z.eqb_eq; rng)
            | replace c with false by (symmetry; rewrite ?Z.leb_gt, ?Z.ltb_ge, ?Z.eqb_neq; rng) ];
      cbv beta iota zeta
  end.

(** Run a synthesised spec over the demonstration's tables: evaluate what is closed, rewrite. *)
Ltac demo_run va rng :=
  let Hva := fresh in assert (Hva : 0 <= va < 2 ^ 64) by rng;
  pose proof (demo_idx_range 0 va); pose proof (demo_idx_range 1 va);
  pose proof (demo_idx_range 2 va); pose proof (demo_idx_range 3 va);
  repeat (progress (eval_closed; cbv beta iota zeta; demo_code_rw va Hva rng)).
