(* Hand-written proofs of the page-table demonstration's MemManager layer (PROJ_PROOFS of proof.v,
   copied by `autov build` to Proofs/proofs.v). The tables are reasoned about with coq-lib's
   page-table library (PT/PTInstances.v: [demo_inv], its step, set, lookup and init theorems).
   Here is the code's side: the synthesised walk takes the library's steps ([walk_ok]), the leaf
   operations read and write the table it reaches, and the tactics proving map_page/unmap_page run
   inside the generated RefProofs (coq-lib's [ref_user] hook). Nothing depends on MAX_VM's value. *)
From Coq Require Import String ZArith List Bool Lia Btauto.
From AutoV Require Import All Build GenTactics.
From AutoV.PT Require Import PTDesc PTBits PTWalk PTTree PTRefine PTInstances PTCode.
From PageTable.Code Require Import Types Globals.
From PageTable.MemManager Require Import RefineRel.
Import ListNotations.
Local Open Scope Z_scope.

(** Range goals of the code's arithmetic: linear once MAX_VM is a literal (any value works). *)
Ltac rng := unfold MAX_VM in *; eval_pow2; lia.

(** Shorthands: the invariant on code state [c], the level-3 table VM v's walk reaches for [va],
    entry [idx demo 3 va] of table [t], and [c] with that entry set to [w]. *)
Notation inv c A := (demo_inv MAX_VM (pool_next c) (pt_tabs c) A).
Notation reached c v va := (reach demo (nested (pt_tabs c)) 3 v va).
Notation leaf c t va := (l3_tables c @ t @ idx demo 3 va).
Notation with_leaf c t va w := (update_RData_l3_tables c (l3_tables c # t == (l3_tables c @ t # idx demo 3 va == w))).

(** * The walk *)

(** What VM v's walk to the level-3 table of [va] leaves: the invariant (with the tables it
    linked, none without [alloc]), the same locks and log, [t + 1] for the table reached, or 0
    (only without [alloc]). *)
Definition walk_post (alloc : Z) (A : Z -> amap) (v va : Z) (c : RData) (r : Z) (c' : RData) : Prop :=
  inv c' A /\ s2_locks c' = s2_locks c /\ tlb_log c' = tlb_log c /\ (alloc = 0 -> c' = c) /\
  match reached c' v va with Some t => r = t + 1 /\ 0 <= t < MAX_VM | None => r = 0 /\ alloc = 0 end.

(** [walk_post] of a walk that changed nothing. *)
Ltac post_same := unfold walk_post; repeat (split; [solve [auto]|]).

(** The state after a link: the library's state up to the representation of the tables. *)
Lemma inv_move : forall c1 pn tabs A L v va t, demo_inv MAX_VM pn tabs A -> reach demo (nested tabs) L v va = Some t ->
  (forall l, (1 <= l <= 3)%nat -> pool_next c1 @ Z.of_nat l = pn @ Z.of_nat l) ->
  (forall l t i, pt_tabs c1 l @ t @ i = tabs l @ t @ i) ->
  inv c1 A /\ reach demo (nested (pt_tabs c1)) L v va = Some t.
Proof.
  intros c1 pn tabs A L v va t I R P T. split; [eapply demo_inv_ext; eauto|].
  rewrite <- R. apply reach_frame. intros. apply T.
Qed.

(** The walk loop from level [l] (the level before is [lp]) to level 3. *)
Definition loop_ok (L : nat) (l lp : Z) : Prop := forall f alloc A v va c t, (3 - L < f)%nat ->
  (alloc = 0 \/ alloc = 1) -> inv c A -> 0 <= v < MAX_VM -> 0 <= va < 2 ^ 21 ->
  reach demo (nested (pt_tabs c)) L v va = Some t -> 0 <= t < MAX_VM ->
  exists tt b c', walk_to_leaf_loop1_s f va l t lp alloc c = Some (2%nat, tt, b, c') /\
    walk_post alloc A v va c (if b then 0 else iadd 64 tt 1) c'.

Ltac loop_intro := intros f alloc A v va c t Hf Ha HI Hv Hva Hr Ht; destruct f as [|f]; [lia|]; cbn [walk_to_leaf_loop1_s].

Lemma loop3 : loop_ok 3 3 2.
Proof.
  loop_intro. eval_closed. do 3 eexists. split; [reflexivity|]. eval_closed.
  post_same. rewrite Hr. split; [|exact Ht]. unfold iadd. apply wrap_small. rng.
Qed.

(** One level of the walk: the library's step ([demo_inv_step]) on the code's state; [next]
    gives the rest of the walk, [fin] closes the result's match. *)
Ltac step next fin :=
  lazymatch goal with
  | HI : demo_inv _ _ _ ?A, Hr : reach demo _ ?L ?v ?va = Some ?t, Hv : 0 <= ?v < MAX_VM,
    Hva : 0 <= ?va < 2 ^ 21, Ha : ?alloc = 0 \/ ?alloc = 1 |- _ =>
      destruct (demo_inv_step _ _ _ _ _ _ L t HI Hv Hva ltac:(lia) Hr) as [(c' & D & Hc' & R') | (Z0 & Rn & Hn & I' & R')];
      cbn [pt_tabs demo_tabs] in *;
      repeat match goal with H : context [ Z.of_nat ?n ] |- _ =>
        let z := eval vm_compute in (Z.of_nat n) in change (Z.of_nat n) with z in H end;
      [ (* a table: follow it *)
        destruct (demo_code_tbl L _ c' ltac:(lia) D) as (T1 & T2 & T3); demo_run va rng;
        lazymatch goal with |- context [ walk_to_leaf_loop1_s ?f _ _ _ _ _ _ ] =>
          destruct (next f alloc A v va _ c' ltac:(lia) Ha HI Hv Hva R' Hc') as (tt & b & c2 & E & P);
          rewrite E; fin; exact P
        end
      | destruct Ha as [-> | ->]; demo_run va rng;
        [ (* no table, no allocation: 0 *)
          fin; eval_closed; post_same;
          lazymatch type of Rn with reach _ _ ?j _ _ = None => rewrite (reach_none_up _ _ j 3 v va ltac:(lia) Rn) end; auto
        | (* no table: link the next free one *)
          lazymatch goal with |- context [ walk_to_leaf_loop1_s ?f _ _ _ _ _ ?c1 ] =>
            destruct (inv_move c1 _ _ A _ v va _ I' R' ltac:(intros; reflexivity)
                        ltac:(intros [|[|[|[|?]]]] ? ?; reflexivity)) as [I1 R1];
            destruct (next f 1 A v va c1 _ ltac:(lia) (or_intror eq_refl) I1 Hv Hva R1 Hn) as (tt & b & c2 & E & P);
            rewrite E; fin; destruct P as (I2 & EL & ET & _ & R2); refine (conj I2 (conj _ (conj _ (conj _ R2))));
              [rewrite EL | rewrite ET | discriminate]; reflexivity
          end ] ]
  end.

Lemma loop2 : loop_ok 2 2 1. Proof. loop_intro. step loop3 ltac:(do 3 eexists; split; [reflexivity|]). Qed.
Lemma loop1 : loop_ok 1 1 0. Proof. loop_intro. step loop2 ltac:(do 3 eexists; split; [reflexivity|]). Qed.

(** The walk of VM v (level 0 is the spec's own code, the loop does levels 1-3). *)
Lemma walk_ok : forall alloc A v va c, (alloc = 0 \/ alloc = 1) -> inv c A -> 0 <= v < MAX_VM -> 0 <= va < 2 ^ 21 ->
  exists r c', walk_to_leaf_spec v va alloc c = Some (r, c') /\ walk_post alloc A v va c r c'.
Proof.
  intros alloc A v va c Ha HI Hv Hva. assert (Hr : reach demo (nested (pt_tabs c)) 0 v va = Some v) by reflexivity.
  unfold walk_to_leaf_spec. rewrite walk_to_leaf_fuel.fuel1_eq. unfold walk_to_leaf_loop_bound. change (Z.to_nat 4) with 4%nat.
  step loop1 ltac:(cbv beta iota; do 2 eexists; split; [reflexivity|]).
Qed.

(** * The leaf operations: the table the walk reaches, entry [idx demo 3 va] *)

Lemma leaf_ok : forall A v va c, inv c A -> 0 <= v < MAX_VM -> 0 <= va < 2 ^ 21 ->
  get_leaf_spec v va c = Some (match reached c v va with Some t => wrap 64 (leaf c t va) | None => 0 end, c) /\
  clear_leaf_spec v va c =
    match reached c v va with Some t => Some (wrap 64 (leaf c t va), with_leaf c t va 0) | None => Some (0, c) end.
Proof.
  intros A v va c HI Hv Hva. destruct (walk_ok 0 A v va c (or_introl eq_refl) HI Hv Hva) as (r & c' & E & (_ & _ & _ & Ec & P)).
  rewrite (Ec eq_refl) in *. unfold get_leaf_spec, clear_leaf_spec. rewrite !E.
  destruct (reached c v va) as [t|]; destruct P as [-> Ht]; split; demo_run va rng; reflexivity.
Qed.

Lemma set_leaf_ok : forall A v va pa c, inv c A -> 0 <= v < MAX_VM -> 0 <= va < 2 ^ 21 ->
  exists t c1, walk_post 1 A v va c (t + 1) c1 /\ reached c1 v va = Some t /\
    set_leaf_spec v va pa c = Some (0, with_leaf c1 t va (oa pa + 3)).
Proof.
  intros A v va pa c HI Hv Hva.
  destruct (walk_ok 1 A v va c (or_intror eq_refl) HI Hv Hva) as (r & c1 & E & P).
  pose proof P as (_ & _ & _ & _ & R). destruct (reach _ _ 3 v va) as [t|] eqn:Rt; [|lia].
  destruct R as [-> Ht]. exists t, c1. split; [exact P | split; [exact Rt|]].
  unfold set_leaf_spec. rewrite E. demo_run va rng. reflexivity.
Qed.

(** Writing entry [idx demo 3 va] of the reached table: the invariant for the new map [A']. *)
Lemma leaf_inv : forall c A A' v va t w, inv c A -> 0 <= v < MAX_VM -> 0 <= va < 2 ^ 21 -> reached c v va = Some t ->
  (w = 0 \/ bit 0 w = true) ->
  (forall x l k, A' x l k = ctx_set A v (aset (A v) 3 (key demo 3 va) (leaf_val demo demo_out 3 w)) x l k) ->
  inv (with_leaf c t va w) A'.
Proof.
  intros c A A' v va t w HI Hv Hva R Hw HA. eapply demo_inv_ext; [apply demo_inv_set; eauto | reflexivity | | exact HA].
  - split; [lia | eval_pow2; cbn; lia].
  - intros [|[|[|[|?]]]] ? ?; reflexivity.
Qed.

(** * The refinement of map_page and unmap_page *)

(** The argument checks ([MAXV]: MAX_VM as the literal the compiled code compares with): VM below
    MAX_VM, ipa below 2 MiB and page aligned, pa inside the 48-bit output space and page aligned. *)
Local Notation MAXV := ltac:(let x := eval vm_compute in MAX_VM in exact x) (only parsing).
Lemma args : forall v ipa pa, 0 <= v < 2 ^ 32 -> 0 <= ipa < 2 ^ 64 ->
  (iult 32 v MAXV && ieq 64 (iand 64 ipa 18446744073707458559) 0) = s2_args_ok v ipa /\
  (iult 32 v MAXV && ieq 64 (ior 64 (iand 64 pa 18446462598732845055) (iand 64 ipa 18446744073707458559)) 0)
  = s2_args_ok v ipa && (Z.land pa 18446462598732845055 =? 0).
Proof.
  intros v ipa pa Hv Hi. rewrite ieq_ior_0, !ieq_iand_0 by (lia || reflexivity).
  unfold s2_args_ok, iult, MAX_VM. rewrite !(wrap_small 32) by (eval_pow2; lia).
  replace (Z.land ipa 18446744073707458559 =? 0) with ((ipa <? IPA_LIMIT) && (Z.land ipa 4095 =? 0)).
  - split; btauto.
  - apply eq_iff_eq_true. rewrite andb_true_iff, !Z.eqb_eq, Z.ltb_lt, (land_ones_lit _ 4095 12) by (lia || reflexivity).
    rewrite (land_hi_lo_zero ipa 21 12 18446744073707458559 ltac:(lia) Hi eq_refl). unfold IPA_LIMIT. tauto.
Qed.

Lemma args_facts : forall v ipa, 0 <= v -> 0 <= ipa -> s2_args_ok v ipa = true -> 0 <= v < MAX_VM /\ 0 <= ipa < 2 ^ 21.
Proof. unfold s2_args_ok, IPA_LIMIT. intros v ipa Hv Hi H. rewrite !andb_true_iff, !Z.ltb_lt in H. eval_pow2. lia. Qed.

(** Releasing VM v's lock, taken around state [X], re-establishes the relation. *)
Lemma close_rel : forall hs hs' c X v (r : Z),
  (forall w, ZMap.get w (abs_locks hs) = ZMap.get w (s2_locks c)) -> ZMap.get v (abs_locks hs) = 0 ->
  abs_locks hs' = abs_locks hs -> s2_locks X = ZMap.set v 1 (s2_locks c) -> abs_tlb_log hs' = tlb_log X ->
  inv X (demo_amap (s2map hs')) ->
  exists ls', match release_lock_s2pt_spec v X with Some st => Some (r, st) | None => None end = Some (r, ls') /\
    pt_refrel hs' ls'.
Proof.
  intros hs hs' c X v r HL Lk EL EX ET I. assert (E : ZMap.get v (s2_locks X) = 1) by (rewrite EX; apply ZMap.gss).
  unfold release_lock_s2pt_spec. rewrite E.
  eexists; split; [reflexivity | split; [|split; [exact ET | exact I]]].
  intro w. cbn. rewrite EL, EX, !ZMap.gsspec. destruct (Z.eqb_spec w v); [subst; auto | auto].
Qed.

Lemma tabs_locks : forall c m, pt_tabs (update_RData_s2_locks c m) = pt_tabs c. Proof. reflexivity. Qed.

(** Releasing the lock with the abstract state unchanged. *)
Ltac unchanged hs c v HL Lk HT HI := apply (close_rel hs hs c _ v _ HL Lk); [reflexivity | reflexivity | exact HT | exact HI].

(** Both operations once the arguments passed their checks ([Av]): the lock is taken, [leaf_ok]
    (a walk that links nothing) reads ([pr] = proj1) or clears (proj2) the entry; three cases: a valid entry, an invalid
    one (zero), no table, each given the relation's parts, the free lock, ranges, the table. *)
Ltac page_op v ipa hs c H Rr Av pr valid invalid none :=
  destruct (args_facts v ipa ltac:(lia) ltac:(lia) Av) as (Hv & Hi);
  destruct (Z.eqb_spec (ZMap.get v (abs_locks hs)) 0) as [Lk|]; [|discriminate H];
  pose proof Rr as (HL & HT & HI); unfold acquire_lock_s2pt_spec at 1; rewrite <- HL, Lk, Z.eqb_refl; cbv beta iota;
  change (s2map hs @ v @ (ipa / 4096)) with (demo_amap (s2map hs) v 3%nat (key demo 3 ipa)) in H;
  rewrite (demo_inv_lookup _ _ _ _ v ipa HI Hv ltac:(split; [lia | eval_pow2; cbn; lia])) in H;
  rewrite (pr _ _ (leaf_ok _ v ipa (update_RData_s2_locks c (ZMap.set v 1 (s2_locks c))) HI Hv Hi)), tabs_locks;
  destruct (reached c v ipa) as [t|] eqn:Rt;
  [ cbv beta iota zeta; rewrite i_valid; cbn [l3_tables update_RData_s2_locks] in *; cbn [pt_tabs demo_tabs] in H;
    destruct (bit 0 (leaf c t ipa)) eqn:B; cbn [negb] in *; cbv beta iota in H |- *;
    injection H as <- <-; [valid HL HT HI Lk Hv Hi t Rt | invalid HL HT HI Lk Hv Hi t Rt B]
  | eval_closed; cbv beta iota in H; injection H as <- <-; none HL HT HI Lk Hv Hi ].

(** Arguments that fail their checks: error 2, nothing changes. *)
Ltac bad_args H Rr := injection H as <- <-; eexists; split; [reflexivity | exact Rr].

(** The RefProofs state [spec args hs = Some (r, hs') -> MemManager_R hs ls -> in_urange .. ->
    exists ls', lspec args ls = Some (r, ls') /\ MemManager_R hs' ls'] ([lspec]: the low spec). *)
Ltac map_page_ref lspec :=
  repeat match goal with H : _ |- _ => revert H end;
  intros v ipa pa hs hs' c r H Rr U1 U2 U3; unfold MemManager_R in *; apply in_urange_bounds in U1, U2, U3;
  unfold map_page_spec, PAGE_SIZE in H; unfold lspec; cbv beta zeta; rewrite (proj2 (args v ipa pa U1 U2));
  destruct (s2_args_ok v ipa && (Z.land pa 18446462598732845055 =? 0)) eqn:Av; [|bad_args H Rr];
  apply andb_true_iff in Av as [Av Pm]; apply Z.eqb_eq in Pm;
  (* not mapped (an invalid entry or no table): the walk links what is missing, the leaf is written *)
  let link HL HT HI Lk Hv Hi :=
    destruct (set_leaf_ok _ v ipa pa (update_RData_s2_locks c (ZMap.set v 1 (s2_locks c))) HI Hv Hi)
      as (t' & c2 & (I2 & PL & PT & _ & _) & R2 & E);
    rewrite E; eval_closed; apply (close_rel hs _ c _ v _ HL Lk); [reflexivity | exact PL | cbn; rewrite PT; exact HT|];
    apply (leaf_inv c2 _ _ v ipa t' _ I2 Hv Hi R2 (or_intror (demo_leaf_bit pa))); intros w l k;
    cbn [s2map update_AbsData_s2map]; rewrite demo_amap_set by lia;
    rewrite (proj2 (demo_leaf pa)), oa_self by assumption; reflexivity in
  page_op v ipa hs c H Rr Av proj1
    ltac:(fun HL HT HI Lk Hv Hi t Rt => unchanged hs c v HL Lk HT HI) (* mapped: 1 *)
    ltac:(fun HL HT HI Lk Hv Hi t Rt B => link HL HT HI Lk Hv Hi) ltac:(fun HL HT HI Lk Hv Hi => link HL HT HI Lk Hv Hi).

Ltac unmap_page_ref lspec :=
  repeat match goal with H : _ |- _ => revert H end;
  intros v ipa hs hs' c r H Rr U1 U2; unfold MemManager_R in *; apply in_urange_bounds in U1, U2;
  unfold unmap_page_spec, PAGE_SIZE in H; unfold lspec; cbv beta zeta; rewrite (proj1 (args v ipa 0 U1 U2));
  destruct (s2_args_ok v ipa) eqn:Av; [|bad_args H Rr];
  page_op v ipa hs c H Rr Av proj2
    ltac:(fun HL HT HI Lk Hv Hi t Rt => (* mapped: cleared, flushed, 0 *)
      unfold tlb_flush_vmid_ipa_spec; apply (close_rel hs _ c _ v _ HL Lk); [reflexivity | reflexivity | cbn; congruence|];
      apply (leaf_inv _ _ _ v ipa t 0 HI Hv Hi Rt (or_introl eq_refl)); intros w l k;
      cbn [s2map update_AbsData_s2map update_AbsData_abs_tlb_log]; rewrite demo_amap_set by lia; reflexivity)
    ltac:(fun HL HT HI Lk Hv Hi t Rt B => (* an invalid entry is zero ([canon]): clearing it changes nothing *)
      apply (close_rel hs _ c _ v _ HL Lk); [reflexivity | reflexivity | exact HT |];
      apply (leaf_inv _ _ _ v ipa t 0 HI Hv Hi Rt (or_introl eq_refl)); intros w l k; rewrite ctx_aset_same; [reflexivity|];
      rewrite (demo_inv_lookup _ _ _ _ v ipa HI Hv ltac:(split; [lia | eval_pow2; cbn; lia])), Rt;
      cbn [pt_tabs demo_tabs]; rewrite B; reflexivity)
    ltac:(fun HL HT HI Lk Hv Hi => unchanged hs c v HL Lk HT HI) (* no table: nothing to unmap *).

Ltac ref_user hspec lspec R ::=
  lazymatch hspec with
  | map_page_spec => map_page_ref lspec
  | unmap_page_spec => unmap_page_ref lspec
  end.

(** The initial states are related: no VM has tables, all tables are zero, the abstract map is
    empty (the generated MemManager/InitRel.v proves [pt_refrel init_abs init_RData] with it). *)
Lemma pt_init_rel : pt_refrel init_abs init_RData.
Proof.
  split; [intros; reflexivity | split; [reflexivity|]].
  apply (demo_inv_ext MAX_VM (pool_next init_RData) _ (pt_tabs init_RData) _ (fun _ => aempty));
    try (intros; reflexivity).
  - apply demo_inv_init; [unfold MAX_VM; lia | ..]; intros; cbn; try destruct l as [|[|[|[|]]]]; apply ZMap.gi.
  - intros; unfold demo_amap; cbn; rewrite !ZMap.gi; destruct (Nat.eqb _ _); reflexivity.
Qed.
#[global] Hint Resolve pt_init_rel : initrel.
