From Coq Require Import ZArith List.
From AutoV Require Import Syntax.
From Prog Require Import Globals.
From Prog Require F_arith F_branch F_find F_callp F_inc F_inc2.
Import ListNotations.

(* the module (all functions); the layered tests use sub-tables *)
Definition code : code :=
  [(g_arith, F_arith.f_arith); (g_branch, F_branch.f_branch); (g_find, F_find.f_find);
   (g_callp, F_callp.f_callp); (g_inc, F_inc.f_inc); (g_inc2, F_inc2.f_inc2)].
