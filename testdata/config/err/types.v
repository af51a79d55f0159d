Definition PROJ_NAME := "T".
Definition PROJ_BASE := "out".
Inductive Color := | Red | Rgb (r g b : Z).
Definition a : Z := true. (* expect: E-CFG020 *)
Definition b (x : Z) : bool := x < 3. (* expect: E-CFG020 *)
Definition c (x : Z) : Prop := x <? 3. (* expect: E-CFG020 *)
Definition d (x : Z) : option Z := x + 1. (* expect: E-CFG020 *)
Definition e (x : Z) := if x then 1 else 2. (* expect: E-CFG020 *)
Definition f (x : Z) := if x =? 0 then 1 else false. (* expect: E-CFG020 *)
Definition g (x : Z) : option Z := rely x < 0; Some x. (* expect: E-CFG020 *)
Definition h (x : Z) : Z := rely x <? 0; x. (* expect: E-CFG020 *)
Definition i (o : Z) : option Z := when v == o; Some v. (* expect: E-CFG020 *)
Definition j (x : Z) : Z := x 1. (* expect: E-CFG021 *)
Definition k (x : Z) : Z := Z.max x 1 2. (* expect: E-CFG021 *)
Definition l := nil. (* expect: E-CFG022 *)
Fixpoint m (n : nat) := m n. (* expect: E-CFG022 *)
Definition n (c : Color) : Z := match c with | Rgb r => r | Red => 0 end. (* expect: E-CFG023 *)
Definition o (c : Color) : Z := match c with | Rgb r g b x => r | _ => 0 end. (* expect: E-CFG023 *)
Definition p (c : Color) : Z := match c with | Blue => 1 | Rgb => 0 end. (* expect: E-CFG023 *)
Definition q (c : Color) : Z := match c with | x y => 1 end. (* expect: E-CFG023 *)
Definition r (x : Z) : Z := match x with | true => 1 | _ => 0 end. (* expect: E-CFG020 *)
Section L. Definition LAYER_DATA := Z. Definition LAYER_PRIMS := nil. End L.
Definition s (o : option bool) : Z := match o with | Some true => 1 | None => 0 end. (* expect: E-CFG025 *)
Definition t (x : Z) : Z := match x with | 0 => 1 | 1 => 2 end. (* expect: E-CFG025 *)
Definition u (p : bool * bool) : Z := match p with | (true, _) => 1 | (false, true) => 2 end. (* expect: E-CFG025 *)
Definition v (p : bool * bool) : Z := match p with | (true, _) => 1 | (false, true) => 2 | (_, false) => 3 end.
Definition w (c : Color) : Z := match c with | Rgb _ _ _ => 1 end. (* expect: E-CFG025 *)
