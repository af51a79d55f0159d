(* void inc(int o) { data[o] += 5; } *)
From Coq Require Import ZArith List.
From AutoV Require Import Syntax.
From Prog Require Import Globals.
Import ListNotations.
Local Open Scope Z_scope.

Definition _o : ident := 1%positive.
Definition _idxprom : ident := 2%positive.
Definition _arrayidx : ident := 3%positive.
Definition _0 : ident := 4%positive.
Definition _add : ident := 5%positive.

Definition f_inc : func := {|
  fn_params := [(_o, Tint 32)];
  fn_ret := Tvoid;
  fn_vararg := false;
  fn_body :=
    Sseq (Sassign _idxprom (Ecast Ksext (Evar _o) (Tint 64)))
   (Sseq (Sassign _arrayidx
            (Eptradd (Econst (Cglobal g_data))
                     (Ebinop Omul fl_nsw (Evar _idxprom) (Econst (Cint 64 4)))))
   (Sseq (Sload _0 NotAtomic (Tint 32) (Evar _arrayidx))
   (Sseq (Sassign _add (Ebinop Oadd nofl (Evar _0) (Econst (Cint 32 5))))
   (Sseq (Sstore NotAtomic (Tint 32) (Evar _arrayidx) (Evar _add))
         (Sreturn None)))))
|}.
