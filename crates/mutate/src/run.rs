//! Running the mutants: the positive project is generated and checked once (`WORKDIR/base`); for each
//! mutant the inputs are copied with the one change (`WORKDIR/in`), the base project is copied with
//! its timestamps (`cp -a` to `WORKDIR/run`), `autov build` regenerates it (only the files the change
//! reaches are rewritten), and `make` checks it with a timeout.

use crate::{enumerate, spread, Class, Inputs, MutError, Mutant};
use diag::Code;
use serde::{Deserialize, Serialize};
use specgen::generate::{BuildFailure, BuildOptions};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicI32, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What happened to a mutant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// `autov build` rejected it, or `make` failed.
    Killed,
    /// `make` passed: the proofs do not see the change.
    Survived,
    /// The change provably cannot alter what the proofs state (see `reason`).
    Equivalent,
    /// The mutant is not valid input (IR LLVM rejects, a configuration that does not type-check).
    Invalid,
    /// `make` ran out of time.
    Timeout,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Killed,
        Status::Survived,
        Status::Equivalent,
        Status::Invalid,
        Status::Timeout,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Killed => "killed",
            Status::Survived => "survived",
            Status::Equivalent => "equivalent",
            Status::Invalid => "invalid",
            Status::Timeout => "timeout",
        }
    }
}

/// The outcome of one mutant.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Outcome {
    pub status: Status,
    /// Where it was decided: `ir2json`, `config` (invalid), `autov build` (killed at generation),
    /// `generated files` (equivalent: the project is byte-identical), `unused` (equivalent: no
    /// generated sentence uses the definition), `make`.
    pub stage: String,
    /// Why, in one line (the first error, the failing file, the reason for equivalence).
    pub reason: String,
    /// The first file `make` failed in, then every other failing file.
    pub failing: Vec<String>,
    /// Generated files the mutant rewrote or removed.
    pub changed_files: Vec<String>,
    /// For a survivor: what the static analysis says about it (see `docs/mutate.md`).
    pub hint: Option<String>,
    pub seconds: f64,
}

/// A mutant and its outcome (the `--json` record).
#[derive(Clone, Debug, Serialize)]
pub struct Record {
    #[serde(flatten)]
    pub mutant: Mutant,
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// Progress of a run, for the command line.
pub enum Event<'a> {
    /// A stage of the setup (building and checking the base project, …).
    Stage(&'a str),
    /// The mutants are about to run.
    Start { total: usize },
    /// Mutant `index` (0-based) starts.
    Mutant { index: usize, mutant: &'a Mutant },
    /// Mutant `index` is done (`resumed`: its outcome comes from the journal of an earlier run).
    Done {
        index: usize,
        record: &'a Record,
        resumed: bool,
    },
}

pub type ProgressFn = Arc<dyn Fn(Event) + Send + Sync>;

/// Options of a run.
#[derive(Clone)]
pub struct Options {
    /// Where the inputs, the base project and the mutant copies go.
    pub workdir: PathBuf,
    /// `make -j` of each mutant.
    pub jobs: usize,
    /// Mutants checked side by side, each in its own copy (`WORKDIR/run`, `run.1`, …).
    pub workers: usize,
    pub only: Option<Class>,
    /// Run at most this many of the selected mutants, spread evenly over them.
    pub limit: Option<usize>,
    /// Run exactly these mutant ids (after `only`, before `limit`).
    pub ids: Vec<String>,
    /// Per-mutant `make` timeout (default: 3 × the base project's full `make`, at least 10 min).
    pub timeout: Option<Duration>,
    /// coq-lib (default as for `autov build`).
    pub coqlib: Option<PathBuf>,
    /// Keep each mutant's project copy (`WORKDIR/mutants/ID`); by default only the logs are kept.
    pub keep: bool,
    /// Run `make -k` on everything at once instead of first making the refinement proofs (which
    /// fail fastest) and stopping at the first failure.
    pub full_make: bool,
    /// Enumerate and select only: run nothing.
    pub list: bool,
    /// Survivors declared equivalent (see [`crate::declared`]).
    pub equivalents: Equivalents,
    /// Report the mutants the journal already decided and run none, leaving the work directory
    /// untouched (a run may be going on in it).
    pub journal_only: bool,
    /// Reuse the outcomes `WORKDIR/journal.jsonl` holds for the same inputs, coq-lib and autov
    /// (see [`crate::journal`]); without it the journal starts empty.
    pub resume: bool,
    pub progress: Option<ProgressFn>,
}

/// Where the survivors declared equivalent come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Equivalents {
    /// `mutate.equivalent` beside the configuration, if there is one.
    Beside,
    /// This file (it must exist).
    File(PathBuf),
    /// None: every survivor is reported as one.
    Off,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            workdir: PathBuf::from("mutate"),
            jobs: 1,
            workers: 1,
            only: None,
            limit: None,
            ids: vec![],
            timeout: None,
            coqlib: None,
            keep: false,
            full_make: false,
            list: false,
            resume: false,
            equivalents: Equivalents::Beside,
            journal_only: false,
            progress: None,
        }
    }
}

/// The result of a run.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub config: String,
    /// Mutants enumerated per class (before `--only`/`--ids`/`--limit`).
    pub enumerated: BTreeMap<Class, usize>,
    pub records: Vec<Record>,
    /// Wall time of the base project's `make` (when it had to check everything), seconds.
    pub base_make_seconds: Option<f64>,
    pub timeout_seconds: f64,
    pub jobs: usize,
    pub workers: usize,
    pub full_make: bool,
    /// `/proc/loadavg` (1 min) at the start and at the end.
    pub load: (Option<f64>, Option<f64>),
    pub seconds: f64,
    pub warnings: Vec<String>,
    /// Records taken from the journal of an earlier run (`--resume`), not run again.
    pub resumed: usize,
    /// The selection only (`list`): no record has run.
    pub listed: Vec<Mutant>,
}

fn loadavg() -> Option<f64> {
    std::fs::read_to_string("/proc/loadavg")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

fn io(code: Code, what: &Path) -> impl Fn(std::io::Error) -> MutError + '_ {
    move |e| MutError::new(code, format!("{}: {e}", what.display()))
}

/// Select the mutants to run.
pub fn select(all: &[Mutant], opts: &Options) -> Result<Vec<Mutant>, MutError> {
    let mut ms: Vec<Mutant> = all
        .iter()
        .filter(|m| opts.only.is_none_or(|c| m.class == c))
        .cloned()
        .collect();
    if !opts.ids.is_empty() {
        let unknown: Vec<&String> = opts
            .ids
            .iter()
            .filter(|i| !ms.iter().any(|m| &m.id == *i))
            .collect();
        if !unknown.is_empty() {
            return Err(MutError::new(
                Code::MutSelect,
                format!(
                    "no mutant {} (see `autov mutate --list`)",
                    unknown
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        ms.retain(|m| opts.ids.contains(&m.id));
    }
    if let Some(n) = opts.limit {
        ms = spread(&ms, n);
    }
    if ms.is_empty() && !opts.list {
        return Err(MutError::new(Code::MutSelect, "no mutant selected"));
    }
    Ok(ms)
}

/// Write the inputs into `dir` (the mutated file replaced when `m` is given).
fn write_inputs(inputs: &Inputs, dir: &Path, m: Option<&Mutant>) -> Result<(), MutError> {
    for (i, f) in inputs.files.iter().enumerate() {
        let to = dir.join(&f.rel);
        if let Some(p) = to.parent() {
            std::fs::create_dir_all(p).map_err(io(Code::MutWorkdir, p))?;
        }
        match (&f.text, m) {
            (Some(t), Some(m)) if m.input == i => {
                std::fs::write(&to, m.edit.apply(t)).map_err(io(Code::MutWorkdir, &to))?
            }
            (Some(t), _) => {
                // rewrite only when different, so an unchanged input keeps its timestamp
                if std::fs::read_to_string(&to).ok().as_deref() != Some(t.as_str()) {
                    std::fs::write(&to, t).map_err(io(Code::MutWorkdir, &to))?
                }
            }
            (None, _) => {
                std::fs::copy(&f.abs, &to).map_err(io(Code::MutInputs, &f.abs))?;
            }
        }
    }
    Ok(())
}

/// The mutated text of a mutant's file.
pub fn mutated_text(inputs: &Inputs, m: &Mutant) -> String {
    m.edit
        .apply(inputs.files[m.input].text.as_deref().unwrap_or_default())
}

/// Why a build failed, in one line.
fn build_failure(f: &BuildFailure) -> (bool, String) {
    let first = |s: String| s.lines().next().unwrap_or_default().to_string();
    match f {
        BuildFailure::Config(e) => (true, first(e.render_plain())),
        BuildFailure::Code(p, ds) => (
            false,
            ds.first()
                .map(|d| first(d.render_plain(&p.sources)))
                .unwrap_or_default(),
        ),
        BuildFailure::Load(e) => (false, first(e.to_string())),
        BuildFailure::Cycles(es) => (
            false,
            es.first().map(|e| first(e.to_string())).unwrap_or_default(),
        ),
        BuildFailure::Io(e) => (false, e.clone()),
    }
}

struct Builder {
    pool: rayon::ThreadPool,
    coqlib: Option<PathBuf>,
}

impl Builder {
    fn build(
        &self,
        config: &Path,
        out: &Path,
    ) -> Result<specgen::generate::BuildReport, BuildFailure> {
        let opts = BuildOptions {
            coqlib: self.coqlib.clone(),
            out: Some(out.to_path_buf()),
            progress: None,
            synth: Default::default(),
        };
        self.pool
            .install(|| specgen::generate::build(config, &opts))
    }
}

/// How a `make` ended.
struct MakeRun {
    ok: bool,
    timed_out: bool,
    failing: Vec<String>,
    seconds: f64,
}

/// The `.v` files a make log says failed, in order: make's `*** [...: F.vo] Error` lines, else
/// coqc's `File "./F.v", line …` followed by `Error`.
pub fn failing_files(log: &str) -> Vec<String> {
    let mut out: Vec<String> = vec![];
    let mut add = |f: String| {
        if !out.contains(&f) {
            out.push(f)
        }
    };
    let lines: Vec<&str> = log.lines().collect();
    for (i, l) in lines.iter().enumerate() {
        if let Some(rest) = l.strip_prefix("File \"") {
            let Some((f, _)) = rest.split_once('"') else {
                continue;
            };
            let err = lines[i + 1..]
                .iter()
                .take(3)
                .any(|n| n.starts_with("Error"));
            if err && f.ends_with(".v") {
                add(f.trim_start_matches("./").to_string());
            }
        } else if let Some(at) = l.find("*** [") {
            let inner = &l[at + 5..];
            if let Some((t, _)) = inner.split_once(']') {
                let t = t.rsplit(' ').next().unwrap_or(t);
                if let Some(v) = t.strip_suffix(".vo").or_else(|| t.strip_suffix(".vos")) {
                    add(format!("{v}.v"));
                }
            }
        }
    }
    out
}

/// Run `make ARGS` in `dir` with a timeout, appending to `log`.
fn make(dir: &Path, args: &[String], timeout: Duration, log: &Path) -> Result<MakeRun, MutError> {
    use std::os::unix::process::CommandExt as _;
    let t0 = Instant::now();
    let f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
        .map_err(io(Code::MutWorkdir, log))?;
    let f2 = f.try_clone().map_err(io(Code::MutWorkdir, log))?;
    let mut child = Command::new("make")
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::from(f))
        .stderr(Stdio::from(f2))
        .process_group(0)
        .spawn()
        .map_err(|e| MutError::new(Code::MutMake, format!("make: {e}")))?;
    let _current = CurrentMake::enter(child.id());
    let mut timed_out = false;
    let status = loop {
        if let Some(s) = child
            .try_wait()
            .map_err(|e| MutError::new(Code::MutMake, format!("make: {e}")))?
        {
            break s;
        }
        if t0.elapsed() > timeout {
            timed_out = true;
            // the whole process group of this make (its coqc children), by its id
            let pg = format!("-{}", child.id());
            let _ = Command::new("kill").args(["-TERM", "--", &pg]).status();
            std::thread::sleep(Duration::from_secs(2));
            let _ = Command::new("kill").args(["-KILL", "--", &pg]).status();
            break child
                .wait()
                .map_err(|e| MutError::new(Code::MutMake, format!("make: {e}")))?;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let mut text = String::new();
    if let Ok(mut f) = std::fs::File::open(log) {
        let _ = f.read_to_string(&mut text);
    }
    Ok(MakeRun {
        ok: status.success() && !timed_out,
        timed_out,
        failing: failing_files(&text),
        seconds: t0.elapsed().as_secs_f64(),
    })
}

/// `cp -a FROM TO` (timestamps kept, so `make` in the copy is incremental).
fn copy_tree(from: &Path, to: &Path) -> Result<(), MutError> {
    if to.exists() {
        std::fs::remove_dir_all(to).map_err(io(Code::MutWorkdir, to))?;
    }
    let st = Command::new("cp")
        .arg("-a")
        .arg(from)
        .arg(to)
        .status()
        .map_err(|e| MutError::new(Code::MutMake, format!("cp: {e}")))?;
    if !st.success() {
        return Err(MutError::new(
            Code::MutMake,
            format!("cp -a {} {} failed", from.display(), to.display()),
        ));
    }
    Ok(())
}

/// The process groups of the `make`s running now (0: a free slot), one per worker. `make` runs in
/// a group of its own so that a timeout can stop it with its `coqc` children; for the same reason
/// an interrupt of `autov mutate` (Ctrl-C, SIGTERM) would leave it running, so the handler stops
/// those groups too.
static CURRENT_MAKES: [AtomicI32; MAX_WORKERS] = [const { AtomicI32::new(0) }; MAX_WORKERS];

/// At most this many workers (`Options::workers` is clamped to it).
pub const MAX_WORKERS: usize = 16;

/// A running `make`, registered in [`CURRENT_MAKES`] while it lives.
struct CurrentMake(Option<usize>);

impl CurrentMake {
    fn enter(pid: u32) -> CurrentMake {
        static HANDLERS: std::sync::Once = std::sync::Once::new();
        HANDLERS.call_once(|| {
            let h = on_interrupt as extern "C" fn(libc::c_int);
            // SAFETY: installing a handler that only calls async-signal-safe functions
            unsafe {
                libc::signal(libc::SIGINT, h as libc::sighandler_t);
                libc::signal(libc::SIGTERM, h as libc::sighandler_t);
            }
        });
        let slot = CURRENT_MAKES.iter().position(|s| {
            s.compare_exchange(0, pid as i32, Ordering::SeqCst, Ordering::SeqCst)
                .is_ok()
        });
        CurrentMake(slot)
    }
}

impl Drop for CurrentMake {
    fn drop(&mut self) {
        if let Some(k) = self.0 {
            CURRENT_MAKES[k].store(0, Ordering::SeqCst);
        }
    }
}

/// Stop every running `make` with its `coqc` children (SIGTERM to their process groups);
/// async-signal-safe.
fn stop_makes() {
    for s in &CURRENT_MAKES {
        let pg = s.load(Ordering::SeqCst);
        if pg > 0 {
            // SAFETY: kill is async-signal-safe and has no memory effects here
            unsafe {
                libc::kill(-pg, libc::SIGTERM);
            }
        }
    }
}

extern "C" fn on_interrupt(sig: libc::c_int) {
    stop_makes();
    // SAFETY: _exit is async-signal-safe
    unsafe {
        libc::_exit(128 + sig);
    }
}

/// The targets `make` checks first, in three phases, each one `make` call (stop at the first
/// failure):
/// 1. the generated checks that need no certificate: the bottom's memory against the IR
///    (`InitMem.v`), the initial states related (`InitRel.v`), definedness (`Defined.v`), loop
///    bounds (`Bound.v`). Seconds each; they kill most mutants of memory models, relations and
///    initial states, which otherwise wait behind every certificate;
/// 2. the refinement proofs of hand-written specs (`first`, as `Layer/prim`, with the hand proofs
///    under `Proofs/` they need);
/// 3. every other `RefProof` (they need the low specs, not the code proofs).
///
/// A mutant killed early does not wait for the slow certificates of synthesised specs that
/// `make -j` would have started beside the failing file. Empty phases are left out.
fn quick_targets(coqproject: &str, first: &BTreeSet<String>) -> Vec<Phase> {
    const CHECKS: [&str; 4] = ["/InitMem.v", "/InitRel.v", "/Defined.v", "/Bound.v"];
    let (mut checks, mut hand, mut rest) = (vec![], vec![], vec![]);
    for l in coqproject.lines().map(str::trim) {
        let phase = if CHECKS.iter().any(|c| l.ends_with(c)) {
            &mut checks
        } else if let Some(prim) = l.strip_suffix("/RefProof.v") {
            if first.contains(prim) {
                &mut hand
            } else {
                &mut rest
            }
        } else {
            continue;
        };
        phase.push(format!("{l}o"));
    }
    [
        (
            "the initial-state, definedness and loop-bound checks",
            checks,
        ),
        ("the refinement proofs of the hand-written specs", hand),
        ("the other refinement proofs", rest),
    ]
    .into_iter()
    .filter(|(_, ts)| !ts.is_empty())
    .map(|(what, targets)| Phase { what, targets })
    .collect()
}

/// One `make` call of a mutant's check: what it checks (for the report) and its targets.
struct Phase {
    what: &'static str,
    targets: Vec<String>,
}

/// The last file `make` started, from its log (with `-j1`, the one it was checking).
fn last_started(log: &Path) -> Option<String> {
    let text = std::fs::read_to_string(log).ok()?;
    text.lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix("COQC ").map(|f| f.trim().to_string()))
}

/// Static facts for the survivors' hints.
struct Facts {
    /// Function → the functions it calls (from the IR).
    calls: BTreeMap<String, BTreeSet<String>>,
    /// Functions with a `load` or `store` instruction.
    memory: BTreeSet<String>,
    /// Primitives with a hand-written spec above the bottom layer.
    hand_specs: BTreeSet<String>,
    /// Layer index of each primitive.
    layer_of: BTreeMap<String, usize>,
    layer_names: Vec<String>,
    /// Layers (index) with a `LAYER_REFREL`.
    refrel_layers: BTreeSet<usize>,
    /// Configuration definition → the roots it is reached from.
    roots: BTreeMap<String, BTreeSet<crate::cfg::Root>>,
}

fn list(xs: &[String]) -> String {
    xs.join(", ")
}

impl Facts {
    fn new(p: &config::Project, inputs: &Inputs) -> Facts {
        let mut calls = BTreeMap::new();
        let mut memory = BTreeSet::new();
        for &ci in &inputs.code_files {
            if let Some(t) = &inputs.files[ci].text {
                calls.extend(crate::ir::call_graph(t));
                memory.extend(crate::ir::memory_functions(t));
            }
        }
        let mut hand_specs = BTreeSet::new();
        let mut layer_of = BTreeMap::new();
        let mut refrel_layers = BTreeSet::new();
        for l in &p.layers {
            for q in &l.prims {
                layer_of.insert(q.name.clone(), l.index);
            }
            if l.index > 0 {
                hand_specs.extend(l.specs.keys().cloned());
            }
            if l.refrel.is_some() {
                refrel_layers.insert(l.index);
            }
        }
        Facts {
            calls,
            memory,
            hand_specs,
            layer_of,
            layer_names: p.layers.iter().map(|l| l.name.name.clone()).collect(),
            refrel_layers,
            roots: crate::cfg::roots_of(p),
        }
    }
    /// The hand-specified primitives whose code reaches a function satisfying `hit`.
    fn observers_by(&self, hit: &dyn Fn(&str) -> bool) -> Vec<String> {
        self.hand_specs
            .iter()
            .filter(|h| {
                let mut seen = BTreeSet::new();
                let mut st = vec![h.as_str()];
                while let Some(g) = st.pop() {
                    if hit(g) {
                        return true;
                    }
                    if seen.insert(g) {
                        if let Some(cs) = self.calls.get(g) {
                            st.extend(cs.iter().map(|s| s.as_str()));
                        }
                    }
                }
                false
            })
            .cloned()
            .collect()
    }
    /// The hand-specified primitives whose code reaches `f` (itself included).
    fn observers(&self, f: &str) -> Vec<String> {
        self.observers_by(&|g| g == f)
    }
    fn code_hint(&self, f: &str) -> String {
        let obs = self.observers(f);
        if obs.is_empty() {
            let l = self.layer_of.get(f).copied().unwrap_or(0);
            let rel = self.refrel_layers.iter().any(|&r| r > l);
            format!(
                "unobserved: no primitive with a hand-written spec calls @{f}{}; its specs up to the top are generated from the code, so the top theorem restates what the mutant does",
                if rel { " (a relation above does not constrain what is not called)" } else { "" }
            )
        } else {
            format!(
                "observed through {}: the hand-written spec{} or the proofs of {} do not pin this behaviour (weak spec, or an input the specs exclude)",
                list(&obs),
                if obs.len() > 1 { "s" } else { "" },
                if obs.len() > 1 { "them" } else { "it" }
            )
        }
    }
    /// A configuration definition: what uses it, and whether a hand-written spec above the bottom
    /// or a relation can see the change.
    fn config_hint(&self, def: &str) -> String {
        use crate::cfg::Root;
        let Some(roots) = self.roots.get(def) else {
            return format!("`{def}` is used by no spec or relation the generator knows of");
        };
        let lname = |l: usize| self.layer_names.get(l).cloned().unwrap_or_default();
        let mut direct: Vec<String> = vec![];
        let mut obs: BTreeSet<String> = BTreeSet::new();
        let mut through: Vec<String> = vec![];
        let mut bound = false;
        for r in roots {
            match r {
                Root::Spec { layer, prim } if *layer > 0 => {
                    direct.push(format!("the hand-written spec of {prim}"))
                }
                Root::Rel { layer } => direct.push(format!("the relation of {}", lname(*layer))),
                Root::Init { layer } => {
                    direct.push(format!("the initial state of {}", lname(*layer)))
                }
                Root::Spec { prim, .. } => {
                    through.push(format!("the trusted spec of {prim}"));
                    obs.extend(self.observers(prim));
                }
                Root::Op { layer } => {
                    through.push(format!("the memory model of {}", lname(*layer)));
                    obs.extend(self.observers_by(&|g| self.memory.contains(g)));
                }
                Root::Bound { prim } => {
                    bound = true;
                    through.push(format!("the loop bound of {prim}"));
                    obs.extend(self.observers(prim));
                }
            }
        }
        let bound_note = if bound {
            "; a smaller bound makes the spec undefined (None) where more iterations are needed, which a forward simulation accepts; a larger one agrees wherever the original sufficed"
        } else {
            ""
        };
        if !direct.is_empty() {
            format!(
                "used by {}: the proofs hold with the change, so it does not pin this (a weak spec or relation), or the change matters only on states or inputs it excludes{bound_note}",
                list(&direct)
            )
        } else if obs.is_empty() {
            format!(
                "unobserved: {} sits only under generated specs: the code of no primitive with a hand-written spec reaches it, so the top theorem restates whatever the mutant says{bound_note}",
                list(&through)
            )
        } else {
            let obs: Vec<String> = obs.into_iter().collect();
            format!(
                "{} is observed through {} (hand-written spec, code reaching it): the change is invisible to it — a state or input the top specs exclude, or a weak top spec{bound_note}",
                list(&through),
                list(&obs)
            )
        }
    }
}

/// Run the mutants of `config`.
pub fn run(config: &Path, opts: &Options) -> Result<Report, MutError> {
    let t0 = Instant::now();
    let load0 = loadavg();
    let stage = |s: &str| {
        if let Some(p) = &opts.progress {
            p(Event::Stage(s))
        }
    };
    let project = specgen::generate::run::load_config(config).map_err(|e| {
        MutError::new(
            Code::MutConfig,
            format!("{}: {}", config.display(), e.render_plain().trim_end()),
        )
    })?;
    let inputs = Inputs::collect(&project)?;
    let (all, warnings) = enumerate(&project, &inputs);
    let mut enumerated: BTreeMap<Class, usize> = BTreeMap::new();
    for m in &all {
        *enumerated.entry(m.class).or_default() += 1;
    }
    let chosen = select(&all, opts)?;
    let declared = load_declared(config, &opts.equivalents)?;
    let mut report = Report {
        config: config.display().to_string(),
        enumerated,
        records: vec![],
        base_make_seconds: None,
        timeout_seconds: 0.0,
        jobs: opts.jobs,
        workers: 1,
        full_make: opts.full_make,
        load: (load0, None),
        seconds: 0.0,
        warnings,
        resumed: 0,
        listed: vec![],
    };
    if let Some((file, decl)) = &declared {
        report
            .warnings
            .extend(crate::declared::stale(&all, decl, file));
    }
    if opts.list {
        report.listed = chosen;
        return Ok(report);
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .stack_size(256 << 20)
        .build()
        .map_err(|e| MutError::new(Code::MutWorkdir, format!("thread pool: {e}")))?;
    let coqlib = specgen::generate::run::find_coqlib(opts.coqlib.as_deref(), config);
    let builder = Builder { pool, coqlib };
    if opts.journal_only {
        let journal = opts.workdir.join("journal.jsonl");
        let (fingerprint, done) = journal_outcomes(&inputs, &builder, &journal)?;
        report.base_make_seconds = base_make_seconds(&opts.workdir.join("base-make-seconds"));
        let timeout = mutant_timeout(opts, report.base_make_seconds);
        report.timeout_seconds = timeout.as_secs_f64();
        report.records = chosen
            .iter()
            .filter_map(|m| {
                crate::journal::earlier(&done, m, timeout).map(|outcome| Record {
                    mutant: m.clone(),
                    outcome,
                })
            })
            .collect();
        report.resumed = report.records.len();
        stage(&format!(
            "{} of {} mutant(s) decided in {} for fingerprint {fingerprint}; the others are not \
             run (--journal-only)",
            report.resumed,
            chosen.len(),
            journal.display()
        ));
        return Ok(finish(report, &declared, t0));
    }
    let facts = Facts::new(&project, &inputs);
    let wd = &opts.workdir;
    std::fs::create_dir_all(wd).map_err(io(Code::MutWorkdir, wd))?;
    let wd = std::fs::canonicalize(wd).map_err(io(Code::MutWorkdir, wd))?;
    let in_dir = wd.join("in");
    let base = wd.join("base");
    let run_dir = wd.join("run");
    let logs = wd.join("logs");
    std::fs::create_dir_all(&logs).map_err(io(Code::MutWorkdir, &logs))?;
    let cfg_in = in_dir.join(&inputs.files[inputs.config].rel);

    generate_base(&inputs, &builder, &cfg_in, &in_dir, &base, &stage)?;
    let fingerprint = crate::journal::fingerprint(&inputs, builder.coqlib.as_deref(), &base);
    let journal = wd.join("journal.jsonl");
    let done = if opts.resume {
        crate::journal::load(&journal, &fingerprint)
    } else {
        let _ = std::fs::remove_file(&journal);
        BTreeMap::new()
    };
    let time_file = wd.join("base-make-seconds");
    // the timeout as an earlier run measured it (the base make below may measure it again)
    let known_timeout = mutant_timeout(opts, base_make_seconds(&time_file));
    let pending = chosen
        .iter()
        .filter(|m| crate::journal::earlier(&done, m, known_timeout).is_none())
        .count();
    stage(&format!(
        "journal {} (fingerprint {fingerprint}): {} of {} mutant(s) decided by an earlier run",
        journal.display(),
        chosen.len() - pending,
        chosen.len(),
    ));
    let (timeout, quick) = if pending == 0 {
        (known_timeout, vec![])
    } else {
        make_base(&project, &base, &logs, &time_file, opts, &stage)?
    };
    report.base_make_seconds = base_make_seconds(&time_file);
    report.timeout_seconds = timeout.as_secs_f64();

    if let Some(p) = &opts.progress {
        p(Event::Start {
            total: chosen.len(),
        });
    }
    let jobs = format!("-j{}", opts.jobs.max(1));
    let workers = opts.workers.clamp(1, pending.clamp(1, MAX_WORKERS));
    report.workers = workers;
    // worker 0 uses `in` and `run`; worker k the copies `in.k` and `run.k`
    let mut slots = vec![(in_dir.clone(), cfg_in.clone(), run_dir.clone())];
    for k in 1..workers {
        let ik = wd.join(format!("in.{k}"));
        write_inputs(&inputs, &ik, None)?;
        let ck = ik.join(&inputs.files[inputs.config].rel);
        slots.push((ik, ck, wd.join(format!("run.{k}"))));
    }
    let ctxs: Vec<RunCtx> = slots
        .iter()
        .map(|(i, c, r)| RunCtx {
            inputs: &inputs,
            builder: &builder,
            cfg_in: c,
            in_dir: i,
            base: &base,
            run_dir: r,
            logs: &logs,
            jobs: &jobs,
            quick: &quick,
            timeout,
        })
        .collect();
    let shared = Shared {
        chosen: &chosen,
        done: &done,
        journal: &journal,
        fingerprint: &fingerprint,
        facts: &facts,
        opts,
        wd: &wd,
        next: AtomicUsize::new(0),
        records: Mutex::new(vec![None; chosen.len()]),
        failure: Mutex::new(None),
    };
    std::thread::scope(|s| {
        for ctx in &ctxs {
            let shared = &shared;
            s.spawn(move || shared.work(ctx));
        }
    });
    let failure = shared
        .failure
        .into_inner()
        .unwrap_or_else(|p| p.into_inner());
    let records = shared
        .records
        .into_inner()
        .unwrap_or_else(|p| p.into_inner());
    // leave the inputs unmutated and no stale copy
    write_inputs(&inputs, &in_dir, None)?;
    for (k, (i, _, r)) in slots.iter().enumerate() {
        if r.exists() {
            let _ = std::fs::remove_dir_all(r);
        }
        if k > 0 {
            let _ = std::fs::remove_dir_all(i);
        }
    }
    if let Some(e) = failure {
        return Err(e);
    }
    for (rec, resumed) in records.into_iter().flatten() {
        report.records.push(rec);
        report.resumed += usize::from(resumed);
    }
    Ok(finish(report, &declared, t0))
}

/// The end of a run: declared equivalents applied, the final load and the wall time.
fn finish(
    mut report: Report,
    declared: &Option<(PathBuf, crate::declared::Declarations)>,
    t0: Instant,
) -> Report {
    if let Some((file, decl)) = declared {
        let w = crate::declared::reclassify(&mut report.records, decl, file);
        report.warnings.extend(w);
    }
    report.load.1 = loadavg();
    report.seconds = t0.elapsed().as_secs_f64();
    report
}

/// The outcomes a journal holds for the current inputs, without touching the work directory:
/// the base project the fingerprint needs is generated in a scratch folder.
fn journal_outcomes(
    inputs: &Inputs,
    builder: &Builder,
    journal: &Path,
) -> Result<(String, BTreeMap<String, crate::journal::Entry>), MutError> {
    let tmp = std::env::temp_dir().join(format!("autov-mutate-journal-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let (in_dir, base) = (tmp.join("in"), tmp.join("base"));
    let cfg_in = in_dir.join(&inputs.files[inputs.config].rel);
    let r = generate_base(inputs, builder, &cfg_in, &in_dir, &base, &|_| {}).map(|()| {
        let fp = crate::journal::fingerprint(inputs, builder.coqlib.as_deref(), &base);
        let done = crate::journal::load(journal, &fp);
        (fp, done)
    });
    let _ = std::fs::remove_dir_all(&tmp);
    r
}

/// The base project's full `make` time, when a run measured it.
fn base_make_seconds(time_file: &Path) -> Option<f64> {
    std::fs::read_to_string(time_file)
        .ok()
        .and_then(|s| s.trim().parse().ok())
}

/// The per-mutant timeout: as given, else 3 × the base `make` (20 min when unknown), at least
/// 10 minutes.
fn mutant_timeout(opts: &Options, base_seconds: Option<f64>) -> Duration {
    opts.timeout.unwrap_or_else(|| {
        let b = base_seconds.unwrap_or(1200.0);
        Duration::from_secs_f64((3.0 * b).max(600.0))
    })
}

/// The declarations of [`crate::declared`], with their file.
fn load_declared(
    config: &Path,
    src: &Equivalents,
) -> Result<Option<(PathBuf, crate::declared::Declarations)>, MutError> {
    let file = match src {
        Equivalents::Off => return Ok(None),
        Equivalents::File(f) => f.clone(),
        Equivalents::Beside => {
            let f = config
                .parent()
                .unwrap_or(Path::new("."))
                .join("mutate.equivalent");
            if !f.exists() {
                return Ok(None);
            }
            f
        }
    };
    let text = std::fs::read_to_string(&file)
        .map_err(|e| MutError::new(Code::MutDeclared, format!("{}: {e}", file.display())))?;
    let decl = crate::declared::parse(&text)
        .map_err(|e| MutError::new(Code::MutDeclared, format!("{}: {e}", file.display())))?;
    Ok(Some((file, decl)))
}

/// Generate the unmutated project (incrementally: an earlier run's base keeps its timestamps).
fn generate_base(
    inputs: &Inputs,
    builder: &Builder,
    cfg_in: &Path,
    in_dir: &Path,
    base: &Path,
    stage: &dyn Fn(&str),
) -> Result<(), MutError> {
    // the base project
    stage("generating the base project");
    write_inputs(inputs, in_dir, None)?;
    let r = builder.build(cfg_in, base).map_err(|f| {
        MutError::new(
            Code::MutBaseBuild,
            format!(
                "autov build of the unmutated configuration: {}",
                build_failure(&f).1
            ),
        )
    })?;
    if !r.errors.is_empty() {
        return Err(MutError::new(
            Code::MutBaseBuild,
            format!(
                "autov build of the unmutated configuration: {}",
                r.errors[0]
            ),
        ));
    }
    Ok(())
}

/// `make` the unmutated project; the per-mutant timeout and the quick targets.
fn make_base(
    project: &config::Project,
    base: &Path,
    logs: &Path,
    time_file: &Path,
    opts: &Options,
    stage: &dyn Fn(&str),
) -> Result<(Duration, Vec<Phase>), MutError> {
    stage(&format!("make -j{} of the base project", opts.jobs));
    let base_log = logs.join("base.log");
    let _ = std::fs::remove_file(&base_log);
    let jobs = format!("-j{}", opts.jobs.max(1));
    // no timeout: `--timeout` is per mutant, and the base project must be checked whatever it takes
    let mr = make(base, std::slice::from_ref(&jobs), Duration::MAX, &base_log)?;
    if !mr.ok {
        return Err(MutError::new(
            Code::MutBaseMake,
            format!(
                "make of the unmutated project fails{}{} (log: {})",
                if mr.timed_out { " (timeout)" } else { "" },
                mr.failing
                    .first()
                    .map(|f| format!(" in {f}"))
                    .unwrap_or_default(),
                base_log.display()
            ),
        ));
    }
    // a full check (coqc ran on every file) sets the reference time of the timeouts
    let nv = std::fs::read_to_string(base.join("_CoqProject"))
        .map(|t| t.lines().filter(|l| l.trim().ends_with(".v")).count())
        .unwrap_or(0);
    let ncoqc = std::fs::read_to_string(&base_log)
        .map(|t| {
            t.lines()
                .filter(|l| l.trim_start().starts_with("COQC "))
                .count()
        })
        .unwrap_or(0);
    if nv > 0 && ncoqc >= nv {
        let _ = std::fs::write(time_file, format!("{:.1}\n", mr.seconds));
    }
    let timeout = mutant_timeout(opts, base_make_seconds(time_file));
    let quick = if opts.full_make {
        vec![]
    } else {
        let first: BTreeSet<String> = project
            .layers
            .iter()
            .skip(1)
            .flat_map(|l| l.specs.keys().map(move |p| format!("{}/{p}", l.name.name)))
            .collect();
        let coqproject = std::fs::read_to_string(base.join("_CoqProject")).unwrap_or_default();
        quick_targets(&coqproject, &first)
    };

    Ok((timeout, quick))
}

/// What every mutant of a run shares: the inputs, where things are, how `make` is run.
#[derive(Clone, Copy)]
struct RunCtx<'a> {
    inputs: &'a Inputs,
    builder: &'a Builder,
    cfg_in: &'a Path,
    in_dir: &'a Path,
    base: &'a Path,
    run_dir: &'a Path,
    logs: &'a Path,
    jobs: &'a str,
    quick: &'a [Phase],
    timeout: Duration,
}

/// What the workers of a run share: the mutants, the journal, the outcomes so far.
struct Shared<'a> {
    chosen: &'a [Mutant],
    done: &'a BTreeMap<String, crate::journal::Entry>,
    journal: &'a Path,
    fingerprint: &'a str,
    facts: &'a Facts,
    opts: &'a Options,
    wd: &'a Path,
    /// The next mutant to take (an index into `chosen`).
    next: AtomicUsize,
    /// Each mutant's record and whether it came from the journal, by index.
    records: Mutex<Vec<Option<(Record, bool)>>>,
    /// The first error of any worker: the others stop (their `make` too) and record nothing more.
    failure: Mutex<Option<MutError>>,
}

impl Shared<'_> {
    fn failed(&self) -> bool {
        self.failure
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .is_some()
    }
    /// One worker: take the next mutant until none is left or a worker failed.
    fn work(&self, ctx: &RunCtx) {
        let progress = self.opts.progress.as_ref();
        loop {
            let index = self.next.fetch_add(1, Ordering::SeqCst);
            let Some(m) = self.chosen.get(index) else {
                return;
            };
            if self.failed() {
                return;
            }
            if let Some(p) = progress {
                p(Event::Mutant { index, mutant: m });
            }
            let (outcome, resumed) = match crate::journal::earlier(self.done, m, ctx.timeout) {
                Some(outcome) => (outcome, true),
                None => {
                    let decided = run_mutant(ctx, m, self.facts, self.opts, self.wd);
                    // the journal's lines are appended one at a time (under the failure lock);
                    // an outcome decided while another worker failed may be an interrupted make
                    let mut failure = self.failure.lock().unwrap_or_else(|p| p.into_inner());
                    if failure.is_some() {
                        return;
                    }
                    let kept = decided.and_then(|o| {
                        crate::journal::append(self.journal, self.fingerprint, m, &o).map(|()| o)
                    });
                    match kept {
                        Ok(o) => (o, false),
                        Err(e) => {
                            *failure = Some(e);
                            stop_makes();
                            return;
                        }
                    }
                }
            };
            let rec = Record {
                mutant: m.clone(),
                outcome,
            };
            if let Some(p) = progress {
                p(Event::Done {
                    index,
                    record: &rec,
                    resumed,
                });
            }
            self.records.lock().unwrap_or_else(|p| p.into_inner())[index] = Some((rec, resumed));
        }
    }
}

/// Run one mutant: build, check, time it; a survivor gets its hint; `--keep` keeps its copy.
fn run_mutant(
    ctx: &RunCtx,
    m: &Mutant,
    facts: &Facts,
    opts: &Options,
    wd: &Path,
) -> Result<Outcome, MutError> {
    let tm = Instant::now();
    let mut outcome = run_one(ctx, m)?;
    outcome.seconds = tm.elapsed().as_secs_f64();
    if outcome.status == Status::Survived {
        outcome.hint = Some(match m.class {
            Class::Code => facts.code_hint(&m.site),
            _ => facts.config_hint(&m.site),
        });
    }
    let run_dir = ctx.run_dir;
    if opts.keep && run_dir.exists() {
        let keep = wd.join("mutants").join(&m.id);
        if let Some(p) = keep.parent() {
            std::fs::create_dir_all(p).map_err(io(Code::MutWorkdir, p))?;
        }
        if keep.exists() {
            std::fs::remove_dir_all(&keep).map_err(io(Code::MutWorkdir, &keep))?;
        }
        std::fs::rename(run_dir, &keep).map_err(io(Code::MutWorkdir, &keep))?;
    }
    Ok(outcome)
}

fn run_one(ctx: &RunCtx, m: &Mutant) -> Result<Outcome, MutError> {
    let RunCtx {
        inputs,
        builder,
        cfg_in,
        in_dir,
        base,
        run_dir,
        logs,
        jobs,
        quick,
        timeout,
    } = *ctx;
    let out = |status, stage: &str, reason: String| Outcome {
        status,
        stage: stage.to_string(),
        reason,
        failing: vec![],
        changed_files: vec![],
        hint: None,
        seconds: 0.0,
    };
    let text = mutated_text(inputs, m);
    let log = logs.join(format!("{}.log", m.id));
    let _ = std::fs::remove_file(&log);
    let _ = std::fs::write(
        &log,
        format!(
            "{} {} {} ({}): {}\n  before: {}\n  after:  {}\n",
            m.id,
            m.location(),
            m.site,
            m.op,
            m.change,
            m.before,
            if m.after.is_empty() {
                "(deleted)"
            } else {
                &m.after
            }
        ),
    );
    // validity
    if m.class == Class::Code {
        if let Err(e) = ir2json::read_module_str(&text, &inputs.files[m.input].rel) {
            let msg = e.to_string();
            return Ok(out(
                Status::Invalid,
                "ir2json",
                msg.lines().next().unwrap_or_default().to_string(),
            ));
        }
    }
    write_inputs(inputs, in_dir, Some(m))?;
    let restore = || write_inputs(inputs, in_dir, None);
    if m.class != Class::Code {
        if let Err(e) = specgen::generate::run::load_config(cfg_in) {
            restore()?;
            let r = e.render_plain();
            return Ok(out(
                Status::Invalid,
                "config",
                r.lines().next().unwrap_or_default().to_string(),
            ));
        }
    }
    copy_tree(base, run_dir)?;
    let built = builder.build(cfg_in, run_dir);
    restore()?;
    let r = match built {
        Err(f) => {
            let (invalid, msg) = build_failure(&f);
            return Ok(if invalid {
                out(Status::Invalid, "config", msg)
            } else {
                out(Status::Killed, "autov build", msg)
            });
        }
        Ok(r) => r,
    };
    let mut changed: Vec<String> = r.written_files.clone();
    changed.extend(r.removed_files.iter().map(|f| format!("{f} (removed)")));
    if !r.errors.is_empty() {
        let mut o = out(
            Status::Killed,
            "autov build",
            r.errors[0]
                .to_string()
                .lines()
                .next()
                .unwrap_or_default()
                .to_string(),
        );
        o.changed_files = changed;
        return Ok(o);
    }
    if changed.is_empty() {
        let why = match m.class {
            Class::Code => format!(
                "the generated project is byte-identical to the base: ir2coq's model of @{} does not contain the changed instruction (dead code the structurer removes, or an operand it does not model)",
                m.site
            ),
            _ => format!(
                "the generated project is byte-identical to the base: the change to `{}` does not reach the Coq output",
                m.site
            ),
        };
        return Ok(out(Status::Equivalent, "generated files", why));
    }
    // a definition no generated sentence uses: only its own file needs checking
    if m.class != Class::Code {
        if let Some(names) = crate::uses::unused(run_dir, &m.site) {
            let targets: Vec<String> = changed
                .iter()
                .filter(|f| f.ends_with(".v"))
                .map(|f| format!("{f}o"))
                .collect();
            let mut args = vec![
                "-f".to_string(),
                "Makefile.coq".to_string(),
                jobs.to_string(),
            ];
            args.extend(targets);
            let mr = make(run_dir, &args, timeout, &log)?;
            if mr.ok {
                let carried = if names.len() > 1 {
                    format!(
                        " (nor {}, built on it)",
                        names[1..]
                            .iter()
                            .map(|n| format!("`{n}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                } else {
                    String::new()
                };
                let mut o = out(
                    Status::Equivalent,
                    "unused",
                    format!(
                        "no generated theorem, proof or instance uses `{}`{carried}: the mutant cannot change what is proved (the changed file{} still check{})",
                        m.site,
                        if changed.len() > 1 { "s" } else { "" },
                        if changed.len() > 1 { "" } else { "s" },
                    ),
                );
                o.changed_files = changed;
                return Ok(o);
            }
            if !mr.timed_out {
                let mut o = out(
                    Status::Killed,
                    "make",
                    format!(
                        "make fails in {}",
                        mr.failing
                            .first()
                            .map(String::as_str)
                            .unwrap_or("the changed files")
                    ),
                );
                o.failing = mr.failing;
                o.changed_files = changed;
                return Ok(o);
            }
        }
    }
    // make: the quick phases first (cheap checks, then refinement proofs; stop at the first failure), then
    // everything (-k)
    let mut failing = vec![];
    let mut status = Status::Survived;
    // the phases that passed, for a timeout's reason: a mutant whose hand-written specs' proofs
    // pass and that times out in a certificate is a survivor the machine was too slow to confirm
    let mut passed: Vec<&str> = vec![];
    let t0 = Instant::now();
    if !changed.iter().any(|f| f == "_CoqProject") {
        for phase in quick {
            let mut args = vec![
                "-f".to_string(),
                "Makefile.coq".to_string(),
                jobs.to_string(),
            ];
            args.extend(phase.targets.iter().cloned());
            let left = timeout.saturating_sub(t0.elapsed());
            let mr = make(run_dir, &args, left, &log)?;
            if mr.timed_out {
                status = Status::Timeout;
            } else if !mr.ok {
                status = Status::Killed;
                failing = mr.failing;
            }
            if status != Status::Survived {
                break;
            }
            passed.push(phase.what);
        }
    }
    if status == Status::Survived {
        let left = timeout.saturating_sub(t0.elapsed());
        let mr = make(run_dir, &["-k".to_string(), jobs.to_string()], left, &log)?;
        if mr.timed_out {
            status = Status::Timeout;
        } else if !mr.ok {
            status = Status::Killed;
            failing = mr.failing;
        }
    }
    let reason = match status {
        Status::Killed => match failing.first() {
            Some(f) => format!("make fails in {f}"),
            None => "make fails (no failing .v file found in the log)".into(),
        },
        Status::Timeout => format!(
            "make did not finish in {:.0} s{}{}",
            timeout.as_secs_f64(),
            last_started(&log)
                .map(|f| format!(" (the last file it started: {f})"))
                .unwrap_or_default(),
            if passed.is_empty() {
                String::new()
            } else {
                format!("; passed: {}", passed.join("; "))
            }
        ),
        _ => format!("make passes ({} generated file(s) changed)", changed.len()),
    };
    Ok(Outcome {
        status,
        stage: "make".into(),
        reason,
        failing,
        changed_files: changed,
        hint: None,
        seconds: 0.0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cheap_checks_come_first_then_hand_written_specs_then_other_refinement_proofs() {
        let cp = "-R . P\nBottom/Defs.v\nBottom/InitMem.v\nTop/InitRel.v\nTop/Defined.v\n\
                  Top/note/RefProof.v\nSum/clear_upto/Bound.v\nSum/clear_upto/RefProof.v\n\
                  Sum/clear_upto/CodeProof.v\n";
        let first = BTreeSet::from(["Top/note".to_string()]);
        let phases = quick_targets(cp, &first);
        let targets: Vec<Vec<&str>> = phases
            .iter()
            .map(|p| p.targets.iter().map(String::as_str).collect())
            .collect();
        assert_eq!(
            targets,
            [
                vec![
                    "Bottom/InitMem.vo",
                    "Top/InitRel.vo",
                    "Top/Defined.vo",
                    "Sum/clear_upto/Bound.vo"
                ],
                vec!["Top/note/RefProof.vo"],
                vec!["Sum/clear_upto/RefProof.vo"],
            ]
        );
        // a project without hand-written specs or checks has only the last phase
        let only = quick_targets("A/f/RefProof.v\n", &BTreeSet::new());
        assert_eq!(only.len(), 1);
        assert_eq!(only[0].what, "the other refinement proofs");
    }
}
