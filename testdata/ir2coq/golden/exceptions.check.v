(** vm_compute checks of invoke/landingpad/resume (exceptions.cpp) with coq-lib's interpreter. *)
From Coq Require Import ZArith List.
From AutoV Require Import All.
From G Require Import Globals Code.
Import ListNotations.
Local Open Scope Z_scope.

(** A layer that forgets stores and whose [alloca] hands out one stack block. *)
Definition L : layer := {|
  lstate := unit;
  lload := fun _ _ _ => None;
  lstore := fun _ _ _ s => Some s;
  lalloc := fun _ s => Some (Ptr (Bstack 0) 0, s);
  lptr2int := no_ptr2int;
  lfloat := no_float;
  lprim := fun _ _ _ _ _ => False
|}.

(** Every primitive ([may_throw], the destructor) returns normally. *)
Definition returns : ident -> list val -> unit -> option (option val * unit) :=
  fun _ _ s => Some (None, s).
(** The callee throws: coq-lib has no unwinding, so such a call has no behaviour. *)
Definition throws : ident -> list val -> unit -> option (option val * unit) :=
  fun f _ s => if Pos.eqb f g__Z9may_throwi then None else Some (None, s).

Example catches_normal : run_func L code returns 100 g__Z7catchesi [Vint 32 5] tt = Some (Some (Vint 32 5), tt).
Proof. vm_compute. reflexivity. Qed.
Example cleanup_normal :
  run_func L code returns 100 g__Z7cleanupPii [Vptr (Ptr (Bstack 7) 0); Vint 32 5] tt = Some (Some (Vint 32 6), tt).
Proof. vm_compute. reflexivity. Qed.
Example catches_throws : run_func L code throws 100 g__Z7catchesi [Vint 32 5] tt = None.
Proof. vm_compute. reflexivity. Qed.

(** Negative: the normal path does not return what the handler returns. *)
Example catches_not_handler :
  run_func L code returns 100 g__Z7catchesi [Vint 32 5] tt <> Some (Some (Vint 32 4294967295), tt).
Proof. vm_compute. discriminate. Qed.
