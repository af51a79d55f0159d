(** vm_compute check of callbr: the asm-goto procedure returns (result, destination index). *)
From Coq Require Import ZArith List.
From AutoV Require Import All.
From G Require Import Globals Code.
Import ListNotations.
Local Open Scope Z_scope.

Definition L : layer := {|
  lstate := unit;
  lload := fun _ _ _ => None;
  lstore := fun _ _ _ _ => None;
  lalloc := fun _ _ => None;
  lptr2int := no_ptr2int;
  lfloat := no_float;
  lprim := fun _ _ _ _ _ => False
|}.

(** The asm of @jump: [cbz x, err; r := x]. *)
Definition xp (f : ident) (vs : list val) (s : unit) : option (option val * unit) :=
  if Pos.eqb f g_'iasm_jump'z0 then
    match vs with
    | Vint 32 0 :: _ => Some (Some (Vagg [Vpoison; Vint 32 1]), s)
    | Vint 32 x :: _ => Some (Some (Vagg [Vint 32 x; Vint 32 0]), s)
    | _ => None
    end
  else if Pos.eqb f g_'iasm_nop'z0 then Some (Some (Vagg [Vpoison; Vint 32 0]), s)
  else None.

Example jump_ok : run_func L code xp 100 g_jump [Vint 32 5] tt = Some (Some (Vint 32 6), tt).
Proof. vm_compute. reflexivity. Qed.
Example jump_err : run_func L code xp 100 g_jump [Vint 32 0] tt = Some (Some (Vint 32 4294967295), tt).
Proof. vm_compute. reflexivity. Qed.
Example nop : run_func L code xp 100 g_nop [] tt = Some (None, tt).
Proof. vm_compute. reflexivity. Qed.
(** An index with no destination has no behaviour. *)
Example nop_bad_index :
  run_func L code (fun f _ s => Some (Some (Vagg [Vpoison; Vint 32 1]), s)) 100 g_nop [] tt = None.
Proof. vm_compute. reflexivity. Qed.
Example jump_wrong : run_func L code xp 100 g_jump [Vint 32 0] tt <> Some (Some (Vint 32 1), tt).
Proof. vm_compute. discriminate. Qed.
