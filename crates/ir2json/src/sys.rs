//! Thin safe-ish wrappers over the LLVM 14 C API (llvm-sys) for what llvm-ir does not expose:
//! parsing with captured diagnostics, the module printer, DataLayout queries, attributes and
//! calling conventions. All handles live in one [`SysModule`] owned by one thread.

use crate::model::{Attribute, CallConv, FpKind, FuncType, Type};
use llvm_sys::core::*;
use llvm_sys::prelude::*;
use llvm_sys::target::*;
use llvm_sys::{LLVMDiagnosticSeverity, LLVMTypeKind};
use std::collections::HashMap;
use std::ffi::{c_void, CStr, CString};
use std::sync::OnceLock;

/// Why LLVM could not parse the input.
pub enum ParseFail {
    /// Text IR: the full message (`input:L:C: error: ...`).
    Text(String),
    /// Bitcode: the diagnostics LLVM reported.
    Bitcode(String),
}

/// (size, align, [(offset, size)]) in bytes.
pub type Layout = (u64, u64, Vec<(u64, u64)>);

/// An LLVM context and a module parsed into it. Not `Send`: used on the thread that created it.
pub struct SysModule {
    ctx: LLVMContextRef,
    pub module: LLVMModuleRef,
    td: LLVMTargetDataRef,
    /// Keeps the diagnostics sink alive as long as the context may call into it. Boxed so the
    /// `Vec` header the handler points to has a stable address when `SysModule` moves.
    #[allow(clippy::box_collection)]
    _diags: Box<Vec<String>>,
}

impl Drop for SysModule {
    fn drop(&mut self) {
        // SAFETY: the handles were created by `parse` and are disposed exactly once, module first.
        unsafe {
            if !self.td.is_null() {
                LLVMDisposeTargetData(self.td);
            }
            LLVMDisposeModule(self.module);
            LLVMContextDispose(self.ctx);
        }
    }
}

extern "C" fn collect_diag(di: LLVMDiagnosticInfoRef, sink: *mut c_void) {
    // SAFETY: `sink` is the `Box<Vec<String>>` installed in `parse`, alive for the context's lifetime;
    // `di` is valid for the duration of the call.
    unsafe {
        let sink = &mut *(sink as *mut Vec<String>);
        let sev = LLVMGetDiagInfoSeverity(di);
        let desc = LLVMGetDiagInfoDescription(di);
        let text = take_message(desc);
        if matches!(sev, LLVMDiagnosticSeverity::LLVMDSError) {
            sink.push(text);
        }
    }
}

/// Copy and free an LLVM-allocated message.
unsafe fn take_message(p: *mut std::os::raw::c_char) -> String {
    if p.is_null() {
        return String::new();
    }
    let s = CStr::from_ptr(p).to_string_lossy().into_owned();
    LLVMDisposeMessage(p);
    s
}

/// Copy a borrowed C string (may be null).
unsafe fn borrowed(p: *const std::os::raw::c_char) -> Option<String> {
    if p.is_null() {
        None
    } else {
        Some(CStr::from_ptr(p).to_string_lossy().into_owned())
    }
}

/// Parse text IR or bitcode from memory into a fresh context.
pub fn parse(bytes: &[u8], bitcode: bool) -> Result<SysModule, ParseFail> {
    // SAFETY: plain C API use; the buffer is copied by LLVM; ownership rules per LLVM docs
    // (LLVMParseIRInContext takes the buffer, LLVMParseBitcodeInContext2 does not).
    unsafe {
        let ctx = LLVMContextCreate();
        #[allow(clippy::box_collection)]
        let mut diags: Box<Vec<String>> = Box::default();
        LLVMContextSetDiagnosticHandler(
            ctx,
            Some(collect_diag),
            &mut *diags as *mut Vec<String> as *mut c_void,
        );
        let name = CString::new("input").unwrap_or_default();
        let buf = LLVMCreateMemoryBufferWithMemoryRangeCopy(
            bytes.as_ptr() as *const _,
            bytes.len(),
            name.as_ptr(),
        );
        let mut module: LLVMModuleRef = std::ptr::null_mut();
        let failed = if bitcode {
            let r = llvm_sys::bit_reader::LLVMParseBitcodeInContext2(ctx, buf, &mut module);
            LLVMDisposeMemoryBuffer(buf);
            if r != 0 {
                let msg = diags.join("; ");
                Some(ParseFail::Bitcode(if msg.is_empty() {
                    "LLVM 14 could not read the bitcode".into()
                } else {
                    msg
                }))
            } else {
                None
            }
        } else {
            let mut err = std::ptr::null_mut();
            let r = llvm_sys::ir_reader::LLVMParseIRInContext(ctx, buf, &mut module, &mut err);
            if r != 0 {
                Some(ParseFail::Text(take_message(err)))
            } else {
                None
            }
        };
        if let Some(f) = failed {
            if !module.is_null() {
                LLVMDisposeModule(module);
            }
            LLVMContextDispose(ctx);
            return Err(f);
        }
        let td = LLVMCreateTargetData(LLVMGetDataLayoutStr(module));
        Ok(SysModule {
            ctx,
            module,
            td,
            _diags: diags,
        })
    }
}

/// Iterate an LLVM intrusive list.
pub fn iter_list<T: Copy>(first: T, next: impl Fn(T) -> T, is_null: impl Fn(T) -> bool) -> Vec<T> {
    let mut out = Vec::new();
    let mut cur = first;
    while !is_null(cur) {
        out.push(cur);
        cur = next(cur);
    }
    out
}

impl SysModule {
    /// The whole module printed by LLVM's AsmWriter.
    pub fn print(&self) -> String {
        // SAFETY: valid module.
        unsafe { take_message(LLVMPrintModuleToString(self.module)) }
    }

    /// Write the module as bitcode to `path`. Unlike the printed text, bitcode always reads back:
    /// LLVM 14 prints string attributes unescaped, so a quote or line break in one (which the
    /// text reader accepts) makes the printed module unreadable.
    pub fn write_bitcode(&self, path: &std::path::Path) -> Result<(), String> {
        let c = CString::new(path.as_os_str().as_encoded_bytes()).map_err(|e| e.to_string())?;
        // SAFETY: valid module and NUL-terminated path.
        match unsafe { llvm_sys::bit_writer::LLVMWriteBitcodeToFile(self.module, c.as_ptr()) } {
            0 => Ok(()),
            _ => Err(format!("cannot write bitcode to {}", path.display())),
        }
    }

    /// Function definitions (with bodies) and declarations, each in module order.
    pub fn functions(&self) -> (Vec<LLVMValueRef>, Vec<LLVMValueRef>) {
        // SAFETY: valid module; the list functions return null at the end.
        let all = unsafe {
            iter_list(
                LLVMGetFirstFunction(self.module),
                |f| LLVMGetNextFunction(f),
                |f| f.is_null(),
            )
        };
        all.into_iter()
            .filter(|&f| !is_dbg_intrinsic(f))
            .partition(|&f| unsafe { LLVMIsDeclaration(f) } == 0)
    }

    /// Named struct type by name (without `%`).
    pub fn struct_type(&self, name: &str) -> Option<LLVMTypeRef> {
        let c = CString::new(name).ok()?;
        // SAFETY: valid context.
        let t = unsafe { LLVMGetTypeByName2(self.ctx, c.as_ptr()) };
        (!t.is_null()).then_some(t)
    }

    /// (size, align, [(offset, size)]) of a struct type under the module's DataLayout, if sized.
    pub fn struct_layout(&self, t: LLVMTypeRef) -> Option<Layout> {
        // SAFETY: valid type of this context and valid target data.
        unsafe {
            if self.td.is_null() || LLVMTypeIsSized(t) == 0 {
                return None;
            }
            let size = LLVMABISizeOfType(self.td, t);
            let align = LLVMABIAlignmentOfType(self.td, t) as u64;
            let n = LLVMCountStructElementTypes(t);
            let mut fields = Vec::with_capacity(n as usize);
            for i in 0..n {
                let ft = LLVMStructGetTypeAtIndex(t, i);
                let off = LLVMOffsetOfElement(self.td, t, i);
                let fsize = LLVMABISizeOfType(self.td, ft);
                fields.push((off, fsize));
            }
            Some((size, align, fields))
        }
    }
}

/// Is `i` a `callbr` instruction?
pub fn is_callbr(i: LLVMValueRef) -> bool {
    // SAFETY: valid instruction.
    !i.is_null() && unsafe { LLVMGetInstructionOpcode(i) } == llvm_sys::LLVMOpcode::LLVMCallBr
}

impl SysModule {
    /// The `callbr` instructions of all function definitions, in module order.
    fn callbrs(&self) -> Vec<LLVMValueRef> {
        let (defs, _) = self.functions();
        defs.into_iter()
            .flat_map(blocks)
            .filter_map(|b| {
                // SAFETY: valid block; a block of a verified module ends in its terminator.
                let t = unsafe { LLVMGetBasicBlockTerminator(b) };
                is_callbr(t).then_some(t)
            })
            .collect()
    }

    /// Does any function use `callbr` (asm goto)?
    pub fn has_callbr(&self) -> bool {
        !self.callbrs().is_empty()
    }

    /// Replace every `callbr` by the equivalent `call` of the same callee (name, number and debug
    /// location kept) followed by `switch i32 0, label %default [i32 k, label %indirect_k ...]`:
    /// the same successor edges, so φs stay valid and the module still verifies. This is the
    /// module llvm-ir reads when the original has `callbr`, which llvm-ir 0.11 cannot read
    /// (it asks LLVM for an invoke's normal destination, which on a `callbr` is another operand).
    /// Returns the number of instructions rewritten.
    pub fn lower_callbr(&mut self) -> usize {
        let sites = self.callbrs();
        // SAFETY: every handle belongs to this module; each callbr is erased once, after its uses
        // moved to the new call.
        unsafe {
            let b = LLVMCreateBuilderInContext(self.ctx);
            let i32t = LLVMInt32TypeInContext(self.ctx);
            for &cb in &sites {
                LLVMPositionBuilderBefore(b, cb);
                let n = LLVMGetNumArgOperands(cb);
                let mut args: Vec<LLVMValueRef> = (0..n).map(|k| LLVMGetOperand(cb, k)).collect();
                let callee = LLVMGetCalledValue(cb);
                let fty = LLVMGetCalledFunctionType(cb);
                let mut len = 0usize;
                let name = LLVMGetValueName2(cb, &mut len);
                let name = std::slice::from_raw_parts(name as *const u8, len).to_vec();
                let empty = c"";
                let call = LLVMBuildCall2(b, fty, callee, args.as_mut_ptr(), n, empty.as_ptr());
                let loc = llvm_sys::debuginfo::LLVMInstructionGetDebugLoc(cb);
                if !loc.is_null() {
                    llvm_sys::debuginfo::LLVMInstructionSetDebugLoc(call, loc);
                }
                if LLVMGetTypeKind(LLVMTypeOf(cb)) != LLVMTypeKind::LLVMVoidTypeKind {
                    LLVMReplaceAllUsesWith(cb, call);
                }
                let ns = LLVMGetNumSuccessors(cb);
                let sw = LLVMBuildSwitch(
                    b,
                    LLVMConstInt(i32t, 0, 0),
                    LLVMGetSuccessor(cb, 0),
                    ns.saturating_sub(1),
                );
                for k in 1..ns {
                    LLVMAddCase(sw, LLVMConstInt(i32t, k as u64, 0), LLVMGetSuccessor(cb, k));
                }
                LLVMInstructionEraseFromParent(cb);
                if !name.is_empty() {
                    LLVMSetValueName2(call, name.as_ptr() as *const _, name.len());
                }
            }
            LLVMDisposeBuilder(b);
        }
        sites.len()
    }
}

/// Basic blocks of a function, in order.
pub fn blocks(f: LLVMValueRef) -> Vec<LLVMBasicBlockRef> {
    // SAFETY: valid function.
    unsafe {
        iter_list(
            LLVMGetFirstBasicBlock(f),
            |b| LLVMGetNextBasicBlock(b),
            |b| b.is_null(),
        )
    }
}

/// Instructions of a block (terminator last), in order, without calls to `llvm.dbg.*` intrinsics.
pub fn instructions(b: LLVMBasicBlockRef) -> Vec<LLVMValueRef> {
    // SAFETY: valid block.
    let all = unsafe {
        iter_list(
            LLVMGetFirstInstruction(b),
            |i| LLVMGetNextInstruction(i),
            |i| i.is_null(),
        )
    };
    all.into_iter()
        .filter(|&i| {
            // SAFETY: valid instruction; the callee getter is only used on calls.
            unsafe { LLVMIsACallInst(i).is_null() || !is_dbg_intrinsic(LLVMGetCalledValue(i)) }
        })
        .collect()
}

/// Is `v` the function `llvm.dbg.*` (declare/value/addr/label)?
pub fn is_dbg_intrinsic(v: LLVMValueRef) -> bool {
    // SAFETY: valid value.
    !v.is_null()
        && unsafe { !LLVMIsAFunction(v).is_null() }
        && value_name(v).starts_with("llvm.dbg.")
}

/// Name of a value (global or local), empty when unnamed.
pub fn value_name(v: LLVMValueRef) -> String {
    let mut len = 0usize;
    // SAFETY: valid value; the returned pointer is valid for `len` bytes.
    unsafe {
        let p = LLVMGetValueName2(v, &mut len);
        if p.is_null() {
            return String::new();
        }
        String::from_utf8_lossy(std::slice::from_raw_parts(p as *const u8, len)).into_owned()
    }
}

/// Convert an LLVM type to the model type.
pub fn conv_type(t: LLVMTypeRef) -> Type {
    use LLVMTypeKind::*;
    // SAFETY: valid type.
    unsafe {
        match LLVMGetTypeKind(t) {
            LLVMVoidTypeKind => Type::Void,
            LLVMHalfTypeKind => Type::Float { fp: FpKind::Half },
            LLVMBFloatTypeKind => Type::Float { fp: FpKind::Bfloat },
            LLVMFloatTypeKind => Type::Float { fp: FpKind::Float },
            LLVMDoubleTypeKind => Type::Float { fp: FpKind::Double },
            LLVMX86_FP80TypeKind => Type::Float {
                fp: FpKind::X86Fp80,
            },
            LLVMFP128TypeKind => Type::Float { fp: FpKind::Fp128 },
            LLVMPPC_FP128TypeKind => Type::Float {
                fp: FpKind::PpcFp128,
            },
            LLVMLabelTypeKind => Type::Label,
            LLVMIntegerTypeKind => Type::Int {
                bits: LLVMGetIntTypeWidth(t),
            },
            LLVMFunctionTypeKind => Type::Func(conv_fn_type(t)),
            LLVMStructTypeKind => match borrowed(LLVMGetStructName(t)) {
                Some(name) if !name.is_empty() => Type::Named { name },
                _ => {
                    let n = LLVMCountStructElementTypes(t);
                    Type::Struct {
                        fields: (0..n)
                            .map(|i| conv_type(LLVMStructGetTypeAtIndex(t, i)))
                            .collect(),
                        packed: LLVMIsPackedStruct(t) != 0,
                    }
                }
            },
            LLVMArrayTypeKind => Type::Array {
                elem: Box::new(conv_type(LLVMGetElementType(t))),
                len: LLVMGetArrayLength(t) as u64,
            },
            LLVMPointerTypeKind => Type::Ptr {
                pointee: Box::new(conv_type(LLVMGetElementType(t))),
                addr_space: LLVMGetPointerAddressSpace(t),
            },
            LLVMVectorTypeKind => Type::Vector {
                elem: Box::new(conv_type(LLVMGetElementType(t))),
                len: LLVMGetVectorSize(t) as u64,
                scalable: false,
            },
            LLVMScalableVectorTypeKind => Type::Vector {
                elem: Box::new(conv_type(LLVMGetElementType(t))),
                len: LLVMGetVectorSize(t) as u64,
                scalable: true,
            },
            LLVMMetadataTypeKind => Type::Metadata,
            LLVMX86_MMXTypeKind => Type::X86Mmx,
            LLVMX86_AMXTypeKind => Type::X86Amx,
            LLVMTokenTypeKind => Type::Token,
        }
    }
}

pub fn conv_fn_type(t: LLVMTypeRef) -> FuncType {
    // SAFETY: `t` is a function type.
    unsafe {
        let n = LLVMCountParamTypes(t) as usize;
        let mut ps: Vec<LLVMTypeRef> = vec![std::ptr::null_mut(); n];
        if n > 0 {
            LLVMGetParamTypes(t, ps.as_mut_ptr());
        }
        FuncType {
            ret: Box::new(conv_type(LLVMGetReturnType(t))),
            params: ps.into_iter().map(conv_type).collect(),
            var_arg: LLVMIsFunctionVarArg(t) != 0,
        }
    }
}

/// LLVM 14 enum attribute names; the kind numbers are looked up from LLVM at run time.
const ATTR_NAMES: &[&str] = &[
    "align",
    "allocsize",
    "alwaysinline",
    "argmemonly",
    "builtin",
    "byval",
    "byref",
    "cold",
    "convergent",
    "dereferenceable",
    "dereferenceable_or_null",
    "disable_sanitizer_instrumentation",
    "elementtype",
    "hot",
    "immarg",
    "inaccessiblememonly",
    "inaccessiblemem_or_argmemonly",
    "inalloca",
    "inlinehint",
    "inreg",
    "jumptable",
    "minsize",
    "mustprogress",
    "naked",
    "nest",
    "noalias",
    "nobuiltin",
    "nocallback",
    "nocapture",
    "nocf_check",
    "noduplicate",
    "nofree",
    "noimplicitfloat",
    "noinline",
    "nomerge",
    "nonlazybind",
    "nonnull",
    "noprofile",
    "norecurse",
    "noredzone",
    "noreturn",
    "nosanitize_coverage",
    "nosync",
    "noundef",
    "nounwind",
    "null_pointer_is_valid",
    "optforfuzzing",
    "optnone",
    "optsize",
    "preallocated",
    "readnone",
    "readonly",
    "returned",
    "returns_twice",
    "safestack",
    "sanitize_address",
    "sanitize_hwaddress",
    "sanitize_memory",
    "sanitize_memtag",
    "sanitize_thread",
    "shadowcallstack",
    "signext",
    "speculatable",
    "speculative_load_hardening",
    "sret",
    "ssp",
    "sspreq",
    "sspstrong",
    "alignstack",
    "strictfp",
    "swiftasync",
    "swifterror",
    "swiftself",
    "uwtable",
    "vscale_range",
    "willreturn",
    "writeonly",
    "zeroext",
];

/// Attributes whose integer payload is meaningful.
const INT_ATTRS: &[&str] = &[
    "align",
    "alignstack",
    "allocsize",
    "dereferenceable",
    "dereferenceable_or_null",
    "vscale_range",
];

fn attr_kind_names() -> &'static HashMap<u32, &'static str> {
    static NAMES: OnceLock<HashMap<u32, &'static str>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut m = HashMap::new();
        for &n in ATTR_NAMES {
            // SAFETY: pure lookup in LLVM's static attribute table.
            let k = unsafe { LLVMGetEnumAttributeKindForName(n.as_ptr() as *const _, n.len()) };
            if k != 0 {
                m.insert(k, n);
            }
        }
        m
    })
}

fn conv_attr(a: LLVMAttributeRef) -> Attribute {
    // SAFETY: valid attribute; string getters return (ptr, len) pairs valid while the context lives.
    unsafe {
        if LLVMIsStringAttribute(a) != 0 {
            let mut kl = 0u32;
            let mut vl = 0u32;
            let k = LLVMGetStringAttributeKind(a, &mut kl);
            let v = LLVMGetStringAttributeValue(a, &mut vl);
            let s = |p: *const std::os::raw::c_char, l: u32| {
                if p.is_null() {
                    String::new()
                } else {
                    String::from_utf8_lossy(std::slice::from_raw_parts(p as *const u8, l as usize))
                        .into_owned()
                }
            };
            return Attribute::String {
                key: s(k, kl),
                value: s(v, vl),
            };
        }
        let kind = LLVMGetEnumAttributeKind(a);
        let name = attr_kind_names()
            .get(&kind)
            .map(|s| s.to_string())
            .unwrap_or_else(|| format!("attr{kind}"));
        if LLVMIsTypeAttribute(a) != 0 {
            let t = LLVMGetTypeAttributeValue(a);
            return Attribute::Type {
                name,
                ty: conv_type(t),
            };
        }
        if INT_ATTRS.contains(&name.as_str()) {
            Attribute::Int {
                name,
                value: LLVMGetEnumAttributeValue(a),
            }
        } else {
            Attribute::Enum { name }
        }
    }
}

/// Attribute index: 0 = return value, 1.. = parameters, `FUNCTION` = the function itself.
pub const FUNCTION: u32 = u32::MAX;

/// Attributes of a function at an index.
pub fn fn_attrs(f: LLVMValueRef, idx: u32) -> Vec<Attribute> {
    // SAFETY: valid function; the array is sized by the count LLVM reports.
    unsafe {
        let n = LLVMGetAttributeCountAtIndex(f, idx) as usize;
        if n == 0 {
            return Vec::new();
        }
        let mut v: Vec<LLVMAttributeRef> = vec![std::ptr::null_mut(); n];
        LLVMGetAttributesAtIndex(f, idx, v.as_mut_ptr());
        v.into_iter().map(conv_attr).collect()
    }
}

/// Attributes of a call site at an index.
pub fn call_attrs(c: LLVMValueRef, idx: u32) -> Vec<Attribute> {
    // SAFETY: valid call-like instruction; the array is sized by the count LLVM reports.
    unsafe {
        let n = LLVMGetCallSiteAttributeCount(c, idx) as usize;
        if n == 0 {
            return Vec::new();
        }
        let mut v: Vec<LLVMAttributeRef> = vec![std::ptr::null_mut(); n];
        LLVMGetCallSiteAttributes(c, idx, v.as_mut_ptr());
        v.into_iter().map(conv_attr).collect()
    }
}

pub fn fn_cc(f: LLVMValueRef) -> CallConv {
    // SAFETY: valid function.
    cc(unsafe { LLVMGetFunctionCallConv(f) })
}

pub fn call_cc(c: LLVMValueRef) -> CallConv {
    // SAFETY: valid call-like instruction.
    cc(unsafe { LLVMGetInstructionCallConv(c) })
}

/// The callee's function type of a call/invoke/callbr.
pub fn called_fn_type(c: LLVMValueRef) -> FuncType {
    // SAFETY: valid call-like instruction.
    conv_fn_type(unsafe { LLVMGetCalledFunctionType(c) })
}

/// Calling convention ID to its IR keyword.
pub fn cc(id: u32) -> CallConv {
    let name = match id {
        0 => "ccc",
        8 => "fastcc",
        9 => "coldcc",
        10 => "ghccc",
        12 => "webkit_jscc",
        13 => "anyregcc",
        14 => "preserve_mostcc",
        15 => "preserve_allcc",
        16 => "swiftcc",
        17 => "cxx_fast_tlscc",
        18 => "tailcc",
        19 => "cfguard_checkcc",
        20 => "swifttailcc",
        64 => "x86_stdcallcc",
        65 => "x86_fastcallcc",
        66 => "arm_apcscc",
        67 => "arm_aapcscc",
        68 => "arm_aapcs_vfpcc",
        97 => "aarch64_vector_pcs",
        98 => "aarch64_sve_vector_pcs",
        _ => "",
    };
    CallConv {
        id,
        name: if name.is_empty() {
            format!("cc{id}")
        } else {
            name.to_string()
        },
    }
}

/// Best-effort message for fatal LLVM errors (LLVM exits the process after the handler returns).
extern "C" fn on_fatal(reason: *const std::os::raw::c_char) {
    // SAFETY: LLVM passes a valid C string.
    let r = unsafe { borrowed(reason) }.unwrap_or_default();
    eprintln!("E-IR007 LLVM fatal error (the module is invalid; LLVM 14 aborts the process): {r}");
}

/// Install the fatal-error handler once per process.
pub fn install_fatal_handler() {
    static ONCE: OnceLock<()> = OnceLock::new();
    ONCE.get_or_init(|| {
        // SAFETY: installs a process-wide handler; `on_fatal` is a plain extern "C" fn.
        unsafe { llvm_sys::error_handling::LLVMInstallFatalErrorHandler(Some(on_fatal)) }
    });
}

impl SysModule {
    /// Field types and packedness of a non-opaque struct type, with the type handle for layout.
    pub fn struct_body(&self, t: LLVMTypeRef) -> Option<(Vec<Type>, bool, LLVMTypeRef)> {
        // SAFETY: `t` is a struct type of this context.
        unsafe {
            if LLVMIsOpaqueStruct(t) != 0 {
                return None;
            }
            let n = LLVMCountStructElementTypes(t);
            let fields = (0..n)
                .map(|i| conv_type(LLVMStructGetTypeAtIndex(t, i)))
                .collect();
            Some((fields, LLVMIsPackedStruct(t) != 0, t))
        }
    }
}

impl SysModule {
    /// Run LLVM's verifier unless the parser already did: LLVM 14 verifies while upgrading debug info
    /// when the module has `"Debug Info Version" 3` (and aborts the process if that fails).
    pub fn verify(&self) -> Result<(), String> {
        // SAFETY: valid module; the message is freed by `take_message`.
        unsafe {
            if llvm_sys::debuginfo::LLVMGetModuleDebugMetadataVersion(self.module) == 3 {
                return Ok(());
            }
            let mut msg = std::ptr::null_mut();
            let broken = llvm_sys::analysis::LLVMVerifyModule(
                self.module,
                llvm_sys::analysis::LLVMVerifierFailureAction::LLVMReturnStatusAction,
                &mut msg,
            );
            let text = take_message(msg);
            if broken != 0 {
                Err(text.trim().replace('\n', " | "))
            } else {
                Ok(())
            }
        }
    }
}
