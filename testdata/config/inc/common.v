(* Shared declarations for the config tests. *)
Definition MAX : Z := 16.
Record RData := mkRData { cnt : Z; pages : ZMap.t Z; owner : ZMap.t (option Z); log : list (Z * bool) }.
Include "common2.v".
