(* tests/mmu/T_link.v -- the linking lemma applied to a concrete hypervisor run.
   CPU 1 runs two critical sections on VM 1's page-table lock, as bottom-primitive calls:
   - map IPA 0x200000: link the empty table T, store the page descriptor, DSB, release;
   - unmap it: store 0, DSB, TLBI IPAS2E1IS, DSB, TLBI VMALLE1IS, DSB, release.
   Every call's decidable rely holds and the walk paths stay unique (both checked by
   computation), so the label sequence is happy ([linking_happy]) and VM 1 is clean at the final
   release ([linking_release_clean]).  End to end: whatever guest accesses the hardware
   interleaves, RL3 is explained by SCT, and after the unmap section a guest access of the IPA
   can only fault ([t5_after_unmap]). *)
From Coq Require Import ZArith List Bool Lia.
From AutoV.MMU Require Import Desc Walk Labels Ghost GhostInv LTS RL3 SCT Compose Conditions
  Linking Reach.
From MMUT Require Import Setup T_race.
Import ListNotations.
Open Scope Z_scope.

(* Pages of VM 1's tables (and of nothing else): even pages and page 3 (VM 1's root). *)
Definition good_page (a : Z) : bool := Z.even (a / 4096) || (a / 4096 =? 3).
Definition BadZero (m : Z -> Z) : Prop := forall a, good_page a = false -> m a = 0.

Definition store_ok (cg : cghost) (call : bcall) : bool :=
  match call with
  | BStore _ v i l _ =>
      match path_entry (cg_mem cg) (root v) i l with Some a => good_page a | None => false end
  | _ => true
  end.

(* Checked before each call: unique paths, tables in VM 1's pages, stores in VM 1's pages. *)
Definition step_ok (cg : cghost) (call : bcall) : bool :=
  pu_check root (cg_mem cg) [1] &&
  forallb (fun p => good_page (pbase p)) (vpositions root (cg_mem cg) [1]) &&
  store_ok cg call.
Arguments step_ok : simpl never.

(* A run checked by computation: relies (in [bstep]) and [step_ok]. *)
Fixpoint bruns (cg : cghost) (calls : list bcall) : option (cghost * list label) :=
  match calls with
  | [] => Some (cg, [])
  | call :: rest =>
      if step_ok cg call
      then match bstep root cg call with
           | Some (cg', tr') =>
               match bruns cg' rest with Some (cg'', tr'') => Some (cg'', tr' ++ tr'') | None => None end
           | None => None
           end
      else None
  end.

Lemma root_page v i : 0 <= i < 512 -> (root v + 8 * i) / 4096 = 2 * v + 1.
Proof.
  intros Hi. unfold root. rewrite Z.mul_comm, Z.div_add_l by lia. rewrite Z.div_small by lia. lia.
Qed.

Lemma root_bad v i : v <> 1 -> 0 <= i < 512 -> good_page (root v + 8 * i) = false.
Proof.
  intros Hv Hi. unfold good_page. rewrite root_page by exact Hi.
  rewrite Z.even_add, Z.even_mul. change (Z.even 2) with true. change (Z.even 1) with false.
  cbn [orb Bool.eqb]. apply Z.eqb_neq. lia.
Qed.

Lemma pu_from_check m :
  BadZero m -> pu_check root m [1] = true ->
  forallb (fun p => good_page (pbase p)) (vpositions root m [1]) = true -> paths_unique root m.
Proof.
  intros Hz Hc Hg. apply (pu_check_sound root m [1] Hc).
  - intros v Nv i Hi. assert (Hv : v <> 1) by (intros ->; apply Nv; left; reflexivity).
    rewrite (Hz _ (root_bad v i Hv Hi)). reflexivity.
  - intros v _. unfold root. rewrite Z.mul_comm. apply Z.mod_mul. lia.
  - intros v v' _ _ E. unfold root in E. lia.
  - intros v Nv p Hp E. assert (Hv : v <> 1) by (intros ->; apply Nv; left; reflexivity).
    rewrite forallb_forall in Hg. specialize (Hg _ Hp). rewrite <- E in Hg.
    pose proof (root_bad v 0 Hv ltac:(lia)) as B. rewrite Z.add_0_r in B. congruence.
Qed.

Lemma bstep_badzero cg call cg' tr' :
  BadZero (cg_mem cg) -> store_ok cg call = true -> bstep root cg call = Some (cg', tr') ->
  BadZero (cg_mem cg').
Proof.
  intros Hz Hs H. destruct call as [c v i l x|c a|c b|c k|c v|c v|c v]; cbn [bstep store_ok] in H, Hs.
  - case_eq (path_entry (cg_mem cg) (root v) i l); [intros a Ea|intros Ea]; rewrite Ea in H, Hs;
      [|cbn in Hs; discriminate Hs].
    case_eq (rely_store root cg c v i l x); intros Er; rewrite Er in H; [|cbn in H; discriminate H].
    injection H as <- _. cbn.
    intros a' Ha'. rewrite upd_other by congruence. apply Hz. exact Ha'.
  - revert H. destruct (rely_load cg c a); intros H; [injection H as <- _; exact Hz|cbn in H; discriminate H].
  - destruct b; injection H as <- _; exact Hz.
  - revert H. destruct (rely_tlbi cg c); intros H; [injection H as <- _; exact Hz|cbn in H; discriminate H].
  - injection H as <- _. exact Hz.
  - revert H. destruct (rely_acquire cg v); intros H; [injection H as <- _; exact Hz|cbn in H; discriminate H].
  - revert H. destruct (rely_release cg c v); intros H; [injection H as <- _; exact Hz|cbn in H; discriminate H].
Qed.

Lemma bruns_brun_u cg0 calls : forall cg tr cg' tr',
  brun_u root cg0 cg tr -> BadZero (cg_mem cg) -> bruns cg calls = Some (cg', tr') ->
  brun_u root cg0 cg' (tr ++ tr') /\ BadZero (cg_mem cg').
Proof.
  induction calls as [|call rest IH]; intros cg tr cg' tr' Hb Hz H; cbn [bruns] in H.
  - injection H as <- <-. rewrite app_nil_r. auto.
  - destruct (step_ok cg call) eqn:Eok; [|discriminate].
    unfold step_ok in Eok. apply andb_prop in Eok as [Eok Es]. apply andb_prop in Eok as [Ep Eg].
    destruct (bstep root cg call) as [[cg1 tr1]|] eqn:E1; [|discriminate].
    destruct (bruns cg1 rest) as [[cg2 tr2]|] eqn:E2; [|discriminate]. injection H as <- <-.
    rewrite app_assoc. apply (IH cg1); [|eapply bstep_badzero; eauto|exact E2].
    eapply brun_u_step; [exact Hb|apply pu_from_check; assumption|exact E1].
Qed.

Lemma m0_badzero : BadZero m0.
Proof.
  intros a Ha. unfold m0. rewrite !upd_other; [reflexivity| | |]; intros ->; discriminate.
Qed.

Definition calls_map : list bcall :=
  [BAcquire 1 1; BStore 1 1 ipa 2 (T + 3); BStore 1 1 ipa 3 pg; BBarrier 1 DSB_ISH; BRelease 1 1].
Definition calls_unmap : list bcall :=
  [BAcquire 1 1; BStore 1 1 ipa 3 0; BBarrier 1 DSB_ISH; BTlbi 1 (TIPAS2 ipa false);
   BBarrier 1 DSB_ISH; BTlbi 1 TVMALLE1; BBarrier 1 DSB_ISH].

(* The labels the hypervisor's calls emit. *)
Definition tr5 : list label :=
  [LWrite 1 (L2 + 8) (T + 3); LWrite 1 T pg; LBar 1 DSB_ISH;
   LWrite 1 T 0; LBar 1 DSB_ISH; LTlbi 1 (TIPAS2 ipa false); LBar 1 DSB_ISH;
   LTlbi 1 TVMALLE1; LBar 1 DSB_ISH].

(* All relies hold (computed), the release of the unmap section included. *)
Lemma t5_runs :
  match bruns (cginit m0 ctx0) (calls_map ++ calls_unmap) with
  | Some (cg, tr) => tr = tr5 /\ rely_release cg 1 1 = true /\
                     pu_check root (cg_mem cg) [1] = true /\
                     forallb (fun p => good_page (pbase p)) (vpositions root (cg_mem cg) [1]) = true
  | None => False
  end.
Proof. vm_compute. auto. Qed.

Lemma t5_brun : exists cg, brun_u root (cginit m0 ctx0) cg tr5 /\ rely_release cg 1 1 = true /\
                           paths_unique root (cg_mem cg).
Proof.
  pose proof t5_runs as H.
  destruct (bruns (cginit m0 ctx0) (calls_map ++ calls_unmap)) as [[cg tr]|] eqn:E; [|contradiction].
  destruct H as (-> & Hr & Hp & Hg). exists cg.
  destruct (bruns_brun_u _ _ (cginit m0 ctx0) [] _ _ (brun_u_nil _ _) m0_badzero E) as [Hb Hz].
  split; [exact Hb|]. split; [exact Hr|]. apply pu_from_check; assumption.
Qed.

(* The label sequence of the run is happy ... *)
Lemma t5_happy : happy_trace root m0 ctx0 tr5.
Proof. destruct t5_brun as (cg & Hb & _). exact (linking_happy root _ _ _ _ Hb). Qed.

(* ... and at the release of the unmap section VM 1 is clean (condition C4 holds). *)
Lemma t5_clean : cond_clean root (grun root ctx0 (ginit m0) tr5) 1.
Proof.
  destruct t5_brun as (cg & Hb & Hr & Hpu). exact (linking_release_clean root _ _ _ _ _ _ Hb Hpu Hr).
Qed.

(* End to end: in any RL3 run of these events, with any guest accesses interleaved, a guest
   access of the IPA after the unmap section can only fault. *)
Theorem t5_after_unmap tr a res :
  filter (fun l => negb (is_access l)) tr = tr5 ->
  exec label LTau (RL3 root) s0 (tr ++ [LAccess 0 1 ipa res]) a -> res = None.
Proof.
  intros Ht He.
  assert (Hh : happy3 a).
  { apply (happy_iff_trace root m0 ctx0 _ a He). unfold happy_trace.
    rewrite (grun_erase root), filter_app, Ht. exact t5_happy. }
  apply (mmu_refines_from root) in He as (b & Hb & _); [|exact Hh].
  apply exec_app_inv in Hb as (b1 & Hb1 & Hb2).
  apply exec_cons_notau in Hb2 as (b2 & Hs & _); [|apply sct_no_tau].
  pose proof (execS_ghost root _ _ _ Hb1) as EG. cbn [sS0 sc_ctx sc_gh] in EG.
  rewrite (grun_erase root), Ht in EG.
  destruct (no_pending_means_sc root b1 0 1 ipa res b2) as [[_ E] _].
  - rewrite EG. apply (proj1 t5_clean).
  - rewrite EG. apply (proj2 t5_clean).
  - exact Hs.
  - rewrite E, EG. vm_compute. reflexivity.
Qed.
