//! High-spec synthesis (issue 12): from a primitive's low spec to a closed-form spec over its own
//! layer's state and arguments, with a certificate coqc re-proves.
//!
//! Where it sits: in the primitive waves of [`crate::generate::project`], right after a
//! primitive's low spec is generated (its callees are synthesised in earlier waves). Stages, all
//! over the typed spec IR (structural equality):
//! 1. **inline** ([`Synth::inline`]): calls of generated lower specs become their synthesised
//!    bodies; hand-written specs, layer memory operations and their helpers are partially
//!    evaluated from the configuration AST ([`cfg2ir`]); `Hint NoUnfold` names (definitions and
//!    primitive specs), loop fixpoints
//!    (replaced by their own synthesised fixpoints) and anything outside the subset stay calls;
//! 2. **rewrite** ([`rules`]) to a fixpoint;
//! 3. **Z3** ([`zpass`], [`smt`]) under path conditions, then rewrite again, until nothing
//!    changes (bounded rounds);
//! 4. **certificate** ([`coqgen`]): `p_spec_synth : ranges -> p_spec args st = p_spec_low args st`
//!    (and `p_loopK_s_eq` per loop), proved by coq-lib's `Synth.v` tactics; the RefProof follows.
//!
//! Determinism: no wall-clock limit anywhere (Z3 runs with `rlimit`), every name is from a counter
//! per primitive, and a primitive's result depends only on its low spec and its callees' results.

pub mod access;
pub mod cfg2ir;
pub mod coqgen;
pub mod hook;
pub mod ir;
pub mod rules;
pub mod sample;
pub mod smt;
pub mod zpass;

use crate::generate::names;
use crate::lowspec::{LowSpec, VTy};
use crate::spec::{Expr as E, Fun, Ty};
pub use hook::LayerSynth;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

/// Options of the synthesis stage.
#[derive(Clone, Debug)]
pub struct SynthOptions {
    pub enabled: bool,
    /// The persistent Z3 cache file (`None`: no cache file, an in-memory cache only).
    pub cache: Option<PathBuf>,
    /// Z3 resource limit per query.
    pub rlimit: u64,
    /// Queries per primitive before Z3 is no longer asked (deterministic).
    pub budget: usize,
    /// Fault injection (tests only): enable a deliberately unsound rewrite rule.
    pub unsound: bool,
}

impl Default for SynthOptions {
    fn default() -> Self {
        SynthOptions {
            enabled: true,
            cache: None,
            rlimit: 500_000,
            budget: 4000,
            unsound: false,
        }
    }
}

/// Figures of one primitive's synthesis.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PrimStats {
    pub size_low: usize,
    pub size_synth: usize,
    pub queries: usize,
    pub hits: usize,
    pub unknown: usize,
    pub skipped: usize,
    pub sampled: usize,
    /// Microseconds spent (not part of any generated file).
    pub micros: u128,
    /// Calls into lower layers' specs or memory operations left (not inlinable).
    pub lower_calls: Vec<String>,
    /// Calls of lower specs kept by `Hint NoUnfold`.
    pub kept_calls: Vec<String>,
    /// Every memory-map access was lowered to its path: the accesses left are the out-of-bounds
    /// fallbacks of indices the code does not check.
    pub oob_only: bool,
}

/// A synthesised spec.
#[derive(Clone, Debug)]
pub struct Synthesized {
    pub prim: String,
    /// `p_spec` (same parameters as the low spec).
    pub spec: Fun,
    /// Synthesised loop fixpoints, each with the low fixpoint it equals.
    pub fixpoints: Vec<(Fun, String)>,
    /// Names the certificate unfolds (in order): the spec, the low spec, inlined definitions.
    pub unfold: Vec<String>,
    /// Lemmas `q_loopK_s_eq` of callees whose synthesised fixpoints appear (for rewriting).
    pub loop_lemmas: Vec<String>,
    /// Calls kept opaque, with arities.
    pub opaque: Vec<(String, usize)>,
    /// Parameter types (integers give the range hypotheses).
    pub params: Vec<VTy>,
    /// Memory-map accesses lowered to abstract locations (the certificate rewrites with them).
    pub accesses: Vec<access::AccessUse>,
    pub stats: PrimStats,
}

/// Shared state of a build's synthesis.
pub struct Synth<'a> {
    pub opts: SynthOptions,
    pub smt: smt::Smt,
    pub vocab: rules::Vocab,
    pub cfg: cfg2ir::CfgDefs<'a>,
    /// Names of every layer's memory operations and specs (calls into lower layers).
    pub lower_names: BTreeSet<String>,
    /// The memory maps' field paths (access lowering).
    pub paths: Vec<access::MapPath>,
}

/// The name of the synthesised version of a loop fixpoint.
pub fn fix_name(low: &str) -> String {
    format!("{low}_s")
}
pub fn fix_lemma(low: &str) -> String {
    format!("{low}_s_eq")
}
pub fn synth_lemma(p: &str) -> String {
    format!("{p}_spec_synth")
}

impl<'a> Synth<'a> {
    pub fn new(
        p: &'a config::Project,
        ident: &'a BTreeMap<String, String>,
        llvm: &'a BTreeMap<String, String>,
        opts: SynthOptions,
    ) -> Synth<'a> {
        let mut lower_names = BTreeSet::new();
        for l in &p.layers {
            lower_names.extend(l.ops.values().cloned());
            lower_names.extend(l.specs.values().cloned());
            for q in &l.prims {
                lower_names.insert(names::spec(&q.name));
                lower_names.insert(names::low_spec(&q.name));
            }
        }
        Synth {
            smt: smt::Smt::new(opts.cache.clone(), opts.rlimit),
            opts,
            vocab: rules::Vocab::new(&p.env),
            cfg: cfg2ir::CfgDefs::new(p, ident, llvm),
            lower_names,
            paths: vec![],
        }
    }

    /// Lower accesses at these memory-map paths ([`access`]).
    pub fn with_map_paths(mut self, paths: Vec<access::MapPath>) -> Self {
        self.paths = paths;
        self
    }

    /// Inline callees into `e`: generated specs (by their synthesised bodies), configuration
    /// definitions (partially evaluated), own loop fixpoints renamed to their synthesised versions.
    fn inline(
        &self,
        e: &E,
        callees: &BTreeMap<String, Arc<Synthesized>>,
        own_fix: &BTreeSet<String>,
        fresh: &mut ir::Fresh,
        used: &mut Vec<String>,
    ) -> E {
        let rec = |x: &E, fresh: &mut ir::Fresh, used: &mut Vec<String>| {
            self.inline(x, callees, own_fix, fresh, used)
        };
        match e {
            E::Call(f, a) => {
                let a: Vec<E> = a.iter().map(|x| rec(x, fresh, used)).collect();
                if own_fix.contains(f) {
                    return E::Call(fix_name(f), a);
                }
                if let Some(s) = callees.get(f).filter(|_| !self.cfg.keep.contains(f)) {
                    if s.spec.params.len() == a.len() {
                        if !used.contains(f) {
                            used.push(f.clone());
                        }
                        let body = ir::freshen(&s.spec.body, fresh);
                        let m = s
                            .spec
                            .params
                            .iter()
                            .zip(a)
                            .map(|(p, x)| (p.name.clone(), ir::Subst::Val(x)))
                            .collect();
                        return ir::subst(&body, &m, fresh);
                    }
                }
                if self.cfg.inlinable(f) {
                    if let Some(x) = self.inline_cfg(f, &a, fresh, used) {
                        return x;
                    }
                }
                E::Call(f.clone(), a)
            }
            _ => ir::map_children(e, &mut |x| self.inline(x, callees, own_fix, fresh, used)),
        }
    }

    /// A configuration definition partially evaluated at these arguments (`None`: outside the
    /// evaluator's subset, the call stays); what it unfolds is added to `used`.
    fn inline_cfg(
        &self,
        f: &str,
        a: &[E],
        fresh: &mut ir::Fresh,
        used: &mut Vec<String>,
    ) -> Option<E> {
        let mut u = BTreeSet::new();
        let r = {
            let mut ev = cfg2ir::Eval::new(&self.cfg, fresh, &mut u);
            let args: Vec<cfg2ir::SV> = a.iter().map(|x| ev.from_e(x)).collect();
            ev.call(f, args).and_then(|v| ev.to_e(v))
        };
        match r {
            Err(m) => {
                if std::env::var_os("AUTOV_SYNTH_DEBUG").is_some() {
                    eprintln!("synthesis: `{f}` not inlined: {m}");
                }
                None
            }
            Ok(x) => {
                // the unfold order: the called definition first, then what it uses
                for n in std::iter::once(f.to_string()).chain(u) {
                    if !used.contains(&n) {
                        used.push(n);
                    }
                }
                Some(x)
            }
        }
    }

    /// Inline only calls of `names` (configuration definitions) in `e`.
    fn inline_named(
        &self,
        e: &E,
        names: &BTreeSet<String>,
        fresh: &mut ir::Fresh,
        used: &mut Vec<String>,
    ) -> E {
        if let E::Call(f, a) = e {
            let a: Vec<E> = a
                .iter()
                .map(|x| self.inline_named(x, names, fresh, used))
                .collect();
            if names.contains(f) && self.cfg.inlinable(f) {
                if let Some(x) = self.inline_cfg(f, &a, fresh, used) {
                    return x;
                }
            }
            return E::Call(f.clone(), a);
        }
        ir::map_children(e, &mut |x| self.inline_named(x, names, fresh, used))
    }

    /// Memory-map accesses at known paths lowered to their abstract locations ([`access`]) and
    /// the body simplified again; kept if no more pointer-level accesses are left than before.
    /// Returns the body, the access lemmas its certificate uses, and whether every access was
    /// lowered (what is left is out-of-bounds fallbacks).
    #[allow(clippy::too_many_arguments)]
    fn lower_accesses(
        &self,
        p: &str,
        body: E,
        vt: BTreeMap<String, Ty>,
        ranges: Vec<E>,
        fresh: &mut ir::Fresh,
        used: &mut Vec<String>,
        zs: &mut zpass::ZStats,
    ) -> (E, Vec<access::AccessUse>, bool) {
        let raw = access::count_raw(&self.paths, &body);
        if raw == 0 {
            return (body, vec![], false);
        }
        let mut uses = vec![];
        let mut matched = 0;
        let lowered = access::lower(&self.paths, &body, &mut uses, &mut matched);
        if uses.is_empty() {
            return (body, vec![], false);
        }
        let abs: BTreeSet<String> = uses.iter().flat_map(|u| u.unfold.clone()).collect();
        let mut used2 = used.clone();
        let lowered = self.inline_named(&lowered, &abs, fresh, &mut used2);
        let lowered = self.simplify(&lowered, vt, ranges, fresh, zs);
        let left = access::count_raw(&self.paths, &lowered);
        if std::env::var_os("AUTOV_SYNTH_DEBUG").is_some() {
            eprintln!(
                "synthesis: `{p}` access lowering: {} lemma(s), pointer-level accesses {raw} -> {left}",
                uses.len()
            );
        }
        if left > raw {
            return (body, vec![], false);
        }
        *used = used2;
        (lowered, uses, matched == raw)
    }

    /// The rules alone (before inlining: substitutes lets, so calls see their arguments).
    fn presimp(&self, body: &E, fresh: &mut ir::Fresh) -> E {
        let mut r = rules::Rules {
            vocab: &self.vocab,
            fresh,
            unsound: false,
            dup_limit: 80,
        };
        r.simp(body)
    }

    /// Simplify a body: rules, then Z3 and rules again until nothing changes.
    fn simplify(
        &self,
        body: &E,
        vtypes: BTreeMap<String, Ty>,
        ranges: Vec<E>,
        fresh: &mut ir::Fresh,
        stats: &mut zpass::ZStats,
    ) -> E {
        let mut r = rules::Rules {
            vocab: &self.vocab,
            fresh,
            unsound: self.opts.unsound,
            dup_limit: 80,
        };
        let mut cur = r.simp(body);
        let mut zp = zpass::ZPass {
            smt: &self.smt,
            vtypes,
            stats: zpass::ZStats::default(),
            reconstruct: false,
            budget: self.opts.budget,
        };
        for round in 0..6 {
            zp.reconstruct = round >= 1;
            let mut path = ranges.clone();
            let next = zp.walk(&cur, &mut path);
            let next = r.simp(&next);
            if next == cur && round >= 1 {
                break;
            }
            cur = next;
        }
        let z = zp.stats;
        stats.queries += z.queries;
        stats.hits += z.hits;
        stats.unknown += z.unknown;
        stats.skipped += z.skipped;
        stats.sampled += z.sampled;
        cur
    }

    /// Synthesise primitive `p` from its low spec; `callees`: the synthesised specs of lower
    /// primitives, by spec name.
    pub fn prim(
        &self,
        p: &str,
        low: &LowSpec,
        callees: &BTreeMap<String, Arc<Synthesized>>,
    ) -> Synthesized {
        let t0 = Instant::now();
        let mut fresh = ir::Fresh::default();
        let mut used: Vec<String> = vec![];
        let own_fix: BTreeSet<String> = low.defs.fixpoints.iter().map(|f| f.name.clone()).collect();
        let mut zs = zpass::ZStats::default();
        let mut vt: BTreeMap<String, Ty> = BTreeMap::new();
        for v in &low.defs.spec.params {
            vt.insert(v.name.clone(), v.ty.clone());
        }
        // loop fixpoints: no range facts (their lemmas hold for all arguments)
        let mut fixpoints = vec![];
        let mut size_low = low.defs.spec.body.size();
        for f in &low.defs.fixpoints {
            size_low += f.body.size();
            let body = self.presimp(&f.body, &mut fresh);
            let body = self.inline(&body, callees, &own_fix, &mut fresh, &mut used);
            let mut fvt = BTreeMap::new();
            for v in &f.params {
                fvt.insert(v.name.clone(), v.ty.clone());
            }
            let body = self.simplify(&body, fvt, vec![], &mut fresh, &mut zs);
            fixpoints.push((
                Fun {
                    name: fix_name(&f.name),
                    params: f.params.clone(),
                    ret: f.ret.clone(),
                    body,
                },
                f.name.clone(),
            ));
        }
        // the spec: integer parameters are in range
        let mut ranges = vec![];
        for (v, t) in low.defs.spec.params.iter().zip(&low.params) {
            if let VTy::Int(w) = t.ty {
                let x = E::var(v.name.clone());
                ranges.push(E::prim(
                    crate::spec::Prim::And,
                    vec![
                        E::prim(
                            crate::spec::Prim::ZCmp(crate::spec::ZCmp::Le),
                            vec![E::z(0), x.clone()],
                        ),
                        E::prim(
                            crate::spec::Prim::ZCmp(crate::spec::ZCmp::Lt),
                            vec![x, E::z(1i128 << w)],
                        ),
                    ],
                ));
            }
        }
        let body = self.presimp(&low.defs.spec.body, &mut fresh);
        let body = self.inline(&body, callees, &own_fix, &mut fresh, &mut used);
        let body = self.simplify(&body, vt.clone(), ranges.clone(), &mut fresh, &mut zs);
        let (body, accesses, all_lowered) =
            self.lower_accesses(p, body, vt, ranges, &mut fresh, &mut used, &mut zs);
        let mut heads = BTreeSet::new();
        ir::call_heads(&body, &mut heads);
        for (f, _) in &fixpoints {
            ir::call_heads(&f.body, &mut heads);
        }
        let mut loop_lemmas = vec![];
        for (h, _) in &heads {
            if let Some(low_fix) = h.strip_suffix("_s") {
                if own_fix.contains(low_fix) {
                    continue;
                }
                if callees
                    .values()
                    .any(|c| c.fixpoints.iter().any(|(f, _)| &f.name == h))
                {
                    loop_lemmas.push(fix_lemma(low_fix));
                }
            }
        }
        // lower specs still called (`Hint NoUnfold` ones are kept on purpose)
        let (kept_calls, lower_calls): (Vec<String>, Vec<String>) = heads
            .iter()
            .map(|(h, _)| h.clone())
            .filter(|h| self.lower_names.contains(h))
            .partition(|h| self.cfg.keep.contains(h));
        let opaque: Vec<(String, usize)> = heads
            .into_iter()
            .filter(|(h, _)| {
                !(self.vocab.field.contains_key(h)
                    || self.vocab.update.contains_key(h)
                    || self.vocab.ctor.contains_key(h)
                    || matches!(
                        h.as_str(),
                        "ZMap.get"
                            | "ZMap.set"
                            | "ZMap.init"
                            | "cons"
                            | "nil"
                            | "signed"
                            | "Z.land"
                            | "Z.lor"
                            | "Z.lxor"
                            | "Z.shiftl"
                            | "Z.shiftr"
                            | "Z.opp"
                            | "fst"
                            | "snd"
                            | "Ptr"
                            | "Bglob"
                            | "Babs"
                            | "app"
                            | "Z.to_nat"
                    ))
            })
            .collect();
        let spec = Fun {
            name: names::spec(p),
            params: low.defs.spec.params.clone(),
            ret: low.defs.spec.ret.clone(),
            body,
        };
        let size_synth =
            spec.body.size() + fixpoints.iter().map(|(f, _)| f.body.size()).sum::<usize>();
        let mut unfold = vec![names::spec(p), low.spec.clone()];
        unfold.extend(self.cfg.unfold_order(&used));
        Synthesized {
            prim: p.to_string(),
            spec,
            fixpoints,
            unfold,
            loop_lemmas,
            opaque,
            params: low.params.iter().map(|v| v.ty).collect(),
            accesses,
            stats: PrimStats {
                size_low,
                size_synth,
                queries: zs.queries,
                hits: zs.hits,
                unknown: zs.unknown,
                skipped: zs.skipped,
                sampled: zs.sampled,
                micros: t0.elapsed().as_micros(),
                oob_only: all_lowered
                    && lower_calls
                        .iter()
                        .all(|c| self.paths.iter().any(|p| &p.load == c || &p.store == c)),
                lower_calls,
                kept_calls,
            },
        }
    }
}
