(* One syntax error per declaration is reported; parsing resumes after the next `.`. *)
Definition PROJ_NAME := "S".
Definition a := 1 + . (* expect: E-CFG004 *)
Definition b (x : Z) : Z := (x + 1. (* expect: E-CFG004 *)
Record R := mkR { f : Z ; g : }. (* expect: E-CFG004 *)
Definition ok := 3.
Definition let := 4. (* expect: E-CFG004 *)
Definition m (x : Z) := match x with | 0 => 1 | _ => 2. (* expect: E-CFG004 *)
Fixpoint g x := x. (* expect: E-CFG004 *)
Inductive T := | A | B (x : Z. (* expect: E-CFG004 *)
Definition fun := 1. (* expect: E-CFG004 *)
