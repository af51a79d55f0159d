(** The frame tactic of passthrough obligations ([GenTactics.pass_proof], issue 14): a primitive
    of the layer below passes through a layer whose relation is not equality. The relation here
    equates the table [tbl] pointwise (two maps that agree on every key, not necessarily equal as
    terms), the counter [cnt] exactly, and says nothing of [hid]. Each positive obligation is
    followed by a spec that breaks the relation, which the tactic must not prove. *)
From Coq Require Import String ZArith List Bool Lia.
From AutoV Require Import All Build GenTactics.
Import ListNotations.
Local Open Scope Z_scope.

Record St := mkSt { tbl : ZMap.t Z; cnt : Z; hid : Z }.
Definition pw_rel (hs ls : St) : Prop :=
  (forall x, ZMap.get x hs.(tbl) = ZMap.get x ls.(tbl)) /\ hs.(cnt) = ls.(cnt).

Definition prim_of (spec : Z -> St -> option St) : primspec St :=
  fun vs st => match vs with
  | [v] => match arg_int 32 v with Some i => ret_void (spec i st) | None => None end
  | _ => None end.

(* Writes the table at a key from its own contents, and the counter: preserved. *)
Definition bump_spec (i : Z) (st : St) : option St :=
  if i <? 16 then Some (mkSt (ZMap.set i (ZMap.get i st.(tbl) + 1) st.(tbl)) (st.(cnt) + 1) st.(hid))
  else None.
Definition bump_prim := prim_of bump_spec.
Lemma bump_pass : prim_ref bump_prim bump_prim pw_rel.
Proof. pass_proof bump_prim bump_spec pw_rel. Qed.

(* A branch on the table's contents (the lower side takes the same branch), two keys written. *)
Definition swap_spec (i : Z) (st : St) : option St :=
  if ZMap.get i st.(tbl) =? 0 then Some (mkSt (ZMap.set (i + 1) 7 (ZMap.set i 1 st.(tbl))) st.(cnt) 5)
  else Some (mkSt st.(tbl) (st.(cnt) + ZMap.get (i + 1) st.(tbl)) st.(hid)).
Definition swap_prim := prim_of swap_spec.
Lemma swap_pass : prim_ref swap_prim swap_prim pw_rel.
Proof. pass_proof swap_prim swap_spec pw_rel. Qed.

(* The table written from the field the relation ignores. *)
Definition leak_spec (i : Z) (st : St) : option St :=
  Some (mkSt (ZMap.set i st.(hid) st.(tbl)) st.(cnt) st.(hid)).
Definition leak_prim := prim_of leak_spec.
Goal prim_ref leak_prim leak_prim pw_rel.
Proof. Fail pass_proof leak_prim leak_spec pw_rel. Abort.

(* The counter written from another key than the one read back. *)
Definition skew_spec (i : Z) (st : St) : option St :=
  Some (mkSt (ZMap.set i 0 st.(tbl)) (st.(cnt) + ZMap.get i st.(tbl)) st.(hid)).
Definition skew_prim := prim_of skew_spec.
Lemma skew_pass : prim_ref skew_prim skew_prim pw_rel.
Proof. pass_proof skew_prim skew_spec pw_rel. Qed.

(* One key of the table left out of the write on the upper side only: a relation that equates
   [tbl] pointwise except at key 3 does not survive a spec writing key 3 from [hid]. *)
Definition pw3_rel (hs ls : St) : Prop :=
  (forall x, x <> 3 -> ZMap.get x hs.(tbl) = ZMap.get x ls.(tbl)) /\ hs.(cnt) = ls.(cnt).
Definition w3_spec (i : Z) (st : St) : option St :=
  Some (mkSt (ZMap.set 4 (ZMap.get 3 st.(tbl)) st.(tbl)) st.(cnt) st.(hid)).
Definition w3_prim := prim_of w3_spec.
Goal prim_ref w3_prim w3_prim pw3_rel.
Proof. Fail pass_proof w3_prim w3_spec pw3_rel. Abort.

(* A relation stated as "equal once [tbl] is forgotten", plus a fact about the lower [tbl] only
   (as SeKVM's tree layer relates its maps to table words). A spec that reaches the state through
   a helper whose cases [cbn] cannot decide ([take], a lock-like operation) and writes only kept
   fields passes; one that writes [tbl] below does not. *)
Definition forget (st : St) : St := mkSt (ZMap.init 0) st.(cnt) st.(hid).
Definition fg_rel (hs ls : St) : Prop := forget hs = forget ls /\ ZMap.get 0 ls.(tbl) = 0.
Definition take (k : Z) (st : St) : option St :=
  if st.(hid) =? 0 then Some (mkSt st.(tbl) st.(cnt) (k + 1)) else None.
Definition lock_spec (i : Z) (st : St) : option St := if i <? 4 then take i st else None.
Definition lock_prim := prim_of lock_spec.
Lemma lock_pass : prim_ref lock_prim lock_prim fg_rel.
Proof. pass_proof lock_prim lock_spec fg_rel. Qed.

Definition scribble_spec (i : Z) (st : St) : option St :=
  if i <? 4 then Some (mkSt (ZMap.set 0 1 st.(tbl)) st.(cnt) st.(hid)) else None.
Definition scribble_prim := prim_of scribble_spec.
Goal prim_ref scribble_prim scribble_prim fg_rel.
Proof. Fail pass_proof scribble_prim scribble_spec fg_rel. Abort.
