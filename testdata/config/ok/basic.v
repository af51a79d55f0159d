(* A two-layer project with every kind of declaration. *)
Include "../inc/common.v".

Definition PROJ_NAME := "Basic".
Definition PROJ_BASE := "out/basic".

Definition Pair := (Z * bool).
Definition PageMap := ZMap.t Z.
Parameter opaque_hash : Z -> Z.
Parameter Token : Type.

Fixpoint sum_to (n : nat) : Z :=
  match n with
  | O => 0
  | S m => Z.of_nat n + sum_to m
  end.

Section Bottom.
  Definition LAYER_DATA := RData.
  Definition LAYER_CODE := "../inc/dummy.ll".
  Definition LAYER_PRIMS := "get" :: "put" :: nil.

  Definition init_st : RData := mkRData 0 (zmap_init 0) (zmap_init None) nil.
  Definition LAYER_DATA_INIT := "init_st".

  Definition get_spec (k : Z) (st : RData) : option (Z * RData) :=
    rely in_range k;
    Some (st.(pages) @ k, st).

  Definition put_spec (k v : Z) (st : RData) : option RData :=
    when old, st' == get_spec k st;
    if old =? 0 then Some (st' {pages : st'.(pages) # k == v})
    else Some (st.[cnt] :< st.(cnt) + 1).

  Definition load_st (sz : Z) (p : Ptr) (st : RData) : option Z :=
    rely sz =? 8; Some (st.(pages) @ (p.(poffset) / 8)).
  Definition LAYER_LOAD := "load_st".
  Definition LAYER_STORE := None.
End Bottom.

Section Top.
  Definition LAYER_PRIMS := "f" :: "g" :: nil.
  Definition f_loop_bound : Z := 10.
  Definition g_loop_bound (n : Z) : nat := z_to_nat n.

  Definition owner_of (st : RData) (p : Z) : Owner :=
    match st.(owner) @ p with
    | Some v => Guest v
    | None => if p =? 0 then Host else Nobody
    end.

  Definition g_spec (x : Z) (b : bool) (st : RData) : option RData :=
    anno forall (i : Z), 0 <= i -> i < MAX -> st.(pages) @ i = st.(pages) @ i;
    let (a, c) := (x, b) in
    if c && in_range a then Some (st {log : (a, c) :: st.(log)}) else None.

  Hint NoUnfold owner_of.
  Hint NoTrans g.
End Top.
