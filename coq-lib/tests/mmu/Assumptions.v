(* tests/mmu/Assumptions.v -- every MMU theorem and test is closed under the global context
   (no axioms, no admitted lemmas).  scripts/coq-tests.sh counts the "Closed" lines. *)
From AutoV.MMU Require Import R32 R21 R1S Compose Linking.
From AutoV.MMU Require Import Reach.
From MMUT Require Import T_stale T_tlbi T_early T_bbm T_race T_link.
Print Assumptions rl3_refines_rl2.
Print Assumptions rl2_refines_rl1.
Print Assumptions rl1_refines_sct.
Print Assumptions mmu_sim.
Print Assumptions mmu_refines.
Print Assumptions mmu_refines_from.
Print Assumptions happy_iff_trace.
Print Assumptions no_pending_means_sc.
Print Assumptions access_is_isolated.
Print Assumptions sct_access_is_isolated.
Print Assumptions linking.
Print Assumptions linking_happy.
Print Assumptions linking_release_clean.
Print Assumptions linking_refines.
Print Assumptions t1_rl3.
Print Assumptions t1_sct.
Print Assumptions t1_not_sc.
Print Assumptions t1_sct_stale.
Print Assumptions t2_rl3.
Print Assumptions t2_sc.
Print Assumptions t2_no_stale_access.
Print Assumptions t6_rl3.
Print Assumptions t6_sct.
Print Assumptions t6_still_stale.
Print Assumptions t6_rely_refuses.
Print Assumptions t3_bad_unhappy.
Print Assumptions t3_bad_rejected.
Print Assumptions t3_ok_happy.
Print Assumptions t4_rl3.
Print Assumptions t4_sct.
Print Assumptions t4_fresh.
Print Assumptions t4_not_sc.
Print Assumptions t4_fenced.
Print Assumptions pu_check_sound.
Print Assumptions t5_brun.
Print Assumptions t5_happy.
Print Assumptions t5_clean.
Print Assumptions t5_after_unmap.
