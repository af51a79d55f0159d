(** * Big-step semantics of statements and functions over a layer. *)

From Coq Require Import ZArith List Bool.
From AutoV Require Import Syntax Ints Values Eval.
Import ListNotations.
Local Open Scope Z_scope.

Inductive outcome : Type :=
  | Onormal
  | Obreak (n : nat)
  | Ocontinue (n : nat)
  | Oreturn (v : option val).

(** Leaving an [Sblock]. *)
Definition block_out (o : outcome) : option outcome :=
  match o with
  | Onormal => Some Onormal
  | Obreak O => Some Onormal
  | Obreak (S n) => Some (Obreak n)
  | Ocontinue O => None                 (** [continue] must target a loop *)
  | Ocontinue (S n) => Some (Ocontinue n)
  | Oreturn v => Some (Oreturn v)
  end.

(** Leaving an [Sloop] ([None]: iterate again). *)
Definition loop_out (o : outcome) : option outcome :=
  match o with
  | Onormal | Ocontinue O => None
  | Obreak O => Some Onormal
  | Obreak (S n) => Some (Obreak n)
  | Ocontinue (S n) => Some (Ocontinue n)
  | Oreturn v => Some (Oreturn v)
  end.

Definition loop_again (o : outcome) : bool :=
  match o with Onormal | Ocontinue O => true | _ => false end.

(** Result of a function body. *)
Definition func_result (o : outcome) : option (option val) :=
  match o with
  | Onormal => Some None
  | Oreturn v => Some v
  | _ => None
  end.

Fixpoint select_case (w z : Z) (cases : list (list Z * stmt)) (default : stmt) : stmt :=
  match cases with
  | [] => default
  | (cs, s) :: cases' =>
      if existsb (fun c => Z.eqb (wrap w c) (wrap w z)) cs then s
      else select_case w z cases' default
  end.

Fixpoint bind_params (ps : list (ident * typ)) (vs : list val) (e : env) : option env :=
  match ps, vs with
  | [], [] => Some e
  | (x, _) :: ps', v :: vs' => bind_params ps' vs' (env_set x v e)
  | _, _ => None
  end.

Definition set_result (x : option ident) (r : option val) (e : env) : option env :=
  match x, r with
  | None, _ => Some e
  | Some x, Some v => Some (env_set x v e)
  | Some _, None => None
  end.

(** Read-modify-write results ([old] is the loaded value). *)
Definition rmw_val (fl : fop -> list val -> option val) (op : rmwop) (old v : val) : option val :=
  match op, old, v with
  | RMWxchg, _, _ => Some v
  | RMWadd, Vint w a, Vint _ b => Some (Vint w (iadd w a b))
  | RMWsub, Vint w a, Vint _ b => Some (Vint w (isub w a b))
  | RMWand, Vint w a, Vint _ b => Some (Vint w (iand w a b))
  | RMWnand, Vint w a, Vint _ b => Some (Vint w (inot w (iand w a b)))
  | RMWor, Vint w a, Vint _ b => Some (Vint w (ior w a b))
  | RMWxor, Vint w a, Vint _ b => Some (Vint w (ixor w a b))
  | RMWmax, Vint w a, Vint _ b => Some (Vint w (if islt w a b then wrap w b else wrap w a))
  | RMWmin, Vint w a, Vint _ b => Some (Vint w (if islt w a b then wrap w a else wrap w b))
  | RMWumax, Vint w a, Vint _ b => Some (Vint w (if iult w a b then wrap w b else wrap w a))
  | RMWumin, Vint w a, Vint _ b => Some (Vint w (if iult w a b then wrap w a else wrap w b))
  | RMWfadd, Vfloat _ _, Vfloat _ _ => fl (FObin Ofadd) [old; v]
  | RMWfsub, Vfloat _ _, Vfloat _ _ => fl (FObin Ofsub) [old; v]
  | _, _, _ => None
  end.

(** cmpxchg compares bit patterns; pointers compare by identity. *)
Definition same_val (a b : val) : option bool :=
  match a, b with
  | Vint w x, Vint w' y => Some (Z.eqb w w' && Z.eqb (wrap w x) (wrap w y))
  | Vptr (Ptr b1 o1), Vptr (Ptr b2 o2) => Some (block_eqb b1 b2 && Z.eqb o1 o2)
  | _, _ => None
  end.

Section EXEC.

Variable L : layer.
Variable ge : code.

Local Notation S := (lstate L).
Local Notation eval e a := (eval_expr (lptr2int L) (lfloat L) e a).
Local Notation evals e l := (eval_exprs (lptr2int L) (lfloat L) e l).

Definition eval_callee (e : env) (f : callee) : option ident :=
  match f with
  | Fdirect g | Fintrinsic g | Fasm g => Some g
  | Findirect a =>
      match eval e a with
      | Some (Vptr (Ptr (Bglob g) 0)) => Some g
      | _ => None
      end
  end.

Inductive exec_stmt : env -> S -> stmt -> env -> S -> outcome -> Prop :=
  | exec_skip : forall e st,
      exec_stmt e st Sskip e st Onormal
  | exec_assign : forall e st x a v,
      eval e a = Some v ->
      exec_stmt e st (Sassign x a) (env_set x v e) st Onormal
  | exec_load : forall e st x o t a p v,
      eval e a = Some (Vptr p) ->
      lload L t p st = Some v ->
      exec_stmt e st (Sload x o t a) (env_set x v e) st Onormal
  | exec_store : forall e st o t a b p v st',
      eval e a = Some (Vptr p) ->
      eval e b = Some v ->
      lstore L t p v st = Some st' ->
      exec_stmt e st (Sstore o t a b) e st' Onormal
  | exec_alloca : forall e st x a w n p st',
      eval e a = Some (Vint w n) ->
      lalloc L (wrap w n) st = Some (p, st') ->
      exec_stmt e st (Salloca x a) (env_set x (Vptr p) e) st' Onormal
  | exec_atomicrmw : forall e st x op o t a b p v old new st',
      eval e a = Some (Vptr p) ->
      eval e b = Some v ->
      lload L t p st = Some old ->
      rmw_val (lfloat L) op old v = Some new ->
      lstore L t p new st = Some st' ->
      exec_stmt e st (Satomicrmw x op o t a b) (env_set x old e) st' Onormal
  | exec_cmpxchg_ok : forall e st x o1 o2 wk t a b c p vexp vnew old st',
      eval e a = Some (Vptr p) ->
      eval e b = Some vexp ->
      eval e c = Some vnew ->
      lload L t p st = Some old ->
      same_val old vexp = Some true ->
      lstore L t p vnew st = Some st' ->
      exec_stmt e st (Scmpxchg x o1 o2 wk t a b c) (env_set x (Vagg [old; Vtrue]) e) st' Onormal
  | exec_cmpxchg_fail : forall e st x o1 o2 wk t a b c p vexp vnew old,
      eval e a = Some (Vptr p) ->
      eval e b = Some vexp ->
      eval e c = Some vnew ->
      lload L t p st = Some old ->
      same_val old vexp = Some false ->
      exec_stmt e st (Scmpxchg x o1 o2 wk t a b c) (env_set x (Vagg [old; Vfalse]) e) st Onormal
  | exec_fence : forall e st o,
      exec_stmt e st (Sfence o) e st Onormal
  | exec_call : forall e st x f args g vs st' r e',
      eval_callee e f = Some g ->
      evals e args = Some vs ->
      exec_func g vs st st' r ->
      set_result x r e = Some e' ->
      exec_stmt e st (Scall x f args) e' st' Onormal
  | exec_invoke : forall e st x f args s1 s2 g vs st1 r e1 e2 st2 out,
      eval_callee e f = Some g ->
      evals e args = Some vs ->
      exec_func g vs st st1 r ->
      set_result x r e = Some e1 ->
      exec_stmt e1 st1 s1 e2 st2 out ->
      exec_stmt e st (Sinvoke x f args s1 s2) e2 st2 out
  | exec_seq_1 : forall e st s1 s2 e1 st1 e2 st2 out,
      exec_stmt e st s1 e1 st1 Onormal ->
      exec_stmt e1 st1 s2 e2 st2 out ->
      exec_stmt e st (Sseq s1 s2) e2 st2 out
  | exec_seq_2 : forall e st s1 s2 e1 st1 out,
      exec_stmt e st s1 e1 st1 out ->
      out <> Onormal ->
      exec_stmt e st (Sseq s1 s2) e1 st1 out
  | exec_if : forall e st c s1 s2 v b e' st' out,
      eval e c = Some v ->
      truth v = Some b ->
      exec_stmt e st (if b then s1 else s2) e' st' out ->
      exec_stmt e st (Sif c s1 s2) e' st' out
  | exec_switch : forall e st a cases def w z e' st' out,
      eval e a = Some (Vint w z) ->
      exec_stmt e st (select_case w z cases def) e' st' out ->
      exec_stmt e st (Sswitch a cases def) e' st' out
  | exec_block : forall e st s e' st' out out',
      exec_stmt e st s e' st' out ->
      block_out out = Some out' ->
      exec_stmt e st (Sblock s) e' st' out'
  | exec_loop_again : forall e st s e1 st1 out e2 st2 out2,
      exec_stmt e st s e1 st1 out ->
      loop_again out = true ->
      exec_stmt e1 st1 (Sloop s) e2 st2 out2 ->
      exec_stmt e st (Sloop s) e2 st2 out2
  | exec_loop_exit : forall e st s e1 st1 out out',
      exec_stmt e st s e1 st1 out ->
      loop_out out = Some out' ->
      exec_stmt e st (Sloop s) e1 st1 out'
  | exec_break : forall e st n,
      exec_stmt e st (Sbreak n) e st (Obreak n)
  | exec_continue : forall e st n,
      exec_stmt e st (Scontinue n) e st (Ocontinue n)
  | exec_return_none : forall e st,
      exec_stmt e st (Sreturn None) e st (Oreturn None)
  | exec_return_some : forall e st a v,
      eval e a = Some v ->
      exec_stmt e st (Sreturn (Some a)) e st (Oreturn (Some v))

(** Calling a name: a function of the code table, or else the layer primitive. *)
with exec_func : ident -> list val -> S -> S -> option val -> Prop :=
  | exec_internal : forall f fn vs st e e' st' out r,
      find_func ge f = Some fn ->
      bind_params (fn_params fn) vs env_empty = Some e ->
      exec_stmt e st (fn_body fn) e' st' out ->
      func_result out = Some r ->
      exec_func f vs st st' r
  | exec_external : forall f vs st st' r,
      find_func ge f = None ->
      lprim L f vs st st' r ->
      exec_func f vs st st' r.

Scheme exec_stmt_mut := Induction for exec_stmt Sort Prop
  with exec_func_mut := Induction for exec_func Sort Prop.
Combined Scheme exec_stmt_mut_combined from exec_stmt_mut, exec_func_mut.

End EXEC.

Arguments exec_func L ge f args st st' res : rename.
