(** Test layer for the csmith differential tests (crates/ir2coq/tests/csmith.rs): a byte-addressed
    memory, so that the code of arbitrary C — structs, unions, bitfields read through wider or
    narrower integers, byte copies — runs as on hardware (x86-64, little-endian). Each byte is a
    number or the k-th byte of a pointer (pointers are stored as 8 fragments and read back whole);
    a byte never written is absent: an integer load reads it as 0 if another byte of the load is
    written (padding), else the load is undefined; a pointer load needs all 8 bytes. [alloca]
    hands out fresh stack blocks. [ptrtoint] gives every object a distinct address (equality of
    pointers into different objects is decided, as csmith programs need). No floats.
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

(** Bytes [o, o+n) of block [b], absent ones as [None]. *)
Fixpoint read_opt (m : bmap) (b : block) (o : Z) (n : nat) : list (option mbyte) :=
  match n with O => [] | S n' => get_byte m b o :: read_opt m b (o + 1) n' end.

(** The bytes of an integer load when some are written and some never were: the missing ones read
    as 0. That is where padding is read, e.g. at -O0 a [{i16, i32}] struct returned by value is
    reloaded from memory as [i64]; LLVM gives undef bits there and 0 is one of undef's values. A
    load that finds no byte of its range written stays undefined (an uninitialised variable, or
    a read outside every object: this layer does not track object bounds). *)
Definition partial_bytes (m : bmap) (b : block) (o : Z) (n : nat) : option (list mbyte) :=
  let xs := read_opt m b o n in
  if existsb (fun x => match x with Some _ => true | None => false end) xs
  then Some (map (fun x => match x with Some y => y | None => MB 0 end) xs)
  else None.

(** x86-64 (LLVM 14's DataLayout): integers align to 1, 2, 4 or 8 bytes by width, pointers to
    8; a non-packed struct aligns each field and rounds its size up to its largest alignment. *)
Fixpoint talign (t : typ) : Z :=
  match t with
  | Tint w => if w <=? 8 then 1 else if w <=? 16 then 2 else if w <=? 32 then 4 else 8
  | Tptr => 8
  | Tarray _ t1 => talign t1
  | Tstruct true _ => 1
  | Tstruct false ts => (fix go (ts : list typ) : Z :=
                           match ts with [] => 1 | t1 :: ts' => Z.max (talign t1) (go ts') end) ts
  | _ => 1
  end.

Definition align_up (o a : Z) : Z := (o + a - 1) / a * a.

(** Allocation size: the store size rounded up to the alignment. *)
Fixpoint tsize (t : typ) : Z :=
  match t with
  | Tint w => align_up (nbytes w) (talign t)
  | Tptr => 8
  | Tarray n t1 => n * tsize t1
  | Tstruct pk ts =>
      let end_ := (fix go (ts : list typ) (o : Z) : Z :=
                     match ts with
                     | [] => o
                     | t1 :: ts' => go ts' ((if pk then o else align_up o (talign t1)) + tsize t1)
                     end) ts 0 in
      align_up end_ (talign t)
  | _ => 0
  end.

Definition padd (p : ptr) (o : Z) : ptr := Ptr (pbase p) (poffset p + o).

Fixpoint all_some {A} (xs : list (option A)) : option (list A) :=
  match xs with
  | [] => Some []
  | Some x :: xs' => option_map (cons x) (all_some xs')
  | None :: _ => None
  end.

(** Aggregates (at -O0 a struct returned by value is reloaded as [{i64, i64}]) are read and
    written field by field. *)
Fixpoint bload (t : typ) (p : ptr) (m : BMem) {struct t} : option val :=
  match t with
  | Tint w =>
      match partial_bytes (mem m) (pbase p) (poffset p) (Z.to_nat (nbytes w)) with
      | Some xs => match bytes_to_int xs with Some z => Some (Vint w (z mod 2 ^ w)) | None => None end
      | None => None
      end
  | Tptr =>
      match get_bytes (mem m) (pbase p) (poffset p) 8 with
      | Some xs => option_map Vptr (as_ptr xs)
      | None => None
      end
  | Tstruct pk ts =>
      let fix go (ts : list typ) (o : Z) : list (option val) :=
        match ts with
        | [] => []
        | t1 :: ts' =>
            let o1 := if pk then o else align_up o (talign t1) in
            bload t1 (padd p o1) m :: go ts' (o1 + tsize t1)
        end in
      option_map Vagg (all_some (go ts 0))
  | Tarray n t1 =>
      option_map Vagg (all_some (map (fun i => bload t1 (padd p (Z.of_nat i * tsize t1)) m)
                                     (seq 0 (Z.to_nat n))))
  | _ => None
  end.

Fixpoint bstore (t : typ) (p : ptr) (v : val) (m : BMem) {struct t} : option BMem :=
  let put xs := option_map (fun mm => mkBMem mm (nextb m)) (put_bytes (mem m) (pbase p) (poffset p) (map Some xs)) in
  match t, v with
  | Tint w, Vint _ z => put (int_to_bytes (z mod 2 ^ w) (Z.to_nat (nbytes w)))
  | Tptr, Vptr (Ptr Babs z) => put (int_to_bytes (z mod 2 ^ 64) 8)
  | Tptr, Vptr q => put (ptr_frags q 0 8)
  | Tstruct pk ts, Vagg vs =>
      let fix go (ts : list typ) (vs : list val) (o : Z) (m : BMem) : option BMem :=
        match ts, vs with
        | [], [] => Some m
        | t1 :: ts', v1 :: vs' =>
            let o1 := if pk then o else align_up o (talign t1) in
            match bstore t1 (padd p o1) v1 m with Some m1 => go ts' vs' (o1 + tsize t1) m1 | None => None end
        | _, _ => None
        end in
      go ts vs 0 m
  | Tarray n t1, Vagg vs =>
      let fix go (vs : list val) (o : Z) (m : BMem) : option BMem :=
        match vs with
        | [] => Some m
        | v1 :: vs' => match bstore t1 (padd p o) v1 m with Some m1 => go vs' (o + tsize t1) m1 | None => None end
        end in
      if Z.of_nat (length vs) =? n then go vs 0 m else None
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

(** [prim_memcpy] copies [n] bytes (absent bytes stay absent), reading all before writing
    (memmove). *)
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

(** [llvm.assume(c)]: nothing when [c] is true; undefined when false (immediate UB in LLVM). *)
Definition prim_assume (vs : list val) (m : BMem) : option (option val * BMem) :=
  match vs with [Vint 1 1] => Some (None, m) | _ => None end.

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

(** Checks of the layout rules and of aggregate access, by computation. *)
Example struct_size_with_padding : tsize (Tstruct false [Tint 16; Tint 32; Tint 16; Tint 32]) = 16 := eq_refl.
Example i24_occupies_4_bytes : tsize (Tint 24) = 4 := eq_refl.
Example struct_stored_reloaded_as_i64 :
  match bstore (Tstruct false [Tint 16; Tint 32]) (Ptr Babs 0) (Vagg [Vint 16 5; Vint 32 7]) (mkBMem (PositiveMap.empty _) 0) with
  | Some m => bload (Tstruct false [Tint 64]) (Ptr Babs 0) m = Some (Vagg [Vint 64 (5 + 7 * 2 ^ 32)])
  | None => False
  end := eq_refl.
Example array_stored_reloaded_as_i16 :
  match bstore (Tarray 2 (Tint 8)) (Ptr Babs 0) (Vagg [Vint 8 1; Vint 8 2]) (mkBMem (PositiveMap.empty _) 0) with
  | Some m => bload (Tint 16) (Ptr Babs 0) m = Some (Vint 16 513)
  | None => False
  end := eq_refl.
Example unwritten_load_is_undefined : bload (Tint 32) (Ptr Babs 0) (mkBMem (PositiveMap.empty _) 0) = None := eq_refl.
Example assume_false_is_undefined : prim_assume [Vint 1 0] (mkBMem (PositiveMap.empty _) 0) = None := eq_refl.
