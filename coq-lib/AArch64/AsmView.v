(** * Inline asm through a layer's register view

    A layer that provides inline-asm procedures to the code above it gives a register view:
    [get_reg k st] / [set_reg k v st] read and write the system register with key [k] ([sr_key])
    in its abstract state ([None]: not part of the view). An instantiated inline-asm procedure
    (asmgen) then runs as follows:
    - the system registers its [mrs] instructions read must all be in the view (else [None]);
      they, and nothing else, are taken from the state (the NZCV flags too, if read);
    - general registers are scratch: zero except the inputs the constraints bind (the asm can
      observe the caller's values only through its operands);
    - memory is the layer's own ([M]'s memory is the layer state, [AsmLayer.layer_mem]);
    - afterwards every system-register write, in program order, goes through [set_reg], and
      every barrier and TLB or cache maintenance operation through the layer's maintenance
      handler [on_maint op arg] ([maint_of]: the instruction as text, ["dsb ish"],
      ["tlbi ipas2e1is"], and its register operand), so layers above can observe them (a layer
      without a handler passes [no_maint]: such a call is undefined);
      any other effect (a PSTATE change, an exception, a hint, the exclusive monitor) makes the
      call undefined: the view does not model it, and nothing is dropped silently;
    - the results are the output registers.

    [asm_view_call] runs the procedure's straight-line low spec ([asm_<p>_low], asmgen);
    [asm_view_machine] runs the code on the machine ([call_asm]: fetch at the pc, step);
    [asm_view_call_machine] says they agree, given asmgen's per-procedure [asm_<p>_refines]. *)

From Coq Require Import ZArith List String Bool.
From AutoV.AArch64 Require Import AsmSyntax AsmSemantics.
Import ListNotations.
Open Scope Z_scope.

(** The environment inline asm runs in: no symbols, no address translation. *)
Definition asm_env : env := mkenv 0 (fun _ => 0) (fun _ a => a).

(** A barrier or maintenance event as the layer's handler sees it: the instruction's text and
    its register operand (an address or a VA/IPA page number), if any. *)
Definition barrier_name (b : barrier) : string :=
  match b with DSB => "dsb" | DMB => "dmb" | ISB => "isb" end.
Definition bopt_name (o : bopt) : string :=
  match o with
  | SY => "sy" | ST => "st" | LD => "ld" | ISH => "ish" | ISHST => "ishst" | ISHLD => "ishld"
  | NSH => "nsh" | NSHST => "nshst" | NSHLD => "nshld" | OSH => "osh" | OSHST => "oshst"
  | OSHLD => "oshld"
  end.
Definition maint_of (e : event) : option (string * option Z) :=
  match e with
  | EvBarrier ISB _ => Some ("isb"%string, None)
  | EvBarrier b o => Some ((barrier_name b ++ " " ++ bopt_name o)%string, None)
  | EvTlbi op a => Some (("tlbi " ++ op)%string, a)
  | EvDc op a => Some (("dc " ++ op)%string, Some a)
  | EvIc op a => Some (("ic " ++ op)%string, a)
  | _ => None
  end.

(** The handler of a layer that carries no maintenance events. *)
Definition no_maint {S} (op : string) (arg : option Z) (st : S) : option S := None.

(** The system registers a body reads with [mrs], in order. *)
Fixpoint sys_reads (body : list instr) : list Z :=
  match body with
  | [] => []
  | Imrs _ sr :: rest => sr_key sr :: sys_reads rest
  | _ :: rest => sys_reads rest
  end.

Section VIEW.
Context {M : MemOps}.
Variable get_reg : Z -> mem -> option Z.
Variable set_reg : Z -> Z -> mem -> option mem.
Variable on_maint : string -> option Z -> mem -> option mem.

(** The system registers [ks], read through the view (all must be there). *)
Fixpoint view_sys (ks : list Z) (st : mem) : option (Z -> Z) :=
  match ks with
  | [] => Some (fun _ => 0)
  | k :: ks' =>
      match get_reg k st, view_sys ks' st with
      | Some v, Some f => Some (upd f k v)
      | _, _ => None
      end
  end.

(** The machine state an inline-asm procedure starts in. *)
Definition view_state (sys : Z -> Z) (st : mem) : state :=
  set_nzcv (mkst (fun _ => 0) (fun _ => 0) 0 false false false false sys st None [] 0)
    (sys (sr_key NZCV_SR)).

(** Effects back into the layer state, oldest first: system-register writes, barriers and
    maintenance. *)
Fixpoint view_effects (evs : list event) (st : mem) : option mem :=
  match evs with
  | [] => Some st
  | EvSysWrite sr v :: rest =>
      match set_reg (sr_key sr) v st with
      | Some st' => view_effects rest st'
      | None => None
      end
  | e :: rest =>
      match maint_of e with
      | Some (op, a) =>
          match on_maint op a st with
          | Some st' => view_effects rest st'
          | None => None
          end
      | None => None
      end
  end.

(** After the procedure: its effects, then the results. *)
Definition view_return (outs : list Z) (s1 : state) : option (list Z * mem) :=
  match view_effects (rev (st_events s1)) (st_mem s1) with
  | Some st' => Some (map (fun r => rd64 (X r) s1) outs, st')
  | None => None
  end.

Definition view_enter (code : list instr) (ins args : list Z) (st : mem) : option state :=
  match view_sys (sys_reads code) st with
  | Some sys => Some (set_regs (combine ins args) (view_state sys st))
  | None => None
  end.

(** The procedure's spec: its low spec between entry and return. *)
Definition asm_view_call (code : list instr) (low : env -> state -> option state)
    (ins outs args : list Z) (st : mem) : option (list Z * mem) :=
  match view_enter code ins args st with
  | Some s0 =>
      match low asm_env s0 with
      | Some s1 => view_return outs s1
      | None => None
      end
  | None => None
  end.

(** The same through the machine: the code fetched and stepped from index 0. *)
Definition asm_view_machine (code : list instr) (ins outs args : list Z) (st : mem)
    : option (list Z * mem) :=
  match view_enter code ins args st with
  | Some s0 =>
      match run (S (List.length code)) asm_env code s0 with
      | Some s1 => view_return outs s1
      | None => None
      end
  | None => None
  end.

Lemma set_regs_pc : forall ins s, st_pc (set_regs ins s) = st_pc s.
Proof.
  induction ins as [|[r v] ins IH]; intros s; [reflexivity|].
  cbn [set_regs]. rewrite IH. reflexivity.
Qed.

Lemma view_enter_pc : forall code ins args st s0,
  view_enter code ins args st = Some s0 -> st_pc s0 = 0.
Proof.
  unfold view_enter; intros code ins args st s0 H.
  destruct (view_sys (sys_reads code) st); [|discriminate].
  injection H as <-. rewrite set_regs_pc. reflexivity.
Qed.

(** The code proof of an inline-asm procedure: where its spec is defined, the machine computes
    the same results and state (from asmgen's refinement of the code by its low spec). *)
Theorem asm_view_call_machine :
  forall code low ins outs args st r,
    (forall e s s', st_pc s = 0 -> low e s = Some s' -> run (S (List.length code)) e code s = Some s') ->
    asm_view_call code low ins outs args st = Some r ->
    asm_view_machine code ins outs args st = Some r.
Proof.
  unfold asm_view_call, asm_view_machine; intros code low ins outs args st r Href H.
  destruct (view_enter code ins args st) as [s0|] eqn:E; [|discriminate].
  destruct (low asm_env s0) as [s1|] eqn:L; [|discriminate].
  rewrite (Href asm_env s0 s1 (view_enter_pc _ _ _ _ _ E) L). exact H.
Qed.

End VIEW.

(** Generated files name the memory (the layer's) explicitly. *)
Arguments asm_view_call M get_reg set_reg on_maint code low ins outs args st : clear implicits.
Arguments asm_view_machine M get_reg set_reg on_maint code ins outs args st : clear implicits.
Arguments asm_view_call_machine M get_reg set_reg on_maint code low ins outs args st r
  : clear implicits.

(** Marshalling to a spec's result: one output or none. *)
Definition asm_ret1 {S} (o : option (list Z * S)) : option (Z * S) :=
  match o with
  | Some ([v], st) => Some (v, st)
  | _ => None
  end.
Definition asm_ret0 {S} (o : option (list Z * S)) : option S :=
  match o with
  | Some ([], st) => Some st
  | _ => None
  end.
