(* unsigned arith(unsigned x, unsigned y) { return x * 3 + y - 7; } *)
From Coq Require Import ZArith List.
From AutoV Require Import Syntax.
From Prog Require Import Globals.
Import ListNotations.
Local Open Scope Z_scope.

Definition _x : ident := 1%positive.
Definition _y : ident := 2%positive.
Definition _mul : ident := 3%positive.
Definition _add : ident := 4%positive.
Definition _sub : ident := 5%positive.

Definition f_arith : func := {|
  fn_params := [(_x, Tint 32); (_y, Tint 32)];
  fn_ret := Tint 32;
  fn_vararg := false;
  fn_body :=
    Sseq (Sassign _mul (Ebinop Omul nofl (Evar _x) (Econst (Cint 32 3))))
   (Sseq (Sassign _add (Ebinop Oadd nofl (Evar _mul) (Evar _y)))
   (Sseq (Sassign _sub (Ebinop Oadd nofl (Evar _add) (Econst (Cint 32 (-7)))))
         (Sreturn (Some (Evar _sub)))))
|}.
