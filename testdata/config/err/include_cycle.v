(* include_cycle.v -> cycle_a.v -> cycle_b.v -> include_cycle.v *)
Include "../inc/cycle_a.v".
(* expect-global: E-CFG006 *)
Definition PROJ_NAME := "C".
Definition PROJ_BASE := "out".
Section L. Definition LAYER_DATA := Z. Definition LAYER_PRIMS := nil. End L.
