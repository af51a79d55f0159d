Definition PROJ_NAME := "C".
Definition PROJ_BASE := "out".
Definition T1 := list T2. (* expect: E-CFG014 *)
Definition T2 := option T1.
Record A := mkA { ab : B }. (* expect: E-CFG014 *)
Record B := mkB { ba : A }.
Inductive Tree := | Leaf | Node (l r : Tree).
Definition f (x : Z) : Z := g x. (* expect: E-CFG014 *)
Definition g (x : Z) : Z := f x.
Definition h (x : Z) : Z := h x. (* expect: E-CFG014 *)
Fixpoint ok (t : Tree) : Z := match t with | Leaf => 0 | Node l r => ok l + ok r end.
Section L. Definition LAYER_DATA := Z. Definition LAYER_PRIMS := nil. End L. (* expect: E-CFG038 *)
