(** vm_compute check of va_arg (each site a layer primitive) with coq-lib's interpreter. *)
From Coq Require Import ZArith List.
From AutoV Require Import All.
From G Require Import Globals Code.
Import ListNotations.
Local Open Scope Z_scope.

Definition L : layer := {|
  lstate := unit;
  lload := fun _ _ _ => None;
  lstore := fun _ _ _ _ => None;
  lalloc := fun _ s => Some (Ptr (Bstack 0) 0, s);
  lptr2int := no_ptr2int;
  lfloat := no_float;
  lprim := fun _ _ _ _ _ => False
|}.

(** The layer's variadic arguments: an [i32] 3 then an [i64] 4. *)
Definition xp (f : ident) (vs : list val) (s : unit) : option (option val * unit) :=
  if Pos.eqb f g_'vaarg_sum2'z0 then Some (Some (Vint 32 3), s)
  else if Pos.eqb f g_'vaarg_sum2'z1 then Some (Some (Vint 64 4), s)
  else Some (None, s).

Example sum2 : run_func L code xp 100 g_sum2 [Vint 32 2] tt = Some (Some (Vint 32 7), tt).
Proof. vm_compute. reflexivity. Qed.
Example sum2_wrong : run_func L code xp 100 g_sum2 [Vint 32 2] tt <> Some (Some (Vint 32 8), tt).
Proof. vm_compute. discriminate. Qed.
