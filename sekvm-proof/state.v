(* The abstract state of SeKVM's verified core, as far as the layers of proof.v use it.

   One running CPU (`cpu`, an environment component: every theorem holds for every CPU id). Locks
   are numbered (SEKVM.md §3.2, our own numbering of the same objects): page metadata 1, core data
   2, SMMU 3, SMMU page tables 4, VM v's information 5 + v, VM v's stage-2 table 24 + v
   (v = 0 .. 18). `locks @ k` is the holder of lock k: 0 when free, c + 1 when CPU c holds it.
   Per-VM arrays of records are flattened: load slot l of VM v is `v * 5 + l` (5 slots per VM),
   vCPU c of VM v is `v * 4 + c` (4 vCPUs per VM), as in the C arrays; general register r of
   vCPU slot i is `i * 31 + r`. `pt_mem` is the page-table memory (stage 2 and SMMU table pages,
   reached by physical address), one 64-bit entry per 8-byte-aligned address. From layer
   S2PTTreeOps up, VM v's stage-2 table is two maps instead (`s2_blk @ v`: 2 MiB region -> block
   descriptor, `s2_pg @ v`: 4 KiB page -> page descriptor), with the tables the walks pass
   through (`s2_tbl1 @ v`, `s2_tbl2 @ v`, `s2_tbl3 @ v`: whether a level-1, -2, -3 table exists for
   a 512 GiB, 1 GiB, 2 MiB region; `set_npt` allocates exactly where one is missing); below it they
   are unused. Likewise from layer SmmuPTTreeOps up, SMMU context j's table (j = num * 8 + cbndx,
   16 contexts) is a map `smmu_pg @ j` (4 KiB I/O page -> descriptor) with its tables
   (`smmu_tbl1 @ j`, `smmu_tbl2 @ j`: whether a level-1, -2 table exists for a 1 GiB, 2 MiB
   region). `events` logs lock acquisitions and releases, newest first, so a later concurrency
   layer can replay them. *)

Inductive Event :=
  | EvAcquire (cpu lock : Z)
  | EvRelease (cpu lock : Z).

Record RData := mkRData {
  cpu : Z;
  locks : ZMap.t Z;
  events : list Event;
  rg_base : ZMap.t Z; rg_size : ZMap.t Z; rg_flags : ZMap.t Z; rg_cnt : Z;
  host_vttbr : Z;
  pg_count : ZMap.t Z; pg_vmid : ZMap.t Z; pg_gfn : ZMap.t Z;
  vm_vttbr : ZMap.t Z; vm_state : ZMap.t Z; vm_load_cnt : ZMap.t Z; vm_kvm_pages : ZMap.t Z;
  vm_power : ZMap.t Z; vm_pool_start : ZMap.t Z; vm_used : ZMap.t Z; vm_pmd_used : ZMap.t Z;
  vm_pud_used : ZMap.t Z; vm_pte_used : ZMap.t Z; vm_inc_exe : ZMap.t Z;
  ld_addr : ZMap.t Z; ld_size : ZMap.t Z; ld_remap : ZMap.t Z; ld_mapped : ZMap.t Z;
  vcpu_state : ZMap.t Z;
  last_remap : Z; next_vmid : Z;
  smmu_vmid : ZMap.t Z; smmu_ttbr : ZMap.t Z; smmu_num : Z;
  smmu_pool_start : Z; smmu_pgd_used : Z; smmu_pmd_used : Z;
  sysregs : ZMap.t Z;
  rg_index : ZMap.t Z;
  smmu_base : ZMap.t Z; smmu_size : ZMap.t Z; smmu_hyp_base : ZMap.t Z; smmu_banks : ZMap.t Z;
  cur_vmid : ZMap.t Z; cur_vcpuid : ZMap.t Z;
  sh_esr : ZMap.t Z; sh_dirty : ZMap.t Z;
  vc_preempted : ZMap.t Z; vc_new_pte : ZMap.t Z; vc_new_level : ZMap.t Z; vc_gpr : ZMap.t Z;
  vc_pc : ZMap.t Z; vc_pstate : ZMap.t Z; vc_esr : ZMap.t Z;
  sh_regs : ZMap.t Z; sh_far : ZMap.t Z; sh_hpfar : ZMap.t Z; sh_hcr : ZMap.t Z; sh_ec : ZMap.t Z;
  sh_flags : ZMap.t Z; sh_sysregs : ZMap.t Z;
  vm_kvm : ZMap.t Z; vcpu_ptr : ZMap.t Z; host_regs : ZMap.t Z;
  pt_mem : ZMap.t Z;
  s2_blk : ZMap.t (ZMap.t (option Z)); s2_pg : ZMap.t (ZMap.t (option Z));
  s2_tbl1 : ZMap.t (ZMap.t bool); s2_tbl2 : ZMap.t (ZMap.t bool); s2_tbl3 : ZMap.t (ZMap.t bool);
  smmu_pg : ZMap.t (ZMap.t (option Z));
  smmu_tbl1 : ZMap.t (ZMap.t bool); smmu_tbl2 : ZMap.t (ZMap.t bool)
}.

(* The EL2 system registers the verified code reads or writes with inline asm, by the key the
   AArch64 semantics gives a system register (coq-lib `sr_key`: op0, op1, CRn, CRm, op2 packed as
   op0 * 2^14 + op1 * 2^11 + CRn * 2^7 + CRm * 2^3 + op2). `sysregs @ k` is register k's value. *)
Definition HCR_EL2 : Z := 57480.
Definition TTBR0_EL2 : Z := 57600.
Definition VTTBR_EL2 : Z := 57608.
Definition ELR_EL2 : Z := 57857.
Definition ESR_EL2 : Z := 58000.
Definition FAR_EL2 : Z := 58112.
Definition HPFAR_EL2 : Z := 58116.
Definition TPIDR_EL2 : Z := 59010.
Definition el2_sysreg (k : Z) : bool :=
  (k =? HCR_EL2) || (k =? TTBR0_EL2) || (k =? VTTBR_EL2) || (k =? ELR_EL2) || (k =? ESR_EL2) ||
  (k =? FAR_EL2) || (k =? HPFAR_EL2) || (k =? TPIDR_EL2).

Definition LOCK_S2PAGE : Z := 1.
Definition LOCK_CORE : Z := 2.
Definition LOCK_SMMU : Z := 3.
Definition LOCK_SPT : Z := 4.
Definition lock_vm (v : Z) : Z := 5 + v.
Definition lock_pt (v : Z) : Z := 24 + v.

(* This CPU holds lock k. *)
Definition lock_held (st : RData) (k : Z) : bool := (st.(locks) @ k) =? st.(cpu) + 1.

(* Acquire: the lock must be free; this CPU becomes its holder. *)
Definition lock_acquire (k : Z) (st : RData) : option RData :=
  rely (st.(locks) @ k) =? 0;
  Some (st {locks : st.(locks) # k == st.(cpu) + 1} {events : EvAcquire st.(cpu) k :: st.(events)}).

(* Release: this CPU must hold the lock; it becomes free. *)
Definition lock_release (k : Z) (st : RData) : option RData :=
  rely lock_held st k;
  Some (st {locks : st.(locks) # k == 0} {events : EvRelease st.(cpu) k :: st.(events)}).
