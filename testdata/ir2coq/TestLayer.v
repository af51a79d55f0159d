(** Test layer for the ir2coq differential tests: memory is a list of cells, each holding the value
    last stored at exactly that pointer (enough for well-typed -O1 code that reads fields and array
    elements back at the addresses it wrote them); [alloca] hands out fresh stack blocks; no
    primitives, no floats. *)
From AutoV Require Import All.
Local Open Scope Z_scope.

Record TMem := mkTMem { cells : list (ptr * val); next : Z }.

Definition ptr_eqb (p q : ptr) : bool :=
  block_eqb (pbase p) (pbase q) && Z.eqb (poffset p) (poffset q).

Fixpoint lookup (p : ptr) (l : list (ptr * val)) : option val :=
  match l with
  | [] => None
  | (q, v) :: l' => if ptr_eqb p q then Some v else lookup p l'
  end.

Definition TL : layer := {|
  lstate := TMem;
  lload := fun _ p m => lookup p (cells m);
  lstore := fun _ p v m => Some (mkTMem ((p, v) :: cells m) (next m));
  lalloc := fun _ m => Some (Ptr (Bstack (next m)) 0, mkTMem (cells m) (next m + 1));
  lptr2int := no_ptr2int;
  lfloat := no_float;
  lprim := fun _ _ _ _ _ => False
|}.

(** Executable primitives: the LLVM intrinsics the test programs use (integers only). *)
Definition xprim := ident -> list val -> TMem -> option (option val * TMem).

Definition signed_of (w z : Z) : Z := if z <? 2 ^ (w - 1) then z else z - 2 ^ w.
Definition norm (w z : Z) : val := Vint w (z mod 2 ^ w).

Definition prim_bin (op : Z -> Z -> Z -> option Z) (vs : list val) : option val :=
  match vs with
  | [Vint w a; Vint w' b] => if Z.eqb w w' then option_map (norm w) (op w a b) else None
  | Vint w a :: Vint w' b :: _ :: [] => if Z.eqb w w' then option_map (norm w) (op w a b) else None
  | _ => None
  end.

Definition prim_umin := prim_bin (fun _ a b => Some (Z.min a b)).
Definition prim_umax := prim_bin (fun _ a b => Some (Z.max a b)).
Definition prim_smin := prim_bin (fun w a b => Some (Z.min (signed_of w a) (signed_of w b))).
Definition prim_smax := prim_bin (fun w a b => Some (Z.max (signed_of w a) (signed_of w b))).
Definition prim_abs := prim_bin (fun w a _ => Some (Z.abs (signed_of w a))).

Definition prim_fsh (left : bool) (vs : list val) : option val :=
  match vs with
  | [Vint w a; Vint _ b; Vint _ c] =>
      let s := c mod w in
      let cat := a * 2 ^ w + b in
      Some (norm w (if left then cat * 2 ^ s / 2 ^ w else cat / 2 ^ s))
  | _ => None
  end.

(** [llvm.memcpy(dst, src, n, _)] over cells: each cell of [src]'s block in [src, src + n) is copied
    to the same distance from [dst]. The copies go in front, so they shadow older cells (and a
    source address stored several times copies its latest value first). *)
Definition prim_memcpy (vs : list val) (m : TMem) : option (option val * TMem) :=
  match vs with
  | Vptr d :: Vptr s :: Vint _ n :: _ =>
      let copy '(q, v) :=
        if block_eqb (pbase q) (pbase s) && (poffset s <=? poffset q) && (poffset q <? poffset s + n)
        then [(Ptr (pbase d) (poffset d + (poffset q - poffset s)), v)] else [] in
      Some (None, mkTMem (flat_map copy (cells m) ++ cells m) (next m))
  | _ => None
  end.

(** [llvm.assume(c)]: nothing when [c] is true; undefined when false (immediate UB in LLVM). *)
Definition prim_assume (vs : list val) (m : TMem) : option (option val * TMem) :=
  match vs with [Vint 1 1] => Some (None, m) | _ => None end.

Definition lift (r : option val) (m : TMem) : option (option val * TMem) :=
  option_map (fun v => (Some v, m)) r.

(** Fuel is a unary [nat]: building 2^22 of it costs half a second per [vm_compute] (and again at
    [Qed]), more than most test programs take to run. So small budgets are tried first: a run that
    ends within some fuel ends with the same result given more, so the first [Some] is the answer. *)
Definition run (c : code) (xp : xprim) (init : list (ptr * val)) (f : ident) (args : list val)
  : option (option val) :=
  let go n := option_map fst (run_func TL c xp (Nat.pow 2 n) f args (mkTMem init 0)) in
  match go 12%nat with
  | Some r => Some r
  | None => match go 17%nat with Some r => Some r | None => go 22%nat end
  end.
