(* MMU/RL3.v -- TRUSTED.  The Arm hardware model: CPUs numbered by [nat], page-table memory as
   seen by the translation table walkers, per-CPU write buffers, VTTBR_EL2.VMID, in-flight walks,
   walk caches, TLBs, and TLBI operations not yet performed.  Each rule says which Arm behaviour
   it stands for.  The ghost state of MMU/Ghost.v is updated on labelled steps only.

   Simplifications (each one gives the model MORE behaviours than the hardware, which is the
   safe direction for a trusted model, except where said):
   - TLB entries, walk-cache entries and walks are per IPA (a block or page entry of the
     hardware is represented by one entry per IPA it translates, filled by separate walks at
     the same time); a TLBI by IPA removes the entries of that 4 KB page only.
   - DMB ST has no effect (the walkers are not ordered by DMB; stores reach the walkers through
     the drain steps only, and a DSB waits for them).
   - [LSetVM] stands for "MSR VTTBR_EL2; ISB" (the ISB drops the CPU's in-flight walks).
   - Not modelled: hardware Access-flag/Dirty-bit updates (condition C10 requires them off),
     stage 1 (combined entries carry the IPA stage 1 produced), TLB conflict aborts and
     amalgamation (break-before-make in [happy] excludes the conflicting states). *)
From Coq Require Import ZArith List Bool.
From AutoV.MMU Require Import Desc Labels Ghost LTS.
Import ListNotations.
Open Scope Z_scope.

(* The value a CPU reads at [a]: its own latest buffered store to [a], else [d]. *)
Definition lastw (a : Z) (w : list (Z * Z)) (d : Z) : Z :=
  fold_left (fun acc e => if fst e =? a then snd e else acc) w d.

Record st3 := mk3 {
  r3_mem : Z -> Z;                 (* page-table memory (what walkers read) *)
  r3_wbuf : nat -> list (Z * Z);   (* write buffers, oldest store first *)
  r3_ctx : nat -> Z;               (* VTTBR_EL2.VMID *)
  r3_walks : nat -> list partial;  (* in-flight walks *)
  r3_wc : nat -> list partial;     (* walk caches *)
  r3_tlb : nat -> list tentry;     (* TLBs *)
  r3_tq : nat -> list tlbi_op;     (* issued TLBIs not yet performed *)
  r3_gh : ghost }.

(* One update function per field. *)
Definition w3_mem s x := mk3 x (r3_wbuf s) (r3_ctx s) (r3_walks s) (r3_wc s) (r3_tlb s) (r3_tq s) (r3_gh s).
Definition w3_wbuf s x := mk3 (r3_mem s) x (r3_ctx s) (r3_walks s) (r3_wc s) (r3_tlb s) (r3_tq s) (r3_gh s).
Definition w3_ctx s x := mk3 (r3_mem s) (r3_wbuf s) x (r3_walks s) (r3_wc s) (r3_tlb s) (r3_tq s) (r3_gh s).
Definition w3_walks s x := mk3 (r3_mem s) (r3_wbuf s) (r3_ctx s) x (r3_wc s) (r3_tlb s) (r3_tq s) (r3_gh s).
Definition w3_wc s x := mk3 (r3_mem s) (r3_wbuf s) (r3_ctx s) (r3_walks s) x (r3_tlb s) (r3_tq s) (r3_gh s).
Definition w3_tlb s x := mk3 (r3_mem s) (r3_wbuf s) (r3_ctx s) (r3_walks s) (r3_wc s) x (r3_tq s) (r3_gh s).
Definition w3_tq s x := mk3 (r3_mem s) (r3_wbuf s) (r3_ctx s) (r3_walks s) (r3_wc s) (r3_tlb s) x (r3_gh s).
Definition w3_gh s x := mk3 (r3_mem s) (r3_wbuf s) (r3_ctx s) (r3_walks s) (r3_wc s) (r3_tlb s) (r3_tq s) x.

(* Performing a TLBI removes what it covers from every CPU's TLB, walk cache and walks. *)
Definition perform3 (o : tlbi_op) (s : st3) : st3 :=
  w3_tlb (w3_wc (w3_walks s
    (fun c => filter (fun P => negb (wcovers o P)) (r3_walks s c)))
    (fun c => filter (fun P => negb (wcovers o P)) (r3_wc s c)))
    (fun c => filter (fun e => negb (tcovers o e)) (r3_tlb s c)).

Section RL3.
Variable root : Z -> Z.   (* stage-2 root table of each VMID *)

Inductive step3 : st3 -> label -> st3 -> Prop :=
(* STR to page-table memory: the store enters the CPU's write buffer.  Ghost: recorded in
   program order and checked against the discipline ([happy_write]). *)
| s3_write : forall s c a x,
    step3 s (LWrite c a x)
      (w3_gh (w3_wbuf s (updn (r3_wbuf s) c (r3_wbuf s c ++ [(a, x)])))
             (g_write root c a x (r3_gh s)))
(* The memory system completes a buffered store: any one, as long as no older store of the
   same buffer is to the same address (stores to one address complete in order, stores to
   different addresses in any order). *)
| s3_drain : forall s c w1 a x w2,
    r3_wbuf s c = w1 ++ (a, x) :: w2 -> Forall (fun e => fst e <> a) w1 ->
    step3 s LTau (w3_wbuf (w3_mem s (upd (r3_mem s) a x)) (updn (r3_wbuf s) c (w1 ++ w2)))
(* LDR of page-table memory: forwarded from the CPU's own write buffer, else from memory. *)
| s3_read : forall s c a,
    step3 s (LRead c a (lastw a (r3_wbuf s c) (r3_mem s a))) (w3_gh s (g_read c a (r3_gh s)))
(* DMB ST: orders the CPU's stores for other CPUs' loads; it does not make them visible to the
   walkers (only a DSB waits for that), so it changes nothing here. *)
| s3_dmb : forall s c, step3 s (LBar c DMB_ST) s
(* DSB ISH: waits until the CPU's stores are complete (buffer empty) and its TLBIs are
   performed on every CPU.  Ghost: stores fenced, covered stale entries cleaned. *)
| s3_dsb : forall s c,
    r3_wbuf s c = [] -> r3_tq s c = [] ->
    step3 s (LBar c DSB_ISH) (w3_gh s (g_dsb c (r3_gh s)))
(* ISB: context synchronisation; translations restart, so in-flight walks are dropped. *)
| s3_isb : forall s c, step3 s (LBar c ISB) (w3_walks s (updn (r3_walks s) c []))
(* TLBI ...IS: broadcast; queued, tagged with the issuer's current VMID. *)
| s3_tlbi : forall s c k,
    step3 s (LTlbi c k)
      (w3_gh (w3_tq s (updn (r3_tq s) c (r3_tq s c ++ [(r3_ctx s c, k)])))
             (g_tlbi root c (r3_ctx s c, k) (r3_gh s)))
(* A queued TLBI is performed, at any time before the issuer's DSB completes, in any order. *)
| s3_perform : forall s c q1 o q2,
    r3_tq s c = q1 ++ o :: q2 ->
    step3 s LTau (perform3 o (w3_tq s (updn (r3_tq s) c (q1 ++ q2))))
(* MSR VTTBR_EL2 + ISB: the CPU now translates for VMID [v]. *)
| s3_setvm : forall s c v,
    step3 s (LSetVM c v) (w3_walks (w3_ctx s (updn (r3_ctx s) c v)) (updn (r3_walks s) c []))
(* The walker starts a (possibly speculative) walk for any IPA from the VMID's root table. *)
| s3_walk_init : forall s c ipa,
    step3 s LTau (w3_walks s (updn (r3_walks s) c
      (mkP (r3_ctx s c) ipa 0 (root (r3_ctx s c)) :: r3_walks s c)))
(* ... or resumes from a walk-cache entry of the current VMID. *)
| s3_walk_cached : forall s c P,
    In P (r3_wc s c) -> p_vmid P = r3_ctx s c ->
    step3 s LTau (w3_walks s (updn (r3_walks s) c (P :: r3_walks s c)))
(* The walk cache keeps a copy of an in-flight walk's position; entries may be evicted. *)
| s3_wc_fill : forall s c P,
    In P (r3_walks s c) -> step3 s LTau (w3_wc s (updn (r3_wc s) c (P :: r3_wc s c)))
| s3_wc_evict : forall s c w1 P w2,
    r3_wc s c = w1 ++ P :: w2 -> step3 s LTau (w3_wc s (updn (r3_wc s) c (w1 ++ w2)))
(* A walk reads one descriptor from MEMORY (never from a write buffer) and goes down to the
   next-level table. *)
| s3_walk_next : forall s c w1 P w2 b,
    r3_walks s c = w1 ++ P :: w2 ->
    wstep (p_lvl P) (r3_mem s (entry_of P)) = WNext b ->
    step3 s LTau (w3_walks s (updn (r3_walks s) c
      (w1 ++ mkP (p_vmid P) (p_ipa P) (S (p_lvl P)) b :: w2)))
(* ... or reads a leaf: the walk completes and fills the TLB (stage-2 or combined entry). *)
| s3_walk_leaf : forall s c w1 P w2 k,
    r3_walks s c = w1 ++ P :: w2 ->
    wstep (p_lvl P) (r3_mem s (entry_of P)) = WLeaf ->
    step3 s LTau (w3_tlb (w3_walks s (updn (r3_walks s) c (w1 ++ w2)))
      (updn (r3_tlb s) c
        (mkT (p_vmid P) (p_ipa P) (Leaf (p_lvl P) (r3_mem s (entry_of P))) k :: r3_tlb s c)))
(* ... or reads an invalid (or reserved) descriptor: the access it serves takes a stage-2
   translation fault (faults are not cached). *)
| s3_walk_fault : forall s c w1 P w2,
    r3_walks s c = w1 ++ P :: w2 ->
    wstep (p_lvl P) (r3_mem s (entry_of P)) = WFault ->
    step3 s (LAccess c (p_vmid P) (p_ipa P) None)
      (w3_walks s (updn (r3_walks s) c (w1 ++ w2)))
(* A speculative walk may be abandoned. *)
| s3_walk_drop : forall s c w1 P w2,
    r3_walks s c = w1 ++ P :: w2 ->
    step3 s LTau (w3_walks s (updn (r3_walks s) c (w1 ++ w2)))
(* TLB entries may be evicted at any time. *)
| s3_tlb_evict : forall s c t1 e t2,
    r3_tlb s c = t1 ++ e :: t2 ->
    step3 s LTau (w3_tlb s (updn (r3_tlb s) c (t1 ++ t2)))
(* A guest access that hits a TLB entry of the current VMID. *)
| s3_hit : forall s c e pa,
    In e (r3_tlb s c) -> t_vmid e = r3_ctx s c -> pa_of (t_ipa e) (t_res e) = Some pa ->
    step3 s (LAccess c (t_vmid e) (t_ipa e) (Some pa)) s.

(* Boot: page-table memory [m0], any VMIDs, empty buffers, walks, caches and TLBs. *)
Definition init3 (s : st3) : Prop :=
  exists m0 ctx0,
    s = mk3 m0 (fun _ => []) ctx0 (fun _ => []) (fun _ => []) (fun _ => []) (fun _ => []) (ginit m0).

Definition RL3 : lts label := mkLTS st3 init3 step3.

Definition happy3 (s : st3) : Prop := g_happy (r3_gh s).

End RL3.
