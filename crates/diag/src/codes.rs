//! Every diagnostic code of the workspace, with a one-line meaning. The string form (`E-CFG012`)
//! never changes meaning once released. `docs/errors.md` is generated from [`Code::ALL`] (a test
//! checks it, and that every code literal in the sources is registered here).

macro_rules! codes {
    ($($(#[$group:meta])* $name:ident = $code:literal : $doc:literal,)*) => {
        /// A stable diagnostic code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $($(#[$group])* #[doc = $doc] $name,)* }
        impl Code {
            /// The stable string, e.g. `E-CFG012`.
            pub fn as_str(self) -> &'static str { match self { $(Code::$name => $code,)* } }
            /// One-line description of the class.
            pub fn describe(self) -> &'static str { match self { $(Code::$name => $doc,)* } }
            /// Every code, in order.
            pub const ALL: &'static [Code] = &[$(Code::$name,)*];
        }
    };
}

codes! {
    // ---- reading LLVM IR (ir2json)
    IrUnreadable = "E-IR001" : "a file cannot be read",
    IrEmpty = "E-IR002" : "empty file",
    IrNotLlvm = "E-IR003" : "not an LLVM IR file",
    IrMalformed = "E-IR004" : "text IR that LLVM 14's parser rejects",
    IrBadBitcode = "E-IR005" : "bitcode LLVM 14 cannot read",
    IrOpaquePointers = "E-IR006" : "opaque-pointer IR (LLVM 15+)",
    IrInvalid = "E-IR007" : "module fails LLVM verification",
    IrConversion = "E-IR008" : "internal IR conversion failure",
    IrUnsupported = "E-IR009" : "a construct the IR model cannot represent",
    IrNonUtf8 = "E-IR010" : "a name or string that is not UTF-8 once its `\\XX` escapes are read",
    // ---- IR to Coq (ir2coq)
    I2cUnsupported = "E-I2C001" : "no Coq mapping for an IR construct",
    I2cStructuring = "E-I2C002" : "control flow cannot be structured",
    I2cConstant = "E-I2C003" : "a constant expression with no constant form",
    I2cUnknownGlobal = "E-I2C004" : "reference to an unknown global",
    I2cLayout = "E-I2C005" : "a type whose layout cannot be computed",
    I2cMalformed = "E-I2C006" : "malformed function (no blocks, unknown block, phi without value)",
    I2cScalable = "E-I2C007" : "a scalable vector (`<vscale x n x t>`, SVE/RVV): not modelled",
    I2cMetadata = "E-I2C008" : "a metadata operand whose content the code model cannot carry",
    I2cWrite = "E-I2C010" : "an output file cannot be written",
    // ---- aarch64 assembly (asmgen)
    AsmLex = "E-ASM001" : "a character or token the lexer cannot read",
    AsmUnknownMnemonic = "E-ASM002" : "unknown mnemonic",
    AsmBadOperand = "E-ASM003" : "operand of the wrong kind or width",
    AsmBadImmediate = "E-ASM004" : "immediate out of range or not encodable",
    AsmOperandCount = "E-ASM005" : "wrong number of operands",
    AsmUnknownLabel = "E-ASM006" : "branch target that does not resolve",
    AsmUnknownSysOp = "E-ASM007" : "unknown system register, TLBI/DC/IC/AT operation or barrier option",
    AsmDirective = "E-ASM008" : "unsupported directive inside code",
    AsmInline = "E-ASM009" : "inline-asm template or constraints cannot be instantiated",
    // ---- the configuration language (config)
    BadChar = "E-CFG001" : "unexpected character",
    UnterminatedComment = "E-CFG002" : "unterminated comment",
    UnterminatedString = "E-CFG003" : "unterminated string literal",
    Syntax = "E-CFG004" : "syntax error",
    IncludeNotFound = "E-CFG005" : "included file cannot be read",
    IncludeCycle = "E-CFG006" : "include cycle",
    SectionStructure = "E-CFG007" : "bad Section/End structure",
    BadNumber = "E-CFG008" : "malformed number literal",
    UnknownName = "E-CFG010" : "unknown name",
    UnknownType = "E-CFG011" : "unknown type",
    Duplicate = "E-CFG012" : "duplicate definition",
    UnknownField = "E-CFG013" : "unknown record field",
    DefCycle = "E-CFG014" : "cycle among definitions or types",
    LayerOrder = "E-CFG015" : "reference to a definition of a higher layer",
    TypeMismatch = "E-CFG020" : "type mismatch",
    BadApplication = "E-CFG021" : "bad application (not a function, or too many arguments)",
    CannotInfer = "E-CFG022" : "type cannot be inferred",
    BadPattern = "E-CFG023" : "bad pattern",
    NotAType = "E-CFG024" : "expression used as a type, or type used as a value",
    NonExhaustive = "E-CFG025" : "match does not cover every case",
    ReservedMisuse = "E-CFG030" : "reserved definition misused",
    ReservedMissing = "E-CFG031" : "required reserved definition missing",
    ReservedUnknown = "E-CFG032" : "unknown reserved LAYER_* name",
    LayerOp = "E-CFG033" : "layer operation names no suitable definition",
    RefRel = "E-CFG034" : "bad refinement relation",
    DuplicateLayer = "E-CFG035" : "duplicate layer name",
    NoLayers = "E-CFG036" : "configuration has no layers",
    CodeNotFound = "E-CFG037" : "LAYER_CODE file not found",
    InitMissing = "E-CFG038" : "LAYER_DATA_INIT missing (bottom layer, or a layer with its own state or relation)",
    PrimInTwoLayers = "W-CFG040" : "primitive listed in more than one layer",
    SpecWithoutPrim = "E-CFG041" : "spec or loop bound for a name that is no primitive",
    SpecSignature = "E-CFG042" : "spec has the wrong signature",
    NoCodeNoSpec = "E-CFG043" : "primitive has neither code nor spec",
    CalleeInNoLayer = "E-CFG044" : "function called by a primitive is listed in no layer",
    BottomWithoutSpec = "E-CFG045" : "Bottom-layer primitive without a spec",
    BadHint = "E-CFG046" : "bad Hint",
    LoopBound = "E-CFG047" : "bad loop bound",
    DuplicatePrim = "E-CFG048" : "primitive listed twice in one layer",
    PreSignature = "E-CFG049" : "precondition has the wrong signature",
    NoRegisterView = "E-CFG050" : "a primitive's code has inline asm but the bottom layer gives no register view (LAYER_GET_REG, LAYER_SET_REG)",
    RelPrimWithoutSpec = "E-CFG051" : "a primitive of a layer with a refinement relation has no hand-written spec",
    UnknownLibrary = "E-CFG052" : "`From … Require Import` names a library or module coq-lib does not provide to configurations",
    // ---- memory maps (memmap)
    MapSyntax = "E-MAP001" : "a memory map line cannot be read",
    MapCode = "E-MAP002" : "the memory map's code file cannot be read",
    MapUnknownType = "E-MAP003" : "a block's struct type is not in the code",
    MapUnknownField = "E-MAP004" : "a path names a field the struct does not have (by its debug-info name)",
    MapIndex = "E-MAP005" : "a path indexes a field that is not an array, or misses an index",
    MapOffset = "E-MAP006" : "a path's stated offset disagrees with the IR's layout",
    MapSize = "E-MAP007" : "a path's stated size, or a block's, disagrees with the IR's layout",
    MapNotScalar = "E-MAP008" : "a path does not end at an integer or pointer field",
    MapOverlap = "E-MAP009" : "two paths of a block map the same bytes",
    MapDuplicate = "E-MAP010" : "a block or path is given twice",
    MapAccessor = "E-MAP011" : "a function declared an accessor of a path (`; by f`) is not one",
    // ---- autov build (specgen)
    BldCodeUnreadable = "E-BLD001" : "a LAYER_CODE file cannot be read, or no layer names code",
    BldLink = "E-BLD002" : "code files cannot be linked",
    BldPassthrough = "E-BLD010" : "a primitive called from above cannot pass through a layer",
    BldCycle = "E-BLD011" : "a call cycle among the primitives",
    BldCallee = "E-BLD012" : "a callee's generation failed or the layer below does not provide it",
    BldNoCode = "E-BLD020" : "a primitive above the bottom layer has no code",
    BldLowSpec = "E-BLD021" : "no low spec: an unsupported construct or a loop without a bound",
    BldAsm = "E-BLD022" : "an inline-asm site cannot become a procedure over the register view (instantiation, branches, operand types, effects outside the view: a barrier or TLB/cache maintenance without LAYER_ASM_MAINT, PSTATE, exceptions, hints, the exclusive monitor)",
    BldPrint = "E-BLD030" : "a configuration construct the Coq printer cannot translate",
    BldProofs = "E-BLD031" : "a hand-proof file cannot be read",
    BldAssumption = "E-BLD032" : "hand-written proofs make an assumption PROJ_TRUSTED does not name",
    BldLoopBound = "E-BLD040" : "a loop bound leaves a generated spec undefined (fuel exhausted) on the initial state for every argument tried; `make` fails in `<L>/<f>/Bound.v`",
    // ---- mutation testing (mutate, `autov mutate`)
    MutConfig = "E-MUT001" : "the configuration to mutate does not load",
    MutInputs = "E-MUT002" : "an input of the configuration cannot be read or copied",
    MutWorkdir = "E-MUT003" : "the work directory cannot be prepared",
    MutBaseBuild = "E-MUT004" : "the unmutated project cannot be generated",
    MutBaseMake = "E-MUT005" : "the unmutated project does not check (make fails)",
    MutMake = "E-MUT006" : "make or cp cannot be run",
    MutSelect = "E-MUT007" : "the options select no mutant (unknown id, empty class)",
    MutReport = "E-MUT008" : "the JSON report cannot be written",
    MutDeclared = "E-MUT009" : "the file of survivors declared equivalent cannot be read or parsed",
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
