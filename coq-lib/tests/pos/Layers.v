(** Test layers: L0 (memory of 100 i32 words in [data], primitive [bump]),
    Lmid (primitive [inc], implemented by F_inc over L0), Ltop (a counter,
    primitive [inc2], implemented by F_inc2 over Lmid). *)
From AutoV Require Import All.
From Prog Require Import Globals.
Local Open Scope Z_scope.

Definition Mem := ZMap.t Z.

(** Words of [data], keyed by byte offset (a multiple of 4). *)
Definition in_data (g : ident) (o : Z) : bool :=
  Pos.eqb g g_data && (0 <=? o) && (o <? 400) && (o mod 4 =? 0).

#[global] Hint Unfold in_data : vcunfold.

Definition l0_load (t : typ) (p : ptr) (m : Mem) : option val :=
  match p with
  | Ptr (Bglob g) o => if in_data g o then Some (Vint 32 (wrap 32 (m @ o))) else None
  | _ => None
  end.

Definition l0_store (t : typ) (p : ptr) (v : val) (m : Mem) : option Mem :=
  match p, v with
  | Ptr (Bglob g) o, Vint 32 z => if in_data g o then Some (m # o == z) else None
  | _, _ => None
  end.

(** [bump k]: returns [data[k]] and increments it. *)
Definition bump_spec (k : Z) (m : Mem) : option (Z * Mem) :=
  rely ((0 <=? k) && (k <? 100));
  Some (wrap 32 (m @ (k * 4)), m # (k * 4) == add32 (m @ (k * 4)) 1).

Definition bump_prim : primspec Mem := fun vs m =>
  match vs with [Vint 32 k] => ret_int 32 (bump_spec k m) | _ => None end.

Definition L0 : layer := {|
  lstate := Mem;
  lload := l0_load;
  lstore := l0_store;
  lalloc := fun _ _ => None;
  lptr2int := no_ptr2int;
  lfloat := no_float;
  lprim := prims_rel [(g_bump, bump_prim)]
|}.

(** Lmid: [inc o] adds 5 to word [o]. *)
Definition inc_spec (o : Z) (m : Mem) : option Mem :=
  rely ((0 <=? signed32 o) && (signed32 o <? 100));
  Some (m # (signed32 o * 4) == add32 (m @ (signed32 o * 4)) 5).

Definition inc_prim : primspec Mem := fun vs m =>
  match vs with [Vint 32 o] => ret_void (inc_spec o m) | _ => None end.

Definition Lmid : layer := {|
  lstate := Mem;
  lload := fun _ _ _ => None;
  lstore := fun _ _ _ _ => None;
  lalloc := fun _ _ => None;
  lptr2int := no_ptr2int;
  lfloat := no_float;
  lprim := prims_rel [(g_inc, inc_prim)]
|}.
