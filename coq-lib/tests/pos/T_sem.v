(** Unit tests of the bit-precise expression semantics and of control flow
    (evaluated with [vm_compute]). *)
From AutoV Require Import All.
Local Open Scope Z_scope.

Definition ev (a : expr) : option val := eval_expr no_ptr2int no_float env_empty a.
Definition i32 (z : Z) : expr := Econst (Cint 32 z).
Definition i8 (z : Z) : expr := Econst (Cint 8 z).

(* wrap-around and flags *)
Example add_wraps : ev (Ebinop Oadd nofl (i32 4294967295) (i32 1)) = Some (Vint 32 0).
Proof. vm_compute. reflexivity. Qed.
Example add_nsw_poison : ev (Ebinop Oadd fl_nsw (i32 2147483647) (i32 1)) = Some Vpoison.
Proof. vm_compute. reflexivity. Qed.
Example add_nuw_poison : ev (Ebinop Oadd fl_nuw (i32 (-1)) (i32 1)) = Some Vpoison.
Proof. vm_compute. reflexivity. Qed.
Example add_nsw_ok : ev (Ebinop Oadd fl_nsw (i32 (-1)) (i32 1)) = Some (Vint 32 0).
Proof. vm_compute. reflexivity. Qed.
Example sub_nuw_poison : ev (Ebinop Osub fl_nuw (i32 0) (i32 1)) = Some Vpoison.
Proof. vm_compute. reflexivity. Qed.
Example mul_wraps : ev (Ebinop Omul nofl (i32 65536) (i32 65536)) = Some (Vint 32 0).
Proof. vm_compute. reflexivity. Qed.
(* signed vs unsigned division, UB *)
Example sdiv_trunc : ev (Ebinop Osdiv nofl (i32 (-7)) (i32 2)) = Some (Vint 32 4294967293).
Proof. vm_compute. reflexivity. Qed.
Example udiv_big : ev (Ebinop Oudiv nofl (i32 (-7)) (i32 2)) = Some (Vint 32 2147483644).
Proof. vm_compute. reflexivity. Qed.
Example srem_sign : ev (Ebinop Osrem nofl (i32 (-7)) (i32 2)) = Some (Vint 32 4294967295).
Proof. vm_compute. reflexivity. Qed.
Example udiv_zero : ev (Ebinop Oudiv nofl (i32 1) (i32 0)) = None.
Proof. vm_compute. reflexivity. Qed.
Example sdiv_overflow : ev (Ebinop Osdiv nofl (i32 (-2147483648)) (i32 (-1))) = None.
Proof. vm_compute. reflexivity. Qed.
Example srem_overflow : ev (Ebinop Osrem nofl (i32 (-2147483648)) (i32 (-1))) = None.
Proof. vm_compute. reflexivity. Qed.
Example udiv_exact_poison : ev (Ebinop Oudiv fl_exact (i32 7) (i32 2)) = Some Vpoison.
Proof. vm_compute. reflexivity. Qed.
(* shifts *)
Example shl_over : ev (Ebinop Oshl nofl (i32 1) (i32 32)) = Some Vpoison.
Proof. vm_compute. reflexivity. Qed.
Example shl_wraps : ev (Ebinop Oshl nofl (i32 3) (i32 31)) = Some (Vint 32 2147483648).
Proof. vm_compute. reflexivity. Qed.
Example lshr_logical : ev (Ebinop Olshr nofl (i32 (-1)) (i32 28)) = Some (Vint 32 15).
Proof. vm_compute. reflexivity. Qed.
Example ashr_arith : ev (Ebinop Oashr nofl (i32 (-16)) (i32 2)) = Some (Vint 32 4294967292).
Proof. vm_compute. reflexivity. Qed.
Example shl_nuw_poison : ev (Ebinop Oshl fl_nuw (i32 (-1)) (i32 1)) = Some Vpoison.
Proof. vm_compute. reflexivity. Qed.
(* comparisons *)
Example slt_neg : ev (Eicmp Cslt (i32 (-1)) (i32 0)) = Some Vtrue.
Proof. vm_compute. reflexivity. Qed.
Example ult_neg : ev (Eicmp Cult (i32 (-1)) (i32 0)) = Some Vfalse.
Proof. vm_compute. reflexivity. Qed.
Example cmp_poison : ev (Eicmp Ceq (Econst (Cpoison (Tint 32))) (i32 0)) = Some Vpoison.
Proof. vm_compute. reflexivity. Qed.
(* casts *)
Example sext8 : ev (Ecast Ksext (i8 128) (Tint 32)) = Some (Vint 32 4294967168).
Proof. vm_compute. reflexivity. Qed.
Example zext8 : ev (Ecast Kzext (i8 128) (Tint 32)) = Some (Vint 32 128).
Proof. vm_compute. reflexivity. Qed.
Example trunc8 : ev (Ecast Ktrunc (i32 511) (Tint 8)) = Some (Vint 8 255).
Proof. vm_compute. reflexivity. Qed.
Example inttoptr_roundtrip :
  ev (Ecast Kptrtoint (Ecast Kinttoptr (Econst (Cint 64 4096)) Tptr) (Tint 64)) = Some (Vint 64 4096).
Proof. vm_compute. reflexivity. Qed.
Example null_is_zero : ev (Ecast Kptrtoint (Econst Cnull) (Tint 64)) = Some (Vint 64 0).
Proof. vm_compute. reflexivity. Qed.
Example gep_neg :
  ev (Eptradd (Econst (Cglobal 3%positive)) (Econst (Cint 64 (-8))))
  = Some (Vptr (Ptr (Bglob 3%positive) (-8))).
Proof. vm_compute. reflexivity. Qed.
Example global_ne_null : ev (Eicmp Ceq (Econst (Cglobal 3%positive)) (Econst Cnull)) = Some Vfalse.
Proof. vm_compute. reflexivity. Qed.
Example bitcast_float : ev (Ecast Kbitcast (i32 1065353216) (Tfloat Ffloat)) = Some (Vfloat Ffloat 1065353216).
Proof. vm_compute. reflexivity. Qed.
Example float_uninterpreted : ev (Efbinop Ofadd (Econst (Cfloat Ffloat 0)) (Econst (Cfloat Ffloat 0))) = None.
Proof. vm_compute. reflexivity. Qed.
(* select, freeze, aggregates, vectors *)
Example select_poison : ev (Eselect (Econst (Cpoison (Tint 1))) (i32 1) (i32 2)) = Some Vpoison.
Proof. vm_compute. reflexivity. Qed.
Example select_unused_poison : ev (Eselect (Econst (Cint 1 1)) (i32 1) (Econst (Cpoison (Tint 32)))) = Some (Vint 32 1).
Proof. vm_compute. reflexivity. Qed.
Example freeze_poison : ev (Efreeze (Econst (Cundef (Tint 32)))) = None.
Proof. vm_compute. reflexivity. Qed.
Example insert_extract :
  ev (Eextractvalue (Einsertvalue (Econst (Czero (Tstruct false [Tint 8; Tint 32]))) (i32 5) [1]) [1])
  = Some (Vint 32 5).
Proof. vm_compute. reflexivity. Qed.
Example vec_add :
  ev (Ebinop Oadd nofl (Econst (Cvec [Cint 32 1; Cint 32 (-1)])) (Econst (Cvec [Cint 32 2; Cint 32 1])))
  = Some (Vvec [Vint 32 3; Vint 32 0]).
Proof. vm_compute. reflexivity. Qed.
Example shuffle :
  ev (Eshufflevector (Econst (Cvec [Cint 32 1; Cint 32 2])) (Econst (Cvec [Cint 32 3; Cint 32 4])) [3; 0; -1])
  = Some (Vvec [Vint 32 4; Vint 32 1; Vpoison]).
Proof. vm_compute. reflexivity. Qed.

(* control flow: multi-level break, continue out of a nested block, dispatch *)
Definition Lnone : layer := {|
  lstate := unit; lload := fun _ _ _ => None; lstore := fun _ _ _ _ => None;
  lalloc := fun _ _ => None; lptr2int := no_ptr2int; lfloat := no_float;
  lprim := fun _ _ _ _ _ => False |}.
Definition _x : ident := 1%positive.
Definition _pc : ident := 2%positive.
Definition runs (s : stmt) : option val :=
  match run_stmt Lnone [] (fun _ _ _ => None) 1000%nat (tset _x (Vint 32 0) Tleaf) tt s with
  | Some (e, _, _) => tget _x e
  | None => None
  end.
Definition incx : stmt := Sassign _x (Ebinop Oadd nofl (Evar _x) (i32 1)).
Definition xlt (n : Z) : expr := Eicmp Cslt (Evar _x) (i32 n).

(* loop { block { if x < 5 then { x++; continue 1 } else break 1 } ; x := 100 } : non-tail continue *)
Example continue_nontail :
  runs (Sloop (Sseq (Sblock (Sif (xlt 5) (Sseq incx (Scontinue 1)) (Sbreak 1)))
                    (Sassign _x (i32 100)))) = Some (Vint 32 5).
Proof. vm_compute. reflexivity. Qed.
(* block { loop { loop { x++; if x < 3 then continue 0 else break 2 } } ; x := 100 } *)
Example break_2 :
  runs (Sblock (Sseq (Sloop (Sloop (Sseq incx (Sif (xlt 3) (Scontinue 0) (Sbreak 2)))))
                     (Sassign _x (i32 100)))) = Some (Vint 32 3).
Proof. vm_compute. reflexivity. Qed.
(* dispatch: pc 0 -> x += 1, goto 1; pc 1 -> if x < 4 goto 0 else exit *)
Example dispatch :
  runs (Sseq (Sassign _pc (i32 0))
         (Sdispatch _pc [([0], Sseqs [incx; Sassign _pc (i32 1); Scontinue 0]);
                         ([1], Sif (xlt 4) (Sseq (Sassign _pc (i32 0)) (Scontinue 0)) (Sbreak 0))]))
  = Some (Vint 32 4).
Proof. vm_compute. reflexivity. Qed.
Example continue_to_block_undefined : runs (Sblock (Scontinue 0)) = None.
Proof. vm_compute. reflexivity. Qed.
Example unreachable_undefined : runs Sunreachable = None.
Proof. vm_compute. reflexivity. Qed.

(* vcgen unrolls loops whose trip count is decided *)
Definition f_count : func := {|
  fn_params := []; fn_ret := Tint 32; fn_vararg := false;
  fn_body := Sseqs [Sassign _x (i32 0);
                    Sloop (Sseqs [incx; Sif (xlt 3) (Scontinue 0) (Sbreak 0)]);
                    Sreturn (Some (Evar _x))] |}.
Lemma count_3 : exec_func Lnone [(1%positive, f_count)] 1%positive [] tt tt (Some (Vint 32 3)).
Proof. vcgen. Qed.
