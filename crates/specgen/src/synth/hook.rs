//! The synthesis stage's hooks into generation ([`crate::generate::project`]): synthesise one
//! primitive right after its low spec (replacing its `RefProof.v`), and the per-layer figures.

use super::{coqgen, Synth, Synthesized};
use crate::generate::ctx::Ctx;
use crate::generate::names;
use crate::generate::plan::Plan;
use crate::generate::prim::PrimOut;
use crate::lowspec::LowSpec;
use coq::sentence::Require;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Per-layer synthesis figures (the build report prints them).
#[derive(Clone, Debug, Default)]
pub struct LayerSynth {
    /// Generated specs (primitives with code and no hand-written spec).
    pub generated: usize,
    /// Of those, synthesised.
    pub synthesised: usize,
    /// Synthesised specs that still call a lower layer's spec or memory operation.
    pub incomplete: Vec<String>,
    /// Kept as generated (`Hint NoTrans`, or a relational layer).
    pub kept: Vec<String>,
    /// Synthesised specs that keep calls of lower specs on purpose (`Hint NoUnfold`).
    pub keeps_calls: Vec<String>,
    pub queries: usize,
    pub hits: usize,
    pub unknown: usize,
    pub skipped: usize,
    /// Queries answered by a concrete assignment (no Z3, no cache).
    pub sampled: usize,
    pub micros: u128,
    /// Nodes before (low spec and loop bodies) and after, summed over the synthesised specs.
    pub size_before: usize,
    pub size_after: usize,
    /// (primitive, nodes before, nodes after)
    pub sizes: Vec<(String, usize, usize)>,
}

/// Synthesise `q` (layer `k`) if it has no hand-written spec, is not `NoTrans`, and its layer is
/// related to the one below by equality; replaces its `RefProof.v` in `po`.
pub fn synthesize(
    cx: &Ctx,
    syn: &Synth,
    k: usize,
    q: &str,
    po: &mut PrimOut,
    callees: &BTreeMap<String, Arc<Synthesized>>,
) -> Option<Synthesized> {
    if cx.has_given_spec(q)
        || cx.fields.contains_key(q)
        || cx.p.hints.no_trans.contains(q)
        || cx.p.hints.no_trans.contains(&names::spec(q))
        || cx.p.layers[k].refrel.is_some()
    {
        return None;
    }
    let s = syn.prim(q, &po.low, callees);
    let ln = cx.lname(k);
    let path = names::prim_file(ln, q, "RefProof");
    let mut f = cx.file(
        &format!(
            "refinement proof of `{q}`: its synthesised spec equals its low spec (the certificate)"
        ),
        vec![
            Require::import("AutoV", &["Synth"]),
            Require::import(cx.layer_dir(k), &["RefineRel"]),
            Require::import(cx.prim_dir(k, q), &["LowSpec"]),
        ],
    );
    let mut access_mods: Vec<&str> = s.accesses.iter().map(|u| u.module.as_str()).collect();
    access_mods.sort();
    access_mods.dedup();
    if !access_mods.is_empty() {
        f.push(coq::Sentence::Require(Require::import(
            format!("{}.{}", cx.pn, crate::generate::memory::ACCESS_DIR),
            &access_mods,
        )));
    }
    f.extend(coqgen::ref_sentences(&s, &names::rel(ln)));
    let text = f.render();
    for (p, c) in po.files.iter_mut() {
        if *p == path {
            *c = text.clone();
        }
    }
    Some(s)
}

/// The synthesis figures of layer `k`.
pub fn layer_report(
    cx: &Ctx,
    plan: &Plan,
    k: usize,
    synthesized: &BTreeMap<String, Arc<Synthesized>>,
    lows: &BTreeMap<String, LowSpec>,
) -> LayerSynth {
    let mut r = LayerSynth::default();
    for q in &plan.ifaces[k].coded {
        if cx.has_given_spec(q) || cx.fields.contains_key(q) || !lows.contains_key(q) {
            continue;
        }
        r.generated += 1;
        match synthesized.get(q) {
            Some(s) => {
                r.synthesised += 1;
                let st = &s.stats;
                r.queries += st.queries;
                r.hits += st.hits;
                r.unknown += st.unknown;
                r.skipped += st.skipped;
                r.sampled += st.sampled;
                r.micros += st.micros;
                r.size_before += st.size_low;
                r.size_after += st.size_synth;
                r.sizes.push((q.clone(), st.size_low, st.size_synth));
                if !st.kept_calls.is_empty() {
                    r.keeps_calls
                        .push(format!("{q} (calls {})", st.kept_calls.join(", ")));
                }
                if !st.lower_calls.is_empty() {
                    let only = if st.oob_only {
                        " only outside its paths' index bounds: an index the code does not check"
                    } else {
                        ""
                    };
                    r.incomplete
                        .push(format!("{q} (calls {}{only})", st.lower_calls.join(", ")));
                }
            }
            None => r.kept.push(q.clone()),
        }
    }
    r
}
