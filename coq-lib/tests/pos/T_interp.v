(** The executable interpreter on concrete inputs ([vm_compute]), and its
    soundness turning a run into an [exec_func] derivation. *)
From AutoV Require Import All.
From Prog Require Import Globals Code.
From T Require Import Layers.
Local Open Scope Z_scope.

Definition prims0 := [(g_bump, bump_prim)].
Definition run0 (f : ident) (args : list val) (m : Mem) : option (option val * Mem) :=
  run_func L0 code (run_prims prims0) 1000 f args m.
Definition result0 f args m := option_map fst (run0 f args m).

Example arith_12 : result0 g_arith [Vint 32 5; Vint 32 4] (ZMap.init 0) = Some (Some (Vint 32 12)).
Proof. vm_compute. reflexivity. Qed.
Example arith_wraps : result0 g_arith [Vint 32 0; Vint 32 3] (ZMap.init 0) = Some (Some (Vint 32 4294967292)).
Proof. vm_compute. reflexivity. Qed.
Example branch_neg : result0 g_branch [Vint 32 4294967295] (ZMap.init 0) = Some (Some (Vint 32 0)).
Proof. vm_compute. reflexivity. Qed.
Example branch_case : result0 g_branch [Vint 32 2] (ZMap.init 0) = Some (Some (Vint 32 10)).
Proof. vm_compute. reflexivity. Qed.
Example branch_big : result0 g_branch [Vint 32 1000] (ZMap.init 0) = Some (Some (Vint 32 100)).
Proof. vm_compute. reflexivity. Qed.
Example find_found : result0 g_find [Vint 32 10; Vint 32 12] (ZMap.init 0) = Some (Some (Vint 32 4)).
Proof. vm_compute. reflexivity. Qed.
Example find_missing : result0 g_find [Vint 32 10; Vint 32 13] (ZMap.init 0) = Some (Some (Vint 32 4294967295)).
Proof. vm_compute. reflexivity. Qed.
Example callp_run : result0 g_callp [Vint 32 2] (ZMap.init 7) = Some (Some (Vint 32 8)).
Proof. vm_compute. reflexivity. Qed.
Example inc_run :
  option_map (fun r => ZMap.get 8 (snd r)) (run0 g_inc [Vint 32 2] (ZMap.init 7)) = Some 12.
Proof. vm_compute. reflexivity. Qed.
Example inc_out_of_bounds : run0 g_inc [Vint 32 100] (ZMap.init 7) = None.
Proof. vm_compute. reflexivity. Qed.

(** A run is an execution of the relational semantics. *)
Lemma find_exec :
  exec_func L0 code g_find [Vint 32 10; Vint 32 12] (ZMap.init 0) (ZMap.init 0) (Some (Vint 32 4)).
Proof.
  apply (run_func_sound L0 code (run_prims prims0) (run_prims_sound _ prims0) 1000).
  vm_compute. reflexivity.
Qed.
