(* Stage-0 probe 2 of SEKVM.md §6.1 (a measurement, not part of the proof): the code proof of
   `handle_host_hvc`, the longest verified function (106 instructions, 18 blocks, a 15-way switch),
   against trusted stubs for its 20 callees. `scripts/sekvm-probes.sh` builds it over a copy of the
   IR and times `make`. *)

Definition PROJ_NAME := "ProbeHvc".
Definition PROJ_BASE := "proof".

(* The host's saved registers (`struct s2_host_regs`, read through `get_host_reg`), the registers
   the hypercall returns (`set_host_regs`), and what the stubs were asked to do, newest first: a
   callee's number and its arguments. `answer` is the environment: what a stub returns. *)
Record RData := mkRData {
  host_regs : ZMap.t Z;
  ret_regs : ZMap.t Z;
  calls : list (Z * list Z);
  answer : ZMap.t Z
}.

Section Bottom.
  Definition LAYER_DATA := RData.
  Definition LAYER_CODE := "../SeKVM.ll".
  Definition LAYER_PRIMS :=
    "get_host_reg" :: "set_host_regs" :: "set_per_cpu_host_regs" :: "print_string" ::
    "printhex_ul" :: "hvc_enable_s2_trans" :: "__kvm_vcpu_run_nvhe" :: "__kvm_timer_set_cntvoff" ::
    "__clear_vm_stage2_range" :: "set_boot_info" :: "remap_vm_image" :: "verify_and_load_images" ::
    "__el2_free_smmu_pgd" :: "__el2_alloc_smmu_pgd" :: "v_el2_arm_lpae_map" ::
    "__el2_arm_lpae_iova_to_phys" :: "__el2_arm_lpae_clear" :: "register_kvm" :: "register_vcpu" ::
    "v_kvm_phys_addr_ioremap" :: nil.

  Definition init_RData : RData := mkRData (zmap_init 0) (zmap_init 0) nil (zmap_init 0).
  Definition LAYER_DATA_INIT := "init_RData".

  Definition called (f : Z) (args : list Z) (st : RData) : RData :=
    st {calls : (f, args) :: st.(calls)}.

  (* C `get_host_reg`: register `i` of the 32 the host saved. *)
  Definition get_host_reg_spec (hr : Ptr) (i : Z) (st : RData) : option (Z * RData) :=
    rely i <? 32;
    Some (st.(host_regs) @ i, st).
  (* C `set_host_regs`: register `i` of the hypercall's result. *)
  Definition set_host_regs_spec (i v : Z) (st : RData) : option RData :=
    Some (st {ret_regs : st.(ret_regs) # i == v}).
  (* Debug printing: no-ops. *)
  Definition print_string_spec (s : Ptr) (st : RData) : option RData := Some st.
  Definition printhex_ul_spec (v : Z) (st : RData) : option RData := Some st.
  (* Every other callee: recorded with its arguments; a result comes from the environment. *)
  Definition set_per_cpu_host_regs_spec (a : Z) (st : RData) : option RData :=
    Some (called 1 (a :: nil) st).
  Definition hvc_enable_s2_trans_spec (st : RData) : option RData := Some (called 2 nil st).
  Definition __kvm_vcpu_run_nvhe_spec (a b : Z) (st : RData) : option (Z * RData) :=
    Some (st.(answer) @ 3, called 3 (a :: b :: nil) st).
  Definition __kvm_timer_set_cntvoff_spec (a b : Z) (st : RData) : option RData :=
    Some (called 4 (a :: b :: nil) st).
  Definition __clear_vm_stage2_range_spec (a b : Z) (st : RData) : option RData :=
    Some (called 5 (a :: b :: nil) st).
  Definition set_boot_info_spec (a b c : Z) (st : RData) : option (Z * RData) :=
    Some (st.(answer) @ 6, called 6 (a :: b :: c :: nil) st).
  Definition remap_vm_image_spec (a b c : Z) (st : RData) : option RData :=
    Some (called 7 (a :: b :: c :: nil) st).
  Definition verify_and_load_images_spec (a : Z) (st : RData) : option RData :=
    Some (called 8 (a :: nil) st).
  Definition __el2_free_smmu_pgd_spec (a b : Z) (st : RData) : option RData :=
    Some (called 9 (a :: b :: nil) st).
  Definition __el2_alloc_smmu_pgd_spec (a b c : Z) (st : RData) : option RData :=
    Some (called 10 (a :: b :: c :: nil) st).
  Definition v_el2_arm_lpae_map_spec (a b c d e : Z) (st : RData) : option RData :=
    Some (called 11 (a :: b :: c :: d :: e :: nil) st).
  Definition __el2_arm_lpae_iova_to_phys_spec (a b c : Z) (st : RData) : option (Z * RData) :=
    Some (st.(answer) @ 12, called 12 (a :: b :: c :: nil) st).
  Definition __el2_arm_lpae_clear_spec (a b c : Z) (st : RData) : option RData :=
    Some (called 13 (a :: b :: c :: nil) st).
  Definition register_kvm_spec (st : RData) : option (Z * RData) :=
    Some (st.(answer) @ 14, called 14 nil st).
  Definition register_vcpu_spec (a b : Z) (st : RData) : option (Z * RData) :=
    Some (st.(answer) @ 15, called 15 (a :: b :: nil) st).
  Definition v_kvm_phys_addr_ioremap_spec (a b c d : Z) (st : RData) : option RData :=
    Some (called 16 (a :: b :: c :: d :: nil) st).
End Bottom.

Section Hvc.
  Definition LAYER_PRIMS := "handle_host_hvc" :: nil.
End Hvc.
