(** * Layers, refinement, and vertical composition. *)

From Coq Require Import ZArith List.
From AutoV Require Import Syntax Ints Values Eval Sem Det.
Import ListNotations.

(** [Lcode c L]: the layer obtained by running code [c] over [L].  Its
    primitives are the functions of [c] (and the primitives of [L] that [c]
    does not define); memory operations are those of [L]. *)
Definition Lcode (c : code) (L : layer) : layer := {|
  lstate := lstate L;
  lload := lload L;
  lstore := lstore L;
  lalloc := lalloc L;
  lptr2int := lptr2int L;
  lfloat := lfloat L;
  lprim := fun f vs st st' r => exec_func L c f vs st st' r
|}.

(** [layer_sim R H Lo]: every behaviour of [H] from a state related by [R]
    is a behaviour of [Lo] ending in related states (forward simulation). *)
Record layer_sim (H Lo : layer) (R : lstate H -> lstate Lo -> Prop) : Prop := {
  sim_p2i : lptr2int H = lptr2int Lo;
  sim_float : lfloat H = lfloat Lo;
  sim_load : forall t p hs ls v,
      R hs ls -> lload H t p hs = Some v -> lload Lo t p ls = Some v;
  sim_store : forall t p v hs hs' ls,
      R hs ls -> lstore H t p v hs = Some hs' ->
      exists ls', lstore Lo t p v ls = Some ls' /\ R hs' ls';
  sim_alloc : forall n hs p hs' ls,
      R hs ls -> lalloc H n hs = Some (p, hs') ->
      exists ls', lalloc Lo n ls = Some (p, ls') /\ R hs' ls';
  sim_prim : forall f vs hs hs' r ls,
      R hs ls -> lprim H f vs hs hs' r ->
      exists ls', lprim Lo f vs ls ls' r /\ R hs' ls'
}.

(** One primitive [p] of [H] is refined by the code [c] running over [Lo]. *)
Definition prim_refines (H : layer) (c : code) (Lo : layer)
    (R : lstate H -> lstate Lo -> Prop) (p : ident) : Prop :=
  forall vs hs hs' r ls, R hs ls -> lprim H p vs hs hs' r ->
    exists ls', exec_func Lo c p vs ls ls' r /\ R hs' ls'.

(** The whole layer [H] is refined by [c] over [Lo]. *)
Definition refines (H : layer) (c : code) (Lo : layer)
    (R : lstate H -> lstate Lo -> Prop) : Prop :=
  layer_sim H (Lcode c Lo) R.

(** A layer refinement is assembled from per-primitive refinements and
    the simulation of memory operations. *)
Lemma refines_intro : forall (H : layer) (c : code) (Lo : layer) (R : lstate H -> lstate Lo -> Prop),
  lptr2int H = lptr2int Lo ->
  lfloat H = lfloat Lo ->
  (forall t p hs ls v, R hs ls -> lload H t p hs = Some v -> lload Lo t p ls = Some v) ->
  (forall t p v hs hs' ls, R hs ls -> lstore H t p v hs = Some hs' ->
      exists ls', lstore Lo t p v ls = Some ls' /\ R hs' ls') ->
  (forall n hs p hs' ls, R hs ls -> lalloc H n hs = Some (p, hs') ->
      exists ls', lalloc Lo n ls = Some (p, ls') /\ R hs' ls') ->
  (forall p, prim_refines H c Lo R p) ->
  refines H c Lo R.
Proof.
  intros. constructor; auto.
Qed.

(** For a layer whose primitives are given by functional specs. *)
Definition spec_refines {SH} (spec : primspec SH) (c : code) (Lo : layer)
    (R : SH -> lstate Lo -> Prop) (p : ident) : Prop :=
  forall vs hs hs' r ls, R hs ls -> spec vs hs = Some (r, hs') ->
    exists ls', exec_func Lo c p vs ls ls' r /\ R hs' ls'.

(** The code proof of one function against its (low) spec, on the state of [L]. *)
Definition implements (L : layer) (c : code) (f : ident) (spec : primspec (lstate L)) : Prop :=
  forall vs st r st', spec vs st = Some (r, st') -> exec_func L c f vs st st' r.

Lemma implements_spec_refines : forall L c f spec,
  implements L c f spec -> spec_refines spec c L (fun a b => a = b) f.
Proof.
  unfold implements, spec_refines; intros L c f spec I vs hs hs' r ls -> HS. eauto.
Qed.

Lemma prims_refines : forall (H : layer) (ps : list (ident * primspec (lstate H))) (c : code) (Lo : layer) (R : lstate H -> lstate Lo -> Prop),
  lprim H = prims_rel ps ->
  (forall p spec, find_prim ps p = Some spec -> spec_refines spec c Lo R p) ->
  forall p, prim_refines H c Lo R p.
Proof.
  unfold prim_refines, prims_rel; intros H ps c Lo R E HS p vs hs hs' r ls HR HP.
  rewrite E in HP. destruct HP as (spec & F & HP). eapply HS; eauto.
Qed.

(** ** Code preserves simulation *)

Section CODE_SIM.

Variables H Lo : layer.
Variable R : lstate H -> lstate Lo -> Prop.
Hypothesis SIM : layer_sim H Lo R.
Variable c : code.

Lemma eval_callee_sim : forall e f,
  eval_callee H e f = eval_callee Lo e f.
Proof.
  intros; unfold eval_callee. rewrite (sim_p2i _ _ _ SIM), (sim_float _ _ _ SIM). auto.
Qed.

Lemma exec_sim :
  (forall e hs s e' hs' o, exec_stmt H c e hs s e' hs' o ->
     forall ls, R hs ls -> exists ls', exec_stmt Lo c e ls s e' ls' o /\ R hs' ls') /\
  (forall f vs hs hs' r, exec_func H c f vs hs hs' r ->
     forall ls, R hs ls -> exists ls', exec_func Lo c f vs ls ls' r /\ R hs' ls').
Proof.
  destruct SIM as [EP EF SL SS SA SP].
  apply (exec_stmt_mut_combined H c
    (fun e hs s e' hs' o _ => forall ls, R hs ls -> exists ls', exec_stmt Lo c e ls s e' ls' o /\ R hs' ls')
    (fun f vs hs hs' r _ => forall ls, R hs ls -> exists ls', exec_func Lo c f vs ls ls' r /\ R hs' ls'));
  intros; rewrite ?EP, ?EF in *;
  repeat match goal with
  | IH : forall ls, R ?hs ls -> exists _, _ /\ _, HR : R ?hs ?ls |- _ =>
      destruct (IH _ HR) as (? & ? & ?); clear IH
  end.
  all: try (eexists; split; [econstructor; rewrite ?EP, ?EF, <- ?eval_callee_sim; eauto | eauto]; fail).
  all: match goal with
  | HS : lstore H ?t ?p ?v ?hs = Some ?hs', HR : R ?hs ?ls |- _ =>
      destruct (SS _ _ _ _ _ _ HR HS) as (? & ? & ?)
  | HA : lalloc H ?n ?hs = Some (?p, ?hs'), HR : R ?hs ?ls |- _ =>
      destruct (SA _ _ _ _ _ HR HA) as (? & ? & ?)
  | HP : lprim H ?f ?vs ?hs ?hs' ?r, HR : R ?hs ?ls |- _ =>
      destruct (SP _ _ _ _ _ _ HR HP) as (? & ? & ?)
  end.
  all: eexists; split; [ first [ eapply exec_cmpxchg_ok | eapply exec_external | econstructor ];
                         rewrite ?EP, ?EF; eauto | eauto ].
Qed.

End CODE_SIM.

Lemma Lcode_sim : forall H Lo R c,
  layer_sim H Lo R -> layer_sim (Lcode c H) (Lcode c Lo) R.
Proof.
  intros H Lo R c SIM. pose proof SIM as [EP EF SL SS SA SP].
  constructor; cbn; auto.
  intros f vs hs hs' r ls HR HE. eapply (proj2 (exec_sim H Lo R SIM c)); eauto.
Qed.

Definition rcomp {A B C : Type} (R1 : A -> B -> Prop) (R2 : B -> C -> Prop) : A -> C -> Prop :=
  fun a c => exists b, R1 a b /\ R2 b c.

Lemma layer_sim_trans : forall A B C R1 R2,
  layer_sim A B R1 -> layer_sim B C R2 -> layer_sim A C (rcomp R1 R2).
Proof.
  intros A B C R1 R2 [EP1 EF1 SL1 SS1 SA1 SP1] [EP2 EF2 SL2 SS2 SA2 SP2].
  constructor; unfold rcomp.
  - congruence.
  - congruence.
  - intros t p hs ls v (b & H1 & H2) HL. eauto.
  - intros t p v hs hs' ls (b & H1 & H2) HS.
    destruct (SS1 _ _ _ _ _ _ H1 HS) as (b' & HS' & H1').
    destruct (SS2 _ _ _ _ _ _ H2 HS') as (ls' & HS'' & H2'). eauto.
  - intros n hs p hs' ls (b & H1 & H2) HA.
    destruct (SA1 _ _ _ _ _ H1 HA) as (b' & HA' & H1').
    destruct (SA2 _ _ _ _ _ H2 HA') as (ls' & HA'' & H2'). eauto.
  - intros f vs hs hs' r ls (b & H1 & H2) HP.
    destruct (SP1 _ _ _ _ _ _ H1 HP) as (b' & HP' & H1').
    destruct (SP2 _ _ _ _ _ _ H2 HP') as (ls' & HP'' & H2'). eauto.
Qed.

(** ** Vertical composition: if [c2] over [Lmid] refines [Ltop] and [c1]
    over [Llow] refines [Lmid], then [c2] over ([c1] over [Llow]) refines
    [Ltop], with the composed relation. *)
Theorem vertical_composition :
  forall (Ltop Lmid Llow : layer) (c1 c2 : code)
         (R2 : lstate Ltop -> lstate Lmid -> Prop)
         (R1 : lstate Lmid -> lstate Llow -> Prop),
  refines Ltop c2 Lmid R2 ->
  refines Lmid c1 Llow R1 ->
  refines Ltop c2 (Lcode c1 Llow) (rcomp R2 R1).
Proof.
  unfold refines; intros.
  apply (layer_sim_trans Ltop (Lcode c2 Lmid) (Lcode c2 (Lcode c1 Llow)) R2 R1); [exact H|].
  apply Lcode_sim; exact H0.
Qed.

(** Running a function of the composed code on the bottom layer. *)
Corollary vertical_composition_exec :
  forall Ltop Lmid Llow c1 c2 R2 R1 p vs hs hs' r ls,
  refines Ltop c2 Lmid R2 ->
  refines Lmid c1 Llow R1 ->
  rcomp R2 R1 hs ls ->
  lprim Ltop p vs hs hs' r ->
  exists ls', exec_func (Lcode c1 Llow) c2 p vs ls ls' r /\ rcomp R2 R1 hs' ls'.
Proof.
  intros. destruct (vertical_composition Ltop Lmid Llow c1 c2 R2 R1 H H0) as [_ _ _ _ _ SP].
  eapply SP; eauto.
Qed.

(** Code over a deterministic layer is a deterministic layer. *)
Lemma Lcode_deterministic : forall c L,
  prims_deterministic L -> prims_deterministic (Lcode c L).
Proof.
  unfold prims_deterministic; cbn; intros c L PD f vs st st1 r1 st2 r2 H1 H2.
  eapply exec_func_deterministic; eauto.
Qed.
