(** * A fuel-based executable interpreter, proved sound w.r.t. [Sem]. *)

From Coq Require Import ZArith List Bool.
From AutoV Require Import Syntax Ints Values Eval Sem.
Import ListNotations.
Local Open Scope Z_scope.

(** ** Environments of the interpreter

    [Sem] uses functions as environments; an interpreter that builds them with [env_set] makes a
    chain of closures that every lookup of a variable not assigned recently walks to its end, so a
    loop of [n] iterations costs [O(n^2)] under [vm_compute].  The interpreter uses a binary trie on
    [positive] instead (a lookup costs the length of the identifier), related to [Sem]'s
    environments by pointwise equality ([tview]). *)

Inductive tenv : Type := Tleaf | Tnode (l : tenv) (o : option val) (r : tenv).

Fixpoint tget (x : positive) (t : tenv) : option val :=
  match t with
  | Tleaf => None
  | Tnode l o r => match x with xH => o | xO y => tget y l | xI y => tget y r end
  end.

Fixpoint tset (x : positive) (v : val) (t : tenv) : tenv :=
  match t, x with
  | Tleaf, xH => Tnode Tleaf (Some v) Tleaf
  | Tleaf, xO y => Tnode (tset y v Tleaf) None Tleaf
  | Tleaf, xI y => Tnode Tleaf None (tset y v Tleaf)
  | Tnode l o r, xH => Tnode l (Some v) r
  | Tnode l o r, xO y => Tnode (tset y v l) o r
  | Tnode l o r, xI y => Tnode l o (tset y v r)
  end.

Definition tview (t : tenv) : env := fun y => tget y t.

Lemma tget_leaf : forall y, tget y Tleaf = None.
Proof. destruct y; reflexivity. Qed.

Lemma tget_tset : forall x y v t, tget y (tset x v t) = env_set x v (tview t) y.
Proof.
  unfold env_set, tview.
  induction x; intros y v t; destruct t, y; cbn; rewrite ?IHx, ?tget_leaf; auto;
    try (destruct (Pos.eqb_spec y x); subst; try rewrite Pos.eqb_refl; auto;
         destruct (Pos.eqb y x) eqn:E; auto; apply Pos.eqb_eq in E; congruence).
Qed.

Definition env_eq (e1 e2 : env) : Prop := forall y, e1 y = e2 y.

Lemma env_eq_set : forall x v e1 e2, env_eq e1 e2 -> env_eq (env_set x v e1) (env_set x v e2).
Proof. unfold env_eq, env_set; intros; destruct (Pos.eqb y x); auto. Qed.

Lemma env_eq_tset : forall x v t e, env_eq e (tview t) -> env_eq (env_set x v e) (tview (tset x v t)).
Proof.
  unfold env_eq; intros. change (tview (tset x v t) y) with (tget y (tset x v t)).
  rewrite tget_tset. apply env_eq_set; auto.
Qed.

Fixpoint tbind (ps : list (ident * typ)) (vs : list val) (t : tenv) : option tenv :=
  match ps, vs with
  | [], [] => Some t
  | (x, _) :: ps', v :: vs' => tbind ps' vs' (tset x v t)
  | _, _ => None
  end.

Definition tset_result (x : option ident) (r : option val) (t : tenv) : option tenv :=
  match x, r with
  | None, _ => Some t
  | Some x, Some v => Some (tset x v t)
  | Some _, None => None
  end.

(** ** Sem's judgements are insensitive to the representation of environments *)

Lemma eval_expr_ext : forall p2i fl e1 e2 a,
  env_eq e1 e2 -> eval_expr p2i fl e1 a = eval_expr p2i fl e2 a.
Proof.
  intros p2i fl e1 e2 a H; induction a; cbn; rewrite ?IHa, ?IHa1, ?IHa2, ?IHa3; auto.
Qed.

Lemma eval_exprs_ext : forall p2i fl e1 e2 l,
  env_eq e1 e2 -> eval_exprs p2i fl e1 l = eval_exprs p2i fl e2 l.
Proof.
  intros p2i fl e1 e2 l H; induction l; cbn; rewrite ?IHl, ?(eval_expr_ext p2i fl e1 e2 a H); auto.
Qed.

Lemma eval_callee_ext : forall L e1 e2 f, env_eq e1 e2 -> eval_callee L e1 f = eval_callee L e2 f.
Proof. intros; destruct f; cbn; auto. rewrite (eval_expr_ext _ _ e1 e2); auto. Qed.

Lemma set_result_ext : forall x r e1 e2 e1',
  env_eq e1 e2 -> set_result x r e1 = Some e1' ->
  exists e2', set_result x r e2 = Some e2' /\ env_eq e1' e2'.
Proof.
  intros [x|] [v|] e1 e2 e1' H S; cbn in *; inversion S; subst; eauto using env_eq_set.
Qed.

Section EXT.
Variable L : layer.
Variable ge : code.

Lemma exec_stmt_ext : forall e1 st s e1' st' o,
  exec_stmt L ge e1 st s e1' st' o ->
  forall ex, env_eq e1 ex -> exists ex', exec_stmt L ge ex st s ex' st' o /\ env_eq e1' ex'.
Proof.
  induction 1; intros ex HE;
  repeat match goal with
  | HE : env_eq ?e ?ex, H : eval_expr _ _ ?e _ = _ |- _ => rewrite (eval_expr_ext _ _ e ex _ HE) in H
  | HE : env_eq ?e ?ex, H : eval_exprs _ _ ?e _ = _ |- _ => rewrite (eval_exprs_ext _ _ e ex _ HE) in H
  | HE : env_eq ?e ?ex, H : eval_callee _ ?e _ = _ |- _ => rewrite (eval_callee_ext _ e ex _ HE) in H
  end;
  try (eexists; split; [ econstructor; eauto | eauto using env_eq_set ]; fail).
  - destruct (set_result_ext _ _ _ _ _ HE H2) as (ex' & S & HE').
    eexists; split; [ econstructor; eauto | auto ].
  - destruct (set_result_ext _ _ _ _ _ HE H2) as (ex' & S & HE').
    destruct (IHexec_stmt _ HE') as (e3 & X & HE3).
    eexists; split; [ econstructor; eauto | auto ].
  - destruct (IHexec_stmt1 _ HE) as (e3 & X1 & HE3).
    destruct (IHexec_stmt2 _ HE3) as (e4 & X2 & HE4).
    eexists; split; [ eapply exec_seq_1; eauto | auto ].
  - destruct (IHexec_stmt _ HE) as (e3 & X & HE3).
    eexists; split; [ eapply exec_seq_2; eauto | auto ].
  - destruct (IHexec_stmt _ HE) as (e3 & X & HE3).
    eexists; split; [ eapply exec_if; eauto | auto ].
  - destruct (IHexec_stmt _ HE) as (e3 & X & HE3).
    eexists; split; [ eapply exec_switch; eauto | auto ].
  - destruct (IHexec_stmt _ HE) as (e3 & X & HE3).
    eexists; split; [ eapply exec_block; eauto | auto ].
  - destruct (IHexec_stmt1 _ HE) as (e3 & X1 & HE3).
    destruct (IHexec_stmt2 _ HE3) as (e4 & X2 & HE4).
    eexists; split; [ eapply exec_loop_again; eauto | auto ].
  - destruct (IHexec_stmt _ HE) as (e3 & X & HE3).
    eexists; split; [ eapply exec_loop_exit; eauto | auto ].
Qed.
End EXT.

Section INTERP.

Variable L : layer.
Variable ge : code.
(** An executable version of the layer's primitives. *)
Variable xprim : ident -> list val -> lstate L -> option (option val * lstate L).

Local Notation St := (lstate L).
Local Notation eval t a := (eval_expr (lptr2int L) (lfloat L) (tview t) a).
Local Notation evals t l := (eval_exprs (lptr2int L) (lfloat L) (tview t) l).

Fixpoint run_stmt (fuel : nat) (e : tenv) (st : St) (s : stmt) {struct fuel}
  : option (tenv * St * outcome) :=
  match fuel with
  | O => None
  | S fuel' =>
  match s with
  | Sskip => Some (e, st, Onormal)
  | Sassign x a =>
      match eval e a with Some v => Some (tset x v e, st, Onormal) | None => None end
  | Sload x o t a =>
      match eval e a with
      | Some (Vptr p) =>
          match lload L t p st with Some v => Some (tset x v e, st, Onormal) | None => None end
      | _ => None
      end
  | Sstore o t a b =>
      match eval e a, eval e b with
      | Some (Vptr p), Some v =>
          match lstore L t p v st with Some st' => Some (e, st', Onormal) | None => None end
      | _, _ => None
      end
  | Salloca x a =>
      match eval e a with
      | Some (Vint w n) =>
          match lalloc L (wrap w n) st with
          | Some (p, st') => Some (tset x (Vptr p) e, st', Onormal)
          | None => None
          end
      | _ => None
      end
  | Satomicrmw x op o t a b =>
      match eval e a, eval e b with
      | Some (Vptr p), Some v =>
          match lload L t p st with
          | Some old =>
              match rmw_val (lfloat L) op old v with
              | Some new =>
                  match lstore L t p new st with
                  | Some st' => Some (tset x old e, st', Onormal)
                  | None => None
                  end
              | None => None
              end
          | None => None
          end
      | _, _ => None
      end
  | Scmpxchg x o1 o2 wk t a b c =>
      match eval e a, eval e b, eval e c with
      | Some (Vptr p), Some vexp, Some vnew =>
          match lload L t p st with
          | Some old =>
              match same_val old vexp with
              | Some true =>
                  match lstore L t p vnew st with
                  | Some st' => Some (tset x (Vagg [old; Vtrue]) e, st', Onormal)
                  | None => None
                  end
              | Some false => Some (tset x (Vagg [old; Vfalse]) e, st, Onormal)
              | None => None
              end
          | None => None
          end
      | _, _, _ => None
      end
  | Sfence _ => Some (e, st, Onormal)
  | Scall x f args =>
      match eval_callee L (tview e) f, evals e args with
      | Some g, Some vs =>
          match run_func fuel' g vs st with
          | Some (r, st') =>
              match tset_result x r e with Some e' => Some (e', st', Onormal) | None => None end
          | None => None
          end
      | _, _ => None
      end
  | Sseq s1 s2 =>
      match run_stmt fuel' e st s1 with
      | Some (e1, st1, Onormal) => run_stmt fuel' e1 st1 s2
      | Some r => Some r
      | None => None
      end
  | Sif c s1 s2 =>
      match eval e c with
      | Some v =>
          match truth v with
          | Some b => run_stmt fuel' e st (if b then s1 else s2)
          | None => None
          end
      | None => None
      end
  | Sswitch a cases def =>
      match eval e a with
      | Some (Vint w z) => run_stmt fuel' e st (select_case w z cases def)
      | _ => None
      end
  | Sblock s1 =>
      match run_stmt fuel' e st s1 with
      | Some (e1, st1, out) =>
          match block_out out with Some o => Some (e1, st1, o) | None => None end
      | None => None
      end
  | Sloop s1 =>
      match run_stmt fuel' e st s1 with
      | Some (e1, st1, out) =>
          if loop_again out then run_stmt fuel' e1 st1 (Sloop s1)
          else match loop_out out with Some o => Some (e1, st1, o) | None => None end
      | None => None
      end
  | Sbreak n => Some (e, st, Obreak n)
  | Scontinue n => Some (e, st, Ocontinue n)
  | Sreturn None => Some (e, st, Oreturn None)
  | Sreturn (Some a) =>
      match eval e a with Some v => Some (e, st, Oreturn (Some v)) | None => None end
  | Sunreachable => None
  | Sinvoke x f args s1 _ =>
      match eval_callee L (tview e) f, evals e args with
      | Some g, Some vs =>
          match run_func fuel' g vs st with
          | Some (r, st1) =>
              match tset_result x r e with Some e1 => run_stmt fuel' e1 st1 s1 | None => None end
          | None => None
          end
      | _, _ => None
      end
  | Slandingpad _ _ _ _ | Sresume _ => None
  end
  end

with run_func (fuel : nat) (f : ident) (vs : list val) (st : St) {struct fuel}
  : option (option val * St) :=
  match fuel with
  | O => None
  | S fuel' =>
      match find_func ge f with
      | Some fn =>
          match tbind (fn_params fn) vs Tleaf with
          | Some e =>
              match run_stmt fuel' e st (fn_body fn) with
              | Some (_, st', out) =>
                  match func_result out with Some r => Some (r, st') | None => None end
              | None => None
              end
          | None => None
          end
      | None => xprim f vs st
      end
  end.

Hypothesis xprim_sound :
  forall f vs st r st', xprim f vs st = Some (r, st') -> lprim L f vs st st' r.

Ltac dmatch H :=
  repeat match type of H with
  | context [ match ?x with _ => _ end ] =>
      let E := fresh "E" in destruct x eqn:E; try discriminate
  end.

Lemma env_eq_refl : forall e, env_eq e e.
Proof. unfold env_eq; auto. Qed.
Lemma env_eq_sym : forall e1 e2, env_eq e1 e2 -> env_eq e2 e1.
Proof. unfold env_eq; auto. Qed.
Lemma env_eq_trans : forall e1 e2 e3, env_eq e1 e2 -> env_eq e2 e3 -> env_eq e1 e3.
Proof. unfold env_eq; intros; congruence. Qed.

Lemma tset_result_sound : forall x r t t' e,
  tset_result x r t = Some t' -> env_eq e (tview t) ->
  exists e', set_result x r e = Some e' /\ env_eq e' (tview t').
Proof.
  intros [x|] [v|] t t' e S HE; cbn in *; inversion S; subst; eauto.
  eexists; split; [ reflexivity | apply env_eq_tset; auto ].
Qed.

Lemma tbind_sound : forall ps vs t t' e,
  tbind ps vs t = Some t' -> env_eq e (tview t) ->
  exists e', bind_params ps vs e = Some e' /\ env_eq e' (tview t').
Proof.
  induction ps as [|[x ty] ps IH]; intros [|v vs] t t' e B HE; cbn in *; try discriminate.
  - inversion B; subst; eauto.
  - eapply IH; eauto. apply env_eq_tset; auto.
Qed.

(** Running [s] from an environment equal to the trie's. *)
Definition stmt_ok (fuel : nat) : Prop :=
  forall t st s t' st' o, run_stmt fuel t st s = Some (t', st', o) ->
    forall e, env_eq e (tview t) ->
    exists e', exec_stmt L ge e st s e' st' o /\ env_eq e' (tview t').

Lemma run_sound : forall fuel,
  stmt_ok fuel /\
  (forall f vs st r st', run_func fuel f vs st = Some (r, st') -> exec_func L ge f vs st st' r).
Proof.
  unfold stmt_ok.
  induction fuel as [|fuel [IHs IHf]]; split; intros; cbn in H; try discriminate.
  - (* an environment equal to the trie's evaluates as the trie *)
    assert (EV : forall a, eval_expr (lptr2int L) (lfloat L) e a = eval t a)
      by (intros; apply eval_expr_ext; auto).
    assert (EVS : forall l, eval_exprs (lptr2int L) (lfloat L) e l = evals t l)
      by (intros; apply eval_exprs_ext; auto).
    assert (EC : forall f, eval_callee L e f = eval_callee L (tview t) f)
      by (intros; apply eval_callee_ext; auto).
    destruct s; dmatch H; inversion H; subst; clear H.
    all: repeat match goal with
         | R : run_stmt _ ?t _ _ = Some _, HE : env_eq ?e (tview ?t) |- _ =>
             let e1 := fresh "e" in let X := fresh "X" in let HE1 := fresh "HE" in
             destruct (IHs _ _ _ _ _ _ R _ HE) as (e1 & X & HE1); clear R
         | R : tset_result _ _ ?t = Some _, HE : env_eq ?e (tview ?t) |- _ =>
             let e1 := fresh "e" in let S := fresh "S" in let HE1 := fresh "HE" in
             destruct (tset_result_sound _ _ _ _ _ R HE) as (e1 & S & HE1); clear R
         | R : run_func _ _ _ _ = Some _ |- _ => apply IHf in R
         end.
    all: eexists; split;
      [ first [ eapply exec_seq_1; eauto; fail
              | eapply exec_seq_2; eauto; discriminate
              | eapply exec_loop_again; eauto; fail
              | eapply exec_loop_exit; eauto; fail
              | eapply exec_cmpxchg_fail; rewrite ?EV; eauto; fail
              | econstructor; rewrite ?EV, ?EVS, ?EC; eauto ]
      | eauto using env_eq_tset ].
  - dmatch H.
    + inversion H; subst.
      destruct (tbind_sound _ _ _ _ env_empty E0) as (e & B & HE).
      { intro y; unfold tview, env_empty; rewrite tget_leaf; auto. }
      destruct (IHs _ _ _ _ _ _ E1 _ HE) as (e' & X & _).
      eapply exec_internal; eauto.
    + eapply exec_external; eauto.
Qed.

Theorem run_func_sound : forall fuel f vs st r st',
  run_func fuel f vs st = Some (r, st') -> exec_func L ge f vs st st' r.
Proof. intros; eapply run_sound; eauto. Qed.

End INTERP.

(** Executable primitives for a layer given by a list of [primspec]s. *)
Definition run_prims {St} (ps : list (ident * primspec St)) :
  ident -> list val -> St -> option (option val * St) :=
  fun f vs st => match find_prim ps f with Some p => p vs st | None => None end.

Lemma run_prims_sound : forall St (ps : list (ident * primspec St)) f vs st r st',
  run_prims ps f vs st = Some (r, st') -> prims_rel ps f vs st st' r.
Proof.
  unfold run_prims, prims_rel; intros. destruct (find_prim ps f); try discriminate; eauto.
Qed.
