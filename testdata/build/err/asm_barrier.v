(* `sync_context` (code: an `isb` barrier in inline asm) is verified over a register view, which
   carries system registers and memory but, without a maintenance handler (LAYER_ASM_MAINT), no
   barriers: its asm has no spec.
   expect: E-BLD022 *)
Definition PROJ_NAME := "AsmBarrier".
Definition PROJ_BASE := "out".
Section Bottom.
  Definition LAYER_DATA := ZMap.t Z.
  Definition init : ZMap.t Z := zmap_init 0.
  Definition LAYER_DATA_INIT := "init".
  Definition LAYER_CODE := "../sysreg/sysreg.ll".
  Definition LAYER_PRIMS := nil.
  Definition get_reg (k : Z) (st : ZMap.t Z) : option Z := Some (st @ k).
  Definition set_reg (k v : Z) (st : ZMap.t Z) : option (ZMap.t Z) := Some (st # k == v).
  Definition LAYER_GET_REG := "get_reg".
  Definition LAYER_SET_REG := "set_reg".
End Bottom.
Section Regs.
  Definition LAYER_PRIMS := "sync_context" :: nil.
End Regs.
