(* Lexical errors are reported and skipped; parsing goes on. *)
Definition PROJ_NAME := "L".
Definition a := 1 $ 2. (* expect: E-CFG001 *)
Definition b := 12ab. (* expect: E-CFG008 *)
