(* int callp(int k) { return bump(k) + 1; }   -- bump is a layer primitive *)
From Coq Require Import ZArith List.
From AutoV Require Import Syntax.
From Prog Require Import Globals.
Import ListNotations.
Local Open Scope Z_scope.

Definition _k : ident := 1%positive.
Definition _call : ident := 2%positive.
Definition _add : ident := 3%positive.

Definition f_callp : func := {|
  fn_params := [(_k, Tint 32)];
  fn_ret := Tint 32;
  fn_vararg := false;
  fn_body :=
    Sseq (Scall (Some _call) (Fdirect g_bump) [Evar _k])
   (Sseq (Sassign _add (Ebinop Oadd nofl (Evar _call) (Econst (Cint 32 1))))
         (Sreturn (Some (Evar _add))))
|}.
