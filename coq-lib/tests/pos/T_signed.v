(** [signed_lia] (Tactics/Tactics.v): the [nsw] tests of an [inbounds] GEP over a 32-bit
    slot index sign-extended to 64 bits never hold, decided by linear bounds over [signed]
    atoms; and the tactic proves nothing that is false (a product that does overflow). *)
From Coq Require Import ZArith Lia Bool.
From AutoV Require Import All Build GenTactics Synth.
Local Open Scope Z_scope.

(* the element offset of slot [vmid * 4 + vcpuid] of an array of 1808-byte elements *)
Lemma slot_mul_no_ovf : forall vmid vcpuid,
  in_urange 32 vmid = true -> in_urange 32 vcpuid = true ->
  ovf_mul fl_nsw 64 (isext 32 64 (iadd 32 (ishl 32 vmid 2) vcpuid)) 1808 = false.
Proof. intros. signed_lia. Qed.

(* … plus the array's offset in its object *)
Lemma slot_add_no_ovf : forall vmid vcpuid,
  in_urange 32 vmid = true -> in_urange 32 vcpuid = true ->
  negb (in_srange 64
          (signed 64 (imul 64 (isext 32 64 (iadd 32 (ishl 32 vmid 2) vcpuid)) 1808)
           + 33555568)) = false.
Proof. intros. signed_lia. Qed.

(* the signed value of an exact product is the product; of a sign extension, the narrower one *)
Lemma signed_slot : forall x, in_urange 32 x = true ->
  signed 64 (imul 64 (isext 32 64 x) 9056) = signed 32 x * 9056.
Proof.
  intros. rewrite signed_imul_exact by (signed_rw; signed_side).
  rewrite signed_isext by lia. reflexivity.
Qed.

(* the tactic is not a blanket: a product that can overflow 64 bits is not proved in range *)
Lemma big_product_may_ovf : forall x, in_urange 32 x = true ->
  ovf_mul fl_nsw 64 (isext 32 64 x) (2 ^ 40) = false -> True.
Proof. intros. exact I. Qed.
Goal ~ (forall x, in_urange 32 x = true ->
        ovf_mul fl_nsw 64 (isext 32 64 x) (2 ^ 40) = false).
Proof.
  intros H. specialize (H (2 ^ 31 - 1) eq_refl). vm_compute in H. discriminate H.
Qed.

(** [spec_cbn]: overflow tests over symbolic operands stay folded (the spec's and the code's
    keep one form); those without [nuw]/[nsw], and those over literals, are decided. *)
Goal forall x y, (if ovf_add nofl 32 x y then 1 else 2) = 2.
Proof. intros. spec_cbn. lazymatch goal with |- 2 = 2 => reflexivity end. Qed.
Goal (if ovf_mul fl_nsw 64 3 5 then 1 else 2) = 2.
Proof. spec_cbn. lazymatch goal with |- 2 = 2 => reflexivity end. Qed.
Goal (if ovf_add fl_nsw 8 100 100 then 1 else 2) = 1.
Proof. spec_cbn. lazymatch goal with |- 1 = 1 => reflexivity end. Qed.
Goal forall x, ovf_mul fl_nsw 64 (isext 32 64 x) 1808 = false ->
  (if ovf_mul fl_nsw 64 (isext 32 64 x) 1808 then 1 else 2) = 2.
Proof.
  intros x H. spec_cbn.
  lazymatch goal with |- (if ovf_mul fl_nsw 64 (isext 32 64 x) 1808 then 1 else 2) = 2 => idtac end.
  rewrite H. reflexivity.
Qed.

(** [drop_wraps] (in [zsolve]) drops the wrap of a sum with a negative constant's pattern that
    passed the modulus once: [add i32 %index, -47] is [index - 47] when [index >= 47]. *)
Goal forall a, 47 <= a < 2 ^ 32 -> iadd 32 a 4294967249 = a - 47.
Proof. intros. unfold iadd. drop_wraps. eval_pow2. lia. Qed.
