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
use memmap::{RBlock, RPath, ResolvedMap, Step, Target};
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

/// What the dispatch computes for an index, as the generated load's `let`s bind it: the offset
/// relative to each member's start, divided by the array's stride.
fn index_terms(p: &RPath) -> Vec<Term> {
    // o: the offset relative to the current node's start
    let mut o = offset_term(p);
    let mut out = vec![];
    for s in &p.steps {
        match s {
            Step::Field { offset, .. } => o = Term::infix("-", o, z(*offset)),
            Step::Index { stride, .. } => {
                out.push(Term::infix("/", o.clone(), z(*stride)));
                o = Term::infix("mod", o, z(*stride));
            }
        }
    }
    out
}

fn lemma_name(f: &str, b: &RBlock, p: &RPath) -> String {
    format!("{f}_{}_{}", b.name, p.id)
}

/// `MemMap.v`: the access lemmas of every resolved map.
pub fn memmap_file(cx: &Ctx, maps: &[(PathBuf, ResolvedMap)]) -> Option<File> {
    if maps.is_empty() {
        return None;
    }
    let mut f = cx.file(
        "the access lemmas of the memory maps: a load or store at a mapped path's address is the access of its abstract location",
        vec![Require::import(cx.pn.clone(), &["GlobalDefs"])],
    );
    for (_, m) in maps {
        let (load, store, lock_of) = m.file.functions.clone().unwrap_or_default();
        let state = name(m.file.state.clone().unwrap_or_default());
        for b in &m.blocks {
            let g = cx.ident(&b.global);
            for p in &b.paths {
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
                // the proof: open the load, settle the dispatch, identify the computed indices
                let mut steps = vec![Tactic::call("intros", vec![])];
                let open =
                    |f: &str, blk: &str| Tactic::call("memmap_open", vec![name(f), name(blk)]);
                let idx_eqs: Vec<Tactic> = index_terms(p)
                    .into_iter()
                    .zip(&vars)
                    .map(|(t, (v, _, _))| Tactic::call("memmap_index", vec![t, name(v.clone())]))
                    .collect();
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
            }
        }
    }
    let _ = names::CODE_DIR;
    Some(f)
}
