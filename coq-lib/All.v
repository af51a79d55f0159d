(** Everything a generated proof needs. *)
From Coq Require Export ZArith List Bool Lia.
From AutoV Require Export Syntax Ints Values Eval Sem Det Interp Refine Spec Tactics.
Export ListNotations.
