(* Hand-written facts about the trusted lock specs of state.v (PROJ_PROOFS of proof.v, copied by
   `autov build` into the generated project as Proofs/locks.v). They pin down what the bottom
   layer trusts: an acquire followed by a release of the same lock leaves every lock holder as it
   was, and a lock this CPU acquired is held by it. A bottom spec that forgot to clear the holder,
   or took the lock for another CPU, fails here. *)
From Coq Require Import String ZArith List Bool Lia.
From AutoV Require Import All Build GenTactics.
From SeKVM Require Import GlobalDefs.
Import ListNotations.
Local Open Scope Z_scope.

Lemma acquire_release_restores_locks : forall k st st1 st2 j,
  lock_acquire k st = Some st1 ->
  lock_release k st1 = Some st2 ->
  st2.(locks) @ j = st.(locks) @ j.
Proof.
  unfold lock_acquire, lock_release, lock_held; intros k st st1 st2 j H1 H2.
  destruct (st.(locks) @ k =? 0) eqn:Free; [ | discriminate H1 ].
  injection H1 as <-. cbn in H2.
  match type of H2 with (if ?c then _ else _) = _ => destruct c; [ | discriminate H2 ] end.
  injection H2 as <-. cbn.
  rewrite !ZMap.gsspec.
  destruct (j =? k) eqn:E; [ | reflexivity ].
  apply Z.eqb_eq in E; apply Z.eqb_eq in Free; subst; auto.
Qed.

Lemma acquire_holds : forall k st st1,
  lock_acquire k st = Some st1 -> lock_held st1 k = true.
Proof.
  unfold lock_acquire, lock_held; intros k st st1 H.
  destruct (st.(locks) @ k =? 0); [ | discriminate H ].
  injection H as <-; cbn.
  rewrite ZMap.gss. apply Z.eqb_refl.
Qed.
