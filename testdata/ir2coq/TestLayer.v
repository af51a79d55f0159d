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

Definition run (c : code) (f : ident) (args : list val) : option (option val) :=
  option_map fst (run_func TL c (fun _ _ _ => None) (Nat.pow 2 22) f args (mkTMem [] 0)).
