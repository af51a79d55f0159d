(* Hand-written part of the refinement proof of `get_val` (PROJ_PROOFS of proof.v, copied by
   `autov build` into the generated project as Proofs/proofs.v): the code halves the stored raw
   value, which the relation says is twice Val's value. *)
From Coq Require Import String ZArith List Bool Lia.
From AutoV Require Import All Build GenTactics.
From Relpass.Val Require Import RefineRel.
Local Open Scope Z_scope.

Lemma half_double : forall v, 0 <= v < 4611686018427387904 ->
  ilshr 64 (wrap 64 (wrap 64 (2 * v))) 1 = v.
Proof.
  intros v Hv. unfold ilshr. rewrite !(wrap_small 64 (2 * v)) by (eval_pow2; lia).
  change (wrap 64 1) with 1. rewrite Z.shiftr_div_pow2 by lia.
  replace (2 * v / 2 ^ 1) with v by (rewrite Z.pow_1_r, Z.mul_comm, Z.div_mul; lia).
  reflexivity.
Qed.

Ltac ref_user hspec lspec R ::=
  lazymatch hspec with
  | get_val_spec =>
      match goal with
      | H : get_val_spec ?hs = Some _, HR : R ?hs ?ls |- _ =>
          let HR' := fresh in pose proof HR as HR'; unfold R, val_rel in HR'; destruct HR' as (T & E & V1 & V2);
          unfold get_val_spec in H; injection H as <- <-;
          unfold lspec, get_raw_spec; cbn; eexists; split;
          [ rewrite E, half_double by lia; reflexivity | exact HR ]
      end
  end.
