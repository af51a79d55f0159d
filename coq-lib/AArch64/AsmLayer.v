(** * AArch64 memory through a layer

    [layer_mem L] makes the AArch64 semantics load and store through the layer [L]'s
    [lload]/[lstore] (on integer addresses, i.e. [Ptr Babs a]), so asm procedures run on
    the same abstract state as the IR code of that layer. An access of [n] bytes is an
    [i(8n)] load/store. *)

From Coq Require Import ZArith.
From AutoV Require Import Syntax Values.
From AutoV.AArch64 Require Import AsmSyntax AsmSemantics.
Open Scope Z_scope.

Definition layer_mem (L : layer) : MemOps := {|
  mem := lstate L;
  mload m a size :=
    match lload L (Tint (8 * size)) (Ptr Babs a) m with
    | Some (Vint _ z) => Some z
    | _ => None
    end;
  mstore m a size v := lstore L (Tint (8 * size)) (Ptr Babs a) (Vint (8 * size) (v mod 2 ^ (8 * size))) m
|}.

(** Loads and stores of the asm semantics are exactly the layer's. *)
Lemma layer_mem_load : forall L m a size,
  @mload (layer_mem L) m a size =
  match lload L (Tint (8 * size)) (Ptr Babs a) m with Some (Vint _ z) => Some z | _ => None end.
Proof. reflexivity. Qed.

Lemma layer_mem_store : forall L m a size v,
  @mstore (layer_mem L) m a size v =
  lstore L (Tint (8 * size)) (Ptr Babs a) (Vint (8 * size) (v mod 2 ^ (8 * size))) m.
Proof. reflexivity. Qed.
