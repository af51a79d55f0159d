(** Undefined behaviour and poison as LLVM 14 defines them (each fact below has a negative twin in
    neg/N_ub_*.patch stating the earlier, wrong behaviour, which coqc must reject). *)
From Coq Require Import ZArith List.
From AutoV Require Import Syntax Ints Values Eval Build.
Local Open Scope Z_scope.

(** A poison dividend: UB when the divisor makes the division undefined for some dividend. *)
Lemma udiv_poison_by_zero : binop_val Oudiv nofl Vpoison (Vint 32 0) = None.
Proof. reflexivity. Qed.
Lemma urem_poison_by_zero : binop_val Ourem nofl Vpoison (Vint 32 0) = None.
Proof. reflexivity. Qed.
Lemma sdiv_poison_by_minus1 : binop_val Osdiv nofl Vpoison (Vint 32 (2 ^ 32 - 1)) = None.
Proof. reflexivity. Qed.
(** … and poison otherwise. *)
Lemma udiv_poison_by_two : binop_val Oudiv nofl Vpoison (Vint 32 2) = Some Vpoison.
Proof. reflexivity. Qed.

(** Pointers into different objects compare through [ptrtoint]: with no integer for an object
    (the layer's [p2i] gives none) only equality with null is defined. *)
Definition g1 : ident := 1%positive.
Definition g2 : ident := 2%positive.
Lemma ptr_eq_objects_undefined :
  icmp_val no_ptr2int Ceq (Vptr (Ptr (Bglob g1) 0)) (Vptr (Ptr (Bglob g2) 0)) = None.
Proof. reflexivity. Qed.
Lemma ptr_ne_null : icmp_val no_ptr2int Cne (Vptr (Ptr (Bglob g1) 8)) Vnull = Some Vtrue.
Proof. reflexivity. Qed.
Lemma ptr_ult_objects_undefined :
  icmp_val no_ptr2int Cult (Vptr (Ptr (Bglob g1) 0)) (Vptr (Ptr (Bglob g2) 0)) = None.
Proof. reflexivity. Qed.

(** With a [p2i], [icmp] on pointers of different blocks is [icmp] on their [ptrtoint]s. *)
Lemma icmp_ptr_is_icmp_ptrtoint : forall p2i p b1 o1 b2 o2 x y,
  block_eqb b1 b2 = false ->
  ptr_int p2i (Ptr b1 o1) = Some x -> ptr_int p2i (Ptr b2 o2) = Some y ->
  icmp_val p2i p (Vptr (Ptr b1 o1)) (Vptr (Ptr b2 o2)) = Some (Vbool (icmp_int p 64 x y)).
Proof. intros. cbn [icmp_val]. unfold icmp_ptr. rewrite H, H0, H1. reflexivity. Qed.
Definition p2i_aliased (p : ptr) : option Z :=
  match p with Ptr (Bglob _) o => Some (4096 + o) | _ => None end.
Lemma ptr_eq_same_address :
  icmp_val p2i_aliased Ceq (Vptr (Ptr (Bglob g1) 0)) (Vptr (Ptr (Bglob g2) 0)) = Some Vtrue.
Proof. reflexivity. Qed.

(** [getelementptr inbounds] leaving its object is poison; plain [getelementptr] is not. *)
Lemma gep_inbounds_negative :
  ptradd_inb_val (Vptr (Ptr (Bglob g1) 0)) (Vint 64 (2 ^ 64 - 8)) = Some Vpoison.
Proof. reflexivity. Qed.
Lemma gep_inbounds_wraps :
  ptradd_inb_val (Vptr (Ptr Babs (2 ^ 64 - 8))) (Vint 64 16) = Some Vpoison.
Proof. reflexivity. Qed.
Lemma gep_plain_negative :
  ptradd_val (Vptr (Ptr (Bglob g1) 0)) (Vint 64 (2 ^ 64 - 8)) = Some (Vptr (Ptr (Bglob g1) (-8))).
Proof. reflexivity. Qed.
Lemma gep_inbounds_inside :
  ptradd_inb_val (Vptr (Ptr (Bglob g1) 0)) (Vint 64 16) = Some (Vptr (Ptr (Bglob g1) 16)).
Proof. reflexivity. Qed.

(** An [i1] access touches one byte. *)
Lemma i1_access_one_byte : int_bytes 1 = 1.
Proof. reflexivity. Qed.
Lemma i8_access_one_byte : int_bytes 8 = 1 /\ int_bytes 64 = 8.
Proof. split; reflexivity. Qed.
