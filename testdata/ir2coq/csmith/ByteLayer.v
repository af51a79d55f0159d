(** Test layer for the csmith differential tests (crates/ir2coq/tests/csmith.rs): a byte-addressed
    memory, so that the code of arbitrary C — structs, unions, bitfields read through wider or
    narrower integers, byte copies — runs as on hardware (x86-64, little-endian). Each byte is a
    number or the k-th byte of a pointer (pointers are stored as 8 fragments and read back whole);
    a byte never written is absent and reading it is undefined. [alloca] hands out fresh stack
    blocks. [ptrtoint] gives every object a distinct address (equality of pointers into different
    objects is decided, as csmith programs need). No floats.
    Maps are binary tries ([PositiveMap]): memory per block, bytes per offset. *)
From AutoV Require Import All.
From Coq Require Import FMapPositive.
Local Open Scope Z_scope.

Inductive mbyte : Type :=
  | MB (z : Z)              (** a number, 0 <= z < 256 *)
  | MP (p : ptr) (k : Z).   (** byte k (0..7) of pointer p *)

Definition bmap := PositiveMap.t (PositiveMap.t mbyte).
Record BMem := mkBMem { mem : bmap; nextb : Z }.

Definition bkey (b : block) : positive :=
  match b with Bglob g => xO g | Bstack n => xI (Z.to_pos (n + 1)) | Babs => xH end.
Definition okey (o : Z) : option positive := if o <? 0 then None else Some (Z.to_pos (o + 1)).

Definition get_byte (m : bmap) (b : block) (o : Z) : option mbyte :=
  match okey o, PositiveMap.find (bkey b) m with
  | Some k, Some bm => PositiveMap.find k bm
  | _, _ => None
  end.

(** Set ([Some x]) or clear ([None]) a byte. *)
Definition put_byte (m : bmap) (b : block) (o : Z) (x : option mbyte) : option bmap :=
  match okey o with
  | None => None
  | Some k =>
      let bm := match PositiveMap.find (bkey b) m with Some bm => bm | None => PositiveMap.empty _ end in
      let bm' := match x with Some x => PositiveMap.add k x bm | None => PositiveMap.remove k bm end in
      Some (PositiveMap.add (bkey b) bm' m)
  end.

Definition nbytes (w : Z) : Z := (w + 7) / 8.

(** Bytes [o, o+n) of block [b], in address order. *)
Fixpoint get_bytes (m : bmap) (b : block) (o : Z) (n : nat) : option (list mbyte) :=
  match n with
  | O => Some []
  | S n' =>
      match get_byte m b o, get_bytes m b (o + 1) n' with
      | Some x, Some xs => Some (x :: xs)
      | _, _ => None
      end
  end.

Fixpoint put_bytes (m : bmap) (b : block) (o : Z) (xs : list (option mbyte)) : option bmap :=
  match xs with
  | [] => Some m
  | x :: xs' => match put_byte m b o x with Some m' => put_bytes m' b (o + 1) xs' | None => None end
  end.

(** Little-endian bytes of an integer. *)
Fixpoint int_to_bytes (z : Z) (n : nat) : list mbyte :=
  match n with O => [] | S n' => MB (z mod 256) :: int_to_bytes (z / 256) n' end.

Fixpoint bytes_to_int (xs : list mbyte) : option Z :=
  match xs with
  | [] => Some 0
  | MB z :: xs' => option_map (fun r => z + 256 * r) (bytes_to_int xs')
  | MP _ _ :: _ => None
  end.

Fixpoint ptr_frags (p : ptr) (k : Z) (n : nat) : list mbyte :=
  match n with O => [] | S n' => MP p k :: ptr_frags p (k + 1) n' end.

Definition mbyte_eqb (a b : mbyte) : bool :=
  match a, b with
  | MB x, MB y => Z.eqb x y
  | MP p k, MP q j => block_eqb (pbase p) (pbase q) && Z.eqb (poffset p) (poffset q) && Z.eqb k j
  | _, _ => false
  end.

Fixpoint list_eqb (xs ys : list mbyte) : bool :=
  match xs, ys with
  | [], [] => true
  | x :: xs', y :: ys' => mbyte_eqb x y && list_eqb xs' ys'
  | _, _ => false
  end.

Definition as_ptr (xs : list mbyte) : option ptr :=
  match xs with
  | MP p 0 :: _ => if list_eqb xs (ptr_frags p 0 8) then Some p else None
  | _ => match bytes_to_int xs with Some z => Some (Ptr Babs z) | None => None end
  end.

Definition bload (t : typ) (p : ptr) (m : BMem) : option val :=
  match t with
  | Tint w =>
      match get_bytes (mem m) (pbase p) (poffset p) (Z.to_nat (nbytes w)) with
      | Some xs => match bytes_to_int xs with Some z => Some (Vint w (z mod 2 ^ w)) | None => None end
      | None => None
      end
  | Tptr =>
      match get_bytes (mem m) (pbase p) (poffset p) 8 with
      | Some xs => option_map Vptr (as_ptr xs)
      | None => None
      end
  | _ => None
  end.

Definition bstore (t : typ) (p : ptr) (v : val) (m : BMem) : option BMem :=
  let put xs := option_map (fun mm => mkBMem mm (nextb m)) (put_bytes (mem m) (pbase p) (poffset p) (map Some xs)) in
  match t, v with
  | Tint w, Vint _ z => put (int_to_bytes (z mod 2 ^ w) (Z.to_nat (nbytes w)))
  | Tptr, Vptr (Ptr Babs z) => put (int_to_bytes (z mod 2 ^ 64) 8)
  | Tptr, Vptr q => put (ptr_frags q 0 8)
  | _, _ => None
  end.

Definition balloc (n : Z) (m : BMem) : option (ptr * BMem) :=
  Some (Ptr (Bstack (nextb m)) 0, mkBMem (mem m) (nextb m + 1)).

(** Distinct addresses for distinct objects (2^32 bytes apart): equality of pointers into
    different objects is false, as in C. *)
Definition bptr2int (p : ptr) : option Z :=
  match p with
  | Ptr (Bglob g) o => Some (Zpos g * 2 ^ 32 + o)
  | Ptr (Bstack n) o => Some (2 ^ 62 + n * 2 ^ 32 + o)
  | Ptr Babs z => Some z
  end.

Definition BL : layer := {|
  lstate := BMem;
  lload := bload;
  lstore := bstore;
  lalloc := balloc;
  lptr2int := bptr2int;
  lfloat := no_float;
  lprim := fun _ _ _ _ _ => False
|}.

(** ** Executable primitives *)
Definition xprim := ident -> list val -> BMem -> option (option val * BMem).

(** Copy [n] bytes (absent bytes stay absent), reading all before writing (memmove). *)
Fixpoint read_opt (m : bmap) (b : block) (o : Z) (n : nat) : list (option mbyte) :=
  match n with O => [] | S n' => get_byte m b o :: read_opt m b (o + 1) n' end.

Definition prim_memcpy (vs : list val) (m : BMem) : option (option val * BMem) :=
  match vs with
  | Vptr d :: Vptr s :: Vint _ n :: _ =>
      let xs := read_opt (mem m) (pbase s) (poffset s) (Z.to_nat n) in
      match put_bytes (mem m) (pbase d) (poffset d) xs with
      | Some mm => Some (None, mkBMem mm (nextb m))
      | None => None
      end
  | _ => None
  end.

Definition prim_memset (vs : list val) (m : BMem) : option (option val * BMem) :=
  match vs with
  | Vptr d :: Vint _ c :: Vint _ n :: _ =>
      match put_bytes (mem m) (pbase d) (poffset d) (repeat (Some (MB (c mod 256))) (Z.to_nat n)) with
      | Some mm => Some (None, mkBMem mm (nextb m))
      | None => None
      end
  | _ => None
  end.

Definition signed_of (w z : Z) : Z := if z <? 2 ^ (w - 1) then z else z - 2 ^ w.
Definition norm (w z : Z) : val := Vint w (z mod 2 ^ w).

Definition prim_bin (op : Z -> Z -> Z -> option Z) (vs : list val) : option val :=
  match vs with
  | Vint w a :: Vint w' b :: _ => if Z.eqb w w' then option_map (norm w) (op w a b) else None
  | _ => None
  end.

Definition prim_umin := prim_bin (fun _ a b => Some (Z.min a b)).
Definition prim_umax := prim_bin (fun _ a b => Some (Z.max a b)).
Definition prim_smin := prim_bin (fun w a b => Some (Z.min (signed_of w a) (signed_of w b))).
Definition prim_smax := prim_bin (fun w a b => Some (Z.max (signed_of w a) (signed_of w b))).
(** [llvm.abs(x, is_int_min_poison)]: with the flag, abs of INT_MIN is poison (undefined here). *)
Definition prim_abs (vs : list val) : option val :=
  match vs with
  | [Vint w a; Vint _ f] =>
      if (f =? 1) && (a =? 2 ^ (w - 1)) then None else Some (norm w (Z.abs (signed_of w a)))
  | _ => None
  end.

Definition prim_fsh (left : bool) (vs : list val) : option val :=
  match vs with
  | [Vint w a; Vint _ b; Vint _ c] =>
      let s := c mod w in
      let cat := a * 2 ^ w + b in
      Some (norm w (if left then cat * 2 ^ s / 2 ^ w else cat / 2 ^ s))
  | _ => None
  end.

Definition lift (r : option val) (m : BMem) : option (option val * BMem) :=
  option_map (fun v => (Some v, m)) r.

(** Initial memory: each cell stores a constant of a scalar type at a pointer. *)
Fixpoint init_mem (cells : list (ptr * typ * const)) (m : BMem) : option BMem :=
  match cells with
  | [] => Some m
  | (p, t, c) :: cs =>
      match eval_const bptr2int no_float c with
      | Some v => match bstore t p v m with Some m' => init_mem cs m' | None => None end
      | None => None
      end
  end.

Definition empty : BMem := mkBMem (PositiveMap.empty _) 0.

(** Run [f] with [fuel]: [Some (Some v)] is the returned value, [None] no result (undefined in
    the model, or out of fuel). *)
Definition run (fuel : nat) (c : code) (xp : xprim) (cells : list (ptr * typ * const)) (f : ident)
  : option (option val) :=
  match init_mem cells empty with
  | Some m => option_map fst (run_func BL c xp fuel f [] m)
  | None => None
  end.
