//! The whole `autov build`: load and check the configuration, load the code and run the code checks,
//! generate, write.

use super::code;
use super::ctx::GenError;
use super::project::{self, LayerReport};
use super::writer;
use config::{self, Diagnostic, LoadError};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

/// Options of a build.
#[derive(Clone, Default)]
pub struct BuildOptions {
    /// coq-lib directory (default: `$AUTOV_COQLIB`, else the `coq-lib/` of the autov checkout).
    pub coqlib: Option<PathBuf>,
    /// Output directory (default: the config's `PROJ_BASE`).
    pub out: Option<PathBuf>,
    /// Progress lines (stages, scheduling waves), e.g. to stderr; none by default.
    pub progress: Option<ProgressFn>,
    /// High-spec synthesis (issue 12): on by default, without a cache file.
    pub synth: crate::synth::SynthOptions,
}

/// A shared progress callback.
pub type ProgressFn = Arc<dyn Fn(&str) + Send + Sync>;

/// Why a build failed before generation.
#[derive(Debug)]
pub enum BuildFailure {
    /// The configuration does not load (render with `LoadError::reports`).
    Config(LoadError),
    /// The configuration disagrees with the code (diagnostics with sources).
    Code(Box<config::Project>, Vec<Diagnostic>),
    /// The code cannot be read or linked.
    Load(code::CodeError),
    /// The primitives' calls form a cycle (E-BLD011), one error per cycle.
    Cycles(Vec<GenError>),
    Io(String),
}

/// The outcome of a build that generated a project (possibly with per-primitive errors).
pub struct BuildReport {
    pub out: PathBuf,
    pub layers: Vec<LayerReport>,
    pub errors: Vec<GenError>,
    pub warnings: Vec<String>,
    pub files: usize,
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
    /// Files (re)written and stale files removed, relative to `out`.
    pub written_files: Vec<String>,
    pub removed_files: Vec<String>,
    /// The generation schedule (see [`project::Generated::waves`]).
    pub waves: Vec<Vec<String>>,
    /// Assumptions found in the hand-written proofs (each is an error unless trusted).
    pub hand_assumptions: Vec<super::handproofs::Assumption>,
    /// The top layer's primitives with the domains of their specs.
    pub preconditions: Vec<(String, super::project::Domain)>,
    /// Non-blank lines of the generated `.v` files (not counting the copy of the hand proofs).
    pub coq_lines: usize,
    /// Non-blank lines of the configuration, its included files counted.
    pub config_lines: usize,
    /// Non-blank lines of the hand-written proofs (`PROJ_PROOFS`, copied under `Proofs/`).
    pub hand_proof_lines: usize,
    pub seconds: f64,
}

/// Find coq-lib: explicit, `$AUTOV_COQLIB`, or `coq-lib/` above the config or the current dir,
/// or the checkout this binary was built from.
pub fn find_coqlib(explicit: Option<&Path>, config: &Path) -> Option<PathBuf> {
    if let Some(p) = explicit {
        return Some(p.to_path_buf());
    }
    if let Ok(p) = std::env::var("AUTOV_COQLIB") {
        return Some(PathBuf::from(p));
    }
    let mut starts: Vec<PathBuf> = vec![];
    if let Ok(c) = std::fs::canonicalize(config) {
        starts.push(c);
    }
    if let Ok(c) = std::env::current_dir() {
        starts.push(c);
    }
    starts.push(PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")));
    for s in starts {
        let mut d: Option<&Path> = Some(&s);
        while let Some(dir) = d {
            let c = dir.join("coq-lib");
            if c.join("_CoqProject").is_file() {
                return std::fs::canonicalize(c).ok();
            }
            d = dir.parent();
        }
    }
    None
}

fn count_config_lines(p: &config::Project) -> usize {
    p.sources
        .files
        .iter()
        .map(|f| f.text.lines().filter(|l| !l.trim().is_empty()).count())
        .sum()
}

/// Cycles among the calls of the configuration's primitives (recursion, mutual recursion), found
/// before anything else looks at the call graph; each cycle once, from its smallest name.
fn call_cycles(project: &config::Project, code: &code::Code) -> Vec<GenError> {
    let prims: BTreeSet<&str> = project
        .layers
        .iter()
        .flat_map(|l| l.prims.iter().map(|q| q.name.as_str()))
        .collect();
    let edges = |f: &str| -> Vec<&str> {
        code.info
            .calls
            .get(f)
            .map(|cs| {
                cs.iter()
                    .map(|c| c.as_str())
                    .filter(|c| prims.contains(c))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut seen: BTreeSet<Vec<String>> = BTreeSet::new();
    let mut out = vec![];
    for &start in &prims {
        // depth-first search for a path from `start` back to itself through names >= start
        let mut stack: Vec<(&str, usize)> = vec![(start, 0)];
        let mut on_path: BTreeMap<&str, ()> = BTreeMap::new();
        on_path.insert(start, ());
        let mut visited: BTreeSet<&str> = BTreeSet::new();
        while let Some((f, i)) = stack.pop() {
            let es = edges(f);
            if i >= es.len() {
                on_path.remove(f);
                continue;
            }
            stack.push((f, i + 1));
            let g = es[i];
            if g == start {
                let mut cyc: Vec<String> = stack.iter().map(|(h, _)| h.to_string()).collect();
                let key = cyc.clone();
                if seen.insert(key) {
                    cyc.push(start.to_string());
                    let mut place = diag::Place::function(start);
                    if let Some(d) = code
                        .module
                        .functions
                        .iter()
                        .find(|x| x.sig.name == start)
                        .and_then(|x| x.debug_loc.clone())
                    {
                        place.file = Some(d.file);
                        place.line = Some(d.line);
                    }
                    out.push(GenError::new(
                        diag::Code::BldCycle,
                        place,
                        format!("call cycle: {}", cyc.join(" -> ")),
                        "recursion is not supported: a primitive may only call primitives of lower layers; turn the recursion into a loop or give one of them a spec in a lower layer",
                    ));
                }
                break;
            }
            if g > start && !on_path.contains_key(g) && visited.insert(g) {
                on_path.insert(g, ());
                stack.push((g, 0));
            }
        }
    }
    out
}

/// Load a configuration as `autov build` does: included memory maps (`.map`) are expanded.
pub fn load_config(config_path: &Path) -> Result<config::Project, config::LoadError> {
    config::load_with(config_path, &super::memory::MapExpander::default())
}

/// Run a build.
pub fn build(config_path: &Path, opts: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    let t0 = Instant::now();
    let progress = |m: &str| {
        if let Some(f) = &opts.progress {
            f(&format!("[{:6.2}s] {m}", t0.elapsed().as_secs_f64()));
        }
    };
    progress(&format!("loading {}", config_path.display()));
    let maps = super::memory::MapExpander::default();
    let project = config::load_with(config_path, &maps).map_err(BuildFailure::Config)?;
    let maps = maps
        .maps
        .into_inner()
        .expect("no panic while holding the lock");
    let prefix = format!("{}.Code", project.proj_name);
    progress("loading and converting the code");
    let code = code::load(&project, &prefix).map_err(BuildFailure::Load)?;
    let cycles = call_cycles(&project, &code);
    if !cycles.is_empty() {
        return Err(BuildFailure::Cycles(cycles));
    }
    let diags: Vec<Diagnostic> = project
        .check_code(&code.info)
        .into_iter()
        .filter(|d| d.is_error())
        .collect();
    if !diags.is_empty() {
        return Err(BuildFailure::Code(Box::new(project), diags));
    }
    let source = config_path
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    progress(&format!(
        "generating {} layer(s), {} function(s)",
        project.layers.len(),
        code.funcs.len()
    ));
    let generated = project::generate_with(&project, &code, &maps, &source, &progress, &opts.synth);
    let out = opts
        .out
        .clone()
        .unwrap_or_else(|| project.proj_base.clone());
    std::fs::create_dir_all(&out)
        .map_err(|e| BuildFailure::Io(format!("{}: {e}", out.display())))?;
    let out_abs = std::fs::canonicalize(&out).unwrap_or(out.clone());
    let coqlib = find_coqlib(opts.coqlib.as_deref(), config_path).ok_or_else(|| {
        BuildFailure::Io("cannot find coq-lib (give --coqlib or set AUTOV_COQLIB)".into())
    })?;
    let coqlib_abs = std::fs::canonicalize(&coqlib).unwrap_or(coqlib);
    let rel = writer::relative(&out_abs, &coqlib_abs);
    // every .v but Assumptions.v, which the Makefile compiles last to check its output
    let vfiles: Vec<String> = generated
        .files
        .iter()
        .map(|(p, _)| p.clone())
        .filter(|p| p.ends_with(".v") && p != "Assumptions.v")
        .collect();
    let bp = writer::boilerplate(
        &project.proj_name,
        &source,
        &rel.display().to_string(),
        &vfiles,
        &project.proj_trusted,
    )
    .map_err(BuildFailure::Io)?;
    let mut files = generated.files.clone();
    files.push(("_CoqProject".into(), bp.coqproject));
    files.push(("Makefile".into(), bp.makefile));
    files.push(("check-assumptions.sh".into(), bp.check_assumptions));
    let non_blank = |t: &str| t.lines().filter(|l| !l.trim().is_empty()).count();
    let proofs_dir = format!("{}/", super::names::PROOFS_DIR);
    let (hand, gen): (Vec<_>, Vec<_>) = files
        .iter()
        .filter(|(p, _)| p.ends_with(".v"))
        .partition(|(p, _)| p.starts_with(&proofs_dir));
    let coq_lines = gen.iter().map(|(_, t)| non_blank(t)).sum();
    let hand_proof_lines = hand.iter().map(|(_, t)| non_blank(t)).sum();
    progress(&format!(
        "writing {} file(s) to {}",
        files.len(),
        out.display()
    ));
    let st = writer::write_all(&out, &files)
        .map_err(|e| BuildFailure::Io(format!("{}: {e}", out.display())))?;
    Ok(BuildReport {
        out,
        layers: generated.layers,
        errors: generated.errors,
        warnings: generated.warnings,
        files: files.len(),
        written: st.written,
        unchanged: st.unchanged,
        removed: st.removed,
        written_files: st.written_files,
        removed_files: st.removed_files,
        waves: generated.waves,
        hand_assumptions: generated.hand_assumptions,
        preconditions: generated.preconditions,
        coq_lines,
        hand_proof_lines,
        config_lines: count_config_lines(&project),
        seconds: t0.elapsed().as_secs_f64(),
    })
}
