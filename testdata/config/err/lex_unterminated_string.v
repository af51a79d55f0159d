Definition PROJ_NAME := "L".
Definition s := "never closed. (* expect: E-CFG003 *)
