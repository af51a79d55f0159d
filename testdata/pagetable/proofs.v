(* Hand-written part of the refinement proofs of the MemManager layer of the page-table
   demonstration (PROJ_PROOFS of proof.v), copied by `autov build` into the generated project as
   Proofs/proofs.v.

   The page tables are reasoned about with coq-lib's page-table library (PT/PTInstances.v, "The
   demonstration": [demo_inv] and its step, set, lookup and init theorems). What is left here is
   the code's side: the synthesised walk ([walk_to_leaf_spec] and its loop) takes the library's
   steps ([walk_ok]), the leaf operations read and write the table the walk reaches, and the
   tactics proving map_page/unmap_page, which coq-lib's [ref_user] hook runs inside the generated
   RefProofs. Nothing here depends on the value of MAX_VM. *)
From Coq Require Import String ZArith List Bool Lia.
From AutoV Require Import All Build GenTactics.
From AutoV.PT Require Import PTDesc PTBits PTWalk PTTree PTRefine PTInstances PTCode.
From PageTable.Code Require Import Types Globals.
From PageTable.MemManager Require Import RefineRel.
Import ListNotations.
Local Open Scope Z_scope.

(** Range goals of the code's arithmetic: linear once MAX_VM is a literal (any value works). *)
Ltac rng := unfold MAX_VM in *; eval_pow2; lia.

(** * The walk *)

(** What the walk of VM v to the level-3 table of [va] leaves: the invariant (on the state with
    the tables it linked; none without [alloc]), the same locks and log, and [t + 1] for the
    table it reached, or 0 (only without [alloc]: with it, a table is always found). *)
Definition walk_post (alloc : Z) (A : Z -> amap) (v va : Z) (c : RData) (r : Z) (c' : RData) : Prop :=
  demo_inv MAX_VM (pool_next c') (pt_tabs c') A /\ s2_locks c' = s2_locks c /\ tlb_log c' = tlb_log c /\
  (alloc = 0 -> c' = c) /\
  match reach demo (nested (pt_tabs c')) 3 v va with
  | Some t => r = t + 1 /\ 0 <= t < MAX_VM
  | None => r = 0 /\ alloc = 0
  end.

Lemma post_trans : forall alloc A v va c c1 r c', walk_post alloc A v va c1 r c' ->
  s2_locks c1 = s2_locks c -> tlb_log c1 = tlb_log c -> (alloc = 0 -> c1 = c) -> walk_post alloc A v va c r c'.
Proof.
  intros alloc A v va c c1 r c' (I & L & T & E & R) L1 T1 E1.
  split; [exact I | split; [congruence | split; [congruence | split; [|exact R]]]]. intros H. rewrite E, E1 by exact H. reflexivity.
Qed.

Lemma post_same : forall alloc A v va c r, demo_inv MAX_VM (pool_next c) (pt_tabs c) A ->
  match reach demo (nested (pt_tabs c)) 3 v va with
  | Some t => r = t + 1 /\ 0 <= t < MAX_VM | None => r = 0 /\ alloc = 0 end -> walk_post alloc A v va c r c.
Proof. intros. repeat (split; [solve [auto]|]). auto. Qed.

(** The state after a link: the library's state up to the representation of the tables. *)
Lemma inv_move : forall c1 pn tabs A L v va t, demo_inv MAX_VM pn tabs A -> reach demo (nested tabs) L v va = Some t ->
  (forall l, (1 <= l <= 3)%nat -> pool_next c1 @ Z.of_nat l = pn @ Z.of_nat l) ->
  (forall l t i, pt_tabs c1 l @ t @ i = tabs l @ t @ i) ->
  demo_inv MAX_VM (pool_next c1) (pt_tabs c1) A /\ reach demo (nested (pt_tabs c1)) L v va = Some t.
Proof.
  intros c1 pn tabs A L v va t I R P T. split; [eapply demo_inv_ext; eauto|].
  rewrite <- R. apply reach_frame. intros. apply T.
Qed.

(** The walk loop from level [l] (the level before is [lp]) to level 3. *)
Definition loop_ok (L : nat) (l lp : Z) : Prop := forall f alloc A v va c t, (3 - L < f)%nat ->
  (alloc = 0 \/ alloc = 1) -> demo_inv MAX_VM (pool_next c) (pt_tabs c) A -> 0 <= v < MAX_VM ->
  0 <= va < 2 ^ 21 -> reach demo (nested (pt_tabs c)) L v va = Some t -> 0 <= t < MAX_VM ->
  exists tt b c', walk_to_leaf_loop1_s f va l t lp alloc c = Some (2%nat, tt, b, c') /\
    walk_post alloc A v va c (if b then 0 else iadd 64 tt 1) c'.

Ltac loop_intro := intros f alloc A v va c t Hf Ha HI Hv Hva Hr Ht; destruct f as [|f]; [lia|]; cbn [walk_to_leaf_loop1_s].

Lemma loop3 : loop_ok 3 3 2.
Proof.
  loop_intro. eval_closed. do 3 eexists. split; [reflexivity|]. eval_closed.
  apply post_same; [exact HI|]. rewrite Hr. split; [|exact Ht]. unfold iadd. apply wrap_small. rng.
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
          fin; eval_closed; apply post_same; [exact HI|];
          lazymatch type of Rn with reach _ _ ?j _ _ = None => rewrite (reach_none_up _ _ j 3 v va ltac:(lia) Rn) end; auto
        | (* no table: link the next free one *)
          lazymatch goal with |- context [ walk_to_leaf_loop1_s ?f _ _ _ _ _ ?c1 ] =>
            destruct (inv_move c1 _ _ A _ v va _ I' R' ltac:(intros; reflexivity)
                        ltac:(intros [|[|[|[|?]]]] ? ?; reflexivity)) as [I1 R1];
            destruct (next f 1 A v va c1 _ ltac:(lia) (or_intror eq_refl) I1 Hv Hva R1 Hn) as (tt & b & c2 & E & P);
            rewrite E; fin; apply (post_trans _ _ _ _ _ c1); auto; discriminate
          end ] ]
  end.
Ltac fin_loop := do 3 eexists; split; [reflexivity|].

Lemma loop2 : loop_ok 2 2 1. Proof. loop_intro. step loop3 fin_loop. Qed.
Lemma loop1 : loop_ok 1 1 0. Proof. loop_intro. step loop2 fin_loop. Qed.

(** The walk of VM v (level 0 is the spec's own code, the loop does levels 1-3). *)
Lemma walk_ok : forall alloc A v va c, (alloc = 0 \/ alloc = 1) -> demo_inv MAX_VM (pool_next c) (pt_tabs c) A ->
  0 <= v < MAX_VM -> 0 <= va < 2 ^ 21 ->
  exists r c', walk_to_leaf_spec v va alloc c = Some (r, c') /\ walk_post alloc A v va c r c'.
Proof.
  intros alloc A v va c Ha HI Hv Hva. assert (Hr : reach demo (nested (pt_tabs c)) 0 v va = Some v) by reflexivity.
  unfold walk_to_leaf_spec. rewrite walk_to_leaf_fuel.fuel1_eq. unfold walk_to_leaf_loop_bound. change (Z.to_nat 4) with 4%nat.
  step loop1 ltac:(cbv beta iota; do 2 eexists; split; [reflexivity|]).
Qed.

(** * The leaf operations: the table the walk reaches, entry [idx demo 3 va] *)

Ltac leaf_read spec :=
  intros A v va c HI Hv Hva;
  destruct (walk_ok 0 A v va c (or_introl eq_refl) HI Hv Hva) as (r & c' & E & (_ & _ & _ & Ec & P));
  rewrite (Ec eq_refl) in *; unfold spec; rewrite E;
  destruct (reach _ _ 3 v va) as [t|]; destruct P as [-> Ht]; demo_run va rng; reflexivity.

Lemma get_leaf_ok : forall A v va c, demo_inv MAX_VM (pool_next c) (pt_tabs c) A -> 0 <= v < MAX_VM ->
  0 <= va < 2 ^ 21 ->
  get_leaf_spec v va c = Some (match reach demo (nested (pt_tabs c)) 3 v va with
                               | Some t => wrap 64 (l3_tables c @ t @ idx demo 3 va) | None => 0 end, c).
Proof. leaf_read get_leaf_spec. Qed.

Lemma clear_leaf_ok : forall A v va c, demo_inv MAX_VM (pool_next c) (pt_tabs c) A -> 0 <= v < MAX_VM ->
  0 <= va < 2 ^ 21 ->
  clear_leaf_spec v va c =
    match reach demo (nested (pt_tabs c)) 3 v va with
    | Some t => Some (wrap 64 (l3_tables c @ t @ idx demo 3 va),
                      update_RData_l3_tables c (l3_tables c # t == (l3_tables c @ t # idx demo 3 va == 0)))
    | None => Some (0, c)
    end.
Proof. leaf_read clear_leaf_spec. Qed.

Lemma set_leaf_ok : forall A v va pa c, demo_inv MAX_VM (pool_next c) (pt_tabs c) A -> 0 <= v < MAX_VM ->
  0 <= va < 2 ^ 21 -> exists t c1, walk_post 1 A v va c (t + 1) c1 /\
  reach demo (nested (pt_tabs c1)) 3 v va = Some t /\
  set_leaf_spec v va pa c = Some (0, update_RData_l3_tables c1 (l3_tables c1 # t == (l3_tables c1 @ t # idx demo 3 va == oa pa + 3))).
Proof.
  intros A v va pa c HI Hv Hva.
  destruct (walk_ok 1 A v va c (or_intror eq_refl) HI Hv Hva) as (r & c1 & E & P).
  pose proof P as (_ & _ & _ & _ & R). destruct (reach _ _ 3 v va) as [t|] eqn:Rt; [|lia].
  destruct R as [-> Ht]. exists t, c1. split; [exact P | split; [exact Rt|]].
  unfold set_leaf_spec. rewrite E. demo_run va rng. reflexivity.
Qed.

(** Writing entry [idx demo 3 va] of the reached table: the invariant for the new map [A']. *)
Lemma leaf_inv : forall c A A' v va t w, demo_inv MAX_VM (pool_next c) (pt_tabs c) A -> 0 <= v < MAX_VM ->
  0 <= va < 2 ^ 21 -> reach demo (nested (pt_tabs c)) 3 v va = Some t -> (w = 0 \/ bit 0 w = true) ->
  (forall x l k, A' x l k = ctx_set A v (aset (A v) 3 (key demo 3 va) (leaf_val demo demo_out 3 w)) x l k) ->
  demo_inv MAX_VM (pool_next c) (pt_tabs (update_RData_l3_tables c (l3_tables c # t == (l3_tables c @ t # idx demo 3 va == w)))) A'.
Proof.
  intros c A A' v va t w HI Hv Hva R Hw HA. eapply demo_inv_ext; [apply demo_inv_set; eauto | reflexivity | | exact HA].
  - split; [lia | eval_pow2; cbn; lia].
  - intros [|[|[|[|?]]]] ? ?; reflexivity.
Qed.

(** * The refinement of map_page and unmap_page *)

(** MAX_VM as the literal the compiled code compares with. *)
Local Notation MAXV := ltac:(let x := eval vm_compute in MAX_VM in exact x) (only parsing).

(** The argument checks: VM below MAX_VM, ipa below 2 MiB and page aligned, pa inside the
    48-bit output space and page aligned. *)
Lemma args : forall v ipa pa, 0 <= v < 2 ^ 32 -> 0 <= ipa < 2 ^ 64 -> 0 <= pa < 2 ^ 64 ->
  (iult 32 v MAXV && ieq 64 (iand 64 ipa 18446744073707458559) 0) = s2_args_ok v ipa /\
  (iult 32 v MAXV && ieq 64 (ior 64 (iand 64 pa 18446462598732845055) (iand 64 ipa 18446744073707458559)) 0)
  = s2_args_ok v ipa && (Z.land pa 18446462598732845055 =? 0).
Proof.
  intros v ipa pa Hv Hi Hp. unfold ieq, ior, iand. rewrite !(wrap_land_r 64) by (lia || reflexivity).
  change (wrap 64 0) with 0. rewrite wrap_wrap, wrap_small by (apply lor_lt_pow2; [lia | |];
    rewrite <- wrap_land_r with (w := 64) by (lia || reflexivity); apply wrap_range; lia).
  assert (E : (iult 32 v MAXV && (Z.land ipa 18446744073707458559 =? 0)) = s2_args_ok v ipa).
  { unfold s2_args_ok, IPA_LIMIT, iult, MAX_VM.
    repeat match goal with |- context [ wrap 32 ?x ] => rewrite (wrap_small 32 x) by (eval_pow2; lia) end.
    apply eq_iff_eq_true. rewrite !andb_true_iff, !Z.eqb_eq, !Z.ltb_lt, (land_ones_lit _ 4095 12) by (lia || reflexivity).
    rewrite (land_hi_lo_zero ipa 21 12 18446744073707458559 ltac:(lia) Hi eq_refl). eval_pow2. tauto. }
  split; [exact E|]. rewrite <- E. destruct (iult 32 v _); [|reflexivity]. cbn [andb].
  apply eq_iff_eq_true. rewrite !andb_true_iff, !Z.eqb_eq, Z.lor_eq_0_iff. tauto.
Qed.

Lemma args_facts : forall v ipa, 0 <= v -> 0 <= ipa -> s2_args_ok v ipa = true -> 0 <= v < MAX_VM /\ 0 <= ipa < 2 ^ 21.
Proof. unfold s2_args_ok, IPA_LIMIT. intros v ipa Hv Hi H. rewrite !andb_true_iff, !Z.ltb_lt in H. eval_pow2. lia. Qed.

Lemma acquire_ok : forall v c, ZMap.get v (s2_locks c) = 0 ->
  acquire_lock_s2pt_spec v c = Some (update_RData_s2_locks c (ZMap.set v 1 (s2_locks c))).
Proof. intros v c E. unfold acquire_lock_s2pt_spec. rewrite E. reflexivity. Qed.

Lemma release_ok : forall v c, ZMap.get v (s2_locks c) = 1 ->
  release_lock_s2pt_spec v c = Some (update_RData_s2_locks c (ZMap.set v 0 (s2_locks c))).
Proof. intros v c E. unfold release_lock_s2pt_spec. rewrite E. reflexivity. Qed.

(** The relation after an operation that took and released VM v's lock around state [X]. *)
Lemma close_rel : forall hs hs' c X v,
  (forall w, ZMap.get w (abs_locks hs) = ZMap.get w (s2_locks c)) -> ZMap.get v (abs_locks hs) = 0 ->
  abs_locks hs' = abs_locks hs -> s2_locks X = ZMap.set v 1 (s2_locks c) -> abs_tlb_log hs' = tlb_log X ->
  demo_inv MAX_VM (pool_next X) (pt_tabs X) (demo_amap (s2map hs')) ->
  pt_refrel hs' (update_RData_s2_locks X (ZMap.set v 0 (s2_locks X))).
Proof.
  intros hs hs' c X v HL Lk EL EX ET I. split; [|split; [exact ET | exact I]].
  intro w. cbn. rewrite EL, EX, !ZMap.gsspec. destruct (Z.eqb_spec w v); [subst; auto | auto].
Qed.

Lemma tabs_locks : forall c m, pt_tabs (update_RData_s2_locks c m) = pt_tabs c. Proof. reflexivity. Qed.

(** The RefProofs state, for the low spec [lspec] of map_page / unmap_page:
    [spec args hs = Some (r, hs') -> MemManager_R hs ls -> in_urange .. -> exists ls', lspec args ls =
    Some (r, ls') /\ MemManager_R hs' ls']. These tactics run there (through [ref_user]): a wrong
    spec or code fails in that RefProof. *)
Ltac map_page_ref lspec :=
  repeat match goal with H : _ |- _ => revert H end;
  intros v ipa pa hs hs' c r H Rr U1 U2 U3; unfold MemManager_R in *;
  apply in_urange_bounds in U1, U2, U3;
  unfold map_page_spec, PAGE_SIZE in H; unfold lspec; cbv beta zeta;
  rewrite (proj2 (args v ipa pa U1 U2 U3));
  destruct (s2_args_ok v ipa && (Z.land pa 18446462598732845055 =? 0)) eqn:Av;
    [ | injection H as <- <-; eexists; split; [ reflexivity | exact Rr ] ];
  apply andb_true_iff in Av as [Av Pm]; apply Z.eqb_eq in Pm;
  destruct (args_facts v ipa ltac:(lia) ltac:(lia) Av) as (Hv & Hi);
  destruct (Z.eqb_spec (ZMap.get v (abs_locks hs)) 0) as [ Lk | ]; [ | discriminate H ];
  pose proof Rr as (HL & HT & HI);
  rewrite acquire_ok by (rewrite <- HL; exact Lk);
  change (s2map hs @ v @ (ipa / 4096)) with (demo_amap (s2map hs) v 3%nat (key demo 3 ipa)) in H;
  rewrite (demo_inv_lookup _ _ _ _ v ipa HI Hv ltac:(split; [lia | eval_pow2; cbn; lia])) in H;
  rewrite (get_leaf_ok _ v ipa (update_RData_s2_locks c (ZMap.set v 1 (s2_locks c))) HI Hv Hi), tabs_locks;
  cbv beta iota zeta;
  destruct (reach demo (nested (pt_tabs c)) 3 v ipa) as [t|] eqn:Rt;
  [ rewrite i_valid; cbn [l3_tables update_RData_s2_locks] in *; cbn [pt_tabs demo_tabs] in H;
    destruct (bit 0 (l3_tables c @ t @ idx demo 3 ipa)); cbn [negb] in *; cbv beta iota in H |- *
  | eval_closed; cbv beta iota in H ];
  [ (* mapped: 1, nothing changes *)
    injection H as <- <-; rewrite release_ok by (cbn; apply ZMap.gss);
    eexists; split; [reflexivity | apply (close_rel hs hs c _ v HL Lk); [reflexivity | reflexivity | exact HT | exact HI]]
  | .. ];
  (* not mapped: the walk links what is missing, the leaf is written *)
  injection H as <- <-;
  (destruct (set_leaf_ok _ v ipa pa (update_RData_s2_locks c (ZMap.set v 1 (s2_locks c))) HI Hv Hi)
     as (t' & c2 & (I2 & PL & PT & _ & _) & R2 & E);
   rewrite E; eval_closed; rewrite release_ok by (cbn; rewrite PL; apply ZMap.gss);
   eexists; split; [reflexivity|];
   apply (close_rel hs _ c _ v HL Lk); [reflexivity | exact PL | cbn; rewrite PT; exact HT|];
   apply (leaf_inv c2 _ _ v ipa t' _ I2 Hv Hi R2 (or_intror (demo_leaf_bit pa))); intros w l k; cbn [s2map update_AbsData_s2map]; rewrite demo_amap_set by lia;
   rewrite (proj2 (demo_leaf pa)), oa_self by assumption; reflexivity).

Ltac unmap_page_ref lspec :=
  repeat match goal with H : _ |- _ => revert H end;
  intros v ipa hs hs' c r H Rr U1 U2; unfold MemManager_R in *;
  apply in_urange_bounds in U1, U2;
  unfold unmap_page_spec, PAGE_SIZE in H; unfold lspec; cbv beta zeta;
  rewrite (proj1 (args v ipa 0 U1 U2 ltac:(eval_pow2; lia)));
  destruct (s2_args_ok v ipa) eqn:Av; [ | injection H as <- <-; eexists; split; [ reflexivity | exact Rr ] ];
  destruct (args_facts v ipa ltac:(lia) ltac:(lia) Av) as (Hv & Hi);
  destruct (Z.eqb_spec (ZMap.get v (abs_locks hs)) 0) as [ Lk | ]; [ | discriminate H ];
  pose proof Rr as (HL & HT & HI);
  rewrite acquire_ok by (rewrite <- HL; exact Lk);
  change (s2map hs @ v @ (ipa / 4096)) with (demo_amap (s2map hs) v 3%nat (key demo 3 ipa)) in H;
  rewrite (demo_inv_lookup _ _ _ _ v ipa HI Hv ltac:(split; [lia | eval_pow2; cbn; lia])) in H;
  rewrite (clear_leaf_ok _ v ipa (update_RData_s2_locks c (ZMap.set v 1 (s2_locks c))) HI Hv Hi), tabs_locks;
  destruct (reach demo (nested (pt_tabs c)) 3 v ipa) as [t|] eqn:Rt;
  [ cbv beta iota zeta; rewrite i_valid; cbn [l3_tables update_RData_s2_locks] in *; cbn [pt_tabs demo_tabs] in H;
    destruct (bit 0 (l3_tables c @ t @ idx demo 3 ipa)) eqn:B; cbn [negb] in *; cbv beta iota in H |- *
  | eval_closed; cbv beta iota in H ];
  [ (* mapped: cleared, flushed, 0 *)
    injection H as <- <-; unfold tlb_flush_vmid_ipa_spec; rewrite release_ok by (cbn; apply ZMap.gss);
    eexists; split; [reflexivity|]; apply (close_rel hs _ c _ v HL Lk); [reflexivity | reflexivity | cbn; congruence|];
    apply (leaf_inv _ _ _ v ipa t 0 HI Hv Hi Rt (or_introl eq_refl)); intros w l k; cbn [s2map update_AbsData_s2map update_AbsData_abs_tlb_log]; rewrite demo_amap_set by lia; reflexivity
  | (* an invalid entry is zero ([canon]): clearing it changes nothing *)
    injection H as <- <-; rewrite release_ok by (cbn; apply ZMap.gss);
    eexists; split; [reflexivity|]; apply (close_rel hs _ c _ v HL Lk); [reflexivity | reflexivity | exact HT |];
    apply (leaf_inv _ _ _ v ipa t 0 HI Hv Hi Rt (or_introl eq_refl)); intros w l k; rewrite ctx_aset_same; [reflexivity|];
    rewrite (demo_inv_lookup _ _ _ _ v ipa HI Hv ltac:(split; [lia | eval_pow2; cbn; lia])), Rt;
    cbn [pt_tabs demo_tabs]; match goal with B : bit 0 _ = false |- _ => rewrite B end; reflexivity
  | (* no table: nothing to unmap *)
    injection H as <- <-; rewrite release_ok by (cbn; apply ZMap.gss);
    eexists; split; [reflexivity | apply (close_rel hs hs c _ v HL Lk); [reflexivity | reflexivity | exact HT | exact HI]] ].

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
