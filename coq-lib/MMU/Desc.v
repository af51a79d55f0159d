(* MMU/Desc.v -- TRUSTED.  AArch64 VMSAv8-64 stage-2 descriptors (4 KB granule, 4 levels) and
   the hardware translation-table walk, in the div/mod form shared with the page-table library:
     idx l ipa := (ipa / 2^(12+9*(3-l))) mod 512        eaddr base l ipa := base + 8 * idx l ipa
     oa d      := (d/4096) mod 2^36 * 4096              valid: Z.odd d    table bits: d mod 4 = 3
   Levels are [nat]s 0..3.  A walk is a fuel-recursive iteration of one step [wstep]; fuel = the
   number of levels.  The decoders are opaque to [simpl]/[cbn] (MMU.md 5.6); [vm_compute] still
   evaluates them, which the concrete tests use. *)
From Coq Require Import ZArith Lia List Bool.
Open Scope Z_scope.

(* A descriptor is valid when bit 0 is set. *)
Definition dvalid (d : Z) : bool := Z.odd d.
(* Bits[1:0] = 0b11: a table descriptor at levels 0..2, a page descriptor at level 3. *)
Definition dtable (d : Z) : bool := d mod 4 =? 3.
(* Output address, bits [47:12]. *)
Definition oa (d : Z) : Z := (d / 4096) mod 2 ^ 36 * 4096.
(* Number of input-address bits below the index of level [l]: 39, 30, 21, 12. *)
Definition lshift (l : nat) : Z := 12 + 9 * (3 - Z.of_nat l).
(* Index of the entry for [ipa] in a level-[l] table, and the entry's address. *)
Definition idx (l : nat) (ipa : Z) : Z := (ipa / 2 ^ lshift l) mod 512.
Definition eaddr (b : Z) (l : nat) (ipa : Z) : Z := b + 8 * idx l ipa.

Arguments dvalid : simpl never.
Arguments dtable : simpl never.
Arguments oa : simpl never.
Arguments idx : simpl never.
Arguments eaddr : simpl never.

(* Result of a complete walk: a translation fault, or the leaf descriptor and its level. *)
Inductive wres := Fault | Leaf (l : nat) (d : Z).

(* Result of reading one entry: go down to the next table, stop at a leaf, or fault. *)
Inductive wstep_res := WNext (b : Z) | WLeaf | WFault.

(* A table descriptor (only at levels 0..2). *)
Definition is_tbl (l : nat) (d : Z) : bool := dvalid d && dtable d && (l <? 3)%nat.
(* A leaf: a page at level 3 (bits 0b11), a block at level 1 or 2 (bits 0b01).  Level-0
   blocks and level-3 0b01 descriptors are reserved encodings: they fault. *)
Definition is_leaf (l : nat) (d : Z) : bool :=
  dvalid d && (if dtable d then (l =? 3)%nat else ((l =? 1)%nat || (l =? 2)%nat)).

(* One step of the walker at level [l], having read descriptor [d]. *)
Definition wstep (l : nat) (d : Z) : wstep_res :=
  if is_tbl l d then WNext (oa d) else if is_leaf l d then WLeaf else WFault.

(* Walk from a level-[l] table at [b], reading memory [m]. *)
Fixpoint walk_from (m : Z -> Z) (ipa : Z) (fuel : nat) (l : nat) (b : Z) : wres :=
  match fuel with
  | O => Fault
  | S f =>
      let d := m (eaddr b l ipa) in
      match wstep l d with
      | WNext b' => walk_from m ipa f (S l) b'
      | WLeaf => Leaf l d
      | WFault => Fault
      end
  end.

(* The complete (atomic) walk of [ipa] from root table [root]. *)
Definition walk (m : Z -> Z) (root : Z) (ipa : Z) : wres := walk_from m ipa 4 0 root.

(* The physical address an access to [ipa] reaches through a walk result (None: fault).
   The offset inside a block or page is the ipa's low [lshift l] bits. *)
Definition pa_of (ipa : Z) (r : wres) : option Z :=
  match r with
  | Fault => None
  | Leaf l d => Some (oa d + ipa mod 2 ^ lshift l)
  end.

(* [rch m ipa l0 b0 l b]: following valid table descriptors of [m] for [ipa] from the level-[l0]
   table at [b0] reaches the level-[l] table at [b]; [reach m root ipa] starts at the root. *)
Inductive rch (m : Z -> Z) (ipa : Z) (l0 : nat) (b0 : Z) : nat -> Z -> Prop :=
| rch_refl : rch m ipa l0 b0 l0 b0
| rch_step : forall l b, rch m ipa l0 b0 l b ->
    is_tbl l (m (eaddr b l ipa)) = true ->
    rch m ipa l0 b0 (S l) (oa (m (eaddr b l ipa))).

Definition reach (m : Z -> Z) (root ipa : Z) : nat -> Z -> Prop := rch m ipa 0 root.

(* Memory update (page-table memory is a total map from addresses to 64-bit words). *)
Definition upd {A} (f : Z -> A) (a : Z) (x : A) : Z -> A :=
  fun a' => if a' =? a then x else f a'.
(* Per-CPU update (CPUs are numbered by [nat]). *)
Definition updn {A} (f : nat -> A) (c : nat) (x : A) : nat -> A :=
  fun c' => if Nat.eqb c' c then x else f c'.
