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
     fails in `S2PTTreeOps/walk_npt/RefProof.v`. *)
From Coq Require Import String ZArith List Bool Lia.
From AutoV Require Import All Build GenTactics.
From AutoV.PT Require Import PTDesc PTBits PTWalk PTTree PTRefine PTInstances PTTactics.
From SeKVM.S2PTTreeOps Require Import RefineRel.
Local Open Scope Z_scope.

(** * The initial state *)

Lemma boot_pool_starts_get : forall n v, 0 <= v < Z.of_nat n ->
  boot_pool_starts n @ v = 1073741824 + v * 33554432.
Proof.
  induction n as [|n IH]; intros v Hv; [lia|].
  cbn [boot_pool_starts]. rewrite ZMap.gsspec. destruct (Z.eqb_spec v (Z.of_nat n)) as [->|Hne].
  - reflexivity.
  - apply IH. lia.
Qed.

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
  - intros v Hv0 Hv1. destruct (Hl v ltac:(lia)) as [HL _]. split.
    + cbn [init_RData vm_pud_used vm_pmd_used vm_pte_used pt_mem s2_blk s2_pg]. rewrite !ZMap.gi.
      apply (s2_rel_ext _ _ _ _ _ _ aempty); [intros; apply s2_amap_empty|].
      apply s2_rel_init; [exact HL | intros; apply ZMap.gi].
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

Lemma walk_npt_lookup : forall hs ls v va, s2pt_rel hs ls -> 0 <= v <= 18 -> 0 <= va < 2 ^ 48 ->
  kwalk (pt_mem ls) (wrap 64 (wrap 64 (s2_root ls v))) va =
  s2_lookup (s2_amap (s2_blk hs @ v) (s2_pg hs @ v)) va.
Proof.
  intros hs ls v va (_ & _ & Hm & (Hl & _) & Hv) Hv18 Hva.
  destruct (Hv v ltac:(lia) ltac:(lia)) as [HR [(R0 & B & P) | (_ & Ho)]].
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
  destruct (Hv v ltac:(lia) ltac:(lia)) as [_ [(R0 & _) | (Rn & Ho)]].
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
  - intros w Hw0 Hw1. destruct (Hvm w Hw0 Hw1) as [Hrel Hroot]. split; [exact Hrel|].
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
          apply s2pt_rel_set_root; [assumption | lia | apply Z.eqb_eq; assumption]
      end
  end.

Ltac ref_user hspec lspec R ::=
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
