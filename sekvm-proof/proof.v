(* SeKVM, stage A: the trusted bottom interface, the field accessors of the EL2 data, and the lock
   primitives, over the hypervisor's verified core (../../shared/sekvm/SeKVM.ll, never copied here).
   `autov build sekvm-proof/proof.v -o <dir> && make -C <dir> -j2`. The layer table, the trust base
   and the figures are in README.md. *)

Definition PROJ_NAME := "SeKVM".
Definition PROJ_BASE := "proof".
Definition PROJ_PROOFS := "proofs".

Include "state.v".
Include "memmap.map".

Section Bottom.
  Definition LAYER_DATA := RData.
  Definition LAYER_CODE := "../../shared/sekvm/SeKVM.ll".
  Definition LAYER_PRIMS := "get_el2_data_start" :: "stage2_spin_lock" :: "stage2_spin_unlock" :: nil.

  Definition init_RData : RData :=
    mkRData 0 (zmap_init 0) nil
      (zmap_init 0) (zmap_init 0) (zmap_init 0) 0 0
      (zmap_init 0) (zmap_init 0) (zmap_init 0)
      (zmap_init 0) (zmap_init 0) (zmap_init 0) (zmap_init 0)
      (zmap_init 0) (zmap_init 0) (zmap_init 0) (zmap_init 0)
      (zmap_init 0) (zmap_init 0) (zmap_init 0)
      (zmap_init 0) (zmap_init 0) (zmap_init 0) (zmap_init 0) (zmap_init 0)
      0 0
      (zmap_init 0) (zmap_init 0) 0
      0 0 0.
  Definition LAYER_DATA_INIT := "init_RData".

  (* EL2 data is reached through the memory map (memmap.map): sized, bounds- and lock-checked. *)
  Definition LAYER_LOAD := "mem_load".
  Definition LAYER_STORE := "mem_store".

  (* C `get_el2_data_start`: the EL2 virtual address of the linker symbol `el2_data_start`
     (kernel-image offset arithmetic and `__kern_hyp_va`); modelled as the start of the object. *)
  Definition get_el2_data_start_spec (st : RData) : option (Ptr * RData) :=
    Some (mkPtr (Bglob "el2_data_start") 0, st).

  (* C `stage2_spin_lock` (ticket lock, inline asm): takes the lock whose word is at `p`. *)
  Definition stage2_spin_lock_spec (p : Ptr) (st : RData) : option RData :=
    when k == mem_lock_of p;
    lock_acquire k st.

  (* C `stage2_spin_unlock`: releases the lock whose word is at `p`. *)
  Definition stage2_spin_unlock_spec (p : Ptr) (st : RData) : option RData :=
    when k == mem_lock_of p;
    lock_release k st.
End Bottom.

Section Accessors.
  Definition LAYER_PRIMS :=
    "get_mem_region_base" :: "get_mem_region_cnt" :: "get_mem_region_flag" :: "get_mem_region_size" ::
    "get_next_vmid" :: "get_next_remap_ptr" :: "get_s2_page_count" ::
    "get_s2_page_vmid" :: "get_vm_mapped_pages" ::
    "get_vm_next_load_idx" :: "get_vm_power" :: "get_vm_state" :: "set_next_remap_ptr" ::
    "set_next_vmid" :: "set_pt_vttbr" :: "set_s2_page_count" :: "set_s2_page_gfn" ::
    "set_s2_page_vmid" :: "set_vm_mapped_pages" :: "set_vm_next_load_idx" ::
    "set_vm_power" :: "set_vm_state" :: "pool_start" :: "get_smmu_num" :: "get_host_vttbr" ::
    "smmu_get_cbndx" :: "get_vm_load_addr" :: "get_vm_load_size" :: "get_vm_remap_addr" ::
    "set_vm_load_addr" :: "set_vm_load_size" :: "set_vm_remap_addr" :: "set_vm_inc_exe" ::
    "get_vcpu_state" :: "set_vcpu_state" ::
    "get_pgd_next" :: "get_pmd_next" :: "get_pud_next" :: "pgd_pool_end" :: "pmd_pool_end" ::
    "pud_pool_end" :: "set_pgd_next" :: "set_pmd_next" :: "set_pud_next" :: "get_smmu_pgd_next" ::
    "get_smmu_pmd_next" :: "set_smmu_pgd_next" :: "set_smmu_pmd_next" :: "smmu_pgd_end" ::
    "smmu_pmd_end" :: nil.
End Accessors.

Section Locks.
  Definition LAYER_PRIMS :=
    "acquire_lock_core" :: "release_lock_core" :: "acquire_lock_vm" :: "release_lock_vm" ::
    "acquire_lock_s2page" :: "release_lock_s2page" :: "acquire_lock_smmu" :: "release_lock_smmu" ::
    "acquire_lock_pt" :: "release_lock_pt" :: "acquire_lock_spt" :: "release_lock_spt" :: nil.
End Locks.
