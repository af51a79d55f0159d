(** * Tactics for generated projects (autov build): a WP-style symbolic executor for code proofs
    ([g_wp], [code_proof]), loop-lemma plumbing ([g_loop_hook], [g_apply_loop]). Generated files only
    write statements and call these tactics. *)
From Coq Require Import ZArith List Bool Lia String.
From Coq Require Znumtheory.
From AutoV Require Import Syntax Ints Values Eval Sem Refine Spec Tactics.
From AutoV Require Import Build.
From AutoV.AArch64 Require AsmView.
Import ListNotations.
Local Open Scope Z_scope.

(** Pointer arithmetic in code proofs: [ptradd_val] is kept folded by [cbn] and rewritten to the
    low spec's [ptr_add], which [cbn] opens only when the block is known. Otherwise a pointer the
    code got from a callee (a variable) would leave a match on its unknown block in the goal. *)
Lemma ptradd_val_ptr_add : forall p w n,
  ptradd_val (Vptr p) (Vint w n) = Some (Vptr (ptr_add p w n)).
Proof. intros [[g|k|] o] w n; reflexivity. Qed.
#[global] Arguments ptradd_val : simpl never.
#[global] Hint Rewrite ptradd_val_ptr_add : gennorm.

(** A switch takes its cases one at a time: each test is decided on its own (the low spec's
    [case_in] conditions decide it), rather than [cbn] and rewriting over the whole case list,
    which for a 15-way switch cost seconds per path. *)
Lemma select_case_take : forall w z cs s rest d,
  case_in w z cs = true -> select_case w z ((cs, s) :: rest) d = s.
Proof. intros w z cs s rest d E. cbn. unfold case_in in E. rewrite E. reflexivity. Qed.
Lemma select_case_skip : forall w z cs s rest d,
  case_in w z cs = false -> select_case w z ((cs, s) :: rest) d = select_case w z rest d.
Proof. intros w z cs s rest d E. cbn. unfold case_in in E. rewrite E. reflexivity. Qed.

Ltac g_simpl :=
  rewrite_hyps; spec_cbn; autorewrite with gennorm; rewrite ?ZMap.gsspec, ?ZMap.gi; rewrite_hyps;
  spec_cbn;
  (* the last [cbn] may decide an [inbounds] test and expose the pointer arithmetic *)
  rewrite ?ptradd_val_ptr_add.

Ltac g_eval :=
  g_simpl; repeat (decide_if; g_simpl);
  first [ reflexivity | eassumption | vc_congr; vsolve ].

(** One switch test, decided by the context (the low spec's condition for the same case). *)
Ltac g_case_test := unfold case_in; g_simpl; first [ reflexivity | assumption ].

Ltac g_prim := cbn; eexists; split; [ reflexivity | g_eval ].

(** Loops: generated files redefine [g_loop_hook] ([Ltac g_loop_hook ::= ...]) to apply their
    loop lemmas with [g_apply_loop]. *)
Ltac g_loop_hook := fail "no loop lemma".
Ltac g_apply_loop L := eapply wp_conseq; [ eapply L; [ eassumption | g_eval .. ] | ].

(** The continuation after a statement. *)
Ltac g_after_loop :=
  let e := fresh "e" in let s := fresh "s" in let o := fresh "o" in let HQ := fresh "HQ" in
  intros e s o HQ; cbv beta iota in HQ; decompose [and] HQ; clear HQ; subst s o; g_k
with g_k :=
  cbv beta iota;
  lazymatch goal with
  | |- wp _ _ _ _ _ _ => g_wp
  | |- exists o', block_out _ = Some o' /\ _ => eexists; split; [ reflexivity | g_k ]
  | |- _ /\ func_result _ = Some _ => split; [ first [ reflexivity | vc_congr; vsolve ] | g_eval ]
  | |- (loop_again _ = true /\ _) \/ _ =>
      first [ left; split; [ reflexivity | g_inv ] | right; eexists; split; [ reflexivity | g_post ] ]
  | |- _ => idtac
  end
with g_inv :=
  repeat match goal with |- exists _, _ => eexists end;
  split; [ eassumption | g_post ]
with g_post :=
  repeat match goal with |- _ /\ _ => split end; g_eval
with g_wp :=
  lazymatch goal with
  | |- wp ?L ?c ?e ?st (if true then ?s1 else _) ?K => change (wp L c e st s1 K); g_wp
  | |- wp ?L ?c ?e ?st (if false then _ else ?s2) ?K => change (wp L c e st s2 K); g_wp
  | |- wp _ _ _ _ (if ?c then _ else _) _ =>
      first [ progress (rewrite_hyps; autorewrite with gennorm) | decide_if ]; g_wp
  | |- wp _ _ _ _ (select_case _ _ ((_, _) :: _) _) _ =>
      (* most tests fail: try skipping first *)
      first [ rewrite select_case_skip by g_case_test
            | rewrite select_case_take by g_case_test
            | progress g_simpl ]; g_wp
  | |- wp _ _ _ _ (select_case _ _ _ _) _ => progress g_simpl; g_wp
  | |- wp _ _ _ _ Sskip _ => apply wp_skip; g_k
  | |- wp _ _ _ _ (Sassign _ _) _ => eapply wp_assign; [ g_eval | g_k ]
  | |- wp _ _ _ _ (Sload _ _ _ _) _ => eapply wp_load; [ g_eval | g_eval | g_k ]
  | |- wp _ _ _ _ (Sstore _ _ _ _) _ => eapply wp_store; [ g_eval | g_eval | g_eval | g_k ]
  | |- wp _ _ _ _ (Scall _ _ _) _ =>
      eapply wp_call_prim; [ g_eval | g_eval | reflexivity | g_prim | g_eval | g_k ]
  | |- wp _ _ _ _ (Sseq _ _) _ => apply wp_seq; g_wp
  | |- wp _ _ _ _ (Sif _ _ _) _ => eapply wp_if; [ g_eval | g_eval | g_wp ]
  | |- wp _ _ _ _ (Sswitch _ _ _) _ => eapply wp_switch; [ g_eval | g_wp ]
  | |- wp _ _ _ _ (Sblock _) _ => apply wp_block; g_wp
  | |- wp _ _ _ _ (Sloop _) _ => g_loop_hook; g_after_loop
  | |- wp _ _ _ _ (Sbreak _) _ => apply wp_break; g_k
  | |- wp _ _ _ _ (Scontinue _) _ => apply wp_continue; g_k
  | |- wp _ _ _ _ (Sreturn None) _ => apply wp_return_none; g_k
  | |- wp _ _ _ _ (Sreturn (Some _)) _ => eapply wp_return_some; [ g_eval | g_k ]
  | |- wp _ _ _ _ ?s _ =>
      let s' := eval hnf in s in progress change s with s'; g_wp
  end.

(** A pointer argument converted to an integer ([ptrtoint], [ptr_abs_int p = Some z] in the low
    spec's conditions) is a plain address: [p] becomes [Ptr Babs o] and [z] its [wrap 64 o], so that
    the code's cast evaluates. *)
Ltac ptr_abs_args :=
  repeat match goal with
  | E : ptr_abs_int ?p = Some ?z |- _ =>
      is_var p; let b := fresh "b" in let o := fresh "o" in
      destruct p as [b o]; destruct b; cbn in E; try discriminate E;
      injection E; clear E; intros; subst z
  end.

(** A spec that matched on a pointer argument's block ([pbase p = Babs] after [destruct_spec]):
    the pointer becomes [Ptr Babs o], so that the other side's [ptr_abs_int p] computes. *)
Ltac ptr_known_blocks :=
  repeat match goal with
  | E : pbase ?p = _ |- _ =>
      is_var p; let b := fresh "b" in let o := fresh "o" in
      destruct p as [b o]; cbn in E; subst b
  end.

(** [implements L c f prim] for a prim marshalling a low spec. *)
Ltac code_proof prim spec :=
  let vs := fresh "vs" in let st := fresh "st" in let r := fresh "r" in let st' := fresh "st'" in
  let H := fresh "H" in
  intros vs st r st' H; unfold prim in H;
  repeat (destruct vs as [|? vs]; cbn in H; try discriminate H);
  unfold arg_int, arg_bool, arg_ptr, ret_int, ret_void, ret_bool, ret_ptr, spec in H; destruct_spec H;
  ptr_abs_args;
  repeat match goal with E : (?w =? ?n) = true |- _ => is_var w; apply Z.eqb_eq in E; subst w end;
  (* the low spec's conditions in the form the code's evaluation takes (e.g. no [izext] of a
     [w]-bit result), so that [rewrite_hyps] finds them *)
  autorewrite with gennorm in *;
  (eapply wp_func; [ reflexivity | reflexivity | cbn [fn_body]; g_wp ]).

(** ** Loop lemmas (statements generated per loop; see [Build.wp_loop_fuel]) *)

(** One iteration from the invariant at fuel [S n]. *)
Ltac g_loop_step :=
  clear; let n := fresh "n" in let e := fresh "e" in let st := fresh "st" in let HI := fresh "HI" in
  intros n e st HI; decompose [ex and] HI; clear HI;
  match goal with H : context [ S n ] |- _ => destruct_spec H end;
  g_wp.

(** The invariant never holds without fuel. *)
Ltac g_loop_nofuel :=
  let e := fresh "e" in let st := fresh "st" in let HI := fresh "HI" in
  intros e st HI; decompose [ex and] HI;
  match goal with H : _ = Some _ |- _ => solve [ cbn in H; discriminate H ] end.

(** The invariant holds initially (from the lemma's hypotheses). *)
Ltac g_loop_init :=
  repeat match goal with |- exists _, _ => eexists end;
  repeat split; eassumption.

(** ** Layer proofs *)

(** A primitive passed through unchanged from the layer below. *)
Ltac passthrough_proof Lo :=
  apply (passthrough_refines Lo); [ reflexivity | ];
  intros; cbn; eexists; split; [ reflexivity | eassumption ].

(** The same across a refinement relation, from the obligation [L : prim_ref p p R]. *)
Ltac passthrough_rel_proof Lo L :=
  apply (passthrough_rel_refines Lo);
  [ reflexivity | intros; cbn; eexists; split; [ reflexivity | eassumption ] | exact L ].

(** Memory operations: absent in the upper layer, or the same as below (equality relation). *)
Ltac mem_none := cbn; intros; discriminate.
Ltac mem_same :=
  cbn; intros; subst; first [ assumption | eexists; split; [ eassumption | reflexivity ] ].

(** [refines H c Lo R] from per-primitive [spec_refines] goals (left in the order of the layer's
    primitive list). *)
Ltac layer_proof mload mstore malloc :=
  apply refines_intro; [ layer_same | layer_same | mload | mstore | malloc | ];
  split_prims.

(** ** Refinement proofs of hand-written specs against low specs *)

(** Unfold the marshalling on both sides and case on the arguments. *)
Ltac ref_unmarshal hprim lprim :=
  let vs := fresh "vs" in let hs := fresh "hs" in let hs' := fresh "hs'" in let r := fresh "r" in
  let ls := fresh "ls" in let HR := fresh "HR" in let H := fresh "H" in
  intros vs hs hs' r ls HR H; unfold hprim, lprim in *;
  repeat (destruct vs as [|? vs]; cbn in H; try discriminate H);
  unfold arg_int, arg_bool, arg_ptr, ret_int, ret_void, ret_bool, ret_ptr in *.

(** A passthrough obligation [prim_ref p p R] ([spec] is [p]'s spec). A project's own tactic:
    [PROJ_PROOFS] redefines [pass_user] ([Ltac pass_user ::= ..]), dispatching on [p]. *)
Ltac pass_user p spec R := fail.

(** Take a relation apart in the context: conjunctions split, and a conjunct stated with a named
    predicate unfolded when its definition is a conjunction or an equation (a relation written as
    [same_fields hs ls /\ ...]). *)
Ltac pass_open :=
  repeat match goal with
  | E : _ /\ _ |- _ => destruct E
  (* states equal once some fields are forgotten ([forget hs = forget ls], both taken apart):
     one equation per field the forgetting keeps *)
  | E : ?a = ?b |- _ =>
      lazymatch a with ?f _ => idtac end;
      lazymatch type of a with Prop => fail | _ => idtac end;
      progress (injection E; clear E; intros)
  | E : ?P |- _ =>
      lazymatch type of P with Prop => idtac end;
      lazymatch P with _ = _ => fail | _ /\ _ => fail | _ => idtac end;
      let P' := eval hnf in P in
      lazymatch P' with _ /\ _ => change P' in E | _ = _ => change P' in E end
  end.

(** A field equated pointwise ([forall x, a @ x = b @ x]) after the spec wrote it on both sides:
    key by key, the written keys by reflexivity, the others by the hypothesis. *)
Ltac pass_pointwise :=
  lazymatch goal with
  | |- forall _ : Z, ZMap.get _ _ = ZMap.get _ _ =>
      let x := fresh "x" in
      intro x; rewrite ?ZMap.gsspec;
      repeat match goal with |- context [ if ?c then _ else _ ] => destruct c end;
      first [ reflexivity | auto ]
  end.

(** Reads of a pointwise-equated field on the upper side become reads of the lower one (in the
    case facts and the goal), so the spec computes the same values on both states. *)
Ltac pass_pointwise_reads :=
  repeat match goal with
  | Hf : forall x : Z, ZMap.get x ?a = ZMap.get x ?b |- _ =>
      is_var a;
      progress (repeat match goal with
                       | H : context [ ZMap.get _ a ] |- _ =>
                           lazymatch H with Hf => fail | _ => rewrite Hf in H end
                       end;
                rewrite ?Hf)
  end.

(** The same in the goal, then each part by reflexivity, a hypothesis, [lia] or key by key. *)
Ltac pass_close :=
  repeat match goal with
  | |- _ /\ _ => split
  | |- ?P =>
      lazymatch P with _ = _ => fail | forall _, _ => fail | _ => idtac end;
      let P' := eval hnf in P in
      lazymatch P' with _ /\ _ => change P' | _ = _ => change P' end
  end;
  first [ reflexivity | assumption | lia | pass_pointwise ].

Ltac head_of t := lazymatch t with ?f _ => head_of f | _ => t end.

(** A call the spec's case analysis left folded (a configuration helper such as a lock operation,
    applied to the state, whose cases [cbn] cannot decide): opened everywhere, its cases taken. *)
Ltac pass_open_calls :=
  repeat match goal with
  | E : ?c = Some _ |- _ =>
      let h := head_of c in is_const h;
      lazymatch h with ZMap.get => fail | ZMap.set => fail | _ => idtac end;
      unfold h in *; destruct_spec E
  end.

(** The frame tactic: the spec touches only fields the relation treats as identity. The states
    are taken apart into their fields, the relation's equations substituted (a field the relation
    equates on both sides becomes one variable; a relation [forget hs = forget ls] equates every
    field [forget] keeps), the spec run on the upper state and then on the
    lower one with the same case facts, and the relation re-established part by part. A field
    equated pointwise ([forall x, hs.(f) @ x = ls.(f) @ x]) cannot be substituted: the upper
    side's reads of it are rewritten to the lower side's, and after the spec it is compared key
    by key. A spec that writes a field the relation constrains otherwise fails here, in the
    obligation's file. *)
Ltac pass_frame p spec R :=
  ref_unmarshal p p;
  lazymatch goal with
  | HR : R ?hs ?ls |- _ =>
      unfold R in HR; hnf in HR;
      lazymatch type of hs with Z => idtac | _ => destruct hs, ls end
  end;
  cbn in *; pass_open; cbn in *;
  subst; unfold spec in *;
  lazymatch goal with H : _ = Some (_, _) |- _ => destruct_spec H end;
  pass_open_calls;
  (* per case of the spec *)
  (pass_pointwise_reads; eexists; split; [ g_eval | unfold R; hnf; cbn; pass_close ]).

(** The obligation: the project's tactic, else the frame tactic. *)
Ltac pass_proof p spec R :=
  first [ solve [ pass_user p spec R ] | solve [ pass_frame p spec R ] ]
  || fail "the frame tactic cannot show that" spec "preserves" R
          "(it writes or reads a field the relation does not equate): prove it in PROJ_PROOFS by redefining pass_user".

Ltac ref_proof hprim lprim hspec lspec :=
  ref_unmarshal hprim lprim;
  unfold hspec, lspec in *;
  match goal with H : _ = Some (_, _) |- _ => destruct_spec H end;
  (cbn; eexists; split; [ g_eval | vsolve ]).

(** Lemmas (hand-written, e.g. in a project's [PROJ_PROOFS] file) of the form
    [hspec args hs = Some .. -> R hs ls -> ranges -> exists ls', lspec args ls = Some .. /\ R ..]. *)
Create HintDb refproof.

(** A project's own refinement tactic: a [PROJ_PROOFS] file redefines it ([Ltac ref_user ::= ..]),
    dispatching on [hspec]. It runs inside the generated RefProof, so the hand-written lemmas need not
    mention the low spec, and a wrong spec or code change fails in that RefProof. *)
Ltac ref_user hspec lspec R := fail.

(** The refinement of a low spec by a hand-written spec, at the level of the specs: by a lemma of
    the [refproof] database, by [ref_user], or (equality relations, specs that agree after
    unfolding) by destructing the hand-written spec and evaluating the low spec. *)
Ltac ref_spec_proof hspec lspec R :=
  intros;
  first
    [ solve [ eauto with refproof ]
    | solve [ ref_user hspec lspec R ]
    | unfold R in *; subst;
      match goal with H : hspec _ = _ |- _ => idtac | H : _ = Some _ |- _ => idtac end;
      unfold hspec, lspec in *;
      match goal with H : _ = Some _ |- _ => destruct_spec H end;
      ptr_known_blocks;
      (eexists; split; [ g_eval | first [ reflexivity | vsolve ] ]) ].

(** From the spec-level lemma [L] to [prim_ref hprim lprim R]: undo the marshalling on both sides. *)
Ltac ref_lift hprim lprim L :=
  let vs := fresh "vs" in let hs := fresh "hs" in let hs' := fresh "hs'" in let r := fresh "r" in
  let ls := fresh "ls" in let HR := fresh "HR" in let H := fresh "H" in
  intros vs hs hs' r ls HR H; unfold hprim, lprim in *;
  repeat (destruct vs as [|? vs]; cbn in H; try discriminate H);
  unfold arg_int, arg_bool, arg_ptr, ret_int, ret_void, ret_bool, ret_ptr in *;
  destruct_spec H;
  repeat match goal with E : (?w =? ?n) = true |- _ => is_var w; apply Z.eqb_eq in E; subst w end;
  let ls' := fresh "ls'" in let E := fresh "E" in let HR' := fresh "HR'" in
  edestruct L as (ls' & E & HR'); try eassumption;
  exists ls'; split; [ g_eval | exact HR' ].

(** ** Arithmetic on literals for hand-written proofs *)

Ltac g_poslit p := lazymatch p with xH => idtac | xO ?q => g_poslit q | xI ?q => g_poslit q end.
Ltac g_zlit z := lazymatch z with Z0 => idtac | Zpos ?p => g_poslit p | Zneg ?p => g_poslit p end.
Ltac g_iop2 f := lazymatch f with
  | iadd => idtac | isub => idtac | imul => idtac | iand => idtac | ior => idtac | ixor => idtac
  | ishl => idtac | ilshr => idtac | ieq => idtac | iult => idtac | iule => idtac end.
Ltac g_iop1 f := lazymatch f with itrunc => idtac | izext => idtac | wrap => idtac end.

(** Evaluate integer operations on literals, which [cbn] leaves (they are not simpl-transparent). *)
Ltac eval_iops := repeat match goal with
  | |- context [ ?f ?w ?a ?b ] =>
      g_iop2 f; g_zlit w; g_zlit a; g_zlit b; let v := eval vm_compute in (f w a b) in change (f w a b) with v
  | |- context [ ?f ?w ?a ] =>
      g_iop1 f; g_zlit w; g_zlit a; let v := eval vm_compute in (f w a) in change (f w a) with v
  end.

(** Unfold every integer operation to [Z] arithmetic under [wrap]. *)
Ltac unfold_iops := unfold iadd, isub, imul, iand, ior, ixor, ishl, ilshr, iashr, itrunc, izext, isext,
  ieq, iult, iule, islt, isle, ineg, inot in *.

(** The proof of a generated loop lemma, after [intros]: [wp_loop_fuel] from fuel [fuel] with the
    invariant [I] (indexed by the remaining fuel), stepping the loop body [body] of code [c] over
    layer [Lo]. *)
Ltac g_loop_proof Lo c I body fuel :=
  apply (wp_loop_fuel Lo c I _ body) with (n := fuel);
  [ g_loop_step | g_loop_nofuel | g_loop_init ].

(** Settle the undefined-behaviour guards of a closed-form computation (nsw overflow of address
    arithmetic, [getelementptr inbounds] ranges, …) whose operands are in ranges the hypotheses
    give: every [if c then _ else _] whose condition [bsolve] decides. For hand-written closed forms
    of generated specs. *)
Ltac settle_guards :=
  repeat match goal with
  | |- context [ if ?c then _ else _ ] =>
      lazymatch c with true => fail | false => fail | _ => idtac end;
      first [ replace c with false by (symmetry; bsolve)
            | replace c with true by (symmetry; bsolve) ]; cbv beta iota
  end.

(** ** Theorems that the refinement is not vacuous *)

(** The initial states are related. Equality relations hold by [reflexivity]; other relations by a
    lemma of the [initrel] hint database (hand proofs), the project's [init_rel_user] hook, or by
    unfolding the relation and the initial states and splitting conjunctions. *)
Create HintDb initrel.
Ltac init_rel_user := fail.
Ltac init_rel_proof R :=
  first
    [ reflexivity
    | solve [ eauto with initrel ]
    | solve [ unfold R; eauto with initrel ]
    | solve [ init_rel_user ]
    | solve [ unfold R; cbn; repeat split; intros; cbn in *; try reflexivity; try lia ] ].

(** The loop-bound check of a generated spec ([Bound.v], E-BLD040): whether a spec is defined
    on a few concrete arguments in the initial state, by computation, after rewriting each sealed
    fuel to its bound ([bound_fuel]); [msg] names the cause when it is undefined on all of them. *)
Definition defined_some {A : Type} (o : option A) : bool :=
  match o with Some _ => true | None => false end.
Ltac bound_fuel e := repeat rewrite e.
Ltac bound_check msg := tryif (vm_compute; reflexivity) then idtac else fail 0 msg.

(** [rcomp] of two relations holds through an intermediate state. *)
Lemma rcomp_intro : forall {A B C : Type} (R1 : A -> B -> Prop) (R2 : B -> C -> Prop) a b c,
  R1 a b -> R2 b c -> rcomp R1 R2 a c.
Proof. unfold rcomp; eauto. Qed.

(** Invariants: preserved by a primitive's spec, or holding initially. Lemmas of the [layerinv]
    hint database and the [inv_user] hook (hand proofs) first; a [True] invariant needs nothing. *)
Create HintDb layerinv.
Ltac inv_user := fail.
Ltac inv_proof I :=
  intros;
  first
    [ exact I
    | solve [ unfold I; trivial ]
    | solve [ eauto with layerinv ]
    | solve [ inv_user ]
    | solve [ unfold I in *; repeat (hnf; intros); auto ] ].

(** Definedness of a hand-written spec under its precondition: case analysis on the spec's
    conditions and matches, each branch either contradicts the precondition or returns [Some]. *)
Create HintDb defined.
Ltac defined_user := fail.
Ltac defined_step :=
  match goal with
  | |- exists _ _, Some (?a, ?b) = Some (_, _) => exists a, b; reflexivity
  | |- exists _, Some ?b = Some _ => exists b; reflexivity
  | |- context [ if ?c then _ else _ ] =>
      lazymatch c with true => fail | false => fail | _ => destruct c eqn:? end
  | |- context [ match ?x with _ => _ end ] =>
      lazymatch x with context [ match _ with _ => _ end ] => fail | _ => destruct x eqn:? end
  end.
Ltac defined_proof spec pre :=
  intros;
  first
    [ solve [ eauto with defined ]
    | solve [ defined_user ]
    | solve [ unfold spec, pre in *; cbn in *;
              repeat (defined_step; cbn in *; try congruence; try discriminate) ] ].

(** ** Memory maps (generated [MemMap.v]) *)

(** Evaluate the name of a code global and string comparisons on literals. *)
Ltac memmap_names :=
  repeat match goal with
  | |- context [ ?f ?g ] =>
      lazymatch type of g with ident => idtac end;
      lazymatch type of (f g) with String.string => idtac end;
      let v := eval vm_compute in (f g) in
      lazymatch v with f g => fail | _ => change (f g) with v end
  end;
  repeat match goal with
  | |- context [ String.eqb ?a ?b ] =>
      let v := eval vm_compute in (String.eqb a b) in change (String.eqb a b) with v
  end;
  cbv beta iota zeta.

(** One step down the offset dispatch: its test [c] decided, the branch taken. *)
Lemma memmap_if_true : forall {A : Type} (c : bool) (a b r : A),
  c = true -> a = r -> (if c then a else b) = r.
Proof. intros; subst; reflexivity. Qed.
Lemma memmap_if_false : forall {A : Type} (c : bool) (a b r : A),
  c = false -> b = r -> (if c then a else b) = r.
Proof. intros; subst; reflexivity. Qed.

(** Decide one test of the dispatch, [c = true] or [c = false]: by computation when it is closed,
    else each comparison (over the indices, linear) by [lia] from the bounds in the context. The
    goal is the test alone, never the dispatch around it. *)
Ltac memmap_decide :=
  first
    [ reflexivity
    | lazymatch goal with
      | |- (_ && _) = true => apply andb_true_intro; split; memmap_decide
      | |- (_ && _) = false =>
          first [ apply andb_false_intro1; memmap_decide | apply andb_false_intro2; memmap_decide ]
      | |- (_ <=? _) = true => apply (proj2 (Z.leb_le _ _)); lia
      | |- (_ <=? _) = false => apply (proj2 (Z.leb_gt _ _)); lia
      | |- (_ <? _) = true => apply (proj2 (Z.ltb_lt _ _)); lia
      | |- (_ <? _) = false => apply (proj2 (Z.ltb_ge _ _)); lia
      | |- (_ =? _) = true => apply (proj2 (Z.eqb_eq _ _)); lia
      | |- (_ =? _) = false => apply (proj2 (Z.eqb_neq _ _)); lia
      end ].

(** Walk down the dispatch [(if c then _ else _) = rhs] from its root, deciding each test on its
    own ([memmap_decide]), until a test it cannot decide (an access check, or a computed index
    [memmap_index] has not yet identified). Linear in the depth of the dispatch (a binary search),
    where deciding every [if] of the whole unfolded dispatch at once ([settle_guards]) re-examines
    the whole term at each step. *)
Ltac memmap_walk :=
  repeat lazymatch goal with
  | |- (if ?c then _ else _) = _ =>
      first [ apply memmap_if_true; [ solve [ memmap_decide ] | ]
            | apply memmap_if_false; [ solve [ memmap_decide ] | ] ]
  end.

(** Open a memory map's pointer-level function [f] and its block-level function [blk] at a
    concrete path: select the block, then walk the offset dispatch (every range test and bound,
    decided from the indices' bounds in the context) down to the path's leaf or to the first
    computed index. *)
Ltac memmap_open f blk :=
  unfold f; cbn [pbase poffset]; memmap_names; unfold blk; cbv beta zeta; memmap_walk.

(** The index the dispatch computes ([t], a division of the offset) is the path's index [v], and
    the offset inside the element ([m], the same offset modulo the stride) is the rest [r] of the
    path's offset. *)
Ltac memmap_index t v m r :=
  replace t with v by (Z.div_mod_to_equations; nia);
  replace m with r by (Z.div_mod_to_equations; nia).

(** ** Field-level specs of accessors (generated from a memory map)

    The spec of an accessor is "if the indices are in bounds and the access check holds, the
    path's abstract location (its value, or the state with it updated), else undefined". Its
    refinement of the low spec: open the spec's condition, compute the start of the object
    ([start], a bottom spec), decide the code's overflow and [inbounds] guards from the bounds,
    bring the address to the access lemma's form [Ptr b off] and rewrite with the access lemma
    [L]. A function that reads another field, or another object, fails here. *)
Ltac field_cond :=
  repeat match goal with
  | E : (_ && _) = true |- _ => apply andb_prop in E; destruct E
  | E : (_ <=? _) = true |- _ => apply Z.leb_le in E
  | E : (_ <? _) = true |- _ => apply Z.ltb_lt in E
  | E : in_urange _ _ = true |- _ => unfold in_urange in E; apply andb_prop in E; destruct E
  end.

(** Extensions and truncations of a loaded or stored value, as the code computes them. *)
Lemma wrap_of_narrower : forall w w' z, 0 <= w <= w' -> wrap w' (wrap w z) = wrap w z.
Proof.
  intros; apply wrap_small.
  pose proof (wrap_range w z ltac:(lia)); pose proof (Z.pow_le_mono_r 2 w w' ltac:(lia) ltac:(lia)); lia.
Qed.

Lemma wrap_of_wider : forall w w' z, 0 <= w <= w' -> wrap w (wrap w' z) = wrap w z.
Proof.
  intros; unfold wrap; symmetry; apply Znumtheory.Zmod_div_mod; try apply pow2_pos; try lia.
  exists (2 ^ (w' - w)); rewrite <- Z.pow_add_r by lia; f_equal; lia.
Qed.

Ltac field_value :=
  unfold izext, itrunc, ieq;
  repeat first [ rewrite wrap_of_narrower by lia | rewrite wrap_of_wider by lia ];
  repeat f_equal; first [ reflexivity | zsolve ].

(** The common middle of [field_ref] and [lock_ref]: open the low spec and the start of the
    object, settle the code's guards, and bring the address the code computes to [Ptr b off], the
    form of the access lemma (code at another offset fails here). *)
Ltac field_addr lspec start off :=
  unfold lspec, start, ptr_abs_int; cbv beta iota zeta;
  rewrite ?ishl_mul by lia;
  settle_guards;
  unfold ptr_add; cbn [pbase poffset];
  lazymatch goal with
  | |- context [ Ptr ?b ?o ] =>
      lazymatch o with
      | off => idtac
      | _ => replace o with off by (first [ zsolve | unfold iadd, imul; zsolve ])
      end
  end.

(** A lock operation's spec is "if the indices are in bounds, the lock operation on the id of the
    path's lock word": its refinement of the low spec computes the start, brings the address the
    code passes to [callee] (a bottom lock primitive: [match lock_of p with Some k => op k st | …])
    to the form of the lock-word lemma [L] and rewrites with it. Code that passes another lock's
    word fails at the address; a [lockop] that names the wrong operation fails at the end. *)
Ltac lock_ref hspec lspec R start callee L off :=
  intros; unfold R in *; subst;
  unfold hspec in *;
  try lazymatch goal with
  | H : (if ?c then _ else _) = Some _ |- _ =>
      let Ec := fresh "Ec" in
      destruct c eqn:Ec; [ | discriminate H ]
  end;
  field_cond;
  lazymatch goal with
  | H : _ = Some ?s' |- exists _, _ => exists s'; split; [ | reflexivity ]
  end;
  field_addr lspec start off;
  unfold callee; rewrite L by (split; lia);
  cbv beta iota zeta;
  lazymatch goal with
  | H : ?lhs = Some _ |- context [ ?lhs ] => rewrite H; reflexivity
  end.

Ltac field_ref hspec lspec R start L off :=
  intros; unfold R in *; subst;
  unfold hspec in *;
  lazymatch goal with
  | H : (if ?c then _ else _) = Some _ |- _ =>
      let Ec := fresh "Ec" in
      destruct c eqn:Ec; [ | discriminate H ];
      injection H; clear H; intros; subst
  end;
  field_cond;
  eexists; split; [ | reflexivity ];
  field_addr lspec start off;
  rewrite L by (split; lia);
  repeat match goal with E : ?x = true |- context [ ?x ] => rewrite E end;
  cbv beta iota zeta;
  first [ reflexivity | field_value ].

(** ** Accessors that choose their field by an argument

    A function declared on several paths of a map, each for some of its inputs
    ([; by f(index = 41)]), has the spec [if case₁ then arm₁ else if case₂ then arm₂ … else None],
    each arm a field spec. Its refinement: split the spec's case tests in turn ([guarded_case]);
    in each arm, as [field_ref] does, except that the code's own branches (its [if]s and switch
    cases on the argument) are decided from the case by [settle_guards] — code that takes
    another field for these inputs fails at the address or at the access lemma. *)
Ltac guarded_open hspec R := unfold R in *; subst; unfold hspec in *.

Ltac guarded_case :=
  lazymatch goal with
  | H : (if ?c then _ else _) = Some _ |- _ => let E := fresh "Ecase" in destruct c eqn:E
  end.

Ltac guarded_none := lazymatch goal with H : None = Some _ |- _ => discriminate H end.

Ltac field_arm lspec start L off :=
  lazymatch goal with
  | H : (if ?c then _ else _) = Some _ |- _ =>
      let Ec := fresh "Ec" in
      destruct c eqn:Ec; [ | discriminate H ];
      injection H; clear H; intros; subst
  end;
  field_cond;
  repeat match goal with
  | E : (_ =? _) = true |- _ => apply Z.eqb_eq in E
  | E : (_ =? _) = false |- _ => apply Z.eqb_neq in E
  | E : (_ <? _) = false |- _ => apply Z.ltb_ge in E
  | E : (_ <=? _) = false |- _ => apply Z.leb_gt in E
  end;
  eexists; split; [ | reflexivity ];
  unfold lspec; cbv beta iota zeta;
  try unfold case_in; cbn [existsb];
  field_addr lspec start off;
  rewrite L by (split; lia);
  repeat match goal with E : ?x = true |- context [ ?x ] => rewrite E end;
  cbv beta iota zeta;
  first [ reflexivity | field_value ].

(** ** Inline asm through a register view (AArch64/AsmView.v) *)

Lemma in_urange_range : forall w v, in_urange w v = true -> 0 <= v < 2 ^ w.
Proof. unfold in_urange. intros w v H. apply andb_true_iff in H as [ A B ]. lia. Qed.

(** A closed integer term (a named register key such as [ESR_EL2]) to its literal. *)
Ltac asm_key k :=
  lazymatch k with
  | Z0 => fail | Zpos _ => fail | Zneg _ => fail
  | _ =>
      let k' := eval cbv in k in
      lazymatch k' with Z0 => idtac | Zpos _ => idtac | Zneg _ => idtac end;
      change k with k' in *
  end.

(** Open the asm procedures' specs (named [specs]... by the caller's unfold) down to the view
    [get]/[set] (and coq-lib's [no_maint]), and state map keys as literals on both sides. *)
Ltac asm_open get set :=
  unfold AsmView.asm_ret1, AsmView.asm_ret0, AsmView.asm_view_call, AsmView.view_enter,
    AsmView.view_return, AsmView.maint_of, AsmView.barrier_name, AsmView.bopt_name,
    AsmView.no_maint, get, set in *;
  repeat match goal with
    | |- context [ZMap.get ?k _] => asm_key k
    | |- context [ZMap.set ?k _ _] => asm_key k
    | H : context [ZMap.get ?k _] |- _ => asm_key k
    | H : context [ZMap.set ?k _ _] |- _ => asm_key k
    end.

(** The refinement of a low spec that calls inline-asm procedures by a hand-written spec: as
    [ref_spec_proof], after opening the procedures; registers are 64-bit, so the results come
    with [mod 2^64] (once per view: written, read), which [Zmod_mod] folds. *)
Ltac asm_pow_literals :=
  repeat match goal with
    | |- context [2 ^ ?w] =>
        lazymatch w with Zpos _ => idtac end;
        let m := eval vm_compute in (2 ^ w) in change (2 ^ w) with m
    end.

Ltac asm_ref_proof hspec lspec R get set :=
  intros; unfold hspec, lspec in *; asm_open get set;
  unfold R in *; subst;
  (* arguments written to a register keep their value: they are in range *)
  repeat match goal with
    | H : in_urange ?w ?v = true |- _ =>
        let m := eval vm_compute in (2 ^ w) in
        lazymatch goal with
        | _ : 0 <= v < m |- _ => fail
        | _ => assert (0 <= v < m) by exact (in_urange_range w v H)
        end
    end;
  match goal with H : _ = Some _ |- _ => destruct_spec H end;
  eexists; split;
  [ g_simpl; repeat (decide_if; g_simpl); unfold AsmSemantics.mask; asm_pow_literals;
    rewrite ?Zmod_mod;
    repeat match goal with
      | H : 0 <= ?a < ?m |- context [?a mod ?m] => rewrite (Z.mod_small a m H)
      end;
    first [ reflexivity | vc_congr; rewrite ?Zmod_mod; vsolve ]
  | first [ reflexivity | vsolve ] ].

(** The same over a layer with a maintenance handler [maint] ([LAYER_ASM_MAINT]). *)
Ltac asm_ref_proof_maint hspec lspec R get set maint :=
  intros; unfold maint in *; asm_ref_proof hspec lspec R get set.
