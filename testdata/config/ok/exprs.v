(* Every expression form, with the types the checker infers. *)
Definition PROJ_NAME := "Exprs".
Definition PROJ_BASE := "out".
Record P := mkP { px : Z; py : Q }.
Record Q := mkQ { qa : ZMap.t Z; qb : bool }.
Inductive Shape := | Dot | Box (w h : Z).

Definition arith (a b : Z) := (a * b / 2 mod 7 + a - b) & 255 |' (a << 3) >> 1.
Definition cmp (a b : Z) := (a =? b) || (a <>? b) && (a >? b) || (a >=? b) && (a <? b) || (a <=? b).
Definition strs (s : string) := s =s "x" || s <>s "y".
Definition props (a b : Z) : Prop := a = b /\ a <> b \/ a < b -> a <= b <-> a > b /\ a >= b.
Definition unary (a : Z) (b : bool) (p : Prop) : Prop := (- a) = 0 /\ (~ p) /\ (! b) = true.
Definition lists (l : list Z) := 1 :: 2 :: l ++ nil.
Definition quant : Prop := exists (x y : Z), forall z, x + z = y.
Definition maps (m : ZMap.t (ZMap.t Z)) := ((m @ 1) @ 2) + (((m # 1 == ((m @ 1) # 2 == 3)) @ 1) @ 2).
Definition recs (p : P) := p {px : p.(px) + 1} {py : p.(py) {qb : true}}.
Definition nested (p : P) := p.[py].[qa] :< (p.(py).(qa) # 0 == 1).
Definition lets (x : Z) := let y : Z := x + 1 in let (a, b) := (y, true) in if b then a else 0.
Definition opt (o : option (Z * Z * bool)) : option Z :=
  when a, b, c == o; rely c; Some (a + b).
Definition shapes (s : Shape) : Z := match s with | Dot => 0 | Box w 0 => w | Box _ h => h end.
Definition tuples : Z * (bool * string) := (1, (true, "s")).
Definition builtins (b : bool) := Z.lxor (b2z b) (wrap 32 (add32 1 2)) + Z.of_nat (S O).
Definition ptrs (p : Ptr) : Ptr := ptr_offset p 8.
Definition blocks (p : Ptr) : bool := match p.(pbase) with | Bglob "g" => true | Bstack _ => false | Babs => false | _ => false end.
Definition hexa := 0xff + 0XFF + 1_000.

Section Only.
  Definition LAYER_DATA := P.
  Definition init_p : P := mkP 0 (mkQ (zmap_init 0) false).
  Definition LAYER_DATA_INIT := "init_p".
  Definition LAYER_PRIMS := nil.
End Only.
