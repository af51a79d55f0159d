(* Included from common.v and again from include.v: loaded once. *)
Inductive Owner := | Host | Guest (vmid : Z) | Nobody.
Definition in_range (x : Z) : bool := (0 <=? x) && (x <? MAX).
