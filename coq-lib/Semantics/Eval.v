(** * Evaluation of pure expressions. *)

From Coq Require Import ZArith List Bool.
From Coq Require String Ascii.
From AutoV Require Import Syntax Ints Values.
Import ListNotations.
Local Open Scope Z_scope.

(** Local environments. *)
Definition env := ident -> option val.
Definition env_empty : env := fun _ => None.
Definition env_set (x : ident) (v : val) (e : env) : env :=
  fun y => if Pos.eqb y x then Some v else e y.

Lemma env_set_same : forall x v e, env_set x v e x = Some v.
Proof. intros; unfold env_set; rewrite Pos.eqb_refl; auto. Qed.
Lemma env_set_other : forall x y v e, y <> x -> env_set x v e y = e y.
Proof. intros; unfold env_set; rewrite (proj2 (Pos.eqb_neq y x) H); auto. Qed.

Fixpoint zero_of (t : typ) : val :=
  match t with
  | Tint w => Vint w 0
  | Tptr => Vnull
  | Tfloat k => Vfloat k 0
  | Tarray n t => Vagg (repeat (zero_of t) (Z.to_nat n))
  | Tvector n t => Vvec (repeat (zero_of t) (Z.to_nat n))
  | Tstruct _ ts => Vagg (map zero_of ts)
  | _ => Vpoison
  end.

(** ** Integer operations with LLVM's poison/UB rules *)

Definition in_srange (w z : Z) : bool := (- 2 ^ (w - 1) <=? z) && (z <? 2 ^ (w - 1)).
Definition in_urange (w z : Z) : bool := (0 <=? z) && (z <? 2 ^ w).

Definition ovf_add (fl : flags) (w a b : Z) : bool :=
  (f_nuw fl && negb (in_urange w (wrap w a + wrap w b)))
  || (f_nsw fl && negb (in_srange w (signed w a + signed w b))).
Definition ovf_sub (fl : flags) (w a b : Z) : bool :=
  (f_nuw fl && negb (in_urange w (wrap w a - wrap w b)))
  || (f_nsw fl && negb (in_srange w (signed w a - signed w b))).
Definition ovf_mul (fl : flags) (w a b : Z) : bool :=
  (f_nuw fl && negb (in_urange w (wrap w a * wrap w b)))
  || (f_nsw fl && negb (in_srange w (signed w a * signed w b))).
Definition ovf_shl (fl : flags) (w a b : Z) : bool :=
  (f_nuw fl && negb (ilshr w (ishl w a b) b =? wrap w a))
  || (f_nsw fl && negb (iashr w (ishl w a b) b =? wrap w a)).
(** [sdiv]/[srem] overflow: [INT_MIN / -1]. *)
Definition sdiv_ovf (w a b : Z) : bool :=
  (signed w a =? min_signed w) && (signed w b =? -1).

Definition pz (c : bool) (w z : Z) : option val :=
  Some (if c then Vpoison else Vint w z).

Definition int_binop (op : binop) (fl : flags) (w a b : Z) : option val :=
  match op with
  | Oadd => pz (ovf_add fl w a b) w (iadd w a b)
  | Osub => pz (ovf_sub fl w a b) w (isub w a b)
  | Omul => pz (ovf_mul fl w a b) w (imul w a b)
  | Oudiv => if wrap w b =? 0 then None
             else pz (f_exact fl && negb (iurem w a b =? 0)) w (iudiv w a b)
  | Ourem => if wrap w b =? 0 then None else pz false w (iurem w a b)
  | Osdiv => if (wrap w b =? 0) || sdiv_ovf w a b then None
             else pz (f_exact fl && negb (isrem w a b =? 0)) w (isdiv w a b)
  | Osrem => if (wrap w b =? 0) || sdiv_ovf w a b then None else pz false w (isrem w a b)
  | Oshl => if w <=? wrap w b then Some Vpoison else pz (ovf_shl fl w a b) w (ishl w a b)
  | Olshr => if w <=? wrap w b then Some Vpoison
             else pz (f_exact fl && negb (wrap w a mod 2 ^ wrap w b =? 0)) w (ilshr w a b)
  | Oashr => if w <=? wrap w b then Some Vpoison
             else pz (f_exact fl && negb (wrap w a mod 2 ^ wrap w b =? 0)) w (iashr w a b)
  | Oand => pz false w (iand w a b)
  | Oor => pz false w (ior w a b)
  | Oxor => pz false w (ixor w a b)
  end.

(** Division-like operators make a poison divisor undefined behaviour. *)
Definition div_like (op : binop) : bool :=
  match op with Oudiv | Ourem | Osdiv | Osrem => true | _ => false end.

(** A divisor that makes the division undefined for some dividend: 0, and [-1] for signed
    division ([INT_MIN / -1]). With such a divisor a poison dividend is undefined behaviour (LLVM
    checks the divisor first: the poison could be the dividend that makes it immediate UB). *)
Definition div_ub_divisor (op : binop) (w y : Z) : bool :=
  match op with
  | Oudiv | Ourem => wrap w y =? 0
  | Osdiv | Osrem => (wrap w y =? 0) || (signed w y =? -1)
  | _ => false
  end.

Fixpoint map2_opt (f : val -> val -> option val) (l1 l2 : list val) : option (list val) :=
  match l1, l2 with
  | [], [] => Some []
  | a :: l1', b :: l2' =>
      match f a b, map2_opt f l1' l2' with
      | Some v, Some l => Some (v :: l)
      | _, _ => None
      end
  | _, _ => None
  end.

Fixpoint map_opt (f : val -> option val) (l : list val) : option (list val) :=
  match l with
  | [] => Some []
  | a :: l' =>
      match f a, map_opt f l' with
      | Some v, Some l => Some (v :: l)
      | _, _ => None
      end
  end.

Fixpoint binop_val (op : binop) (fl : flags) (a b : val) {struct a} : option val :=
  match a, b with
  | Vint w x, Vint w' y => if Z.eqb w w' then int_binop op fl w x y else None
  | Vvec xs, Vvec ys =>
      let fix go xs ys :=
        match xs, ys with
        | [], [] => Some []
        | x :: xs', y :: ys' =>
            match binop_val op fl x y, go xs' ys' with
            | Some v, Some l => Some (v :: l) | _, _ => None end
        | _, _ => None
        end in
      match go xs ys with Some l => Some (Vvec l) | None => None end
  | _, Vpoison => if div_like op then None else Some Vpoison
  | Vpoison, Vint w y => if div_ub_divisor op w y then None else Some Vpoison
  | Vpoison, _ => Some Vpoison
  | _, _ => None
  end.

Definition icmp_int (p : icmp) (w a b : Z) : bool :=
  match p with
  | Ceq => ieq w a b | Cne => negb (ieq w a b)
  | Cult => iult w a b | Cule => iule w a b
  | Cugt => iult w b a | Cuge => iule w b a
  | Cslt => islt w a b | Csle => isle w a b
  | Csgt => islt w b a | Csge => isle w b a
  end.

(** The integer a pointer converts to ([ptrtoint]): the address of a plain integer pointer, the
    layer's [p2i] for a pointer into an object. *)
Definition ptr_int (p2i : ptr -> option Z) (p : ptr) : option Z :=
  match p with
  | Ptr Babs o => Some (wrap 64 o)
  | _ => p2i p
  end.

(** Pointer comparison. Pointers into one block compare by offset. Pointers into different blocks
    compare as the integers [ptrtoint] gives (so [icmp] on pointers and [icmp] on their [ptrtoint]
    always agree); where the layer gives no integer for an object the comparison is undefined,
    except equality with null: no object is at address 0 (a layer whose [p2i] maps an object to 0
    is compared by the integers, consistently). *)
Definition icmp_ptr (p2i : ptr -> option Z) (p : icmp) (a b : ptr) : option val :=
  let '(Ptr b1 o1) := a in
  let '(Ptr b2 o2) := b in
  if block_eqb b1 b2 then Some (Vbool (icmp_int p 64 o1 o2))
  else match ptr_int p2i a, ptr_int p2i b with
       | Some x, Some y => Some (Vbool (icmp_int p 64 x y))
       | ox, oy =>
           let null_side := match ox, oy with Some 0, _ | _, Some 0 => true | _, _ => false end in
           match p with
           | Ceq => if null_side then Some Vfalse else None
           | Cne => if null_side then Some Vtrue else None
           | _ => None
           end
       end.

Fixpoint icmp_val (p2i : ptr -> option Z) (p : icmp) (a b : val) {struct a} : option val :=
  match a, b with
  | Vint w x, Vint w' y => if Z.eqb w w' then Some (Vbool (icmp_int p w x y)) else None
  | Vptr pa, Vptr pb => icmp_ptr p2i p pa pb
  | Vvec xs, Vvec ys =>
      let fix go xs ys :=
        match xs, ys with
        | [], [] => Some []
        | x :: xs', y :: ys' =>
            match icmp_val p2i p x y, go xs' ys' with
            | Some v, Some l => Some (v :: l) | _, _ => None end
        | _, _ => None
        end in
      match go xs ys with Some l => Some (Vvec l) | None => None end
  | Vpoison, _ | _, Vpoison => Some Vpoison
  | _, _ => None
  end.

(** Casts; [p2i]/[fl] are the layer's [ptrtoint] and float operations. *)
Fixpoint cast_val (p2i : ptr -> option Z) (fl : fop -> list val -> option val)
    (op : castop) (v : val) (t : typ) {struct v} : option val :=
  match v, t with
  | Vpoison, _ => Some Vpoison
  | Vvec xs, Tvector _ t' =>
      match op with
      | Kbitcast => None
      | _ =>
          let fix go xs :=
            match xs with
            | [] => Some []
            | x :: xs' =>
                match cast_val p2i fl op x t', go xs' with
                | Some v, Some l => Some (v :: l) | _, _ => None end
            end in
          match go xs with Some l => Some (Vvec l) | None => None end
      end
  | Vint w z, Tint w' =>
      match op with
      | Ktrunc => Some (Vint w' (itrunc w' z))
      | Kzext => Some (Vint w' (wrap w' (izext w z)))
      | Ksext => Some (Vint w' (isext w w' z))
      | Kbitcast => if Z.eqb w w' then Some (Vint w z) else None
      | _ => None
      end
  | Vptr (Ptr b o), Tint w' =>
      match op with
      | Kptrtoint =>
          match b with
          | Babs => Some (Vint w' (wrap w' o))
          | _ => match p2i (Ptr b o) with Some z => Some (Vint w' (wrap w' z)) | None => None end
          end
      | _ => None
      end
  | Vint w z, Tptr =>
      match op with
      | Kinttoptr => Some (Vptr (Ptr Babs (wrap w z)))
      | _ => None
      end
  | Vptr p, Tptr =>
      match op with Kbitcast | Kaddrspacecast => Some (Vptr p) | _ => None end
  | Vint w z, Tfloat k =>
      match op with
      | Kbitcast => Some (Vfloat k (wrap w z))
      | Kuitofp | Ksitofp => fl (FOcast op t) [v]
      | _ => None
      end
  | Vfloat k z, Tint w =>
      match op with
      | Kbitcast => Some (Vint w (wrap w z))
      | Kfptoui | Kfptosi => fl (FOcast op t) [v]
      | _ => None
      end
  | Vfloat k z, Tfloat k' =>
      match op with
      | Kfptrunc | Kfpext => fl (FOcast op t) [v]
      | Kbitcast => Some (Vfloat k' z)
      | _ => None
      end
  | _, _ => None
  end.

Definition truth (v : val) : option bool :=
  match v with
  | Vint w z => Some (negb (wrap w z =? 0))
  | _ => None
  end.

Fixpoint select_val (c a b : val) {struct c} : option val :=
  match c with
  | Vint _ _ => match truth c with Some true => Some a | Some false => Some b | None => None end
  | Vvec cs =>
      match a, b with
      | Vvec xs, Vvec ys =>
          let fix go cs xs ys :=
            match cs, xs, ys with
            | [], [], [] => Some []
            | c :: cs', x :: xs', y :: ys' =>
                match select_val c x y, go cs' xs' ys' with
                | Some v, Some l => Some (v :: l) | _, _ => None end
            | _, _, _ => None
            end in
          match go cs xs ys with Some l => Some (Vvec l) | None => None end
      | _, _ => None
      end
  | Vpoison => Some Vpoison
  | _ => None
  end.

Fixpoint nth_z {A} (l : list A) (i : Z) : option A :=
  match l with
  | [] => None
  | x :: l' => if Z.eqb i 0 then Some x else nth_z l' (i - 1)
  end.

Fixpoint set_nth_z {A} (l : list A) (i : Z) (v : A) : option (list A) :=
  match l with
  | [] => None
  | x :: l' => if Z.eqb i 0 then Some (v :: l')
               else match set_nth_z l' (i - 1) v with Some l'' => Some (x :: l'') | None => None end
  end.

Fixpoint extract_val (v : val) (idx : list Z) : option val :=
  match idx with
  | [] => Some v
  | i :: idx' =>
      match v with
      | Vagg vs => match nth_z vs i with Some v' => extract_val v' idx' | None => None end
      | Vpoison => Some Vpoison
      | _ => None
      end
  end.

Fixpoint insert_val (v x : val) (idx : list Z) : option val :=
  match idx with
  | [] => Some x
  | i :: idx' =>
      match v with
      | Vagg vs =>
          match nth_z vs i with
          | Some v' =>
              match insert_val v' x idx' with
              | Some v'' => match set_nth_z vs i v'' with Some l => Some (Vagg l) | None => None end
              | None => None
              end
          | None => None
          end
      | _ => None
      end
  end.

Definition lane_index (i : val) : option Z :=
  match i with Vint w z => Some (wrap w z) | _ => None end.

Definition shuffle_val (a b : val) (mask : list Z) : option val :=
  match a, b with
  | Vvec xs, Vvec ys =>
      let n := Z.of_nat (length xs) in
      match map_opt (fun m =>
          match m with
          | Vint _ m =>
              if m <? 0 then Some Vpoison
              else if m <? n then nth_z xs m else nth_z ys (m - n)
          | _ => None
          end) (map (fun m => Vint 64 m) mask) with
      | Some l => Some (Vvec l)
      | None => None
      end
  | _, _ => None
  end.

Definition ptradd_val (p off : val) : option val :=
  match p, off with
  | Vptr (Ptr Babs o), Vint w n => Some (Vptr (Ptr Babs (wrap 64 (o + n))))
  | Vptr (Ptr b o), Vint w n => Some (Vptr (Ptr b (o + signed w n)))
  | Vpoison, _ | Vptr _, Vpoison => Some Vpoison
  | _, _ => None
  end.

(** [getelementptr inbounds]: poison when the address leaves its object's address range: for a
    plain integer address when the signed offset takes it out of [0, 2^64) (the address wraps), for
    a pointer into an object when the offset becomes negative (every object starts at offset 0) or
    reaches 2^63. Past-the-end offsets within the object's size are the layer's business (its loads
    and stores check the object's bounds). The offset's own computation is [nsw] in the code. *)
Definition ptr_inbounds (p : ptr) (w n : Z) : bool :=
  match p with
  | Ptr Babs o => (0 <=? wrap 64 o + signed w n) && (wrap 64 o + signed w n <? 2 ^ 64)
  | Ptr _ o => (0 <=? o + signed w n) && (o + signed w n <? 2 ^ 63)
  end.

Definition ptradd_inb_val (p off : val) : option val :=
  match p, off with
  | Vptr q, Vint w n => if ptr_inbounds q w n then ptradd_val p off else Some Vpoison
  | Vpoison, _ | Vptr _, Vpoison => Some Vpoison
  | _, _ => None
  end.

(** ** Byte-string constants ([Cbytes]) *)

Definition byte_of_ascii (c : Ascii.ascii) : Z := Z.of_N (Ascii.N_of_ascii c).

(** Value of a lower-case hex digit. *)
Definition hex_digit (c : Ascii.ascii) : Z :=
  let n := byte_of_ascii c in if n <=? 57 then n - 48 else n - 87.

(** [\hh] is the byte [0xhh]; any other character is its own byte. *)
Fixpoint bytes_of_string (s : String.string) : list Z :=
  match s with
  | String.String c (String.String h1 (String.String h2 s') as t) =>
      if byte_of_ascii c =? 92 then hex_digit h1 * 16 + hex_digit h2 :: bytes_of_string s'
      else byte_of_ascii c :: bytes_of_string t
  | String.String c s' => byte_of_ascii c :: bytes_of_string s'
  | String.EmptyString => []
  end.

Definition bytes_of_chunks (l : list String.string) : list Z := flat_map bytes_of_string l.

Definition bytes_val (l : list String.string) : val :=
  Vagg (map (fun b => Vint 8 b) (bytes_of_chunks l)).

Section EVAL.
Variable p2i : ptr -> option Z.
Variable fl : fop -> list val -> option val.

(** Constants, including constant expressions (which may need the layer's [ptrtoint]). *)
Fixpoint eval_const (c : const) : option val :=
  match c with
  | Cint w z => Some (Vint w (wrap w z))
  | Cfloat k b => Some (Vfloat k b)
  | Cnull => Some Vnull
  | Cglobal g => Some (Vptr (Ptr (Bglob g) 0))
  | Cundef _ | Cpoison _ => Some Vpoison
  | Czero t => Some (zero_of t)
  | Cagg cs | Cvec cs =>
      let fix go cs :=
        match cs with
        | [] => Some []
        | k :: cs' =>
            match eval_const k, go cs' with Some v, Some l => Some (v :: l) | _, _ => None end
        end in
      match go cs with
      | Some l => Some (match c with Cvec _ => Vvec l | _ => Vagg l end)
      | None => None
      end
  | Cptradd c off =>
      match eval_const c with Some v => ptradd_val v (Vint 64 (wrap 64 off)) | None => None end
  | Ccast op c t =>
      match eval_const c with Some v => cast_val p2i fl op v t | None => None end
  | Cbinop op f a b =>
      match eval_const a, eval_const b with Some x, Some y => binop_val op f x y | _, _ => None end
  | Cicmp p a b =>
      match eval_const a, eval_const b with Some x, Some y => icmp_val p2i p x y | _, _ => None end
  | Cselect k a b =>
      match eval_const k, eval_const a, eval_const b with
      | Some x, Some y, Some z => select_val x y z
      | _, _, _ => None
      end
  | Cbytes l => Some (bytes_val l)
  end.

Variable e : env.

Fixpoint eval_expr (a : expr) : option val :=
  match a with
  | Evar x => e x
  | Econst c => eval_const c
  | Ebinop op f a1 a2 =>
      match eval_expr a1, eval_expr a2 with
      | Some v1, Some v2 => binop_val op f v1 v2
      | _, _ => None
      end
  | Efbinop op a1 a2 =>
      match eval_expr a1, eval_expr a2 with
      | Some Vpoison, Some _ | Some _, Some Vpoison => Some Vpoison
      | Some v1, Some v2 => fl (FObin op) [v1; v2]
      | _, _ => None
      end
  | Efneg a1 =>
      match eval_expr a1 with
      | Some Vpoison => Some Vpoison
      | Some v1 => fl FOneg [v1]
      | None => None
      end
  | Eicmp p a1 a2 =>
      match eval_expr a1, eval_expr a2 with
      | Some v1, Some v2 => icmp_val p2i p v1 v2
      | _, _ => None
      end
  | Efcmp p a1 a2 =>
      match eval_expr a1, eval_expr a2 with
      | Some Vpoison, Some _ | Some _, Some Vpoison => Some Vpoison
      | Some v1, Some v2 => fl (FOcmp p) [v1; v2]
      | _, _ => None
      end
  | Ecast op a1 t =>
      match eval_expr a1 with Some v => cast_val p2i fl op v t | None => None end
  | Eselect c a1 a2 =>
      match eval_expr c, eval_expr a1, eval_expr a2 with
      | Some vc, Some v1, Some v2 => select_val vc v1 v2
      | _, _, _ => None
      end
  | Efreeze a1 =>
      match eval_expr a1 with
      | Some Vpoison => None   (** conservative: a frozen poison has no behaviour *)
      | r => r
      end
  | Eextractvalue a1 idx =>
      match eval_expr a1 with Some v => extract_val v idx | None => None end
  | Einsertvalue a1 a2 idx =>
      match eval_expr a1, eval_expr a2 with
      | Some v, Some x => insert_val v x idx
      | _, _ => None
      end
  | Eextractelement a1 i =>
      match eval_expr a1, eval_expr i with
      | Some (Vvec vs), Some vi =>
          match lane_index vi with
          | Some k => match nth_z vs k with Some v => Some v | None => Some Vpoison end
          | None => Some Vpoison
          end
      | Some Vpoison, Some _ => Some Vpoison
      | _, _ => None
      end
  | Einsertelement a1 x i =>
      match eval_expr a1, eval_expr x, eval_expr i with
      | Some (Vvec vs), Some vx, Some vi =>
          match lane_index vi with
          | Some k => match set_nth_z vs k vx with Some l => Some (Vvec l) | None => Some Vpoison end
          | None => Some Vpoison
          end
      | _, _, _ => None
      end
  | Eshufflevector a1 a2 mask =>
      match eval_expr a1, eval_expr a2 with
      | Some v1, Some v2 => shuffle_val v1 v2 mask
      | _, _ => None
      end
  | Eptradd a1 a2 =>
      match eval_expr a1, eval_expr a2 with
      | Some v1, Some v2 => ptradd_val v1 v2
      | _, _ => None
      end
  | Eptradd_inb a1 a2 =>
      match eval_expr a1, eval_expr a2 with
      | Some v1, Some v2 => ptradd_inb_val v1 v2
      | _, _ => None
      end
  end.

Fixpoint eval_exprs (l : list expr) : option (list val) :=
  match l with
  | [] => Some []
  | a :: l' =>
      match eval_expr a, eval_exprs l' with
      | Some v, Some vs => Some (v :: vs)
      | _, _ => None
      end
  end.

End EVAL.
