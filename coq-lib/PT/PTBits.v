(** * One-time bridges from the code's bit arithmetic to the div/mod decoders of [PT/PTDesc.v].

    The page-table code computes with [&], [>>], [|] and literal masks; the specs and the
    library use [field], [oa], [low], [orbit].  Each lemma here relates one code pattern to its
    div/mod form, once; a refinement proof rewrites with these and never looks at a bit again.

    Literal masks of the SeKVM IR ([SeKVM.ll]):
    - [281474976706560] = [0x0000fffffffff000]: a descriptor's table/output address ([oa]);
    - [4088] = [511 << 3], [8184] = [1023 << 3]: a level index already scaled by 8 (the code
      shifts the address by [s - 3] and masks, instead of shifting by [s] and multiplying);
    - [3]: the table/valid bits; [36028797018963968] = [2^55], [72057594037927936] = [2^56],
      [144115188075855872] = [2^57]: software marker bits OR-ed into leaves;
    - [1099511627775] = [2^40 - 1], [5497558138880] = [5 * 2^40]: the kernel-address view of a
      physical address used by [pt_load]/[smmu_pt_load];
    - [255], [48]: the VMID field of a VTTBR. *)
From Coq Require Import ZArith Lia.
From AutoV Require Import Ints.
From AutoV.PT Require Import PTDesc.
Local Open Scope Z_scope.

(** ** Generic bit lemmas (proved once, from the standard library's bit specifications) *)

Lemma land_shiftl_ones : forall a s w, 0 <= s -> 0 <= w ->
  Z.land a (Z.shiftl (Z.ones w) s) = (a / 2 ^ s) mod 2 ^ w * 2 ^ s.
Proof.
  intros a s w Hs Hw.
  assert (E : Z.land a (Z.shiftl (Z.ones w) s) = Z.shiftl (Z.land (Z.shiftr a s) (Z.ones w)) s).
  { apply Z.bits_inj'; intros i Hi. rewrite Z.land_spec. destruct (Z.lt_ge_cases i s).
    - rewrite !Z.shiftl_spec_low by lia. apply Bool.andb_false_r.
    - rewrite !Z.shiftl_spec_high by lia. rewrite Z.land_spec, Z.shiftr_spec by lia.
      f_equal; f_equal; lia. }
  rewrite E, Z.land_ones, Z.shiftr_div_pow2, Z.shiftl_mul_pow2 by lia. reflexivity.
Qed.

(** An OR of two values without common bits is their sum. *)
Lemma lor_low_add : forall x b n, 0 <= n -> 0 <= x < 2 ^ n -> b mod 2 ^ n = 0 -> Z.lor x b = b + x.
Proof.
  intros x b n Hn Hx Hb.
  assert (D : Z.land x b = 0).
  { apply Z.bits_inj'; intros i Hi. rewrite Z.land_spec, Z.bits_0.
    destruct (Z.lt_ge_cases i n).
    - rewrite <- (Z.mod_pow2_bits_low b n i) by lia. rewrite Hb, Z.bits_0. apply Bool.andb_false_r.
    - rewrite <- (Z.mod_small x (2 ^ n)) by lia. rewrite Z.mod_pow2_bits_high by lia. reflexivity. }
  rewrite <- Z.lxor_lor by exact D. rewrite Z.add_comm. symmetry. apply Z.add_nocarry_lxor; exact D.
Qed.

Lemma land_low : forall d n, 0 <= n -> Z.land d (2 ^ n - 1) = low n d.
Proof.
  intros d n Hn. replace (2 ^ n - 1) with (Z.ones n) by (rewrite Z.ones_equiv; lia).
  apply Z.land_ones; lia.
Qed.

Lemma bit_testbit : forall n d, 0 <= n -> bit n d = Z.testbit d n.
Proof.
  intros n d Hn. unfold bit. rewrite <- Z.bit0_odd, Z.div_pow2_bits by lia. f_equal; lia.
Qed.

Lemma lor_orbit : forall d n, 0 <= n -> Z.lor d (2 ^ n) = orbit n d.
Proof.
  intros d n Hn. unfold orbit. rewrite bit_testbit by lia. destruct (Z.testbit d n) eqn:B.
  - apply Z.bits_inj'; intros i Hi. rewrite Z.lor_spec, Z.pow2_bits_eqb by lia.
    destruct (Z.eqb_spec n i); [subst; rewrite B|]; apply Bool.orb_false_r || reflexivity.
  - assert (D : Z.land d (2 ^ n) = 0).
    { apply Z.bits_inj'; intros i Hi. rewrite Z.land_spec, Z.pow2_bits_eqb, Z.bits_0 by lia.
      destruct (Z.eqb_spec n i); [subst; rewrite B; reflexivity | apply Bool.andb_false_r]. }
    rewrite <- Z.lxor_lor by exact D. symmetry. apply Z.add_nocarry_lxor; exact D.
Qed.

(** ** The code's patterns *)

(** [d & 0x0000fffffffff000] *)
Lemma land_oa : forall d, Z.land d 281474976706560 = oa d.
Proof.
  intros d. change 281474976706560 with (Z.shiftl (Z.ones 36) 12).
  rewrite land_shiftl_ones by lia. reflexivity.
Qed.

(** [(va >> (s - 3)) & ((2^w - 1) << 3)] is 8 times the level index [field s w va]. *)
Lemma shr_mask_idx8 : forall va s w, 3 <= s -> 0 <= w ->
  Z.land (Z.shiftr va (s - 3)) (Z.shiftl (Z.ones w) 3) = 8 * field s w va.
Proof.
  intros va s w Hs Hw. rewrite land_shiftl_ones by lia. rewrite Z.shiftr_div_pow2 by lia.
  unfold field. rewrite Z.div_div by (try apply Z.pow_pos_nonneg; lia).
  rewrite <- Z.pow_add_r by lia. replace (s - 3 + 3) with s by lia. change (2 ^ 3) with 8. lia.
Qed.

Lemma shr36_4088 : forall va, Z.land (Z.shiftr va 36) 4088 = 8 * field 39 9 va.
Proof. intros. apply (shr_mask_idx8 va 39 9); lia. Qed.
Lemma shr27_4088 : forall va, Z.land (Z.shiftr va 27) 4088 = 8 * field 30 9 va.
Proof. intros. apply (shr_mask_idx8 va 30 9); lia. Qed.
Lemma shr18_4088 : forall va, Z.land (Z.shiftr va 18) 4088 = 8 * field 21 9 va.
Proof. intros. apply (shr_mask_idx8 va 21 9); lia. Qed.
Lemma shr9_4088 : forall va, Z.land (Z.shiftr va 9) 4088 = 8 * field 12 9 va.
Proof. intros. apply (shr_mask_idx8 va 12 9); lia. Qed.
Lemma shr27_8184 : forall va, Z.land (Z.shiftr va 27) 8184 = 8 * field 30 10 va.
Proof. intros. apply (shr_mask_idx8 va 30 10); lia. Qed.

(** [off | base] for a table base with [off] below the base's alignment. *)
Lemma lor_entry : forall off base n, 0 <= n -> 0 <= off < 2 ^ n -> base mod 2 ^ n = 0 ->
  Z.lor off base = base + off.
Proof. intros; apply lor_low_add with n; auto. Qed.

Lemma lor_slot_oa : forall i t, 0 <= i < 512 -> Z.lor (8 * i) (oa t) = oa t + 8 * i.
Proof.
  intros i t Hi. apply lor_low_add with 12; [lia | cbn; lia | apply oa_aligned].
Qed.

(** [d & 3] *)
Lemma land3 : forall d, Z.land d 3 = low 2 d.
Proof. intros. change 3 with (2 ^ 2 - 1). apply (land_low d 2); lia. Qed.

(** [c | 3]: a table descriptor. *)
Lemma lor3 : forall c, c mod 4096 = 0 -> Z.lor c 3 = c + 3.
Proof.
  intros c Hc. rewrite Z.lor_comm. apply lor_low_add with 2; [lia | cbn; lia | apply aligned_4; auto].
Qed.

(** Marker bits. *)
Lemma lor_bit55 : forall d, Z.lor d 36028797018963968 = orbit 55 d.
Proof. intros. apply (lor_orbit d 55); lia. Qed.
Lemma lor_bit56 : forall d, Z.lor d 72057594037927936 = orbit 56 d.
Proof. intros. apply (lor_orbit d 56); lia. Qed.
Lemma lor_bit57 : forall d, Z.lor d 144115188075855872 = orbit 57 d.
Proof. intros. apply (lor_orbit d 57); lia. Qed.

(** A VTTBR: [pool | ((vmid & 255) << 48)]. *)
Lemma vttbr_bits : forall p v, 0 <= p < 2 ^ 48 ->
  Z.lor p (Z.shiftl (Z.land v 255) 48) = p + v mod 256 * 2 ^ 48.
Proof.
  intros p v Hp. change 255 with (2 ^ 8 - 1). rewrite (land_low v 8) by lia. unfold low.
  change (2 ^ 8) with 256.
  rewrite Z.shiftl_mul_pow2 by lia. rewrite Z.add_comm. apply lor_low_add with 48; [lia | lia |].
  apply Z.mod_mul. lia.
Qed.

Lemma oa_vttbr : forall p k, 0 <= p < 2 ^ 48 -> p mod 4096 = 0 -> oa (p + k * 2 ^ 48) = p.
Proof. intros. rewrite oa_add_high. apply oa_id; auto. Qed.

(** The kernel-address view [(a & (2^40 - 1)) | (5 << 40)]. *)
Lemma kva_bits : forall a, Z.lor (Z.land a 1099511627775) 5497558138880 = a mod 2 ^ 40 + 5 * 2 ^ 40.
Proof.
  intros a. change 1099511627775 with (2 ^ 40 - 1). rewrite (land_low a 40) by lia. unfold low. rewrite Z.add_comm.
  apply lor_low_add with 40; [lia | apply Z.mod_pos_bound; lia | reflexivity].
Qed.

(** ** The same patterns on the code model's 64-bit operations ([Semantics/Ints.v]) *)

Lemma ilshr_iand_idx8 : forall va s w, 3 <= s < 64 -> 0 <= w <= 10 -> 0 <= va < 2 ^ 64 ->
  iand 64 (ilshr 64 va (s - 3)) (Z.shiftl (Z.ones w) 3) = 8 * field s w va.
Proof.
  intros va s w Hs Hw Hva. unfold iand, ilshr.
  rewrite (wrap_small 64 va), (wrap_small 64 (s - 3)) by lia.
  rewrite shr_mask_idx8 by lia. apply wrap_small.
  pose proof (field_range s w va (proj1 Hw)).
  assert (2 ^ w <= 2 ^ 10) by (apply Z.pow_le_mono_r; lia). lia.
Qed.

(** [iand 64 (ilshr 64 va k) 4088] etc. as the code model writes them. *)
Lemma i_idx8_36 : forall va, 0 <= va < 2 ^ 64 -> iand 64 (ilshr 64 va 36) 4088 = 8 * field 39 9 va.
Proof. intros. apply (ilshr_iand_idx8 va 39 9); lia. Qed.
Lemma i_idx8_27 : forall va, 0 <= va < 2 ^ 64 -> iand 64 (ilshr 64 va 27) 4088 = 8 * field 30 9 va.
Proof. intros. apply (ilshr_iand_idx8 va 30 9); lia. Qed.
Lemma i_idx8_18 : forall va, 0 <= va < 2 ^ 64 -> iand 64 (ilshr 64 va 18) 4088 = 8 * field 21 9 va.
Proof. intros. apply (ilshr_iand_idx8 va 21 9); lia. Qed.
Lemma i_idx8_9 : forall va, 0 <= va < 2 ^ 64 -> iand 64 (ilshr 64 va 9) 4088 = 8 * field 12 9 va.
Proof. intros. apply (ilshr_iand_idx8 va 12 9); lia. Qed.
Lemma i_idx8_27w10 : forall va, 0 <= va < 2 ^ 64 -> iand 64 (ilshr 64 va 27) 8184 = 8 * field 30 10 va.
Proof. intros. apply (ilshr_iand_idx8 va 30 10); lia. Qed.

Lemma i_oa : forall d, iand 64 d 281474976706560 = oa d.
Proof.
  intros d. unfold iand. rewrite land_oa. apply wrap_small. pose proof (oa_range d).
  assert (2 ^ 48 < 2 ^ 64) by reflexivity. lia.
Qed.

(** The entry address [(idx8) | (t & mask)]. *)
Lemma i_slot : forall i t, 0 <= i < 512 -> ior 64 (8 * i) (oa t) = oa t + 8 * i.
Proof.
  intros i t Hi. unfold ior. rewrite lor_slot_oa by lia. apply wrap_small.
  pose proof (oa_range t). assert (2 ^ 48 + 4096 < 2 ^ 64) by reflexivity. lia.
Qed.

Lemma i_land3 : forall d, iand 64 d 3 = low 2 d.
Proof.
  intros d. unfold iand. rewrite land3. apply wrap_small. unfold low.
  pose proof (Z.mod_pos_bound d (2 ^ 2)). assert (2 ^ 2 < 2 ^ 64) by reflexivity. lia.
Qed.

Lemma i_orbit : forall d n, 0 <= n < 64 -> 0 <= d < 2 ^ 64 -> ior 64 d (2 ^ n) = orbit n d.
Proof.
  intros d n Hn Hd. unfold ior. rewrite lor_orbit by lia. apply wrap_small.
  rewrite <- lor_orbit by lia. split; [apply Z.lor_nonneg; lia|].
  destruct (Z.eq_dec (Z.lor d (2 ^ n)) 0) as [E|E]; [rewrite E; reflexivity|].
  apply Z.log2_lt_pow2; [assert (0 <= Z.lor d (2 ^ n)) by (apply Z.lor_nonneg; lia); lia|].
  assert (0 < 2 ^ n) by (apply Z.pow_pos_nonneg; lia).
  rewrite Z.log2_lor by lia. rewrite Z.log2_pow2 by lia. apply Z.max_lub_lt; [|lia].
  destruct (Z.eq_dec d 0) as [->|]; [cbn; lia|]. apply Z.log2_lt_pow2; lia.
Qed.

Lemma i_tdesc : forall c, 0 <= c < 2 ^ 64 -> c mod 4096 = 0 -> ior 64 c 3 = c + 3.
Proof.
  intros c Hc Ha. unfold ior. rewrite lor3 by auto. apply wrap_small.
  pose proof (Z.div_mod c 4096 ltac:(lia)). change (2 ^ 64) with 18446744073709551616 in *. lia.
Qed.

(** ** Whole entry addresses, as the walk functions of [SeKVM.ll] compute them *)

(** [walk_pgd]/[walk_pud]/[walk_pmd]/[walk_pte], [v_set_pmd]/[v_set_pte], [walk_smmu_pmd],
    [walk_smmu_pte], [set_smmu_pte]: [((va >> (s - 3)) & 4088) | (t & 0x0000fffffffff000)]. *)
Lemma i_entry : forall t va s, 3 <= s < 64 -> 0 <= va < 2 ^ 64 ->
  ior 64 (iand 64 (ilshr 64 va (s - 3)) 4088) (iand 64 t 281474976706560) = oa t + 8 * field s 9 va.
Proof.
  intros t va s Hs Hva. change 4088 with (Z.shiftl (Z.ones 9) 3).
  rewrite ilshr_iand_idx8, i_oa by lia. apply i_slot. pose proof (field_range s 9 va). lia.
Qed.

(** [walk_smmu_pgd]: the 1024-entry root, [((va >> 27) & 8184) + (t & mask)]. *)
Lemma i_entry_root10 : forall t va, 0 <= va < 2 ^ 64 ->
  iadd 64 (iand 64 (ilshr 64 va 27) 8184) (iand 64 t 281474976706560) = oa t + 8 * field 30 10 va.
Proof.
  intros t va Hva. rewrite i_idx8_27w10, i_oa by lia. unfold iadd. rewrite wrap_small; [lia|].
  pose proof (field_range 30 10 va). pose proof (oa_range t). assert (2 ^ 48 + 8192 < 2 ^ 64) by reflexivity.
  change (2 ^ 10) with 1024 in *. lia.
Qed.

Lemma i_entry_36 : forall t va, 0 <= va < 2 ^ 64 ->
  ior 64 (iand 64 (ilshr 64 va 36) 4088) (iand 64 t 281474976706560) = oa t + 8 * field 39 9 va.
Proof. intros. apply (i_entry t va 39); lia. Qed.
Lemma i_entry_27 : forall t va, 0 <= va < 2 ^ 64 ->
  ior 64 (iand 64 (ilshr 64 va 27) 4088) (iand 64 t 281474976706560) = oa t + 8 * field 30 9 va.
Proof. intros. apply (i_entry t va 30); lia. Qed.
Lemma i_entry_18 : forall t va, 0 <= va < 2 ^ 64 ->
  ior 64 (iand 64 (ilshr 64 va 18) 4088) (iand 64 t 281474976706560) = oa t + 8 * field 21 9 va.
Proof. intros. apply (i_entry t va 21); lia. Qed.
Lemma i_entry_9 : forall t va, 0 <= va < 2 ^ 64 ->
  ior 64 (iand 64 (ilshr 64 va 9) 4088) (iand 64 t 281474976706560) = oa t + 8 * field 12 9 va.
Proof. intros. apply (i_entry t va 12); lia. Qed.

(** The marker bits as the code model writes them. *)
Lemma i_bit55 : forall d, 0 <= d < 2 ^ 64 -> ior 64 d 36028797018963968 = orbit 55 d.
Proof. intros. apply (i_orbit d 55); lia. Qed.
Lemma i_bit56 : forall d, 0 <= d < 2 ^ 64 -> ior 64 d 72057594037927936 = orbit 56 d.
Proof. intros. apply (i_orbit d 56); lia. Qed.
Lemma i_bit57 : forall d, 0 <= d < 2 ^ 64 -> ior 64 d 144115188075855872 = orbit 57 d.
Proof. intros. apply (i_orbit d 57); lia. Qed.

(** [init_npt]'s VTTBR: [pool | (zext (vmid & 255) << 48)] on the code model's operations. *)
Lemma i_vttbr : forall p v, 0 <= p < 2 ^ 48 ->
  ior 64 p (ishl 64 (izext 32 (iand 32 v 255)) 48) = p + v mod 256 * 2 ^ 48.
Proof.
  intros p v Hp. assert (L : Z.land v 255 = v mod 256)
    by (change 255 with (2 ^ 8 - 1); rewrite land_low by lia; reflexivity).
  pose proof (Z.mod_pos_bound v 256 ltac:(lia)).
  unfold ior, ishl, izext, iand. rewrite L.
  rewrite (wrap_small 32 (v mod 256)), (wrap_small 32 (v mod 256)), (wrap_small 64 48) by (cbn; lia).
  rewrite Z.shiftl_mul_pow2 by lia. rewrite (wrap_small 64 (v mod 256 * 2 ^ 48)) by (cbn; lia).
  rewrite (lor_low_add p (v mod 256 * 2 ^ 48) 48) by (try lia; apply Z.mod_mul; lia).
  rewrite Z.add_comm. apply wrap_small. cbn in *. lia.
Qed.
