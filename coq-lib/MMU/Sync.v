(* MMU/Sync.v -- abstract (shared by the models RL2 and RL1).  A TLBI that acts atomically at
   its issuer's DSB.  In the hardware (RL3) a TLBI may be performed at any time between its
   issue and the DSB, and walkers may refill the TLB after it was performed; so the DSB removes
   the entries a pending TLBI covers EXCEPT those filled since that TLBI was issued, which the
   hardware may have refilled after performing it.  Each pending TLBI carries those entries. *)
From Coq Require Import ZArith List Bool.
From AutoV.MMU Require Import Desc Labels.
Import ListNotations.

Record pend := mkPend { pd_op : tlbi_op; pd_young : tentry -> Prop }.

(* Issued: nothing filled since. *)
Definition issue (o : tlbi_op) : pend := mkPend o (fun _ => False).

(* A TLB fill of [e]: every pending TLBI sees it as filled after its issue. *)
Definition filled (e : tentry) (q : list pend) : list pend :=
  map (fun p => mkPend (pd_op p) (fun e' => pd_young p e' \/ e' = e)) q.

(* An entry survives the DSB of a CPU with pending TLBIs [q] if every one of them that covers
   it may have been performed before the entry was filled. *)
Definition survives (q : list pend) (e : tentry) : Prop :=
  forall p, In p q -> tcovers (pd_op p) e = true -> pd_young p e.

Lemma ops_filled e q : map pd_op (filled e q) = map pd_op q.
Proof. unfold filled. rewrite map_map. reflexivity. Qed.

Lemma in_filled e q p :
  In p (filled e q) ->
  exists p0, In p0 q /\ pd_op p = pd_op p0 /\ (forall e', pd_young p e' <-> pd_young p0 e' \/ e' = e).
Proof.
  unfold filled. intros H. apply in_map_iff in H as (p0 & <- & H). exists p0. cbn. auto using iff_refl.
Qed.
