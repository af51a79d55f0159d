(* int branch(int x) { if (x < 0) return 0;
     switch (x) { case 1: case 2: return 10; case 5: return 20;
                  default: return x > 100 ? 100 : x; } } *)
From Coq Require Import ZArith List.
From AutoV Require Import Syntax.
From Prog Require Import Globals.
Import ListNotations.
Local Open Scope Z_scope.

Definition _x : ident := 1%positive.
Definition _cmp : ident := 2%positive.
Definition _cmp1 : ident := 3%positive.

Definition f_branch : func := {|
  fn_params := [(_x, Tint 32)];
  fn_ret := Tint 32;
  fn_vararg := false;
  fn_body :=
    Sseq (Sassign _cmp (Eicmp Cslt (Evar _x) (Econst (Cint 32 0))))
    (Sif (Evar _cmp)
      (Sreturn (Some (Econst (Cint 32 0))))
      (Sswitch (Evar _x)
        [([1; 2], Sreturn (Some (Econst (Cint 32 10))));
         ([5], Sreturn (Some (Econst (Cint 32 20))))]
        (Sseq (Sassign _cmp1 (Eicmp Csgt (Evar _x) (Econst (Cint 32 100))))
          (Sif (Evar _cmp1)
            (Sreturn (Some (Econst (Cint 32 100))))
            (Sreturn (Some (Evar _x)))))))
|}.
