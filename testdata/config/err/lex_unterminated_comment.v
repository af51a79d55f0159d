Definition PROJ_NAME := "L".
(* an outer comment (* expect: E-CFG002 *)
   (* a nested one, closed *)
   but the outer one is not
