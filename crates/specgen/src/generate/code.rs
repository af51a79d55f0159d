//! The code of a project: every `LAYER_CODE` file loaded once, linked into one module (one ident
//! numbering), converted by ir2coq (files of the code model plus the structured bodies), and the
//! facts the configuration checks need (`CodeInfo`).

use config::{CodeInfo, FnSig, Project, Scalar};
use ir2coq::convert::{self, FuncCode, ModCtx};
use ir2coq::syntax::{Callee, Stmt};
use ir2json::{Module, Type};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A loading or linking failure.
#[derive(Debug, Clone)]
pub struct CodeError {
    pub code: &'static str,
    pub message: String,
    /// What to do about it.
    pub hint: String,
}

impl std::fmt::Display for CodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "error[{}]: {}\n  = hint: {}",
            self.code, self.message, self.hint
        )
    }
}

/// The linked, converted code.
pub struct Code {
    pub module: Module,
    /// Files of the code model (relative to the `Code/` folder).
    pub files: Vec<(String, String)>,
    /// LLVM name → converted function.
    pub funcs: BTreeMap<String, Result<FuncCode, ir2coq::ConvError>>,
    /// LLVM global name → Coq ident constant (`g_…`).
    pub globals: BTreeMap<String, String>,
    /// Coq ident → LLVM name.
    pub ident_names: BTreeMap<String, String>,
    pub info: CodeInfo,
    /// Which file each defined function came from.
    pub origin: BTreeMap<String, PathBuf>,
    /// Inline-asm call sites by procedure name ([`asm_name`]), with the function holding each.
    pub asm: BTreeMap<String, (String, usize, convert::AsmCall)>,
    pub warnings: Vec<String>,
}

fn read(path: &Path) -> Result<Module, CodeError> {
    if path.extension().and_then(|e| e.to_str()) == Some("json") {
        let text = std::fs::read_to_string(path).map_err(|e| CodeError {
            code: "E-BLD001",
            message: format!("cannot read {}: {e}", path.display()),
            hint: "LAYER_CODE names a file relative to the configuration that says it".into(),
        })?;
        serde_json::from_str(&text).map_err(|e| CodeError {
            code: "E-BLD001",
            message: format!("{}: not an ir2json module: {e}", path.display()),
            hint: "a .json LAYER_CODE must be the output of `autov ir2json` (or name the .ll/.bc instead)".into(),
        })
    } else {
        ir2json::read_module(path).map_err(|e| CodeError {
            code: "E-BLD001",
            message: e.to_string(),
            hint: "LAYER_CODE must be LLVM 14 IR: regenerate it with clang-14 -S -emit-llvm (.ll) or -c -emit-llvm (.bc)".into(),
        })
    }
}

/// Link modules: definitions win over declarations; a name defined twice is an error.
fn link(
    mut mods: Vec<(PathBuf, Module)>,
) -> Result<(Module, BTreeMap<String, PathBuf>), CodeError> {
    let (p0, mut base) = mods.remove(0);
    let mut origin: BTreeMap<String, PathBuf> = base
        .functions
        .iter()
        .map(|f| (f.sig.name.clone(), p0.clone()))
        .collect();
    for (p, m) in mods {
        if m.data_layout != base.data_layout {
            return Err(CodeError {
                code: "E-BLD002",
                message: format!(
                    "{} has data layout `{}`, {} has `{}`: cannot link",
                    p.display(),
                    m.data_layout,
                    p0.display(),
                    base.data_layout
                ),
                hint: "link only code compiled for the same target (clang-14 --target=...)".into(),
            });
        }
        for t in m.types {
            if !base.types.iter().any(|u| u.name == t.name) {
                base.types.push(t);
            }
        }
        for gv in m.globals {
            match base.globals.iter().position(|u| u.name == gv.name) {
                None => base.globals.push(gv),
                Some(i) => {
                    if base.globals[i].initializer.is_none() && gv.initializer.is_some() {
                        base.globals[i] = gv;
                    }
                }
            }
        }
        for f in m.functions {
            if let Some(o) = origin.get(&f.sig.name) {
                return Err(CodeError {
                    code: "E-BLD002",
                    message: format!(
                        "function `{}` is defined in both {} and {}",
                        f.sig.name,
                        o.display(),
                        p.display()
                    ),
                    hint: "each function must be defined in one LAYER_CODE file only: remove the duplicate definition (make it `static` or `extern`)".into(),
                });
            }
            origin.insert(f.sig.name.clone(), p.clone());
            base.functions.push(f);
        }
        for d in m.declarations {
            if !base.declarations.iter().any(|u| u.sig.name == d.sig.name) {
                base.declarations.push(d);
            }
        }
    }
    let defined: BTreeSet<String> = base.functions.iter().map(|f| f.sig.name.clone()).collect();
    base.declarations.retain(|d| !defined.contains(&d.sig.name));
    base.types.sort_by(|a, b| a.name.cmp(&b.name));
    Ok((base, origin))
}

fn scalar(t: &Type) -> Option<Scalar> {
    match t {
        Type::Int { bits: 1 } => Some(Scalar::Bool),
        Type::Int { bits } => Some(Scalar::Int(*bits)),
        Type::Ptr { .. } => Some(Scalar::Ptr),
        _ => None,
    }
}

fn sig_of(s: &ir2json::FunctionSig) -> Option<FnSig> {
    let params = s
        .params
        .iter()
        .map(|p| scalar(&p.ty))
        .collect::<Option<Vec<_>>>()?;
    let ret = match &s.ret_ty {
        Type::Void => None,
        t => Some(scalar(t)?),
    };
    Some(FnSig { params, ret })
}

/// The primitive name of the `k`-th inline-asm site of function `f` (ir2coq numbers the sites of a
/// function in the order it converts them; the procedure's ident is `mangle::asm_proc(f, k)`).
pub fn asm_name(f: &str, k: usize) -> String {
    format!("iasm_{f}_{k}")
}

/// An inline-asm site's signature: its operand types, and its result (none, or one scalar).
fn asm_sig(a: &ir2json::InlineAsm) -> Option<FnSig> {
    let params = a
        .operand_tys
        .iter()
        .map(scalar)
        .collect::<Option<Vec<_>>>()?;
    let ret = match &a.ret_ty {
        Type::Void => None,
        t => Some(scalar(t)?),
    };
    Some(FnSig { params, ret })
}

fn callees(s: &Stmt, out: &mut BTreeSet<String>, idents: &BTreeMap<String, String>) {
    match s {
        Stmt::Call(_, Callee::Direct(g) | Callee::Asm(g), _) => {
            if let Some(n) = idents.get(&g.0) {
                out.insert(n.clone());
            }
        }
        Stmt::Seq(v) => v.iter().for_each(|s| callees(s, out, idents)),
        Stmt::If(_, a, b) => {
            callees(a, out, idents);
            callees(b, out, idents);
        }
        Stmt::Switch(_, cases, d) => {
            cases.iter().for_each(|(_, s)| callees(s, out, idents));
            callees(d, out, idents);
        }
        Stmt::Block(b) | Stmt::Loop(b) => callees(b, out, idents),
        _ => {}
    }
}

/// Load every `LAYER_CODE` file once (in layer order), link and convert.
pub fn load(project: &Project, prefix: &str) -> Result<Code, CodeError> {
    let mut paths: Vec<PathBuf> = vec![];
    // one load per file, however it is spelled (`a.ll`, `./a.ll`, `../d/a.ll`)
    let mut keys: Vec<PathBuf> = vec![];
    for l in &project.layers {
        if let Some(p) = &l.code {
            let key = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
            if !keys.contains(&key) {
                keys.push(key);
                paths.push(p.clone());
            }
        }
    }
    if paths.is_empty() {
        return Err(CodeError {
            code: "E-BLD001",
            message: "no layer names any code (LAYER_CODE)".into(),
            hint: "add `Definition LAYER_CODE := \"file.ll\".` to the bottom layer".into(),
        });
    }
    let mods = paths
        .iter()
        .map(|p| read(p).map(|m| (p.clone(), m)))
        .collect::<Result<Vec<_>, _>>()?;
    let source = paths
        .iter()
        .map(|p| {
            p.file_name()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(", ");
    let (module, origin) = link(mods)?;
    let out = ir2coq::convert_module(
        &module,
        &ir2coq::Options {
            prefix: prefix.to_string(),
            source,
        },
    );
    let mc = ModCtx::new(&module);
    let globals: BTreeMap<String, String> = mc
        .globals
        .iter()
        .map(|(k, v)| (k.clone(), v.0.clone()))
        .collect();
    let ident_names: BTreeMap<String, String> = globals
        .iter()
        .map(|(k, v)| (v.clone(), k.clone()))
        .collect();
    let mut funcs = BTreeMap::new();
    let mut info = CodeInfo::default();
    let mut globals = globals;
    let mut ident_names = ident_names;
    let mut asm = BTreeMap::new();
    for f in &module.functions {
        let r = convert::convert_function(&mc, f);
        // inline-asm sites become callees named like functions (the bottom layer provides them)
        for (k, site) in r.iter().flat_map(|fc| fc.asm.iter().enumerate()) {
            let n = asm_name(&f.sig.name, k);
            if globals.contains_key(&n) {
                return Err(CodeError {
                    code: "E-BLD002",
                    message: format!("the code defines `{n}`, the name of the inline-asm procedure {k} of `{}`", f.sig.name),
                    hint: "rename the C function: names `iasm_<function>_<k>` are reserved for inline-asm procedures".into(),
                });
            }
            ident_names.insert(site.id.0.clone(), n.clone());
            info.asm_procs.insert(n.clone());
            if let Some(s) = asm_sig(&site.asm) {
                info.signatures.insert(n.clone(), s);
            }
            asm.insert(n, (f.sig.name.clone(), k, site.clone()));
        }
        info.defined.insert(f.sig.name.clone());
        if let Ok(fc) = &r {
            let mut cs = BTreeSet::new();
            callees(&fc.body, &mut cs, &ident_names);
            info.calls.insert(f.sig.name.clone(), cs);
        }
        if let Some(s) = sig_of(&f.sig) {
            info.signatures.insert(f.sig.name.clone(), s);
        }
        funcs.insert(f.sig.name.clone(), r);
    }
    for d in &module.declarations {
        if let Some(s) = sig_of(&d.sig) {
            info.signatures.insert(d.sig.name.clone(), s);
        }
    }
    // the module folder's own _CoqProject/Makefile are not used: the project has its own
    let files = out
        .files
        .into_iter()
        .filter(|(p, _)| p.ends_with(".v"))
        .collect();
    for (n, (_, _, site)) in &asm {
        globals.insert(n.clone(), site.id.0.clone());
    }
    Ok(Code {
        module,
        files,
        funcs,
        globals,
        ident_names,
        info,
        origin,
        asm,
        warnings: out.warnings,
    })
}
