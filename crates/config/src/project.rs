//! Loading a configuration: includes, sections → layers, reserved definitions, declaration
//! checking in dependency order, and the project-level checks.

use super::ast::*;
use super::check::{is_type_name, resolve_type, Infer};
use super::env::{Env, Global, GlobalKind, InductiveInfo, RecordInfo};
use super::parser::parse_file;
use super::types::Ty;
use diag::span::{SourceMap, Span};
use diag::{Code, Diagnostic};
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
}

impl LayerOp {
    pub const ALL: [(LayerOp, &'static str); 8] = [
        (LayerOp::Load, "LAYER_LOAD"),
        (LayerOp::Store, "LAYER_STORE"),
        (LayerOp::Alloc, "LAYER_ALLOC"),
        (LayerOp::Free, "LAYER_FREE"),
        (LayerOp::GetReg, "LAYER_GET_REG"),
        (LayerOp::SetReg, "LAYER_SET_REG"),
        (LayerOp::GetFlag, "LAYER_GET_FLAG"),
        (LayerOp::SetFlag, "LAYER_SET_FLAG"),
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
    pub proj_proofs: Option<PathBuf>,
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

#[derive(Default)]
struct Loader {
    sm: SourceMap,
    diags: Vec<Diagnostic>,
    seen: HashSet<PathBuf>,
}

fn canon(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

struct Reserved {
    name: Ident,
    item: Item,
    layer: Option<usize>,
    dir: PathBuf,
}

impl Loader {
    fn finish_err<T>(self) -> Result<T, LoadError> {
        Err(LoadError {
            sources: self.sm,
            diagnostics: self.diags,
        })
    }

    fn parse_rec(
        &mut self,
        path: &Path,
        text: String,
        stack: &mut Vec<(PathBuf, Span)>,
        out: &mut Vec<(Item, PathBuf)>,
    ) {
        let key = canon(path);
        self.seen.insert(key.clone());
        let fid = self.sm.add(path.to_path_buf(), text);
        let text = self.sm.file(fid).text.clone();
        let items = parse_file(fid, &text, &mut self.diags);
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        for it in items {
            if let ItemKind::Include(rel) = &it.kind {
                let target = dir.join(rel);
                let tkey = canon(&target);
                if tkey == key || stack.iter().any(|(p, _)| canon(p) == tkey) {
                    let mut d = Diagnostic::error(
                        Code::IncludeCycle,
                        it.span,
                        format!("include cycle: `{}` is already being included", target.display()),
                    )
                    .label("includes a file that (indirectly) includes this one")
                    .hint("remove one of the Includes; put shared declarations in a file both can include");
                    for (_, sp) in stack.iter() {
                        d = d.note(*sp, "included from here");
                    }
                    self.diags.push(d);
                    continue;
                }
                if self.seen.contains(&tkey) {
                    continue; // included once only
                }
                match std::fs::read_to_string(&target) {
                    Ok(t) => {
                        stack.push((path.to_path_buf(), it.span));
                        self.parse_rec(&target, t, stack, out);
                        stack.pop();
                    }
                    Err(e) => self.diags.push(
                        Diagnostic::error(
                            Code::IncludeNotFound,
                            it.span,
                            format!("cannot read included file `{}`: {e}", target.display()),
                        )
                        .label("included here")
                        .hint("Include paths are relative to the including file's directory"),
                    ),
                }
                continue;
            }
            out.push((it, dir.clone()));
        }
    }

    fn load_root(mut self, path: &Path, text: String) -> Result<Project, LoadError> {
        let mut flat = vec![];
        self.parse_rec(path, text, &mut vec![], &mut flat);
        let parse_failed = self.diags.iter().any(|d| d.is_error());

        // ---- sections
        let mut layers: Vec<Layer> = vec![];
        let mut cur: Option<(usize, Span)> = None;
        let mut items: Vec<PItem> = vec![];
        let mut reserved: Vec<Reserved> = vec![];
        for (it, dir) in flat {
            match &it.kind {
                ItemKind::Section(n) => {
                    if let Some((i, sp)) = cur {
                        self.diags.push(
                            Diagnostic::error(Code::SectionStructure, it.span, format!("Section `{}` opened inside Section `{}`", n.name, layers[i].name.name))
                                .label("nested Section")
                                .note(sp, "still open")
                                .hint(format!("close the enclosing layer first with `End {}.`; layers do not nest", layers[i].name.name)),
                        );
                        continue;
                    }
                    if let Some(prev) = layers.iter().find(|l| l.name.name == n.name) {
                        self.diags.push(
                            Diagnostic::error(
                                Code::DuplicateLayer,
                                n.span,
                                format!("layer `{}` is declared twice", n.name),
                            )
                            .label("second declaration")
                            .note(prev.name.span, "first declared here")
                            .hint("give every Section a distinct name"),
                        );
                    }
                    layers.push(Layer {
                        name: n.clone(),
                        index: layers.len(),
                        data: Ty::Tuple(vec![]),
                        code: None,
                        prims: vec![],
                        ops: BTreeMap::new(),
                        data_init: None,
                        refrel: None,
                        specs: BTreeMap::new(),
                        loop_bounds: BTreeMap::new(),
                    });
                    cur = Some((layers.len() - 1, it.span));
                }
                ItemKind::End(n) => match cur {
                    None => self.diags.push(
                        Diagnostic::error(
                            Code::SectionStructure,
                            it.span,
                            format!("`End {}.` without an open Section", n.name),
                        )
                        .label("nothing to close")
                        .hint(format!(
                            "remove it, or open the layer with `Section {}.`",
                            n.name
                        )),
                    ),
                    Some((i, sp)) => {
                        if layers[i].name.name != n.name {
                            self.diags.push(
                                Diagnostic::error(
                                    Code::SectionStructure,
                                    n.span,
                                    format!(
                                        "`End {}` closes Section `{}`",
                                        n.name, layers[i].name.name
                                    ),
                                )
                                .label("wrong name")
                                .note(sp, "opened here")
                                .hint(format!("write `End {}.`", layers[i].name.name)),
                            );
                        }
                        cur = None;
                    }
                },
                _ => {
                    let layer = cur.map(|c| c.0);
                    if let Some(n) = it.kind.name() {
                        if n.name.starts_with("LAYER_") || n.name.starts_with("PROJ_") {
                            reserved.push(Reserved {
                                name: n.clone(),
                                item: it.clone(),
                                layer,
                                dir,
                            });
                            continue;
                        }
                    }
                    items.push(PItem { item: it, layer });
                }
            }
        }
        if let Some((i, sp)) = cur {
            self.diags.push(
                Diagnostic::error(
                    Code::SectionStructure,
                    sp,
                    format!("Section `{}` is never closed", layers[i].name.name),
                )
                .label("opened here")
                .hint(format!(
                    "add `End {}.` after the layer's declarations",
                    layers[i].name.name
                )),
            );
        }
        if parse_failed {
            // declarations after a syntax error would only produce follow-up noise
            return self.finish_err();
        }

        // ---- reclassify `Definition N := <type>.`
        let mut env = Env::with_builtins();
        let mut tnames: HashSet<String> = HashSet::new();
        for p in &items {
            match &p.item.kind {
                ItemKind::Record { name, .. }
                | ItemKind::Inductive { name, .. }
                | ItemKind::Typedef { name, .. } => {
                    tnames.insert(name.name.clone());
                }
                ItemKind::Parameter { name, ty } if matches!(&ty.kind, TypeExprKind::Name(n) if n == "Type") =>
                {
                    tnames.insert(name.name.clone());
                }
                _ => {}
            }
        }
        let is_tn = |n: &str, t: &HashSet<String>| t.contains(n) || is_type_name(&env, n);
        loop {
            let mut changed = false;
            let all = items
                .iter_mut()
                .map(|p| &mut p.item)
                .chain(reserved.iter_mut().map(|r| &mut r.item));
            for item in all {
                if let ItemKind::Definition {
                    name,
                    params,
                    ret: None,
                    body,
                    fixpoint: false,
                } = &item.kind
                {
                    if !params.is_empty() {
                        continue;
                    }
                    if let Some(te) = body.as_type() {
                        let mut ns = vec![];
                        te.names(&mut ns);
                        if ns.iter().all(|(n, _)| is_tn(n, &tnames)) {
                            if !name.name.starts_with("LAYER_") {
                                tnames.insert(name.name.clone());
                            }
                            item.kind = ItemKind::Typedef {
                                name: name.clone(),
                                ty: te,
                            };
                            changed = true;
                        }
                    }
                }
            }
            if !changed {
                break;
            }
        }

        // ---- register globals
        let reg = |env: &mut Env,
                   diags: &mut Vec<Diagnostic>,
                   id: &Ident,
                   kind: GlobalKind,
                   layer: Option<usize>| {
            if let Some(prev) = env.globals.get(&id.name) {
                let mut d = Diagnostic::error(
                    Code::Duplicate,
                    id.span,
                    format!("`{}` is already defined", id.name),
                )
                .label("second definition");
                d = match prev.span {
                    Some(sp) => d.note(
                        sp,
                        format!("first defined here (as a {})", prev.kind.describe()),
                    ),
                    None => d.hint(format!(
                        "`{}` is a built-in ({}); choose another name",
                        id.name,
                        prev.kind.describe()
                    )),
                };
                if d.hint.is_empty() {
                    d = d.hint("all names share one namespace (types, constructors, fields, definitions), as in Coq; rename one of them");
                }
                diags.push(d);
                return false;
            }
            env.globals.insert(
                id.name.clone(),
                Global {
                    name: id.name.clone(),
                    kind,
                    span: Some(id.span),
                    layer,
                    ty: None,
                },
            );
            true
        };
        for p in &items {
            let layer = p.layer;
            match &p.item.kind {
                ItemKind::Record { name, ctor, fields } => {
                    reg(&mut env, &mut self.diags, name, GlobalKind::Record, None);
                    reg(
                        &mut env,
                        &mut self.diags,
                        ctor,
                        GlobalKind::RecordCtor(name.name.clone()),
                        None,
                    );
                    for f in fields {
                        reg(
                            &mut env,
                            &mut self.diags,
                            &f.name,
                            GlobalKind::Field(name.name.clone()),
                            None,
                        );
                    }
                }
                ItemKind::Inductive { name, ctors } => {
                    reg(&mut env, &mut self.diags, name, GlobalKind::Inductive, None);
                    for c in ctors {
                        reg(
                            &mut env,
                            &mut self.diags,
                            &c.name,
                            GlobalKind::Ctor(name.name.clone()),
                            None,
                        );
                    }
                }
                ItemKind::Typedef { name, .. } => {
                    reg(&mut env, &mut self.diags, name, GlobalKind::Typedef, None);
                }
                ItemKind::Parameter { name, ty } => {
                    let k = if matches!(&ty.kind, TypeExprKind::Name(n) if n == "Type") {
                        GlobalKind::OpaqueType
                    } else {
                        GlobalKind::Parameter
                    };
                    let l = if k == GlobalKind::OpaqueType {
                        None
                    } else {
                        layer
                    };
                    reg(&mut env, &mut self.diags, name, k, l);
                }
                ItemKind::Definition { name, fixpoint, .. } => {
                    let k = if *fixpoint {
                        GlobalKind::Fixpoint
                    } else {
                        GlobalKind::Definition
                    };
                    reg(&mut env, &mut self.diags, name, k, layer);
                }
                _ => {}
            }
        }

        // ---- types: typedefs in dependency order, then records and inductives
        let mut type_deps: DepGraph = BTreeMap::new();
        for p in &items {
            let mut ns = vec![];
            let (name, self_ok) = match &p.item.kind {
                ItemKind::Typedef { name, ty } => {
                    ty.names(&mut ns);
                    (name, false)
                }
                ItemKind::Record { name, fields, .. } => {
                    fields.iter().for_each(|f| f.ty.names(&mut ns));
                    (name, false)
                }
                ItemKind::Inductive { name, ctors } => {
                    ctors
                        .iter()
                        .flat_map(|c| &c.args)
                        .for_each(|a| a.ty.names(&mut ns));
                    (name, true)
                }
                _ => continue,
            };
            ns.retain(|(n, _)| {
                env.globals
                    .get(n)
                    .is_some_and(|g| g.kind.is_type() && g.span.is_some())
                    && !(self_ok && *n == name.name)
            });
            type_deps.insert(name.name.clone(), (name.span, ns));
        }
        let src_order: Vec<String> = items
            .iter()
            .filter_map(|p| p.item.kind.name().map(|n| n.name.clone()))
            .collect();
        let type_order = topo(&type_deps, &src_order, &mut self.diags, "type");
        let bad_types: HashSet<String> = type_deps
            .keys()
            .filter(|k| !type_order.contains(k))
            .cloned()
            .collect();
        let by_name: BTreeMap<String, usize> = items
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.item.kind.name().map(|n| (n.name.clone(), i)))
            .collect();
        for tn in &type_order {
            let p = &items[by_name[tn]];
            match &p.item.kind {
                ItemKind::Typedef { name, ty } => {
                    if let Some(t) = resolve_type(&env, ty, &mut self.diags) {
                        env.typedefs.insert(name.name.clone(), t);
                    }
                }
                ItemKind::Record { name, ctor, fields } => {
                    let mut fs = vec![];
                    for f in fields {
                        let t = resolve_type(&env, &f.ty, &mut self.diags).unwrap_or(Ty::Meta(0));
                        fs.push((f.name.name.clone(), t));
                    }
                    let rt = Ty::Named(name.name.clone());
                    for (f, t) in &fs {
                        if let Some(g) = env.globals.get_mut(f) {
                            if g.kind == GlobalKind::Field(name.name.clone()) {
                                g.ty = Some(Ty::arrow(rt.clone(), t.clone()));
                            }
                        }
                    }
                    if let Some(g) = env.globals.get_mut(&ctor.name) {
                        if g.kind == GlobalKind::RecordCtor(name.name.clone()) {
                            g.ty = Some(Ty::curried(fs.iter().map(|f| f.1.clone()).collect(), rt));
                        }
                    }
                    env.records.insert(
                        name.name.clone(),
                        RecordInfo {
                            name: name.name.clone(),
                            ctor: ctor.name.clone(),
                            fields: fs,
                        },
                    );
                }
                ItemKind::Inductive { name, ctors } => {
                    // make the type itself resolvable inside its constructors
                    let it = Ty::Named(name.name.clone());
                    let mut cs = vec![];
                    for c in ctors {
                        let args: Vec<Ty> = c
                            .args
                            .iter()
                            .map(|a| {
                                resolve_type(&env, &a.ty, &mut self.diags).unwrap_or(Ty::Meta(0))
                            })
                            .collect();
                        if let Some(g) = env.globals.get_mut(&c.name.name) {
                            if g.kind == GlobalKind::Ctor(name.name.clone()) {
                                g.ty = Some(Ty::curried(args.clone(), it.clone()));
                            }
                        }
                        cs.push((c.name.name.clone(), args));
                    }
                    env.inductives.insert(
                        name.name.clone(),
                        InductiveInfo {
                            name: name.name.clone(),
                            ctors: cs,
                        },
                    );
                }
                _ => {}
            }
        }
        let _ = bad_types;

        // ---- parameters and definition signatures
        for p in &items {
            match &p.item.kind {
                ItemKind::Parameter { name, ty }
                    if env.globals.get(&name.name).is_some_and(|g| {
                        g.kind == GlobalKind::Parameter && g.span == Some(name.span)
                    }) =>
                {
                    let t = resolve_type(&env, ty, &mut self.diags);
                    env.globals.get_mut(&name.name).unwrap().ty = t;
                }
                ItemKind::Definition {
                    name,
                    params,
                    ret: Some(ret),
                    ..
                } if env
                    .globals
                    .get(&name.name)
                    .is_some_and(|g| g.span == Some(name.span)) =>
                {
                    let mut d = vec![];
                    let ps: Vec<Option<Ty>> = params
                        .iter()
                        .map(|p| resolve_type(&env, &p.ty, &mut d))
                        .collect();
                    let r = resolve_type(&env, ret, &mut d);
                    // errors are reported when the body is checked
                    if let (Some(r), true) = (r, ps.iter().all(Option::is_some)) {
                        env.globals.get_mut(&name.name).unwrap().ty =
                            Some(Ty::curried(ps.into_iter().map(Option::unwrap).collect(), r));
                    }
                }
                _ => {}
            }
        }

        // ---- definitions: dependencies, cycles, layer order
        let layer_name = |l: Option<usize>| match l {
            Some(i) => format!("layer `{}`", layers[i].name.name),
            None => "the global scope (outside sections)".to_string(),
        };
        let mut def_deps: DepGraph = BTreeMap::new();
        for p in &items {
            let (name, refs, fixpoint) = match &p.item.kind {
                ItemKind::Definition {
                    name,
                    params,
                    body,
                    fixpoint,
                    ..
                } => {
                    let mut bound: Vec<String> =
                        params.iter().map(|p| p.name.name.clone()).collect();
                    let mut refs = vec![];
                    free_globals(body, &mut bound, &mut refs);
                    (name, refs, *fixpoint)
                }
                ItemKind::Parameter { name, .. }
                    if env
                        .globals
                        .get(&name.name)
                        .is_some_and(|g| g.kind == GlobalKind::Parameter) =>
                {
                    (name, vec![], false)
                }
                _ => continue,
            };
            if env
                .globals
                .get(&name.name)
                .is_none_or(|g| g.span != Some(name.span))
            {
                continue; // a duplicate
            }
            let mut deps = vec![];
            for (r, sp) in refs {
                let Some(g) = env.globals.get(&r) else {
                    continue;
                };
                if !matches!(
                    g.kind,
                    GlobalKind::Definition | GlobalKind::Fixpoint | GlobalKind::Parameter
                ) {
                    continue;
                }
                if r == name.name {
                    if !fixpoint {
                        self.diags.push(
                            Diagnostic::error(
                                Code::DefCycle,
                                sp,
                                format!("`{r}` refers to itself"),
                            )
                            .label("recursive use")
                            .hint("recursive functions must be declared with `Fixpoint`"),
                        );
                    }
                    continue;
                }
                let bad = match (p.layer, g.layer) {
                    (None, Some(_)) => true,
                    (Some(a), Some(b)) => b > a,
                    _ => false,
                };
                if bad {
                    self.diags.push(
                        Diagnostic::error(Code::LayerOrder, sp, format!("`{r}` is defined in {}, which is not visible from {}", layer_name(g.layer), layer_name(p.layer)))
                            .label("used here")
                            .note(g.span.unwrap_or(sp), "defined here")
                            .hint("a definition can use global definitions and those of its own or lower layers; move one of them"),
                    );
                }
                deps.push((r, sp));
            }
            def_deps.insert(name.name.clone(), (name.span, deps));
        }
        let def_order = topo(&def_deps, &src_order, &mut self.diags, "definition");

        // ---- type-check definitions in dependency order
        let idx_of: BTreeMap<String, usize> = items
            .iter()
            .enumerate()
            .filter(|(_, p)| matches!(p.item.kind, ItemKind::Definition { .. }))
            .filter_map(|(i, p)| p.item.kind.name().map(|n| (n.name.clone(), i)))
            .collect();
        let mut checked: HashSet<usize> = HashSet::new();
        let order: Vec<usize> = def_order
            .iter()
            .filter_map(|n| idx_of.get(n).copied())
            .chain(idx_of.values().copied()) // members of cycles, after the rest
            .collect();
        for i in order {
            if !checked.insert(i) {
                continue;
            }
            let p = &mut items[i];
            let ItemKind::Definition {
                name,
                params,
                ret,
                body,
                fixpoint,
            } = &mut p.item.kind
            else {
                continue;
            };
            if env
                .globals
                .get(&name.name)
                .is_none_or(|g| g.span != Some(name.span))
            {
                continue;
            }
            let mut inf = Infer::new(&env);
            let mut ptys = vec![];
            for prm in params.iter() {
                let t = match resolve_type(&env, &prm.ty, &mut inf.diags) {
                    Some(t) => t,
                    None => inf.fresh(),
                };
                ptys.push(t.clone());
                inf.push_local(&prm.name.name, t);
            }
            let rt = match ret {
                Some(r) => match resolve_type(&env, r, &mut inf.diags) {
                    Some(t) => Some(t),
                    None => Some(inf.fresh()),
                },
                None => None,
            };
            if *fixpoint {
                match &rt {
                    Some(r) => {
                        inf.self_def =
                            Some((name.name.clone(), Ty::curried(ptys.clone(), r.clone())))
                    }
                    None => inf.diags.push(
                        Diagnostic::error(
                            Code::CannotInfer,
                            name.span,
                            format!("Fixpoint `{}` needs a return type", name.name),
                        )
                        .label("no `: T` before `:=`")
                        .hint("write `Fixpoint f (x : T) … : R := …`"),
                    ),
                }
            }
            let bt = match &rt {
                Some(r) => {
                    inf.check(body, r, "definition body");
                    r.clone()
                }
                None => inf.infer(body),
            };
            inf.finish(body);
            if inf.diags.is_empty() {
                inf.check_matches(body);
            }
            let full = inf.zonk(&Ty::curried(ptys, bt));
            let ok = inf.diags.is_empty() && !full.has_meta();
            if inf.diags.is_empty() && full.has_meta() {
                inf.diags.push(
                    Diagnostic::error(
                        Code::CannotInfer,
                        name.span,
                        format!(
                            "the type of `{}` cannot be fully inferred (`{full}`)",
                            name.name
                        ),
                    )
                    .label("ambiguous type")
                    .hint("add a return type `: T` before `:=`"),
                );
            }
            self.diags.append(&mut inf.diags);
            if ok {
                env.globals.get_mut(&name.name).unwrap().ty = Some(full);
            }
        }

        // ---- reserved definitions, layers
        let mut proj_name = None;
        let mut proj_base = None;
        let mut proj_proofs: Option<PathBuf> = None;
        let mut layer_data: Vec<Option<(Ty, Span)>> = vec![None; layers.len()];
        let mut layer_code: Vec<Option<(PathBuf, Span)>> = vec![None; layers.len()];
        let mut prims_given: Vec<bool> = vec![false; layers.len()];
        let mut seen_res: BTreeMap<(Option<usize>, String), Span> = BTreeMap::new();
        let mut op_checks: Vec<(usize, LayerOp, String, Span)> = vec![];
        let mut use_sites: BTreeMap<(usize, &str), Span> = BTreeMap::new();
        let mut proj_seen = (false, false);
        for r in &reserved {
            let n = r.name.name.as_str();
            if let Some(prev) = seen_res.insert((r.layer, n.to_string()), r.name.span) {
                self.diags.push(
                    Diagnostic::error(
                        Code::Duplicate,
                        r.name.span,
                        format!("`{n}` is given twice"),
                    )
                    .label("second definition")
                    .note(prev, "first given here")
                    .hint("keep one of them"),
                );
                continue;
            }
            let is_proj = n == "PROJ_NAME" || n == "PROJ_BASE" || n == "PROJ_PROOFS";
            let is_layer = n == "LAYER_DATA"
                || n == "LAYER_CODE"
                || n == "LAYER_PRIMS"
                || n == "LAYER_DATA_INIT"
                || n == "LAYER_REFREL"
                || LayerOp::ALL.iter().any(|(_, s)| *s == n);
            if !is_proj && !is_layer {
                self.diags.push(
                    Diagnostic::error(Code::ReservedUnknown, r.name.span, format!("`{n}` is not a reserved name"))
                        .label("unknown reserved name")
                        .hint("names starting with `LAYER_`/`PROJ_` are reserved: PROJ_NAME, PROJ_BASE, PROJ_PROOFS, LAYER_DATA, LAYER_CODE, LAYER_PRIMS, LAYER_DATA_INIT, LAYER_REFREL, LAYER_LOAD, LAYER_STORE, LAYER_ALLOC, LAYER_FREE, LAYER_GET_REG, LAYER_SET_REG, LAYER_GET_FLAG, LAYER_SET_FLAG"),
                );
                continue;
            }
            if is_proj && r.layer.is_some() {
                self.diags.push(
                    Diagnostic::error(
                        Code::ReservedMisuse,
                        r.name.span,
                        format!("`{n}` must be defined outside any Section"),
                    )
                    .label("inside a Section")
                    .hint("move it before the first Section"),
                );
                continue;
            }
            let Some(li) = r.layer.or(if is_proj { Some(usize::MAX) } else { None }) else {
                self.diags.push(
                    Diagnostic::error(
                        Code::ReservedMisuse,
                        r.name.span,
                        format!("`{n}` must be defined inside a Section"),
                    )
                    .label("outside any layer")
                    .hint("move it into the `Section … End …` of the layer it describes"),
                );
                continue;
            };
            let body = match &r.item.kind {
                ItemKind::Definition { params, body, .. } if params.is_empty() => Some(body),
                _ => None,
            };
            let str_value = body.and_then(|b| match &b.kind {
                ExprKind::Str(s) => Some(s.clone()),
                _ => None,
            });
            let is_none = body.is_some_and(|b| matches!(&b.kind, ExprKind::Var(v) if v == "None"));
            let want_str = |this: &mut Self, what: &str| {
                this.diags.push(
                    Diagnostic::error(
                        Code::ReservedMisuse,
                        r.item.span,
                        format!("`{n}` must be {what}"),
                    )
                    .label("wrong form")
                    .hint(format!("write `Definition {n} := \"…\".`")),
                );
            };
            proj_seen.0 |= n == "PROJ_NAME";
            proj_seen.1 |= n == "PROJ_BASE";
            match n {
                "PROJ_NAME" => match str_value {
                    Some(s) if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && s.starts_with(|c: char| c.is_ascii_alphabetic()) => proj_name = Some(s),
                    Some(_) => self.diags.push(
                        Diagnostic::error(Code::ReservedMisuse, r.item.span, "PROJ_NAME must be a Coq identifier (the logical name of the generated project)")
                            .label("not an identifier")
                            .hint("use letters, digits and `_`, starting with a letter"),
                    ),
                    None => want_str(&mut self, "a string (the project's Coq logical name)"),
                },
                "PROJ_BASE" => match str_value {
                    Some(s) => proj_base = Some(r.dir.join(s)),
                    None => want_str(&mut self, "a string (the output directory, relative to this file)"),
                },
                "PROJ_PROOFS" => match str_value {
                    Some(s) if s.ends_with(".v") && r.dir.join(&s).is_file() => {
                        proj_proofs = Some(r.dir.join(s))
                    }
                    Some(s) => self.diags.push(
                        Diagnostic::error(Code::CodeNotFound, r.item.span, format!("PROJ_PROOFS: `{s}` is not an existing `.v` file"))
                            .label("no such Coq file")
                            .hint("give the path of a Coq file of lemmas, relative to this file"),
                    ),
                    None => want_str(&mut self, "a string (a Coq file of lemmas, relative to this file)"),
                },
                "LAYER_DATA" => match &r.item.kind {
                    ItemKind::Typedef { ty, .. } => {
                        if let Some(t) = resolve_type(&env, ty, &mut self.diags) {
                            layer_data[li] = Some((t, ty.span));
                        }
                    }
                    _ => self.diags.push(
                        Diagnostic::error(Code::ReservedMisuse, r.item.span, "LAYER_DATA must name a type (the layer's abstract state)")
                            .label("not a type")
                            .hint("write `Definition LAYER_DATA := RData.` with a declared Record or type"),
                    ),
                },
                "LAYER_CODE" => match str_value {
                    Some(s) => {
                        let p = r.dir.join(&s);
                        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
                        if !matches!(ext, "ll" | "bc" | "json") {
                            self.diags.push(
                                Diagnostic::error(Code::ReservedMisuse, body.unwrap().span, format!("LAYER_CODE `{s}` is not LLVM IR: expected a `.ll`, `.bc` or `.json` file"))
                                    .label("unknown kind of file")
                                    .hint("name the LLVM IR text (.ll), bitcode (.bc) or the JSON written by `autov ir2json`"),
                            );
                        } else if !p.exists() {
                            self.diags.push(
                                Diagnostic::error(Code::CodeNotFound, body.unwrap().span, format!("code file `{}` does not exist", p.display()))
                                    .label("not found")
                                    .hint("LAYER_CODE is relative to the file that defines it; compile the C to LLVM IR first (`clang-14 -O1 -g -fno-inline -S -emit-llvm`)"),
                            );
                        }
                        layer_code[li] = Some((p, body.unwrap().span));
                    }
                    None => want_str(&mut self, "a string (path of a .ll, .bc or ir2json .json file)"),
                },
                "LAYER_PRIMS" => {
                    prims_given[li] = true;
                    match body.and_then(string_list) {
                        Some(ps) => {
                            let mut seen: BTreeMap<String, Span> = BTreeMap::new();
                            for p in ps {
                                if let Some(prev) = seen.insert(p.name.clone(), p.span) {
                                    self.diags.push(
                                        Diagnostic::error(Code::DuplicatePrim, p.span, format!("primitive `{}` is listed twice in layer `{}`", p.name, layers[li].name.name))
                                            .label("again")
                                            .note(prev, "first listed here")
                                            .hint("remove the repetition"),
                                    );
                                    continue;
                                }
                                layers[li].prims.push(p);
                            }
                        }
                        None => self.diags.push(
                            Diagnostic::error(Code::ReservedMisuse, r.item.span, "LAYER_PRIMS must be a list of string literals")
                                .label("wrong form")
                                .hint("write `Definition LAYER_PRIMS := \"f\" :: \"g\" :: nil.`"),
                        ),
                    }
                }
                _ => {
                    // LAYER_DATA_INIT, LAYER_REFREL, and the layer operations: a definition name or None
                    if is_none {
                        continue;
                    }
                    let Some(fname) = str_value else {
                        want_str(&mut self, "a string naming a definition, or `None`");
                        continue;
                    };
                    let sp = body.unwrap().span;
                    let visible = env.globals.get(&fname).filter(|g| {
                        matches!(g.kind, GlobalKind::Definition | GlobalKind::Fixpoint | GlobalKind::Parameter)
                            && g.layer.is_none_or(|gl| gl <= li)
                    });
                    let Some(g) = visible else {
                        self.diags.push(
                            Diagnostic::error(Code::LayerOp, sp, format!("`{n}` names `{fname}`, which is not a definition visible in layer `{}`", layers[li].name.name))
                                .label("no such definition")
                                .hint(format!("define `{fname}` globally or in this or a lower layer")),
                        );
                        continue;
                    };
                    let gty = g.ty.clone();
                    match n {
                        "LAYER_DATA_INIT" => {
                            layers[li].data_init = Some(fname.clone());
                            use_sites.insert((li, "init"), sp);
                        }
                        "LAYER_REFREL" => {
                            if li == 0 {
                                self.diags.push(
                                    Diagnostic::error(Code::RefRel, r.item.span, "the bottom layer has no layer below, so it has no refinement relation")
                                        .label("LAYER_REFREL in the bottom layer")
                                        .hint("remove it; relations are given in the layer above the one they relate to"),
                                );
                                continue;
                            }
                            layers[li].refrel = Some(fname.clone());
                            use_sites.insert((li, "rel"), sp);
                        }
                        _ => {
                            if !matches!(gty, Some(Ty::Arrow(..)) | None) {
                                self.diags.push(
                                    Diagnostic::error(Code::LayerOp, sp, format!("`{n}` must name a function, but `{fname}` has type `{}`", gty.unwrap()))
                                        .label("not a function")
                                        .hint("see docs/config.md for the signatures of the layer operations"),
                                );
                                continue;
                            }
                            let op = LayerOp::ALL.iter().find(|(_, s)| *s == n).unwrap().0;
                            layers[li].ops.insert(op, fname.clone());
                            op_checks.push((li, op, fname.clone(), sp));
                        }
                    }
                }
            }
        }
        if proj_name.is_none() && !proj_seen.0 {
            self.diags.push(
                Diagnostic::error(Code::ReservedMissing, None, "PROJ_NAME is not defined")
                    .hint("add `Definition PROJ_NAME := \"MyProof\".` before the first Section"),
            );
        }
        if proj_base.is_none() && !proj_seen.1 {
            self.diags.push(
                Diagnostic::error(Code::ReservedMissing, None, "PROJ_BASE is not defined")
                    .hint("add `Definition PROJ_BASE := \"proof\".` (output directory, relative to the config)"),
            );
        }
        if layers.is_empty() {
            self.diags.push(
                Diagnostic::error(Code::NoLayers, None, "the configuration declares no layer")
                    .hint("declare layers bottom-up with `Section Bottom. … End Bottom.`"),
            );
        }
        // inheritance of LAYER_DATA / LAYER_CODE
        for i in 0..layers.len() {
            match layer_data[i].clone().or_else(|| {
                if i > 0 {
                    layer_data[i - 1].clone()
                } else {
                    None
                }
            }) {
                Some(d) => {
                    layers[i].data = d.0.clone();
                    layer_data[i] = Some(d);
                }
                None => {
                    if i == 0 {
                        self.diags.push(
                            Diagnostic::error(
                                Code::ReservedMissing,
                                layers[i].name.span,
                                format!(
                                    "the bottom layer `{}` does not define LAYER_DATA",
                                    layers[i].name.name
                                ),
                            )
                            .label("no abstract state")
                            .hint(
                                "add `Definition LAYER_DATA := RData.` (layers above inherit it)",
                            ),
                        );
                    }
                }
            }
            match layer_code[i].clone().or_else(|| {
                if i > 0 {
                    layer_code[i - 1].clone()
                } else {
                    None
                }
            }) {
                Some(c) => {
                    layers[i].code = Some(c.0.clone());
                    layer_code[i] = Some(c);
                }
                None if i > 0 => self.diags.push(
                    Diagnostic::error(
                        Code::ReservedMissing,
                        layers[i].name.span,
                        format!(
                            "layer `{}` has no LAYER_CODE (and no layer below gives one)",
                            layers[i].name.name
                        ),
                    )
                    .label("no code")
                    .hint("add `Definition LAYER_CODE := \"code.ll\".` here or in a lower layer"),
                ),
                None => {}
            }
            if !prims_given[i] {
                self.diags.push(
                    Diagnostic::error(
                        Code::ReservedMissing,
                        layers[i].name.span,
                        format!(
                            "layer `{}` does not define LAYER_PRIMS",
                            layers[i].name.name
                        ),
                    )
                    .label("no primitive list")
                    .hint("add `Definition LAYER_PRIMS := \"f\" :: nil.` (or `nil`)"),
                );
            }
        }
        // layer operations have fixed signatures over the layer's state
        for (li, op, fname, sp) in op_checks {
            let want = op.signature(&layers[li].data);
            if let Some(t) = env.globals[&fname].ty.clone() {
                if t != want {
                    let n = LayerOp::ALL.iter().find(|(o, _)| *o == op).unwrap().1;
                    self.diags.push(
                        Diagnostic::error(Code::LayerOp, sp, format!("`{n}` of layer `{}` must have type `{want}`, but `{fname}` has type `{t}`", layers[li].name.name))
                            .label("wrong signature")
                            .hint("see docs/config.md, \"Layer operations\", for the signature of each operation"),
                    );
                }
            }
        }
        // typed layer definitions: DATA_INIT, REFREL
        for i in 0..layers.len() {
            let d = layers[i].data.clone();
            if let Some(init) = &layers[i].data_init {
                if let Some(t) = env.globals[init].ty.clone() {
                    if t != d {
                        self.diags.push(
                            Diagnostic::error(Code::LayerOp, use_sites[&(i, "init")], format!("LAYER_DATA_INIT of layer `{}` must have type `{d}`, but `{init}` has type `{t}`", layers[i].name.name))
                                .label("wrong type")
                                .note(env.globals[init].span.unwrap(), "defined here")
                                .hint("the initial state has the layer's LAYER_DATA type"),
                        );
                    }
                }
            }
            if i > 0
                && layers[i].refrel.is_none()
                && d != layers[i - 1].data
                && layer_data[i].is_some()
            {
                self.diags.push(
                    Diagnostic::error(Code::RefRel, layers[i].name.span, format!("layer `{}` has state `{d}` but the layer below has `{}`, and no LAYER_REFREL relates them", layers[i].name.name, layers[i - 1].data))
                        .label("no refinement relation")
                        .hint(format!("add `Definition LAYER_REFREL := \"r\".` with `r : {d} -> {} -> Prop` (equality is the default only for equal states)", layers[i - 1].data)),
                );
            }
            if let Some(rel) = &layers[i].refrel {
                let want = Ty::curried(vec![d.clone(), layers[i - 1].data.clone()], Ty::Prop);
                if let Some(t) = env.globals[rel].ty.clone() {
                    if t != want {
                        self.diags.push(
                            Diagnostic::error(Code::RefRel, use_sites[&(i, "rel")], format!("refinement relation `{rel}` of layer `{}` must have type `{want}`, found `{t}`", layers[i].name.name))
                                .label("wrong type")
                                .note(env.globals[rel].span.unwrap(), "defined here")
                                .hint("LAYER_REFREL relates this layer's state (first) to the state of the layer below (second)"),
                        );
                    }
                }
            }
        }

        // ---- primitives, specs, loop bounds, hints
        let mut prim_layer: BTreeMap<String, (usize, Span)> = BTreeMap::new();
        for l in &layers {
            for p in &l.prims {
                if let Some((pl, psp)) = prim_layer.get(&p.name) {
                    self.diags.push(
                        Diagnostic::error(Code::PrimInTwoLayers, p.span, format!("primitive `{}` is listed in layers `{}` and `{}`", p.name, layers[*pl].name.name, l.name.name))
                            .label("listed again")
                            .note(*psp, "first listed here")
                            .hint("the lowest layer's entry is used; remove the other unless the layer above re-exports it on purpose"),
                    );
                    continue;
                }
                prim_layer.insert(p.name.clone(), (l.index, p.span));
            }
        }
        for p in &items {
            let Some(name) = p.item.kind.name() else {
                continue;
            };
            if !matches!(p.item.kind, ItemKind::Definition { .. }) {
                continue;
            }
            for (suffix, is_spec) in [("_spec", true), ("_loop_bound", false)] {
                let Some(prim) = name.name.strip_suffix(suffix) else {
                    continue;
                };
                let Some(&(pl, _)) = prim_layer.get(prim) else {
                    self.diags.push(
                        Diagnostic::error(Code::SpecWithoutPrim, name.span, format!("`{}` is named like the {} of primitive `{prim}`, but no layer lists `{prim}`", name.name, if is_spec { "spec" } else { "loop bound" }))
                            .label("no such primitive")
                            .hint(format!("add \"{prim}\" to a layer's LAYER_PRIMS, or rename the definition (the suffixes `_spec` and `_loop_bound` are reserved)")),
                    );
                    continue;
                };
                if p.layer.is_some_and(|dl| dl > pl) {
                    self.diags.push(
                        Diagnostic::error(Code::LayerOrder, name.span, format!("`{}` is defined in layer `{}`, above the layer `{}` of primitive `{prim}`", name.name, layers[p.layer.unwrap()].name.name, layers[pl].name.name))
                            .label("too high")
                            .hint("define it in the primitive's layer (or globally)"),
                    );
                    continue;
                }
                let Some(t) = env.globals[&name.name].ty.clone() else {
                    continue;
                };
                if is_spec {
                    if let Err(why) = spec_signature_ok(&t, &layers[pl].data) {
                        self.diags.push(
                            Diagnostic::error(Code::SpecSignature, name.span, format!("spec `{}` has type `{t}`: {why}", name.name))
                                .label("wrong signature")
                                .hint(format!("a spec takes the arguments (Z, bool or Ptr), then the state, and returns `option {d}` (void) or `option (R * {d})`, with {d} = LAYER_DATA of layer `{}`", layers[pl].name.name, d = layers[pl].data)),
                        );
                        continue;
                    }
                    layers[pl].specs.insert(prim.to_string(), name.name.clone());
                } else {
                    let (_, r) = t.uncurry();
                    if !matches!(r, Ty::Z | Ty::Nat) {
                        self.diags.push(
                            Diagnostic::error(Code::LoopBound, name.span, format!("loop bound `{}` returns `{r}`; it must return Z or nat", name.name))
                                .label("wrong result type")
                                .hint("give an upper bound on the iterations of every loop of the primitive, as a number or a function of its arguments"),
                        );
                        continue;
                    }
                    layers[pl]
                        .loop_bounds
                        .insert(prim.to_string(), name.name.clone());
                }
            }
        }
        if let Some(b) = layers.first() {
            for p in &b.prims {
                if !b.specs.contains_key(&p.name)
                    && !self.diags.iter().any(|d| {
                        d.code == Code::SpecSignature
                            && d.message.contains(&format!("`{}_spec`", p.name))
                    })
                {
                    self.diags.push(
                        Diagnostic::error(Code::BottomWithoutSpec, p.span, format!("bottom-layer primitive `{}` has no spec", p.name))
                            .label("no spec")
                            .hint(format!("the bottom layer is the trusted interface: define `{}_spec` in Section {}", p.name, b.name.name)),
                    );
                }
            }
        }
        let mut hints = Hints::default();
        for p in &items {
            let ItemKind::Hint { kind, names } = &p.item.kind else {
                continue;
            };
            match kind.name.as_str() {
                "NoUnfold" => {
                    for n in names {
                        if env.globals.get(&n.name).is_some_and(|g| matches!(g.kind, GlobalKind::Definition | GlobalKind::Fixpoint)) {
                            hints.no_unfold.insert(n.name.clone());
                        } else {
                            self.diags.push(
                                Diagnostic::error(Code::BadHint, n.span, format!("`Hint NoUnfold` target `{}` is not a definition", n.name))
                                    .label("not a Definition/Fixpoint")
                                    .hint("name a Definition or Fixpoint of the config"),
                            );
                        }
                    }
                }
                "NoTrans" => {
                    for n in names {
                        let base = n.name.strip_suffix("_mid").or(n.name.strip_suffix("_spec")).unwrap_or(&n.name);
                        if prim_layer.contains_key(base) {
                            hints.no_trans.insert(base.to_string());
                        } else {
                            self.diags.push(
                                Diagnostic::error(Code::BadHint, n.span, format!("`Hint NoTrans` target `{}` is not a primitive", n.name))
                                    .label("no such primitive")
                                    .hint("name a primitive listed in some LAYER_PRIMS (optionally with `_mid`)"),
                            );
                        }
                    }
                }
                k => self.diags.push(
                    Diagnostic::error(Code::BadHint, kind.span, format!("unknown hint `{k}`"))
                        .label("unknown")
                        .hint("known hints: `Hint NoUnfold d…` (keep d folded/Opaque), `Hint NoTrans p…` (skip the spec transformer)"),
                ),
            }
        }

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
            proj_name: proj_name.unwrap(),
            proj_base: proj_base.unwrap(),
            proj_proofs,
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

fn sort_diags(d: &mut [Diagnostic]) {
    d.sort_by_key(|d| (d.span.map(|s| (s.file, s.lo)), d.code));
}

/// name → (declaration span, [(dependency, use span)]).
type DepGraph = BTreeMap<String, (Span, Vec<(String, Span)>)>;

/// `"a" :: "b" :: nil` → the strings.
fn string_list(e: &Expr) -> Option<Vec<Ident>> {
    match &e.kind {
        ExprKind::Var(v) if v == "nil" => Some(vec![]),
        ExprKind::Binary(BinOp::Cons, h, t) => {
            let ExprKind::Str(s) = &h.kind else {
                return None;
            };
            let mut rest = string_list(t)?;
            rest.insert(
                0,
                Ident {
                    name: s.clone(),
                    span: h.span,
                },
            );
            Some(rest)
        }
        _ => None,
    }
}

/// `args… -> D -> option D` or `args… -> D -> option (R * D)`, args and R in {Z, bool, Ptr}.
fn spec_signature_ok(t: &Ty, d: &Ty) -> Result<(), String> {
    let (args, ret) = t.uncurry();
    let Some((st, args)) = args.split_last() else {
        return Err("it takes no arguments, but it needs at least the state".into());
    };
    if *st != d {
        return Err(format!("its last argument must be the state `{d}`"));
    }
    let scalar = |t: &Ty| matches!(t, Ty::Z | Ty::Bool) || *t == Ty::Named("Ptr".into());
    if let Some(a) = args.iter().find(|a| !scalar(a)) {
        return Err(format!("argument type `{a}` is not Z, bool or Ptr"));
    }
    match ret {
        Ty::Option(r) if **r == *d => Ok(()),
        Ty::Option(r) => match &**r {
            Ty::Tuple(ts) if ts.len() == 2 && ts[1] == *d && scalar(&ts[0]) => Ok(()),
            _ => Err(format!(
                "it must return `option {d}` or `option (R * {d})` with R = Z, bool or Ptr"
            )),
        },
        _ => Err("it must return an option".into()),
    }
}

/// Collect the free names of an expression (not bound locally), with their spans.
pub fn free_globals(e: &Expr, bound: &mut Vec<String>, out: &mut Vec<(String, Span)>) {
    let n = bound.len();
    match &e.kind {
        ExprKind::Var(v) => {
            if !bound.contains(v) {
                out.push((v.clone(), e.span));
            }
        }
        ExprKind::Num(_) | ExprKind::Str(_) | ExprKind::Bool(_) => {}
        ExprKind::App(f, args) => {
            free_globals(f, bound, out);
            args.iter().for_each(|a| free_globals(a, bound, out));
        }
        ExprKind::Unary(_, a) | ExprKind::Field(a, _) => free_globals(a, bound, out),
        ExprKind::Binary(_, a, b)
        | ExprKind::MapGet(a, b)
        | ExprKind::RecSet(a, _, b)
        | ExprKind::Update(a, _, b)
        | ExprKind::Rely(a, b)
        | ExprKind::Anno(a, b) => {
            free_globals(a, bound, out);
            free_globals(b, bound, out);
        }
        ExprKind::If(a, b, c) | ExprKind::MapSet(a, b, c) => {
            free_globals(a, bound, out);
            free_globals(b, bound, out);
            free_globals(c, bound, out);
        }
        ExprKind::Tuple(es) => es.iter().for_each(|a| free_globals(a, bound, out)),
        ExprKind::Let(b, v, body) => {
            free_globals(v, bound, out);
            bound.push(b.name.name.clone());
            free_globals(body, bound, out);
        }
        ExprKind::LetTuple(ns, v, body) | ExprKind::When(ns, v, body) => {
            free_globals(v, bound, out);
            bound.extend(ns.iter().map(|n| n.name.clone()));
            free_globals(body, bound, out);
        }
        ExprKind::Match(s, arms) => {
            free_globals(s, bound, out);
            for a in arms {
                let m = bound.len();
                pat_vars(&a.pat, bound);
                free_globals(&a.body, bound, out);
                bound.truncate(m);
            }
        }
        ExprKind::Quant(_, bs, body) => {
            bound.extend(bs.iter().map(|b| b.name.name.clone()));
            free_globals(body, bound, out);
        }
    }
    bound.truncate(n);
}

fn pat_vars(p: &Pattern, bound: &mut Vec<String>) {
    match &p.kind {
        PatKind::Var(v) => bound.push(v.clone()),
        PatKind::Ctor(_, ps) | PatKind::Tuple(ps) => ps.iter().for_each(|q| pat_vars(q, bound)),
        _ => {}
    }
}

/// Topological order of `deps` (name → its declaration span and dependencies); cycles are
/// reported once each and their members left out of the order.
fn topo(
    deps: &DepGraph,
    source_order: &[String],
    diags: &mut Vec<Diagnostic>,
    what: &str,
) -> Vec<String> {
    #[derive(Clone, Copy, PartialEq)]
    enum St {
        New,
        Active,
        Done,
        Bad,
    }
    let mut st: BTreeMap<&str, St> = deps.keys().map(|k| (k.as_str(), St::New)).collect();
    let mut order = vec![];
    fn visit<'a>(
        n: &'a str,
        deps: &'a DepGraph,
        st: &mut BTreeMap<&'a str, St>,
        stack: &mut Vec<(&'a str, Span)>,
        order: &mut Vec<String>,
        diags: &mut Vec<Diagnostic>,
        what: &str,
    ) -> bool {
        match st[n] {
            St::Done => return true,
            St::Bad => return false,
            St::Active => unreachable!(),
            St::New => {}
        }
        st.insert(n, St::Active);
        let mut ok = true;
        for (d, sp) in &deps[n].1 {
            if !deps.contains_key(d) {
                continue;
            }
            match st[d.as_str()] {
                St::Active => {
                    // a cycle: d … n → d; report it at the first edge
                    let pos = stack
                        .iter()
                        .position(|(m, _)| *m == d.as_str())
                        .unwrap_or(stack.len());
                    let mut edges: Vec<(&str, Span)> = stack[pos..].to_vec();
                    edges.push((n, *sp));
                    let mut names: Vec<&str> = edges.iter().map(|e| e.0).collect();
                    names.push(d.as_str());
                    let next = |i: usize| names[i + 1];
                    let mut dg = Diagnostic::error(
                        Code::DefCycle,
                        edges[0].1,
                        format!("cycle among {what}s: {}", names.join(" → ")),
                    )
                    .label(format!("`{}` uses `{}` here", edges[0].0, next(0)));
                    for (i, (m, msp)) in edges.iter().enumerate().skip(1) {
                        dg = dg.note(*msp, format!("`{m}` uses `{}` here", next(i)));
                    }
                    diags.push(dg.hint(if what == "type" {
                        "types cannot depend on each other in a circle (only an Inductive may mention itself); break the cycle"
                    } else {
                        "break the cycle; only a Fixpoint may call itself, and mutual recursion is not supported"
                    }));
                    ok = false;
                }
                St::Bad => ok = false,
                _ => {
                    stack.push((n, *sp));
                    let r = visit(d, deps, st, stack, order, diags, what);
                    stack.pop();
                    ok &= r;
                }
            }
        }
        st.insert(n, if ok { St::Done } else { St::Bad });
        if ok {
            order.push(n.to_string());
        }
        ok
    }
    for k in source_order.iter().filter(|k| deps.contains_key(*k)) {
        if st[k.as_str()] == St::New {
            visit(k, deps, &mut st, &mut vec![], &mut order, diags, what);
        }
    }
    order
}

impl Project {
    /// Checks that need the code: a primitive above the bottom layer with neither code nor spec,
    /// a callee of a primitive listed in no layer, a call to a primitive of the same or a higher
    /// layer (layers may only call down).
    pub fn check_code(&self, code: &CodeInfo) -> Vec<Diagnostic> {
        let mut out = vec![];
        // specs and loop bounds against the functions' signatures
        for l in &self.layers {
            for p in &l.prims {
                let Some(sig) = code.signatures.get(&p.name) else {
                    continue;
                };
                if let Some(spec) = l.specs.get(&p.name) {
                    let g = &self.env.globals[spec];
                    let want = Ty::curried(
                        sig.params
                            .iter()
                            .map(|s| s.spec_ty())
                            .chain([l.data.clone()])
                            .collect(),
                        match sig.ret {
                            None => Ty::option(l.data.clone()),
                            Some(r) => Ty::option(Ty::Tuple(vec![r.spec_ty(), l.data.clone()])),
                        },
                    );
                    if g.ty.as_ref() != Some(&want) {
                        out.push(
                            Diagnostic::error(Code::SpecSignature, g.span, format!("spec `{spec}` has type `{}`, but the code of `{}` calls for `{want}`", g.ty.as_ref().unwrap(), p.name))
                                .label("does not match the C function")
                                .hint("one argument per C parameter (Z for integers, bool for i1, Ptr for pointers), then the state; `option D` for void, else `option (R * D)`"),
                        );
                    }
                }
                if let Some(b) = l.loop_bounds.get(&p.name) {
                    let g = &self.env.globals[b];
                    let t = g.ty.as_ref().unwrap();
                    let (args, _) = t.uncurry();
                    let fits = args.is_empty()
                        || (args.len() == sig.params.len()
                            && args
                                .iter()
                                .zip(&sig.params)
                                .all(|(a, s)| **a == s.spec_ty()));
                    if !fits {
                        out.push(
                            Diagnostic::error(Code::LoopBound, g.span, format!("loop bound `{b}` has type `{t}`; it must take no argument or exactly the arguments of `{}` ({})", p.name, sig.params.iter().map(|s| s.spec_ty().to_string()).collect::<Vec<_>>().join(", ")))
                                .label("arguments do not match the C function")
                                .hint("a loop bound is a constant or a function of the primitive's arguments"),
                        );
                    }
                }
            }
        }
        let mut prim_layer: BTreeMap<&str, usize> = BTreeMap::new();
        for l in &self.layers {
            for p in &l.prims {
                prim_layer.entry(p.name.as_str()).or_insert(l.index);
            }
        }
        for l in self.layers.iter().skip(1) {
            for p in &l.prims {
                let has_code = code.defined.contains(&p.name);
                if !has_code && !l.specs.contains_key(&p.name) {
                    out.push(
                        Diagnostic::error(Code::NoCodeNoSpec, p.span, format!("primitive `{}` of layer `{}` has neither code nor a spec", p.name, l.name.name))
                            .label("no definition in the IR, no `_spec`")
                            .hint(format!("check the name against the C function, add its code to LAYER_CODE, or write `{}_spec`", p.name)),
                    );
                }
                if !has_code {
                    continue;
                }
                for c in code.calls.get(&p.name).into_iter().flatten() {
                    match prim_layer.get(c.as_str()) {
                        None => out.push(
                            Diagnostic::error(Code::CalleeInNoLayer, p.span, format!("`{}` calls `{c}`, which is listed in no layer", p.name))
                                .label(format!("primitive of layer `{}`", l.name.name))
                                .hint(format!("add \"{c}\" to the LAYER_PRIMS of a layer below `{}`", l.name.name)),
                        ),
                        Some(&cl) if cl >= l.index => out.push(
                            Diagnostic::error(Code::LayerOrder, p.span, format!("`{}` (layer `{}`) calls `{c}` of layer `{}`; a layer may only call primitives of lower layers", p.name, l.name.name, self.layers[cl].name.name))
                                .label("calls up or sideways")
                                .hint(format!("move `{c}` to a layer below `{}`, or `{}` above `{}`", l.name.name, p.name, self.layers[cl].name.name)),
                        ),
                        _ => {}
                    }
                }
            }
        }
        out
    }

    /// The layer listing a primitive (lowest if listed twice).
    pub fn layer_of(&self, prim: &str) -> Option<&Layer> {
        self.layers
            .iter()
            .find(|l| l.prims.iter().any(|p| p.name == prim))
    }
}
