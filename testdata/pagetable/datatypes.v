(* Data types and constants of the page-table demonstration (included by proof.v). *)

Definition MAX_VM : Z := 2.
Definition IPA_LIMIT : Z := 2097152.          (* 1 << 21 *)
Definition PAGE_SIZE : Z := 4096.

(* The concrete state seen by the code: the four descriptor pools (table index -> entry index ->
   descriptor), the bump pointers (level -> next free table), the per-VM locks (0 free, 1 held)
   and the log of TLB flushes (most recent first). *)
Record RData := mkRData {
  l0_tables : ZMap.t (ZMap.t Z);
  l1_tables : ZMap.t (ZMap.t Z);
  l2_tables : ZMap.t (ZMap.t Z);
  l3_tables : ZMap.t (ZMap.t Z);
  pool_next : ZMap.t Z;
  s2_locks : ZMap.t Z;
  tlb_log : list (Z * Z)
}.

(* The abstract state of the top layer: per VM, a map from IPA page number to PA. *)
Definition S2Map := ZMap.t (ZMap.t (option Z)).

Record AbsData := mkAbsData {
  s2map : S2Map;
  abs_locks : ZMap.t Z;
  abs_tlb_log : list (Z * Z)
}.
