Definition PROJ_NAME := "Empty".
Definition PROJ_BASE := "out".
(* expect-global: E-CFG036 *)
