(** * Determinism of the semantics (given deterministic primitives). *)
From Coq Require Import ZArith List.
From AutoV Require Import Syntax Ints Values Eval Sem.
Import ListNotations.

Section DET.
Variable L : layer.
Variable ge : code.

Definition prims_deterministic : Prop :=
  forall f vs st st1 r1 st2 r2,
    lprim L f vs st st1 r1 -> lprim L f vs st st2 r2 -> st1 = st2 /\ r1 = r2.

Hypothesis PD : prims_deterministic.

Lemma loop_again_out : forall o, loop_again o = true -> loop_out o = None.
Proof. destruct o as [| |[|]|]; cbn; congruence. Qed.

Ltac same :=
  repeat match goal with
  | H1 : ?a = Some _, H2 : ?a = Some _ |- _ =>
      rewrite H1 in H2; injection H2; clear H2; intros; subst
  | H1 : ?a = None, H2 : ?a = Some _ |- _ => rewrite H1 in H2; discriminate H2
  | H1 : ?a = Some _, H2 : ?a = None |- _ => rewrite H1 in H2; discriminate H2
  end.

Theorem exec_deterministic :
  (forall e st s e1 st1 o1, exec_stmt L ge e st s e1 st1 o1 ->
     forall e2 st2 o2, exec_stmt L ge e st s e2 st2 o2 -> e1 = e2 /\ st1 = st2 /\ o1 = o2) /\
  (forall f vs st st1 r1, exec_func L ge f vs st st1 r1 ->
     forall st2 r2, exec_func L ge f vs st st2 r2 -> st1 = st2 /\ r1 = r2).
Proof.
  apply (exec_stmt_mut_combined L ge
    (fun e st s e1 st1 o1 _ => forall e2 st2 o2, exec_stmt L ge e st s e2 st2 o2 -> e1 = e2 /\ st1 = st2 /\ o1 = o2)
    (fun f vs st st1 r1 _ => forall st2 r2, exec_func L ge f vs st st2 r2 -> st1 = st2 /\ r1 = r2));
  intros;
  lazymatch goal with
  | |- ?a = ?b /\ _ /\ _ =>
      match goal with H : exec_stmt _ _ _ _ _ b _ _ |- _ => inversion H; subst; clear H end
  | |- ?a = ?b /\ _ =>
      match goal with H : exec_func _ _ _ _ _ b _ |- _ => inversion H; subst; clear H end
  end;
  same;
  (* [same] after each use of an induction hypothesis: a call's result fixes the environment in
     which the next statement runs ([Sinvoke]). *)
  (* An induction hypothesis is used on the other derivation, never on its own one. *)
  repeat (match goal with
  | IH : forall e2 st2 o2, exec_stmt L ge ?e ?st ?s e2 st2 o2 -> ?a = e2 /\ ?b = st2 /\ ?c = o2,
    H : exec_stmt L ge ?e ?st ?s ?a' ?b' ?c' |- _ =>
      tryif (constr_eq a a'; constr_eq b b'; constr_eq c c') then fail else
      (destruct (IH _ _ _ H) as (? & ? & ?); clear IH H; subst)
  | IH : forall st2 r2, exec_func L ge ?f ?vs ?st st2 r2 -> ?a = st2 /\ ?b = r2,
    H : exec_func L ge ?f ?vs ?st ?a' ?b' |- _ =>
      tryif (constr_eq a a'; constr_eq b b') then fail else
      (destruct (IH _ _ H) as (? & ?); clear IH H; subst)
  end; same);
  same;
  try (repeat split; congruence).
  all: try match goal with
       | H1 : loop_again ?o = true, H2 : loop_out ?o = Some _ |- _ =>
           rewrite (loop_again_out _ H1) in H2; discriminate H2
       end.
  eapply PD; eauto.
Qed.
End DET.

Corollary exec_func_deterministic : forall L ge,
  prims_deterministic L ->
  forall f vs st st1 r1 st2 r2,
    exec_func L ge f vs st st1 r1 -> exec_func L ge f vs st st2 r2 -> st1 = st2 /\ r1 = r2.
Proof. intros L ge PD; intros. eapply (proj2 (exec_deterministic L ge PD)); eauto. Qed.

(** Layers given by functional specs are deterministic. *)
Lemma prims_rel_deterministic : forall L ps,
  lprim L = prims_rel ps -> prims_deterministic L.
Proof.
  unfold prims_deterministic, prims_rel; intros L ps E f vs st st1 r1 st2 r2 H1 H2.
  rewrite E in H1, H2. destruct H1 as (p & F1 & P1), H2 as (p' & F2 & P2).
  rewrite F1 in F2. injection F2; intros; subst. rewrite P1 in P2. injection P2; auto.
Qed.
