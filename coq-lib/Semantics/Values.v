(** * Values, pointers, layers. *)

From Coq Require Import ZArith List.
From AutoV Require Import Syntax Ints.
Import ListNotations.
Local Open Scope Z_scope.

(** Memory blocks: a global (variable or function) by name, a stack
    allocation made by the layer, or [Babs], the block of plain integer
    addresses ([inttoptr z] is [Ptr Babs z]; null is [Ptr Babs 0]). *)
Inductive block : Type :=
  | Bglob (g : ident)
  | Bstack (n : Z)
  | Babs.

Definition block_eqb (a b : block) : bool :=
  match a, b with
  | Bglob g, Bglob g' => Pos.eqb g g'
  | Bstack n, Bstack n' => Z.eqb n n'
  | Babs, Babs => true
  | _, _ => false
  end.

Record ptr : Type := Ptr { pbase : block; poffset : Z }.

Inductive val : Type :=
  | Vint (w : Z) (z : Z)          (** [iN]; normalised: [0 <= z < 2^w] *)
  | Vptr (p : ptr)
  | Vfloat (k : fkind) (bits : Z)
  | Vagg (vs : list val)          (** struct or array *)
  | Vvec (vs : list val)          (** vector *)
  | Vpoison.

Definition Vnull : val := Vptr (Ptr Babs 0).
Definition Vbool (b : bool) : val := Vint 1 (b2z b).
Definition Vtrue : val := Vint 1 1.
Definition Vfalse : val := Vint 1 0.
Definition Vi32 (z : Z) : val := Vint 32 (wrap 32 z).
Definition Vi64 (z : Z) : val := Vint 64 (wrap 64 z).

(** Uninterpreted floating-point operations, supplied by the layer. *)
Inductive fop : Type :=
  | FObin (o : fbinop)
  | FOneg
  | FOcmp (c : fcmp)
  | FOcast (c : castop) (t : typ).

(** ** Layers

    A layer is an abstract state with memory operations on [(block, offset)]
    pointers, stack allocation, the meaning of [ptrtoint] for non-integer
    pointers, float operations, and primitives (a relation, so that "code
    over a layer" is itself a layer, see [Refine.Lcode]).
    Loads/stores receive the accessed type (its size is the number of bytes). *)
Record layer : Type := mklayer {
  lstate : Type;
  lload : typ -> ptr -> lstate -> option val;
  lstore : typ -> ptr -> val -> lstate -> option lstate;
  lalloc : Z -> lstate -> option (ptr * lstate);
  lptr2int : ptr -> option Z;
  lfloat : fop -> list val -> option val;
  lprim : ident -> list val -> lstate -> lstate -> option val -> Prop
}.

(** Primitive specifications in functional form, and the layer primitive
    relation they denote. *)
Definition primspec (S : Type) := list val -> S -> option (option val * S).

Fixpoint find_prim {S} (ps : list (ident * primspec S)) (f : ident) : option (primspec S) :=
  match ps with
  | [] => None
  | (g, p) :: ps' => if Pos.eqb f g then Some p else find_prim ps' f
  end.

Definition prims_rel {S} (ps : list (ident * primspec S)) :
  ident -> list val -> S -> S -> option val -> Prop :=
  fun f vs s s' r => exists p, find_prim ps f = Some p /\ p vs s = Some (r, s').

Definition no_float : fop -> list val -> option val := fun _ _ => None.
Definition no_ptr2int : ptr -> option Z := fun _ => None.
