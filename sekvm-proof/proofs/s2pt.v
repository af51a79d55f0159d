(* Hand-written part of the stage-2 tree layer's proofs (S2PTTreeOps; PROJ_PROOFS of proof.v,
   copied by `autov build` into the generated project as Proofs/s2pt.v).

   The relation `s2pt_rel` (proof.v) ties each VM's two abstract maps to the table words of its
   pool through coq-lib's tree relation `s2_rel`. Here:
   - the configured initial state satisfies it (`s2pt_init`, used by `S2PTTreeOps/InitRel.v`);
   - the code's walk, as the S2PTWalk specs compute it without allocation (`kstep`, `kwalk`: a
     40-bit physical key, 64-bit loads), is the library's walk over what `pt_load` reads
     (`kview`), so it answers the abstract lookup (`walk_npt_lookup`);
   - `ref_user` proves `walk_npt`'s spec against its low spec inside the generated RefProof: it
     opens the low spec and the walk steps' specs there, so a wrong spec or a changed walk step
     fails in `S2PTTreeOps/walk_npt/RefProof.v`;
   - `set_npt` follows the code level by level (`set_npt_refines`): each walk step with allocation
     is one equation over the S2PTWalk spec (`walk_pgd_alloc` ...), allocates exactly where the
     upper state's table maps (`s2_tbl1/2/3`, coq-lib's `s2_shape`) say a table is missing
     (`pgd_step` ...), and the leaf write changes one map entry (`block_set`, `page_set`); a
     change confined to one VM keeps the relation for the others (`s2pt_rel_vm`). *)
From Coq Require Import String ZArith List Bool Lia.
From AutoV Require Import All Build GenTactics.
From AutoV.PT Require Import PTDesc PTBits PTWalk PTTree PTRefine PTInstances PTShape PTTactics.
From SeKVM.S2PTTreeOps Require Import RefineRel.
From SeKVM.S2PTTreeOps.set_npt Require Import LowSpec.
Local Open Scope Z_scope.

(** * The initial state *)

Lemma boot_pool_starts_get : forall n v, 0 <= v < Z.of_nat n ->
  boot_pool_starts n @ v = 1073741824 + v * 33554432.
Proof. exact (zmap_upto_get _ boot_pool_starts (fun v => 1073741824 + v * 33554432) (fun _ => eq_refl)). Qed.

Lemma s2_cap3_cases : forall v, s2_cap3_of v = 7680 \/ s2_cap3_of v = 1536.
Proof. intros v. unfold s2_cap3_of. destruct (_ || _); auto. Qed.

Lemma s2pt_init : s2pt_rel init_RData init_RData.
Proof.
  assert (Hs : forall v, 0 <= v < 19 -> vm_pool_start init_RData @ v = 1073741824 + v * 33554432)
    by (intros v Hv; apply boot_pool_starts_get; cbn; lia).
  assert (Hl : forall v, 0 <= v < 19 -> s2_layout (vm_pool_start init_RData @ v) (s2_cap3_of v) /\
                 vm_pool_start init_RData @ v + s2_pool_size v <= 1099511627776).
  { intros v Hv. rewrite Hs by lia. unfold s2_pool_size.
    replace (1073741824 + v * 33554432) with ((262144 + v * 8192) * 4096) by ring.
    destruct (s2_cap3_cases v) as [E|E]; rewrite E; (split; [constructor|]);
      first [ apply Z.mod_mul; lia | change (2 ^ 48) with 281474976710656; lia ]. }
  unfold s2pt_rel. split; [reflexivity|]. split; [intros; reflexivity|].
  split; [intros a; cbn; rewrite ZMap.gi; lia|]. split.
  - split; [intros v H0 H1; apply Hl; lia|]. intros v w Hv0 Hv1 Hw0 Hw1 Hne. rewrite !Hs by lia. unfold s2_pool_size.
    destruct (s2_cap3_cases v) as [E|E]; rewrite E; destruct (s2_cap3_cases w) as [F|F]; rewrite F; lia.
  - intros v Hv0 Hv1. destruct (Hl v ltac:(lia)) as [HL _]. split; [|split].
    + cbn [init_RData vm_pud_used vm_pmd_used vm_pte_used pt_mem s2_blk s2_pg]. rewrite !ZMap.gi.
      apply (s2_rel_ext _ _ _ _ _ _ aempty); [intros; apply s2_amap_empty|].
      apply s2_rel_init; [exact HL | intros; apply ZMap.gi].
    + cbn [init_RData pt_mem s2_tbl1 s2_tbl2 s2_tbl3]. rewrite !ZMap.gi.
      apply (s2_shape_init _ _ _ HL). intros; apply ZMap.gi.
    + left. unfold s2_root. cbn [init_RData vm_vttbr sysregs s2_blk s2_pg].
      rewrite !ZMap.gi. destruct (v <? 18); rewrite ?ZMap.gi; auto.
Qed.
#[export] Hint Resolve s2pt_init : initrel.

(** * The code's walk *)

(** What `pt_load` returns for a physical address: the word at its low 40 bits, as a 64-bit value. *)
Definition kview (m : ZMap.t Z) : ZMap.t Z := fun a => wrap 64 (m @ (a mod 2 ^ 40)).

Definition kstep (m : ZMap.t Z) (t va sh : Z) : Z :=
  if iand 64 t 281474976706560 =? 0 then 0
  else wrap 64 (m @ Z.land (ior 64 (iand 64 (ilshr 64 va sh) 4088) (iand 64 t 281474976706560)) 1099511627775).

Definition kwalk (m : ZMap.t Z) (root va : Z) : Z :=
  let pgd := wrap 64 (kstep m root va 36) in
  let pud := wrap 64 (kstep m pgd va 27) in
  let pmd := wrap 64 (kstep m pud va 18) in
  if ieq 64 (iand 64 pmd 3) 3 then wrap 64 (kstep m pmd va 9) else pmd.

Lemma kstep_range : forall m t va sh, 0 <= kstep m t va sh < 2 ^ 64.
Proof.
  intros. unfold kstep. destruct (_ =? 0); [lia|]. unfold wrap. apply Z.mod_pos_bound. lia.
Qed.

Lemma land40 : forall x, 0 <= x -> Z.land x 1099511627775 = x mod 2 ^ 40.
Proof. intros x Hx. change 1099511627775 with (Z.ones 40). apply Z.land_ones. lia. Qed.

Lemma kstep_eq : forall m t va sh, 0 <= va < 2 ^ 64 -> (sh = 36 \/ sh = 27 \/ sh = 18 \/ sh = 9) ->
  kstep m t va sh = if oa t =? 0 then 0 else kview m @ (oa t + 8 * field (sh + 3) 9 va).
Proof.
  intros m t va sh Hva Hsh. unfold kstep.
  destruct Hsh as [H|[H|[H|H]]]; subst sh; cbn [Z.add];
    [rewrite i_entry_36 | rewrite i_entry_27 | rewrite i_entry_18 | rewrite i_entry_9]; auto;
    rewrite i_oa; (destruct (oa t =? 0); [reflexivity|]);
    unfold kview, ZMap.get; rewrite <- land40; try reflexivity;
    pose proof (oa_range t); match goal with |- context [field ?s 9 va] => pose proof (field_range s 9 va ltac:(lia)) end; lia.
Qed.

Lemma oa_wrap64 : forall d, oa (wrap 64 d) = oa d.
Proof.
  intros d. unfold oa, wrap. f_equal.
  rewrite (Z.div_mod d (2 ^ 64)) at 2 by lia.
  set (q := d / 2 ^ 64). set (r := d mod 2 ^ 64).
  replace (2 ^ 64 * q + r) with (r + (q * 2 ^ 16 * 2 ^ 36) * 4096) by (subst q r; ring).
  rewrite Z.div_add by lia. rewrite Z.mod_add by lia. reflexivity.
Qed.

Lemma kview_pool : forall m a, 0 <= a < 2 ^ 40 -> (forall a, 0 <= m @ a < 2 ^ 64) -> kview m @ a = m @ a.
Proof.
  intros m a Ha Hm. unfold kview. unfold ZMap.get at 1. rewrite Z.mod_small by lia. apply wrap_small. apply Hm.
Qed.

Lemma kwalk_code : forall m root va, 0 <= va < 2 ^ 48 -> oa root <> 0 ->
  kwalk m (wrap 64 (wrap 64 root)) va = s2_walk_code (kview m) (oa root) va.
Proof.
  intros m root va Hva Hr. unfold kwalk.
  rewrite !(wrap_small 64 (kstep _ _ _ _)) by apply kstep_range.
  rewrite !kstep_eq by (auto; lia). rewrite !oa_wrap64.
  unfold s2_walk_code. apply Z.eqb_neq in Hr. rewrite Hr.
  change (36 + 3) with 39. change (27 + 3) with 30. change (18 + 3) with 21. change (9 + 3) with 12.
  set (e0 := kview m @ (oa root + 8 * field 39 9 va)).
  set (e1 := if oa e0 =? 0 then 0 else kview m @ (oa e0 + 8 * field 30 9 va)).
  set (e2 := if oa e1 =? 0 then 0 else kview m @ (oa e1 + 8 * field 21 9 va)).
  rewrite i_land3. unfold ieq. rewrite (wrap_small 64 (low 2 e2)) by (unfold low; pose proof (Z.mod_pos_bound e2 (2 ^ 2)); lia).
  change (wrap 64 3) with 3.
  destruct (low 2 e2 =? 3); reflexivity.
Qed.

Lemma kwalk_zero : forall m va, kwalk m (wrap 64 (wrap 64 0)) va = 0.
Proof. intros. reflexivity. Qed.

Lemma kwalk_lookup : forall start cap3 n1 n2 n3 m A root va,
  s2_rel start cap3 n1 n2 n3 m A -> start + 2097152 + 4096 * cap3 <= 2 ^ 40 ->
  (forall a, 0 <= m @ a < 2 ^ 64) -> oa root = start -> 0 <= va < 2 ^ 48 ->
  kwalk m (wrap 64 (wrap 64 root)) va = s2_lookup A va.
Proof.
  intros start cap3 n1 n2 n3 m A root va HR Htop Hm Hroot Hva.
  assert (HL : s2_layout start cap3) by (destruct HR; assumption).
  rewrite kwalk_code by (destruct HL; lia). rewrite Hroot.
  apply (s2_rel_walk start cap3 n1 n2 n3 _ A va); [|exact Hva].
  apply (s2_rel_mem_ext _ _ _ _ _ m); [|exact HR].
  intros a Ha. apply kview_pool; [destruct HL; lia | exact Hm].
Qed.


(** The relation, per VM: the walk from the VM's root answers its maps' lookup. *)
Lemma forget_eq : forall hs ls, s2_forget hs = s2_forget ls ->
  locks hs = locks ls /\ cpu hs = cpu ls /\ vm_vttbr hs = vm_vttbr ls /\ sysregs hs = sysregs ls /\
  vm_pool_start hs = vm_pool_start ls.
Proof.
  intros hs ls E. repeat split;
    [ apply (f_equal locks) in E | apply (f_equal cpu) in E | apply (f_equal vm_vttbr) in E
    | apply (f_equal sysregs) in E | apply (f_equal vm_pool_start) in E ]; exact E.
Qed.

Lemma forget_counters : forall hs ls, s2_forget hs = s2_forget ls ->
  vm_pud_used hs = vm_pud_used ls /\ vm_pmd_used hs = vm_pmd_used ls /\ vm_pte_used hs = vm_pte_used ls.
Proof.
  intros hs ls E. repeat split;
    [ apply (f_equal vm_pud_used) in E | apply (f_equal vm_pmd_used) in E | apply (f_equal vm_pte_used) in E ];
    exact E.
Qed.

Lemma walk_npt_lookup : forall hs ls v va, s2pt_rel hs ls -> 0 <= v <= 18 -> 0 <= va < 2 ^ 48 ->
  kwalk (pt_mem ls) (wrap 64 (wrap 64 (s2_root ls v))) va =
  s2_lookup (s2_amap (s2_blk hs @ v) (s2_pg hs @ v)) va.
Proof.
  intros hs ls v va (_ & _ & Hm & (Hl & _) & Hv) Hv18 Hva.
  destruct (Hv v ltac:(lia) ltac:(lia)) as (HR & _ & [(R0 & B & P) | (_ & Ho)]).
  - rewrite R0, B, P, kwalk_zero. reflexivity.
  - destruct (Hl v ltac:(lia) ltac:(lia)) as [_ Htop]. unfold s2_pool_size in Htop.
    eapply kwalk_lookup; eauto. lia.
Qed.

(** * `init_npt` *)

(** The code's test of the root it read: zero exactly when the relation's root is. *)
Lemma root_test : forall hs ls v, s2pt_rel hs ls -> 0 <= v <= 18 ->
  ieq 64 (wrap 64 (wrap 64 (s2_root ls v))) 0 = (s2_root ls v =? 0).
Proof.
  intros hs ls v (_ & _ & _ & (Hl & _) & Hv) Hv18.
  destruct (Hv v ltac:(lia) ltac:(lia)) as (_ & _ & [(R0 & _) | (Rn & Ho)]).
  - rewrite R0. reflexivity.
  - unfold ieq. rewrite !wrap_idem by lia. change (wrap 64 0) with 0.
    destruct (Hl v ltac:(lia) ltac:(lia)) as [[_ Hpos _ _] _].
    destruct (Z.eqb_spec (wrap 64 (s2_root ls v)) 0) as [E|E].
    + exfalso. rewrite <- oa_wrap64, E in Ho. change (oa 0) with 0 in Ho. lia.
    + symmetry. apply Z.eqb_neq. intro E'. rewrite E' in E. apply E. reflexivity.
Qed.

(** The VMID field of a VTTBR: `(vmid & 255) << 48` for the 19 VMs, without overflow. *)
Lemma vmid_shift : forall v, 0 <= v <= 18 ->
  ovf_shl fl_nuw_nsw 64 (wrap 64 (izext 32 (iand 32 v 255))) 48 = false /\
  wrap 64 (izext 32 (iand 32 v 255)) = izext 32 (iand 32 v 255).
Proof.
  intros v Hv.
  assert (v = 0 \/ v = 1 \/ v = 2 \/ v = 3 \/ v = 4 \/ v = 5 \/ v = 6 \/ v = 7 \/ v = 8 \/ v = 9 \/
          v = 10 \/ v = 11 \/ v = 12 \/ v = 13 \/ v = 14 \/ v = 15 \/ v = 16 \/ v = 17 \/ v = 18)
    as Hc by lia.
  repeat destruct Hc as [Hc|Hc]; subst v; split; reflexivity.
Qed.

(** The VTTBR the code computes from the pool start it loads. *)
Lemma vttbr_value : forall hs ls v, s2pt_rel hs ls -> 0 <= v <= 18 ->
  wrap 64 (ior 64 (wrap 64 (wrap 64 (vm_pool_start ls @ v))) (ishl 64 (izext 32 (iand 32 v 255)) 48)) =
  vm_pool_start ls @ v + v * 281474976710656.
Proof.
  intros hs ls v (_ & _ & _ & (Hl & _) & _) Hv.
  destruct (Hl v ltac:(lia) ltac:(lia)) as [[_ Hpos _ _] Htop]. unfold s2_pool_size in Htop.
  pose proof (s2_cap3_cases v).
  rewrite !(wrap_small 64 (vm_pool_start ls @ v)) by lia.
  rewrite i_vttbr by lia. rewrite (Z.mod_small v 256) by lia. apply wrap_small. lia.
Qed.

(** Installing VM v's root (`pool start + v * 2^48`) where it has none keeps the relation. *)
Lemma s2pt_rel_set_root : forall hs ls v, s2pt_rel hs ls -> 0 <= v <= 18 -> s2_root ls v = 0 ->
  s2pt_rel (update_RData_vm_vttbr hs (vm_vttbr hs # v == vm_pool_start hs @ v + v * 281474976710656))
           (update_RData_vm_vttbr ls (vm_vttbr ls # v == vm_pool_start ls @ v + v * 281474976710656)).
Proof.
  intros hs ls v HR Hv R0. pose proof HR as (Hf & Hpt & Hm & (Hl & Hd) & Hvm).
  pose proof (forget_eq _ _ Hf) as (_ & _ & Hvt & _ & Hps). rewrite Hvt, Hps.
  unfold s2pt_rel. split; [|split; [|split; [|split]]].
  - destruct hs, ls; cbn in *. unfold s2_forget in *; cbn in *. injection Hf; intros; subst. reflexivity.
  - exact Hpt.
  - exact Hm.
  - split; [exact Hl | exact Hd].
  - intros w Hw0 Hw1. destruct (Hvm w Hw0 Hw1) as (Hrel & Hsh & Hroot). split; [exact Hrel|]. split; [exact Hsh|].
    unfold s2_root in *. cbn [vm_vttbr sysregs update_RData_vm_vttbr] in *.
    destruct (w <? 18) eqn:Lw.
    + rewrite ZMap.gsspec. destruct (Z.eqb_spec w v) as [->|Hne]; [|exact Hroot].
      right. destruct (Hl v ltac:(lia) ltac:(lia)) as [HL Htop]. split.
      * destruct HL as [_ Hpos _ _]. lia.
      * apply (s2_vttbr_root _ (s2_cap3_of v)). exact HL.
    + exact Hroot.
Qed.

(** * `walk_npt` *)

(** The S2PTWalk specs with `alloc = 0` (and `walk_pte`) are one [kstep] each: opened here, in
    the RefProof, so a changed step fails there. *)
Ltac s2_walk_steps :=
  repeat (cbv beta iota zeta;
    match goal with
    | |- context [ walk_pgd_spec ?v ?t ?va 0 ?st ] =>
        replace (walk_pgd_spec v t va 0 st) with (Some (kstep (pt_mem st) t va 36, st))
          by (unfold walk_pgd_spec, kstep; destruct (_ =? 0); reflexivity)
    | |- context [ walk_pud_spec ?v ?t ?va 0 ?st ] =>
        replace (walk_pud_spec v t va 0 st) with (Some (kstep (pt_mem st) t va 27, st))
          by (unfold walk_pud_spec, kstep; destruct (_ =? 0); reflexivity)
    | |- context [ walk_pmd_spec ?v ?t ?va 0 ?st ] =>
        replace (walk_pmd_spec v t va 0 st) with (Some (kstep (pt_mem st) t va 18, st))
          by (unfold walk_pmd_spec, kstep; destruct (_ =? 0); reflexivity)
    | |- context [ walk_pte_spec ?v ?t ?va ?st ] =>
        replace (walk_pte_spec v t va st) with (Some (kstep (pt_mem st) t va 9, st))
          by (unfold walk_pte_spec, kstep; destruct (_ =? 0); reflexivity)
    end).

(** `get_pt_vttbr` returns the VM's root: the VTTBR field under the VM's table lock, or for the
    hypervisor (18) TTBR0_EL2 through its inline asm. *)
Ltac s2_root_read v ls :=
  unfold get_pt_vttbr_spec, s2_root;
  let L := fresh "L" in
  destruct (v <? 18) eqn:L;
  [ match goal with
    | Hlk : locks _ = locks ls, Hcpu : cpu _ = cpu ls |- _ =>
        (* the caller's lock fact, either `lock_held` or the precondition's `v = 18 || lock_held` *)
        let E := fresh "E" in
        destruct (v =? 18) eqn:E; [apply Z.eqb_eq in E; apply Z.ltb_lt in L; lia|];
        cbn [orb] in *; unfold lock_held, lock_pt in *; rewrite Hlk, Hcpu in *;
        match goal with Hl : (ZMap.get (24 + v) (locks ls) =? cpu ls + 1) = true |- _ => rewrite Hl end;
        reflexivity
    end
  | unfold iasm_get_pt_vttbr_0_spec; asm_open get_reg set_reg; cbn;
    unfold wrap; asm_pow_literals; rewrite !Zmod_mod; reflexivity ].

(** `init_npt`'s low spec, from the root read on: the root test, then (no root yet) the pool
    start's load, the VMID field, the VTTBR store. *)
Ltac init_npt_low v ls :=
  match goal with
  | HR : s2pt_rel _ ls, Hlk : locks _ = locks ls, Hcpu : cpu _ = cpu ls,
    Hl : lock_held _ (lock_pt v) = true, Hc : (s2_root ls v =? 0) = ?b |- _ =>
      rewrite (root_test _ _ v HR) by lia; rewrite Hc;
      unfold lock_held, lock_pt in Hl; rewrite Hlk, Hcpu in Hl;
      lazymatch b with
      | false => exists ls; split; [reflexivity | assumption]
      | true =>
          unfold pool_start_spec, el2_vm_info_page_pool_start_ok, el2_vm_info_page_pool_start_get,
            lock_held, lock_pt;
          rewrite Hl; replace ((0 <=? v) && (v <? 19)) with true by (symmetry; apply andb_true_iff; lia);
          cbn [andb]; cbv beta iota zeta; replace (64 <=? wrap 64 48) with false by reflexivity;
          let Ho := fresh "Ho" in let Hw := fresh "Hw" in
          destruct (vmid_shift v ltac:(lia)) as [Ho Hw]; rewrite Ho, Hw;
          unfold set_pt_vttbr_spec, el2_vm_info_vttbr_ok, el2_vm_info_vttbr_set, lock_held, lock_pt;
          rewrite Hl; replace ((0 <=? v) && (v <? 19)) with true by (symmetry; apply andb_true_iff; lia);
          cbn [andb]; cbv beta iota; rewrite (vttbr_value _ _ v HR) by lia;
          eexists; split; [reflexivity|];
          (* the spec's VTTBR must be the code's before the lemma is tried: a wrong spec fails
             here at once, not in a search through the unfolded relation *)
          lazymatch goal with
          | |- _ (update_RData_vm_vttbr _ (_ # _ == vm_pool_start _ @ _ + _ * 281474976710656)) _ => idtac
          | |- _ => fail 1 "init_npt's spec does not install the code's VTTBR"
          end;
          apply s2pt_rel_set_root; [assumption | lia | apply Z.eqb_eq; assumption]
      end
  end.

(** * `set_npt` *)

Lemma land40_small : forall a, 0 <= a < 2 ^ 40 -> Z.land a 1099511627775 = a.
Proof. intros a Ha. change 1099511627775 with (Z.ones 40). rewrite Z.land_ones by lia. apply Z.mod_small. lia. Qed.

(** The range facts a walk step with allocation needs about VM v's pool (from the relation). *)
Definition s2_step_ok (st : RData) (v : Z) : Prop :=
  0 <= v <= 18 /\ lock_held st (lock_pt v) = true /\
  0 < vm_pool_start st @ v /\ (vm_pool_start st @ v) mod 4096 = 0 /\
  vm_pool_start st @ v + 2097152 + 4096 * s2_cap3_of v <= 2 ^ 40 /\
  0 <= vm_pud_used st @ v <= 16 /\ 0 <= vm_pmd_used st @ v <= 495 /\
  0 <= vm_pte_used st @ v <= s2_cap3_of v /\ (forall a, 0 <= pt_mem st @ a < 2 ^ 64).

Ltac step_open Hok :=
  let H0 := fresh in let Hl := fresh in let Hs := fresh in let Ha := fresh in let Ht := fresh in
  let H1 := fresh in let H2 := fresh in let H3 := fresh in let Hm := fresh in
  destruct Hok as (H0 & Hl & Hs & Ha & Ht & H1 & H2 & H3 & Hm);
  unfold lock_held, lock_pt in Hl;
  replace (_ <? 19) with true by (symmetry; apply Z.ltb_lt; lia); rewrite ?Hl; cbv iota beta zeta.

Lemma c_aligned : forall s o n, s mod 4096 = 0 -> o mod 4096 = 0 -> (s + o + 4096 * n) mod 4096 = 0.
Proof. intros. apply aligned_add; [apply aligned_add; auto|]. rewrite Z.mul_comm. apply Z.mod_mul. lia. Qed.

(** A walk step with allocation ([walk_pgd]/[walk_pud]/[walk_pmd] with [alloc = 1]) at entry [a]:
    the entry if its address bits are set, else, if the pool has room, the table [c] linked there
    ([st'] is the state with the allocator's counter bumped); a full pool panics. *)
Definition alloc_step (st : RData) (a c : Z) (room : bool) (st' : RData) : option (Z * RData) :=
  if oa (pt_mem st @ a) =? 0 then
    if room then Some (c + 3, update_RData_pt_mem st' (pt_mem st # a == c + 3)) else None
  else Some (pt_mem st @ a, st).

(** The proof of a walk step with allocation: the entry's address and load, the allocation's
    arithmetic (no wrap-around: the pool lies below 2^40), and the pool-end test against the room
    the spec names. *)
Ltac alloc_step_proof spec entry cnt :=
  intros st v t va Hok Hva Ht0 Ht a c; pose proof (s2_cap3_cases v); pose proof (oa_range t);
  assert (Hm := proj2 (proj2 (proj2 (proj2 (proj2 (proj2 (proj2 (proj2 Hok))))))));
  assert (Hend : (if (v =? 18) || (v =? 0) then 33554432 else 8388608) = 2097152 + 4096 * s2_cap3_of v)
    by (unfold s2_cap3_of; rewrite orb_comm; destruct (_ || _); reflexivity);
  unfold spec, alloc_step; step_open Hok; rewrite ?Hend;
  rewrite entry by lia; rewrite i_oa; apply Z.eqb_neq in Ht0; rewrite Ht0;
  rewrite land40_small by (unfold a in *; match goal with |- context [field ?s 9 va] =>
    pose proof (field_range s 9 va ltac:(lia)) end; change (2 ^ 9) with 512 in *;
    change (2 ^ 40) with 1099511627776 in *; lia);
  fold a; rewrite (wrap_small 64 (pt_mem st @ a)) by apply Hm; rewrite i_oa; cbn [andb Z.eqb];
  destruct (oa (pt_mem st @ a) =? 0); [|reflexivity];
  unfold iadd, ishl; change (wrap 64 12) with 12; rewrite !Z.shiftl_mul_pow2 by lia; change (2 ^ 12) with 4096;
  repeat match goal with |- context [wrap 64 ?x] => rewrite (wrap_small 64 x) by lia end;
  rewrite (Z.mul_comm (cnt st @ v) 4096); fold c;
  repeat match goal with |- context [?x <? ?y] => destruct (Z.ltb_spec x y) end; unfold c in *; try lia;
  first [ reflexivity | rewrite i_tdesc; [reflexivity | lia | apply c_aligned; auto; reflexivity] ].

Lemma walk_pgd_alloc : forall st v t va, s2_step_ok st v -> 0 <= va < 2 ^ 48 ->
  oa t <> 0 -> oa t + 4096 <= 2 ^ 40 ->
  let a := oa t + 8 * field 39 9 va in
  let c := vm_pool_start st @ v + 4096 + 4096 * (vm_pud_used st @ v) in
  walk_pgd_spec v t va 1 st =
    alloc_step st a c (vm_pud_used st @ v <? 16) (update_RData_vm_pud_used st (vm_pud_used st # v == vm_pud_used st @ v + 1)).
Proof. alloc_step_proof walk_pgd_spec i_entry_36 vm_pud_used. Qed.

Lemma walk_pud_alloc : forall st v t va, s2_step_ok st v -> 0 <= va < 2 ^ 48 ->
  oa t <> 0 -> oa t + 4096 <= 2 ^ 40 ->
  let a := oa t + 8 * field 30 9 va in
  let c := vm_pool_start st @ v + 69632 + 4096 * (vm_pmd_used st @ v) in
  walk_pud_spec v t va 1 st =
    alloc_step st a c (vm_pmd_used st @ v <? 495) (update_RData_vm_pmd_used st (vm_pmd_used st # v == vm_pmd_used st @ v + 1)).
Proof. alloc_step_proof walk_pud_spec i_entry_27 vm_pmd_used. Qed.

Lemma walk_pmd_alloc : forall st v t va, s2_step_ok st v -> 0 <= va < 2 ^ 48 ->
  oa t <> 0 -> oa t + 4096 <= 2 ^ 40 ->
  let a := oa t + 8 * field 21 9 va in
  let c := vm_pool_start st @ v + 2097152 + 4096 * (vm_pte_used st @ v) in
  walk_pmd_spec v t va 1 st =
    alloc_step st a c (vm_pte_used st @ v <? s2_cap3_of v) (update_RData_vm_pte_used st (vm_pte_used st # v == vm_pte_used st @ v + 1)).
Proof. alloc_step_proof walk_pmd_spec i_entry_18 vm_pte_used. Qed.

Lemma walk_pmd_get : forall st v t va, 0 <= va < 2 ^ 48 -> oa t <> 0 -> oa t + 4096 <= 2 ^ 40 ->
  (forall a, 0 <= pt_mem st @ a < 2 ^ 64) ->
  walk_pmd_spec v t va 0 st = Some (pt_mem st @ (oa t + 8 * field 21 9 va), st).
Proof.
  intros st v t va Hva Ht0 Ht Hm. pose proof (field_range 21 9 va ltac:(lia)) as Hf. pose proof (oa_range t).
  unfold walk_pmd_spec. rewrite i_entry_18 by lia. rewrite i_oa. apply Z.eqb_neq in Ht0. rewrite Ht0. cbn [andb Z.eqb].
  rewrite land40_small by (change (2 ^ 9) with 512 in *; change (2 ^ 40) with 1099511627776 in *; lia).
  rewrite wrap_small by apply Hm. reflexivity.
Qed.

Lemma v_set_pmd_eq : forall st v t va pte, 0 <= va < 2 ^ 48 -> oa t + 4096 <= 2 ^ 40 -> 0 <= pte < 2 ^ 64 ->
  v_set_pmd_spec v t va pte st = Some (update_RData_pt_mem st (pt_mem st # (oa t + 8 * field 21 9 va) == orbit 55 pte)).
Proof.
  intros st v t va pte Hva Ht Hp. pose proof (field_range 21 9 va ltac:(lia)) as Hf. pose proof (oa_range t).
  unfold v_set_pmd_spec. rewrite i_entry_18 by lia. rewrite i_bit55 by lia.
  rewrite land40_small by (change (2 ^ 9) with 512 in *; change (2 ^ 40) with 1099511627776 in *; lia). reflexivity.
Qed.

Lemma v_set_pte_eq : forall st v t va pte, 0 <= va < 2 ^ 48 -> oa t + 4096 <= 2 ^ 40 -> 0 <= pte < 2 ^ 64 ->
  v_set_pte_spec v t va pte st = Some (update_RData_pt_mem st (pt_mem st # (oa t + 8 * field 12 9 va) == orbit 56 pte)).
Proof.
  intros st v t va pte Hva Ht Hp. pose proof (field_range 12 9 va ltac:(lia)) as Hf. pose proof (oa_range t).
  unfold v_set_pte_spec. rewrite i_entry_9 by lia. rewrite i_bit56 by lia.
  rewrite land40_small by (change (2 ^ 9) with 512 in *; change (2 ^ 40) with 1099511627776 in *; lia). reflexivity.
Qed.

(** * The walk of [set_npt], level by level, on VM v's tables *)

(** The counters after a level's allocation, when the shape says a table is missing. *)
Definition l_alloc1 (v : Z) (b : bool) (st : RData) : RData :=
  update_RData_vm_pud_used st (if b then vm_pud_used st else vm_pud_used st # v == vm_pud_used st @ v + 1).
Definition l_alloc2 (v : Z) (b : bool) (st : RData) : RData :=
  update_RData_vm_pmd_used st (if b then vm_pmd_used st else vm_pmd_used st # v == vm_pmd_used st @ v + 1).
Definition l_alloc3 (v : Z) (b : bool) (st : RData) : RData :=
  update_RData_vm_pte_used st (if b then vm_pte_used st else vm_pte_used st # v == vm_pte_used st @ v + 1).

Lemma pt_mem_eta : forall st, update_RData_pt_mem st (pt_mem st) = st.
Proof. intros []. reflexivity. Qed.
Lemma alloc_eta1 : forall st, update_RData_pt_mem (update_RData_vm_pud_used st (vm_pud_used st)) (pt_mem st) = st.
Proof. intros []. reflexivity. Qed.
Lemma alloc_eta2 : forall st, update_RData_pt_mem (update_RData_vm_pmd_used st (vm_pmd_used st)) (pt_mem st) = st.
Proof. intros []. reflexivity. Qed.
Lemma alloc_eta3 : forall st, update_RData_pt_mem (update_RData_vm_pte_used st (vm_pte_used st)) (pt_mem st) = st.
Proof. intros []. reflexivity. Qed.


(** VM v's table memory and counters, in the library's terms. *)
Definition vm_tables (st : RData) (v : Z) (A : amap) (t1 t2 t3 : ZMap.t bool) : Prop :=
  s2_rel (vm_pool_start st @ v) (s2_cap3_of v) (vm_pud_used st @ v) (vm_pmd_used st @ v) (vm_pte_used st @ v)
    (pt_mem st) A /\ s2_shape (vm_pool_start st @ v) (pt_mem st) t1 t2 t3.

(** Writes inside VM v's pool only. *)
Definition in_pool_only (st st' : RData) (v : Z) : Prop :=
  forall a, a < vm_pool_start st @ v \/ vm_pool_start st @ v + 2097152 + 4096 * s2_cap3_of v <= a ->
    pt_mem st' @ a = pt_mem st @ a.

(** The end of a step that linked table [c]: the step's facts on the new state, the words outside
    VM v's pool unchanged, and VM v's tables in the library's terms. *)
Ltac link_close c Hm HR' HS' :=
  split; [|split; [intros ? ?; cbn; rewrite ZMap.gso by lia; reflexivity
                 | unfold vm_tables; cbn; rewrite ZMap.gss; split; [exact HR' | exact HS']]];
  unfold s2_step_ok, lock_held in *; cbn; rewrite !ZMap.gss; repeat split; try lia; auto;
  rewrite ZMap.gsspec; match goal with |- context [if ?b then _ else _] =>
    destruct b; [unfold c; lia | match goal with |- context [pt_mem _ @ ?a] => pose proof (Hm a); lia end] end.

Lemma pgd_step : forall ls v va A t1 t2 t3 root,
  s2_step_ok ls v -> 0 <= va < 2 ^ 48 -> oa root = vm_pool_start ls @ v -> vm_tables ls v A t1 t2 t3 ->
  (t1 @ (va / 2 ^ 39) = true \/ vm_pud_used ls @ v < 16) ->
  exists d m, walk_pgd_spec v root va 1 ls = Some (d, update_RData_pt_mem (l_alloc1 v (t1 @ (va / 2 ^ 39)) ls) m) /\
    0 <= d < 2 ^ 64 /\
    let ls1 := update_RData_pt_mem (l_alloc1 v (t1 @ (va / 2 ^ 39)) ls) m in
    reach s2 (s2_mem (pt_mem ls1)) 1 (vm_pool_start ls1 @ v) va = Some (oa d) /\ s2_step_ok ls1 v /\ in_pool_only ls ls1 v /\
    vm_tables ls1 v A (if t1 @ (va / 2 ^ 39) then t1 else t1 # (va / 2 ^ 39) == true) t2 t3.
Proof.
  intros ls v va A t1 t2 t3 root Hok Hva Hroot [HR HS] Hroom.
  pose proof Hok as (H0 & Hl & Hs & Ha & Ht & Hn1 & Hn2 & Hn3 & Hm). pose proof (s2_cap3_cases v) as Hc3.
  pose proof (walk_pgd_alloc ls v root va Hok Hva ltac:(lia) ltac:(lia)) as E. cbv zeta in E. unfold alloc_step in E.
  rewrite Hroot in E.
  pose proof (s2_shape_1 _ _ _ _ _ va HS Hva) as S1. rewrite s2_idx0 in S1.
  pose proof (field_range 39 9 va ltac:(lia)) as Hf. change (2 ^ 9) with 512 in Hf.
  destruct (t1 @ (va / 2 ^ 39)) eqn:T1; unfold l_alloc1.
  - destruct (Z.eqb_spec (oa (pt_mem ls @ (vm_pool_start ls @ v + 8 * field 39 9 va))) 0) as [Z0|Z0];
      [discriminate S1|]. rewrite E.
    exists (pt_mem ls @ (vm_pool_start ls @ v + 8 * field 39 9 va)), (pt_mem ls). rewrite !alloc_eta1.
    split; [reflexivity|]. split; [apply Hm|].
    split; [apply (s2_reach_addr _ 0 _ va _ ltac:(lia) (s2_reach_root _ _ _)); rewrite s2_idx0; exact Z0|].
    split; [exact Hok|]. split; [intros a _; reflexivity|]. split; assumption.
  - destruct (Z.eqb_spec (oa (pt_mem ls @ (vm_pool_start ls @ v + 8 * field 39 9 va))) 0) as [Z0|Z0];
      [|discriminate S1]. destruct Hroom as [Hroom|Hroom]; [discriminate|].
    rewrite E. apply Z.ltb_lt in Hroom. rewrite Hroom. apply Z.ltb_lt in Hroom.
    set (c := vm_pool_start ls @ v + 4096 + 4096 * (vm_pud_used ls @ v)).
    assert (Hca : c mod 4096 = 0) by (apply c_aligned; auto).
    eexists _, _. split; [reflexivity|]. split; [unfold c; lia|].
    destruct (s2_rel_link1 _ _ _ _ _ _ _ va HR ltac:(rewrite s2_idx0; exact Z0) Hroom) as [HR' Hr'].
    pose proof (s2_shape_link1 _ _ _ _ _ _ _ va t1 t2 t3 HR ltac:(rewrite s2_idx0; exact Z0) Hroom Hva HS) as HS'.
    rewrite s2_idx0 in HR', Hr', HS'.
    split; [rewrite oa_add_low, oa_id by (first [exact Hca | unfold c; lia]); exact Hr'|].
    link_close c Hm HR' HS'.
Qed.

(** A table the walk reaches lies in the VM's pool. *)
Lemma s2_reach_in_pool : forall start cap3 n1 n2 n3 m A k va t, s2_rel start cap3 n1 n2 n3 m A ->
  reach s2 (s2_mem m) k start va = Some t ->
  start <= t /\ t + 4096 <= start + 2097152 + 4096 * cap3 /\ t mod 4096 = 0.
Proof.
  intros start cap3 n1 n2 n3 m A k va t HR Hr. pose proof HR as (HL & Hc & HT & HK & HM).
  pose proof (reach_used s2 s2_ok _ _ _ HT k start va t (s2_root_used _ _ _ _) Hr) as Hu.
  pose proof (tr_pool _ _ _ _ HT _ _ Hu) as Hp. pose proof (s2_pool_addr _ _ _ _ HL Hp) as (_ & _ & Ha).
  unfold s2_pool, bump_pool in Hp. pose proof (bump_range _ 4096 ltac:(lia) _ _ Hp).
  destruct HL. destruct k as [|[|[|[|k]]]]; cbn in *; lia.
Qed.

Lemma pud_step : forall ls v va A t1 t2 t3 d t,
  s2_step_ok ls v -> 0 <= va < 2 ^ 48 -> vm_tables ls v A t1 t2 t3 ->
  reach s2 (s2_mem (pt_mem ls)) 1 (vm_pool_start ls @ v) va = Some t -> oa d = t ->
  (t2 @ (va / 2 ^ 30) = true \/ vm_pmd_used ls @ v < 495) ->
  exists d' m, walk_pud_spec v d va 1 ls = Some (d', update_RData_pt_mem (l_alloc2 v (t2 @ (va / 2 ^ 30)) ls) m) /\
    0 <= d' < 2 ^ 64 /\
    let ls2 := update_RData_pt_mem (l_alloc2 v (t2 @ (va / 2 ^ 30)) ls) m in
    reach s2 (s2_mem (pt_mem ls2)) 2 (vm_pool_start ls2 @ v) va = Some (oa d') /\ s2_step_ok ls2 v /\ in_pool_only ls ls2 v /\
    vm_tables ls2 v A t1 (if t2 @ (va / 2 ^ 30) then t2 else t2 # (va / 2 ^ 30) == true) t3.
Proof.
  intros ls v va A t1 t2 t3 d t Hok Hva [HR HS] Hr Hd Hroom.
  pose proof Hok as (H0 & Hl & Hs & Ha & Ht & Hn1 & Hn2 & Hn3 & Hm). pose proof (s2_cap3_cases v) as Hc3.
  pose proof (s2_reach_in_pool _ _ _ _ _ _ _ _ _ _ HR Hr) as (Ht0 & Ht1 & Hta).
  pose proof (walk_pud_alloc ls v d va Hok Hva ltac:(lia) ltac:(lia)) as E. cbv zeta in E. unfold alloc_step in E.
  rewrite Hd in E.
  pose proof (s2_shape_2 _ _ _ _ _ va t HS Hva Hr) as S2. rewrite s2_idx1 in S2.
  pose proof (field_range 30 9 va ltac:(lia)) as Hf. change (2 ^ 9) with 512 in Hf.
  destruct (t2 @ (va / 2 ^ 30)) eqn:T2; unfold l_alloc2.
  - destruct (Z.eqb_spec (oa (pt_mem ls @ (t + 8 * field 30 9 va))) 0) as [Z0|Z0]; [discriminate S2|]. rewrite E.
    exists (pt_mem ls @ (t + 8 * field 30 9 va)), (pt_mem ls). rewrite !alloc_eta2.
    split; [reflexivity|]. split; [apply Hm|].
    split; [apply (s2_reach_addr _ 1 _ va _ ltac:(lia) Hr); rewrite s2_idx1; exact Z0|].
    split; [exact Hok|]. split; [intros a _; reflexivity|]. split; assumption.
  - destruct (Z.eqb_spec (oa (pt_mem ls @ (t + 8 * field 30 9 va))) 0) as [Z0|Z0]; [|discriminate S2].
    destruct Hroom as [Hroom|Hroom]; [discriminate|].
    rewrite E. apply Z.ltb_lt in Hroom. rewrite Hroom. apply Z.ltb_lt in Hroom.
    set (c := vm_pool_start ls @ v + 69632 + 4096 * (vm_pmd_used ls @ v)).
    assert (Hca : c mod 4096 = 0) by (apply c_aligned; auto).
    eexists _, _. split; [reflexivity|]. split; [unfold c; lia|].
    destruct (s2_rel_link2 _ _ _ _ _ _ _ va t HR Hr ltac:(rewrite s2_idx1; exact Z0) Hroom) as [HR' Hr'].
    pose proof (s2_shape_link2 _ _ _ _ _ _ _ va t t1 t2 t3 HR Hr ltac:(rewrite s2_idx1; exact Z0) Hroom Hva HS) as HS'.
    rewrite s2_idx1 in HR', Hr', HS'.
    split; [rewrite oa_add_low, oa_id by (first [exact Hca | unfold c; lia]); exact Hr'|].
    link_close c Hm HR' HS'.
Qed.

(** Level 2 towards a page ([alloc = 1]): where no block maps the region, the entry is a table
    or a fresh one is linked; either way the walk goes on to a level-3 table. *)
Lemma pmd_step : forall ls v va A t1 t2 t3 d t,
  s2_step_ok ls v -> 0 <= va < 2 ^ 48 -> vm_tables ls v A t1 t2 t3 ->
  reach s2 (s2_mem (pt_mem ls)) 2 (vm_pool_start ls @ v) va = Some t -> oa d = t ->
  A 2%nat (va / 2 ^ 21) = None ->
  (t3 @ (va / 2 ^ 21) = true \/ vm_pte_used ls @ v < s2_cap3_of v) ->
  exists d' m, walk_pmd_spec v d va 1 ls = Some (d', update_RData_pt_mem (l_alloc3 v (t3 @ (va / 2 ^ 21)) ls) m) /\
    0 <= d' < 2 ^ 64 /\ low 2 d' = 3 /\
    let ls3 := update_RData_pt_mem (l_alloc3 v (t3 @ (va / 2 ^ 21)) ls) m in
    reach s2 (s2_mem (pt_mem ls3)) 3 (vm_pool_start ls3 @ v) va = Some (oa d') /\ s2_step_ok ls3 v /\ in_pool_only ls ls3 v /\
    vm_tables ls3 v A t1 t2 (if t3 @ (va / 2 ^ 21) then t3 else t3 # (va / 2 ^ 21) == true).
Proof.
  intros ls v va A t1 t2 t3 d t Hok Hva [HR HS] Hr Hd Hblk Hroom.
  pose proof Hok as (H0 & Hl & Hs & Ha & Ht & Hn1 & Hn2 & Hn3 & Hm). pose proof (s2_cap3_cases v) as Hc3.
  pose proof (s2_reach_in_pool _ _ _ _ _ _ _ _ _ _ HR Hr) as (Ht0 & Ht1 & Hta).
  pose proof (walk_pmd_alloc ls v d va Hok Hva ltac:(lia) ltac:(lia)) as E. cbv zeta in E. unfold alloc_step in E.
  rewrite Hd in E.
  pose proof (s2_shape_3 _ _ _ _ _ va t HS Hva Hr) as S3. rewrite s2_idx2, s2_is_tbl2 in S3.
  pose proof (field_range 21 9 va ltac:(lia)) as Hf. change (2 ^ 9) with 512 in Hf.
  (* no block: the entry is not a leaf *)
  assert (NL : dec s2 2 (s2_mem (pt_mem ls) 2%nat t (idx s2 2 va)) <> KLeaf).
  { destruct HR as (HL & Hc & HT & HK & HM).
    apply (meaning_no_leaf s2 pt_id _ _ A va 2 t HM ltac:(apply s2_in_va; exact Hva) ltac:(cbn; lia) Hr).
    rewrite s2_key2. exact Hblk. }
  rewrite s2_mem_get, s2_dec2, s2_idx2 in NL. unfold dec_block in NL.
  destruct (t3 @ (va / 2 ^ 21)) eqn:T3; unfold l_alloc3.
  - symmetry in S3. apply andb_true_iff in S3. destruct S3 as [L3 Z0]. apply Z.eqb_eq in L3.
    apply negb_true_iff, Z.eqb_neq in Z0. apply Z.eqb_neq in Z0. rewrite Z0 in E. rewrite E.
    exists (pt_mem ls @ (t + 8 * field 21 9 va)), (pt_mem ls). rewrite !alloc_eta3.
    split; [reflexivity|]. split; [apply Hm|]. split; [exact L3|].
    split; [apply (s2_reach_tbl2 _ _ va _ Hr); rewrite s2_idx2; [exact L3 | apply Z.eqb_neq; exact Z0]|].
    split; [exact Hok|]. split; [intros a _; reflexivity|]. split; assumption.
  - (* not a table, not a leaf: empty, so zero address bits: a fresh table is linked *)
    assert (K : dec_block (pt_mem ls @ (t + 8 * field 21 9 va)) = KNone).
    { unfold dec_block. destruct (low 2 _ =? 3) eqn:L.
      - destruct (oa _ =? 0) eqn:O; [reflexivity|]. exfalso. revert S3. rewrite ?L, ?O. cbn. discriminate.
      - destruct (pt_mem ls @ (t + 8 * field 21 9 va) =? 0); [reflexivity | contradiction]. }
    assert (Z0 : oa (pt_mem ls @ (t + 8 * field 21 9 va)) = 0).
    { pose proof (s2_code_empty _ _ _ _ _ _ A va 2 t HR ltac:(lia) Hr ltac:(rewrite s2_dec2, s2_idx2; exact K)) as Z.
      rewrite s2_idx2 in Z. rewrite Z. reflexivity. }
    destruct Hroom as [Hroom|Hroom]; [discriminate|].
    rewrite Z0 in E. rewrite E. apply Z.ltb_lt in Hroom. rewrite Hroom. apply Z.ltb_lt in Hroom.
    set (c := vm_pool_start ls @ v + 2097152 + 4096 * (vm_pte_used ls @ v)).
    assert (Hca : c mod 4096 = 0) by (apply c_aligned; auto).
    eexists _, _. split; [reflexivity|]. split; [unfold c; lia|].
    split; [rewrite low_add_aligned by (first [lia | apply aligned_4; exact Hca | cbn; lia]); reflexivity|].
    destruct (s2_rel_link3 _ _ _ _ _ _ _ va t HR Hr ltac:(rewrite s2_idx2; exact K) Hroom) as [HR' Hr'].
    pose proof (s2_shape_link3 _ _ _ _ _ _ _ va t t1 t2 t3 HR Hr ltac:(rewrite s2_idx2; exact K) Hroom Hva HS) as HS'.
    rewrite s2_idx2 in HR', Hr', HS'.
    split; [rewrite oa_add_low, oa_id by (first [exact Hca | unfold c; lia]); exact Hr'|].
    link_close c Hm HR' HS'.
Qed.

Lemma orbit_range : forall n d, 0 <= n < 64 -> 0 <= d < 2 ^ 64 -> 0 <= orbit n d < 2 ^ 64.
Proof. intros n d Hn Hd. rewrite <- i_orbit by lia. unfold ior, wrap. apply Z.mod_pos_bound. lia. Qed.

(** The leaf writes: a block at level 2 (where no level-3 table is), a page at level 3. *)
Lemma block_set : forall ls v va blk pg t1 t2 t3 d t pte,
  s2_step_ok ls v -> 0 <= va < 2 ^ 48 -> vm_tables ls v (s2_amap blk pg) t1 t2 t3 ->
  reach s2 (s2_mem (pt_mem ls)) 2 (vm_pool_start ls @ v) va = Some t -> oa d = t ->
  t3 @ (va / 2 ^ 21) = false -> 0 <= pte < 2 ^ 64 -> low 2 pte <> 3 ->
  let a := t + 8 * field 21 9 va in
  walk_pmd_spec v d va 0 ls = Some (pt_mem ls @ a, ls) /\ low 2 (pt_mem ls @ a) <> 3 /\
  v_set_pmd_spec v d va pte ls = Some (update_RData_pt_mem ls (pt_mem ls # a == orbit 55 pte)) /\
  let ls' := update_RData_pt_mem ls (pt_mem ls # a == orbit 55 pte) in
  s2_step_ok ls' v /\ in_pool_only ls ls' v /\
  vm_tables ls' v (s2_amap (blk # (va / 2 ^ 21) == Some (orbit 55 pte)) pg) t1 t2 t3.
Proof.
  intros ls v va blk pg t1 t2 t3 d t pte Hok Hva [HR HS] Hr Hd T3 Hp Lp a.
  pose proof Hok as (H0 & Hl & Hs & Ha & Ht & Hn1 & Hn2 & Hn3 & Hm). pose proof (s2_cap3_cases v) as Hc3.
  pose proof (s2_reach_in_pool _ _ _ _ _ _ _ _ _ _ HR Hr) as (Ht0 & Ht1 & Hta).
  pose proof (field_range 21 9 va ltac:(lia)) as Hf. change (2 ^ 9) with 512 in Hf.
  pose proof (s2_shape_3 _ _ _ _ _ va t HS Hva Hr) as S3. rewrite s2_idx2, s2_is_tbl2, T3 in S3. fold a in S3.
  assert (La : low 2 (pt_mem ls @ a) <> 3).
  { intro L. pose proof (s2_code_tbl2 _ _ _ _ _ _ _ va t HR Hr ltac:(rewrite s2_idx2; exact L)) as N.
    rewrite s2_idx2 in N. fold a in N. rewrite L in S3. apply Z.eqb_neq in N. rewrite N in S3. discriminate. }
  split; [rewrite walk_pmd_get by (auto; lia); rewrite Hd; reflexivity|]. split; [exact La|].
  split; [rewrite v_set_pmd_eq by (auto; lia); rewrite Hd; reflexivity|].
  assert (Lo : low 2 (orbit 55 pte) <> 3) by (rewrite low_orbit by lia; exact Lp).
  destruct (s2_block_val pte ltac:(lia) Lp) as [Tv Vv].
  pose proof (s2_rel_set _ _ _ _ _ _ _ va 2 t (orbit 55 pte) HR Hva ltac:(lia) Hr
                ltac:(rewrite s2_idx2; apply s2_not_tbl2; exact La) Tv (s2_canon2 _ Lo)) as HR'.
  pose proof (s2_shape_set _ _ _ _ _ _ _ va 2 t (orbit 55 pte) t1 t2 t3 HR Hr
                ltac:(rewrite s2_idx2; apply s2_not_tbl2; exact La) Tv HS) as HS'.
  rewrite s2_idx2 in HR', HS'. fold a in HR', HS'. rewrite Vv, s2_key2 in HR'.
  split; [|split].
  - unfold s2_step_ok, lock_held in *; cbn. repeat split; try lia; auto.
    all: rewrite ZMap.gsspec; match goal with |- context [if ?b then _ else _] => destruct b end;
      [pose proof (orbit_range 55 pte ltac:(lia) Hp); lia | pose proof (Hm a0); lia].
  - intros b Hb. cbn. rewrite ZMap.gso by (unfold a; lia). reflexivity.
  - split; [|exact HS']. apply (s2_rel_ext _ _ _ _ _ _ _ _ (s2_amap_set2 blk pg _ _) HR').
Qed.

Lemma page_set : forall ls v va blk pg t1 t2 t3 t pte,
  s2_step_ok ls v -> 0 <= va < 2 ^ 48 -> vm_tables ls v (s2_amap blk pg) t1 t2 t3 ->
  reach s2 (s2_mem (pt_mem ls)) 3 (vm_pool_start ls @ v) va = Some t -> 0 <= pte < 2 ^ 64 ->
  forall d, oa d = t ->
  let a := t + 8 * field 12 9 va in
  v_set_pte_spec v d va pte ls = Some (update_RData_pt_mem ls (pt_mem ls # a == orbit 56 pte)) /\
  let ls' := update_RData_pt_mem ls (pt_mem ls # a == orbit 56 pte) in
  s2_step_ok ls' v /\ in_pool_only ls ls' v /\
  vm_tables ls' v (s2_amap blk (pg # (va / 2 ^ 12) == Some (orbit 56 pte))) t1 t2 t3.
Proof.
  intros ls v va blk pg t1 t2 t3 t pte Hok Hva [HR HS] Hr Hp d Hd a.
  pose proof Hok as (H0 & Hl & Hs & Ha & Ht & Hn1 & Hn2 & Hn3 & Hm). pose proof (s2_cap3_cases v) as Hc3.
  pose proof (s2_reach_in_pool _ _ _ _ _ _ _ _ _ _ HR Hr) as (Ht0 & Ht1 & Hta).
  pose proof (field_range 12 9 va ltac:(lia)) as Hf. change (2 ^ 9) with 512 in Hf.
  split; [rewrite v_set_pte_eq by (auto; lia); rewrite Hd; reflexivity|].
  destruct (s2_page_val pte ltac:(lia)) as [Tv Vv].
  pose proof (s2_rel_set _ _ _ _ _ _ _ va 3 t (orbit 56 pte) HR Hva ltac:(lia) Hr
                (s2_not_tbl3 _) Tv (s2_canon3 _)) as HR'.
  pose proof (s2_shape_set _ _ _ _ _ _ _ va 3 t (orbit 56 pte) t1 t2 t3 HR Hr (s2_not_tbl3 _) Tv HS) as HS'.
  rewrite s2_idx3 in HR', HS'. fold a in HR', HS'. rewrite Vv, s2_key3 in HR'.
  split; [|split].
  - unfold s2_step_ok, lock_held in *; cbn. repeat split; try lia; auto.
    all: rewrite ZMap.gsspec; match goal with |- context [if ?b then _ else _] => destruct b end;
      [pose proof (orbit_range 56 pte ltac:(lia) Hp); lia | pose proof (Hm a0); lia].
  - intros b Hb. cbn. rewrite ZMap.gso by (unfold a; lia). reflexivity.
  - split; [|exact HS']. apply (s2_rel_ext _ _ _ _ _ _ _ _ (s2_amap_set3 blk pg _ _) HR').
Qed.

(** ** The relation after `set_npt` *)

(** A change confined to VM v (its pool's words, its counters, its maps) keeps the relation for
    every other VM (disjoint pools) and for the words outside every pool. *)
Lemma s2pt_rel_vm : forall hs ls hs' ls' v,
  s2pt_rel hs ls -> 0 <= v <= 18 -> s2_forget hs' = s2_forget ls' ->
  pt_mem hs' = pt_mem hs -> vm_pool_start ls' = vm_pool_start ls -> (forall w, s2_root ls' w = s2_root ls w) ->
  (forall w, w <> v -> s2_blk hs' @ w = s2_blk hs @ w /\ s2_pg hs' @ w = s2_pg hs @ w /\
     s2_tbl1 hs' @ w = s2_tbl1 hs @ w /\ s2_tbl2 hs' @ w = s2_tbl2 hs @ w /\ s2_tbl3 hs' @ w = s2_tbl3 hs @ w /\
     vm_pud_used ls' @ w = vm_pud_used ls @ w /\ vm_pmd_used ls' @ w = vm_pmd_used ls @ w /\
     vm_pte_used ls' @ w = vm_pte_used ls @ w) ->
  in_pool_only ls ls' v -> (forall a, 0 <= pt_mem ls' @ a < 2 ^ 64) ->
  s2_vm_rel hs' ls' v -> s2pt_rel hs' ls'.
Proof.
  intros hs ls hs' ls' v (Hf & Hout & Hm & Hpo & Hvm) Hv Hf' Hpt Hps Hroot Hoth Hin Hm' Hvv.
  pose proof Hpo as (Hl & Hd).
  assert (Hpo' : s2_pools_ok ls') by (unfold s2_pools_ok in *; rewrite Hps; exact Hpo).
  unfold s2pt_rel. split; [exact Hf'|]. split; [|split; [exact Hm'|split; [exact Hpo'|]]].
  - intros a Ha. rewrite Hpt.
    assert (Ha' : forall w, 0 <= w -> w < 19 -> in_s2_pool ls w a = false)
      by (intros w Hw0 Hw1; specialize (Ha w Hw0 Hw1); unfold in_s2_pool in *; rewrite Hps in Ha; exact Ha).
    rewrite (Hout a Ha'). symmetry. apply Hin. specialize (Ha' v ltac:(lia) ltac:(lia)).
    unfold in_s2_pool, s2_pool_size in Ha'.
    apply andb_false_iff in Ha'. destruct Ha' as [Ha'|Ha']; [apply Z.leb_gt in Ha' | apply Z.ltb_ge in Ha']; lia.
  - intros w Hw0 Hw1. destruct (Z.eq_dec w v) as [->|Hne]; [exact Hvv|].
    destruct (Hvm w Hw0 Hw1) as (HR & HS & Hr). destruct (Hoth w Hne) as (B & P & T1 & T2 & T3 & N1 & N2 & N3).
    assert (Hag : forall a, vm_pool_start ls @ w <= a < vm_pool_start ls @ w + 2097152 + 4096 * s2_cap3_of w ->
                            pt_mem ls' @ a = pt_mem ls @ a).
    { intros a Ha. apply Hin. destruct (Hd v w ltac:(lia) ltac:(lia) Hw0 Hw1 ltac:(lia)) as [D|D];
        unfold s2_pool_size in D; lia. }
    unfold s2_vm_rel. rewrite Hps, N1, N2, N3, B, P, T1, T2, T3, Hroot.
    split; [|split].
    + exact (s2_rel_mem_ext _ _ _ _ _ _ _ _ Hag HR).
    + exact (s2_shape_mem_ext _ _ _ _ _ _ _ _ _ _ _ Hag HR HS).
    + exact Hr.
Qed.

(** The upper state's allocations as record updates (the fields they leave alone compute). *)
Lemma s2_alloc1_eq : forall v k st, s2_alloc1 v k st =
  update_RData_s2_tbl1 (l_alloc1 v (s2_tbl1 st @ v @ k) st)
    (if s2_tbl1 st @ v @ k then s2_tbl1 st else s2_tbl1 st # v == (s2_tbl1 st @ v # k == true)).
Proof. intros v k st. unfold s2_alloc1, l_alloc1. destruct (_ @ k); [destruct st; reflexivity | reflexivity]. Qed.
Lemma s2_alloc2_eq : forall v k st, s2_alloc2 v k st =
  update_RData_s2_tbl2 (l_alloc2 v (s2_tbl2 st @ v @ k) st)
    (if s2_tbl2 st @ v @ k then s2_tbl2 st else s2_tbl2 st # v == (s2_tbl2 st @ v # k == true)).
Proof. intros v k st. unfold s2_alloc2, l_alloc2. destruct (_ @ k); [destruct st; reflexivity | reflexivity]. Qed.
Lemma s2_alloc3_eq : forall v k st, s2_alloc3 v k st =
  update_RData_s2_tbl3 (l_alloc3 v (s2_tbl3 st @ v @ k) st)
    (if s2_tbl3 st @ v @ k then s2_tbl3 st else s2_tbl3 st # v == (s2_tbl3 st @ v # k == true)).
Proof. intros v k st. unfold s2_alloc3, l_alloc3. destruct (_ @ k); [destruct st; reflexivity | reflexivity]. Qed.

Lemma tbl_set_get : forall (T : ZMap.t (ZMap.t bool)) v k,
  (if T @ v @ k then T else T # v == (T @ v # k == true)) @ v = if T @ v @ k then T @ v else T @ v # k == true.
Proof. intros. destruct (T @ v @ k); [reflexivity | apply ZMap.gss]. Qed.
Lemma tbl_set_other : forall (T : ZMap.t (ZMap.t bool)) v k w, w <> v ->
  (if T @ v @ k then T else T # v == (T @ v # k == true)) @ w = T @ w.
Proof. intros. destruct (T @ v @ k); [reflexivity | apply ZMap.gso; auto]. Qed.
Lemma cnt_set_other : forall (N : ZMap.t Z) (b : bool) v w, w <> v ->
  (if b then N else N # v == N @ v + 1) @ w = N @ w.
Proof. intros. destruct b; [reflexivity | apply ZMap.gso; auto]. Qed.

Lemma ieq64_low2 : forall d, ieq 64 (low 2 d) 3 = (low 2 d =? 3).
Proof.
  intros d. unfold ieq. rewrite (wrap_small 64 (low 2 d)) by (unfold low; pose proof (Z.mod_pos_bound d (2 ^ 2)); lia).
  reflexivity.
Qed.

Lemma ieq32_2 : forall l, 0 <= l < 2 ^ 32 -> ieq 32 l 2 = (l =? 2).
Proof. intros l Hl. unfold ieq. rewrite wrap_small by lia. reflexivity. Qed.

Lemma forget_set2 : forall hs ls v k0 k1 m1 m2 m4 X, s2_forget hs = s2_forget ls ->
  s2_forget (update_RData_s2_blk (s2_alloc2 v k1 (s2_alloc1 v k0 hs)) X) =
  s2_forget (update_RData_pt_mem (update_RData_pt_mem (l_alloc2 v (s2_tbl2 hs @ v @ k1)
    (update_RData_pt_mem (l_alloc1 v (s2_tbl1 hs @ v @ k0) ls) m1)) m2) m4).
Proof.
  intros. rewrite s2_alloc2_eq, s2_alloc1_eq. destruct hs, ls; unfold s2_forget, l_alloc1, l_alloc2 in *; cbn in *.
  injection H; intros; subst. reflexivity.
Qed.

Lemma forget_set3 : forall hs ls v k0 k1 k2 m1 m2 m3 m4 X, s2_forget hs = s2_forget ls ->
  s2_forget (update_RData_s2_pg (s2_alloc3 v k2 (s2_alloc2 v k1 (s2_alloc1 v k0 hs))) X) =
  s2_forget (update_RData_pt_mem (update_RData_pt_mem (l_alloc3 v (s2_tbl3 hs @ v @ k2)
    (update_RData_pt_mem (l_alloc2 v (s2_tbl2 hs @ v @ k1)
      (update_RData_pt_mem (l_alloc1 v (s2_tbl1 hs @ v @ k0) ls) m1)) m2)) m3) m4).
Proof.
  intros. rewrite s2_alloc3_eq, s2_alloc2_eq, s2_alloc1_eq.
  destruct hs, ls; unfold s2_forget, l_alloc1, l_alloc2, l_alloc3 in *; cbn in *.
  injection H; intros; subst. reflexivity.
Qed.

(** Closing a `set_npt` case: the relation for the final states, from VM v's tables. *)
Ltac set_npt_close HR v forget_lemma :=
  eapply (s2pt_rel_vm _ _ _ _ v HR); [ lia | apply forget_lemma; assumption
  | rewrite ?s2_alloc3_eq, ?s2_alloc2_eq, ?s2_alloc1_eq; reflexivity | reflexivity | intros; reflexivity
  | intros w Hne; rewrite ?s2_alloc3_eq, ?s2_alloc2_eq, ?s2_alloc1_eq; cbn;
    rewrite ?ZMap.gso, ?tbl_set_other, ?cnt_set_other by auto; repeat split
  | | | ].

(** The root `get_pt_vttbr` reads, under the VM's table lock. *)
Lemma get_root : forall ls v, 0 <= v <= 18 -> lock_held ls (lock_pt v) = true ->
  get_pt_vttbr_spec v ls = Some (wrap 64 (s2_root ls v), ls).
Proof.
  intros ls v Hv Hl. unfold get_pt_vttbr_spec, s2_root. destruct (v <? 18) eqn:L.
  - unfold lock_held, lock_pt in Hl. rewrite ?Hl. cbn [orb andb]. rewrite ?Hl. reflexivity.
  - unfold iasm_get_pt_vttbr_0_spec; asm_open get_reg set_reg; cbn;
      unfold wrap; asm_pow_literals; rewrite !Zmod_mod; reflexivity.
Qed.

(** `set_npt`'s code against its spec: the walk allocates exactly where the upper state's table
    maps say a table is missing, then writes the leaf; the relation holds after. *)
Theorem set_npt_refines : forall v va lvl pte hs hs' ls,
  in_urange 32 v = true -> in_urange 32 lvl = true ->
  set_npt_spec v va lvl pte hs = Some hs' -> s2pt_rel hs ls ->
  exists ls', set_npt_spec_low v va lvl pte ls = Some ls' /\ s2pt_rel hs' ls'.
Proof.
  intros v va lvl pte hs hs' ls Uv Ul Hspec HR.
  unfold in_urange in Uv, Ul. apply andb_true_iff in Uv, Ul. destruct Uv as [Uv0 Uv1], Ul as [Ul0 Ul1].
  apply Z.leb_le in Uv0, Ul0. apply Z.ltb_lt in Uv1, Ul1.
  unfold set_npt_spec in Hspec. destruct (set_npt_pre v va lvl pte hs) eqn:Pre; [|discriminate].
  unfold set_npt_pre in Pre. repeat rewrite andb_true_iff in Pre.
  destruct Pre as (((((((((P1 & P2) & P3) & P4) & P5) & P6) & P7) & P8) & P9) & P10).
  apply Z.leb_le in P1, P3, P6. apply Z.ltb_lt in P4, P7. apply negb_true_iff, Z.eqb_neq in P5.
  change 549755813888 with (2 ^ 39) in *. change 1073741824 with (2 ^ 30) in *. change 2097152 with (2 ^ 21) in Hspec, P10.
  pose proof HR as (Hf & Hout & Hm & Hpo & Hvm).
  destruct (forget_eq _ _ Hf) as (Hlk & Hcpu & Hvt & Hsr & Hps).
  destruct (forget_counters _ _ Hf) as (Hn1 & Hn2 & Hn3).
  assert (Hroot : s2_root hs v = s2_root ls v) by (unfold s2_root; rewrite Hvt, Hsr; reflexivity).
  rewrite Hroot in P5.
  destruct (Hvm v ltac:(lia) ltac:(lia)) as (HRv & HSv & [(R0 & _) | (_ & Ho)]); [contradiction|].
  assert (Hok : s2_step_ok ls v).
  { pose proof Hpo as (Hl & _). destruct (Hl v ltac:(lia) ltac:(lia)) as [[Hal Hpos _ _] Htop].
    pose proof HRv as (_ & Hcnt & _). unfold s2_counts, s2_pool_size in *.
    refine (conj _ (conj _ (conj _ (conj _ (conj _ (conj _ (conj _ (conj _ Hm)))))))); try lia; auto.
    unfold lock_held, lock_pt in *. rewrite <- Hlk, <- Hcpu. exact P2. }
  assert (Hva : 0 <= va < 2 ^ 48) by lia.
  assert (Hpte : 0 <= pte < 2 ^ 64) by lia.
  unfold set_npt_spec_low.
  rewrite (get_root ls v) by (try lia; destruct Hok as (_ & Hl & _); exact Hl). cbv beta iota zeta.
  (* level 0: the root's entry *)
  assert (Room1 : s2_tbl1 hs @ v @ (va / 2 ^ 39) = true \/ vm_pud_used ls @ v < 16)
    by (rewrite <- Hn1; apply orb_true_iff in P8; destruct P8 as [X|X]; [left | right; apply Z.ltb_lt]; exact X).
  destruct (pgd_step ls v va _ _ _ _ (wrap 64 (wrap 64 (s2_root ls v))) Hok Hva
              ltac:(rewrite !oa_wrap64; exact Ho) (conj HRv HSv) Room1)
    as (d1 & m1 & E1 & Hd1 & Hrest1).
  cbv zeta in Hrest1. destruct Hrest1 as (Hr1 & Hok1 & Hin1 & Hvt1).
  rewrite E1. cbv beta iota zeta. rewrite (wrap_small 64 d1) by lia.
  (* level 1 *)
  assert (Room2 : s2_tbl2 hs @ v @ (va / 2 ^ 30) = true \/ vm_pmd_used ls @ v < 495)
    by (rewrite <- Hn2; apply orb_true_iff in P9; destruct P9 as [X|X]; [left | right; apply Z.ltb_lt]; exact X).
  destruct (pud_step _ v va _ _ _ _ d1 (oa d1) Hok1 Hva Hvt1 Hr1 eq_refl Room2)
    as (d2 & m2 & E2 & Hd2 & Hrest2).
  cbv zeta in Hrest2. destruct Hrest2 as (Hr2 & Hok2 & Hin2 & Hvt2).
  rewrite E2. cbv beta iota zeta. rewrite (wrap_small 64 d2) by lia.
  rewrite (ieq32_2 lvl) by lia.
  destruct (Z.eqb_spec lvl 2) as [L2|L2].
  - (* a block *)
    subst lvl. cbn [Z.eqb Pos.eqb] in Hspec, P10. apply andb_true_iff in P10. destruct P10 as [T3 Lp].
    apply negb_true_iff in T3, Lp. apply Z.eqb_neq in Lp.
    destruct (block_set _ v va _ _ _ _ _ d2 (oa d2) pte Hok2 Hva Hvt2 Hr2 eq_refl T3 Hpte Lp)
      as (Ew & La & Es & Hrest4).
    cbv zeta in Hrest4. destruct Hrest4 as (Hok4 & Hin4 & Hvt4).
    rewrite Ew. cbv beta iota zeta.
    rewrite (wrap_small 64 (pt_mem _ @ _)) by (destruct Hok2 as (_ & _ & _ & _ & _ & _ & _ & _ & Hw); apply Hw).
    rewrite i_land3, ieq64_low2.
    match goal with |- context [low 2 ?e =? 3] => destruct (Z.eqb_spec (low 2 e) 3) as [X|_]; [contradiction|] end.
    rewrite Es. eexists; split; [reflexivity|].
    inversion Hspec; subst hs'. clear Hspec.
    set_npt_close HR v forget_set2.
    + intros a Ha. rewrite (Hin4 a Ha), (Hin2 a Ha), (Hin1 a Ha). reflexivity.
    + destruct Hok4 as (_ & _ & _ & _ & _ & _ & _ & _ & Hw). exact Hw.
    + unfold s2_vm_rel. rewrite s2_alloc2_eq, s2_alloc1_eq. cbn [s2_blk s2_pg s2_tbl1 s2_tbl2 s2_tbl3
        update_RData_s2_blk update_RData_s2_tbl1 update_RData_s2_tbl2 l_alloc1 l_alloc2
        update_RData_vm_pud_used update_RData_vm_pmd_used].
      rewrite ZMap.gss, !tbl_set_get. destruct Hvt4 as [HR4 HS4].
      split; [exact HR4|]. split; [exact HS4|]. right. split; [exact P5 | exact Ho].
  - (* a page *)
    destruct (lvl =? 2) eqn:X; [apply Z.eqb_eq in X; contradiction|].
    apply andb_true_iff in P10. destruct P10 as [Room3 B].
    destruct (s2_blk hs @ v @ (va / 2 ^ 21)) eqn:Bk; [discriminate|].
    assert (Room3' : s2_tbl3 hs @ v @ (va / 2 ^ 21) = true \/ vm_pte_used ls @ v < s2_cap3_of v)
      by (rewrite <- Hn3; apply orb_true_iff in Room3; destruct Room3 as [Y|Y]; [left | right; apply Z.ltb_lt]; exact Y).
    destruct (pmd_step _ v va _ _ _ _ d2 (oa d2) Hok2 Hva Hvt2 Hr2 eq_refl Bk Room3')
      as (d3 & m3 & E3 & Hd3 & L3 & Hrest3).
    cbv zeta in Hrest3. destruct Hrest3 as (Hr3 & Hok3 & Hin3 & Hvt3).
    rewrite E3. cbv beta iota zeta. rewrite (wrap_small 64 d3) by lia.
    rewrite i_land3, ieq64_low2, L3, Z.eqb_refl.
    destruct (page_set _ v va _ _ _ _ _ (oa d3) pte Hok3 Hva Hvt3 Hr3 Hpte d3 eq_refl) as (Es & Hrest4).
    cbv zeta in Hrest4. destruct Hrest4 as (Hok4 & Hin4 & Hvt4).
    rewrite Es. eexists; split; [reflexivity|].
    inversion Hspec; subst hs'. clear Hspec.
    set_npt_close HR v forget_set3.
    + intros a Ha. rewrite (Hin4 a Ha), (Hin3 a Ha), (Hin2 a Ha), (Hin1 a Ha). reflexivity.
    + destruct Hok4 as (_ & _ & _ & _ & _ & _ & _ & _ & Hw). exact Hw.
    + unfold s2_vm_rel. rewrite s2_alloc3_eq, s2_alloc2_eq, s2_alloc1_eq. cbn [s2_blk s2_pg s2_tbl1 s2_tbl2 s2_tbl3
        update_RData_s2_pg update_RData_s2_tbl1 update_RData_s2_tbl2 update_RData_s2_tbl3 l_alloc1 l_alloc2 l_alloc3
        update_RData_vm_pud_used update_RData_vm_pmd_used update_RData_vm_pte_used].
      rewrite ZMap.gss, !tbl_set_get. destruct Hvt4 as [HR4 HS4].
      split; [exact HR4|]. split; [exact HS4|]. right. split; [exact P5 | exact Ho].
Qed.

(* The stage-2 tree layer's RefProofs (Proofs/smmupt.v's `ref_user` dispatches here). *)
Ltac s2_ref_user hspec lspec R :=
  lazymatch hspec with
  | walk_npt_spec =>
      match goal with
      | H : walk_npt_spec ?v ?va ?hs = Some _, HR : R ?hs ?ls |- _ =>
          let HR' := fresh "HR" in
          pose proof HR as HR'; unfold R, s2pt_rel in HR';
          destruct HR' as (Hf & _); apply forget_eq in Hf; destruct Hf as (Hlk & Hcpu & _ & _ & _);
          unfold walk_npt_spec, walk_npt_pre in H; destruct_spec H; unfold in_urange in *;
          repeat match goal with Hc : (_ && _) = true |- _ => apply andb_true_iff in Hc; destruct Hc end;
          exists ls; split; [ | exact HR ];
          unfold lspec;
          let E0 := fresh "E0" in
          assert (E0 : get_pt_vttbr_spec v ls = Some (wrap 64 (s2_root ls v), ls))
            by s2_root_read v ls;
          rewrite E0; cbv beta iota zeta; s2_walk_steps;
          (* the code's walk, then the relation's lookup *)
          transitivity (Some (kwalk (pt_mem ls) (wrap 64 (wrap 64 (s2_root ls v))) va, ls));
          [ unfold kwalk; cbv zeta; destruct (ieq 64 _ 3); reflexivity
          | f_equal; f_equal; apply walk_npt_lookup; [exact HR | lia | lia] ]
      end
  | set_npt_spec => eapply set_npt_refines; eassumption
  | init_npt_spec =>
      match goal with
      | H : init_npt_spec ?v ?hs = Some _, HR : R ?hs ?ls |- _ =>
          let HR' := fresh "HR" in
          pose proof HR as HR'; unfold R, s2pt_rel in HR';
          destruct HR' as (Hf & _); apply forget_eq in Hf; destruct Hf as (Hlk & Hcpu & Hvt & Hsr & Hps);
          assert (Hroot : s2_root hs v = s2_root ls v) by (unfold s2_root; rewrite Hvt, Hsr; reflexivity);
          unfold init_npt_spec, init_npt_pre in H; rewrite Hroot in H; destruct_spec H; unfold in_urange in *;
          repeat match goal with Hc : (_ && _) = true |- _ => apply andb_true_iff in Hc; destruct Hc end;
          unfold lspec;
          let E0 := fresh "E0" in
          assert (E0 : get_pt_vttbr_spec v ls = Some (wrap 64 (s2_root ls v), ls)) by s2_root_read v ls;
          rewrite E0; cbv beta iota zeta; unfold R in HR; init_npt_low v ls
      end
  end.
Ltac ref_user hspec lspec R ::= s2_ref_user hspec lspec R.
