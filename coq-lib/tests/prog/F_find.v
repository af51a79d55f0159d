(* int find(unsigned n, unsigned key) {
     for (unsigned i = 0; i != n; i++) if (i * 3 == key) return i;
     return -1; }
   structured with an early exit "break 2" out of the loop and two blocks *)
From Coq Require Import ZArith List.
From AutoV Require Import Syntax.
From Prog Require Import Globals.
Import ListNotations.
Local Open Scope Z_scope.

Definition _n : ident := 1%positive.
Definition _key : ident := 2%positive.
Definition _i : ident := 3%positive.
Definition _c1 : ident := 4%positive.
Definition _m : ident := 5%positive.
Definition _c2 : ident := 6%positive.
Definition _r : ident := 7%positive.

Definition f_find : func := {|
  fn_params := [(_n, Tint 32); (_key, Tint 32)];
  fn_ret := Tint 32;
  fn_vararg := false;
  fn_body :=
    Sseq (Sassign _i (Econst (Cint 32 0)))
   (Sseq (Sblock
     (Sseq (Sblock
       (Sloop
         (Sseq (Sassign _c1 (Eicmp Ceq (Evar _i) (Evar _n)))
          (Sif (Evar _c1)
            (Sbreak 1)
            (Sseq (Sassign _m (Ebinop Omul nofl (Evar _i) (Econst (Cint 32 3))))
            (Sseq (Sassign _c2 (Eicmp Ceq (Evar _m) (Evar _key)))
             (Sif (Evar _c2)
               (Sseq (Sassign _r (Evar _i)) (Sbreak 2))
               (Sseq (Sassign _i (Ebinop Oadd nofl (Evar _i) (Econst (Cint 32 1))))
                     (Scontinue 0)))))))))
      (Sassign _r (Econst (Cint 32 (-1))))))
   (Sreturn (Some (Evar _r))))
|}.
