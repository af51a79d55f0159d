(* Golden case `hypercall` of autov build: a dispatcher in the shape of SeKVM's handle_host_hvc
   (hypercall.c). `dispatch` takes a pointer to the host's saved registers, reads them through the
   trusted `get_reg`, gives their address to `save_regs_addr` as an integer (`ptrtoint`: defined
   for a plain address only) and switches over the call number. Its hand-written spec says which
   call does what; the code proof takes the switch's cases one at a time. Expected: every proof
   checks; neg_swapped_call.patch (the code unmaps on call 3 and maps on 5) fails in
   Hyp/dispatch/RefProof.v. *)

Definition PROJ_NAME := "Hypercall".
Definition PROJ_BASE := "proof".

(* The host's saved registers, the address it saved them at, the hypercall's result, and what
   the trusted callees were asked to do, newest first. `answer` is the environment: the page
   `map_page` returns. *)
Record RData := mkRData {
  hregs : ZMap.t Z;
  regs_addr : Z;
  ret : Z;
  mapped : list (Z * Z);
  unmapped : list Z;
  unknown : list Z;
  answer : Z
}.

Section Bottom.
  Definition LAYER_DATA := RData.
  Definition LAYER_CODE := "hypercall.ll".
  Definition LAYER_PRIMS :=
    "get_reg" :: "save_regs_addr" :: "set_ret" :: "map_page" :: "unmap_page" :: "log_unknown" :: nil.

  Definition init_RData : RData := mkRData (zmap_init 0) 0 0 nil nil nil 0.
  Definition LAYER_DATA_INIT := "init_RData".

  (* C `get_reg` (declared only): saved register `i` of the four, as a 64-bit value. *)
  Definition get_reg_spec (r : Ptr) (i : Z) (st : RData) : option (Z * RData) :=
    rely i <? 4;
    Some (wrap 64 (st.(hregs) @ i), st).
  (* C `save_regs_addr` (declared only): remembers where the registers are. *)
  Definition save_regs_addr_spec (a : Z) (st : RData) : option RData :=
    Some (st {regs_addr : a}).
  (* C `set_ret` (declared only): the hypercall's result. *)
  Definition set_ret_spec (v : Z) (st : RData) : option RData :=
    Some (st {ret : v}).
  (* C `map_page` / `unmap_page` / `log_unknown` (declared only): recorded; `map_page` returns
     the environment's answer. *)
  Definition map_page_spec (gfn pfn : Z) (st : RData) : option (Z * RData) :=
    Some (st.(answer), st {mapped : (gfn, pfn) :: st.(mapped)}).
  Definition unmap_page_spec (gfn : Z) (st : RData) : option RData :=
    Some (st {unmapped : gfn :: st.(unmapped)}).
  Definition log_unknown_spec (call : Z) (st : RData) : option RData :=
    Some (st {unknown : call :: st.(unknown)}).
End Bottom.

Section Hyp.
  Definition LAYER_PRIMS := "dispatch" :: nil.
  (* Call 3 maps register 1's page to register 2's and returns the page map_page gives; call 5
     unmaps register 1's page and returns 0; call 9 returns 1; any other call is logged. The
     registers' address is saved first; a pointer into an object has no address to save. *)
  Definition dispatch_spec (r : Ptr) (st : RData) : option RData :=
    match r.(pbase) with
    | Babs =>
        let call := wrap 64 (st.(hregs) @ 0) in
        let st' := st {regs_addr : wrap 64 r.(poffset)} in
        if call =? 3 then Some (st' {mapped : (wrap 64 (st.(hregs) @ 1), wrap 64 (st.(hregs) @ 2)) :: st.(mapped)} {ret : wrap 64 st.(answer)})
        else if call =? 5 then Some (st' {unmapped : wrap 64 (st.(hregs) @ 1) :: st.(unmapped)} {ret : 0})
        else if call =? 9 then Some (st' {ret : 1})
        else Some (st' {unknown : call :: st.(unknown)})
    | _ => None
    end.
  (* Defined for every plain address (the registers are at one). *)
  Definition dispatch_pre (r : Ptr) (st : RData) : bool :=
    match r.(pbase) with Babs => true | _ => false end.
End Hyp.
