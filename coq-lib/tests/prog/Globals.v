(* Hand-written in the exact form ir2coq emits (docs/coq-ir.md). *)
From Coq Require Import ZArith List.
From AutoV Require Import Syntax.
Import ListNotations.
Local Open Scope Z_scope.

Definition g_data : ident := 1%positive.
Definition g_arith : ident := 2%positive.
Definition g_branch : ident := 3%positive.
Definition g_find : ident := 4%positive.
Definition g_callp : ident := 5%positive.
Definition g_inc : ident := 6%positive.
Definition g_inc2 : ident := 7%positive.
Definition g_bump : ident := 8%positive.

Definition gv_data : gvar := mkgvar (Tarray 100 (Tint 32)) (Some (Czero (Tarray 100 (Tint 32)))) false.
Definition globals : globals := [(g_data, gv_data)].
