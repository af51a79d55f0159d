(** * Page-table descriptors as div/mod functions.

    Everything a page-table proof needs to know about one descriptor word, stated with [/] and
    [mod] only (no [Z.land]/[Z.shiftr]/[Z.lor]: those appear once, in [PT/PTBits.v], which relates
    the code's literal masks and shifts to the functions below).  All functions are
    [simpl never], so [cbn]/[simpl] never expose their arithmetic; the lemmas below are the
    interface.

    - [field s w x] is "bits [s .. s+w-1] of [x]" ([(x >> s) & (2^w - 1)]);
    - [oa d] is the output/next-table address of a descriptor (bits 12..47, kept in place:
      [d & 0x0000fffffffff000]);
    - [low n d] is [d & (2^n - 1)], [bit n d] tests bit [n], [orbit n d] is [d | 2^n];
    - [kind] is what one level of a walk makes of an entry: a pointer to a next-level table, a
      leaf, or nothing;
    - [dec_addr], [dec_block], [dec_page] are the decoders the SeKVM and SMMU tables use:
      follow any entry with a non-zero address; a level with 2 MiB blocks (table iff the low two
      bits are [0b11] and the address is non-zero, otherwise any non-zero entry is a block);
      the last level (any non-zero entry is a page). *)
From Coq Require Import ZArith Lia.
Local Open Scope Z_scope.

Inductive kind : Type :=
| KTable (c : Z)   (** follow to the next-level table [c] *)
| KLeaf            (** the walk stops here with this entry *)
| KNone.           (** the walk stops here without a translation *)

Definition field (s w x : Z) : Z := (x / 2 ^ s) mod 2 ^ w.
Definition oa (d : Z) : Z := (d / 4096) mod 2 ^ 36 * 4096.
Definition low (n d : Z) : Z := d mod 2 ^ n.
Definition bit (n d : Z) : bool := Z.odd (d / 2 ^ n).
Definition orbit (n d : Z) : Z := if bit n d then d else d + 2 ^ n.

Definition dec_addr (d : Z) : kind := if oa d =? 0 then KNone else KTable (oa d).
Definition dec_block (d : Z) : kind :=
  if low 2 d =? 3 then (if oa d =? 0 then KNone else KTable (oa d))
  else if d =? 0 then KNone else KLeaf.
Definition dec_page (d : Z) : kind := if d =? 0 then KNone else KLeaf.

Global Arguments field : simpl never.
Global Arguments oa : simpl never.
Global Arguments low : simpl never.
Global Arguments bit : simpl never.
Global Arguments orbit : simpl never.
Global Arguments dec_addr : simpl never.
Global Arguments dec_block : simpl never.
Global Arguments dec_page : simpl never.

(** ** Arithmetic facts *)

Lemma field_range : forall s w x, 0 <= w -> 0 <= field s w x < 2 ^ w.
Proof. intros; unfold field; apply Z.mod_pos_bound, Z.pow_pos_nonneg; lia. Qed.

Lemma oa_aligned : forall d, oa d mod 4096 = 0.
Proof. intros; unfold oa; apply Z.mod_mul; lia. Qed.

Lemma oa_range : forall d, 0 <= oa d < 2 ^ 48.
Proof.
  intros; unfold oa. pose proof (Z.mod_pos_bound (d / 4096) (2 ^ 36)) as H.
  change (2 ^ 48) with (2 ^ 36 * 4096). lia.
Qed.

(** An aligned address below [2^48] is its own output address. *)
Lemma oa_id : forall c, 0 <= c < 2 ^ 48 -> c mod 4096 = 0 -> oa c = c.
Proof.
  intros c Hc Ha. unfold oa. rewrite Z.mod_small.
  - pose proof (Z.div_mod c 4096). lia.
  - split; [apply Z.div_pos; lia|]. apply Z.div_lt_upper_bound; lia.
Qed.

Lemma div_low : forall c x n, 0 < n -> c mod n = 0 -> 0 <= x < n -> (c + x) / n = c / n.
Proof.
  intros c x n Hn Hc Hx. rewrite (Z.div_mod c n) at 1 by lia. rewrite Hc, Z.add_0_r.
  rewrite Z.mul_comm, <- Z.add_comm, Z.div_add by lia. rewrite Z.div_small by lia. lia.
Qed.

(** Low bits (below 4096) do not change the output address. *)
Lemma oa_add_low : forall c x, c mod 4096 = 0 -> 0 <= x < 4096 -> oa (c + x) = oa c.
Proof. intros c x Hc Hx. unfold oa. rewrite div_low by lia. reflexivity. Qed.

(** Bits above 47 (e.g. the VMID of a VTTBR) do not change the output address. *)
Lemma oa_add_high : forall p k, oa (p + k * 2 ^ 48) = oa p.
Proof.
  intros p k. unfold oa. f_equal. change (2 ^ 48) with (2 ^ 36 * 4096).
  rewrite Z.mul_assoc, Z.div_add by lia. rewrite Z.add_mod, Z.mod_mul, Z.add_0_r, Z.mod_mod by lia.
  reflexivity.
Qed.

Lemma low_add_aligned : forall n c x, 0 <= n -> c mod 2 ^ n = 0 -> 0 <= x < 2 ^ n -> low n (c + x) = x.
Proof.
  intros n c x Hn Hc Hx. unfold low.
  assert (0 < 2 ^ n) by (apply Z.pow_pos_nonneg; lia).
  rewrite Z.add_mod, Hc, Z.add_0_l, Z.mod_mod, Z.mod_small by lia. reflexivity.
Qed.

(** [orbit]: setting a marker bit. *)
Lemma orbit_nonzero : forall n d, 0 <= n -> 0 <= d -> orbit n d <> 0.
Proof.
  intros n d Hn Hd. unfold orbit, bit. destruct (Z.odd (d / 2 ^ n)) eqn:E.
  - intros ->. rewrite Z.div_0_l in E by (apply Z.pow_nonzero; lia). discriminate.
  - pose proof (Z.pow_pos_nonneg 2 n). lia.
Qed.

Lemma orbit_nonneg : forall n d, 0 <= n -> 0 <= d -> 0 <= orbit n d.
Proof.
  intros n d Hn Hd. unfold orbit. destruct (bit n d); [lia|]. pose proof (Z.pow_pos_nonneg 2 n). lia.
Qed.

Lemma low_orbit : forall m n d, 0 <= m <= n -> low m (orbit n d) = low m d.
Proof.
  intros m n d Hm. unfold orbit. destruct (bit n d); [reflexivity|]. unfold low.
  replace (2 ^ n) with (2 ^ (n - m) * 2 ^ m) by (rewrite <- Z.pow_add_r by lia; f_equal; lia).
  rewrite Z.mod_add by (apply Z.pow_nonzero; lia). reflexivity.
Qed.

Lemma oa_orbit : forall n d, 48 <= n -> oa (orbit n d) = oa d.
Proof.
  intros n d Hn. unfold orbit. destruct (bit n d); [reflexivity|].
  replace (2 ^ n) with (2 ^ (n - 48) * 2 ^ 48) by (rewrite <- Z.pow_add_r by lia; f_equal; lia).
  apply oa_add_high.
Qed.

(** ** Decoders on the descriptors the code writes *)

Lemma dec_addr_0 : dec_addr 0 = KNone.
Proof. reflexivity. Qed.
Lemma dec_block_0 : dec_block 0 = KNone.
Proof. reflexivity. Qed.
Lemma dec_page_0 : dec_page 0 = KNone.
Proof. reflexivity. Qed.

(** A table descriptor [c | 3] for an aligned, non-zero table address [c] below [2^48]. *)
Lemma dec_addr_tdesc : forall c, 0 < c < 2 ^ 48 -> c mod 4096 = 0 -> dec_addr (c + 3) = KTable c.
Proof.
  intros c Hc Ha. unfold dec_addr. rewrite oa_add_low, oa_id by lia.
  destruct (Z.eqb_spec c 0); [lia | reflexivity].
Qed.

Lemma aligned_4 : forall c, c mod 4096 = 0 -> c mod 2 ^ 2 = 0.
Proof.
  intros c Ha. rewrite (Z.div_mod c 4096) by lia. rewrite Ha, Z.add_0_r.
  replace (4096 * (c / 4096)) with (1024 * (c / 4096) * 2 ^ 2) by ring. apply Z.mod_mul. lia.
Qed.

Lemma dec_block_tdesc : forall c, 0 < c < 2 ^ 48 -> c mod 4096 = 0 -> dec_block (c + 3) = KTable c.
Proof.
  intros c Hc Ha. unfold dec_block. rewrite low_add_aligned by (try apply aligned_4; cbn; lia).
  rewrite oa_add_low, oa_id by lia. destruct (Z.eqb_spec c 0); [lia | reflexivity].
Qed.

Lemma dec_addr_table : forall d c, dec_addr d = KTable c -> c = oa d /\ c <> 0.
Proof. intros d c. unfold dec_addr. destruct (Z.eqb_spec (oa d) 0); intro H; inversion H; auto. Qed.

Lemma dec_block_leaf : forall d, d <> 0 -> low 2 d <> 3 -> dec_block d = KLeaf.
Proof.
  intros d Hd Hl. unfold dec_block. destruct (Z.eqb_spec (low 2 d) 3); [lia|].
  destruct (Z.eqb_spec d 0); [lia | reflexivity].
Qed.

Lemma dec_page_leaf : forall d, d <> 0 -> dec_page d = KLeaf.
Proof. intros d Hd. unfold dec_page. destruct (Z.eqb_spec d 0); [lia | reflexivity]. Qed.

(** A block written with a marker bit above bit 1 stays a block (if the caller's descriptor is
    not a table descriptor). *)
Lemma dec_block_orbit : forall n d, 2 <= n -> 0 <= d -> low 2 d <> 3 -> dec_block (orbit n d) = KLeaf.
Proof.
  intros n d Hn Hd Hl. apply dec_block_leaf; [apply orbit_nonzero; lia|].
  rewrite low_orbit by lia. exact Hl.
Qed.

Lemma dec_page_orbit : forall n d, 0 <= n -> 0 <= d -> dec_page (orbit n d) = KLeaf.
Proof. intros. apply dec_page_leaf, orbit_nonzero; lia. Qed.

(** Leaves are never zero. *)
Lemma dec_block_leaf_nz : forall d, dec_block d = KLeaf -> d <> 0.
Proof. intros d H ->. discriminate. Qed.
Lemma dec_page_leaf_nz : forall d, dec_page d = KLeaf -> d <> 0.
Proof. intros d H ->. discriminate. Qed.
