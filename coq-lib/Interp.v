(** * A fuel-based executable interpreter, proved sound w.r.t. [Sem]. *)

From Coq Require Import ZArith List Bool.
From AutoV Require Import Syntax Ints Values Eval Sem.
Import ListNotations.
Local Open Scope Z_scope.

Section INTERP.

Variable L : layer.
Variable ge : code.
(** An executable version of the layer's primitives. *)
Variable xprim : ident -> list val -> lstate L -> option (option val * lstate L).

Local Notation St := (lstate L).
Local Notation eval e a := (eval_expr (lptr2int L) (lfloat L) e a).
Local Notation evals e l := (eval_exprs (lptr2int L) (lfloat L) e l).

Fixpoint run_stmt (fuel : nat) (e : env) (st : St) (s : stmt) {struct fuel}
  : option (env * St * outcome) :=
  match fuel with
  | O => None
  | S fuel' =>
  match s with
  | Sskip => Some (e, st, Onormal)
  | Sassign x a =>
      match eval e a with Some v => Some (env_set x v e, st, Onormal) | None => None end
  | Sload x o t a =>
      match eval e a with
      | Some (Vptr p) =>
          match lload L t p st with Some v => Some (env_set x v e, st, Onormal) | None => None end
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
          | Some (p, st') => Some (env_set x (Vptr p) e, st', Onormal)
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
                  | Some st' => Some (env_set x old e, st', Onormal)
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
                  | Some st' => Some (env_set x (Vagg [old; Vtrue]) e, st', Onormal)
                  | None => None
                  end
              | Some false => Some (env_set x (Vagg [old; Vfalse]) e, st, Onormal)
              | None => None
              end
          | None => None
          end
      | _, _, _ => None
      end
  | Sfence _ => Some (e, st, Onormal)
  | Scall x f args =>
      match eval_callee L e f, evals e args with
      | Some g, Some vs =>
          match run_func fuel' g vs st with
          | Some (r, st') =>
              match set_result x r e with Some e' => Some (e', st', Onormal) | None => None end
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
      match eval_callee L e f, evals e args with
      | Some g, Some vs =>
          match run_func fuel' g vs st with
          | Some (r, st1) =>
              match set_result x r e with Some e1 => run_stmt fuel' e1 st1 s1 | None => None end
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
          match bind_params (fn_params fn) vs env_empty with
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

Lemma run_sound : forall fuel,
  (forall e st s e' st' o, run_stmt fuel e st s = Some (e', st', o) ->
     exec_stmt L ge e st s e' st' o) /\
  (forall f vs st r st', run_func fuel f vs st = Some (r, st') ->
     exec_func L ge f vs st st' r).
Proof.
  induction fuel as [|fuel [IHs IHf]]; split; intros; cbn in H; try discriminate.
  - destruct s; dmatch H; inversion H; subst; clear H.
    all: try (econstructor; eauto; fail).
    all: try (eapply exec_seq_1; eauto; fail).
    all: try (eapply exec_seq_2; eauto; discriminate).
    all: try (eapply exec_loop_exit; eauto; fail).
    all: try (eapply exec_loop_again; eauto; fail).
  - dmatch H.
    + inversion H; subst. eapply exec_internal; eauto.
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
