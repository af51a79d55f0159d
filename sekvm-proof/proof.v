(* SeKVM, stage A (the trusted bottom interface, the field accessors of the EL2 data, the lock
   primitives) and the page-table layers of stage B (for stage 2 and for the SMMU: allocation, walk
   steps, the tree layer and its lock-wrapped operations), over the hypervisor's verified core
   (../../shared/sekvm/SeKVM.ll, never copied here).
   `autov build sekvm-proof/proof.v -o <dir> && make -C <dir> -j2`. The layer table, the trust base
   and the figures are in README.md. *)

Definition PROJ_NAME := "SeKVM".
Definition PROJ_BASE := "proof".
Definition PROJ_PROOFS := "proofs".

Include "state.v".
Include "memmap.map".

(* coq-lib's page-table library (coq-lib/PT/README.md): the tree relations `s2_rel` and `smmu_rel`,
   the abstract views `s2_amap`/`smmu_amap` and lookups, descriptor fields, and the walks' shapes
   `s2_shape`/`smmu_shape` (which tables exist, so specs can predict allocations). *)
From AutoV.PT Require Import PTDesc PTInstances PTShape PTSmmuShape.

Section Bottom.
  Definition LAYER_DATA := RData.
  Definition LAYER_CODE := "../../shared/sekvm/SeKVM.ll".
  Definition LAYER_PRIMS :=
    "get_el2_data_start" :: "get_shared_data_start" :: "stage2_spin_lock" :: "stage2_spin_unlock" :: "get_cpuid" ::
    "__hyp_panic" :: "pt_load" :: "pt_store" :: "smmu_pt_load" :: "smmu_pt_store" :: "smmu_pt_clear" ::
    "print_string" :: "printhex_ul" :: "v_panic" :: "kvm_tlb_flush_vmid_ipa_host" :: nil.

  (* The state after boot (the boot code is outside the verified core): VM v's stage-2 table pool
     starts at 1 GiB + v * 32 MiB; 32 MiB holds the largest pool (the host's and the hypervisor's:
     2 MiB of upper-level tables and 30 MiB of level-3 tables, `pmd_pool_end`), so pools never
     overlap; every table page is zero and no VM has a root yet (VTTBR 0, TTBR0_EL2 0). *)
  Fixpoint boot_pool_starts (n : nat) : ZMap.t Z :=
    match n with
    | O => zmap_init 0
    | S k => boot_pool_starts k # Z.of_nat k == 1073741824 + Z.of_nat k * 33554432
    end.

  (* The SMMU table pool at 2 GiB (16 MiB: level-1 tables in its first 1 MiB, level-2 tables
     after) and context j's 8 KiB root at 2 GiB + 16 MiB + j * 8 KiB, all above the stage-2
     pools (which end at 1 GiB + 19 * 32 MiB). *)
  Fixpoint boot_smmu_roots (n : nat) : ZMap.t Z :=
    match n with
    | O => zmap_init 0
    | S k => boot_smmu_roots k # Z.of_nat k == 2164260864 + Z.of_nat k * 8192
    end.

  Definition init_RData : RData :=
    mkRData 0 (zmap_init 0) nil
      (zmap_init 0) (zmap_init 0) (zmap_init 0) 0 0
      (zmap_init 0) (zmap_init 0) (zmap_init 0)
      (zmap_init 0) (zmap_init 0) (zmap_init 0) (zmap_init 0)
      (zmap_init 0) (boot_pool_starts (Z.to_nat 19)) (zmap_init 0) (zmap_init 0)
      (zmap_init 0) (zmap_init 0) (zmap_init 0)
      (zmap_init 0) (zmap_init 0) (zmap_init 0) (zmap_init 0) (zmap_init 0)
      0 0
      (zmap_init 0) (boot_smmu_roots (Z.to_nat 16)) 0
      2147483648 0 0
      (zmap_init 0)
      (zmap_init 0)
      (zmap_init 0) (zmap_init 0) (zmap_init 0) (zmap_init 0)
      (zmap_init 0) (zmap_init 0)
      (zmap_init 0) (zmap_init 0)
      (zmap_init 0) (zmap_init 0) (zmap_init 0) (zmap_init 0)
      (zmap_init 0) (zmap_init 0) (zmap_init 0)
      (zmap_init 0) (zmap_init 0) (zmap_init 0) (zmap_init 0) (zmap_init 0)
      (zmap_init 0) (zmap_init 0)
      (zmap_init 0) (zmap_init 0) (zmap_init 0)
      (zmap_init 0)
      (zmap_init (zmap_init None)) (zmap_init (zmap_init None))
      (zmap_init (zmap_init false)) (zmap_init (zmap_init false)) (zmap_init (zmap_init false))
      (zmap_init (zmap_init None)) (zmap_init (zmap_init false)) (zmap_init (zmap_init false)).
  Definition LAYER_DATA_INIT := "init_RData".

  (* EL2 data is reached through the memory map (memmap.map): sized, bounds- and lock-checked. *)
  Definition LAYER_LOAD := "mem_load".
  Definition LAYER_STORE := "mem_store".

  (* The register view inline asm runs over (coq-lib AArch64/AsmView.v): the eight EL2 system
     registers of `state.v`, and nothing else (an asm site touching another register, or doing a
     barrier or maintenance, has no spec). *)
  Definition get_reg (k : Z) (st : RData) : option Z :=
    if el2_sysreg k then Some (st.(sysregs) @ k) else None.
  Definition set_reg (k v : Z) (st : RData) : option RData :=
    if el2_sysreg k then Some (st {sysregs : st.(sysregs) # k == v}) else None.
  Definition LAYER_GET_REG := "get_reg".
  Definition LAYER_SET_REG := "set_reg".

  (* C `get_el2_data_start`: the EL2 virtual address of the linker symbol `el2_data_start`
     (kernel-image offset arithmetic and `__kern_hyp_va`); modelled as the start of the object. *)
  Definition get_el2_data_start_spec (st : RData) : option (Ptr * RData) :=
    Some (mkPtr (Bglob "el2_data_start") 0, st).

  (* C `get_shared_data_start`: the EL2 virtual address of the linker symbol `shared_data_start`
     (the host kernel's vCPU objects; the same offset arithmetic); the start of the object. *)
  Definition get_shared_data_start_spec (st : RData) : option (Ptr * RData) :=
    Some (mkPtr (Bglob "shared_data_start") 0, st).

  (* C `get_cpuid`: this CPU's number (the affinity bits of MPIDR_EL1, read with inline asm);
     the environment's `cpu`, one of the 16 CPUs the per-CPU data has room for. *)
  Definition get_cpuid_spec (st : RData) : option (Z * RData) :=
    rely (0 <=? st.(cpu)) && (st.(cpu) <? 16);
    Some (st.(cpu), st).

  (* C `__hyp_panic` (declared only): the hypervisor stops; no state comes after it. *)
  Definition __hyp_panic_spec (st : RData) : option RData := None.

  (* C `pt_load` / `pt_store` (stage 2) and `smmu_pt_load` / `smmu_pt_store` (SMMU): a page-table
     entry at physical address `addr`, which the code reaches through the EL2 linear map
     (`(addr & (2^40 - 1)) | 5 << 40`, an integer turned into a pointer: memory outside the objects
     of the IR, so trusted here); page-table memory is `pt_mem`, keyed by the address's low 40 bits
     as the map computes it. `vmid` only selects a debug print. *)
  Definition pt_load_spec (vmid addr : Z) (st : RData) : option (Z * RData) :=
    Some (st.(pt_mem) @ (addr & 1099511627775), st).
  Definition pt_store_spec (vmid addr value : Z) (st : RData) : option RData :=
    Some (st {pt_mem : st.(pt_mem) # (addr & 1099511627775) == value}).
  (* The SMMU's tables never lie in a VM's stage-2 pool: `smmu_pt_load`/`smmu_pt_store` rely on
     it, and `smmu_pt_clear` on its 8 KiB lying outside every pool (`outside_s2_pools`), so code
     working on SMMU tables provably leaves the stage-2 tables alone. *)
  Definition smmu_pt_load_spec (addr : Z) (st : RData) : option (Z * RData) :=
    rely outside_s2_pools st.(vm_pool_start) (addr & 1099511627775) 1;
    Some (st.(pt_mem) @ (addr & 1099511627775), st).
  Definition smmu_pt_store_spec (addr value : Z) (st : RData) : option RData :=
    rely outside_s2_pools st.(vm_pool_start) (addr & 1099511627775) 1;
    Some (st {pt_mem : st.(pt_mem) # (addr & 1099511627775) == value}).

  (* C `smmu_pt_clear(cbndx, num)`: zeroes (`el2_memset`, through the linear map) the 8 KiB root
     table of SMMU context `num * 8 + cbndx` (16 contexts), whose address is the context's
     `hw_ttbr`. *)
  Definition smmu_pt_clear_spec (cbndx num : Z) (st : RData) : option RData :=
    let root := (st.(smmu_ttbr) @ (num * 8 + cbndx)) & 1099511627775 in
    rely (0 <=? cbndx) && (cbndx <? 8) && (0 <=? num) && (num <? 2) && outside_s2_pools st.(vm_pool_start) root 8192;
    Some (st {pt_mem : zero_bytes st.(pt_mem) root (Z.to_nat 8192)}).

  (* A VM's stage-2 pool: 2 MiB of level 0-2 tables, then its level-3 tables (`s2_cap3_of`). *)
  Definition s2_pool_size (v : Z) : Z := 2097152 + 4096 * s2_cap3_of v.
  Definition in_s2_pool (st : RData) (v a : Z) : bool :=
    ((st.(vm_pool_start) @ v) <=? a) && (a <? (st.(vm_pool_start) @ v) + s2_pool_size v).
  (* The `len` bytes from `a` meet no pool of the VMs below `n` (pools starting at `starts`). *)
  Fixpoint outside_pools_below (starts : ZMap.t Z) (a len : Z) (n : nat) : bool :=
    match n with
    | O => true
    | S k =>
        ((a + len <=? (starts @ (Z.of_nat k))) || ((starts @ (Z.of_nat k)) + s2_pool_size (Z.of_nat k) <=? a)) &&
        outside_pools_below starts a len k
    end.
  Definition outside_s2_pools (starts : ZMap.t Z) (a len : Z) : bool := outside_pools_below starts a len (Z.to_nat 19).
  (* kept folded in the specs that rely on it (proofs use its meaning, `outside_pools_below_iff`);
     it takes the pool starts, not the state, so a spec's relies on states that differ elsewhere
     are the same term *)
  Hint NoUnfold outside_s2_pools outside_pools_below.
  (* `n` bytes of page-table memory from `a` set to zero. *)
  Fixpoint zero_bytes (m : ZMap.t Z) (a : Z) (n : nat) : ZMap.t Z :=
    match n with
    | O => m
    | S k => zero_bytes (m # a == 0) (a + 1) k
    end.
  Hint NoUnfold zero_bytes.

  (* C `print_string`, `printhex_ul`: console output under the console lock, invisible to the
     verified state. *)
  Definition print_string_spec (s : Ptr) (st : RData) : option RData := Some st.
  Definition printhex_ul_spec (x : Z) (st : RData) : option RData := Some st.

  (* C `v_panic`: prints the faulting context; callers reach it when an invariant is broken (a
     page-table pool exhausted), and the hypervisor is considered stopped: no state comes after it. *)
  Definition v_panic_spec (st : RData) : option RData := None.

  (* C `kvm_tlb_flush_vmid_ipa_host` (declared only): invalidates the host's TLB entries for an
     IPA. The state here has no TLBs (every access goes through the current tables; the relaxed
     MMU layers of coq-lib/MMU are where TLBs live), so nothing changes. *)
  Definition kvm_tlb_flush_vmid_ipa_host_spec (ipa : Z) (st : RData) : option RData := Some st.

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
    "smmu_pmd_end" ::
    "get_esr_el2" :: "set_hcr_el2" :: "set_tpidr_el2" :: "set_vttbr_el2" :: "get_pt_vttbr" ::
    "get_mem_region_index" :: "get_smmu_base" :: "get_smmu_size" :: "get_smmu_hyp_base" ::
    "get_smmu_num_context_banks" :: "smmu_init_pte" :: "get_s2_page_gfn" ::
    "get_cur_vmid" :: "get_cur_vcpu_id" :: "set_per_cpu" :: "vmid_to_vm_info" ::
    "get_smmu_cfg_vmid" :: "get_smmu_cfg_hw_ttbr" :: "set_smmu_cfg_vmid" ::
    "get_shadow_esr" :: "set_shadow_ctxt_esr" :: "get_shadow_dirty_bit" ::
    "get_int_esr" :: "get_int_gpr" :: "get_int_pc" :: "get_int_pstate" :: "get_int_new_pte" ::
    "get_int_new_level" :: "set_int_gpr" :: "set_vcpu_was_preempted" :: "set_vcpu_esr_el2" ::
    "get_vcpu_was_preempted" :: "set_vm_kvm" :: "set_vm_vcpu" ::
    "set_per_cpu_host_regs" :: "hypsec_vcpu_id_to_vcpu" :: "hypsec_vcpu_id_to_shadow_ctxt" ::
    "set_shadow_dirty_bit" :: "get_shadow_ctxt" :: "set_shadow_ctxt" :: nil.

  (* System-register wrappers (one `mrs`/`msr` of inline asm each): the policy of which register
     each C function reads or writes. Their code runs asmgen's model of the asm over the register
     view; a wrapper naming another register fails its RefProof. *)
  Definition get_esr_el2_spec (st : RData) : option (Z * RData) :=
    Some (wrap 64 (st.(sysregs) @ ESR_EL2), st).
  Definition set_hcr_el2_spec (v : Z) (st : RData) : option RData :=
    Some (st {sysregs : st.(sysregs) # HCR_EL2 == v}).
  Definition set_tpidr_el2_spec (v : Z) (st : RData) : option RData :=
    Some (st {sysregs : st.(sysregs) # TPIDR_EL2 == v}).
  Definition set_vttbr_el2_spec (v : Z) (st : RData) : option RData :=
    Some (st {sysregs : st.(sysregs) # VTTBR_EL2 == v}).
End Accessors.

Section Locks.
  Definition LAYER_PRIMS :=
    "acquire_lock_core" :: "release_lock_core" :: "acquire_lock_vm" :: "release_lock_vm" ::
    "acquire_lock_s2page" :: "release_lock_s2page" :: "acquire_lock_smmu" :: "release_lock_smmu" ::
    "acquire_lock_pt" :: "release_lock_pt" :: "acquire_lock_spt" :: "release_lock_spt" :: nil.
End Locks.

(* Stage B (issue 14), the allocation and walk layers: the stage-2 page tables. Bump allocation of table pages in a VM's pool
   (a pool exhausted panics), and one walk step per level over page-table memory (read the entry;
   with `alloc`, link a fresh table where there is none), the leaf writes of 2 MiB blocks and
   4 KiB pages. Specs synthesised. *)
Section S2PTAlloc.
  Definition LAYER_PRIMS := "alloc_s2pt_pgd" :: "alloc_s2pt_pud" :: "alloc_s2pt_pmd" :: nil.
End S2PTAlloc.

Section S2PTWalk.
  Definition LAYER_PRIMS :=
    "walk_pgd" :: "walk_pud" :: "walk_pmd" :: "walk_pte" :: "v_set_pmd" :: "v_set_pte" :: nil.
End S2PTWalk.

(* The SMMU's page tables: the same over 3 levels, one pool shared by all SMMU contexts. *)
Section SmmuPTAlloc.
  Definition LAYER_PRIMS := "alloc_smmu_pgd_page" :: "alloc_smmu_pmd_page" :: nil.
End SmmuPTAlloc.

Section SmmuPTWalk.
  Definition LAYER_PRIMS := "walk_smmu_pgd" :: "walk_smmu_pmd" :: "walk_smmu_pte" :: "set_smmu_pte" :: nil.
End SmmuPTWalk.

(* Stage B, the first abstraction step: from here up, VM v's stage-2 table is two maps (`s2_blk @ v`
   by 2 MiB region, `s2_pg @ v` by 4 KiB page, state.v). The relation ties them to the table words
   below with coq-lib's tree relation (`s2_rel`: layout, shape, meaning; coq-lib/PT/README.md). *)
Section S2PTTreeOps.
  Definition LAYER_PRIMS := "init_npt" :: "walk_npt" :: "set_npt" :: nil.

  (* VM v's table root: its VTTBR, or for the hypervisor (18) TTBR0_EL2, as `get_pt_vttbr` reads. *)
  Definition s2_root (st : RData) (v : Z) : Z :=
    if v <? 18 then st.(vm_vttbr) @ v else st.(sysregs) @ TTBR0_EL2.

  (* Layout facts, set at boot: each of the 19 pools is aligned, non-zero and below 2^40 (the
     bits `pt_load` keeps), and no two overlap. *)
  Definition s2_pools_ok (st : RData) : Prop :=
    (forall (v : Z), 0 <= v -> v < 19 ->
       s2_layout (st.(vm_pool_start) @ v) (s2_cap3_of v) /\
       (st.(vm_pool_start) @ v) + s2_pool_size v <= 1099511627776) /\
    (forall (v w : Z), 0 <= v -> v < 19 -> 0 <= w -> w < 19 -> v <> w ->
       (st.(vm_pool_start) @ v) + s2_pool_size v <= st.(vm_pool_start) @ w \/
       (st.(vm_pool_start) @ w) + s2_pool_size w <= st.(vm_pool_start) @ v).

  (* VM v: the table words of its pool mean its two maps (`s2_rel`, with the three allocators'
     counters) and its walks pass through the tables its three table maps say (`s2_shape`); a VM
     without a root has empty maps, one with a root has it at its pool's start. *)
  Definition s2_vm_rel (hs ls : RData) (v : Z) : Prop :=
    s2_rel (ls.(vm_pool_start) @ v) (s2_cap3_of v)
      (ls.(vm_pud_used) @ v) (ls.(vm_pmd_used) @ v) (ls.(vm_pte_used) @ v) ls.(pt_mem)
      (s2_amap (hs.(s2_blk) @ v) (hs.(s2_pg) @ v)) /\
    s2_shape (ls.(vm_pool_start) @ v) ls.(pt_mem) (hs.(s2_tbl1) @ v) (hs.(s2_tbl2) @ v) (hs.(s2_tbl3) @ v) /\
    ((s2_root ls v = 0 /\ hs.(s2_blk) @ v = zmap_init None /\ hs.(s2_pg) @ v = zmap_init None) \/
     (s2_root ls v <> 0 /\ oa (s2_root ls v) = ls.(vm_pool_start) @ v)).

  (* Everything but the stage-2 tables is the same above and below. *)
  Definition s2_forget (st : RData) : RData :=
    st {pt_mem : zmap_init 0} {s2_blk : zmap_init (zmap_init None)} {s2_pg : zmap_init (zmap_init None)}
       {s2_tbl1 : zmap_init (zmap_init false)} {s2_tbl2 : zmap_init (zmap_init false)}
       {s2_tbl3 : zmap_init (zmap_init false)}.

  (* Above the same as below except for the stage-2 tables: the table words outside every pool
     (the SMMU's tables) are the same, every word is a 64-bit value, the pools are laid out as at
     boot, and each VM's words mean its maps. *)
  Definition s2pt_rel (hs ls : RData) : Prop :=
    s2_forget hs = s2_forget ls /\
    (forall (a : Z), (forall (v : Z), 0 <= v -> v < 19 -> in_s2_pool ls v a = false) ->
       hs.(pt_mem) @ a = ls.(pt_mem) @ a) /\
    (forall (a : Z), 0 <= ls.(pt_mem) @ a /\ ls.(pt_mem) @ a < 18446744073709551616) /\
    s2_pools_ok ls /\
    (forall (v : Z), 0 <= v -> v < 19 -> s2_vm_rel hs ls v).
  Definition LAYER_REFREL := "s2pt_rel".
  Definition LAYER_DATA_INIT := "init_RData".

  (* C `init_npt(vmid)`: gives VM `vmid` its root if it has none: the VTTBR becomes its pool's
     start with the VMID in bits 48-55 (for the hypervisor, 18, whose root is TTBR0_EL2, the
     VTTBR field is written but never used). The caller holds the VM's table lock. *)
  Definition init_npt_pre (vmid : Z) (st : RData) : bool :=
    (vmid <=? 18) && lock_held st (lock_pt vmid).
  Definition init_npt_spec (vmid : Z) (st : RData) : option RData :=
    rely init_npt_pre vmid st;
    if s2_root st vmid =? 0
    then Some (st {vm_vttbr : st.(vm_vttbr) # vmid == (st.(vm_pool_start) @ vmid) + vmid * 281474976710656})
    else Some st.

  (* C `walk_npt(vmid, addr)`: the descriptor that translates `addr` in VM `vmid`'s stage-2 table:
     a 2 MiB block, else a 4 KiB page, else 0. The caller holds the VM's table lock (the
     hypervisor's own table, 18, is read through TTBR0_EL2 without one); addresses are below 2^48. *)
  Definition walk_npt_pre (vmid addr : Z) (st : RData) : bool :=
    (vmid <=? 18) && ((vmid =? 18) || lock_held st (lock_pt vmid)) && (addr <? 281474976710656).
  Definition walk_npt_spec (vmid addr : Z) (st : RData) : option (Z * RData) :=
    rely walk_npt_pre vmid addr st;
    Some (s2_lookup (s2_amap (st.(s2_blk) @ vmid) (st.(s2_pg) @ vmid)) addr, st).

  (* C `set_npt(vmid, addr, level, pte)`: maps `addr`'s 2 MiB region to a block (`level` 2,
     descriptor `pte | 2^55`) or its 4 KiB page to a page (any other level, `pte | 2^56`). The walk
     there allocates a table at each level where none exists (a level-1 table per 512 GiB region,
     level-2 per 1 GiB, and for a page a level-3 per 2 MiB), each from its allocator's counter.
     The caller holds the VM's table lock; the VM has a root; there is room for the tables the
     walk needs (the code panics otherwise); a block replaces no level-3 table and is not a table
     descriptor; a page goes where no block is (the code panics over a block, or replaces one
     whose address bits are zero: left out). *)
  Definition set_npt_pre (vmid addr level pte : Z) (st : RData) : bool :=
    (vmid <=? 18) && lock_held st (lock_pt vmid) && (0 <=? addr) && (addr <? 281474976710656) &&
    negb (s2_root st vmid =? 0) && (0 <=? pte) && (pte <? 18446744073709551616) &&
    (((st.(s2_tbl1) @ vmid) @ (addr / 549755813888)) || ((st.(vm_pud_used) @ vmid) <? 16)) &&
    (((st.(s2_tbl2) @ vmid) @ (addr / 1073741824)) || ((st.(vm_pmd_used) @ vmid) <? 495)) &&
    (if level =? 2
     then negb (((st.(s2_tbl3) @ vmid) @ (addr / 2097152))) && negb (low 2 pte =? 3)
     else (((st.(s2_tbl3) @ vmid) @ (addr / 2097152)) || ((st.(vm_pte_used) @ vmid) <? s2_cap3_of vmid)) &&
          match (st.(s2_blk) @ vmid) @ (addr / 2097152) with
          | Some _ => false
          | None => true
          end).

  (* One level of the walk: a table for region k at level l exists, or one is allocated. *)
  Definition s2_alloc1 (vmid k : Z) (st : RData) : RData :=
    if (st.(s2_tbl1) @ vmid) @ k then st
    else st {vm_pud_used : st.(vm_pud_used) # vmid == (st.(vm_pud_used) @ vmid) + 1}
            {s2_tbl1 : st.(s2_tbl1) # vmid == ((st.(s2_tbl1) @ vmid) # k == true)}.
  Definition s2_alloc2 (vmid k : Z) (st : RData) : RData :=
    if (st.(s2_tbl2) @ vmid) @ k then st
    else st {vm_pmd_used : st.(vm_pmd_used) # vmid == (st.(vm_pmd_used) @ vmid) + 1}
            {s2_tbl2 : st.(s2_tbl2) # vmid == ((st.(s2_tbl2) @ vmid) # k == true)}.
  Definition s2_alloc3 (vmid k : Z) (st : RData) : RData :=
    if (st.(s2_tbl3) @ vmid) @ k then st
    else st {vm_pte_used : st.(vm_pte_used) # vmid == (st.(vm_pte_used) @ vmid) + 1}
            {s2_tbl3 : st.(s2_tbl3) # vmid == ((st.(s2_tbl3) @ vmid) # k == true)}.

  Definition set_npt_spec (vmid addr level pte : Z) (st : RData) : option RData :=
    rely set_npt_pre vmid addr level pte st;
    let st2 := s2_alloc2 vmid (addr / 1073741824) (s2_alloc1 vmid (addr / 549755813888) st) in
    if level =? 2
    then Some (st2 {s2_blk : st2.(s2_blk) # vmid == ((st2.(s2_blk) @ vmid) # (addr / 2097152) == Some (orbit 55 pte))})
    else
      let st3 := s2_alloc3 vmid (addr / 2097152) st2 in
      Some (st3 {s2_pg : st3.(s2_pg) # vmid == ((st3.(s2_pg) @ vmid) # (addr / 4096) == Some (orbit 56 pte))}).
End S2PTTreeOps.

(* The page-table operations under the VM's table lock: `init_s2pt`, `walk_s2pt` and `mmap_s2pt`
   take `acquire_lock_pt`/`release_lock_pt` around `init_npt`/`walk_npt`/`set_npt`;
   `clear_pfn_host` unmaps a page of the host (VM 0) where it is mapped (a page descriptor with
   only bit 57 set) and flushes its TLB entry. Specs synthesised over S2PTTreeOps's maps; the lock
   primitives and the TLB flush pass through S2PTTreeOps (their obligations,
   `S2PTTreeOps/<q>/PassRef.v`: they keep the relation). *)
Section S2PTOps.
  Definition LAYER_PRIMS := "init_s2pt" :: "walk_s2pt" :: "mmap_s2pt" :: "clear_pfn_host" :: nil.
End S2PTOps.

(* Stage B, the SMMU's abstraction step: from here up, SMMU context j's table (j = num * 8 + cbndx,
   16 contexts, one pool shared by all) is a page map `smmu_pg @ j` with the tables its walks pass
   through (`smmu_tbl1 @ j`, `smmu_tbl2 @ j`). The relation ties them to the table words below with
   coq-lib's `smmu_rel` (layout, tree, meaning) and `smmu_shape`. *)
Section SmmuPTTreeOps.
  Definition LAYER_PRIMS := "init_smmu_pt" :: "walk_smmu_pt" :: "set_smmu_pt" :: nil.

  Definition smmu_ctx (cbndx num : Z) : Z := num * 8 + cbndx.
  Definition smmu_ctx_ok (cbndx num : Z) : bool := (0 <=? cbndx) && (cbndx <? 8) && (0 <=? num) && (num <? 2).
  Definition smmu_root_of (st : RData) (j : Z) : Z := st.(smmu_ttbr) @ j.
  Definition smmu_amaps (st : RData) (j : Z) (l : nat) (k : Z) : option Z := smmu_amap (st.(smmu_pg) @ j) l k.

  (* Layout facts, set at boot: the pool and the 16 roots as coq-lib's `smmu_layout` wants them,
     below 2^40 (the bits `smmu_pt_load` keeps) and outside every stage-2 pool. *)
  Definition smmu_layout_ok (st : RData) : Prop :=
    smmu_layout st.(smmu_pool_start) (smmu_root_of st) 16 /\
    st.(smmu_pool_start) + 16777216 <= 1099511627776 /\
    prop (outside_s2_pools st.(vm_pool_start) st.(smmu_pool_start) 16777216) /\
    (forall (j : Z), 0 <= j -> j < 16 ->
       (st.(smmu_ttbr) @ j) + 8192 <= 1099511627776 /\ prop (outside_s2_pools st.(vm_pool_start) (st.(smmu_ttbr) @ j) 8192)).

  (* The SMMU tables' words are forgotten above (so are the stage-2 pools' words: from S2PTTreeOps
     up the stage-2 tables are maps too). *)
  Definition smmu_forget (st : RData) : RData :=
    st {pt_mem : zmap_init 0} {smmu_pg : zmap_init (zmap_init None)}
       {smmu_tbl1 : zmap_init (zmap_init false)} {smmu_tbl2 : zmap_init (zmap_init false)}.

  (* Everything but the SMMU tables is the same above and below; the table words are 64-bit
     values, laid out as at boot, and each context's words mean its map and tables. *)
  Definition smmupt_rel (hs ls : RData) : Prop :=
    smmu_forget hs = smmu_forget ls /\
    smmu_layout_ok ls /\
    (forall (a : Z), 0 <= ls.(pt_mem) @ a /\ ls.(pt_mem) @ a < 18446744073709551616) /\
    smmu_rel ls.(smmu_pool_start) (smmu_root_of ls) 16 ls.(smmu_pgd_used) ls.(smmu_pmd_used) ls.(pt_mem)
      (smmu_amaps hs) /\
    (forall (j : Z), 0 <= j -> j < 16 ->
       smmu_shape ls.(pt_mem) (ls.(smmu_ttbr) @ j) (hs.(smmu_tbl1) @ j) (hs.(smmu_tbl2) @ j)).
  Definition LAYER_REFREL := "smmupt_rel".
  Definition LAYER_DATA_INIT := "init_RData".

  (* C `init_smmu_pt(cbndx, num)`: clears the context's root table: it maps nothing and has no
     tables (those it had stay allocated: the pool is a bump allocator). The caller holds the
     SMMU-table lock. *)
  Definition init_smmu_pt_pre (cbndx num : Z) (st : RData) : bool :=
    smmu_ctx_ok cbndx num && lock_held st LOCK_SPT.
  Definition init_smmu_pt_spec (cbndx num : Z) (st : RData) : option RData :=
    rely init_smmu_pt_pre cbndx num st;
    Some (st {smmu_pg : st.(smmu_pg) # (smmu_ctx cbndx num) == zmap_init None}
             {smmu_tbl1 : st.(smmu_tbl1) # (smmu_ctx cbndx num) == zmap_init false}
             {smmu_tbl2 : st.(smmu_tbl2) # (smmu_ctx cbndx num) == zmap_init false}).

  (* C `walk_smmu_pt(cbndx, num, addr)`: the descriptor of `addr`'s 4 KiB page in the context's
     table, or 0. I/O addresses are below 2^40 (the walk's three indices). *)
  Definition walk_smmu_pt_pre (cbndx num addr : Z) (st : RData) : bool :=
    smmu_ctx_ok cbndx num && lock_held st LOCK_SPT && (0 <=? addr) && (addr <? 1099511627776).
  Definition walk_smmu_pt_spec (cbndx num addr : Z) (st : RData) : option (Z * RData) :=
    rely walk_smmu_pt_pre cbndx num addr st;
    Some (smmu_lookup (smmu_amaps st (smmu_ctx cbndx num)) addr, st).

  (* C `set_smmu_pt(cbndx, num, addr, pte)`: maps `addr`'s 4 KiB page to `pte`; a zero `pte`
     removes the mapping. The walk there allocates a level-1 table (per 1 GiB region) and a
     level-2 table (per 2 MiB) where none exists, each from the shared pool's counter; there must
     be room for them (the code panics otherwise). *)
  Definition set_smmu_pt_pre (cbndx num addr pte : Z) (st : RData) : bool :=
    smmu_ctx_ok cbndx num && lock_held st LOCK_SPT && (0 <=? addr) && (addr <? 1099511627776) &&
    (0 <=? pte) && (pte <? 18446744073709551616) &&
    (((st.(smmu_tbl1) @ (smmu_ctx cbndx num)) @ (addr / 1073741824)) || (st.(smmu_pgd_used) <? 256)) &&
    (((st.(smmu_tbl2) @ (smmu_ctx cbndx num)) @ (addr / 2097152)) || (st.(smmu_pmd_used) <? 3840)).
  Definition smmu_alloc1 (j k : Z) (st : RData) : RData :=
    if (st.(smmu_tbl1) @ j) @ k then st
    else st {smmu_pgd_used : st.(smmu_pgd_used) + 1}
            {smmu_tbl1 : st.(smmu_tbl1) # j == ((st.(smmu_tbl1) @ j) # k == true)}.
  Definition smmu_alloc2 (j k : Z) (st : RData) : RData :=
    if (st.(smmu_tbl2) @ j) @ k then st
    else st {smmu_pmd_used : st.(smmu_pmd_used) + 1}
            {smmu_tbl2 : st.(smmu_tbl2) # j == ((st.(smmu_tbl2) @ j) # k == true)}.
  Definition set_smmu_pt_spec (cbndx num addr pte : Z) (st : RData) : option RData :=
    rely set_smmu_pt_pre cbndx num addr pte st;
    let j := smmu_ctx cbndx num in
    let st2 := smmu_alloc2 j (addr / 2097152) (smmu_alloc1 j (addr / 1073741824) st) in
    Some (st2 {smmu_pg : st2.(smmu_pg) # j ==
                 ((st2.(smmu_pg) @ j) # (addr / 4096) == (if pte =? 0 then None else Some pte))}).
End SmmuPTTreeOps.

(* The SMMU table operations under the SMMU-table lock: `init_spt`, `walk_spt` and `map_spt` take
   `acquire_lock_spt`/`release_lock_spt` around `init_smmu_pt`/`walk_smmu_pt`/`set_smmu_pt`;
   `unmap_spt` walks and, where a mapping exists, sets a zero descriptor. Specs synthesised over
   SmmuPTTreeOps's maps. *)
Section SmmuPTOps.
  Definition LAYER_PRIMS := "init_spt" :: "walk_spt" :: "map_spt" :: "unmap_spt" :: nil.
End SmmuPTOps.

