(** * Spec vocabulary shared with the configuration language. *)

From Coq Require Import ZArith List Bool Lia.
From AutoV Require Import Syntax Ints Values.
Import ListNotations.
Local Open Scope Z_scope.

(** ** Maps from [Z]: total functions with a default (extensional equality
    is not needed by the generated proofs: refinement relations compare
    maps pointwise or by construction). *)
Module ZMap.
  Definition t (A : Type) := Z -> A.
  Definition init {A} (d : A) : t A := fun _ => d.
  Definition get {A} (k : Z) (m : t A) : A := m k.
  Definition set {A} (k : Z) (v : A) (m : t A) : t A :=
    fun k' => if Z.eqb k' k then v else m k'.

  Global Arguments get : simpl never.
  Global Arguments set : simpl never.

  Lemma gss : forall A k v (m : t A), get k (set k v m) = v.
  Proof. intros; unfold get, set; rewrite Z.eqb_refl; auto. Qed.
  Lemma gso : forall A k k' v (m : t A), k' <> k -> get k' (set k v m) = get k' m.
  Proof. intros; unfold get, set; rewrite (proj2 (Z.eqb_neq _ _) H); auto. Qed.
  Lemma gsspec : forall A k k' v (m : t A),
    get k' (set k v m) = if Z.eqb k' k then v else get k' m.
  Proof. auto. Qed.
  Lemma gi : forall A (d : A) k, get k (init d) = d.
  Proof. auto. Qed.
End ZMap.

(** A map written at keys [0 .. n-1] in order, key [k] with [g k] (a boot-time table built by a
    [Fixpoint] over [n]): below [n] it reads [g]. *)
Lemma zmap_upto_get : forall A (f : nat -> ZMap.t A) (g : Z -> A),
  (forall k, f (S k) = ZMap.set (Z.of_nat k) (g (Z.of_nat k)) (f k)) ->
  forall n j, 0 <= j < Z.of_nat n -> ZMap.get j (f n) = g j.
Proof.
  intros A f g Hf n. induction n as [|n IH]; intros j Hj; [lia|].
  rewrite Hf, ZMap.gsspec. destruct (Z.eqb_spec j (Z.of_nat n)) as [->|Hne]; [reflexivity|].
  apply IH. lia.
Qed.

(** [m @ k] reads, [m # k == v] writes. *)
Notation "m @ k" := (ZMap.get k m) (at level 25, left associativity) : Z_scope.
Notation "m # k == v" := (ZMap.set k v m)
  (at level 66, k at level 50, v at level 50, left associativity) : Z_scope.

(** ** Option monad *)
Notation "'when' x '==' e ';' r" :=
  (match e with Some x => r | None => None end)
  (at level 200, x name, e at level 100, r at level 200, only parsing).
Notation "'when' x ',' y '==' e ';' r" :=
  (match e with Some (x, y) => r | None => None end)
  (at level 200, x name, y name, e at level 100, r at level 200, only parsing).
Notation "'when' x ',' y ',' z '==' e ';' r" :=
  (match e with Some (x, y, z) => r | None => None end)
  (at level 200, x name, y name, z name, e at level 100, r at level 200, only parsing).

(** [rely b; r]: [None] unless the boolean condition holds. *)
Definition rely_ {A} (b : bool) (r : option A) : option A := if b then r else None.
Notation "'rely' b ';' r" := (if b then r else None)
  (at level 200, b at level 100, r at level 200, only parsing).

(** [anno P; r]: an annotation (proved in refinement proofs), the identity. *)
Definition annot {A} (P : Prop) (r : A) : A := r.
Notation "'anno' P ';' r" := (annot P r) (at level 200, P at level 100, r at level 200, only parsing).

(** ** Pointers *)
Definition ptr_offset (p : ptr) (z : Z) : ptr := Ptr (pbase p) (poffset p + z).
Definition gptr (g : ident) (o : Z) : ptr := Ptr (Bglob g) o.

(** ** Record field update.  Generated [DataTypes.v] files define, for each
    record [R] with fields [f1 .. fn], [update_R_fi] and the notation
    [r .[fi] :< v]; this is the pattern (level 1, as in the config language): *)
Reserved Notation "a '.[' f ']' ':<' b" (at level 1, f at level 0).

(** ** Marshalling between [Z]-typed specs and values *)
Definition ret_int (w : Z) {S} (r : option (Z * S)) : option (option val * S) :=
  match r with Some (z, s) => Some (Some (Vint w (wrap w z)), s) | None => None end.
Definition ret_void {S} (r : option S) : option (option val * S) :=
  match r with Some s => Some (None, s) | None => None end.
