(** A call to a layer primitive ([bump], specified by [bump_spec]). *)
From AutoV Require Import All.
From Prog Require Import Globals Code.
From T Require Import Layers.
Local Open Scope Z_scope.

Definition callp_spec (k : Z) (m : Mem) : option (Z * Mem) :=
  when r, m1 == bump_spec k m;
  Some (add32 r 1, m1).

Lemma callp_correct : forall k m r m',
  callp_spec k m = Some (r, m') ->
  exec_func L0 code g_callp [Vint 32 k] m m' (Some (Vint 32 r)).
Proof. intros * H; unfold callp_spec in H; destruct_spec H; vcgen. Qed.

(** The same with the callee spec opaque (as generated code proofs do): the
    call is matched against the hypothesis produced by [destruct_spec]. *)
Section OPAQUE.
Local Opaque bump_spec.
Lemma callp_correct_opaque : forall k m r m',
  callp_spec k m = Some (r, m') ->
  exec_func L0 code g_callp [Vint 32 k] m m' (Some (Vint 32 r)).
Proof. intros * H; unfold callp_spec in H; destruct_spec H; vcgen. Qed.
End OPAQUE.
