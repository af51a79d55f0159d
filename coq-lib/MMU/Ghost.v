(* MMU/Ghost.v -- TRUSTED (part of the hardware model RL3).  The ghost (history) state every
   MMU layer carries, its update on each labelled event, and the [happy] discipline.  The ghost
   state is a function of the label sequence alone (internal hardware steps never touch it), so
   a bottom layer that sees the same events can compute it (MMU/Conditions.v).

   Fields:
   - [g_mem]: page-table memory in program order of the writes ("writer view"); this is the
     memory of the sequential layers RL1 and SCT;
   - [g_top] / [g_mid]: per address, the writer view with the not-yet-fenced invalidating /
     validating stores undone: walkers may still see [g_top]'s leaves and [g_mid]'s faults
     (a store is fenced by a DSB of the CPU that made it);
   - [g_pw]: the CPU with unfenced stores to the address (break-before-make at one address and
     data-race freedom are checked against it);
   - [g_stale v ipa r k]: leaf [r] may still be used for ([v], [ipa]) by TLB entries of kind [k]
     although the current walk no longer gives it (pending unmaps, Casemate's "invalid unclean");
   - [g_tops c] / [g_tnew c]: the TLBIs CPU [c] issued since its last DSB, and the stale entries
     those TLBIs cannot be trusted to remove: made stale since that DSB, or still visible to
     walkers when one of the TLBIs was issued (a TLBI may be performed as soon as it is issued);
   - [g_happy]: every event so far respected the discipline; once false, nothing is promised. *)
From Coq Require Import ZArith Lia List Bool.
From AutoV.MMU Require Import Desc Labels.
Import ListNotations.
Open Scope Z_scope.

Record ghost := mkG {
  g_mem : Z -> Z;
  g_top : Z -> Z;
  g_mid : Z -> Z;
  g_pw : Z -> option nat;
  g_stale : Z -> Z -> wres -> tkind -> Prop;
  g_tops : nat -> list tlbi_op;
  g_tnew : nat -> Z -> Z -> wres -> tkind -> Prop;
  g_happy : Prop }.

(* The initial ghost state over boot-time page-table memory [m0]. *)
Definition ginit (m0 : Z -> Z) : ghost :=
  mkG m0 m0 m0 (fun _ => None) (fun _ _ _ _ => False) (fun _ => []) (fun _ _ _ _ _ => False) True.

Section Ghost.
(* The root table of each VMID's stage-2 tables (VTTBR_EL2.BADDR). *)
Variable root : Z -> Z.

(* Leaf [r] for ([v], [ipa]) that an update of [m] to [m'] removes. *)
Definition new_stale (m m' : Z -> Z) (v ipa : Z) (r : wres) : Prop :=
  r <> Fault /\ walk m (root v) ipa = r /\ walk m' (root v) ipa <> r.

(* Leaves walkers may still reach because an invalidating store is unfenced. *)
Definition pending (G : ghost) (v ipa : Z) (r : wres) : Prop :=
  r <> Fault /\ walk (g_top G) (root v) ipa = r /\ walk (g_mem G) (root v) ipa <> r.

(* Faults walkers may still take because a validating store is unfenced (pending maps). *)
Definition fresh (G : ghost) (v ipa : Z) : Prop :=
  walk (g_mid G) (root v) ipa = Fault /\ walk (g_mem G) (root v) ipa <> Fault.

(* A page whose 512 entries are invalid and have no unfenced stores. *)
Definition fresh_table (m : Z -> Z) (pw : Z -> option nat) (p : Z) : Prop :=
  forall i, 0 <= i < 512 -> dvalid (m (p + 8 * i)) = false /\ pw (p + 8 * i) = None.

(* The discipline a page-table store by CPU [c] of [x] at [a] must respect. *)
Record happy_write (G : ghost) (c : nat) (a x : Z) : Prop := {
  (* no other CPU has an unfenced store to [a] (data-race freedom + barrier at release) *)
  hw_race : g_pw G a = None \/ g_pw G a = Some c;
  (* break-before-make at the address: no valid value replaces a different valid value that
     walkers may still see (the old one, or an unfenced invalidated one) *)
  hw_bbm : dvalid x = true -> dvalid (g_top G a) = true -> x = g_top G a;
  (* table descriptors on a walk path are written once (tables are never unlinked) *)
  hw_once : forall v ipa l b, reach (g_mem G) (root v) ipa l b -> eaddr b l ipa = a ->
    is_tbl l (g_mem G a) = true -> x = g_mem G a;
  (* a table linked into a walk path is empty and fenced *)
  hw_link : forall v ipa l b, reach (g_mem G) (root v) ipa l b -> eaddr b l ipa = a ->
    is_tbl l x = true -> x <> g_mem G a -> fresh_table (upd (g_mem G) a x) (g_pw G) (oa x);
  (* break-before-make for translations: a store that gives ([v], [ipa]) a new leaf needs its
     old leaves to be cleaned from the TLBs first *)
  hw_trans : forall v ipa r r' k, walk (upd (g_mem G) a x) (root v) ipa = r' -> r' <> Fault ->
    walk (g_mem G) (root v) ipa <> r' -> g_stale G v ipa r k -> r = r' }.

(* A store: in program order, into the writer view. *)
Definition g_write (c : nat) (a x : Z) (G : ghost) : ghost :=
  let m := g_mem G in
  let m' := upd m a x in
  mkG m'
      (upd (g_top G) a (if dvalid (g_top G a) then g_top G a else x))
      (upd (g_mid G) a (if dvalid (g_mid G a) then x else g_mid G a))
      (upd (g_pw G) a (Some c))
      (fun v ipa r k => g_stale G v ipa r k \/ new_stale m m' v ipa r)
      (g_tops G)
      (fun c' v ipa r k => g_tnew G c' v ipa r k \/ new_stale m m' v ipa r)
      (g_happy G /\ happy_write G c a x).

(* A load: must not race with another CPU's unfenced store. *)
Definition g_read (c : nat) (a : Z) (G : ghost) : ghost :=
  mkG (g_mem G) (g_top G) (g_mid G) (g_pw G) (g_stale G) (g_tops G) (g_tnew G)
      (g_happy G /\ (g_pw G a = None \/ g_pw G a = Some c)).

(* A TLBI: remembered until the issuer's next DSB; what walkers may still see now is not
   trusted to be removed by it. *)
Definition g_tlbi (c : nat) (o : tlbi_op) (G : ghost) : ghost :=
  mkG (g_mem G) (g_top G) (g_mid G) (g_pw G) (g_stale G)
      (updn (g_tops G) c (g_tops G c ++ [o]))
      (fun c' v ipa r k => g_tnew G c' v ipa r k \/ (c' = c /\ pending G v ipa r))
      (g_happy G).

Definition fenced_by (c : nat) (w : option nat) : bool :=
  match w with Some c' => Nat.eqb c' c | None => false end.

(* A DSB by [c]: its stores are complete (walkers see them), and its TLBIs are complete:
   stale entries they cover are gone, except those marked in [g_tnew c]. *)
Definition g_dsb (c : nat) (G : ghost) : ghost :=
  mkG (g_mem G)
      (fun a => if fenced_by c (g_pw G a) then g_mem G a else g_top G a)
      (fun a => if fenced_by c (g_pw G a) then g_mem G a else g_mid G a)
      (fun a => if fenced_by c (g_pw G a) then None else g_pw G a)
      (fun v ipa r k => g_stale G v ipa r k /\
                        ~ (covers_any (g_tops G c) v ipa k = true /\ ~ g_tnew G c v ipa r k))
      (updn (g_tops G) c [])
      (fun c' v ipa r k => c' <> c /\ g_tnew G c' v ipa r k)
      (g_happy G).

(* The ghost effect of one label, given the CPUs' current VMIDs. *)
Definition g_label (ctx : nat -> Z) (l : label) (G : ghost) : ghost :=
  match l with
  | LWrite c a x => g_write c a x G
  | LRead c a _ => g_read c a G
  | LBar c DSB_ISH => g_dsb c G
  | LTlbi c k => g_tlbi c (ctx c, k) G
  | _ => G
  end.

Definition ctx_label (ctx : nat -> Z) (l : label) : nat -> Z :=
  match l with LSetVM c v => updn ctx c v | _ => ctx end.

(* The ghost state after a label sequence; a sequence is happy if this state is. *)
Fixpoint grun (ctx : nat -> Z) (G : ghost) (tr : list label) : ghost :=
  match tr with
  | [] => G
  | l :: tr' => grun (ctx_label ctx l) (g_label ctx l G) tr'
  end.

Definition happy_trace (m0 : Z -> Z) (ctx0 : nat -> Z) (tr : list label) : Prop :=
  g_happy (grun ctx0 (ginit m0) tr).

(* Derived views (documentation; used by the conditions):
   effective mappings, and the per-VM phase of MMU.md 5.5 (C3): a VM is in its mapping phase
   when none of its translations is stale. *)
Definition eff (G : ghost) (v ipa : Z) (r : wres) : Prop :=
  r <> Fault /\ (walk (g_mem G) (root v) ipa = r \/ exists k, g_stale G v ipa r k).

Definition mapping_phase (G : ghost) (v : Z) : Prop :=
  forall ipa r k, ~ g_stale G v ipa r k.

End Ghost.
