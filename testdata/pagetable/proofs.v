(* Hand-written part of the refinement proofs of the MemManager layer of the page-table
   demonstration (PROJ_PROOFS of proof.v), copied by `autov build` into the generated project as
   Proofs/proofs.v.

   Bottom-up: closed forms of the synthesised specs of PTLeaf (get/set/clear_leaf), which read the
   tables directly and call the walk loop (its fuel unrolled), for the states of the shape
   invariant `pt_inv`; bit-level facts about the descriptors and the argument checks; preservation of `pt_inv` and of the abstract lookup. Last,
   the tactics proving the refinement of the abstract map_page/unmap_page specs, which coq-lib's
   `ref_user` hook runs inside the generated RefProofs. General lemmas and tactics (wrap, bits,
   literals) are in coq-lib Build.v and GenTactics.v. *)
From Coq Require Import String ZArith List Bool Lia.
From AutoV Require Import All Build GenTactics.
From PageTable.Code Require Import Types Globals.
From PageTable.MemManager Require Import RefineRel.
Import ListNotations.
Local Open Scope Z_scope.

(** The object sizes of the memory model (`glob_bytes`, proof.v) are those of the globals' LLVM
    types in the generated code model (Code/Globals.v): a wrong size fails here. *)
Fixpoint ty_bytes (t : typ) : Z :=
  match t with Tint w => (w + 7) / 8 | Tarray n t => n * ty_bytes t | _ => 0 end.

Lemma glob_bytes_ir :
  glob_bytes (glob_ident_name g_pt_l0) = ty_bytes (gv_type gv_pt_l0) /\
  glob_bytes (glob_ident_name g_pt_l1) = ty_bytes (gv_type gv_pt_l1) /\
  glob_bytes (glob_ident_name g_pt_l2) = ty_bytes (gv_type gv_pt_l2) /\
  glob_bytes (glob_ident_name g_pt_l3) = ty_bytes (gv_type gv_pt_l3) /\
  glob_bytes (glob_ident_name g_pool_next) = ty_bytes (gv_type gv_pool_next).
Proof. vm_compute. repeat split. Qed.

(** Out of bounds is undefined: `pt_l0[2][0]` (byte 8192 of a `[2 x [512 x i64]]`) has no value. *)
Lemma load_pt_l0_oob : forall st, load_RData 8 (Ptr (Bglob g_pt_l0) 8192) st = None.
Proof. reflexivity. Qed.
Lemma store_pt_l0_oob : forall v st, store_RData 8 (Ptr (Bglob g_pt_l0) 8192) v st = None.
Proof. reflexivity. Qed.
(** Mis-sized: a 4-byte access to a pool entry has no value. *)
Lemma load_pt_l0_size : forall st, load_RData 4 (Ptr (Bglob g_pt_l0) 0) st = None.
Proof. reflexivity. Qed.

(** An IPA below 2 MiB indexes entry 0 of the tables of levels 0-2 and its page number at level 3,
    in the form the synthesised specs compute the indices. *)
Lemma pfn_range : forall ipa, 0 <= ipa < 2097152 -> 0 <= ipa / 4096 < 512.
Proof. intros; split; [apply Z.div_pos | apply Z.div_lt_upper_bound]; lia. Qed.

Lemma ipa_idx : forall ipa, 0 <= ipa < 2097152 ->
  iand 32 (ilshr 64 ipa 39) 511 = 0 /\ iand 32 (itrunc 32 (ilshr 64 ipa 30)) 511 = 0 /\
  iand 32 (itrunc 32 (ilshr 64 ipa 21)) 511 = 0 /\ iand 32 (itrunc 32 (ilshr 64 ipa 12)) 511 = ipa / 4096.
Proof.
  intros ipa Hi. pose proof (pfn_range ipa Hi). unfold iand, itrunc, ilshr.
  rewrite (wrap_small 64 ipa) by (eval_pow2; lia).
  change (wrap 64 39) with 39; change (wrap 64 30) with 30; change (wrap 64 21) with 21; change (wrap 64 12) with 12.
  rewrite !Z.shiftr_div_pow2, !(Z.div_small ipa) by (eval_pow2; lia). eval_pow2.
  split; [reflexivity | split; [reflexivity | split; [reflexivity | ]]].
  rewrite (wrap_small 32 (ipa / 4096)), (land_ones_lit _ 511 9) by (eval_pow2; lia || reflexivity).
  rewrite Z.mod_small, wrap_small by (eval_pow2; lia). reflexivity.
Qed.

Lemma slot : forall k i, k mod 4096 = 0 -> 0 <= i < 512 ->
  (k + i * 8) / 4096 = k / 4096 /\ (k + i * 8) mod 4096 / 8 = i.
Proof. intros k i K I. split; Z.div_mod_to_equations; nia. Qed.

(** Evaluate closed conditions and integer subterms, rewrite with the map-read facts in context. A
    term with a variable is never given to [vm_compute] (its normal form can be huge). *)
Ltac is_lit v := lazymatch v with true => idtac | false => idtac | Z0 => idtac | Zpos _ => idtac | Zneg _ => idtac end.
Ltac closed c := tryif (match c with context [?x] => is_var x end) then fail else idtac.
Ltac eval_closed :=
  repeat match goal with
  | |- context [ if ?c then _ else _ ] =>
      lazymatch c with true => fail | false => fail | _ => idtac end;
      closed c; let v := eval vm_compute in c in is_lit v; change c with v; cbv beta iota zeta
  | |- context [ ?e ] =>
      lazymatch type of e with Z => idtac end;
      lazymatch e with Z0 => fail | Zpos _ => fail | Zneg _ => fail | _ => idtac end;
      closed e; let v := eval vm_compute in e in is_lit v; change e with v
  | H : ZMap.get _ _ = _ |- _ => rewrite H
  end.

(** One iteration of the walk loop of the synthesised specs. *)
Lemma loop_S : forall f a b c d e st, walk_to_leaf_loop1_s (S f) a b c d e st =
  ltac:(let t := eval cbn [walk_to_leaf_loop1_s] in (walk_to_leaf_loop1_s (S f) a b c d e st) in exact t).
Proof. reflexivity. Qed.

(** Run a spec whose arguments are literals: [rw] rewrites with the facts about the state, then
    closed terms are evaluated, the state's fields read, and the loop unrolled one step at a time
    (unrolling before the branches are decided would copy the loop body at every recursive call). *)
Ltac calc rw := repeat (progress (try rw; eval_closed;
  cbn [l0_tables l1_tables l2_tables l3_tables pool_next s2_locks tlb_log update_RData_l0_tables
       update_RData_l1_tables update_RData_l2_tables update_RData_l3_tables update_RData_pool_next];
  repeat match goal with |- context [ ZMap.get ?i (ZMap.set ?j _ _) ] => closed i; closed j; rewrite (ZMap.gsspec _ j i) end;
  try rewrite loop_S)).

Ltac slots := repeat match goal with
  | |- context [ (?k + ?i * 8) / 4096 ] => rewrite (proj1 (slot k i eq_refl ltac:(lia)))
  | |- context [ (?k + ?i * 8) mod 4096 / 8 ] => rewrite (proj2 (slot k i eq_refl ltac:(lia)))
  end.

(** The table pool of a level; a write to it; the state after the walk allocated the path of VM v
    with tables n; a leaf descriptor. *)
Definition tab (l : Z) (st : RData) : ZMap.t (ZMap.t Z) :=
  if l =? 0 then l0_tables st else if l =? 1 then l1_tables st else if l =? 2 then l2_tables st
  else l3_tables st.
Definition set_tab (l t i v : Z) (st : RData) : RData :=
  let m := ZMap.set t (ZMap.set i v (ZMap.get t (tab l st))) (tab l st) in
  if l =? 0 then update_RData_l0_tables st m else if l =? 1 then update_RData_l1_tables st m
  else if l =? 2 then update_RData_l2_tables st m else update_RData_l3_tables st m.
Definition upd_pool (l v : Z) (st : RData) : RData :=
  update_RData_pool_next st (ZMap.set l v (pool_next st)).
Definition alloc_path (v n : Z) (st : RData) : RData :=
  let st1 := set_tab 0 v 0 (tdesc n) (upd_pool 1 (n + 1) st) in
  let st2 := set_tab 1 n 0 (tdesc n) (upd_pool 2 (n + 1) st1) in
  set_tab 2 n 0 (tdesc n) (upd_pool 3 (n + 1) st2).
Definition leaf (pa : Z) : Z := ior 64 (iand 64 pa 281474976706560) 3.

(** The closed forms of the synthesised leaf specs for VM [v] (< 2) at [ipa] (< 2 MiB), with the
    VM's tables [t]: [v] and [t] become literals, the spec is run with [calc], and what is left
    depends on [ipa / 4096] only. *)
Ltac leaf_calc v ipa t :=
  intros;
  let Hi := lazymatch goal with H : 0 <= ipa < 2097152 |- _ => H end in
  let I0 := fresh "I" in let I1 := fresh "I" in let I2 := fresh "I" in let I3 := fresh "I" in
  pose proof (pfn_range ipa Hi); destruct (ipa_idx ipa Hi) as (I0 & I1 & I2 & I3);
  unfold path_ok, no_path, pools_at, leaf, tdesc, PAGE_SIZE in *;
  repeat match goal with H : _ /\ _ |- _ => destruct H end;
  rewrite ?walk_to_leaf_fuel.fuel1_eq; unfold walk_to_leaf_loop_bound; change (Z.to_nat 4) with 4%nat;
  assert (v = 0 \/ v = 1) as [-> | ->] by lia; try (assert (t = 0 \/ t = 1) as [-> | ->] by lia);
  cbn [Z.eqb Pos.eqb] in *; subst; cbn [alloc_path set_tab upd_pool tab Z.eqb Pos.eqb];
  calc ltac:(rewrite ?I0, ?I1, ?I2, ?I3);
  (* the guards left depend on the page number only: its range is all they need *)
  repeat match goal with H : _ |- _ => lazymatch type of H with context [ _ / 4096 ] => fail | _ => clear H end end;
  settle_guards; slots; calc idtac; cbn; try reflexivity.

Lemma get_leaf_path : forall v ipa s st, 0 <= v < 2 -> 0 <= ipa < 2097152 -> 0 <= s < 2 ->
  path_ok st v s ->
  get_leaf_spec v ipa st = Some (wrap 64 (ZMap.get (ipa / 4096) (ZMap.get s (l3_tables st))), st).
Proof. unfold get_leaf_spec; leaf_calc v ipa s. Qed.

Lemma get_leaf_nopath : forall v ipa st, 0 <= v < 2 -> 0 <= ipa < 2097152 -> no_path st v ->
  get_leaf_spec v ipa st = Some (0, st).
Proof. unfold get_leaf_spec; leaf_calc v ipa v. Qed.

Lemma set_leaf_path : forall v ipa pa s st, 0 <= v < 2 -> 0 <= ipa < 2097152 -> 0 <= s < 2 ->
  path_ok st v s ->
  set_leaf_spec v ipa pa st = Some (0, set_tab 3 s (ipa / 4096) (leaf pa) st).
Proof. unfold set_leaf_spec; leaf_calc v ipa s. Qed.

Lemma set_leaf_alloc : forall v ipa pa n st, 0 <= v < 2 -> 0 <= ipa < 2097152 -> 0 <= n < 2 ->
  no_path st v -> pools_at st n ->
  ZMap.get 0 (ZMap.get n (l1_tables st)) = 0 -> ZMap.get 0 (ZMap.get n (l2_tables st)) = 0 ->
  set_leaf_spec v ipa pa st = Some (0, set_tab 3 n (ipa / 4096) (leaf pa) (alloc_path v n st)).
Proof. unfold set_leaf_spec; leaf_calc v ipa n. Qed.

Lemma clear_leaf_path : forall v ipa s st, 0 <= v < 2 -> 0 <= ipa < 2097152 -> 0 <= s < 2 ->
  path_ok st v s ->
  clear_leaf_spec v ipa st =
    Some (wrap 64 (ZMap.get (ipa / 4096) (ZMap.get s (l3_tables st))), set_tab 3 s (ipa / 4096) 0 st).
Proof. unfold clear_leaf_spec; leaf_calc v ipa s. Qed.

Lemma clear_leaf_nopath : forall v ipa st, 0 <= v < 2 -> 0 <= ipa < 2097152 -> no_path st v ->
  clear_leaf_spec v ipa st = Some (0, st).
Proof. unfold clear_leaf_spec; leaf_calc v ipa v. Qed.

(** The argument checks of map_page/unmap_page: ipa below 2 MiB and page aligned. *)
Lemma ipa_mask : forall ipa, 0 <= ipa < 2 ^ 64 ->
  (Z.land ipa 18446744073707458559 = 0 <-> ipa < 2097152 /\ ipa mod 4096 = 0).
Proof.
  intros ipa Hi.
  replace 18446744073707458559 with (Z.lor (Z.shiftl (Z.ones 43) 21) (Z.ones 12)) by reflexivity.
  rewrite Z.land_lor_distr_r, Z.lor_eq_0_iff, land_shiftl_mask, land_ones_mod, Z.shiftr_div_pow2 by lia.
  rewrite land_ones_mod by lia. rewrite Z.shiftl_mul_pow2 by lia.
  rewrite (Z.mod_small (ipa / 2 ^ 21)) by (split; [apply Z.div_pos | apply Z.div_lt_upper_bound]; eval_pow2; lia).
  eval_pow2. split.
  - intros [A B]. split; [ | lia]. assert (ipa / 2097152 = 0) by lia. Z.div_mod_to_equations. lia.
  - intros [A B]. rewrite Z.div_small by lia. lia.
Qed.

Definition AM : Z := 281474976706560.   (* ADDR_MASK = bits 12..47 *)
Definition NAM : Z := 18446462598732845055.   (* bits 0..11 and 48..63 *)

Lemma land_AM : forall a, Z.land a AM = ((a / 4096) mod 2 ^ 36) * 4096.
Proof.
  intros. unfold AM. replace 281474976706560 with (Z.shiftl (Z.ones 36) 12) by reflexivity.
  rewrite land_shiftl_mask, land_ones_mod, Z.shiftr_div_pow2, Z.shiftl_mul_pow2 by lia. reflexivity.
Qed.

Lemma pa_ok_AM : forall pa, 0 <= pa < 2 ^ 64 -> Z.land pa NAM = 0 -> Z.land pa AM = pa.
Proof.
  intros pa Hp E.
  assert (Z.lor AM NAM = Z.ones 64) as O by reflexivity.
  assert (Z.land pa (Z.lor AM NAM) = pa) as P.
  { rewrite O, land_ones_mod by lia. apply Z.mod_small; lia. }
  rewrite Z.land_lor_distr_r, E, Z.lor_0_r in P. exact P.
Qed.

Definition decode (d : Z) : option Z := if desc_valid d then Some (Z.land d ADDR_MASK) else None.

Lemma leaf_facts : forall pa, 0 <= pa < 2 ^ 64 -> Z.land pa NAM = 0 ->
  0 <= leaf pa < 2 ^ 64 /\ decode (leaf pa) = Some pa.
Proof.
  intros pa Hp E. generalize (pa_ok_AM pa Hp E); intro A.
  assert (M : pa mod 4096 = 0) by (rewrite <- A, land_AM, Z.mod_mul; lia).
  assert (L : leaf pa = pa + 3).
  { unfold leaf. unfold_iops. fold AM. rewrite A, (wrap_small 64 pa) by lia.
    assert (pa = Z.shiftl (pa / 4096) 12) as S.
    { rewrite Z.shiftl_mul_pow2 by lia. eval_pow2. Z.div_mod_to_equations. lia. }
    rewrite S at 1. rewrite lor_shiftl_small by (eval_pow2; lia). rewrite <- S.
    apply wrap_small. eval_pow2. Z.div_mod_to_equations. lia. }
  rewrite L. split.
  - eval_pow2. Z.div_mod_to_equations. lia.
  - unfold decode, desc_valid, ADDR_MASK. fold AM.
    rewrite (land_ones_lit _ 1 1) by (lia || reflexivity).
    replace ((pa + 3) mod 2 ^ 1) with 1 by (eval_pow2; Z.div_mod_to_equations; lia). cbn.
    f_equal. rewrite land_AM. eval_pow2.
    replace ((pa + 3) / 4096) with (pa / 4096) by (Z.div_mod_to_equations; lia).
    rewrite <- land_AM. exact A.
Qed.

Lemma valid_check : forall d, 0 <= d < 2 ^ 64 ->
  ieq 64 (iand 64 (wrap 64 (wrap 64 d)) 1) 0 = negb (desc_valid d).
Proof.
  intros d Hd. unfold desc_valid. unfold_iops. rewrite !(wrap_small 64 d) by lia.
  rewrite (land_ones_lit _ 1 1) by (lia || reflexivity).
  rewrite (wrap_small 64 (d mod 2 ^ 1)) by (eval_pow2; Z.div_mod_to_equations; lia).
  change (wrap 64 0) with 0. eval_pow2.
  rewrite (wrap_small 64 (d mod 2)) by (eval_pow2; Z.div_mod_to_equations; lia).
  destruct (Z.eqb_spec (d mod 2) 0), (Z.eqb_spec (d mod 2) 1); cbn;
    first [ reflexivity | exfalso; Z.div_mod_to_equations; lia ].
Qed.

Lemma tdesc_inj : forall s t, tdesc s = tdesc t -> s = t.
Proof. unfold tdesc, PAGE_SIZE. intros. lia. Qed.

Ltac destr_shape H :=
  unfold pt_shape, path_ok, no_path, pools_at in H;
  destruct H as [(A0 & A1 & P1 & P2 & P3) | [((A0 & B0 & C0) & A1 & P1 & P2 & P3) |
    [(A0 & (A1 & B1 & C1) & P1 & P2 & P3) | [((A0 & B0 & C0) & (A1 & B1 & C1) & P1 & P2 & P3) |
    ((A0 & B0 & C0) & (A1 & B1 & C1) & P1 & P2 & P3)]]]].

Lemma vm_view : forall c v, pt_inv c -> 0 <= v < 2 ->
  (exists s, 0 <= s < ZMap.get 1 (pool_next c) /\ s < 2 /\ path_ok c v s) \/
  (no_path c v /\ exists n, 0 <= n < 2 /\ pools_at c n /\
     ZMap.get 0 (ZMap.get n (l1_tables c)) = 0 /\ ZMap.get 0 (ZMap.get n (l2_tables c)) = 0).
Proof.
  intros c v (S & Z & R) Hv. assert (v = 0 \/ v = 1) as [ -> | -> ] by lia; destr_shape S.
  all: try solve [ left; eexists; split; [ | split; [ | repeat split; eassumption ] ]; lia ].
  all: right; split; [ assumption | ].
  all: exists (ZMap.get 1 (pool_next c)); unfold pools_at.
  all: split; [ lia | ]. all: split; [ repeat split; lia | ].
  all: split; [ apply (proj1 (Z (ZMap.get 1 (pool_next c)) 0 ltac:(lia)))
              | apply (proj1 (proj2 (Z (ZMap.get 1 (pool_next c)) 0 ltac:(lia)))) ].
Qed.

Lemma lookup_nopath : forall c v p, no_path c v -> pt_lookup c v p = None.
Proof. intros c v p E. unfold pt_lookup, has_path. unfold no_path in E. rewrite E. reflexivity. Qed.

Lemma dt0 : desc_table (tdesc 0) = 0. Proof. reflexivity. Qed.
Lemma dt1 : desc_table (tdesc 1) = 1. Proof. reflexivity. Qed.
Lemma dv0 : desc_valid (tdesc 0) = true. Proof. reflexivity. Qed.
Lemma dv1 : desc_valid (tdesc 1) = true. Proof. reflexivity. Qed.

Lemma lookup_path : forall c v s p, path_ok c v s -> 0 <= s < 2 ->
  pt_lookup c v p = decode (ZMap.get p (ZMap.get s (l3_tables c))).
Proof.
  intros c v s p (E0 & E1 & E2) Hs. unfold pt_lookup, has_path, tbl3. rewrite E0.
  assert (s = 0 \/ s = 1) as [ -> | -> ] by lia;
  rewrite ?dt0, ?dt1, ?dv0, ?dv1, ?E1, ?dt0, ?dt1, ?E2, ?dt0, ?dt1; reflexivity.
Qed.

Lemma tdesc_nz : forall t, tdesc t <> 0.
Proof. intros. unfold tdesc, PAGE_SIZE. lia. Qed.

Lemma slots_distinct : forall c s0 s1, pt_inv c -> path_ok c 0 s0 -> path_ok c 1 s1 -> s0 <> s1.
Proof.
  intros c s0 s1 (S & _ & _) (E0 & _) (E1 & _). destr_shape S;
  rewrite E0 in *; rewrite E1 in *;
  repeat match goal with
         | H : tdesc _ = tdesc _ |- _ => apply tdesc_inj in H
         | H : tdesc _ = 0 |- _ => apply tdesc_nz in H; contradiction
         end;
  lia.
Qed.

Ltac solve_conj := repeat split; try reflexivity; try assumption; try lia.
Ltac pick_shape := unfold pt_shape, path_ok, no_path, pools_at;
  first [ left; solve [ solve_conj ] | right; left; solve [ solve_conj ]
        | right; right; left; solve [ solve_conj ] | right; right; right; left; solve [ solve_conj ]
        | right; right; right; right; solve [ solve_conj ] ].

Lemma inv_set_leaf : forall c v s pfn x, pt_inv c -> 0 <= v < 2 ->
  0 <= s < ZMap.get 1 (pool_next c) -> s < 2 -> path_ok c v s -> 0 <= x < 2 ^ 64 ->
  pt_inv (set_tab 3 s pfn x c) /\
  (forall w p, 0 <= w < 2 -> pt_lookup (set_tab 3 s pfn x c) w p =
     if (w =? v) && (p =? pfn) then decode x else pt_lookup c w p).
Proof.
  intros c v s pfn x I Hv Hs Hs2 P Hx. pose proof I as (S & Z & R).
  split.
  - split; [ exact S | split ].
    + intros t i Ht. cbn in Ht |- *. rewrite !ZMap.gsspec.
      destruct (Z.eqb_spec t s); [ lia | apply Z; auto ].
    + intros t i. cbn. rewrite !ZMap.gsspec.
      destruct (t =? s); rewrite ?ZMap.gsspec; [ destruct (i =? pfn) | ]; eval_pow2; auto.
  - intros w p Hw.
    destruct (vm_view c w I Hw) as [ (s' & Hs' & Hs'2 & P') | (N & _) ].
    + rewrite (lookup_path (set_tab 3 s pfn x c) w s' p) by (auto; lia).
      rewrite (lookup_path c w s' p P') by lia. cbn. rewrite !ZMap.gsspec.
      destruct (Z.eqb_spec w v) as [ -> | Nw ].
      * assert (s' = s) as -> by (destruct P as (E & _), P' as (E' & _); rewrite E in E'; symmetry; apply tdesc_inj; auto).
        rewrite Z.eqb_refl. cbn. rewrite ZMap.gsspec. destruct (p =? pfn); reflexivity.
      * assert (s' <> s).
        { assert (w = 0 /\ v = 1 \/ w = 1 /\ v = 0) as [ (-> & ->) | (-> & ->) ] by lia.
          - apply (slots_distinct c); auto.
          - intro; subst. apply (slots_distinct c s s); auto. }
        destruct (Z.eqb_spec s' s); [ contradiction | ]. reflexivity.
    + rewrite !lookup_nopath by exact N.
      destruct (Z.eqb_spec w v) as [ -> | ]; [ | reflexivity ].
      destruct P as (E & _). unfold no_path in N. rewrite E in N. apply tdesc_nz in N; contradiction.
Qed.

Ltac gs := repeat (rewrite ZMap.gsspec; cbn).
Ltac st_simpl := unfold set_tab, alloc_path, upd_pool, tab; cbn; rewrite ?ZMap.gsspec; cbn.

Ltac zero_tac :=
  let t := fresh "t" in let i := fresh "i" in let Ht := fresh "Ht" in
  intros t i Ht; unfold set_tab, alloc_path, upd_pool, tab in *; cbn in *;
  rewrite ?ZMap.gsspec in Ht; cbn in Ht; gs;
  repeat match goal with |- context [ ?a =? ?b ] => destruct (Z.eqb_spec a b); [ lia | ] end;
  match goal with Z : forall t i, _ -> _ /\ _ /\ _ |- _ => apply Z; lia end.

Ltac range_tac :=
  let t := fresh "t" in let i := fresh "i" in
  intros t i; unfold set_tab, alloc_path, upd_pool, tab in *; cbn in *; gs;
  repeat (match goal with |- context [ ?a =? ?b ] => destruct (Z.eqb_spec a b); cbn end; gs);
  eval_pow2; auto.

Ltac facts_rw :=
  repeat match goal with
  | H : ZMap.get ?i (ZMap.get ?t ?m) = ?b |- context [ ZMap.get ?i (ZMap.get ?t ?m) ] => rewrite H
  end.

Ltac lookup_tac :=
  let w := fresh "w" in let p := fresh "p" in let Hw := fresh "Hw" in
  intros w p Hw; assert (w = 0 \/ w = 1) as [ -> | -> ] by lia;
  unfold pt_lookup, has_path, tbl3, set_tab, alloc_path, upd_pool, tab; cbn; do 4 (gs; facts_rw; cbn);
  try reflexivity;
  match goal with |- context [ p =? ?q ] => destruct (Z.eqb_spec p q); cbn; [ reflexivity | ] end;
  match goal with
  | Z : forall t i, _ -> _ /\ _ /\ _ |- context [ ZMap.get p (ZMap.get ?n (l3_tables ?c)) ] =>
      let Z3 := fresh in destruct (Z n p) as (_ & _ & Z3); [ lia | ]; rewrite Z3; reflexivity
  end.

Lemma inv_alloc_leaf : forall c v n pfn x, pt_inv c -> 0 <= v < 2 -> no_path c v -> pools_at c n ->
  0 <= n < 2 -> 0 <= x < 2 ^ 64 ->
  pt_inv (set_tab 3 n pfn x (alloc_path v n c)) /\
  (forall w p, 0 <= w < 2 -> pt_lookup (set_tab 3 n pfn x (alloc_path v n c)) w p =
     if (w =? v) && (p =? pfn) then decode x else pt_lookup c w p).
Proof.
  intros c v n pfn x I Hv N Pn Hn Hx. pose proof I as (S & Z & R).
  destruct Pn as (Q1 & Q2 & Q3).
  assert (v = 0 \/ v = 1) as [ -> | -> ] by lia; unfold no_path in N; destr_shape S;
    try (rewrite N in *; match goal with H : tdesc _ = 0 |- _ => apply tdesc_nz in H; contradiction end);
    rewrite P1 in Q1; subst n.
  all: split; [ split; [ st_simpl; unfold pt_shape, path_ok, no_path, pools_at; cbn; gs;
    repeat match goal with H : context [ tdesc ?k ] |- _ => let v := eval cbv in (tdesc k) in change (tdesc k) with v in H end;
    pick_shape | split ] | ].
  all: repeat match goal with H : context [ tdesc ?k ] |- _ => let v := eval cbv in (tdesc k) in change (tdesc k) with v in H end.
  all: try (exfalso; lia).
  all: first [ solve [ zero_tac ] | solve [ range_tac ] | idtac ].
  all: lookup_tac.
Qed.

(** * The refinement of map_page and unmap_page *)

Lemma s2_args : forall v ipa, 0 <= v < 2 ^ 32 -> 0 <= ipa < 2 ^ 64 ->
  (iult 32 v 2 && (wrap 64 (Z.land ipa 18446744073707458559) =? 0)) = s2_args_ok v ipa.
Proof.
  intros v ipa Hv Hi. unfold s2_args_ok, MAX_VM, IPA_LIMIT, iult.
  rewrite (wrap_small 32 v), (wrap_land_r 64) by (eval_pow2; lia || reflexivity). change (wrap 32 2) with 2.
  apply eq_iff_eq_true. rewrite !andb_true_iff, !Z.eqb_eq, !Z.ltb_lt, ipa_mask by lia.
  rewrite (land_ones_lit _ 4095 12) by (lia || reflexivity). eval_pow2. tauto.
Qed.

Lemma map_args : forall v ipa pa, 0 <= v < 2 ^ 32 -> 0 <= ipa < 2 ^ 64 -> 0 <= pa < 2 ^ 64 ->
  (iult 32 v 2 && ieq 64 (ior 64 (iand 64 pa 18446462598732845055) (iand 64 ipa 18446744073707458559)) 0)
  = s2_args_ok v ipa && (Z.land pa 18446462598732845055 =? 0).
Proof.
  intros v ipa pa Hv Hi Hp. rewrite <- s2_args by lia. unfold ieq, ior, iand.
  rewrite !(wrap_land_r 64) by (lia || reflexivity). change (wrap 64 0) with 0. rewrite wrap_wrap.
  rewrite (wrap_small 64 (Z.lor (Z.land pa 18446462598732845055) (Z.land ipa 18446744073707458559))).
  2: { apply lor_lt_pow2; [ lia | | ]; rewrite <- wrap_land_r with (w := 64) by (lia || reflexivity);
       apply wrap_range; lia. }
  destruct (iult 32 v 2); [ | reflexivity ]. cbn [andb].
  apply eq_iff_eq_true. rewrite !andb_true_iff, !Z.eqb_eq, Z.lor_eq_0_iff. tauto.
Qed.

Lemma unmap_args : forall v ipa, 0 <= v < 2 ^ 32 -> 0 <= ipa < 2 ^ 64 ->
  (iult 32 v 2 && ieq 64 (iand 64 ipa 18446744073707458559) 0) = s2_args_ok v ipa.
Proof.
  intros v ipa Hv Hi. rewrite <- s2_args by lia. unfold ieq, iand.
  rewrite !(wrap_land_r 64) by (lia || reflexivity). reflexivity.
Qed.

Lemma args_facts : forall v ipa, 0 <= v -> s2_args_ok v ipa = true ->
  0 <= v < 2 /\ ipa < 2097152 /\ ipa mod 4096 = 0.
Proof.
  unfold s2_args_ok, MAX_VM, IPA_LIMIT. intros v ipa Hv H.
  apply andb_true_iff in H as [H M]. apply andb_true_iff in H as [A B].
  rewrite (land_ones_lit _ 4095 12) in M by (lia || reflexivity).
  apply Z.ltb_lt in A; apply Z.ltb_lt in B; apply Z.eqb_eq in M. change (2 ^ 12) with 4096 in M. lia.
Qed.

Lemma acquire_ok : forall v c, ZMap.get v (s2_locks c) = 0 ->
  acquire_lock_s2pt_spec v c = Some (update_RData_s2_locks c (ZMap.set v 1 (s2_locks c))).
Proof. intros v c E. unfold acquire_lock_s2pt_spec. rewrite E. reflexivity. Qed.

Lemma release_ok : forall v c, ZMap.get v (s2_locks c) = 1 ->
  release_lock_s2pt_spec v c = Some (update_RData_s2_locks c (ZMap.set v 0 (s2_locks c))).
Proof. intros v c E. unfold release_lock_s2pt_spec. rewrite E. reflexivity. Qed.

(** Two states with the same page tables and pool counters. *)
Definition same_tables (a b : RData) : Prop :=
  l0_tables a = l0_tables b /\ l1_tables a = l1_tables b /\ l2_tables a = l2_tables b /\
  l3_tables a = l3_tables b /\ pool_next a = pool_next b.

Lemma same_inv : forall a b, same_tables a b -> pt_inv b -> pt_inv a.
Proof. intros [] [] (E0 & E1 & E2 & E3 & E4) I; cbn in *; subst; exact I. Qed.
Lemma same_lookup : forall a b w p, same_tables a b -> pt_lookup a w p = pt_lookup b w p.
Proof. intros [] [] w p (E0 & E1 & E2 & E3 & E4); cbn in *; subst; reflexivity. Qed.

(** The relation after an operation that took and released the lock of VM v: X is the state
    before the release, c0 a state with the same tables. *)
Lemma close_rel : forall hs hs' c X c0 v,
  (forall w, ZMap.get w (abs_locks hs) = ZMap.get w (s2_locks c)) -> ZMap.get v (abs_locks hs) = 0 ->
  abs_locks hs' = abs_locks hs -> s2_locks X = ZMap.set v 1 (s2_locks c) ->
  abs_tlb_log hs' = tlb_log X -> same_tables X c0 -> pt_inv c0 ->
  (forall w p, 0 <= w -> w < 2 -> 0 <= p -> p < 512 -> ZMap.get p (ZMap.get w (s2map hs')) = pt_lookup c0 w p) ->
  pt_refrel hs' (update_RData_s2_locks X (ZMap.set v 0 (s2_locks X))).
Proof.
  intros hs hs' c X c0 v HL Lk EL EX ET S I HM. split; [ | split; [ | split ] ].
  - intro w. cbn. rewrite EL, EX, !ZMap.gsspec. destruct (Z.eqb_spec w v); [ subst; auto | auto ].
  - exact ET.
  - eapply same_inv; [ | exact I ]. exact S.
  - intros w p Hw1 Hw2 Hp1 Hp2. rewrite HM by (unfold MAX_VM, PT_ENTRIES in *; lia).
    symmetry. apply (same_lookup _ _ w p S).
Qed.

Ltac same := repeat split; reflexivity.
Lemma l3_locks : forall c m, l3_tables (update_RData_s2_locks c m) = l3_tables c.
Proof. reflexivity. Qed.

(** The abstract map after setting page [ipa / 4096] of VM [v] agrees with the page tables, from
    [L'] (the lookup after the update), [E] (the decoded new entry) and [HM] (the lookup before). *)
Lemma decode0 : decode 0 = None. Proof. reflexivity. Qed.
Ltac lookup_upd v ipa L' E HM :=
  let w := fresh "w" in let p := fresh "p" in
  intros w p ? ? ? ?; rewrite L' by lia; rewrite E; cbn; rewrite !ZMap.gsspec;
  destruct (Z.eqb_spec w v) as [ -> | ]; cbn; [ | apply HM; unfold MAX_VM, PT_ENTRIES; lia ];
  rewrite ZMap.gsspec; destruct (p =? ipa / 4096); [ reflexivity | apply HM; unfold MAX_VM, PT_ENTRIES; lia ].

(** The RefProofs state, for the low spec [lspec] of map_page / unmap_page:
    [spec args hs = Some (r, hs') -> MemManager_R hs ls -> in_urange .. -> exists ls', lspec args ls =
    Some (r, ls') /\ MemManager_R hs' ls']. These tactics run there (through [ref_user]), so the
    lemmas above do not depend on the code or the specs of map_page and unmap_page. *)
Ltac map_page_ref lspec :=
  repeat match goal with H : _ |- _ => revert H end;
  intros v ipa pa hs hs' c r H Rr U1 U2 U3; unfold MemManager_R in *;
  apply in_urange_bounds in U1, U2, U3;
  unfold map_page_spec, PAGE_SIZE in H; unfold lspec; cbv beta zeta;
  rewrite map_args by assumption;
  destruct (s2_args_ok v ipa && (Z.land pa 18446462598732845055 =? 0)) eqn:Av;
    [ | injection H as <- <-; eexists; split; [ reflexivity | exact Rr ] ];
  apply andb_true_iff in Av as [Av Pm]; apply Z.eqb_eq in Pm;
  destruct (args_facts v ipa ltac:(lia) Av) as (Hv & Hi & Ha);
  pose proof (pfn_range ipa ltac:(lia)) as Hp;
  destruct (Z.eqb_spec (ZMap.get v (abs_locks hs)) 0) as [ Lk | ]; [ | discriminate H ];
  pose proof Rr as (HL & HT & Iv & HM);
  rewrite acquire_ok by (rewrite <- HL; exact Lk);
  rewrite (HM v (ipa / 4096)) in H by (unfold MAX_VM, PT_ENTRIES; lia);
  destruct (leaf_facts pa U3 Pm) as (Lr & Ld);
  destruct (vm_view c v Iv) as [ (s & Hs & Hs2 & Pth) | (Nv & n & Hn & Pn & F1 & F2) ];
  [ lia
  | (* VM v has its tables: the leaf decides *)
    rewrite (lookup_path c v s) in H by (auto; lia);
    rewrite (get_leaf_path v ipa s) by (first [ exact Pth | lia ]); cbv beta;
    rewrite valid_check by (apply (proj2 (proj2 Iv))); rewrite l3_locks; unfold decode in H;
    destruct (desc_valid (ZMap.get (ipa / 4096) (ZMap.get s (l3_tables c)))); cbn [negb];
    [ injection H as <- <-; rewrite release_ok by (cbn; apply ZMap.gss);
      eexists; split; [ reflexivity | eapply (close_rel hs hs c _ c); eauto; same ]
    | injection H as <- <-; rewrite (set_leaf_path v ipa pa s) by (first [ exact Pth | lia ]);
      change (wrap 32 0) with 0; cbv beta; rewrite release_ok by (cbn; apply ZMap.gss);
      eexists; split; [ reflexivity | ];
      destruct (inv_set_leaf c v s (ipa / 4096) (leaf pa)) as (Iv' & L'); auto;
      eapply close_rel; eauto; [ same | lookup_upd v ipa L' Ld HM ] ]
  | (* no tables yet: the walk allocates them *)
    rewrite lookup_nopath in H by exact Nv; injection H as <- <-;
    rewrite get_leaf_nopath by (first [ exact Nv | lia ]); cbv beta;
    change (ieq 64 (iand 64 (wrap 64 (wrap 64 0)) 1) 0) with true;
    rewrite (set_leaf_alloc v ipa pa n) by (first [ exact Nv | exact Pn | exact F1 | exact F2 | lia ]);
    change (wrap 32 0) with 0; cbv beta; rewrite release_ok by (cbn; apply ZMap.gss);
    eexists; split; [ reflexivity | ];
    destruct (inv_alloc_leaf c v n (ipa / 4096) (leaf pa)) as (Iv' & L'); auto;
    eapply close_rel; eauto; [ same | lookup_upd v ipa L' Ld HM ] ].

Ltac unmap_page_ref lspec :=
  repeat match goal with H : _ |- _ => revert H end;
  intros v ipa hs hs' c r H Rr U1 U2; unfold MemManager_R in *;
  apply in_urange_bounds in U1, U2;
  unfold unmap_page_spec, PAGE_SIZE in H; unfold lspec; cbv beta zeta;
  rewrite unmap_args by assumption;
  destruct (s2_args_ok v ipa) eqn:Av; [ | injection H as <- <-; eexists; split; [ reflexivity | exact Rr ] ];
  destruct (args_facts v ipa ltac:(lia) Av) as (Hv & Hi & Ha);
  pose proof (pfn_range ipa ltac:(lia)) as Hp;
  destruct (Z.eqb_spec (ZMap.get v (abs_locks hs)) 0) as [ Lk | ]; [ | discriminate H ];
  pose proof Rr as (HL & HT & Iv & HM);
  rewrite acquire_ok by (rewrite <- HL; exact Lk);
  rewrite (HM v (ipa / 4096)) in H by (unfold MAX_VM, PT_ENTRIES; lia);
  destruct (vm_view c v Iv) as [ (s & Hs & Hs2 & Pth) | (Nv & n & Hn & Pn & F1 & F2) ];
  [ lia
  | (* VM v has its tables: the leaf is cleared; flush iff it was valid *)
    rewrite (lookup_path c v s) in H by (auto; lia);
    rewrite (clear_leaf_path v ipa s) by (first [ exact Pth | lia ]); cbv beta;
    rewrite valid_check by (apply (proj2 (proj2 Iv))); rewrite l3_locks; unfold decode in H;
    destruct (inv_set_leaf c v s (ipa / 4096) 0) as (Iv' & L'); auto; [ lia | ];
    destruct (desc_valid (ZMap.get (ipa / 4096) (ZMap.get s (l3_tables c)))) eqn:Dv; cbn [negb];
    [ injection H as <- <-; unfold tlb_flush_vmid_ipa_spec; rewrite release_ok by (cbn; apply ZMap.gss);
      eexists; split; [ reflexivity | ];
      eapply close_rel; eauto; [ cbn; congruence | same | lookup_upd v ipa L' decode0 HM ]
    | injection H as <- <-; rewrite release_ok by (cbn; apply ZMap.gss);
      eexists; split; [ reflexivity | ];
      eapply close_rel; eauto; [ same | ];
      intros w p Hw1 Hw2 Hp1 Hp2; rewrite L' by lia; rewrite HM by (unfold MAX_VM, PT_ENTRIES; lia);
      destruct (Z.eqb_spec w v) as [ -> | ]; cbn; [ | reflexivity ];
      destruct (Z.eqb_spec p (ipa / 4096)) as [ -> | ]; [ | reflexivity ];
      rewrite (lookup_path c v s) by (auto; lia); unfold decode; rewrite Dv; reflexivity ]
  | (* no tables: nothing to unmap *)
    rewrite lookup_nopath in H by exact Nv; injection H as <- <-;
    rewrite clear_leaf_nopath by (first [ exact Nv | lia ]); cbv beta;
    change (ieq 64 (iand 64 (wrap 64 (wrap 64 0)) 1) 0) with true;
    rewrite release_ok by (cbn; apply ZMap.gss);
    eexists; split; [ reflexivity | eapply (close_rel hs hs c _ c); eauto; same ] ].

Ltac ref_user hspec lspec R ::=
  lazymatch hspec with
  | map_page_spec => map_page_ref lspec
  | unmap_page_spec => unmap_page_ref lspec
  end.

(** The initial states are related: no VM has tables, the pools are empty and zero, the abstract
    map is empty (the generated MemManager/InitRel.v proves [pt_refrel init_abs init_RData] with
    this lemma). *)
Lemma pt_init_rel : pt_refrel init_abs init_RData.
Proof.
  unfold pt_refrel, init_abs, init_RData; cbn.
  split; [ intros; reflexivity | ]. split; [ reflexivity | ]. split.
  - split; [ left; unfold no_path, pools_at; cbn; rewrite !ZMap.gi; auto | ].
    split; [ intros; cbn; rewrite !ZMap.gi; auto | ].
    intros; cbn; rewrite !ZMap.gi; lia.
  - intros. cbn. rewrite !ZMap.gi. unfold pt_lookup, has_path. cbn. rewrite !ZMap.gi. reflexivity.
Qed.
#[global] Hint Resolve pt_init_rel : initrel.
