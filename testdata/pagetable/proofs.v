(* Hand-written lemmas for the refinement proofs of the MemManager layer (PROJ_PROOFS of proof.v).
   autov build copies this file into the generated project as UserProofs.v. *)
From Coq Require Import String ZArith List Bool Lia.
From AutoV Require Import All Build GenTactics.
From PageTable.Code Require Import Types Globals.
From PageTable.MemManager Require Import Defs.
From PageTable.MemManager.map_page Require Import LowSpec.
From PageTable.MemManager.unmap_page Require Import LowSpec.
Import ListNotations.
Local Open Scope Z_scope.
