(** Wrong: the spec steps the index by 2 (the proof script is the one of T_find). *)
From AutoV Require Import All.
From Prog Require Import Globals Code.
From Prog Require F_find.
From T Require Import Layers.
Local Open Scope Z_scope.

(** The low spec: a fuel-bounded fixpoint for the loop. *)
Fixpoint find_loop (fuel : nat) (i n key : Z) : option Z :=
  match fuel with
  | O => None
  | S f =>
      if i =? n then Some (wrap 32 (-1))
      else if imul 32 i 3 =? key then Some i
      else find_loop f (iadd 32 i 2) n key
  end.

Definition find_spec (n key : Z) (m : Mem) : option (Z * Mem) :=
  when r == find_loop (S (Z.to_nat n)) 0 n key;
  Some (r, m).

(** The loop body, as it occurs in the code model. *)
Definition find_body : stmt :=
  Eval cbn in
  match fn_body F_find.f_find with
  | Sseq _ (Sseq (Sblock (Sseq (Sblock (Sloop b)) _)) _) => b
  | _ => Sskip
  end.

Section FIND.
Variables n key r : Z.
Variable m : Mem.
Hypothesis Hn : 0 <= n < 2 ^ 32.
Hypothesis Hk : 0 <= key < 2 ^ 32.

Definition find_inv (fuel : nat) (e : env) (st : Mem) : Prop :=
  st = m /\ exists i, e F_find._i = Some (Vint 32 i) /\ e F_find._n = Some (Vint 32 n) /\
    e F_find._key = Some (Vint 32 key) /\ 0 <= i < 2 ^ 32 /\ find_loop fuel i n key = Some r.

Definition find_post (e : env) (st : Mem) (o : outcome) : Prop :=
  st = m /\ ((o = Obreak 0 /\ r = wrap 32 (-1)) \/ (o = Obreak 1 /\ e F_find._r = Some (Vint 32 r))).

Lemma find_loop_correct : forall fuel e st, find_inv fuel e st ->
  exists e' st' o, exec_stmt L0 code e st (Sloop find_body) e' st' o /\ find_post e' st' o.
Proof.
  apply (exec_loop_fuel L0 code find_inv find_post find_body).
  - intros f e st (-> & i & Ei & En & Ek & Hi & FL).
    destruct_spec FL; do 3 eexists; split; [ vcgen_stmt | | vcgen_stmt | | vcgen_stmt | ].
    + right; eexists; split; [ reflexivity | split; [ reflexivity | left; auto ] ].
    + right; eexists; split; [ reflexivity | split; [ reflexivity | right; auto ] ].
    + left; split; [ reflexivity | ].
      split; [ reflexivity | ]. eexists; repeat split; cbn; rewrite_hyps; eauto.
      all: unfold iadd; apply wrap_range; lia.
  - intros e st (_ & i & _ & _ & _ & _ & FL). discriminate.
Qed.
End FIND.

Lemma find_correct : forall n key m r m',
  0 <= n < 2 ^ 32 -> 0 <= key < 2 ^ 32 ->
  find_spec n key m = Some (r, m') ->
  exec_func L0 code g_find [Vint 32 n; Vint 32 key] m m' (Some (Vint 32 r)).
Proof.
  intros n key m r m' Hn Hk H. unfold find_spec in H.
  destruct (find_loop (S (Z.to_nat n)) 0 n key) as [z|] eqn:FL; [ | discriminate ].
  injection H as <- <-.
  set (e0 := env_set F_find._i (Vint 32 0)
               (env_set F_find._key (Vint 32 key) (env_set F_find._n (Vint 32 n) env_empty))).
  destruct (find_loop_correct n key z m Hn Hk (S (Z.to_nat n)) e0 m) as (e2 & st2 & o2 & EX & -> & HQ).
  { split; [ reflexivity | exists 0; repeat split; auto; lia ]. }
  assert (BODY : exists e', exec_stmt L0 code
            (env_set F_find._key (Vint 32 key) (env_set F_find._n (Vint 32 n) env_empty)) m
            (fn_body F_find.f_find) e' m (Oreturn (Some (Vint 32 z)))).
  { destruct HQ as [(-> & ->) | (-> & Er)]; eexists; cbn [fn_body F_find.f_find];
      (eapply exec_seq_1; [ eapply exec_assign; reflexivity | ]).
    - eapply exec_seq_1;
        [ eapply exec_block;
          [ eapply exec_seq_1;
            [ eapply exec_block; [ exact EX | reflexivity ] | eapply exec_assign; reflexivity ]
          | reflexivity ]
        | eapply exec_return_some; reflexivity ].
    - eapply exec_seq_1;
        [ eapply exec_block;
          [ eapply exec_seq_2; [ eapply exec_block; [ exact EX | reflexivity ] | discriminate ]
          | reflexivity ]
        | eapply exec_return_some; cbn; exact Er ]. }
  destruct BODY as (e' & B).
  eapply exec_internal; [ reflexivity | reflexivity | exact B | reflexivity ].
Qed.
