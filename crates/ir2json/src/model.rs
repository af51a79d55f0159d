//! The typed IR model. Its serde serialisation *is* the JSON schema documented in `docs/ir-json.md`
//! (version [`SCHEMA_VERSION`]). Other crates use these types directly (no JSON round trip).
//!
//! Conventions
//! - Everything is kept in source order (functions, globals, blocks, instructions, operands).
//! - Enums are internally tagged with a `"kind"` field (snake_case) unless noted.
//! - Local values and blocks are referenced by [`Name`]: a string for named values (`%x` → `"x"`) and a
//!   number for LLVM's numbered values (`%3` → `3`).
//! - Integer constants carry their width and their exact value as decimal strings (unsigned and signed
//!   readings of the same bits), so `i128` and `i64` values are exact in every JSON reader.
//! - Floating-point constants carry their bits as a hex string (bit-exact, incl. NaN payloads).

use serde::{Deserialize, Serialize};

/// Version of the JSON schema; bumped on any incompatible change of the model.
pub const SCHEMA_VERSION: &str = "1.1";

/// A local value or basic-block name: `%x` → `Name::Named("x")`, `%7` → `Name::Number(7)`.
/// Serialised untagged: a JSON string or a JSON number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Name {
    Number(u64),
    Named(String),
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Name::Number(n) => write!(f, "%{n}"),
            Name::Named(s) => write!(f, "%{s}"),
        }
    }
}

/// One LLVM module.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Module {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: String,
    /// File name of the input (without directories), e.g. `SeKVM.ll`.
    pub name: String,
    pub source_file_name: String,
    pub data_layout: String,
    pub target_triple: Option<String>,
    /// Named struct types, sorted by name, with their DataLayout-derived layout.
    pub types: Vec<NamedStruct>,
    pub globals: Vec<Global>,
    pub aliases: Vec<Alias>,
    pub ifuncs: Vec<IFunc>,
    /// Function definitions (with bodies), in source order.
    pub functions: Vec<Function>,
    /// Function declarations (no body), in source order.
    pub declarations: Vec<FunctionDecl>,
    /// Module-level inline assembly (`module asm`), lines joined with `\n`.
    pub module_asm: String,
}

// ---------------------------------------------------------------- types

/// LLVM first-class and aggregate types (LLVM 14, typed pointers).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Type {
    Void,
    Int {
        bits: u32,
    },
    Float {
        fp: FpKind,
    },
    Ptr {
        pointee: Box<Type>,
        #[serde(default, skip_serializing_if = "is_zero_u32")]
        addr_space: u32,
    },
    Vector {
        elem: Box<Type>,
        len: u64,
        #[serde(default, skip_serializing_if = "is_false")]
        scalable: bool,
    },
    Array {
        elem: Box<Type>,
        len: u64,
    },
    /// A literal (unnamed) struct type `{ i32, i8 }` or packed `<{ ... }>`.
    Struct {
        fields: Vec<Type>,
        #[serde(default, skip_serializing_if = "is_false")]
        packed: bool,
    },
    /// A reference to a named struct type `%struct.foo`; its body is in [`Module::types`].
    Named {
        name: String,
    },
    Func(FuncType),
    Label,
    Metadata,
    Token,
    X86Mmx,
    X86Amx,
}

/// The floating-point formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FpKind {
    Half,
    Bfloat,
    Float,
    Double,
    Fp128,
    X86Fp80,
    PpcFp128,
}

/// A function type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FuncType {
    pub ret: Box<Type>,
    pub params: Vec<Type>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub var_arg: bool,
}

/// A named struct type and (unless opaque) its body and layout.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NamedStruct {
    /// Name without the `%`, e.g. `struct.foo`.
    pub name: String,
    /// `None` for an opaque struct (`%T = type opaque`).
    pub body: Option<StructBody>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StructBody {
    pub fields: Vec<Type>,
    pub packed: bool,
    /// From the module's DataLayout; `None` if the type is unsized.
    pub layout: Option<StructLayout>,
    /// Debug-info name of the C type (`DICompositeType`) when one matched, e.g. `foo` for `struct.foo`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debug_name: Option<String>,
}

/// Byte layout of a struct under the module's DataLayout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StructLayout {
    /// ABI size in bytes (`alloc size`, includes tail padding).
    pub size: u64,
    /// ABI alignment in bytes.
    pub align: u64,
    pub fields: Vec<FieldLayout>,
    /// Padding bytes after the last field up to `size`.
    pub tail_padding: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldLayout {
    /// Byte offset from the start of the struct.
    pub offset: u64,
    /// Store size of the field in bytes (alloc size for aggregates).
    pub size: u64,
    /// Padding bytes inserted *before* this field (between the previous field's end and `offset`).
    pub padding_before: u64,
    /// C member name from debug info (`DW_TAG_member` with the same byte offset), when it matched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debug_name: Option<String>,
    /// C bitfields stored in this field (from debug info), with bit offsets relative to the field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bitfields: Vec<BitField>,
}

/// A C bitfield inside a struct field's storage (little-endian bit numbering from the field start).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BitField {
    pub name: String,
    pub bit_offset: u64,
    pub bits: u64,
}

// ---------------------------------------------------------------- globals and functions

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Linkage {
    External,
    AvailableExternally,
    #[serde(rename = "linkonce")]
    LinkOnceAny,
    #[serde(rename = "linkonce_odr")]
    LinkOnceOdr,
    #[serde(rename = "weak")]
    WeakAny,
    WeakOdr,
    Appending,
    Internal,
    Private,
    #[serde(rename = "extern_weak")]
    ExternalWeak,
    Common,
    /// Linkage kinds that LLVM 14 can no longer produce (e.g. `dllimport` linkage) or unknown ones.
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    Default,
    Hidden,
    Protected,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DllStorage {
    Default,
    Import,
    Export,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThreadLocalMode {
    NotThreadLocal,
    GeneralDynamic,
    LocalDynamic,
    InitialExec,
    LocalExec,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnnamedAddr {
    Local,
    Global,
}

/// Facts shared by all global values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GlobalFacts {
    pub linkage: Linkage,
    pub visibility: Visibility,
    pub dll_storage: DllStorage,
    pub unnamed_addr: Option<UnnamedAddr>,
    #[serde(default, skip_serializing_if = "is_zero_u32")]
    pub addr_space: u32,
}

/// A global variable (`@g = global i32 0`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Global {
    /// Name without the `@`.
    pub name: String,
    /// The value type (the global itself is a pointer to it).
    pub ty: Type,
    pub is_constant: bool,
    #[serde(flatten)]
    pub facts: GlobalFacts,
    pub thread_local: ThreadLocalMode,
    /// `None` for an external declaration.
    pub initializer: Option<Constant>,
    pub section: Option<String>,
    pub comdat: Option<String>,
    /// Alignment in bytes, 0 when unspecified.
    pub align: u32,
    pub debug_loc: Option<DebugLoc>,
}

/// A global alias (`@a = alias i32, i32* @g`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alias {
    pub name: String,
    /// Type of the alias (a pointer type).
    pub ty: Type,
    pub aliasee: Constant,
    #[serde(flatten)]
    pub facts: GlobalFacts,
    pub thread_local: ThreadLocalMode,
}

/// An indirect function (`@f = ifunc ...`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IFunc {
    pub name: String,
    pub ty: Type,
    pub resolver: Constant,
    #[serde(flatten)]
    pub facts: GlobalFacts,
}

/// An attribute (function, return, parameter or call-site).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Attribute {
    /// A flag attribute, e.g. `nounwind`, `noinline`, `nonnull`.
    Enum { name: String },
    /// An attribute with an integer, e.g. `align 8` (`value` = 8), `dereferenceable 16`.
    Int { name: String, value: u64 },
    /// An attribute with a type, e.g. `byval(%struct.s)`, `sret(%T)`.
    Type { name: String, ty: Type },
    /// A string attribute `"key"="value"` (`value` empty when absent).
    String { key: String, value: String },
}

/// Calling convention (LLVM's numeric ID and, when it has one, its keyword).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CallConv {
    pub id: u32,
    /// e.g. `ccc`, `fastcc`, `coldcc`, `aarch64_vector_pcs`; `cc<N>` for unnamed ones.
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Param {
    /// `None` only in declarations, whose parameters have no names.
    pub name: Option<Name>,
    pub ty: Type,
    pub attrs: Vec<Attribute>,
}

/// The signature and global-value facts shared by definitions and declarations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FunctionSig {
    /// Name without the `@`.
    pub name: String,
    pub ret_ty: Type,
    pub params: Vec<Param>,
    pub var_arg: bool,
    pub ret_attrs: Vec<Attribute>,
    pub fn_attrs: Vec<Attribute>,
    pub cc: CallConv,
    #[serde(flatten)]
    pub facts: GlobalFacts,
    pub section: Option<String>,
    pub comdat: Option<String>,
    /// Alignment in bytes, 0 when unspecified.
    pub align: u32,
    pub gc: Option<String>,
    pub prefix: Option<Constant>,
    pub prologue: Option<Constant>,
    pub personality: Option<Constant>,
}

/// A function definition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Function {
    #[serde(flatten)]
    pub sig: FunctionSig,
    /// Location of the function's `DISubprogram`, when present.
    pub debug_loc: Option<DebugLoc>,
    /// Basic blocks in source order; the first is the entry block.
    pub blocks: Vec<Block>,
}

/// A function declaration (`declare ...`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FunctionDecl {
    #[serde(flatten)]
    pub sig: FunctionSig,
    pub debug_loc: Option<DebugLoc>,
}

/// A basic block: non-terminator instructions then exactly one terminator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    pub name: Name,
    pub instrs: Vec<Instruction>,
    pub term: Terminator,
}

/// Source location from `!dbg` (`DILocation`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DebugLoc {
    pub line: u32,
    /// `None` when the location has no column (column 0).
    pub col: Option<u32>,
    pub file: String,
    pub dir: Option<String>,
}

// ---------------------------------------------------------------- values

/// An instruction operand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Value {
    /// A local: an instruction result or a function parameter.
    Local { name: Name, ty: Type },
    /// A constant (includes references to globals and functions).
    Const { value: Constant },
    /// A metadata operand (arguments of `llvm.dbg.*`, `llvm.read_register`, constrained floating
    /// point, ...). `md` (omitted when unknown) is what LLVM printed for it and the strings in it.
    Metadata {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        md: Option<MdOperand>,
    },
}

/// The printed form of a metadata operand: `text` is what follows `metadata ` in the printed call
/// (`!"round.tonearest"`, `!12`, `i32 %x`), `strings` the metadata strings it holds — directly
/// (`!"sp"`) or one level down for a node reference (`!0` with `!0 = !{!"sp"}`), in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MdOperand {
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub strings: Vec<String>,
}

impl Value {
    /// A metadata operand whose content is not known.
    pub const METADATA: Value = Value::Metadata { md: None };
}

/// Constants, including constant expressions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Constant {
    /// `iN` constant. `value` is the unsigned reading of the N bits, `signed` the two's-complement one,
    /// both as exact decimal strings (`i32 -1` → value `"4294967295"`, signed `"-1"`; `i1 true` → `"1"`/`"-1"`).
    Int {
        bits: u32,
        value: String,
        signed: String,
    },
    /// Floating-point constant, `bits` = the raw IEEE/x87 bits as `0x`-prefixed lowercase hex
    /// (`double 1.0` → `"0x3ff0000000000000"`). Always set by [`crate::read_module`] (an `Option` so
    /// that producers of the model other than the reader can leave it open).
    Float {
        fp: FpKind,
        bits: Option<String>,
    },
    /// `null` of a pointer type.
    Null {
        ty: Type,
    },
    /// `zeroinitializer` of an aggregate or vector type.
    Zero {
        ty: Type,
    },
    /// A struct constant; `name` is set when the type is a named struct.
    Struct {
        name: Option<String>,
        packed: bool,
        fields: Vec<Constant>,
    },
    /// An array constant (`c"..."` strings are arrays of `i8`).
    Array {
        elem_ty: Type,
        elems: Vec<Constant>,
    },
    Vector {
        elems: Vec<Constant>,
    },
    Undef {
        ty: Type,
    },
    Poison {
        ty: Type,
    },
    /// `blockaddress(@function, %block)`.
    BlockAddress {
        function: String,
        block: Name,
    },
    /// Address of a global variable, function, alias or ifunc; `ty` is the pointer type.
    Global {
        name: String,
        ty: Type,
    },
    /// `none` token.
    TokenNone,
    /// A constant expression.
    Expr {
        expr: Box<ConstExpr>,
    },
}

/// Constant expressions (LLVM 14 set).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum ConstExpr {
    Binary {
        bop: BinOp,
        lhs: Constant,
        rhs: Constant,
        flags: ArithFlags,
    },
    FNeg {
        operand: Constant,
    },
    Cast {
        cop: CastOp,
        operand: Constant,
        to: Type,
    },
    GetElementPtr {
        in_bounds: bool,
        base: Constant,
        indices: Vec<Constant>,
    },
    ICmp {
        pred: IntPredicate,
        lhs: Constant,
        rhs: Constant,
    },
    FCmp {
        pred: FloatPredicate,
        lhs: Constant,
        rhs: Constant,
    },
    Select {
        cond: Constant,
        on_true: Constant,
        on_false: Constant,
    },
    ExtractElement {
        vector: Constant,
        index: Constant,
    },
    InsertElement {
        vector: Constant,
        elem: Constant,
        index: Constant,
    },
    ShuffleVector {
        a: Constant,
        b: Constant,
        mask: Vec<Option<u32>>,
    },
    ExtractValue {
        aggregate: Constant,
        indices: Vec<u32>,
    },
    InsertValue {
        aggregate: Constant,
        elem: Constant,
        indices: Vec<u32>,
    },
}

// ---------------------------------------------------------------- instructions

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    UDiv,
    SDiv,
    URem,
    SRem,
    Shl,
    LShr,
    AShr,
    And,
    Or,
    Xor,
    FAdd,
    FSub,
    FMul,
    FDiv,
    FRem,
}

/// Poison-generating and fast-math flags. Only the flags valid for the operation can be set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ArithFlags {
    #[serde(default, skip_serializing_if = "is_false")]
    pub nsw: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub nuw: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub exact: bool,
    /// Fast-math flags (`nnan`, `ninf`, `nsz`, `arcp`, `contract`, `afn`, `reassoc`; `fast` = all).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fast_math: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CastOp {
    Trunc,
    ZExt,
    SExt,
    FPTrunc,
    FPExt,
    FPToUI,
    FPToSI,
    UIToFP,
    SIToFP,
    PtrToInt,
    IntToPtr,
    BitCast,
    AddrSpaceCast,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntPredicate {
    Eq,
    Ne,
    Ugt,
    Uge,
    Ult,
    Ule,
    Sgt,
    Sge,
    Slt,
    Sle,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FloatPredicate {
    False,
    Oeq,
    Ogt,
    Oge,
    Olt,
    Ole,
    One,
    Ord,
    Uno,
    Ueq,
    Ugt,
    Uge,
    Ult,
    Ule,
    Une,
    True,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ordering {
    Unordered,
    Monotonic,
    Acquire,
    Release,
    AcqRel,
    SeqCst,
    NotAtomic,
}

/// Atomic ordering plus synchronisation scope.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Atomic {
    pub ordering: Ordering,
    /// `true` for `syncscope("singlethread")`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub single_thread: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RmwOp {
    Xchg,
    Add,
    Sub,
    And,
    Nand,
    Or,
    Xor,
    Max,
    Min,
    UMax,
    UMin,
    FAdd,
    FSub,
}

/// A non-terminator instruction with its optional result name and debug location.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Instruction {
    /// Result name; `None` for instructions that produce no value (store, fence, void calls).
    pub result: Option<Name>,
    /// Result type (`void` when there is no result).
    pub ty: Type,
    #[serde(flatten)]
    pub op: Op,
    pub debug_loc: Option<DebugLoc>,
}

/// Instruction operations (the non-terminators of LLVM 14).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum Op {
    Binary {
        bop: BinOp,
        lhs: Value,
        rhs: Value,
        flags: ArithFlags,
    },
    FNeg {
        operand: Value,
        flags: ArithFlags,
    },
    ICmp {
        pred: IntPredicate,
        lhs: Value,
        rhs: Value,
    },
    FCmp {
        pred: FloatPredicate,
        lhs: Value,
        rhs: Value,
        flags: ArithFlags,
    },
    Cast {
        cop: CastOp,
        operand: Value,
        to: Type,
    },
    Alloca {
        allocated: Type,
        num_elements: Value,
        align: u32,
    },
    Load {
        ptr: Value,
        align: u32,
        volatile: bool,
        atomic: Option<Atomic>,
    },
    Store {
        value: Value,
        ptr: Value,
        align: u32,
        volatile: bool,
        atomic: Option<Atomic>,
    },
    Fence {
        atomic: Atomic,
    },
    CmpXchg {
        ptr: Value,
        expected: Value,
        replacement: Value,
        volatile: bool,
        weak: bool,
        success: Atomic,
        failure: Ordering,
    },
    AtomicRmw {
        rmw: RmwOp,
        ptr: Value,
        value: Value,
        volatile: bool,
        atomic: Atomic,
    },
    GetElementPtr {
        in_bounds: bool,
        base: Value,
        indices: Vec<Value>,
    },
    Select {
        cond: Value,
        on_true: Value,
        on_false: Value,
    },
    Phi {
        incoming: Vec<Incoming>,
    },
    ExtractElement {
        vector: Value,
        index: Value,
    },
    InsertElement {
        vector: Value,
        elem: Value,
        index: Value,
    },
    /// `mask` entries are lane indices, `None` for `undef`/`poison` lanes (LLVM's -1).
    ShuffleVector {
        a: Value,
        b: Value,
        mask: Vec<Option<u32>>,
    },
    ExtractValue {
        aggregate: Value,
        indices: Vec<u32>,
    },
    InsertValue {
        aggregate: Value,
        elem: Value,
        indices: Vec<u32>,
    },
    Call {
        call: Call,
    },
    #[serde(rename = "va_arg")]
    VaArg {
        list: Value,
    },
    LandingPad {
        cleanup: bool,
        clauses: Vec<LandingPadClause>,
    },
    CatchPad {
        catch_switch: Value,
        args: Vec<Value>,
    },
    CleanupPad {
        parent_pad: Value,
        args: Vec<Value>,
    },
    Freeze {
        operand: Value,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Incoming {
    pub value: Value,
    pub block: Name,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "clause", rename_all = "snake_case")]
pub enum LandingPadClause {
    Catch { value: Constant },
    Filter { value: Constant },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TailKind {
    None,
    Tail,
    MustTail,
    NoTail,
}

/// A call site (`call`, and the call part of `invoke` / `callbr`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Call {
    pub callee: Callee,
    /// The callee's function type.
    pub fn_ty: FuncType,
    pub args: Vec<Arg>,
    pub ret_attrs: Vec<Attribute>,
    pub fn_attrs: Vec<Attribute>,
    pub cc: CallConv,
    pub tail: TailKind,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Arg {
    pub value: Value,
    pub attrs: Vec<Attribute>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Callee {
    /// A direct call to a function (or other global) by name.
    Direct { name: String },
    /// An indirect call through a value (a local, or a constant expression such as a bitcast).
    Indirect { value: Value },
    /// Inline assembly.
    Asm { asm: InlineAsm },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AsmDialect {
    Att,
    Intel,
}

/// An inline assembly callee: `asm sideeffect "mrs $0, elr_el2", "=r"`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct InlineAsm {
    /// The template, unescaped (`$0`, `${1:w}`, `$$` exactly as LLVM holds them).
    pub template: String,
    /// The constraint string, unescaped (e.g. `=r,r,~{memory}`).
    pub constraints: String,
    pub side_effect: bool,
    pub align_stack: bool,
    pub dialect: AsmDialect,
    /// The `unwind` flag (asm may throw).
    pub can_throw: bool,
    /// Result type (void, a single type, or a literal struct for several outputs).
    pub ret_ty: Type,
    /// Operand types, in argument order.
    pub operand_tys: Vec<Type>,
}

// ---------------------------------------------------------------- terminators

/// A block terminator, with its debug location.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Terminator {
    /// Result name for `invoke`/`callbr` with a non-void result, `catchswitch`, `cleanuppad` etc.
    pub result: Option<Name>,
    #[serde(flatten)]
    pub op: TermOp,
    pub debug_loc: Option<DebugLoc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum TermOp {
    Ret {
        value: Option<Value>,
    },
    Br {
        dest: Name,
    },
    CondBr {
        cond: Value,
        on_true: Name,
        on_false: Name,
    },
    Switch {
        value: Value,
        default: Name,
        cases: Vec<SwitchCase>,
    },
    IndirectBr {
        address: Value,
        dests: Vec<Name>,
    },
    Invoke {
        call: Call,
        normal: Name,
        unwind: Name,
    },
    /// `callbr`: `default` is the fall-through destination, `indirect` the asm-goto targets.
    CallBr {
        call: Call,
        default: Name,
        indirect: Vec<Name>,
    },
    Resume {
        value: Value,
    },
    Unreachable,
    CleanupRet {
        cleanup_pad: Value,
        unwind: Option<Name>,
    },
    CatchRet {
        catch_pad: Value,
        successor: Name,
    },
    CatchSwitch {
        parent_pad: Value,
        handlers: Vec<Name>,
        unwind: Option<Name>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SwitchCase {
    pub value: Constant,
    pub dest: Name,
}

// ---------------------------------------------------------------- helpers

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_zero_u32(n: &u32) -> bool {
    *n == 0
}

impl Module {
    /// Number of basic blocks over all function definitions.
    pub fn block_count(&self) -> usize {
        self.functions.iter().map(|f| f.blocks.len()).sum()
    }

    /// Number of instructions (terminators included) over all function definitions.
    pub fn instruction_count(&self) -> usize {
        self.functions
            .iter()
            .flat_map(|f| &f.blocks)
            .map(|b| b.instrs.len() + 1)
            .sum()
    }

    pub fn function(&self, name: &str) -> Option<&Function> {
        self.functions.iter().find(|f| f.sig.name == name)
    }

    pub fn declaration(&self, name: &str) -> Option<&FunctionDecl> {
        self.declarations.iter().find(|f| f.sig.name == name)
    }

    pub fn global(&self, name: &str) -> Option<&Global> {
        self.globals.iter().find(|g| g.name == name)
    }

    pub fn named_struct(&self, name: &str) -> Option<&NamedStruct> {
        self.types.iter().find(|t| t.name == name)
    }
}
