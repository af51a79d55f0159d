(* Stage-0 probe 3 of SEKVM.md §6.1 (a measurement, not part of the proof): two loops of the
   verified core against trusted stubs for their callees. `mem_region_search` counts up to the
   number of memory regions (a callee's result: an explicit bound, 32, the size of the region
   table); `__clear_vm_range` counts down from `size / 4096` pages (a bound from its argument).
   `scripts/sekvm-probes.sh` builds it over a copy of the IR and times `make`. *)

Definition PROJ_NAME := "ProbeLoops".
Definition PROJ_BASE := "proof".

(* The region table (count, bases, sizes) and the pages cleared, newest first (VM, pfn). *)
Record RData := mkRData {
  region_cnt : Z;
  region_base : ZMap.t Z;
  region_size : ZMap.t Z;
  cleared : list (Z * Z)
}.

Section Bottom.
  Definition LAYER_DATA := RData.
  Definition LAYER_CODE := "../SeKVM.ll".
  Definition LAYER_PRIMS :=
    "get_mem_region_cnt" :: "get_mem_region_base" :: "get_mem_region_size" :: "clear_vm_page" :: nil.

  Definition init_RData : RData := mkRData 0 (zmap_init 0) (zmap_init 0) nil.
  Definition LAYER_DATA_INIT := "init_RData".

  (* C `get_mem_region_cnt`: the number of regions, at most the table's 32. *)
  Definition get_mem_region_cnt_spec (st : RData) : option (Z * RData) :=
    rely (0 <=? st.(region_cnt)) && (st.(region_cnt) <=? 32);
    Some (st.(region_cnt), st).
  (* C `get_mem_region_base` / `get_mem_region_size`: region `i`'s start and size. *)
  Definition get_mem_region_base_spec (i : Z) (st : RData) : option (Z * RData) :=
    rely i <? 32;
    Some (st.(region_base) @ i, st).
  Definition get_mem_region_size_spec (i : Z) (st : RData) : option (Z * RData) :=
    rely i <? 32;
    Some (st.(region_size) @ i, st).
  (* C `clear_vm_page`: page `pfn` of VM `vmid` is cleared (recorded). *)
  Definition clear_vm_page_spec (vmid pfn : Z) (st : RData) : option RData :=
    Some (st {cleared : (vmid, pfn) :: st.(cleared)}).
End Bottom.

Section Loops.
  Definition LAYER_PRIMS := "mem_region_search" :: "__clear_vm_range" :: nil.
  (* At most the table's 32 regions (the count's stub relies on it). *)
  Definition mem_region_search_loop_bound : Z := 32.
  (* One iteration per 4 KiB page of `size`. *)
  Definition __clear_vm_range_loop_bound (vmid start size : Z) : Z := size / 4096.
End Loops.
