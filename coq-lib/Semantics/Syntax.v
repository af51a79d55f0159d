(** * AutoV IR syntax: the form of every code model emitted by [ir2coq].

    One LLVM 14 function becomes one [func]; one module becomes a function
    table [code] (an association list from global identifiers to [func]s).
    See docs/coq-ir.md for the exact shape of a generated file. *)

From Coq Require Import ZArith List.
From Coq Require String.
Import ListNotations.

(** ** Identifiers *)

(** Local variables, global symbols (functions, global variables,
    intrinsics, inline-asm procedures) are all [positive] numbers, bound to
    readable Coq names by the generated files ([Definition _x : ident := 3%positive.]).
    Locals and globals live in different name spaces (the local environment
    vs. the module's function table and the layer's primitives). *)
Definition ident := positive.
Definition ident_eq : forall a b : ident, {a = b} + {a <> b} := Pos.eq_dec.

(** ** Types *)

Inductive fkind : Type :=
  | Fhalf | Fbfloat | Ffloat | Fdouble | Fx86_fp80 | Ffp128 | Fppc_fp128.

Inductive typ : Type :=
  | Tvoid
  | Tint (w : Z)                          (** [iN], [w = N >= 1]; [i1] is [Tint 1] *)
  | Tfloat (k : fkind)                    (** opaque bit patterns *)
  | Tptr                                  (** every pointer (typed pointers are erased) *)
  | Tarray (n : Z) (t : typ)
  | Tvector (n : Z) (t : typ)             (** fixed-length vectors *)
  | Tstruct (packed : bool) (fields : list typ)
  | Tfunc (ret : typ) (args : list typ) (vararg : bool)
  | Topaque                               (** opaque named struct, label, metadata, token *).

(** ** Operators *)

(** Integer binary operators (also applied lane-wise to vectors). *)
Inductive binop : Type :=
  | Oadd | Osub | Omul
  | Oudiv | Osdiv | Ourem | Osrem
  | Oshl | Olshr | Oashr
  | Oand | Oor | Oxor.

(** Poison-generating flags of an integer binop ([nuw], [nsw], [exact]). *)
Record flags : Type := mkflags { f_nuw : bool; f_nsw : bool; f_exact : bool }.
Definition nofl := mkflags false false false.
Definition fl_nuw := mkflags true false false.
Definition fl_nsw := mkflags false true false.
Definition fl_nuw_nsw := mkflags true true false.
Definition fl_exact := mkflags false false true.

(** Floating-point binary operators (uninterpreted; see [Layer.l_float]). *)
Inductive fbinop : Type := Ofadd | Ofsub | Ofmul | Ofdiv | Ofrem.

Inductive icmp : Type :=
  | Ceq | Cne | Cugt | Cuge | Cult | Cule | Csgt | Csge | Cslt | Csle.

Inductive fcmp : Type :=
  | FCfalse | FCoeq | FCogt | FCoge | FColt | FCole | FCone | FCord
  | FCueq | FCugt | FCuge | FCult | FCule | FCune | FCuno | FCtrue.

Inductive castop : Type :=
  | Ktrunc | Kzext | Ksext
  | Kfptrunc | Kfpext | Kfptoui | Kfptosi | Kuitofp | Ksitofp
  | Kptrtoint | Kinttoptr | Kbitcast | Kaddrspacecast.

(** ** Constants *)

Inductive const : Type :=
  | Cint (w : Z) (z : Z)                  (** [iN] constant; [z] is taken modulo [2^w],
                                              so both signed and unsigned spellings work *)
  | Cfloat (k : fkind) (bits : Z)         (** raw IEEE bit pattern *)
  | Cnull                                 (** the null pointer *)
  | Cglobal (g : ident)                   (** address of a global variable or function *)
  | Cundef (t : typ)                      (** treated as [poison] (conservative) *)
  | Cpoison (t : typ)
  | Czero (t : typ)                       (** [zeroinitializer] of any type *)
  | Cagg (cs : list const)                (** struct or array constant *)
  | Cvec (cs : list const)                (** vector constant *)
  (** Constant expressions (global initializers); the same meaning as the expression forms. *)
  | Cptradd (c : const) (off : Z)         (** constant [getelementptr]: pointer constant plus a
                                              signed byte offset (wraps on [Babs] like [Eptradd]) *)
  | Ccast (op : castop) (c : const) (t : typ)   (** [ptrtoint], [inttoptr], [bitcast], [trunc], … *)
  | Cbinop (op : binop) (fl : flags) (a b : const)
  | Cicmp (p : icmp) (a b : const)
  | Cselect (c a b : const)
  | Cbytes (chunks : list String.string).  (** [[n x i8]] data: the concatenated chunks, each a
                                              string literal in which [\hh] (two lower-case hex
                                              digits) is one byte and every other character is
                                              its own byte; see [Eval.bytes_of_chunks] *)

(** ** Expressions (pure; operate on SSA-like locals) *)

Inductive expr : Type :=
  | Evar (x : ident)
  | Econst (c : const)
  | Ebinop (op : binop) (fl : flags) (a b : expr)
  | Efbinop (op : fbinop) (a b : expr)
  | Efneg (a : expr)
  | Eicmp (p : icmp) (a b : expr)          (** result [i1] (or vector of [i1]) *)
  | Efcmp (p : fcmp) (a b : expr)
  | Ecast (op : castop) (a : expr) (t : typ)  (** [t] is the destination type *)
  | Eselect (c a b : expr)
  | Efreeze (a : expr)
  | Eextractvalue (a : expr) (idx : list Z)
  | Einsertvalue (a v : expr) (idx : list Z)
  | Eextractelement (a i : expr)
  | Einsertelement (a v i : expr)
  | Eshufflevector (a b : expr) (mask : list Z)  (** lane [-1] = undef lane *)
  | Eptradd (p off : expr)                 (** GEP lowered by ir2coq: pointer + signed
                                               byte offset (an [i64] expression) *)
  | Eptradd_inb (p off : expr).            (** [getelementptr inbounds]: the same, poison when
                                               the address leaves its object (see [Eval]) *)

(** ** Statements *)

Inductive ordering : Type :=
  | NotAtomic | Unordered | Monotonic | Acquire | Release | AcqRel | SeqCst.

Inductive rmwop : Type :=
  | RMWxchg | RMWadd | RMWsub | RMWand | RMWnand | RMWor | RMWxor
  | RMWmax | RMWmin | RMWumax | RMWumin | RMWfadd | RMWfsub.

Inductive callee : Type :=
  | Fdirect (f : ident)           (** a defined or declared function, by name *)
  | Findirect (e : expr)          (** through a pointer value *)
  | Fintrinsic (f : ident)        (** an LLVM intrinsic, by (mangled) name *)
  | Fasm (f : ident).             (** a named inline-asm procedure *)

Inductive stmt : Type :=
  | Sskip
  | Sassign (x : ident) (e : expr)
  | Sload (x : ident) (ord : ordering) (t : typ) (addr : expr)
  | Sstore (ord : ordering) (t : typ) (addr v : expr)
  | Salloca (x : ident) (size : expr)      (** [size]: byte count, an integer expression *)
  | Satomicrmw (x : ident) (op : rmwop) (ord : ordering) (t : typ) (addr v : expr)
  | Scmpxchg (x : ident) (succ fail : ordering) (weak : bool) (t : typ) (addr expected new : expr)
      (** [x] receives the LLVM result pair [{ old, success : i1 }] as [Vagg] *)
  | Sfence (ord : ordering)
  | Scall (x : option ident) (f : callee) (args : list expr)
  | Sseq (s1 s2 : stmt)
  | Sif (c : expr) (s1 s2 : stmt)
  | Sswitch (e : expr) (cases : list (list Z * stmt)) (default : stmt)
      (** no fall-through; case values are compared modulo [2^w] *)
  | Sblock (s : stmt)                      (** a label; [Sbreak] to it exits the block *)
  | Sloop (s : stmt)                       (** a label; falling off the end repeats *)
  | Sbreak (n : nat)                       (** leave the [n]-th enclosing [Sblock]/[Sloop] (0 = innermost) *)
  | Scontinue (n : nat)                    (** restart the [n]-th enclosing construct, which must be an [Sloop] *)
  | Sreturn (e : option expr)
  | Sunreachable
  (** Exception handling.  coq-lib has no unwinding: neither code functions nor layer primitives
      can unwind, so a callee that would throw has no behaviour.  The unwind edge is kept in the
      syntax (the landing-pad arm) so that nothing of the IR is dropped. *)
  | Sinvoke (x : option ident) (f : callee) (args : list expr) (normal unwind : stmt)
      (** [invoke]: the call as [Scall]; on return, [normal] runs; [unwind] (which starts with
          the landing pad) would run if the callee unwound *)
  | Slandingpad (x : ident) (t : typ) (cleanup : bool) (clauses : list (bool * const))
      (** [x = landingpad t]: receives the in-flight exception; clauses [(true, c)] = [catch c],
          [(false, c)] = [filter c].  No behaviour (there is never an exception in flight) *)
  | Sresume (e : expr).                    (** [resume]: continue unwinding; no behaviour *)

(** Sequencing of a list of statements (right-nested [Sseq]). *)
Fixpoint Sseqs (l : list stmt) : stmt :=
  match l with
  | [] => Sskip
  | [s] => s
  | s :: l => Sseq s (Sseqs l)
  end.

(** Dispatch form for irreducible control flow: a loop over a label variable
    [pc] with one case per region entry.  A case body jumps by assigning [pc]
    and executing [Scontinue 0]; it leaves the region with [Sbreak 0] (or a
    deeper break / return).  An unknown label is [Sunreachable]. *)
Definition Sdispatch (pc : ident) (cases : list (list Z * stmt)) : stmt :=
  Sloop (Sswitch (Evar pc) cases Sunreachable).

(** ** Functions, globals, modules *)

Record func : Type := mkfunc {
  fn_params : list (ident * typ);
  fn_ret    : typ;
  fn_vararg : bool;
  fn_body   : stmt
}.

Record gvar : Type := mkgvar {
  gv_type  : typ;
  gv_init  : option const;     (** [None] for an external declaration *)
  gv_const : bool
}.

(** The module's function table: calls resolve by name, first entry wins. *)
Definition code := list (ident * func).

(** Global variables (informational: memory is owned by the layer). *)
Definition globals := list (ident * gvar).

Fixpoint find_func (c : code) (f : ident) : option func :=
  match c with
  | [] => None
  | (g, fn) :: c' => if Pos.eqb f g then Some fn else find_func c' f
  end.
