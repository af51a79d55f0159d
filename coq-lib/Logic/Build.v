(** * Support for generated projects ([autov build]).

    Marshalling between [val]s and spec arguments ([arg_int], [ret_bool] …), layer memory
    operations from config-level load/store ([mk_load], [mk_store]), [ptr_add] and [case_in] as the
    semantics computes them, [prim_ref] (refinement between functional primitive specs) with the
    lemmas that assemble a layer refinement from code proofs and refinement proofs (re-exporting the
    program logic [WP]), and normalisation
    lemmas for [i1] values kept as booleans. No axioms. *)
From Coq Require Import ZArith List Bool Lia String.
From AutoV Require Import Syntax Ints Values Eval Sem Refine Spec Tactics.
From AutoV Require Export WP.
Import ListNotations.
Local Open Scope Z_scope.

(** ** Marshalling between values and spec arguments/results *)
Definition arg_int (w : Z) (v : val) : option Z :=
  match v with Vint w' z => if w' =? w then if in_urange w z then Some z else None else None | _ => None end.
Definition arg_bool (v : val) : option bool :=
  match v with Vint w z => if w =? 1 then if in_urange 1 z then Some (negb (z =? 0)) else None else None | _ => None end.
Definition arg_ptr (v : val) : option ptr :=
  match v with Vptr p => Some p | _ => None end.
Definition ret_bool {S} (r : option (bool * S)) : option (option val * S) :=
  match r with Some (b, s) => Some (Some (Vint 1 (b2z b)), s) | None => None end.
Definition ret_ptr {S} (r : option (ptr * S)) : option (option val * S) :=
  match r with Some (p, s) => Some (Some (Vptr p), s) | None => None end.

(** The number of bytes an [iN] access touches: [(N + 7) / 8] ([i1] is one byte). *)
Definition int_bytes (w : Z) : Z := (w + 7) / 8.

(** The 64-bit integer a pointer stored to memory becomes: a plain address ([inttoptr] of an
    integer, [Babs]) is that integer; a pointer into an object has no integer representation
    here, so storing it is undefined. A pointer loaded from memory is the plain address. *)
Definition ptr_abs_int (p : ptr) : option Z :=
  match p with Ptr Babs o => Some (wrap 64 o) | _ => None end.

(** Layer memory operations from config-level [load]/[store] on integers (size in bytes);
    pointers are 8-byte plain addresses ([ptr_abs_int]). *)
Definition mk_load {S} (ld : Z -> ptr -> S -> option Z) : typ -> ptr -> S -> option val :=
  fun t p st => match t with
             | Tint w => match ld (int_bytes w) p st with Some z => Some (Vint w (wrap w z)) | None => None end
             | Tptr => match ld 8 p st with Some z => Some (Vptr (Ptr Babs (wrap 64 z))) | None => None end
             | _ => None end.
Definition mk_store {S} (sto : Z -> ptr -> Z -> S -> option S) : typ -> ptr -> val -> S -> option S :=
  fun t p v st => match t, v with
               | Tint w, Vint w' z => if w =? w' then sto (int_bytes w) p z st else None
               | Tptr, Vptr q => match ptr_abs_int q with Some z => sto 8 p z st | None => None end
               | _, _ => None end.
Definition no_load {S} : typ -> ptr -> S -> option val := fun _ _ _ => None.
Definition no_store {S} : typ -> ptr -> val -> S -> option S := fun _ _ _ _ => None.
Definition no_alloc {S} : Z -> S -> option (ptr * S) := fun _ _ => None.

(** Pointer arithmetic as [Eptradd] does it. *)
Definition ptr_add (p : ptr) (w n : Z) : ptr :=
  match pbase p with
  | Babs => Ptr Babs (wrap 64 (poffset p + n))
  | b => Ptr b (poffset p + signed w n)
  end.

(** Switch case membership as [select_case] computes it. *)
Definition case_in (w z : Z) (cs : list Z) : bool := existsb (fun c => Z.eqb (wrap w c) (wrap w z)) cs.

(** ** Refinement between functional primitive specs *)
Definition prim_ref {SH SL} (high : primspec SH) (low : primspec SL) (R : SH -> SL -> Prop) : Prop :=
  forall vs hs hs' r ls, R hs ls -> high vs hs = Some (r, hs') ->
    exists ls', low vs ls = Some (r, ls') /\ R hs' ls'.

Lemma prim_ref_eq : forall S (p : primspec S), prim_ref p p (fun a b => a = b).
Proof. unfold prim_ref; intros; subst; eauto. Qed.

Lemma implements_refines : forall (Lo : layer) c f SH (high : primspec SH) low R,
  implements Lo c f low -> prim_ref high low R -> spec_refines high c Lo R f.
Proof.
  unfold implements, prim_ref, spec_refines; intros.
  destruct (H0 _ _ _ _ _ H1 H2) as (ls' & L & HR). eauto.
Qed.

(** A primitive passed through unchanged from the layer below. *)
Lemma passthrough_refines : forall (Lo : layer) c f (p : primspec (lstate Lo)),
  find_func c f = None -> (forall vs st st' r, p vs st = Some (r, st') -> lprim Lo f vs st st' r) ->
  spec_refines p c Lo (fun a b => a = b) f.
Proof.
  unfold spec_refines; intros; subst. exists hs'; split; auto. apply exec_external; auto.
Qed.

(** A primitive passed through a layer whose refinement relation is not equality (the two layers
    have the same state type): the code above calls the lower primitive itself, so the obligation
    is that its spec preserves the relation ([prim_ref p p R], proved in the layer's
    [<layer>/<p>/PassRef.v]). *)
Lemma passthrough_rel_refines : forall (Lo : layer) c f (p : primspec (lstate Lo)) R,
  find_func c f = None -> (forall vs st st' r, p vs st = Some (r, st') -> lprim Lo f vs st st' r) ->
  prim_ref p p R -> spec_refines p c Lo R f.
Proof.
  unfold spec_refines, prim_ref; intros Lo c f p R F L P vs hs hs' r ls HR H.
  destruct (P _ _ _ _ _ HR H) as (ls' & E & HR'). exists ls'; split; auto. apply exec_external; auto.
Qed.


(** ** Value normalisation for i1 values kept as booleans in specs *)
Lemma iand1_b2z : forall a b, iand 1 (b2z a) (b2z b) = b2z (a && b).
Proof. destruct a, b; reflexivity. Qed.
Lemma ior1_b2z : forall a b, ior 1 (b2z a) (b2z b) = b2z (a || b).
Proof. destruct a, b; reflexivity. Qed.
Lemma ixor1_b2z : forall a b, ixor 1 (b2z a) (b2z b) = b2z (xorb a b).
Proof. destruct a, b; reflexivity. Qed.
Lemma wrap_b2z : forall w b, 1 <= w -> wrap w (b2z b) = b2z b.
Proof.
  intros; apply wrap_small. assert (2 ^ 1 <= 2 ^ w) by (apply Z.pow_le_mono_r; lia).
  destruct b; cbn in *; lia.
Qed.
Lemma izext1_b2z : forall b, izext 1 (b2z b) = b2z b.
Proof. destruct b; reflexivity. Qed.

Lemma b2z_neq0 : forall b, negb (b2z b =? 0) = b.
Proof. destruct b; reflexivity. Qed.
Lemma wrap_pos_b2z : forall p b, wrap (Zpos p) (b2z b) = b2z b.
Proof. intros; apply wrap_b2z; lia. Qed.

(** Zero-extending the result of a [w]-bit operation changes nothing (the code model's [zext]
    evaluates to the value, the low spec writes [izext]: both sides then agree). *)
Lemma wrap_idem_any : forall w z, wrap w (wrap w z) = wrap w z.
Proof.
  intros w z. destruct (Z.le_gt_cases 0 w) as [H|H].
  - apply wrap_idem; exact H.
  - unfold wrap. rewrite (Z.pow_neg_r 2 w) by lia. rewrite !Zmod_0_r. reflexivity.
Qed.
Lemma izext_iadd : forall w a b, izext w (iadd w a b) = iadd w a b.
Proof. intros; apply wrap_idem_any. Qed.
Lemma izext_isub : forall w a b, izext w (isub w a b) = isub w a b.
Proof. intros; apply wrap_idem_any. Qed.
Lemma izext_imul : forall w a b, izext w (imul w a b) = imul w a b.
Proof. intros; apply wrap_idem_any. Qed.
Lemma izext_ishl : forall w a b, izext w (ishl w a b) = ishl w a b.
Proof. intros; apply wrap_idem_any. Qed.
Lemma izext_iand : forall w a b, izext w (iand w a b) = iand w a b.
Proof. intros; apply wrap_idem_any. Qed.
Lemma izext_ior : forall w a b, izext w (ior w a b) = ior w a b.
Proof. intros; apply wrap_idem_any. Qed.
Lemma izext_ixor : forall w a b, izext w (ixor w a b) = ixor w a b.
Proof. intros; apply wrap_idem_any. Qed.

Create HintDb gennorm.
#[global] Hint Rewrite iand1_b2z ior1_b2z ixor1_b2z izext1_b2z truth_b2z b2z_neq0 wrap_pos_b2z : gennorm.
#[global] Hint Rewrite izext_iadd izext_isub izext_imul izext_ishl izext_iand izext_ior izext_ixor : gennorm.
#[global] Hint Unfold case_in : vcunfold.

Lemma wrap_wrap : forall w z, wrap w (wrap w z) = wrap w z.
Proof.
  intros. destruct (Z_lt_le_dec w 0).
  - unfold wrap. rewrite (Z.pow_neg_r 2 w l). rewrite !Zmod_0_r. auto.
  - apply wrap_idem; auto.
Qed.
Lemma wrap_ilshr : forall w a s, wrap w (ilshr w a s) = ilshr w a s.
Proof.
  intros. unfold ilshr. destruct (Z_lt_le_dec w 0).
  - unfold wrap at 1. rewrite (Z.pow_neg_r 2 w l), Zmod_0_r. auto.
  - apply wrap_small. generalize (wrap_range w a l) (wrap_range w s l); intros.
    rewrite Z.shiftr_div_pow2 by lia. split.
    + apply Z.div_pos; [lia | apply Z.pow_pos_nonneg; lia].
    + apply Z.le_lt_trans with (wrap w a); [ | lia ].
      apply Z.div_le_upper_bound; [apply Z.pow_pos_nonneg; lia | ].
      assert (1 <= 2 ^ wrap w s) by (apply Z.pow_le_mono_r with (a := 2) (b := 0); lia). nia.
Qed.
Lemma wrap_iop : forall w a b,
  wrap w (iadd w a b) = iadd w a b /\ wrap w (isub w a b) = isub w a b /\
  wrap w (imul w a b) = imul w a b /\ wrap w (iand w a b) = iand w a b /\
  wrap w (ior w a b) = ior w a b /\ wrap w (ixor w a b) = ixor w a b /\
  wrap w (ishl w a b) = ishl w a b /\ wrap w (iashr w a b) = iashr w a b /\
  wrap w (itrunc w a) = itrunc w a /\ wrap w (izext w a) = izext w a /\
  wrap w (inot w a) = inot w a /\ wrap w (ineg w a) = ineg w a /\
  wrap w (isdiv w a b) = isdiv w a b /\ wrap w (isrem w a b) = isrem w a b.
Proof. intros; repeat split; apply wrap_wrap. Qed.
Lemma wrap_iadd : forall w a b, wrap w (iadd w a b) = iadd w a b. Proof. apply wrap_iop. Qed.
Lemma wrap_isub : forall w a b, wrap w (isub w a b) = isub w a b. Proof. apply wrap_iop. Qed.
Lemma wrap_imul : forall w a b, wrap w (imul w a b) = imul w a b. Proof. apply wrap_iop. Qed.
Lemma wrap_iand : forall w a b, wrap w (iand w a b) = iand w a b. Proof. apply wrap_iop. Qed.
Lemma wrap_ior : forall w a b, wrap w (ior w a b) = ior w a b. Proof. apply wrap_iop. Qed.
Lemma wrap_ixor : forall w a b, wrap w (ixor w a b) = ixor w a b. Proof. apply wrap_iop. Qed.
Lemma wrap_ishl : forall w a b, wrap w (ishl w a b) = ishl w a b. Proof. apply wrap_iop. Qed.
Lemma wrap_iashr : forall w a b, wrap w (iashr w a b) = iashr w a b. Proof. apply wrap_iop. Qed.
Lemma wrap_itrunc : forall w a, wrap w (itrunc w a) = itrunc w a. Proof. intros; apply (wrap_iop w a 0). Qed.
Lemma wrap_izext : forall w a, wrap w (izext w a) = izext w a. Proof. intros; apply (wrap_iop w a 0). Qed.
Lemma wrap_inot : forall w a, wrap w (inot w a) = inot w a. Proof. intros; apply (wrap_iop w a 0). Qed.
Lemma wrap_ineg : forall w a, wrap w (ineg w a) = ineg w a. Proof. intros; apply (wrap_iop w a 0). Qed.
Lemma wrap_isdiv : forall w a b, wrap w (isdiv w a b) = isdiv w a b. Proof. apply wrap_iop. Qed.
Lemma wrap_isrem : forall w a b, wrap w (isrem w a b) = isrem w a b. Proof. apply wrap_iop. Qed.
Lemma wrap_isext : forall w w' a, wrap w' (isext w w' a) = isext w w' a. Proof. intros; apply wrap_wrap. Qed.
#[global] Hint Rewrite wrap_wrap wrap_ilshr wrap_iadd wrap_isub wrap_imul wrap_iand wrap_ior wrap_ixor
  wrap_ishl wrap_iashr wrap_itrunc wrap_izext wrap_inot wrap_ineg wrap_isdiv wrap_isrem wrap_isext : gennorm.

(** Results of [iN] operations are in range (rewrites for [arg_int]'s range checks). *)
Lemma in_urange_wrap : forall p z, in_urange (Zpos p) (wrap (Zpos p) z) = true.
Proof.
  intros. unfold in_urange. generalize (wrap_range (Zpos p) z ltac:(lia)); intro R.
  apply andb_true_intro; split; [apply Z.leb_le | apply Z.ltb_lt]; lia.
Qed.
Lemma in_urange_iadd : forall p a b, in_urange (Zpos p) (iadd (Zpos p) a b) = true. Proof. intros; apply in_urange_wrap. Qed.
Lemma in_urange_isub : forall p a b, in_urange (Zpos p) (isub (Zpos p) a b) = true. Proof. intros; apply in_urange_wrap. Qed.
Lemma in_urange_imul : forall p a b, in_urange (Zpos p) (imul (Zpos p) a b) = true. Proof. intros; apply in_urange_wrap. Qed.
Lemma in_urange_iand : forall p a b, in_urange (Zpos p) (iand (Zpos p) a b) = true. Proof. intros; apply in_urange_wrap. Qed.
Lemma in_urange_ior : forall p a b, in_urange (Zpos p) (ior (Zpos p) a b) = true. Proof. intros; apply in_urange_wrap. Qed.
Lemma in_urange_ixor : forall p a b, in_urange (Zpos p) (ixor (Zpos p) a b) = true. Proof. intros; apply in_urange_wrap. Qed.
Lemma in_urange_ishl : forall p a b, in_urange (Zpos p) (ishl (Zpos p) a b) = true. Proof. intros; apply in_urange_wrap. Qed.
Lemma in_urange_iashr : forall p a b, in_urange (Zpos p) (iashr (Zpos p) a b) = true. Proof. intros; apply in_urange_wrap. Qed.
Lemma in_urange_itrunc : forall p a, in_urange (Zpos p) (itrunc (Zpos p) a) = true. Proof. intros; apply in_urange_wrap. Qed.
Lemma in_urange_izext : forall p a, in_urange (Zpos p) (izext (Zpos p) a) = true. Proof. intros; apply in_urange_wrap. Qed.
Lemma in_urange_inot : forall p a, in_urange (Zpos p) (inot (Zpos p) a) = true. Proof. intros; apply in_urange_wrap. Qed.
Lemma in_urange_ineg : forall p a, in_urange (Zpos p) (ineg (Zpos p) a) = true. Proof. intros; apply in_urange_wrap. Qed.
Lemma in_urange_isdiv : forall p a b, in_urange (Zpos p) (isdiv (Zpos p) a b) = true. Proof. intros; apply in_urange_wrap. Qed.
Lemma in_urange_isrem : forall p a b, in_urange (Zpos p) (isrem (Zpos p) a b) = true. Proof. intros; apply in_urange_wrap. Qed.
Lemma in_urange_isext : forall w p a, in_urange (Zpos p) (isext w (Zpos p) a) = true. Proof. intros; apply in_urange_wrap. Qed.
Lemma in_urange_ilshr : forall p a b, in_urange (Zpos p) (ilshr (Zpos p) a b) = true.
Proof. intros. rewrite <- wrap_ilshr. apply in_urange_wrap. Qed.
Lemma in_urange_b2z : forall p b, in_urange (Zpos p) (b2z b) = true.
Proof. intros. rewrite <- (wrap_pos_b2z p b). apply in_urange_wrap. Qed.

#[global] Hint Rewrite in_urange_wrap in_urange_iadd in_urange_isub in_urange_imul in_urange_iand
  in_urange_ior in_urange_ixor in_urange_ishl in_urange_iashr in_urange_itrunc in_urange_izext
  in_urange_inot in_urange_ineg in_urange_isdiv in_urange_isrem in_urange_isext in_urange_ilshr
  in_urange_b2z : gennorm.

(** ** Bit operations with literal masks and shifts as arithmetic (for hand-written proofs about
    descriptors, flags and address masks). *)
Lemma land_shiftl_mask : forall a x n, 0 <= n ->
  Z.land a (Z.shiftl x n) = Z.shiftl (Z.land (Z.shiftr a n) x) n.
Proof.
  intros a x n Hn. apply Z.bits_inj'; intros i Hi.
  rewrite Z.land_spec. destruct (Z.lt_ge_cases i n).
  - rewrite !Z.shiftl_spec_low by lia. apply andb_false_r.
  - rewrite !Z.shiftl_spec_high by lia. rewrite Z.land_spec, Z.shiftr_spec by lia.
    f_equal; f_equal; lia.
Qed.

Lemma lor_shiftl_small : forall x y n, 0 <= n -> 0 <= y < 2 ^ n ->
  Z.lor (Z.shiftl x n) y = Z.shiftl x n + y.
Proof.
  intros x y n Hn Hy.
  assert (D : Z.land (Z.shiftl x n) y = 0).
  { apply Z.bits_inj'; intros i Hi. rewrite Z.land_spec, Z.bits_0.
    destruct (Z.lt_ge_cases i n).
    - rewrite Z.shiftl_spec_low by lia. reflexivity.
    - destruct (Z.eq_dec y 0) as [->|Ny]; [rewrite Z.bits_0; apply andb_false_r|].
      rewrite (Z.bits_above_log2 y i); [apply andb_false_r | lia | ].
      apply Z.lt_le_trans with n; [apply Z.log2_lt_pow2; lia | lia]. }
  rewrite <- Z.lxor_lor by exact D. symmetry. apply Z.add_nocarry_lxor; exact D.
Qed.

Lemma land_ones_mod : forall a n, 0 <= n -> Z.land a (Z.ones n) = a mod 2 ^ n.
Proof. intros; apply Z.land_ones; auto. Qed.

(** ** Bit facts used by hand-written refinement proofs *)

Lemma land_ones_lit : forall a m n, 0 <= n -> m = Z.ones n -> Z.land a m = a mod 2 ^ n.
Proof. intros; subst; apply Z.land_ones; auto. Qed.

Lemma lor_lt_pow2 : forall a b n, 0 < n -> 0 <= a < 2 ^ n -> 0 <= b < 2 ^ n -> 0 <= Z.lor a b < 2 ^ n.
Proof.
  intros a b n Hn Ha Hb. split; [ apply Z.lor_nonneg; lia | ].
  destruct (Z.eq_dec (Z.lor a b) 0) as [ E | E ]; [ rewrite E; apply Z.pow_pos_nonneg; lia | ].
  apply Z.log2_lt_pow2; [ assert (0 <= Z.lor a b) by (apply Z.lor_nonneg; lia); lia | ].
  rewrite Z.log2_lor by lia. apply Z.max_lub_lt.
  - destruct (Z.eq_dec a 0) as [ -> | ]; [ cbn; lia | ]. apply Z.log2_lt_pow2; lia.
  - destruct (Z.eq_dec b 0) as [ -> | ]; [ cbn; lia | ]. apply Z.log2_lt_pow2; lia.
Qed.

(** A mask of at most [w] bits needs no wrap. *)
Lemma wrap_land_r : forall w a m, 0 <= w -> Z.land m (Z.ones w) = m -> wrap w (Z.land a m) = Z.land a m.
Proof. intros w a m Hw E. unfold wrap. rewrite <- land_ones_mod, <- Z.land_assoc, E by lia. reflexivity. Qed.

(** An or of two values is zero exactly when both are. *)
Lemma ieq_ior_0 : forall w a b, 0 <= w -> ieq w (ior w a b) 0 = ieq w a 0 && ieq w b 0.
Proof.
  intros w a b Hw. unfold ieq, ior. rewrite wrap_wrap. unfold wrap. rewrite <- !land_ones_mod, Z.land_lor_distr_l by lia.
  rewrite Z.land_0_l. apply eq_iff_eq_true. rewrite andb_true_iff, !Z.eqb_eq, Z.lor_eq_0_iff. tauto.
Qed.

(** An and with a mask of at most [w] bits, tested for zero. *)
Lemma ieq_iand_0 : forall w a m, 0 <= w -> Z.land m (Z.ones w) = m -> ieq w (iand w a m) 0 = (Z.land a m =? 0).
Proof. intros w a m Hw E. unfold ieq, iand. rewrite wrap_wrap, wrap_land_r by assumption. reflexivity. Qed.

Lemma in_urange_bounds : forall w z, in_urange w z = true -> 0 <= z < 2 ^ w.
Proof. unfold in_urange. intros w z H. apply andb_true_iff in H as [ A B ]. lia. Qed.
