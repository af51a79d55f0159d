//! Mutation testing of the proofs `autov build` generates.
//!
//! A proof configuration's inputs — the LLVM IR its layers name, its hand-written specs and its
//! refinement relations — are mutated one change at a time ([`ir`] for the code, [`cfg`] for the
//! configuration); each mutant is built into a copy of the checked positive project (only the files
//! the change reaches are rewritten, so `make` is incremental) and classified by whether the proofs
//! still check ([`run`]). A mutant the proofs accept is a *survivor*: the theorem does not see that
//! change. [`report`] prints the table, the survivors and the mutation score. `docs/mutate.md` is
//! the user documentation.

pub mod cfg;
pub mod declared;
pub mod ir;
pub mod journal;
pub mod report;
pub mod run;
pub mod uses;

use config::Project;
use diag::Code;
use ir::Edit;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The kind of input a mutant changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Class {
    /// The LLVM IR of the primitives above the bottom layer.
    Code,
    /// Hand-written specs (every layer, the bottom's included), layer operations, loop bounds, and
    /// the definitions they use.
    Spec,
    /// Refinement relations and initial states, and the definitions they use (unless a spec uses
    /// them too).
    Rel,
}

impl Class {
    pub const ALL: [Class; 3] = [Class::Code, Class::Spec, Class::Rel];
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Code => "code",
            Class::Spec => "spec",
            Class::Rel => "rel",
        }
    }
    pub fn parse(s: &str) -> Option<Class> {
        Class::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

impl std::fmt::Display for Class {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One mutant.
#[derive(Clone, Debug, Serialize)]
pub struct Mutant {
    /// `code-007`, `spec-012`, `rel-003`: the class and the position in the full, deterministic
    /// enumeration (the same whatever `--only`/`--limit` select).
    pub id: String,
    pub class: Class,
    /// The operator (`icmp-negate`, `const+1`, `drop-store`, `cmp-swap`, …).
    pub op: String,
    /// The mutated file, relative to the inputs' common directory, and the 1-based line.
    pub file: String,
    pub line: usize,
    /// The function (code) or definition (configuration) changed.
    pub site: String,
    /// The layer of the function's primitive or of the definition (`None`: outside sections).
    pub layer: Option<String>,
    /// What changed, in a few words.
    pub change: String,
    /// The instruction or sub-expression before and after (empty after for a deletion).
    pub before: String,
    pub after: String,
    /// For code, the C source line of the instruction (from its debug location).
    pub source: Option<String>,
    #[serde(skip)]
    pub input: usize,
    #[serde(skip)]
    pub edit: Edit,
}

impl Mutant {
    pub fn location(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }
}

/// An error of the mutation run, with a stable code.
#[derive(Debug, thiserror::Error)]
#[error("error[{}]: {message}", code.as_str())]
pub struct MutError {
    pub code: Code,
    pub message: String,
}

impl MutError {
    pub fn new(code: Code, message: impl Into<String>) -> MutError {
        MutError {
            code,
            message: message.into(),
        }
    }
}

/// One input file of a configuration.
#[derive(Clone, Debug)]
pub struct InputFile {
    /// Relative to [`Inputs::root`].
    pub rel: PathBuf,
    pub abs: PathBuf,
    pub text: Option<String>,
}

/// Every file `autov build` reads for a configuration: its files (the root and what it includes),
/// the code its layers name, its hand proofs.
#[derive(Clone, Debug)]
pub struct Inputs {
    /// The deepest directory containing them all.
    pub root: PathBuf,
    /// Index of the configuration's root file.
    pub config: usize,
    pub files: Vec<InputFile>,
    /// Index of each configuration source file (by source-map index); `None` for source that
    /// an include expander generated (a memory map's definitions), which is not a file.
    pub config_files: Vec<Option<usize>>,
    /// Index of each code file.
    pub code_files: Vec<usize>,
}

impl Inputs {
    pub fn collect(p: &Project) -> Result<Inputs, MutError> {
        let canon = |q: &Path| {
            std::fs::canonicalize(q)
                .map_err(|e| MutError::new(Code::MutInputs, format!("{}: {e}", q.display())))
        };
        let mut abs: Vec<PathBuf> = vec![];
        let index = |q: PathBuf, abs: &mut Vec<PathBuf>| -> usize {
            if let Some(i) = abs.iter().position(|a| *a == q) {
                return i;
            }
            abs.push(q);
            abs.len() - 1
        };
        let mut config_files = vec![];
        for (i, f) in p.sources.files.iter().enumerate() {
            // the root and what it includes are files; what an expander generated is not (the
            // included file it comes from, e.g. the `.map`, is in the sources itself)
            if i > 0 && !f.path.exists() {
                config_files.push(None);
                continue;
            }
            let q = canon(&f.path)?;
            config_files.push(Some(index(q, &mut abs)));
        }
        let config = config_files.first().copied().flatten().unwrap_or(0);
        let mut code_files = vec![];
        for l in &p.layers {
            if let Some(c) = &l.code {
                let i = index(canon(c)?, &mut abs);
                if !code_files.contains(&i) {
                    code_files.push(i);
                }
            }
        }
        // PROJ_PROOFS names files or directories of hand proofs; a directory brings its files.
        for pp in &p.proj_proofs {
            for f in proof_files(pp) {
                index(canon(&f)?, &mut abs);
            }
        }
        let mut root = abs
            .first()
            .and_then(|a| a.parent())
            .map(Path::to_path_buf)
            .unwrap_or_default();
        for a in &abs {
            while !a.starts_with(&root) {
                root = root.parent().map(Path::to_path_buf).unwrap_or_default();
            }
        }
        let files = abs
            .iter()
            .map(|a| {
                let text = std::fs::read_to_string(a).ok();
                InputFile {
                    rel: a.strip_prefix(&root).unwrap_or(a).to_path_buf(),
                    abs: a.clone(),
                    text,
                }
            })
            .collect();
        Ok(Inputs {
            root,
            config,
            files,
            config_files,
            code_files,
        })
    }
}

/// The primitives whose code is verified: those of every layer above the bottom.
pub fn verified_prims(p: &Project) -> BTreeSet<String> {
    p.layers
        .iter()
        .skip(1)
        .flat_map(|l| l.prims.iter().map(|q| q.name.clone()))
        .collect()
}

/// Every mutant of a configuration, in a deterministic order (code, spec, rel; by file and
/// position; operators in their documented order), with ids. A mutant whose mutated file is the
/// same as an earlier mutant's is left out. Also returns warnings (inputs that cannot be mutated).
pub fn enumerate(p: &Project, inputs: &Inputs) -> (Vec<Mutant>, Vec<String>) {
    let mut warnings = vec![];
    let mut all: Vec<Mutant> = vec![];
    let prims = verified_prims(p);
    let layer_of: BTreeMap<&str, &str> = p
        .layers
        .iter()
        .flat_map(|l| {
            l.prims
                .iter()
                .map(|q| (q.name.as_str(), l.name.name.as_str()))
        })
        .collect();
    for &ci in &inputs.code_files {
        let f = &inputs.files[ci];
        let is_ll = f.abs.extension().is_some_and(|e| e == "ll");
        let text = match (&f.text, is_ll) {
            (Some(t), true) => t,
            _ => {
                warnings.push(format!(
                    "{}: not a text .ll file: its code is not mutated",
                    f.rel.display()
                ));
                continue;
            }
        };
        for s in ir::mutants(text, &prims) {
            all.push(Mutant {
                id: String::new(),
                class: Class::Code,
                op: s.op.to_string(),
                file: f.rel.display().to_string(),
                line: s.line,
                layer: layer_of.get(s.func.as_str()).map(|s| s.to_string()),
                site: s.func,
                change: s.change,
                before: s.before,
                after: s.after,
                source: s.source,
                input: ci,
                edit: s.edit,
            });
        }
    }
    let mut generated = BTreeSet::new();
    let mut cfgs: Vec<Mutant> = cfg::mutants(p)
        .into_iter()
        .filter_map(|s| {
            let Some(input) = inputs.config_files.get(s.file).copied().flatten() else {
                generated.insert(s.file);
                return None;
            };
            Some(Mutant {
                id: String::new(),
                class: match s.role {
                    cfg::Role::Spec => Class::Spec,
                    cfg::Role::Rel => Class::Rel,
                },
                op: s.op.to_string(),
                file: inputs.files[input].rel.display().to_string(),
                line: s.line,
                site: s.def,
                layer: s.layer,
                change: s.change,
                before: s.before,
                after: s.after,
                source: None,
                input,
                edit: s.edit,
            })
        })
        .collect();
    for f in generated {
        warnings.push(format!(
            "{}: generated from an included file (a memory map): its definitions are not mutated",
            p.sources.files[f].path.display()
        ));
    }
    // spec before rel, each in file and position order (stable sort keeps the walk order)
    cfgs.sort_by_key(|m| m.class);
    all.extend(cfgs);
    // drop duplicates (two operators giving the same file)
    let mut seen: BTreeSet<(usize, usize, usize, String)> = BTreeSet::new();
    all.retain(|m| seen.insert((m.input, m.edit.lo, m.edit.hi, m.edit.text.clone())));
    let mut counts: BTreeMap<Class, usize> = BTreeMap::new();
    for m in &mut all {
        let n = counts.entry(m.class).or_default();
        *n += 1;
        m.id = format!("{}-{:03}", m.class, n);
    }
    (all, warnings)
}

/// The default work directory: `./mutate-<PROJ_NAME in lower case>`.
pub fn default_workdir(config: &Path) -> PathBuf {
    let name = specgen::generate::run::load_config(config)
        .map(|p| p.proj_name.to_lowercase())
        .unwrap_or_else(|_| "project".into());
    PathBuf::from(format!("mutate-{name}"))
}

/// `n` mutants spread evenly over `ms` (deterministic: the first, then every `len/n`-th).
pub fn spread<T: Clone>(ms: &[T], n: usize) -> Vec<T> {
    if n >= ms.len() {
        return ms.to_vec();
    }
    (0..n).map(|k| ms[k * ms.len() / n].clone()).collect()
}

/// The files under a `PROJ_PROOFS` entry (the entry itself when it is a file), sorted.
fn proof_files(entry: &Path) -> Vec<PathBuf> {
    if !entry.is_dir() {
        return vec![entry.to_path_buf()];
    }
    let mut out = vec![];
    let mut stack = vec![entry.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let q = e.path();
            if q.is_dir() {
                stack.push(q);
            } else {
                out.push(q);
            }
        }
    }
    out.sort();
    out
}
