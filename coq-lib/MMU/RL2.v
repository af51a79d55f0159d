(* MMU/RL2.v -- abstract model (proved to simulate RL3 in MMU/R32.v).
   RL3 with the per-CPU translation structures folded into global sets:
   - walk caches, in-flight walks and their copies on every CPU become ONE set of partial walks
     "started since boot" (a walk-cache entry is a walk that can be resumed; ISB, context
     switches, evictions and abandoned walks only forget walks, which RL2 need not do);
   - the CPUs' TLBs become one set of entries; TLB evictions disappear.
   - a TLBI and its issuer's DSB are one atomic step (MMU/Sync.v): the DSB removes what the
     CPU's pending TLBIs cover, except entries filled since a covering TLBI was issued.
   Kept from RL3: page-table memory, write buffers (stores reach walkers only when drained),
   VMIDs, the ghost state. *)
From Coq Require Import ZArith List Bool.
From AutoV.MMU Require Import Desc Labels Ghost LTS RL3 Sync.
Import ListNotations.
Open Scope Z_scope.

Record st2 := mk2 {
  r2_mem : Z -> Z;
  r2_wbuf : nat -> list (Z * Z);
  r2_ctx : nat -> Z;
  r2_walks : partial -> Prop;
  r2_tlb : tentry -> Prop;
  r2_tq : nat -> list pend;
  r2_gh : ghost }.

Definition w2_mem s x := mk2 x (r2_wbuf s) (r2_ctx s) (r2_walks s) (r2_tlb s) (r2_tq s) (r2_gh s).
Definition w2_wbuf s x := mk2 (r2_mem s) x (r2_ctx s) (r2_walks s) (r2_tlb s) (r2_tq s) (r2_gh s).
Definition w2_ctx s x := mk2 (r2_mem s) (r2_wbuf s) x (r2_walks s) (r2_tlb s) (r2_tq s) (r2_gh s).
Definition w2_walks s x := mk2 (r2_mem s) (r2_wbuf s) (r2_ctx s) x (r2_tlb s) (r2_tq s) (r2_gh s).
Definition w2_tlb s x := mk2 (r2_mem s) (r2_wbuf s) (r2_ctx s) (r2_walks s) x (r2_tq s) (r2_gh s).
Definition w2_tq s x := mk2 (r2_mem s) (r2_wbuf s) (r2_ctx s) (r2_walks s) (r2_tlb s) x (r2_gh s).
Definition w2_gh s x := mk2 (r2_mem s) (r2_wbuf s) (r2_ctx s) (r2_walks s) (r2_tlb s) (r2_tq s) x.

Section RL2.
Variable root : Z -> Z.

Inductive step2 : st2 -> label -> st2 -> Prop :=
| s2_write : forall s c a x,
    step2 s (LWrite c a x)
      (w2_gh (w2_wbuf s (updn (r2_wbuf s) c (r2_wbuf s c ++ [(a, x)])))
             (g_write root c a x (r2_gh s)))
| s2_drain : forall s c w1 a x w2,
    r2_wbuf s c = w1 ++ (a, x) :: w2 -> Forall (fun e => fst e <> a) w1 ->
    step2 s LTau (w2_wbuf (w2_mem s (upd (r2_mem s) a x)) (updn (r2_wbuf s) c (w1 ++ w2)))
| s2_read : forall s c a,
    step2 s (LRead c a (lastw a (r2_wbuf s c) (r2_mem s a))) (w2_gh s (g_read c a (r2_gh s)))
| s2_dmb : forall s c, step2 s (LBar c DMB_ST) s
| s2_dsb : forall s c,
    r2_wbuf s c = [] ->
    step2 s (LBar c DSB_ISH)
      (w2_gh (w2_tq (w2_tlb s (fun e => r2_tlb s e /\ survives (r2_tq s c) e))
                    (updn (r2_tq s) c []))
             (g_dsb c (r2_gh s)))
| s2_isb : forall s c, step2 s (LBar c ISB) s
| s2_tlbi : forall s c k,
    step2 s (LTlbi c k)
      (w2_gh (w2_tq s (updn (r2_tq s) c (r2_tq s c ++ [issue (r2_ctx s c, k)])))
             (g_tlbi root c (r2_ctx s c, k) (r2_gh s)))
| s2_setvm : forall s c v, step2 s (LSetVM c v) (w2_ctx s (updn (r2_ctx s) c v))
| s2_walk_init : forall s v ipa,
    step2 s LTau (w2_walks s (fun P => r2_walks s P \/ P = mkP v ipa 0 (root v)))
| s2_walk_next : forall s P b,
    r2_walks s P -> wstep (p_lvl P) (r2_mem s (entry_of P)) = WNext b ->
    step2 s LTau (w2_walks s (fun Q => r2_walks s Q \/ Q = mkP (p_vmid P) (p_ipa P) (S (p_lvl P)) b))
| s2_walk_leaf : forall s P k E,
    r2_walks s P -> wstep (p_lvl P) (r2_mem s (entry_of P)) = WLeaf ->
    E = mkT (p_vmid P) (p_ipa P) (Leaf (p_lvl P) (r2_mem s (entry_of P))) k ->
    step2 s LTau (w2_tq (w2_tlb s (fun e => r2_tlb s e \/ e = E)) (fun c => filled E (r2_tq s c)))
| s2_walk_fault : forall s c P,
    r2_walks s P -> p_vmid P = r2_ctx s c ->
    wstep (p_lvl P) (r2_mem s (entry_of P)) = WFault ->
    step2 s (LAccess c (p_vmid P) (p_ipa P) None) s
| s2_hit : forall s c e pa,
    r2_tlb s e -> t_vmid e = r2_ctx s c -> pa_of (t_ipa e) (t_res e) = Some pa ->
    step2 s (LAccess c (t_vmid e) (t_ipa e) (Some pa)) s.

Definition init2 (s : st2) : Prop :=
  exists m0 ctx0,
    s = mk2 m0 (fun _ => []) ctx0 (fun _ => False) (fun _ => False) (fun _ => []) (ginit m0).

Definition RL2 : lts label := mkLTS st2 init2 step2.

Definition happy2 (s : st2) : Prop := g_happy (r2_gh s).

End RL2.
