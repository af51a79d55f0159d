(* void inc2(void) { inc(0); inc(0); } *)
From Coq Require Import ZArith List.
From AutoV Require Import Syntax.
From Prog Require Import Globals.
Import ListNotations.
Local Open Scope Z_scope.

Definition f_inc2 : func := {|
  fn_params := [];
  fn_ret := Tvoid;
  fn_vararg := false;
  fn_body :=
    Sseq (Scall None (Fdirect g_inc) [Econst (Cint 32 0)])
   (Sseq (Scall None (Fdirect g_inc) [Econst (Cint 32 0)])
         (Sreturn None))
|}.
