(* Hand-written part of the stage-2 tree layer's passthrough obligations for the SMMU's table code
   (PROJ_PROOFS of proof.v, copied by `autov build` into the generated project as
   Proofs/smmu_pass.v).

   Stage-2 and SMMU tables share the page-table memory `pt_mem`. The SMMU's table code lies below
   the stage-2 tree layer (S2PTTreeOps), whose relation hides the stage-2 pools' words, so each of
   its primitives that SmmuPTTreeOps calls passes through that relation
   (`S2PTTreeOps/<q>/PassRef.v`). The trusted `smmu_pt_load`/`smmu_pt_store`/`smmu_pt_clear` rely
   on their addresses lying outside every stage-2 pool (proof.v), so each such spec reads the same
   words above and below and writes outside the pools: `s2pass` runs the spec on both states and
   `walk_smmu_pgd_s2pass` ... `smmu_pt_clear_s2pass` are the five obligations (`pass_user`). *)
From Coq Require Import String ZArith List Bool Lia.
From AutoV Require Import All Build GenTactics.
From AutoV.PT Require Import PTDesc PTBits PTWalk PTTree PTRefine PTInstances PTShape PTSmmuShape PTTactics.
From SeKVM.S2PTTreeOps Require Import RefineRel.
From SeKVM.Proofs Require Import bottom s2pt.
Local Open Scope Z_scope.

(** * The SMMU's table code passing through the stage-2 tree layer *)

Lemma s2_forget_fields : forall hs ls, s2_forget hs = s2_forget ls ->
  locks hs = locks ls /\ cpu hs = cpu ls /\ smmu_pool_start hs = smmu_pool_start ls /\
  smmu_pgd_used hs = smmu_pgd_used ls /\ smmu_pmd_used hs = smmu_pmd_used ls /\
  vm_pool_start hs = vm_pool_start ls /\ smmu_ttbr hs = smmu_ttbr ls.
Proof.
  intros hs ls E. repeat split;
    [ apply (f_equal locks) in E | apply (f_equal cpu) in E | apply (f_equal smmu_pool_start) in E
    | apply (f_equal smmu_pgd_used) in E | apply (f_equal smmu_pmd_used) in E
    | apply (f_equal vm_pool_start) in E | apply (f_equal smmu_ttbr) in E ]; exact E.
Qed.

(* A key outside every pool is in none. *)
Lemma outside_not_in_pool : forall st k, outside_s2_pools (vm_pool_start st) k 1 = true ->
  forall v, 0 <= v -> v < 19 -> in_s2_pool st v k = false.
Proof.
  intros st k H v H0 H1. unfold outside_s2_pools in H.
  apply (outside_pools_below_iff (vm_pool_start st) k 1 (Z.to_nat 19)) with (v := v) in H; [|cbn; lia].
  unfold in_s2_pool. destruct (Z.leb_spec (vm_pool_start st @ v) k), (Z.ltb_spec k (vm_pool_start st @ v + s2_pool_size v)); cbn; auto; lia.
Qed.

Lemma s2pt_read_outside : forall hs ls k, s2pt_rel hs ls -> outside_s2_pools (vm_pool_start ls) k 1 = true ->
  pt_mem hs @ k = pt_mem ls @ k.
Proof. intros hs ls k (_ & Ho & _) H. apply Ho. apply outside_not_in_pool. exact H. Qed.

Lemma s2_forget_pt_mem : forall st m, s2_forget (update_RData_pt_mem st m) = s2_forget st.
Proof. intros [] m. reflexivity. Qed.
Lemma s2_forget_pgd : forall st x, s2_forget (update_RData_smmu_pgd_used st x) = update_RData_smmu_pgd_used (s2_forget st) x.
Proof. intros [] x. reflexivity. Qed.
Lemma s2_forget_pmd : forall st x, s2_forget (update_RData_smmu_pmd_used st x) = update_RData_smmu_pmd_used (s2_forget st) x.
Proof. intros [] x. reflexivity. Qed.

(* Page-table memory that changes the same way above and below, only outside every pool, with
   64-bit values, keeps the relation. *)
Lemma s2pt_rel_mem : forall hs ls mh ml, s2pt_rel hs ls ->
  (forall a, (forall v, 0 <= v -> v < 19 -> in_s2_pool ls v a = false) -> mh @ a = ml @ a) ->
  (forall a, (exists v, 0 <= v < 19 /\ in_s2_pool ls v a = true) -> ml @ a = pt_mem ls @ a) ->
  (forall a, 0 <= ml @ a < 2 ^ 64) ->
  s2pt_rel (update_RData_pt_mem hs mh) (update_RData_pt_mem ls ml).
Proof.
  intros hs ls mh ml (Hf & Ho & Hr & Hp & Hv) Hout Hin Hrange.
  unfold s2pt_rel. split; [rewrite !s2_forget_pt_mem; exact Hf|]. split; [exact Hout|].
  split; [exact Hrange|]. split; [exact Hp|].
  intros v Hv0 Hv1. destruct (Hv v Hv0 Hv1) as (HR & HS & Hroot). destruct Hp as [Hl _].
  destruct (Hl v Hv0 Hv1) as [HL _].
  assert (Hag : forall a, vm_pool_start ls @ v <= a < vm_pool_start ls @ v + 2097152 + 4096 * s2_cap3_of v ->
                  ml @ a = pt_mem ls @ a).
  { intros a Ha. apply Hin. exists v. split; [lia|]. unfold in_s2_pool, s2_pool_size.
    destruct (Z.leb_spec (vm_pool_start ls @ v) a), (Z.ltb_spec a (vm_pool_start ls @ v + (2097152 + 4096 * s2_cap3_of v))); cbn; auto; lia. }
  split; [|split].
  - exact (s2_rel_mem_ext _ _ _ _ _ _ _ _ Hag HR).
  - exact (s2_shape_mem_ext _ _ _ _ _ _ _ _ _ _ _ Hag HR HS).
  - exact Hroot.
Qed.

Ltac s2pass_reads H hs ls HR :=
  repeat match type of H with context [ZMap.get ?k (pt_mem hs)] =>
    match goal with Hk : outside_s2_pools (vm_pool_start ls) k 1 = true |- _ =>
      rewrite (s2pt_read_outside hs ls k HR Hk) in H end end.

(* The fields the relation equates, read on the upper state, become the lower state's. *)
Ltac s2pass_fields H hs ls :=
  repeat match goal with E : ?p hs = ?p ls |- _ => progress rewrite E in H end.

Ltac s2pass_cases H hs ls HR :=
  repeat (spec_cbn_in H; s2pass_fields H hs ls; s2pass_reads H hs ls HR;
    match type of H with
    | context [ match ?c with _ => _ end ] =>
        lazymatch c with context [ match _ with _ => _ end ] => fail | _ => idtac end;
        lazymatch c with context [ pt_mem hs ] => fail | _ => idtac end;
        let E := fresh "Hc" in destruct c eqn:E; try discriminate H
    end);
  spec_cbn_in H; s2pass_reads H hs ls HR; try discriminate H.

Ltac s2pass_open :=
  intros;
  match goal with HR : s2pt_rel ?hs ?ls |- _ =>
    let Hf := fresh in pose proof (proj1 HR) as Hf;
    let El := fresh in let Ec := fresh in let Ep := fresh in let Eg := fresh in let Em := fresh in
    let Ev := fresh in let Et := fresh in
    destruct (s2_forget_fields _ _ Hf) as (El & Ec & Ep & Eg & Em & Ev & Et); clear Hf;
    match goal with H : ?app = Some _ |- _ =>
      let f := head_of app in unfold f in H |- *;
      rewrite ?El, ?Ec, ?Ep, ?Eg, ?Em, ?Ev, ?Et in H;
      cbn -[ovf_add ovf_sub ovf_mul ovf_shl] in H |- *; rewrite ?Ev in H;
      s2pass_cases H hs ls HR
    end
  end.

(* `injection` on these specs' results is slow (it compares the two sides' terms). *)
Lemma some_pair_inj : forall {A B} (a c : A) (b d : B), Some (a, b) = Some (c, d) -> a = c /\ b = d.
Proof. intros A B a c b d H. injection H as <- <-. auto. Qed.

Lemma s2pt_rel_pgd : forall hs ls x, s2pt_rel hs ls ->
  s2pt_rel (update_RData_smmu_pgd_used hs x) (update_RData_smmu_pgd_used ls x).
Proof. intros hs ls x (Hf & H). split; [rewrite !s2_forget_pgd, Hf; reflexivity | destruct hs, ls; exact H]. Qed.

Lemma s2pt_rel_pmd : forall hs ls x, s2pt_rel hs ls ->
  s2pt_rel (update_RData_smmu_pmd_used hs x) (update_RData_smmu_pmd_used ls x).
Proof. intros hs ls x (Hf & H). split; [rewrite !s2_forget_pmd, Hf; reflexivity | destruct hs, ls; exact H]. Qed.

Lemma s2pt_rel_store : forall hs ls k v, s2pt_rel hs ls -> outside_s2_pools (vm_pool_start ls) k 1 = true -> 0 <= v < 2 ^ 64 ->
  s2pt_rel (update_RData_pt_mem hs (pt_mem hs # k == v)) (update_RData_pt_mem ls (pt_mem ls # k == v)).
Proof.
  intros hs ls k v HR Hk Hv. pose proof (outside_not_in_pool _ _ Hk) as Hn.
  apply s2pt_rel_mem; [exact HR | | | ].
  - intros a Ha. rewrite !ZMap.gsspec. destruct (a =? k); [reflexivity|]. destruct HR as (_ & Ho & _). apply Ho, Ha.
  - intros a (w & Hw & Hin). rewrite ZMap.gsspec. destruct (Z.eqb_spec a k) as [->|]; [|reflexivity].
    rewrite Hn in Hin by lia. discriminate.
  - intros a. rewrite ZMap.gsspec. destruct (a =? k); [lia|]. destruct HR as (_ & _ & Hr & _). apply Hr.
Qed.

Lemma s2pt_rel_clear : forall hs ls r, s2pt_rel hs ls -> outside_s2_pools (vm_pool_start ls) r 8192 = true ->
  s2pt_rel (update_RData_pt_mem hs (zero_bytes (pt_mem hs) r (Z.to_nat 8192)))
           (update_RData_pt_mem ls (zero_bytes (pt_mem ls) r (Z.to_nat 8192))).
Proof.
  intros hs ls r HR Hk. unfold outside_s2_pools in Hk. rewrite outside_pools_below_iff in Hk.
  apply s2pt_rel_mem; [exact HR | | | ].
  - intros a Ha. rewrite !zero_bytes_get. destruct (_ && _); [reflexivity|]. destruct HR as (_ & Ho & _). apply Ho, Ha.
  - intros a (w & Hw & Hin). rewrite zero_bytes_get, Z2Nat.id by lia.
    unfold in_s2_pool in Hin. apply andb_true_iff in Hin as [H1 H2]. apply Z.leb_le in H1. apply Z.ltb_lt in H2.
    specialize (Hk w ltac:(cbn; lia)).
    destruct (Z.leb_spec r a), (Z.ltb_spec a (r + 8192)); cbn; try reflexivity. lia.
  - intros a. rewrite zero_bytes_get. destruct (_ && _); [lia|]. destruct HR as (_ & _ & Hr & _). apply Hr.
Qed.

Lemma s2pt_rel_store' : forall hs ls k v mh ml, s2pt_rel hs ls -> mh = pt_mem hs -> ml = pt_mem ls ->
  outside_s2_pools (vm_pool_start ls) k 1 = true -> 0 <= v < 2 ^ 64 ->
  s2pt_rel (update_RData_pt_mem hs (mh # k == v)) (update_RData_pt_mem ls (ml # k == v)).
Proof. intros; subst; apply s2pt_rel_store; assumption. Qed.

Lemma s2pt_rel_clear' : forall hs ls r mh ml n1 n2, s2pt_rel hs ls -> mh = pt_mem hs -> ml = pt_mem ls ->
  n1 = Z.to_nat 8192 -> n2 = Z.to_nat 8192 -> outside_s2_pools (vm_pool_start ls) r 8192 = true ->
  s2pt_rel (update_RData_pt_mem hs (zero_bytes mh r n1)) (update_RData_pt_mem ls (zero_bytes ml r n2)).
Proof. intros; subst; apply s2pt_rel_clear; assumption. Qed.

(* The relation after the spec ran on both sides: the writes taken off one by one, outermost
   first, then the relation itself (matched syntactically: unifying two different states through
   the unfolded relation is what must never happen). *)
Ltac s2pass_rel :=
  repeat lazymatch goal with
  | |- s2pt_rel (update_RData_pt_mem _ (_ # _ == _)) _ =>
      eapply s2pt_rel_store'; [ | reflexivity | reflexivity | assumption | first [ apply wrap_range; lia | lia ] ]
  | |- s2pt_rel (update_RData_pt_mem _ (zero_bytes _ _ _)) _ =>
      eapply s2pt_rel_clear'; [ | reflexivity | reflexivity | reflexivity | reflexivity | assumption ]
  | |- s2pt_rel (update_RData_smmu_pgd_used _ _) _ => apply s2pt_rel_pgd
  | |- s2pt_rel (update_RData_smmu_pmd_used _ _) _ => apply s2pt_rel_pmd
  | |- s2pt_rel ?a ?b => match goal with H : s2pt_rel a b |- _ => exact H end
  end.

Ltac s2pass_close :=
  repeat match goal with Hc : (_ && _) = true |- _ => apply andb_true_iff in Hc; destruct Hc end;
  repeat match goal with H : Some _ = Some _ |- _ =>
    let Hr := fresh in let Hh := fresh in destruct (some_pair_inj _ _ _ _ H) as [Hr Hh]; clear H end;
  repeat match goal with H : Some _ = Some ?x |- _ => is_var x; injection H as H end;
  repeat match goal with H : _ = ?x |- _ => is_var x; subst x end;
  (* the lower side's conditions the case facts decide, once its states' fields are read *)
  cbn -[ovf_add ovf_sub ovf_mul ovf_shl];
  repeat match goal with
         | Hc : ?c = true |- context [ if ?c then _ else _ ] => rewrite Hc; cbn -[ovf_add ovf_sub ovf_mul ovf_shl]
         | Hc : ?c = false |- context [ if ?c then _ else _ ] => rewrite Hc; cbn -[ovf_add ovf_sub ovf_mul ovf_shl]
         end;
  eexists; split; [reflexivity|]; s2pass_rel.

Ltac s2pass := s2pass_open; s2pass_close.

Lemma walk_smmu_pgd_s2pass : forall a1 a2 a3 hs hs' ls r,
  walk_smmu_pgd_spec a1 a2 a3 hs = Some (r, hs') -> s2pt_rel hs ls ->
  exists ls', walk_smmu_pgd_spec a1 a2 a3 ls = Some (r, ls') /\ s2pt_rel hs' ls'.
Proof. s2pass. Qed.
Lemma walk_smmu_pmd_s2pass : forall a1 a2 a3 hs hs' ls r,
  walk_smmu_pmd_spec a1 a2 a3 hs = Some (r, hs') -> s2pt_rel hs ls ->
  exists ls', walk_smmu_pmd_spec a1 a2 a3 ls = Some (r, ls') /\ s2pt_rel hs' ls'.
Proof. s2pass. Qed.
Lemma walk_smmu_pte_s2pass : forall a1 a2 hs hs' ls r,
  walk_smmu_pte_spec a1 a2 hs = Some (r, hs') -> s2pt_rel hs ls ->
  exists ls', walk_smmu_pte_spec a1 a2 ls = Some (r, ls') /\ s2pt_rel hs' ls'.
Proof. s2pass. Qed.
Lemma set_smmu_pte_s2pass : forall a1 a2 a3 hs hs' ls,
  set_smmu_pte_spec a1 a2 a3 hs = Some hs' -> s2pt_rel hs ls -> in_urange 64 a3 = true ->
  exists ls', set_smmu_pte_spec a1 a2 a3 ls = Some ls' /\ s2pt_rel hs' ls'.
Proof. intros. unfold in_urange in *. apply andb_true_iff in H1 as [H1 H2]. apply Z.leb_le in H1. apply Z.ltb_lt in H2. s2pass. Qed.
Lemma smmu_pt_clear_s2pass : forall a1 a2 hs hs' ls,
  smmu_pt_clear_spec a1 a2 hs = Some hs' -> s2pt_rel hs ls ->
  exists ls', smmu_pt_clear_spec a1 a2 ls = Some ls' /\ s2pt_rel hs' ls'.
Proof. s2pass. Qed.

(* The SMMU root read (`get_smmu_cfg_hw_ttbr`, an accessor): its synthesised spec keeps the memory
   map's load for an index of 16 or more, which reads only fields `s2_forget` keeps (the frame
   tactic would run that load, a 6,000-line function, on two destructured states). *)
Lemma s2_forget_mem_load : forall sz p st, mem_load sz p (s2_forget st) = mem_load sz p st.
Proof. intros sz p []. reflexivity. Qed.

Lemma get_smmu_cfg_hw_ttbr_s2pass : forall a1 a2 hs hs' ls r,
  get_smmu_cfg_hw_ttbr_spec a1 a2 hs = Some (r, hs') -> s2pt_rel hs ls ->
  exists ls', get_smmu_cfg_hw_ttbr_spec a1 a2 ls = Some (r, ls') /\ s2pt_rel hs' ls'.
Proof.
  intros a1 a2 hs hs' ls r H HR. pose proof (proj1 HR) as Hf.
  assert (Et : smmu_ttbr hs = smmu_ttbr ls) by (apply (f_equal smmu_ttbr) in Hf; exact Hf).
  assert (Em : forall sz p, mem_load sz p hs = mem_load sz p ls)
    by (intros; rewrite <- (s2_forget_mem_load _ _ hs), <- (s2_forget_mem_load _ _ ls), Hf; reflexivity).
  unfold get_smmu_cfg_hw_ttbr_spec in *. rewrite Et, Em in H. exists ls.
  destruct (_ <? 16); [injection H as <- <-; split; [reflexivity | exact HR]|].
  destruct (mem_load _ _ ls); [|discriminate H]. injection H as <- <-. split; [reflexivity | exact HR].
Qed.

Ltac s2_pass_user p spec R :=
  lazymatch R with
  | S2PTTreeOps_R =>
      lazymatch p with
      | walk_smmu_pgd_prim => ref_lift p p walk_smmu_pgd_s2pass
      | walk_smmu_pmd_prim => ref_lift p p walk_smmu_pmd_s2pass
      | walk_smmu_pte_prim => ref_lift p p walk_smmu_pte_s2pass
      | set_smmu_pte_prim => ref_lift p p set_smmu_pte_s2pass
      | smmu_pt_clear_prim => ref_lift p p smmu_pt_clear_s2pass
      | get_smmu_cfg_hw_ttbr_prim => ref_lift p p get_smmu_cfg_hw_ttbr_s2pass
      end
  end.
Ltac pass_user p spec R ::= s2_pass_user p spec R.

