(* `read_esr` (code: inline asm) is verified above a bottom layer that gives no register view
   (LAYER_GET_REG/LAYER_SET_REG), so its asm has nothing to run over.
   expect: E-CFG050 *)
Definition PROJ_NAME := "NoView".
Definition PROJ_BASE := "out".
Section Bottom.
  Definition LAYER_DATA := Z.
  Definition init : Z := 0.
  Definition LAYER_DATA_INIT := "init".
  Definition LAYER_CODE := "../sysreg/sysreg.ll".
  Definition LAYER_PRIMS := nil.
End Bottom.
Section Regs.
  Definition LAYER_PRIMS := "read_esr" :: nil.
End Regs.
