(* MMU/SCT.v -- the top of the MMU stack: sequential consistency with transactional page
   tables.  No TLBs, no buffers, no walkers: page-table memory is the writer view [g_mem].
   A guest access of ([v], [ipa]) on a CPU running VMID [v]
   - reaches the physical address of the current walk's leaf, or of a STALE leaf (a mapping
     removed since the last TLB invalidation that covers it);
   - faults if the current walk faults, or if the access is FRESH (a validating store is not
     yet fenced, so walkers may not see it).
   With no stale and no fresh entries for [v] this is exactly the semantics the generated
   sequential proofs assume: an access goes through the current stage-2 walk
   ([sc_access], [no_pending_means_sc] in MMU/Compose.v). *)
From Coq Require Import ZArith List Bool.
From AutoV.MMU Require Import Desc Labels Ghost LTS.
Import ListNotations.
Open Scope Z_scope.

Record stS := mkS { sc_ctx : nat -> Z; sc_gh : ghost }.

Section SCT.
Variable root : Z -> Z.

Inductive stepS : stS -> label -> stS -> Prop :=
| sS_write : forall s c a x,
    stepS s (LWrite c a x) (mkS (sc_ctx s) (g_write root c a x (sc_gh s)))
| sS_read : forall s c a,
    stepS s (LRead c a (g_mem (sc_gh s) a)) (mkS (sc_ctx s) (g_read c a (sc_gh s)))
| sS_dmb : forall s c, stepS s (LBar c DMB_ST) s
| sS_dsb : forall s c, stepS s (LBar c DSB_ISH) (mkS (sc_ctx s) (g_dsb c (sc_gh s)))
| sS_isb : forall s c, stepS s (LBar c ISB) s
| sS_tlbi : forall s c k,
    stepS s (LTlbi c k) (mkS (sc_ctx s) (g_tlbi root c (sc_ctx s c, k) (sc_gh s)))
| sS_setvm : forall s c v, stepS s (LSetVM c v) (mkS (updn (sc_ctx s) c v) (sc_gh s))
| sS_hit : forall s c v ipa r k pa,
    v = sc_ctx s c ->
    (walk (g_mem (sc_gh s)) (root v) ipa = r \/ g_stale (sc_gh s) v ipa r k) ->
    pa_of ipa r = Some pa ->
    stepS s (LAccess c v ipa (Some pa)) s
| sS_fault : forall s c v ipa,
    v = sc_ctx s c ->
    (walk (g_mem (sc_gh s)) (root v) ipa = Fault \/ fresh root (sc_gh s) v ipa) ->
    stepS s (LAccess c v ipa None) s.

Definition initS (s : stS) : Prop := exists m0 ctx0, s = mkS ctx0 (ginit m0).

Definition SCT : lts label := mkLTS stS initS stepS.

Definition happyS (s : stS) : Prop := g_happy (sc_gh s).

(* The sequential semantics of a guest access: through the current walk. *)
Definition sc_access (s : stS) (c : nat) (v ipa : Z) (res : option Z) : Prop :=
  v = sc_ctx s c /\ res = pa_of ipa (walk (g_mem (sc_gh s)) (root v) ipa).

(* The sequential model the generated proofs assume: SCT whose accesses go through the current
   walk only ([no_pending_means_sc]: SCT is SC when nothing is stale or fresh). *)
Definition stepSC (s : stS) (l : label) (s' : stS) : Prop :=
  stepS s l s' /\ (forall c v ipa res, l = LAccess c v ipa res -> sc_access s c v ipa res).

Definition SC : lts label := mkLTS stS initS stepSC.

End SCT.
