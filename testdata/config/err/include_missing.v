Include "../inc/does_not_exist.v". (* expect: E-CFG005 *)
Definition PROJ_NAME := "I".
Definition PROJ_BASE := "out".
Section L. Definition LAYER_DATA := Z. Definition LAYER_PRIMS := nil. End L.
