//! Memory maps in a build: the expander that turns an included `.map` file into configuration
//! source (the map is resolved against the IR it names, so a map that disagrees with the code is an
//! error before anything is generated), and `MemMap.v`, the access lemmas of every mapped path —
//! a load or store of the path's size at its address (indices in bounds) is the access of its
//! abstract location, under its access check; the lock word of a lock maps to the lock.

use super::ctx::Ctx;
use super::names;
use coq::sentence::Require;
use coq::{Binder, File, Proof, Sentence, Tactic, Term};
use diag::span::FileId;
use diag::{Code, Diagnostic};
use memmap::accessor::{AccessKind, Lin, Stored};
use memmap::{RBlock, RPath, ResolvedMap, Step, Target};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Expands `.map` includes; keeps every resolved map for the Coq side.
#[derive(Default)]
pub struct MapExpander {
    pub maps: Mutex<Vec<(PathBuf, ResolvedMap)>>,
}

impl config::IncludeExpander for MapExpander {
    fn handles(&self, path: &Path) -> bool {
        path.extension().is_some_and(|e| e == "map")
    }

    fn expand(&self, file: FileId, path: &Path, text: &str) -> Result<String, Vec<Diagnostic>> {
        let (m, diags) = memmap::parse(file, text);
        if !diags.is_empty() {
            return Err(diags);
        }
        let Some((code, span)) = m.code.clone() else {
            return Err(vec![Diagnostic::error(
                Code::MapCode,
                None,
                format!("the memory map {} names no code", path.display()),
            )
            .hint(
                "add `code \"module.ll\"` (the LLVM IR whose struct layouts it follows)",
            )]);
        };
        let code_path = path.parent().unwrap_or(Path::new(".")).join(&code);
        let module = ir2json::read_module(&code_path).map_err(|e| {
            vec![Diagnostic::error(
                Code::MapCode,
                span,
                format!("cannot read the map's code: {e}"),
            )
            .label("this file")
            .hint("the path is relative to the map file")]
        })?;
        let resolved = memmap::resolve(&m, &module)?;
        let name = path
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = memmap::gen::config_source(&resolved, &name).map_err(|e| {
            vec![
                Diagnostic::error(Code::MapSyntax, None, format!("{}: {e}", path.display()))
                    .hint("see docs/memmap.md for the form of locations"),
            ]
        })?;
        self.maps
            .lock()
            .expect("no panic while holding the lock")
            .push((path.to_path_buf(), resolved));
        Ok(text)
    }
}

fn name(s: impl Into<String>) -> Term {
    Term::name(s)
}

fn z(n: u64) -> Term {
    Term::int(n as i128)
}

/// The byte offset of a path's scalar: `const + stride₁·i₁ + …` (as in the code's arithmetic).
pub fn offset_term(p: &RPath) -> Term {
    let mut t = z(p.const_offset());
    for (v, stride, _) in p.indices() {
        t = Term::infix("+", t, Term::infix("*", z(stride), name(v)));
    }
    t
}

/// What the dispatch computes at each index of a path, as the generated load's `let`s bind it:
/// the offset relative to the array's start divided by the stride (the index), and modulo the
/// stride (the offset inside the element, which the proof replaces by its value: the rest of
/// the path's offset).
struct IndexStep {
    div: Term,
    rem: Term,
    rest: Term,
}

fn index_steps(p: &RPath) -> Vec<IndexStep> {
    let mut o = offset_term(p);
    let mut out = vec![];
    for (k, s) in p.steps.iter().enumerate() {
        match s {
            Step::Field { offset, .. } => o = Term::infix("-", o, z(*offset)),
            Step::Index { stride, .. } => {
                let rest = RPath {
                    steps: p.steps[k + 1..].to_vec(),
                    ..p.clone()
                };
                let rest = offset_term(&rest);
                out.push(IndexStep {
                    div: Term::infix("/", o.clone(), z(*stride)),
                    rem: Term::infix("mod", o, z(*stride)),
                    rest: rest.clone(),
                });
                o = rest;
            }
        }
    }
    out
}

/// The name of path `p`'s access lemma for the map operation `f` (load, store, lock-word map).
pub(crate) fn lemma_name(f: &str, b: &RBlock, p: &RPath) -> String {
    format!("{f}_{}_{}", b.name, p.id)
}

/// The folder of the per-path access-lemma files (logical path `<pn>.Access`).
pub const ACCESS_DIR: &str = "Access";

/// The module (in [`ACCESS_DIR`]) of path `p`'s access lemmas.
pub fn access_module(b: &RBlock, p: &RPath) -> String {
    format!("{}_{}", b.name, p.id)
}

/// `MemMap.v` and the files it exports: the access lemmas of every resolved map, one file per
/// path (`Access/<block>_<path>.v`, so `make -j` checks them in parallel and a field accessor's
/// RefProof waits for its own path only); `MemMap.v` exports them all.
pub fn memmap_files(cx: &Ctx, maps: &[(PathBuf, ResolvedMap)]) -> Vec<(String, File)> {
    if maps.is_empty() {
        return vec![];
    }
    let mut files = vec![];
    let mut modules = vec![];
    for (_, m) in maps {
        let (load, store, lock_of) = m.file.functions.clone().unwrap_or_default();
        let state = name(m.file.state.clone().unwrap_or_default());
        for b in &m.blocks {
            let g = cx.ident(&b.global);
            for p in &b.paths {
                let module = access_module(b, p);
                let mut f = cx.file(
                    &format!(
                        "the access lemmas of path `{}` of block `{}`: a load or store at its address is the access of its abstract location",
                        p.id, b.name
                    ),
                    vec![Require::import(cx.pn.clone(), &["GlobalDefs"])],
                );
                let vars: Vec<(String, u64, u64)> = p.indices();
                let mut bs: Vec<Binder> = vars
                    .iter()
                    .map(|(v, _, _)| Binder::typed(v.clone(), name("Z")))
                    .collect();
                let bounds: Vec<Term> = vars
                    .iter()
                    .map(|(v, _, len)| {
                        Term::and(vec![
                            Term::rel("<=", Term::int(0), name(v.clone())),
                            Term::rel("<", name(v.clone()), z(*len)),
                        ])
                    })
                    .collect();
                let ptr = Term::app(
                    "Ptr",
                    vec![Term::app("Bglob", vec![name(g.clone())]), offset_term(p)],
                );
                let args = |extra: Vec<Term>| {
                    let mut a: Vec<Term> = vars.iter().map(|(v, _, _)| name(v.clone())).collect();
                    a.extend(extra);
                    a
                };
                // the proof: open the load, walk the dispatch, identify the computed indices, walk on
                let mut steps = vec![Tactic::call("intros", vec![])];
                let open =
                    |f: &str, blk: &str| Tactic::call("memmap_open", vec![name(f), name(blk)]);
                let mut idx_eqs: Vec<Tactic> = index_steps(p)
                    .into_iter()
                    .zip(&vars)
                    .map(|(t, (v, _, _))| {
                        Tactic::call("memmap_index", vec![t.div, name(v.clone()), t.rem, t.rest])
                    })
                    .collect();
                idx_eqs.push(Tactic::call("memmap_walk", vec![]));
                match &p.decl.target {
                    Target::LockWord(_) => {
                        steps.push(open(&lock_of, &memmap::gen::block_lock_of(b)));
                        steps.extend(idx_eqs);
                        steps.push(Tactic::call("reflexivity", vec![]));
                        f.push(Sentence::lemma(
                            lemma_name(&lock_of, b, p),
                            Term::forall(
                                bs,
                                Term::implies(
                                    bounds,
                                    Term::eq(
                                        Term::app(lock_of.clone(), vec![ptr]),
                                        Term::some(Term::app(
                                            memmap::gen::lock_fn(b, p),
                                            args(vec![]),
                                        )),
                                    ),
                                ),
                            ),
                            Proof(steps),
                        ));
                    }
                    Target::Field { .. } => {
                        bs.push(Binder::typed("st", state.clone()));
                        let ok = Term::app(memmap::gen::ok_fn(b, p), args(vec![name("st")]));
                        let load_rhs = Term::if_(
                            ok.clone(),
                            Term::some(Term::app(
                                memmap::gen::get_fn(b, p),
                                args(vec![name("st")]),
                            )),
                            Term::none(),
                        );
                        let mut lsteps = steps.clone();
                        lsteps.push(open(&load, &memmap::gen::block_load(b)));
                        lsteps.extend(idx_eqs.clone());
                        lsteps.push(Tactic::call("reflexivity", vec![]));
                        f.push(Sentence::lemma(
                            lemma_name(&load, b, p),
                            Term::forall(
                                bs.clone(),
                                Term::implies(
                                    bounds.clone(),
                                    Term::eq(
                                        Term::app(
                                            load.clone(),
                                            vec![z(p.size), ptr.clone(), name("st")],
                                        ),
                                        load_rhs,
                                    ),
                                ),
                            ),
                            Proof(lsteps),
                        ));
                        let mut sbs = bs.clone();
                        sbs.insert(sbs.len() - 1, Binder::typed("x", name("Z")));
                        let store_rhs = Term::if_(
                            ok,
                            Term::some(Term::app(
                                memmap::gen::set_fn(b, p),
                                args(vec![name("x"), name("st")]),
                            )),
                            Term::none(),
                        );
                        steps.push(open(&store, &memmap::gen::block_store(b)));
                        steps.extend(idx_eqs);
                        steps.push(Tactic::call("reflexivity", vec![]));
                        f.push(Sentence::lemma(
                            lemma_name(&store, b, p),
                            Term::forall(
                                sbs,
                                Term::implies(
                                    bounds,
                                    Term::eq(
                                        Term::app(
                                            store.clone(),
                                            vec![z(p.size), ptr, name("x"), name("st")],
                                        ),
                                        store_rhs,
                                    ),
                                ),
                            ),
                            Proof(steps),
                        ));
                    }
                }
                files.push((format!("{ACCESS_DIR}/{module}.v"), f));
                modules.push(module);
            }
        }
    }
    let mods: Vec<&str> = modules.iter().map(String::as_str).collect();
    let top = cx.file(
        "the access lemmas of the memory maps: a load or store at a mapped path's address is the access of its abstract location (one file per path)",
        vec![Require::export(format!("{}.{ACCESS_DIR}", cx.pn), &mods)],
    );
    files.push(("MemMap.v".into(), top));
    files
}

/// A field-level spec: primitive `p` is an accessor of a mapped path (see `memmap::accessor`).
#[derive(Clone, Debug)]
pub struct FieldSpec {
    pub block: RBlock,
    pub path: RPath,
    /// The map's pointer-level load and store (the layer below's memory operations).
    pub load: String,
    pub store: String,
    /// The map's lock-word map, and for a lock operation (`AccessKind::Pass`) the configuration's
    /// operation the callee performs (`lockop` of the map).
    pub lock_of: String,
    pub lock_op: Option<String>,
    /// The function giving the object's start.
    pub start: String,
    /// The path's indices as the code computes them from the parameters.
    pub indices: Vec<Lin>,
    pub kind: AccessKind,
    /// For a function that chooses its field by a parameter (`; by f(index = 41)`): the
    /// inputs for which it accesses this path, and the parameter's position.
    pub case: Option<(memmap::Case, usize)>,
}

/// The field specs of accessors: one unconditional arm, or one arm per declared case in the
/// map's order (the spec tries them in turn and is undefined on inputs no case covers).
pub type FieldSpecs = BTreeMap<String, Vec<FieldSpec>>;

/// The field-level specs of the accessors the maps declare (`; by f …`) that are primitives with
/// code and no hand-written spec, whose layer below accesses memory through the map's own load
/// and store. The spec comes from the declared path; the code only has to have the accessor's
/// shape (its offset is the proof's business: code that reads another field fails its RefProof).
/// A declared accessor that is not a primitive above the bottom layer, or whose body is not one
/// sized access at a block address, is an error (E-MAP011).
pub fn field_specs(
    p: &config::Project,
    module: &ir2json::Module,
    maps: &[(PathBuf, ResolvedMap)],
    errors: &mut Vec<super::ctx::GenError>,
) -> FieldSpecs {
    let mut out: FieldSpecs = BTreeMap::new();
    for (file, m) in maps {
        let Some((load, store, lock_of)) = m.file.functions.clone() else {
            continue;
        };
        for (bi, b) in m.blocks.iter().enumerate() {
            for (pi, path) in b.paths.iter().enumerate() {
                for decl in &path.decl.accessors {
                    let f = &decl.name;
                    let fail = |why: String| {
                        super::ctx::GenError::new(
                            Code::MapAccessor,
                            diag::Place::file(file.display().to_string()),
                            format!("`{f}`, declared an accessor of `{}` in block {}: {why}", path.decl.display(), b.name),
                            "declare only functions whose body is the block's start, offset arithmetic and one load or store (on a lock word: one call of a `lockop` function with its address; others get a synthesised spec), and list them in a layer above the bottom",
                        )
                    };
                    let Some(k) = p.layer_index(f) else {
                        errors.push(fail("no layer lists it".into()));
                        continue;
                    };
                    let l = &p.layers[k];
                    if k == 0 || l.specs.contains_key(f) {
                        errors.push(fail(
                            "it has a hand-written spec (or is in the bottom layer)".into(),
                        ));
                        continue;
                    }
                    let shape = match &decl.case {
                        None => memmap::accessor::shape(module, m, f).ok_or(
                            "its body is not one access at an address of a mapped block",
                        ),
                        // the path (of several) its code takes to this field
                        Some(_) => memmap::accessor::path_shapes(module, m, f)
                            .ok_or("its body is not a choice, by comparisons of a parameter with constants, among accesses at addresses of mapped blocks")
                            .and_then(|ps| {
                                ps.into_iter()
                                    .find(|s| s.block == bi && s.accesses(m, pi))
                                    .ok_or("no path through its body accesses this field")
                            }),
                    };
                    let shape = match shape {
                        Ok(s) => s,
                        Err(why) => {
                            errors.push(fail(why.into()));
                            continue;
                        }
                    };
                    let case = match &decl.case {
                        None => None,
                        Some(c) => {
                            match param_names(module, f).iter().position(|n| *n == c.param) {
                                Some(i) => Some((c.clone(), i)),
                                None => {
                                    errors.push(fail(format!(
                                    "its case `{c}` names `{}`, which is not a parameter of `{f}`",
                                    c.param
                                )));
                                    continue;
                                }
                            }
                        }
                    };
                    let lock_op = match (&path.decl.target, &shape.kind) {
                        (Target::LockWord(_), AccessKind::Pass { callee }) => {
                            match m.file.lockops.iter().find(|(c, _)| c == callee) {
                                Some((_, op)) => Some(op.clone()),
                                None => {
                                    errors.push(fail(format!("it calls `{callee}`, which the map does not declare with `lockop {callee} OPERATION`")));
                                    continue;
                                }
                            }
                        }
                        (
                            Target::Field { .. },
                            AccessKind::Load { .. }
                            | AccessKind::LoadNonzero { .. }
                            | AccessKind::Store { .. },
                        ) => {
                            let below = &p.layers[k - 1].ops;
                            if below.get(&config::LayerOp::Load) != Some(&load)
                                || below.get(&config::LayerOp::Store) != Some(&store)
                            {
                                errors.push(fail(format!("the layer below does not use the map's `{load}`/`{store}` as its memory")));
                                continue;
                            }
                            None
                        }
                        (Target::LockWord(_), _) => {
                            errors.push(fail("the path is a lock word, but the body loads or stores it (a lock word is only passed to a lock operation)".into()));
                            continue;
                        }
                        (Target::Field { .. }, _) => {
                            errors.push(fail("the path is a field, but the body passes its address to a call (declare lock operations on lock words)".into()));
                            continue;
                        }
                    };
                    if shape.vars.len() != path.indices().len()
                        || m.blocks[shape.block].name != b.name
                    {
                        errors.push(fail(
                            "its address has another block or another number of indices".into(),
                        ));
                        continue;
                    }
                    // an index computed from several parameters is policy (which slot a
                    // (vmid, vcpuid) pair is): the map declares it, the code must agree
                    if let Some(why) = index_disagreement(module, f, &path.decl, &shape.vars) {
                        errors.push(fail(why));
                        continue;
                    }
                    // the code may access another path than the declared one: the spec is
                    // stated over the declared path anyway, and the RefProof fails
                    out.entry(f.clone()).or_default().push(FieldSpec {
                        block: b.clone(),
                        path: path.clone(),
                        load: load.clone(),
                        store: store.clone(),
                        lock_of: lock_of.clone(),
                        lock_op,
                        start: shape.start,
                        indices: shape.vars.into_iter().map(|v| v.2).collect(),
                        kind: shape.kind,
                        case,
                    });
                }
            }
        }
    }
    // a function declared on several paths must choose among them by declared cases, of one
    // kind of access (a spec has one result type); a lock operation has one word
    out.retain(|f, arms| {
        let why = if arms.len() > 1 && arms.iter().any(|a| a.case.is_none()) {
            Some("it is declared on several paths, not each with a case (`; by f(index = 41)`)")
        } else if arms.iter().any(|a| a.case.is_some() && a.lock_op.is_some()) {
            Some("a lock operation cannot be declared with a case")
        } else if arms.iter().any(|a| {
            std::mem::discriminant(&a.kind) != std::mem::discriminant(&arms[0].kind)
                || matches!((&a.kind, &arms[0].kind), (AccessKind::Load { ret: x, .. }, AccessKind::Load { ret: y, .. }) if x != y)
        }) {
            Some("its cases do not all load (or all store) a value of the same kind")
        } else {
            None
        };
        if let Some(why) = why {
            errors.push(super::ctx::GenError::new(
                Code::MapAccessor,
                diag::Place::function(f.clone()),
                format!("`{f}`, declared an accessor of several paths: {why}"),
                "declare a function on one path, or on each of its paths with the inputs that select it",
            ));
        }
        why.is_none()
    });
    out
}

/// The C names of `f`'s parameters (empty for unnamed ones).
fn param_names(module: &ir2json::Module, f: &str) -> Vec<String> {
    module
        .function(f)
        .map(|func| {
            func.sig
                .params
                .iter()
                .map(|p| match &p.name {
                    Some(ir2json::Name::Named(n)) => n.clone(),
                    _ => String::new(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Why accessor `f`'s computed indices disagree with the path's declaration, if they do: a
/// declared formula (`[i = vmid * 4 + vcpuid]`, over `f`'s parameter names) must be the sum the
/// code computes; an index computed from more than one parameter must be declared.
fn index_disagreement(
    module: &ir2json::Module,
    f: &str,
    decl: &memmap::PathDecl,
    vars: &[memmap::accessor::Var],
) -> Option<String> {
    let params = param_names(module, f);
    let shown = |l: &Lin| {
        memmap::Formula {
            terms: l
                .terms
                .iter()
                .map(|(k, p)| (*k, params.get(*p).cloned().unwrap_or_default()))
                .collect(),
            konst: l.konst,
        }
        .to_string()
    };
    for ((var, formula), (_, _, lin)) in decl
        .index_vars()
        .into_iter()
        .zip(decl.index_formulas())
        .zip(vars)
    {
        match formula {
            Some(fm) => {
                let mut declared: Vec<(u64, usize)> = vec![];
                for (k, n) in &fm.terms {
                    let Some(p) = params.iter().position(|q| q == n) else {
                        return Some(format!(
                            "the index `{var} = {fm}` names `{n}`, which is not a parameter of `{f}`"
                        ));
                    };
                    declared.push((*k, p));
                }
                let (mut a, mut b) = (declared, lin.terms.clone());
                a.sort();
                b.sort();
                if a != b || fm.konst != lin.konst {
                    return Some(format!(
                        "it computes the index `{var}` as `{}`, but the map declares `{var} = {fm}`",
                        shown(lin)
                    ));
                }
            }
            None if lin.terms.len() > 1 || lin.konst != 0 || lin.terms[0].0 != 1 => {
                return Some(format!(
                    "it computes the index `{var}` as `{}`: declare which sum it is on the path (`[{var} = …]`)",
                    shown(lin)
                ));
            }
            None => {}
        }
    }
    None
}

/// The offset of the path with its index variables replaced by `args` (outermost first).
fn offset_at(p: &RPath, args: &[Term]) -> Term {
    let mut t = z(p.const_offset());
    for ((_, stride, _), a) in p.indices().into_iter().zip(args) {
        t = Term::infix("+", t, Term::infix("*", z(stride), a.clone()));
    }
    t
}

/// The arguments of an accessor's spec (named as the refinement lemmas name them: `a1 …`) and,
/// among them, its path's indices.
fn spec_args(cx: &Ctx, p: &str, fs: &FieldSpec) -> (Vec<Term>, Vec<Term>) {
    let n = cx.sig(p).map(|(ps, _)| ps.len()).unwrap_or(0);
    let args: Vec<Term> = (1..=n).map(|i| name(format!("a{i}"))).collect();
    let idx = fs.indices.iter().map(|l| lin_term(l, &args)).collect();
    (args, idx)
}

/// `Σ coef·a_p ± konst` (parameter terms first, in the code's order; unit factors left out).
fn lin_term(l: &Lin, args: &[Term]) -> Term {
    let parts: Vec<Term> = l
        .terms
        .iter()
        .map(|(k, p)| match k {
            1 => args[*p].clone(),
            _ => Term::infix("*", args[*p].clone(), z(*k)),
        })
        .collect();
    let sum = parts.into_iter().reduce(|a, b| Term::infix("+", a, b));
    match (sum, l.konst) {
        (None, k) => Term::int(k.into()),
        (Some(s), 0) => s,
        (Some(s), k) if k < 0 => Term::infix("-", s, z(k.unsigned_abs())),
        (Some(s), k) => Term::infix("+", s, z(k.unsigned_abs())),
    }
}

/// The body of one arm of a field spec (`if bounds && ok then Some … else None`) and the spec's
/// result type.
fn arm_body(cx: &Ctx, k: usize, p: &str, fs: &FieldSpec) -> (Term, Term) {
    let (args, idx) = spec_args(cx, p, fs);
    let mut cond: Vec<Term> = vec![];
    for ((_, _, len), a) in fs.path.indices().into_iter().zip(&idx) {
        cond.push(Term::infix("<=?", Term::int(0), a.clone()));
        cond.push(Term::infix("<?", a.clone(), z(len)));
    }
    let mut ok_args = idx.clone();
    ok_args.push(name("st"));
    if fs.lock_op.is_none() {
        cond.push(Term::app(
            memmap::gen::ok_fn(&fs.block, &fs.path),
            ok_args.clone(),
        ));
    }
    let st_ty = crate::spec::print::ty(cx.state(k));
    let (body, ret_ty) = match fs.kind {
        AccessKind::Load { bits, ret } => (
            Term::some(Term::tuple(vec![
                Term::app(
                    "wrap",
                    vec![
                        Term::int(bits.min(ret).into()),
                        Term::app(memmap::gen::get_fn(&fs.block, &fs.path), ok_args),
                    ],
                ),
                name("st"),
            ])),
            Term::app(
                "option",
                vec![Term::Product(vec![name("Z"), st_ty.clone()])],
            ),
        ),
        AccessKind::LoadNonzero { bits } => (
            Term::some(Term::tuple(vec![
                Term::app(
                    "negb",
                    vec![Term::infix(
                        "=?",
                        Term::app(
                            "wrap",
                            vec![
                                Term::int(bits.into()),
                                Term::app(memmap::gen::get_fn(&fs.block, &fs.path), ok_args),
                            ],
                        ),
                        Term::int(0),
                    )],
                ),
                name("st"),
            ])),
            Term::app(
                "option",
                vec![Term::Product(vec![name("bool"), st_ty.clone()])],
            ),
        ),
        AccessKind::Store { ref value, bits } => {
            let mut set_args = idx.clone();
            set_args.push(match value {
                Stored::Param(p) => {
                    Term::app("wrap", vec![Term::int(bits.into()), args[*p].clone()])
                }
                Stored::Const(c) => z(*c),
            });
            set_args.push(name("st"));
            (
                Term::some(Term::app(
                    memmap::gen::set_fn(&fs.block, &fs.path),
                    set_args,
                )),
                Term::app("option", vec![st_ty.clone()]),
            )
        }
        AccessKind::Pass { .. } => {
            let op = fs
                .lock_op
                .clone()
                .expect("a lock operation has its `lockop`");
            let id = Term::app(memmap::gen::lock_fn(&fs.block, &fs.path), idx.clone());
            (
                Term::app(op, vec![id, name("st")]),
                Term::app("option", vec![st_ty]),
            )
        }
    };
    // a lock word of a global lock has no index and no check: the spec is the operation itself
    let body = match cond.into_iter().reduce(|a, b| Term::infix("&&", a, b)) {
        Some(cond) => Term::if_(cond, body, Term::none()),
        None => body,
    };
    (body, ret_ty)
}

/// A case's test on the spec's argument (unsigned values, as the arguments are).
fn case_test(c: &memmap::Case, arg: Term) -> Term {
    let v = z(c.value);
    match c.op {
        memmap::CaseOp::Eq => Term::infix("=?", arg, v),
        memmap::CaseOp::Lt => Term::infix("<?", arg, v),
        memmap::CaseOp::Ge => Term::infix("<=?", v, arg),
    }
}

/// `Definition p_spec a1 … st := if bounds && ok then Some … else None.`, or for a function
/// with cases `if case₁ then arm₁ else if case₂ then arm₂ … else None`.
pub fn field_spec_sentences(cx: &Ctx, k: usize, p: &str, arms: &[FieldSpec]) -> Vec<Sentence> {
    let n = cx.sig(p).map(|(ps, _)| ps.len()).unwrap_or(0);
    let st_ty = crate::spec::print::ty(cx.state(k));
    let mut ret_ty = None;
    let mut body = Term::none();
    for fs in arms.iter().rev() {
        let (b, t) = arm_body(cx, k, p, fs);
        ret_ty = Some(t);
        body = match &fs.case {
            Some((c, i)) => Term::if_(case_test(c, name(format!("a{}", i + 1))), b, body),
            None => b,
        };
    }
    let mut bs: Vec<Binder> = (1..=n)
        .map(|i| Binder::typed(format!("a{i}"), name("Z")))
        .collect();
    bs.push(Binder::typed("st", st_ty));
    let first = &arms[0];
    let comment = match (&first.lock_op, arms.len()) {
        (None, 1) if first.case.is_none() => format!(
            "`{p}` accesses `{}` of block {} (memory map): its spec is that field, under the index bounds and the access check.",
            first.path.decl.display(),
            first.block.name
        ),
        (None, _) => format!(
            "`{p}` chooses the field it accesses by its arguments (memory map): {}; its spec is that field, under the index bounds and the access check, and undefined for other arguments.",
            arms.iter()
                .map(|a| format!(
                    "`{}` of block {} when {}",
                    a.path.decl.display(),
                    a.block.name,
                    a.case.as_ref().map(|(c, _)| c.to_string()).unwrap_or_default()
                ))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        (Some(op), _) => format!(
            "`{p}` passes the lock word `{}` of block {} to a lock operation (memory map): its spec is `{op}` on that lock's id{}.",
            first.path.decl.display(),
            first.block.name,
            if first.path.indices().is_empty() { "" } else { ", under the index bounds" }
        ),
    };
    vec![Sentence::Group(vec![
        Sentence::comment(comment),
        Sentence::definition(names::spec(p), bs, ret_ty, body),
        Sentence::simpl_never(names::spec(p)),
    ])]
}

/// The proof of the spec-level refinement lemma of a field spec (`field_ref`) or of a lock
/// operation (`lock_ref`, which also opens the callee's spec); for a function with cases, the
/// spec's case tests split in turn (`guarded_case`), each arm proved like a field spec
/// (`field_arm`: the code's own branches are decided from the case).
pub fn field_ref_tactic(cx: &Ctx, k: usize, p: &str, arms: &[FieldSpec]) -> Tactic {
    let spec = name(names::spec(p));
    let low = name(names::low_spec(p));
    let rel = name(names::rel(cx.lname(k)));
    let access = |fs: &FieldSpec| {
        let (_, idx) = spec_args(cx, p, fs);
        let lemma = match &fs.kind {
            AccessKind::Load { .. } | AccessKind::LoadNonzero { .. } => {
                lemma_name(&fs.load, &fs.block, &fs.path)
            }
            AccessKind::Store { .. } => lemma_name(&fs.store, &fs.block, &fs.path),
            AccessKind::Pass { .. } => lemma_name(&fs.lock_of, &fs.block, &fs.path),
        };
        (name(lemma), offset_at(&fs.path, &idx))
    };
    if let [fs] = arms {
        if fs.case.is_none() {
            let mut args = vec![spec, low, rel, name(cx.spec_name(&fs.start))];
            let tactic = match &fs.kind {
                AccessKind::Pass { callee } => {
                    args.push(name(cx.spec_name(callee)));
                    "lock_ref"
                }
                _ => "field_ref",
            };
            let (lemma, off) = access(fs);
            args.extend([lemma, off]);
            // the offset names the lemma's arguments: introduce them first
            return Tactic::Then(vec![
                Tactic::call("intros", vec![]),
                Tactic::call(tactic, args),
            ]);
        }
    }
    let mut t = Tactic::call("guarded_none", vec![]);
    for fs in arms.iter().rev() {
        let (lemma, off) = access(fs);
        let arm = Tactic::call(
            "field_arm",
            vec![low.clone(), name(cx.spec_name(&fs.start)), lemma, off],
        );
        t = Tactic::dispatch(Tactic::call("guarded_case", vec![]), vec![arm, t]);
    }
    Tactic::Then(vec![
        Tactic::call("intros", vec![]),
        Tactic::call("guarded_open", vec![spec, rel]),
        t,
    ])
}
