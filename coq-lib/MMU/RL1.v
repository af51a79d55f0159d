(* MMU/RL1.v -- abstract model (proved to simulate RL2 in MMU/R21.v).
   No write buffers and atomic walks.  Page-table memory is the writer view [g_mem]; what the
   walkers of RL2 could still see of unfenced stores is explicit:
   - a TLB fill is an atomic walk of [g_top] (the writer view with the unfenced invalidations
     undone): it yields the current leaf or a stale one (explicit stale fills);
   - a fault is an atomic walk of [g_mid] (the unfenced validations undone) that faults.
   Kept: one global TLB set, TLBIs atomic with the issuer's DSB (MMU/Sync.v), VMIDs, the ghost
   state. *)
From Coq Require Import ZArith List Bool.
From AutoV.MMU Require Import Desc Labels Ghost LTS Sync.
Import ListNotations.
Open Scope Z_scope.

Record st1 := mk1 {
  r1_ctx : nat -> Z;
  r1_tlb : tentry -> Prop;
  r1_tq : nat -> list pend;
  r1_gh : ghost }.

Definition w1_ctx s x := mk1 x (r1_tlb s) (r1_tq s) (r1_gh s).
Definition w1_tlb s x := mk1 (r1_ctx s) x (r1_tq s) (r1_gh s).
Definition w1_tq s x := mk1 (r1_ctx s) (r1_tlb s) x (r1_gh s).
Definition w1_gh s x := mk1 (r1_ctx s) (r1_tlb s) (r1_tq s) x.

Section RL1.
Variable root : Z -> Z.

Inductive step1 : st1 -> label -> st1 -> Prop :=
| s1_write : forall s c a x, step1 s (LWrite c a x) (w1_gh s (g_write root c a x (r1_gh s)))
| s1_read : forall s c a,
    step1 s (LRead c a (g_mem (r1_gh s) a)) (w1_gh s (g_read c a (r1_gh s)))
| s1_dmb : forall s c, step1 s (LBar c DMB_ST) s
| s1_dsb : forall s c,
    step1 s (LBar c DSB_ISH)
      (w1_gh (w1_tq (w1_tlb s (fun e => r1_tlb s e /\ survives (r1_tq s c) e))
                    (updn (r1_tq s) c []))
             (g_dsb c (r1_gh s)))
| s1_isb : forall s c, step1 s (LBar c ISB) s
| s1_tlbi : forall s c k,
    step1 s (LTlbi c k)
      (w1_gh (w1_tq s (updn (r1_tq s) c (r1_tq s c ++ [issue (r1_ctx s c, k)])))
             (g_tlbi root c (r1_ctx s c, k) (r1_gh s)))
| s1_setvm : forall s c v, step1 s (LSetVM c v) (w1_ctx s (updn (r1_ctx s) c v))
| s1_fill : forall s v ipa l d k E,
    walk (g_top (r1_gh s)) (root v) ipa = Leaf l d -> E = mkT v ipa (Leaf l d) k ->
    step1 s LTau (w1_tq (w1_tlb s (fun e => r1_tlb s e \/ e = E)) (fun c => filled E (r1_tq s c)))
| s1_fault : forall s c v ipa,
    v = r1_ctx s c -> walk (g_mid (r1_gh s)) (root v) ipa = Fault ->
    step1 s (LAccess c v ipa None) s
| s1_hit : forall s c e pa,
    r1_tlb s e -> t_vmid e = r1_ctx s c -> pa_of (t_ipa e) (t_res e) = Some pa ->
    step1 s (LAccess c (t_vmid e) (t_ipa e) (Some pa)) s.

Definition init1 (s : st1) : Prop :=
  exists m0 ctx0, s = mk1 ctx0 (fun _ => False) (fun _ => []) (ginit m0).

Definition RL1 : lts label := mkLTS st1 init1 step1.

Definition happy1 (s : st1) : Prop := g_happy (r1_gh s).

End RL1.
