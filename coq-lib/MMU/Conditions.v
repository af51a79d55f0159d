(* MMU/Conditions.v -- TRUSTED.  The side conditions of MMU.md 5.5 (C1-C10):
   (1) as predicates over the ghost state (MMU/Ghost.v), for statements and specs;
   (2) as DECIDABLE relies over the ghost fields a generated bottom layer keeps ([cghost]),
       one per bottom primitive ([rely_store], [rely_load], [rely_tlbi], [rely_release] ...),
       with the bottom's ghost update ([bstep]) and the labels each call emits.
   MMU/Linking.v proves that runs whose calls satisfy the relies produce only happy label
   sequences (so [Compose.mmu_refines] applies), and that at every release of a VM's
   page-table lock nothing is stale or fresh for that VM (so [no_pending_means_sc] applies). *)
From Coq Require Import ZArith List Bool.
From AutoV.MMU Require Import Desc Labels Ghost.
Import ListNotations.
Open Scope Z_scope.

Section Conditions.
Variable root : Z -> Z.

(* ========== (1) the conditions over the ghost state ========== *)

(* C1 DRF-Kernel: no access to an address another CPU has an unfenced store to. *)
Definition cond_drf (G : ghost) (c : nat) (a : Z) : Prop := g_pw G a = None \/ g_pw G a = Some c.
(* C2 No-Barrier-Misuse: at a release the CPU's stores are fenced (a DSB since the last one). *)
Definition cond_fenced (G : ghost) (c : nat) : Prop := forall a, g_pw G a <> Some c.
(* C3 break-before-make / polarity, with C9 (tables written once, linked empty and fenced):
   the store discipline of [happy]. *)
Definition cond_write (G : ghost) (c : nat) (a x : Z) : Prop := happy_write root G c a x.
(* C4 Sequential-TLB-Invalidation: when a VM's page-table lock is released, none of its
   translations is stale (TLBI + DSB done) or fresh (stores fenced). *)
Definition cond_clean (G : ghost) (v : Z) : Prop :=
  (forall ipa r k, ~ g_stale G v ipa r k) /\ (forall ipa, ~ fresh root G v ipa).
(* C5 no reuse before invalidation: page [p] changes owner, is scrubbed or freed only when no
   effective mapping (current or stale) of any VM reaches it. *)
Definition cond_unmapped (G : ghost) (p : Z) : Prop :=
  forall v ipa r pa, eff root G v ipa r -> pa_of ipa r = Some pa -> pa / 4096 <> p.
(* C6 Write-Once-Kernel-Mapping (EL2 stage 1, outside this stage-2 model): an entry is written
   only while zero, or with its current value. *)
Definition cond_write_once (old new : Z) : bool := (old =? 0) || (old =? new).
(* C7 Memory isolation: every effective mapping of a VM lands in a page it owns. *)
Definition cond_iso (owner : Z -> Z) (G : ghost) : Prop :=
  forall v ipa r pa, eff root G v ipa r -> pa_of ipa r = Some pa -> owner (pa / 4096) = v.
(* C8 VMID hygiene: a VMID is given to a new VM only when none of its translations is
   effective (tables emptied, then TLBI VMALLS12E1IS + DSB).  The VTTBR write is followed by an
   ISB: the label [LSetVM] stands for both. *)
Definition cond_vmid_reuse (G : ghost) (v : Z) : Prop := forall ipa r, ~ eff root G v ipa r.
(* C9 (layout part) the walk paths of the page tables are unique: an entry address belongs to one
   VM, one level, and one IPA range (unique parents, per-VM pools).  Proved by the page-table
   layers; assumed by the linking lemma. *)
Definition same_range (l : nat) (i j : Z) : Prop := forall l', (l' <= l)%nat -> idx l' i = idx l' j.
Definition paths_unique (m : Z -> Z) : Prop :=
  forall v ipa l b v' ipa' l' b',
    reach m (root v) ipa l b -> reach m (root v') ipa' l' b' -> eaddr b l ipa = eaddr b' l' ipa' ->
    v = v' /\ l = l' /\ same_range l ipa ipa'.
(* C10 hardware Access-flag / dirty-state updates are off for stage 2: VTCR_EL2.HA (bit 21)
   and HD (bit 22) are clear; the model has no hardware descriptor updates. *)
Definition cond_no_hw_ad (vtcr : Z) : bool := negb (Z.testbit vtcr 21) && negb (Z.testbit vtcr 22).

(* ========== (2) the bottom layer's ghost state and decidable relies ========== *)

(* A possibly stale range: the level-[sr_lvl] block (or page) of [sr_ipa] in VM [sr_vmid], for
   TLB entries of kind [sr_kind]. *)
Record srec := mkSR { sr_vmid : Z; sr_ipa : Z; sr_lvl : nat; sr_kind : tkind }.

Record cghost := mkCG {
  cg_mem : Z -> Z;              (* page-table memory, writer view *)
  cg_top : Z -> Z;              (* as [g_top] *)
  cg_mid : Z -> Z;              (* as [g_mid] *)
  cg_pw : Z -> option nat;      (* as [g_pw] *)
  cg_vw : Z -> option nat;      (* per VM: the CPU with unfenced stores into its tables *)
  cg_stale : list srec;         (* ranges that may be stale *)
  cg_tops : nat -> list tlbi_op;(* as [g_tops] *)
  cg_dirty : nat -> Z -> bool;  (* CPU [c]'s pending TLBIs cannot clean VM [v] at its DSB *)
  cg_lock : Z -> option nat;    (* holder of each VM's page-table lock *)
  cg_ctx : nat -> Z }.          (* VTTBR_EL2.VMID per CPU *)

Definition cginit (m0 : Z -> Z) (ctx0 : nat -> Z) : cghost :=
  mkCG m0 m0 m0 (fun _ => None) (fun _ => None) [] (fun _ => []) (fun _ _ => false)
       (fun _ => None) ctx0.

(* The bottom primitives that matter to the MMU.  A store names the VM, the IPA and the level
   of the entry it writes (the address is computed by walking the VM's tables). *)
Inductive bcall :=
| BStore (c : nat) (v ipa : Z) (l : nat) (x : Z)
| BLoad (c : nat) (a : Z)
| BBarrier (c : nat) (b : barrier)
| BTlbi (c : nat) (k : tlbi_kind)
| BSetVM (c : nat) (v : Z)
| BAcquire (c : nat) (v : Z)
| BRelease (c : nat) (v : Z).

(* The table reached by going down [n] levels from the level-[l] table [b]. *)
Fixpoint path_base (m : Z -> Z) (ipa : Z) (l : nat) (b : Z) (n : nat) : option Z :=
  match n with
  | O => Some b
  | S n' => let d := m (eaddr b l ipa) in
            if is_tbl l d then path_base m ipa (S l) (oa d) n' else None
  end.
Definition path_entry (m : Z -> Z) (r ipa : Z) (l : nat) : option Z :=
  match path_base m ipa 0 r l with Some b => Some (eaddr b l ipa) | None => None end.

Definition opt_mine (c : nat) (w : option nat) : bool :=
  match w with None => true | Some c' => Nat.eqb c' c end.
Definition opt_is (w : option nat) (c : nat) : bool :=
  match w with None => false | Some c' => Nat.eqb c' c end.
Definition opt_none (w : option nat) : bool := match w with None => true | Some _ => false end.

Definition fresh_table_b (m : Z -> Z) (pw : Z -> option nat) (p : Z) : bool :=
  forallb (fun i => negb (dvalid (m (p + 8 * i))) && opt_none (pw (p + 8 * i)))
          (map Z.of_nat (seq 0 512)).

Definition tkind_eqb (k1 k2 : tkind) : bool :=
  match k1, k2 with KS2, KS2 | KComb, KComb => true | _, _ => false end.

(* An operation certainly removes every TLB entry of a stale range: by-IPA only for a 4 KB
   range (a block range needs VMALLS12E1, or one TLBI per page, which this does not count). *)
Definition sr_cleared_by (o : tlbi_op) (e : srec) : bool :=
  let '(vo, t) := o in
  (vo =? sr_vmid e) &&
  match t, sr_kind e with
  | TIPAS2 i _, KS2 => Nat.eqb (sr_lvl e) 3 && same_page i (sr_ipa e)
  | TVMALLE1, KComb => true
  | TVMALLS12E1, _ => true
  | _, _ => false
  end.

Definition has_stale (st : list srec) (v : Z) : bool := existsb (fun e => sr_vmid e =? v) st.

(* pt_store: C1 (lock held, no race), C3 (break-before-make, tables written once, map only in
   the mapping phase: nothing stale for the VM), C9 (a linked table is empty and fenced). *)
Definition rely_store (cg : cghost) (c : nat) (v ipa : Z) (l : nat) (x : Z) : bool :=
  match path_entry (cg_mem cg) (root v) ipa l with
  | None => false
  | Some a =>
      let old := cg_mem cg a in
      opt_is (cg_lock cg v) c &&
      opt_mine c (cg_pw cg a) && opt_mine c (cg_vw cg v) &&
      (negb (dvalid x) || negb (dvalid (cg_top cg a)) || (x =? cg_top cg a)) &&
      (negb (is_tbl l old) || (x =? old)) &&
      (negb (is_tbl l x) || (x =? old) || fresh_table_b (upd (cg_mem cg) a x) (cg_pw cg) (oa x)) &&
      (negb (dvalid x) || (x =? old) || negb (has_stale (cg_stale cg) v))
  end.

(* pt_load: C1. *)
Definition rely_load (cg : cghost) (c : nat) (a : Z) : bool := opt_mine c (cg_pw cg a).

(* TLBI: C4 ordering: the VM's stores are fenced first (DSB ISHST before the TLBI). *)
Definition rely_tlbi (cg : cghost) (c : nat) : bool := opt_none (cg_vw cg (cg_ctx cg c)).

(* spin lock: acquire a free lock; release it with the VM's stores fenced (C2) and nothing
   stale for the VM (C4). *)
Definition rely_acquire (cg : cghost) (v : Z) : bool := opt_none (cg_lock cg v).
Definition rely_release (cg : cghost) (c : nat) (v : Z) : bool :=
  opt_is (cg_lock cg v) c && opt_none (cg_vw cg v) && negb (has_stale (cg_stale cg) v).

(* The bottom's ghost update on a DSB by [c] (mirrors [g_dsb]). *)
Definition cg_dsb (c : nat) (cg : cghost) : cghost :=
  let f a := fenced_by c (cg_pw cg a) in
  mkCG (cg_mem cg)
       (fun a => if f a then cg_mem cg a else cg_top cg a)
       (fun a => if f a then cg_mem cg a else cg_mid cg a)
       (fun a => if f a then None else cg_pw cg a)
       (fun v => if fenced_by c (cg_vw cg v) then None else cg_vw cg v)
       (filter (fun e => negb (existsb (fun o => sr_cleared_by o e && negb (cg_dirty cg c (sr_vmid e)))
                                       (cg_tops cg c))) (cg_stale cg))
       (updn (cg_tops cg) c [])
       (updn (cg_dirty cg) c (fun _ => false))
       (cg_lock cg) (cg_ctx cg).

(* One bottom call: [None] if its rely fails, else the new bottom ghost and the labels. *)
Definition bstep (cg : cghost) (call : bcall) : option (cghost * list label) :=
  match call with
  | BStore c v ipa l x =>
      match path_entry (cg_mem cg) (root v) ipa l with
      | None => None
      | Some a =>
          if rely_store cg c v ipa l x then
            let old := cg_mem cg a in
            Some (mkCG (upd (cg_mem cg) a x)
                       (upd (cg_top cg) a (if dvalid (cg_top cg a) then cg_top cg a else x))
                       (upd (cg_mid cg) a (if dvalid (cg_mid cg a) then x else cg_mid cg a))
                       (upd (cg_pw cg) a (Some c))
                       (upd (cg_vw cg) v (Some c))
                       (if dvalid old && negb (dvalid x)
                        then mkSR v ipa l KS2 :: mkSR v ipa l KComb :: cg_stale cg
                        else cg_stale cg)
                       (cg_tops cg)
                       (fun c' v' => cg_dirty cg c' v' || (v' =? v))
                       (cg_lock cg) (cg_ctx cg),
                  [LWrite c a x])
          else None
      end
  | BLoad c a => if rely_load cg c a then Some (cg, [LRead c a (cg_mem cg a)]) else None
  | BBarrier c DSB_ISH => Some (cg_dsb c cg, [LBar c DSB_ISH])
  | BBarrier c b => Some (cg, [LBar c b])
  | BTlbi c k =>
      if rely_tlbi cg c then
        Some (mkCG (cg_mem cg) (cg_top cg) (cg_mid cg) (cg_pw cg) (cg_vw cg) (cg_stale cg)
                   (updn (cg_tops cg) c (cg_tops cg c ++ [(cg_ctx cg c, k)]))
                   (updn (cg_dirty cg) c (fun v' => cg_dirty cg c v' || negb (v' =? cg_ctx cg c)))
                   (cg_lock cg) (cg_ctx cg),
              [LTlbi c k])
      else None
  | BSetVM c v =>
      Some (mkCG (cg_mem cg) (cg_top cg) (cg_mid cg) (cg_pw cg) (cg_vw cg) (cg_stale cg)
                 (cg_tops cg) (cg_dirty cg) (cg_lock cg) (updn (cg_ctx cg) c v),
            [LSetVM c v])
  | BAcquire c v =>
      if rely_acquire cg v then
        Some (mkCG (cg_mem cg) (cg_top cg) (cg_mid cg) (cg_pw cg) (cg_vw cg) (cg_stale cg)
                   (cg_tops cg) (cg_dirty cg) (upd (cg_lock cg) v (Some c)) (cg_ctx cg), [])
      else None
  | BRelease c v =>
      if rely_release cg c v then
        Some (mkCG (cg_mem cg) (cg_top cg) (cg_mid cg) (cg_pw cg) (cg_vw cg) (cg_stale cg)
                   (cg_tops cg) (cg_dirty cg) (upd (cg_lock cg) v None) (cg_ctx cg), [])
      else None
  end.

(* Runs of bottom calls from [cg0]: the bottom ghost state reached and the labels emitted. *)
Inductive brun (cg0 : cghost) : cghost -> list label -> Prop :=
| brun_nil : brun cg0 cg0 []
| brun_step : forall cg tr call cg' tr',
    brun cg0 cg tr -> bstep cg call = Some (cg', tr') -> brun cg0 cg' (tr ++ tr').

(* The runs the linking lemma speaks about: before each call, the walk paths are unique (the
   page-table layers' tree invariant, C9). *)
Inductive brun_u (cg0 : cghost) : cghost -> list label -> Prop :=
| brun_u_nil : brun_u cg0 cg0 []
| brun_u_step : forall cg tr call cg' tr',
    brun_u cg0 cg tr -> paths_unique (cg_mem cg) -> bstep cg call = Some (cg', tr') ->
    brun_u cg0 cg' (tr ++ tr').

End Conditions.
