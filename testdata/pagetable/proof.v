(* autov demonstration: a 4-level stage-2 page table (pagetable.c), seven layers bottom-up.
   The Bottom layer is the trusted interface (lock, TLB flush, memory); the specs of the layers in
   between are generated from the code; the top layer's map/unmap get abstract specs over a map
   from (vmid, ipa) to pa, related to the page tables by LAYER_REFREL. *)

Include "datatypes.v".

(* coq-lib's page-table library: the demonstration's instance (`demo_inv`, `demo_tabs`, `demo_amap`). *)
From AutoV.PT Require Import PTInstances.

Definition PROJ_NAME := "PageTable".
Definition PROJ_BASE := "proof".
(* Hand-written lemmas for the refinement proofs of the top layer's abstract specs. *)
Definition PROJ_PROOFS := "proofs.v".

Section Bottom.
  Definition LAYER_DATA := RData.
  Definition LAYER_CODE := "pagetable.ll".

  Definition init_RData : RData :=
    mkRData (zmap_init (zmap_init 0)) (zmap_init (zmap_init 0)) (zmap_init (zmap_init 0))
            (zmap_init (zmap_init 0)) (zmap_init 0) (zmap_init 0) nil.
  Definition LAYER_DATA_INIT := "init_RData".

  (* Memory of the globals of pagetable.c: 8-byte accesses into the pools and pool_next.
     A pool entry [tbl][idx] lives at byte offset tbl * 4096 + idx * 8. *)
  (* The global variable a pointer points into ("" for other blocks). *)
  Definition glob_name (p : Ptr) : string :=
    match p.(pbase) with
    | Bglob g => g
    | _ => ""
    end.

  Definition pool_of (st : RData) (name : string) : option (ZMap.t (ZMap.t Z)) :=
    if name =s "pt_l0" then Some st.(l0_tables)
    else if name =s "pt_l1" then Some st.(l1_tables)
    else if name =s "pt_l2" then Some st.(l2_tables)
    else if name =s "pt_l3" then Some st.(l3_tables)
    else None.

  (* The size in bytes of each global, from its LLVM type in pagetable.ll: a pool
     `[MAX_VM x [512 x i64]]` (MAX_VM * 4096), `pool_next` `[4 x i64]` (32); 0 for any other block. The
     generated Bottom/InitMem.v checks the bounds against the IR's types (`bounds_<global>`). *)
  Definition glob_bytes (name : string) : Z :=
    if name =s "pool_next" then 32
    else if (name =s "pt_l0") || (name =s "pt_l1") || (name =s "pt_l2") || (name =s "pt_l3") then MAX_VM * 4096
    else 0.

  (* An access is 8 bytes, aligned, and inside its object: an out-of-bounds or mis-sized access is
     None (e.g. pt_l0[MAX_VM][0], one past the last root). *)
  Definition load_RData (sz : Z) (p : Ptr) (st : RData) : option Z :=
    let off := p.(poffset) in
    rely sz =? 8;
    rely 0 <=? off && off mod 8 =? 0;
    rely off + sz <=? glob_bytes (glob_name p);
    if glob_name p =s "pool_next" then
      rely off <? 32; Some (st.(pool_next) @ (off / 8))
    else
      when pool == pool_of st (glob_name p);
      Some ((pool @ (off / PAGE_SIZE)) @ (off mod PAGE_SIZE / 8)).

  Definition store_pool (m : ZMap.t (ZMap.t Z)) (off v : Z) : ZMap.t (ZMap.t Z) :=
    let tbl := off / PAGE_SIZE in
    m # tbl == ((m @ tbl) # (off mod PAGE_SIZE / 8) == v).

  Definition store_RData (sz : Z) (p : Ptr) (v : Z) (st : RData) : option RData :=
    let off := p.(poffset) in
    rely sz =? 8;
    rely 0 <=? off && off mod 8 =? 0;
    rely off + sz <=? glob_bytes (glob_name p);
    let b := glob_name p in
    if b =s "pool_next" then (rely off <? 32; Some (st {pool_next : st.(pool_next) # off / 8 == v}))
    else if b =s "pt_l0" then Some (st.[l0_tables] :< store_pool st.(l0_tables) off v)
    else if b =s "pt_l1" then Some (st.[l1_tables] :< store_pool st.(l1_tables) off v)
    else if b =s "pt_l2" then Some (st.[l2_tables] :< store_pool st.(l2_tables) off v)
    else if b =s "pt_l3" then Some (st.[l3_tables] :< store_pool st.(l3_tables) off v)
    else None.

  Definition LAYER_LOAD := "load_RData".
  Definition LAYER_STORE := "store_RData".

  Definition LAYER_PRIMS := "acquire_lock_s2pt" :: "release_lock_s2pt" :: "tlb_flush_vmid_ipa" :: nil.

  (* A spin lock in a sequential model: acquiring a held lock is undefined (None). *)
  Definition acquire_lock_s2pt_spec (vmid : Z) (st : RData) : option RData :=
    rely (st.(s2_locks) @ vmid) =? 0;
    Some (st {s2_locks : st.(s2_locks) # vmid == 1}).

  Definition release_lock_s2pt_spec (vmid : Z) (st : RData) : option RData :=
    rely (st.(s2_locks) @ vmid) =? 1;
    Some (st {s2_locks : st.(s2_locks) # vmid == 0}).

  Definition tlb_flush_vmid_ipa_spec (vmid ipa : Z) (st : RData) : option RData :=
    Some (st.[tlb_log] :< (vmid, ipa) :: st.(tlb_log)).
End Bottom.

Section PTPool.
  Definition LAYER_PRIMS :=
    "pt_load" :: "pt_store" :: "get_pool_next" :: "set_pool_next" :: "pool_limit" :: "pt_index" :: nil.
End PTPool.

Section PTAlloc.
  Definition LAYER_PRIMS := "alloc_table" :: nil.
End PTAlloc.

Section PTStep.
  Definition LAYER_PRIMS := "walk_next" :: nil.
End PTStep.

Section PTWalk.
  Definition LAYER_PRIMS := "walk_to_leaf" :: nil.
  (* The loop over the levels runs 3 times; any upper bound works (without it, autov infers 5 from
     the loop's exit test `level == 3`). *)
  Definition walk_to_leaf_loop_bound (vmid ipa alloc : Z) : Z := 4.
End PTWalk.

Section PTLeaf.
  Definition LAYER_PRIMS := "get_leaf" :: "set_leaf" :: "clear_leaf" :: nil.
  (* The leaf operations call the walk instead of inlining it: the hand proofs reason about the
     walk once (proofs.v, [walk_get], [walk_alloc]). *)
  Hint NoUnfold walk_to_leaf_spec.
End PTLeaf.

Section MemManager.
  Definition LAYER_DATA := AbsData.
  Definition LAYER_PRIMS := "map_page" :: "unmap_page" :: nil.

  Definition init_abs : AbsData := mkAbsData (zmap_init (zmap_init None)) (zmap_init 0) nil.
  Definition LAYER_DATA_INIT := "init_abs".

  (* The page tables as coq-lib's page-table library sees them (coq-lib/PT/PTInstances.v, "The
     demonstration"): per level, the array of tables. *)
  Definition pt_tabs (c : RData) : nat -> ZMap.t (ZMap.t Z) :=
    demo_tabs c.(l0_tables) c.(l1_tables) c.(l2_tables) c.(l3_tables).

  (* The abstract map of every VM below MAX_VM is what its tables translate (`demo_inv`: the
     library's tree relation with one root per VM and bump-allocated tables per level; entries
     that name no table are zero; at most one table per level and VM on the path that all IPAs
     below 2 MiB share, so the allocator never runs out); locks and the TLB-flush log are the
     same. *)
  Definition pt_refrel (a : AbsData) (c : RData) : Prop :=
    (forall (v : Z), a.(abs_locks) @ v = c.(s2_locks) @ v) /\ a.(abs_tlb_log) = c.(tlb_log) /\
    demo_inv MAX_VM c.(pool_next) (pt_tabs c) (demo_amap a.(s2map)).
  Definition LAYER_REFREL := "pt_refrel".

  Definition s2_args_ok (vmid ipa : Z) : bool :=
    vmid <? MAX_VM && ipa <? IPA_LIMIT && (ipa & 4095) =? 0.

  (* Where the abstract specs are promised (the domain of the top theorem): the VM's page-table
     lock is free. Bad arguments are defined too (error code 2). *)
  Definition map_page_pre (vmid ipa pa : Z) (st : AbsData) : bool := (st.(abs_locks) @ vmid) =? 0.
  Definition unmap_page_pre (vmid ipa : Z) (st : AbsData) : bool := (st.(abs_locks) @ vmid) =? 0.

  Definition map_page_spec (vmid ipa pa : Z) (st : AbsData) : option (Z * AbsData) :=
    if s2_args_ok vmid ipa && (pa & 0xffff000000000fff) =? 0 then
      rely (st.(abs_locks) @ vmid) =? 0;
      let pfn := ipa / PAGE_SIZE in
      match (st.(s2map) @ vmid) @ pfn with
      | Some _ => Some (1, st)
      | None => Some (0, st {s2map : st.(s2map) # vmid == ((st.(s2map) @ vmid) # pfn == Some pa)})
      end
    else Some (2, st).

  Definition unmap_page_spec (vmid ipa : Z) (st : AbsData) : option (Z * AbsData) :=
    if s2_args_ok vmid ipa then
      rely (st.(abs_locks) @ vmid) =? 0;
      let pfn := ipa / PAGE_SIZE in
      match (st.(s2map) @ vmid) @ pfn with
      | Some _ =>
          Some (0, st {s2map : st.(s2map) # vmid == ((st.(s2map) @ vmid) # pfn == None)}
                      {abs_tlb_log : (vmid, ipa) :: st.(abs_tlb_log)})
      | None => Some (1, st)
      end
    else Some (2, st).

End MemManager.
