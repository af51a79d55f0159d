//! The Coq side of a synthesised spec: its definitions (for the layer's `Spec.v`) and its
//! certificate (the primitive's `RefProof.v`): `p_loopK_s_eq` per loop (induction on the fuel),
//! `p_spec_synth` (the synthesised spec equals the low spec composed with the lower specs, for
//! arguments in range), and the refinement `p_ref`, all proved by coq-lib's `Synth.v` tactics.

use super::{fix_lemma, synth_lemma, Synthesized};
use crate::generate::names;
use crate::lowspec::VTy;
use crate::spec::print as sp;
use coq::{Binder, Proof, Sentence, Tactic, Term};

fn name(s: impl Into<String>) -> Term {
    Term::name(s)
}

/// `Fixpoint p_loopK_s …`, `Definition p_spec …` (folded: `simpl never`).
pub fn spec_sentences(s: &Synthesized) -> Vec<Sentence> {
    let mut out = vec![Sentence::comment(format!(
        "`{}` has no hand-written spec: its spec is synthesised from its low spec ({} nodes, {} before; certificate `{}` in its RefProof.v).",
        s.prim,
        s.stats.size_synth,
        s.stats.size_low,
        synth_lemma(&s.prim)
    ))];
    for (f, _) in &s.fixpoints {
        out.push(sp::fun_def(f, true));
    }
    out.push(Sentence::Group(vec![
        sp::fun_def(&s.spec, false),
        Sentence::simpl_never(s.spec.name.clone()),
    ]));
    out
}

/// The lemmas of the RefProof of a synthesised spec; `prim`/`prim_low` the marshalled specs, `rel`
/// the layer's relation (an equality).
pub fn ref_sentences(s: &Synthesized, rel: &str) -> Vec<Sentence> {
    let p = &s.prim;
    let mut out = vec![];
    // what the certificate unfolds besides the two specs: the inlined lower definitions
    let inlined: Vec<String> = s.unfold.iter().skip(2).cloned().collect();
    let own_lemmas: Vec<String> = s.fixpoints.iter().map(|(_, low)| fix_lemma(low)).collect();
    for (f, low) in &s.fixpoints {
        let bs: Vec<Binder> = f.params.iter().map(sp::binder).collect();
        let args: Vec<Term> = f.params.iter().map(|v| name(v.name.clone())).collect();
        let stmt = Term::forall(
            bs,
            Term::eq(
                Term::app(f.name.clone(), args.clone()),
                Term::app(low.clone(), args),
            ),
        );
        let mut tacs = vec![Tactic::call(
            "synth_fix_intro",
            vec![name(f.params[0].name.clone())],
        )];
        if !inlined.is_empty() {
            // one step of both fixpoints first: the lower specs appear in the body
            tacs.push(Tactic::call("cbn", vec![]));
            tacs.push(Tactic::UnfoldEverywhere(inlined.clone()));
        }
        tacs.push(Tactic::call("synth_solve", vec![]));
        out.push(Sentence::lemma(fix_lemma(low), stmt, Proof(tacs)));
    }
    if !own_lemmas.is_empty() {
        out.push(Sentence::LtacRedefine {
            name: "synth_rw_hook".into(),
            body: Tactic::Then(
                own_lemmas
                    .iter()
                    .map(|l| Tactic::call("synth_rewrite", vec![name(l.clone())]))
                    .collect(),
            ),
        });
    }
    // the memory map's operations stay folded where synthesis lowered them: the access lemmas
    // rewrite them at the path's address (no dispatch over the map's offsets is unfolded)
    let mut ops: Vec<&str> = s.accesses.iter().map(|u| u.op.as_str()).collect();
    ops.sort();
    ops.dedup();
    out.extend(ops.into_iter().map(Sentence::simpl_never_local));
    // the spec
    let mut bs: Vec<Binder> = s.spec.params.iter().map(sp::binder).collect();
    let args: Vec<Term> = s.spec.params.iter().map(|v| name(v.name.clone())).collect();
    let mut hyps = vec![];
    for (v, t) in s.spec.params.iter().zip(&s.params) {
        if let VTy::Int(w) = t {
            hyps.push(Term::eq(
                Term::app(
                    "in_urange",
                    vec![Term::int(*w as i128), name(v.name.clone())],
                ),
                Term::bool(true),
            ));
        }
    }
    let _ = &mut bs;
    let concl = Term::eq(
        Term::app(s.spec.name.clone(), args.clone()),
        Term::app(names::low_spec(p), args),
    );
    let stmt = Term::forall(bs, Term::implies(hyps, concl));
    // the access lemmas of the memory-map accesses synthesis lowered, at their indices (before
    // the unfolding, which opens their abstract locations as it opens the spec's)
    let mut tacs = vec![Tactic::call("intros", vec![])];
    for u in &s.accesses {
        let lemma = Term::app(u.lemma.clone(), u.indices.iter().map(sp::expr).collect());
        tacs.push(Tactic::call("synth_hint", vec![lemma]));
    }
    tacs.push(Tactic::UnfoldEverywhere(s.unfold.clone()));
    tacs.push(Tactic::call("synth_solve", vec![]));
    out.push(Sentence::lemma(synth_lemma(p), stmt, Proof(tacs)));
    out.push(Sentence::lemma(
        names::ref_lemma(p),
        Term::app(
            "prim_ref",
            vec![name(names::prim(p)), name(names::prim_low(p)), name(rel)],
        ),
        Proof::by(Tactic::call(
            "synth_ref",
            vec![
                name(names::prim(p)),
                name(names::prim_low(p)),
                name(synth_lemma(p)),
            ],
        )),
    ));
    out
}
