(* MMU/Labels.v -- TRUSTED (vocabulary).  The labels shared by every MMU layer, and the shapes
   of the hardware structures (partial walks, TLB entries, TLBI operations) several layers use.
   Labels are the events the hypervisor code sees or causes:
   - [LAccess c v ipa (Some pa)]: a guest on CPU [c] with VMID [v] accessed [ipa] and reached
     physical address [pa]; [None]: the access took a stage-2 translation fault;
   - [LWrite c a x] / [LRead c a x]: a store / load of page-table memory by the hypervisor;
   - [LBar c b]: a barrier DMB ST, DSB ISH or ISB;
   - [LTlbi c k]: a broadcast TLB invalidation (TLBI IPAS2[L]E1IS, VMALLE1IS, VMALLS12E1IS),
     for the VMID in the issuing CPU's VTTBR_EL2;
   - [LSetVM c v]: a write of VTTBR_EL2 (VMID [v]) followed by an ISB (a context switch);
   - [LTau]: an internal hardware step. *)
From Coq Require Import ZArith Bool List.
From AutoV.MMU Require Import Desc.
Open Scope Z_scope.

Inductive barrier := DMB_ST | DSB_ISH | ISB.

(* [TIPAS2 ipa last]: by IPA, stage 2 only; [last = true] is the last-level (L) variant. *)
Inductive tlbi_kind := TIPAS2 (ipa : Z) (last : bool) | TVMALLE1 | TVMALLS12E1.

Inductive label :=
| LAccess (c : nat) (v ipa : Z) (res : option Z)
| LWrite (c : nat) (a x : Z)
| LRead (c : nat) (a x : Z)
| LBar (c : nat) (b : barrier)
| LTlbi (c : nat) (k : tlbi_kind)
| LSetVM (c : nat) (v : Z)
| LTau.

(* A TLBI operation as the hardware holds it: the issuer's VMID and the kind. *)
Definition tlbi_op := (Z * tlbi_kind)%type.

(* TLB entries are stage-2-only ([KS2]) or combined stage-1+2 ([KComb], keyed here by the IPA
   the stage-1 translation produced). *)
Inductive tkind := KS2 | KComb.

(* An in-flight (or walk-cached) partial walk: VMID, IPA, and the level-[p_lvl] table at
   [p_base] it has reached. *)
Record partial := mkP { p_vmid : Z; p_ipa : Z; p_lvl : nat; p_base : Z }.
(* A TLB entry: VMID, IPA, the completed walk's leaf, kind. *)
Record tentry := mkT { t_vmid : Z; t_ipa : Z; t_res : wres; t_kind : tkind }.

Definition entry_of (P : partial) : Z := eaddr (p_base P) (p_lvl P) (p_ipa P).

(* Two IPAs are in the same 4 KB page: bits [47:12] agree (the walker uses bits [47:0] only, see
   [Desc.idx], and a TLBI by IPA carries IPA[47:12]). *)
Definition same_page (i j : Z) : bool := (i / 4096) mod 2 ^ 36 =? (j / 4096) mod 2 ^ 36.

(* Which TLB entries (VMID, IPA, kind) an operation removes: by-IPA removes stage-2 entries of
   that page (both variants remove leaf entries, and every TLB entry here is a leaf);
   VMALLE1 removes the VMID's stage-1 (combined) entries; VMALLS12E1 removes all of the VMID's. *)
Definition covers (o : tlbi_op) (v ipa : Z) (k : tkind) : bool :=
  let '(vo, t) := o in
  (vo =? v) &&
  match t, k with
  | TIPAS2 i _, KS2 => same_page i ipa
  | TIPAS2 _ _, KComb => false
  | TVMALLE1, KComb => true
  | TVMALLE1, KS2 => false
  | TVMALLS12E1, _ => true
  end.

Definition tcovers (o : tlbi_op) (e : tentry) : bool := covers o (t_vmid e) (t_ipa e) (t_kind e).

(* Which walk-cache entries / in-flight walks an operation removes: the non-last by-IPA variant
   (all levels of that IPA's walk) and VMALLS12E1. *)
Definition wcovers (o : tlbi_op) (P : partial) : bool :=
  let '(vo, t) := o in
  (vo =? p_vmid P) &&
  match t with
  | TIPAS2 i last => negb last && same_page i (p_ipa P)
  | TVMALLE1 => false
  | TVMALLS12E1 => true
  end.

Definition covers_any (os : list tlbi_op) (v ipa : Z) (k : tkind) : bool :=
  existsb (fun o => covers o v ipa k) os.
