(** Every theorem below must be closed under the global context
    (checked by scripts/coq-tests.sh). *)
From AutoV Require Import All.
From T Require Import T_arith T_branch T_find T_callp T_inc T_compose T_interp T_gen.
Print Assumptions vertical_composition.
Print Assumptions vertical_composition_exec.
Print Assumptions run_func_sound.
Print Assumptions exec_deterministic.
Print Assumptions Lcode_deterministic.
Print Assumptions exec_loop_fuel.
Print Assumptions arith_correct.
Print Assumptions branch_correct.
Print Assumptions find_correct.
Print Assumptions callp_correct.
Print Assumptions callp_correct_opaque.
Print Assumptions inc_correct.
Print Assumptions inc_implements.
Print Assumptions mid_refines.
Print Assumptions top_refines.
Print Assumptions top_refines_bottom.
Print Assumptions find_exec.
Print Assumptions f_correct.
Print Assumptions zmap_upto_get.
