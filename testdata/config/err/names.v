Definition PROJ_NAME := "N".
Definition PROJ_BASE := "out".
Record R := mkR { rf : Z; rg : Unknown }. (* expect: E-CFG011 *)
Record S2 := mkS2 { sf : bool; rf : Z }. (* expect: E-CFG012 *)
Definition counter : Z := 1.
Definition counter : Z := 2. (* expect: E-CFG012 *)
Definition Some := 3. (* expect: E-CFG012 *)
Definition use := countr + 1. (* expect: E-CFG010 *)
Definition field (s : S2) : Z := s.(nofield). (* expect: E-CFG013 *)
Definition wrongrec (s : S2) : Z := s.(rf). (* expect: E-CFG013 *)
Definition notafield (s : S2) : Z := s.(counter). (* expect: E-CFG013 *)
Definition valty (x : counter) : Z := 0. (* expect: E-CFG024 *)
Definition tyval : Z := S2. (* expect: E-CFG024 *)
Inductive nat := | Zero. (* expect: E-CFG012 *)
Section L. Definition LAYER_DATA := Z. Definition LAYER_PRIMS := nil. End L. (* expect: E-CFG038 *)
