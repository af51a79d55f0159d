(* MMU/LTS.v -- proved.  Labelled transition systems over a label type with a silent label,
   executions and their visible traces, forward simulation with stuttering under a predicate on
   the source's post-states ("happy"), vertical composition of simulations, trace inclusion, and
   the theorem that a simulation gives trace inclusion. *)
From Coq Require Import List.
Import ListNotations.

Section LTS.
Variable L : Type.
Variable tau : L.

Record lts := mkLTS {
  lst : Type;
  linit : lst -> Prop;
  lstep : lst -> L -> lst -> Prop }.

(* [exec A s tr s']: [A] goes from [s] to [s'] showing the visible labels [tr]. *)
Inductive exec (A : lts) : lst A -> list L -> lst A -> Prop :=
| exec_nil : forall s, exec A s [] s
| exec_tau : forall s s' tr s'', lstep A s tau s' -> exec A s' tr s'' -> exec A s tr s''
| exec_vis : forall s l s' tr s'', l <> tau -> lstep A s l s' -> exec A s' tr s'' ->
    exec A s (l :: tr) s''.

(* [P] is closed backwards along steps: once false it stays false (like [happy]). *)
Definition back_closed (A : lts) (P : lst A -> Prop) : Prop :=
  forall a l a', lstep A a l a' -> P a' -> P a.

(* Forward simulation with stuttering, for steps into [P]-states: every step of [A] from an
   [R]-related state is matched by one step of [B] with the same label, or, for a silent step,
   by no step at all. *)
Definition fsim (A B : lts) (P : lst A -> Prop) (R : lst A -> lst B -> Prop) : Prop :=
  (forall a, linit A a -> exists b, linit B b /\ R a b) /\
  (forall a b l a', R a b -> lstep A a l a' -> P a' ->
     exists b', R a' b' /\ (lstep B b l b' \/ (l = tau /\ b' = b))).

(* Every visible trace of [A] that ends in a [P]-state is a trace of [B]. *)
Definition traces_incl (A B : lts) (P : lst A -> Prop) : Prop :=
  forall a0 tr a, linit A a0 -> exec A a0 tr a -> P a ->
    exists b0 b, linit B b0 /\ exec B b0 tr b.

Lemma exec_back (A : lts) (P : lst A -> Prop) :
  back_closed A P -> forall a tr a', exec A a tr a' -> P a' -> P a.
Proof.
  intros Hb a tr a' H. induction H; intros Hp; auto; eapply Hb; eauto.
Qed.

Lemma exec_app (A : lts) s1 tr1 s2 tr2 s3 :
  exec A s1 tr1 s2 -> exec A s2 tr2 s3 -> exec A s1 (tr1 ++ tr2) s3.
Proof.
  induction 1; intros H2; simpl; auto.
  - eapply exec_tau; eauto.
  - eapply exec_vis; eauto.
Qed.

Lemma fsim_exec (A B : lts) P R :
  fsim A B P R -> back_closed A P ->
  forall a tr a', exec A a tr a' -> P a' -> forall b, R a b -> exists b', R a' b' /\ exec B b tr b'.
Proof.
  intros [_ Hs] Hb a tr a' H. induction H; intros Hp b Hr.
  - exists b. split; [exact Hr|apply exec_nil].
  - assert (Hp' : P s') by (eapply exec_back; eauto).
    destruct (Hs _ _ _ _ Hr H Hp') as (b1 & Hr1 & [Hst|[_ ->]]).
    + destruct (IHexec Hp _ Hr1) as (b' & Hr' & He). exists b'. split; [exact Hr'|].
      eapply exec_tau; eauto.
    + exact (IHexec Hp _ Hr1).
  - assert (Hp' : P s') by (eapply exec_back; eauto).
    destruct (Hs _ _ _ _ Hr H0 Hp') as (b1 & Hr1 & [Hst|[Ht _]]); [|contradiction].
    destruct (IHexec Hp _ Hr1) as (b' & Hr' & He). exists b'. split; [exact Hr'|].
    eapply exec_vis; eauto.
Qed.

Lemma exec_app_inv (A : lts) s tr1 tr2 s'' :
  exec A s (tr1 ++ tr2) s'' -> exists s', exec A s tr1 s' /\ exec A s' tr2 s''.
Proof.
  intros H. remember (tr1 ++ tr2) as tr eqn:Et. revert tr1 tr2 Et.
  induction H as [s|s s1 tr s'' Hs He IH|s l s1 tr s'' Hl Hs He IH]; intros tr1 tr2 Et.
  - destruct tr1; [|discriminate]. exists s. split; [apply exec_nil|]. destruct tr2; [apply exec_nil|discriminate].
  - destruct (IH _ _ Et) as (s' & H1 & H2). exists s'. split; [eapply exec_tau; eauto|exact H2].
  - destruct tr1 as [|l1 tr1].
    + exists s. split; [apply exec_nil|]. cbn in Et. subst. eapply exec_vis; eauto.
    + injection Et as -> Et. destruct (IH _ _ Et) as (s' & H1 & H2). exists s'.
      split; [eapply exec_vis; eauto|exact H2].
Qed.

(* In an LTS without silent steps, an execution is a sequence of visible steps. *)
Lemma exec_cons_notau (A : lts) s l tr s'' :
  (forall a a', ~ lstep A a tau a') -> exec A s (l :: tr) s'' ->
  exists s', lstep A s l s' /\ exec A s' tr s''.
Proof.
  intros Hn H. inversion H; subst; [exfalso; eapply Hn; eauto|]. eexists; eauto.
Qed.

Lemma exec_nil_notau (A : lts) s s'' :
  (forall a a', ~ lstep A a tau a') -> exec A s [] s'' -> s'' = s.
Proof. intros Hn H. inversion H; subst; [reflexivity|exfalso; eapply Hn; eauto]. Qed.

(* A simulation gives trace inclusion. *)
Theorem fsim_traces (A B : lts) P R : fsim A B P R -> back_closed A P -> traces_incl A B P.
Proof.
  intros Hf Hb a0 tr a Hi He Hp. destruct (proj1 Hf _ Hi) as (b0 & Hb0 & Hr).
  destruct (fsim_exec _ _ _ _ Hf Hb _ _ _ He Hp _ Hr) as (b & _ & Heb).
  exists b0, b. auto.
Qed.

(* Vertical composition: an [A]->[B] simulation under [PA] and a [B]->[C] simulation under
   [PB] compose when [R1]-related [PA]-states are [PB]-states. *)
Theorem fsim_compose (A B C : lts) PA PB R1 R2 :
  fsim A B PA R1 -> fsim B C PB R2 ->
  (forall a b, R1 a b -> PA a -> PB b) ->
  fsim A C PA (fun a c => exists b, R1 a b /\ R2 b c).
Proof.
  intros [Hi1 Hs1] [Hi2 Hs2] HP. split.
  - intros a Ha. destruct (Hi1 _ Ha) as (b & Hb & Hr1). destruct (Hi2 _ Hb) as (c & Hc & Hr2).
    exists c. split; [exact Hc|]. exists b. auto.
  - intros a c l a' (b & Hr1 & Hr2) Hst Hp.
    destruct (Hs1 _ _ _ _ Hr1 Hst Hp) as (b' & Hr1' & [Hb|[Ht ->]]).
    + destruct (Hs2 _ _ _ _ Hr2 Hb (HP _ _ Hr1' Hp)) as (c' & Hr2' & Hc).
      exists c'. split; [exists b'; auto|exact Hc].
    + exists c. split; [exists b; auto|right; auto].
Qed.

(* Simulations may be weakened by strengthening the predicate. *)
Lemma fsim_weaken (A B : lts) (P Q : lst A -> Prop) R :
  (forall a, Q a -> P a) -> fsim A B P R -> fsim A B Q R.
Proof.
  intros HQ [Hi Hs]. split; [exact Hi|]. intros a b l a' Hr Hst Hq. eapply Hs; eauto.
Qed.

End LTS.

Arguments mkLTS {L}.
Arguments lst {L}.
Arguments linit {L}.
Arguments lstep {L}.
