(** vm_compute checks of the constant-expression initializers of const_init.ll (compiled against
    the golden output by tests/golden.rs). *)
From Coq Require Import ZArith List.
From AutoV Require Import All.
From G Require Import Globals.
Import ListNotations.
Local Open Scope Z_scope.

(** A layer's [ptrtoint] for the check: global [g] lives at address [4096 * g]. *)
Definition p2i (p : ptr) : option Z :=
  match p with Ptr (Bglob g) o => Some (4096 * Zpos g + o) | _ => None end.
Definition init (gv : gvar) : option val :=
  match gv_init gv with Some c => eval_const p2i no_float c | None => None end.

Example p_off : init gv_p_off = Some (Vptr (Ptr (Bglob g_tab) 8)).
Proof. vm_compute. reflexivity. Qed.
Example p_field : init gv_p_field = Some (Vptr (Ptr (Bglob g_pr) 16)).
Proof. vm_compute. reflexivity. Qed.
Example p_nested : init gv_p_nested = Some (Vptr (Ptr (Bglob g_pr) 13)).
Proof. vm_compute. reflexivity. Qed.
Example p_int : init gv_p_int = Some (Vptr (Ptr Babs 4096)).
Proof. vm_compute. reflexivity. Qed.
Example p_back : init gv_p_back = Some (Vptr (Ptr Babs 4092)).
Proof. vm_compute. reflexivity. Qed.
(** [@y] is global 5, [@x] global 4. *)
Example d_ptr : init gv_d_ptr = Some (Vint 64 4096).
Proof. vm_compute. reflexivity. Qed.
Example d_rel : init gv_d_rel = Some (Vint 32 4096).
Proof. vm_compute. reflexivity. Qed.
Example sel : init gv_sel = Some (Vint 32 7).
Proof. vm_compute. reflexivity. Qed.
Example str : init gv_str =
  Some (Vagg [Vint 8 97; Vint 8 92; Vint 8 98; Vint 8 34; Vint 8 10; Vint 8 0; Vint 8 255]).
Proof. vm_compute. reflexivity. Qed.
Example long : option_map (fun v => match v with Vagg l => (length l, nth 64 l Vpoison) | _ => (O, v) end)
                 (init gv_long) = Some (70%nat, Vint 8 52).
Proof. vm_compute. reflexivity. Qed.
Example arr : init gv_arr =
  Some (Vagg [Vagg [Vint 8 97; Vint 8 98; Vint 8 0]; Vagg [Vint 8 99; Vint 8 100; Vint 8 0]]).
Proof. vm_compute. reflexivity. Qed.

(** Negative: a wrong offset or a wrong byte is told apart. *)
Example p_off_wrong : init gv_p_off <> Some (Vptr (Ptr (Bglob g_tab) 4)).
Proof. vm_compute. discriminate. Qed.
Example str_wrong : init gv_str <>
  Some (Vagg [Vint 8 97; Vint 8 92; Vint 8 98; Vint 8 34; Vint 8 10; Vint 8 0; Vint 8 254]).
Proof. vm_compute. discriminate. Qed.
(** Without the layer's [ptrtoint], a pointer difference has no value. *)
Example d_ptr_nolayer : option_map (eval_const no_ptr2int no_float) (gv_init gv_d_ptr) = Some None.
Proof. vm_compute. reflexivity. Qed.
