(** The certificate tactics of [Tactics/Synth.v] on the goals of a page-table load (issue 12):
    a synthesised spec keeps the [inbounds] test and drops the memory model's alignment test and
    the wraps of the table offset; its certificate decides those from the path conditions.
    Each positive goal is followed by a variant that is false, or not provable from what the
    tactic is given, which it must not prove. *)
From Coq Require Import ZArith Lia Bool.
From AutoV Require Import All Build GenTactics Synth.
Local Open Scope Z_scope.

(* The alignment test of an 8-byte load at [t * 4096 + i * 8], through both wraps: decided by
   divisibility, on the fast path (no [nia]). *)
Lemma load_aligned : forall t i,
  in_urange 64 t = true -> in_urange 32 i = true ->
  ((0 <=? iadd 64 (imul 64 t 4096) (i * 8)) && (iadd 64 (imul 64 t 4096) (i * 8) mod 8 =? 0))
  = true.
Proof. intros. synth_bsolve_fast. Qed.

(* 16 does not divide [i * 8]. *)
Goal forall t i, iadd 64 (imul 64 t 4096) (i * 8) mod 16 = 0.
Proof. intros. Fail synth_mod_zero. Abort.

(* The table offset without its wraps, from the path conditions of the load: the [nsw] tests of
   the product and the sum, the [inbounds] test, and the bounds check of the table's object. *)
Lemma offset_unwrapped : forall t y,
  in_urange 64 t = true -> 0 <= y <= 4088 ->
  negb (in_srange 64 (signed 64 t * 4096)) = false ->
  ((0 <=? signed 64 (iadd 64 (imul 64 t 4096) y)) &&
   (signed 64 (iadd 64 (imul 64 t 4096) y) <? 2 ^ 63)) = true ->
  (iadd 64 (imul 64 t 4096) y + 8 <=? 8192) = true ->
  t * 4096 + y = iadd 64 (imul 64 t 4096) y.
Proof. intros. synth_path_lia. Qed.

(* Without the object's bounds check a wrapped offset can be small while the exact one is not
   (t = 2^64 - 1, y = 4096): the tactic must fail. *)
Goal forall t y,
  in_urange 64 t = true -> 0 <= y <= 8192 ->
  negb (in_srange 64 (signed 64 t * 4096)) = false ->
  t * 4096 + y = iadd 64 (imul 64 t 4096) y.
Proof. intros. Fail synth_path_lia. Abort.

(* A sign reinterpretation the [inbounds] test showed non-negative is the value itself. *)
Lemma signed_offset : forall t i,
  in_urange 64 t = true -> in_urange 32 i = true ->
  ((0 <=? signed 64 (iadd 64 (imul 64 t 4096) (i * 8))) &&
   (signed 64 (iadd 64 (imul 64 t 4096) (i * 8)) <? 2 ^ 63)) = true ->
  signed 64 (iadd 64 (imul 64 t 4096) (i * 8)) + 8 = iadd 64 (imul 64 t 4096) (i * 8) + 8.
Proof. intros. synth_signed. reflexivity. Qed.

(* Literal operations are evaluated (a level number inlined into a shift amount). *)
Goal forall v, ilshr 64 v (iadd 32 (imul 32 3 4294967287) 39) = ilshr 64 v 12.
Proof. intros. synth_eval_lits. reflexivity. Qed.

(* A branch that pins a level to a literal: the certificate substitutes it on both sides, as
   synthesis did, and the low side's shift amount folds. *)
Goal forall v x, 0 <= v < 2 ^ 32 ->
  (if (0 =? wrap 32 v) || false then ilshr 64 x (iadd 32 (imul 32 v 4294967287) 39) else 0) =
  (if (0 =? wrap 32 v) || false then ilshr 64 x 39 else 0).
Proof. intros. synth_solve. Qed.

(* Level 1 shifts by 30, not 39. *)
Goal forall v x, 0 <= v < 2 ^ 32 ->
  (if (1 =? wrap 32 v) || false then ilshr 64 x (iadd 32 (imul 32 v 4294967287) 39) else 0) =
  (if (1 =? wrap 32 v) || false then ilshr 64 x 39 else 0).
Proof. intros. Fail synth_solve. Abort.

(* The same memory condition, indexed differently on the two sides: the second split reuses the
   first (arithmetic cannot see into a map read). *)
Goal forall (m : ZMap.t Z) i, 0 <= i < 512 ->
  (if ZMap.get ((i * 8) mod 4096 / 8) m =? 0 then 1 else 2) =
  (if ZMap.get i m =? 0 then 1 else 2).
Proof. intros. synth_solve. Qed.

(* For i = 600 the two reads differ. *)
Goal forall (m : ZMap.t Z) i, 0 <= i < 1024 ->
  (if ZMap.get ((i * 8) mod 4096 / 8) m =? 0 then 1 else 2) =
  (if ZMap.get i m =? 0 then 1 else 2).
Proof. intros. Fail synth_solve. Abort.

(* A sign reinterpretation of a value with no known range, through its wrapped value. *)
Goal forall v, (0 =? wrap 32 v) = true -> signed 32 v + 1 < 2 ^ 31.
Proof. intros. synth_path_lia. Qed.

Goal forall v, signed 32 v + 1 < 2 ^ 31.
Proof. intros. Fail synth_path_lia. Abort.

(* A condition comparing two wraps pins nothing, and taking it must terminate (an earlier
   [synth_pin] turned [wrap _ _ =? wrap _ _] around forever). *)
Goal forall a b, (if wrap 64 (a + 1) =? wrap 64 b then 1 else 1) = 1.
Proof. intros. synth_solve. Qed.

(* A memory-map access lowered to its abstract location (access lemmas of [Access/*.v]): a toy map
   with one array of 8-byte cells at offset 64, stride 16, 4 elements, over the state [m]. The
   low side reads through the map at a wrapped offset; [synth_access] rewrites it with the lemma
   once the offset and the bounds follow from the path. *)
Definition toy_load (sz : Z) (p : ptr) (m : ZMap.t Z) : option Z :=
  match pbase p with
  | Bglob 7%positive =>
      if (sz =? 8) && (64 <=? poffset p) && (poffset p <? 128) && ((poffset p - 64) mod 16 =? 0)
      then Some (ZMap.get ((poffset p - 64) / 16) m) else None
  | _ => None
  end.
Lemma toy_load_cell : forall i m, 0 <= i < 4 ->
  toy_load 8 (Ptr (Bglob 7%positive) (64 + 16 * i)) m = Some (ZMap.get i m).
Proof.
  intros i m H. unfold toy_load; cbn.
  replace (64 + 16 * i - 64) with (i * 16) by lia. rewrite Z.mod_mul, Z.div_mul by lia.
  rewrite (proj2 (Z.leb_le 64 (64 + 16 * i))), (proj2 (Z.ltb_lt (64 + 16 * i) 128)) by lia.
  reflexivity.
Qed.
#[local] Arguments toy_load : simpl never.

Goal forall m i, 0 <= i < 2 ^ 32 ->
  (if i <? 4 then Some (ZMap.get i m) else None) =
  (if i <? 4 then toy_load 8 (Ptr (Bglob 7%positive) (signed 64 (iadd 64 (imul 64 i 16) 64))) m
   else None).
Proof. intros. synth_hint (toy_load_cell i). synth_solve. Qed.

(* Index 4 is outside the array: the lemma does not apply, and the toy map says None. *)
Goal forall m i, 0 <= i < 2 ^ 32 ->
  (if i <? 5 then Some (ZMap.get i m) else None) =
  (if i <? 5 then toy_load 8 (Ptr (Bglob 7%positive) (signed 64 (iadd 64 (imul 64 i 16) 64))) m
   else None).
Proof. intros. synth_hint (toy_load_cell i). Fail synth_solve. Abort.

(* The sum of two masked values (an SMMU root entry's offset and its table's address) is below
   2^64, so its wrap goes: [synth_small] bounds each mask by its literal. Without the second
   mask's bound (a variable mask) the sum may wrap, and the rewrite must not happen. *)
Lemma masked_sum_small : forall a t,
  iadd 64 (iand 64 a 8184) (iand 64 t 281474976706560) = iand 64 a 8184 + iand 64 t 281474976706560.
Proof. intros. synth_small. reflexivity. Qed.

Goal forall a t m, iadd 64 (iand 64 a 8184) (iand 64 t m) = iand 64 a 8184 + iand 64 t m.
Proof. intros. synth_small. Fail reflexivity. Abort.
