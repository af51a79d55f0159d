//! Loading a configuration: includes, sections → layers, reserved definitions, declaration
//! checking in dependency order, and the project-level checks.
//!
//! [`load`] runs the phases of `Loader::load_root` in order, each in its own file under
//! `project/` with a comment saying what it establishes:
//!
//! 1. `includes.rs`: read and parse the root file and its includes;
//! 2. `sections.rs`: Sections → layers, declarations tagged with their layer, reserved definitions
//!    set aside (the load stops here if parsing failed);
//! 3. `typedefs.rs`: `Definition T := <type>.` becomes a typedef;
//! 4. `globals.rs`: every name registered once;
//! 5. `types.rs`: typedefs, Records, Inductives resolved in dependency order;
//! 6. `signatures.rs`: types of Parameters and annotated definitions;
//! 7. `definitions.rs`: dependencies among definitions, cycles, layer visibility;
//! 8. `typecheck.rs`: every body checked in dependency order, its type inferred;
//! 9. `reserved.rs`: `PROJ_*` and `LAYER_*` settings read;
//! 10. `layers.rs`: required settings, inheritance, types of layer operations and relations;
//! 11. `prims.rs`: primitives' layers, specs and loop bounds;
//! 12. `hints.rs`: `Hint`s.
//!
//! `code.rs` holds the checks that need the code, run after loading ([`Project::check_code`]);
//! `topo.rs` the dependency order shared by phases 5 and 7.
//!
//! Every phase runs even when an earlier one reported errors (after parsing), so that one load
//! reports as much as it can; a phase skips what an earlier error made meaningless. The
//! diagnostics are sorted by location at the end.

mod code;
mod definitions;
mod globals;
mod hints;
mod includes;
mod layers;
mod prims;
mod reserved;
mod sections;
mod signatures;
mod topo;
mod typecheck;
mod typedefs;
mod types;

pub use definitions::free_globals;

use super::ast::*;
use super::env::Env;
use super::types::Ty;
use diag::span::{FileId, SourceMap};
use diag::{Code, Diagnostic};
use sections::Sections;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

/// A declaration of the project with the layer (section) it belongs to.
#[derive(Clone, Debug)]
pub struct PItem {
    pub item: Item,
    /// Index into [`Project::layers`]; `None` outside sections.
    pub layer: Option<usize>,
}

/// The layer operations that `LAYER_*` definitions can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LayerOp {
    Load,
    Store,
    Alloc,
    Free,
    GetReg,
    SetReg,
    GetFlag,
    SetFlag,
    /// The handler of barriers and TLB/cache maintenance done by inline asm over the register
    /// view (coq-lib `AsmView.maint_of`: the instruction's text and register operand).
    AsmMaint,
}

impl LayerOp {
    pub const ALL: [(LayerOp, &'static str); 9] = [
        (LayerOp::Load, "LAYER_LOAD"),
        (LayerOp::Store, "LAYER_STORE"),
        (LayerOp::Alloc, "LAYER_ALLOC"),
        (LayerOp::Free, "LAYER_FREE"),
        (LayerOp::GetReg, "LAYER_GET_REG"),
        (LayerOp::SetReg, "LAYER_SET_REG"),
        (LayerOp::GetFlag, "LAYER_GET_FLAG"),
        (LayerOp::SetFlag, "LAYER_SET_FLAG"),
        (LayerOp::AsmMaint, "LAYER_ASM_MAINT"),
    ];
}

impl LayerOp {
    /// The required type of the definition named by the operation, for state type `d`.
    /// A layer's operations serve the code of the layer above it.
    pub fn signature(self, d: &Ty) -> Ty {
        let p = Ty::Named("Ptr".into());
        let o = |t: Ty| Ty::option(t);
        let d = d.clone();
        match self {
            LayerOp::Load => Ty::curried(vec![Ty::Z, p, d], o(Ty::Z)),
            LayerOp::Store => Ty::curried(vec![Ty::Z, p, Ty::Z, d.clone()], o(d)),
            LayerOp::Alloc => Ty::curried(vec![Ty::Z, d.clone()], o(Ty::Tuple(vec![p, d]))),
            LayerOp::Free => Ty::curried(vec![p, d.clone()], o(d)),
            LayerOp::GetReg => Ty::curried(vec![Ty::Z, d], o(Ty::Z)),
            LayerOp::SetReg => Ty::curried(vec![Ty::Z, Ty::Z, d.clone()], o(d)),
            LayerOp::GetFlag => Ty::curried(vec![Ty::Z, d], o(Ty::Bool)),
            LayerOp::SetFlag => Ty::curried(vec![Ty::Z, Ty::Bool, d.clone()], o(d)),
            LayerOp::AsmMaint => Ty::curried(vec![Ty::Str, o(Ty::Z), d.clone()], o(d)),
        }
    }
}

/// One `Section`, bottom-up.
#[derive(Clone, Debug)]
pub struct Layer {
    pub name: Ident,
    pub index: usize,
    /// `LAYER_DATA` (inherited from the layer below when omitted).
    pub data: Ty,
    /// `LAYER_CODE`, resolved against the defining file's directory (inherited when omitted).
    pub code: Option<PathBuf>,
    /// `LAYER_PRIMS`, in order.
    pub prims: Vec<Ident>,
    /// Layer operations given as `LAYER_LOAD := "f"` etc. (`None` or absent: not provided).
    pub ops: BTreeMap<LayerOp, String>,
    /// `LAYER_DATA_INIT`: a definition of type `data`.
    pub data_init: Option<String>,
    /// `LAYER_REFREL`: relation `data -> <data of the layer below> -> Prop`; None = equality.
    pub refrel: Option<String>,
    /// primitive → name of its hand-written spec (`p_spec`).
    pub specs: BTreeMap<String, String>,
    /// primitive → name of its loop bound (`p_loop_bound`).
    pub loop_bounds: BTreeMap<String, String>,
    /// primitive → name of its precondition (`p_pre`): where its hand-written spec must be defined.
    pub pres: BTreeMap<String, String>,
    /// `LAYER_INV`: an invariant `data -> Prop` of the states reachable from the initial state.
    pub inv: Option<String>,
}

/// `Hint`s.
#[derive(Clone, Debug, Default)]
pub struct Hints {
    pub no_unfold: BTreeSet<String>,
    pub no_trans: BTreeSet<String>,
}

/// A loaded, checked configuration.
#[derive(Clone, Debug)]
pub struct Project {
    pub sources: SourceMap,
    /// The root config file.
    pub root: PathBuf,
    pub proj_name: String,
    /// `PROJ_BASE`, resolved against the root file's directory.
    pub proj_base: PathBuf,
    /// `PROJ_PROOFS` (optional): a Coq file of hand-written lemmas for the refinement proofs of
    /// hand-written specs, resolved against the defining file's directory.
    /// The hand-written proof files (`PROJ_PROOFS`: one `.v` file, or every `.v` file of a
    /// directory, sorted).
    pub proj_proofs: Vec<PathBuf>,
    /// `PROJ_TRUSTED`: names of assumptions the project accepts (they may appear in `Print
    /// Assumptions` of the generated theorems and in the hand proofs).
    pub proj_trusted: Vec<String>,
    /// Every declaration (includes flattened, reserved definitions removed), in source order,
    /// with types filled into the expressions.
    pub items: Vec<PItem>,
    pub layers: Vec<Layer>,
    pub env: Env,
    /// Records/inductives/typedefs in an order where each only uses earlier ones.
    pub type_order: Vec<String>,
    /// Definitions/Fixpoints/Parameters in dependency order.
    pub def_order: Vec<String>,
    pub hints: Hints,
    /// Warnings (the load succeeded).
    pub warnings: Vec<Diagnostic>,
}

/// A failed load: the diagnostics and the sources needed to render them.
#[derive(Debug, thiserror::Error)]
#[error("{} error(s) in the configuration", diagnostics.iter().filter(|d| d.is_error()).count())]
pub struct LoadError {
    pub sources: SourceMap,
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadError {
    pub fn render_plain(&self) -> String {
        diag::render_all_plain(&self.diagnostics, &self.sources)
    }
    /// One miette report per diagnostic (print with `{:?}` for the fancy rendering).
    pub fn reports(&self) -> Vec<miette::Report> {
        self.diagnostics
            .iter()
            .map(|d| miette::Report::new(d.to_miette(&self.sources)))
            .collect()
    }
}

/// What the IR provides, for [`Project::check_code`].
#[derive(Clone, Debug, Default)]
pub struct CodeInfo {
    /// Functions with a body.
    pub defined: BTreeSet<String>,
    /// Direct callees of each defined function.
    pub calls: BTreeMap<String, BTreeSet<String>>,
    /// Signatures of defined and declared functions (optional: names without one are not checked
    /// against their specs).
    pub signatures: BTreeMap<String, FnSig>,
    /// Callees that are inline-asm procedures (one per call site, named `iasm_<function>_<k>`):
    /// the bottom layer provides them through its register view.
    pub asm_procs: BTreeSet<String>,
}

/// A scalar argument or result kind of a C function, as specs see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scalar {
    /// `iN`, N > 1: a spec sees `Z`.
    Int(u32),
    /// `i1`: a spec sees `bool`.
    Bool,
    /// a pointer: a spec sees `Ptr`.
    Ptr,
}

impl Scalar {
    pub fn spec_ty(self) -> Ty {
        match self {
            Scalar::Int(_) => Ty::Z,
            Scalar::Bool => Ty::Bool,
            Scalar::Ptr => Ty::Named("Ptr".into()),
        }
    }
}

/// A function's signature (`ret: None` for `void`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FnSig {
    pub params: Vec<Scalar>,
    pub ret: Option<Scalar>,
}

/// Load and check a configuration file.
pub fn load(path: &Path) -> Result<Project, LoadError> {
    let mut l = Loader::default();
    match std::fs::read_to_string(path) {
        Ok(text) => l.load_root(path, text),
        Err(e) => {
            l.diags.push(
                Diagnostic::error(
                    Code::IncludeNotFound,
                    None,
                    format!("cannot read `{}`: {e}", path.display()),
                )
                .hint("check the path of the configuration file"),
            );
            l.finish_err()
        }
    }
}

/// Load a configuration from a string; `path` names it (includes resolve against its directory).
pub fn load_str(path: &Path, text: &str) -> Result<Project, LoadError> {
    let l = Loader::default();
    l.load_root(path, text.to_string())
}

/// Turns an included file that is not configuration source — a memory map (`.map`) — into
/// configuration source, which is then parsed and checked like any included file.
pub trait IncludeExpander {
    /// Whether this expander reads the file (by its extension).
    fn handles(&self, path: &Path) -> bool;
    /// The configuration source the file stands for; `file` is the included file, already in the
    /// source map, so diagnostics can point into it.
    fn expand(&self, file: FileId, path: &Path, text: &str) -> Result<String, Vec<Diagnostic>>;
}

/// [`load`], with an expander for included files that are not configuration source.
pub fn load_with(path: &Path, expander: &dyn IncludeExpander) -> Result<Project, LoadError> {
    let mut l = Loader {
        expander: Some(expander),
        ..Loader::default()
    };
    match std::fs::read_to_string(path) {
        Ok(text) => l.load_root(path, text),
        Err(e) => {
            l.diags.push(
                Diagnostic::error(
                    Code::IncludeNotFound,
                    None,
                    format!("cannot read `{}`: {e}", path.display()),
                )
                .hint("check the path of the configuration file"),
            );
            l.finish_err()
        }
    }
}

/// The state shared by the phases: the sources read so far and the diagnostics reported.
#[derive(Default)]
struct Loader<'a> {
    sm: SourceMap,
    diags: Vec<Diagnostic>,
    seen: HashSet<PathBuf>,
    expander: Option<&'a dyn IncludeExpander>,
}

/// A path's canonical form (itself if it cannot be resolved), to recognise a file included twice.
fn canon(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

/// A `LAYER_*` or `PROJ_*` definition, set aside by the section phase for the reserved phase.
struct Reserved {
    name: Ident,
    item: Item,
    layer: Option<usize>,
    dir: PathBuf,
}

impl Loader<'_> {
    fn finish_err<T>(self) -> Result<T, LoadError> {
        Err(LoadError {
            sources: self.sm,
            diagnostics: self.diags,
        })
    }

    /// Run the phases in order (see the module documentation).
    fn load_root(mut self, path: &Path, text: String) -> Result<Project, LoadError> {
        let flat = self.read_files(path, text);
        let parse_failed = self.diags.iter().any(|d| d.is_error());
        let Sections {
            mut layers,
            mut items,
            mut reserved,
        } = self.sections(flat);
        if parse_failed {
            // declarations after a syntax error would only produce follow-up noise
            return self.finish_err();
        }
        let mut env = Env::with_builtins();
        typedefs::reclassify_typedefs(&env, &mut items, &mut reserved);
        self.register_globals(&mut env, &items);
        let src_order: Vec<String> = items
            .iter()
            .filter_map(|p| p.item.kind.name().map(|n| n.name.clone()))
            .collect();
        let type_order = self.resolve_types(&mut env, &items, &src_order);
        self.resolve_signatures(&mut env, &items);
        let def_order = self.order_definitions(&env, &items, &layers, &src_order);
        self.check_definitions(&mut env, &mut items, &def_order);
        let settings = self.reserved_definitions(&env, &reserved, &mut layers);
        let proj = self.complete_layers(&env, &mut layers, settings);
        let prim_layer = self.primitives(&env, &items, &mut layers);
        let hints = self.hints(&env, &items, &prim_layer);

        if self.diags.iter().any(|d| d.is_error()) {
            sort_diags(&mut self.diags);
            return self.finish_err();
        }
        let root = path.to_path_buf();
        let mut warnings = self.diags;
        sort_diags(&mut warnings);
        Ok(Project {
            sources: self.sm,
            root,
            proj_name: proj.name.unwrap(),
            proj_base: proj.base.unwrap(),
            proj_proofs: proj.proofs,
            proj_trusted: proj.trusted,
            items,
            layers,
            env,
            type_order,
            def_order,
            hints,
            warnings,
        })
    }
}

/// Diagnostics by location (file, offset; global ones first), then code; stable otherwise.
fn sort_diags(d: &mut [Diagnostic]) {
    d.sort_by_key(|d| (d.span.map(|s| (s.file, s.lo)), d.code));
}
