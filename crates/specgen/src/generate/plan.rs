//! Layer interfaces and the schedule: what each layer provides (its own primitives and those it
//! passes through), and the primitives with code in waves over the call graph.

use super::code::Code;
use super::ctx::GenError;
use config::Project;
use diag::{Code as DCode, Place};
use std::collections::{BTreeMap, BTreeSet};

/// What one layer provides.
#[derive(Clone, Debug, Default)]
pub struct Iface {
    /// Its own primitives (in `LAYER_PRIMS` order).
    pub own: Vec<String>,
    /// Lower primitives that code above calls, passed through unchanged (with an obligation when
    /// the layer has a refinement relation).
    pub pass: Vec<String>,
    /// Own primitives with code (above the bottom layer).
    pub coded: Vec<String>,
}

/// The interfaces and the generation order.
pub struct Plan {
    pub ifaces: Vec<Iface>,
    /// Primitive → its layer (the first that lists it).
    pub layer_of: BTreeMap<String, usize>,
    /// Primitive with code → the primitives with code it calls.
    pub deps: BTreeMap<String, BTreeSet<String>>,
    /// (layer, primitive) of every primitive with code.
    pub nodes: Vec<(usize, String)>,
    /// The inline-asm procedures verified code calls (own primitives of the bottom layer).
    pub asm: BTreeSet<String>,
}

/// Compute the interfaces. A primitive that code above a layer calls but that cannot pass through
/// it (a different state in between) is an E-BLD010; across a refinement relation it passes, and
/// the relation's layer gets an obligation (its spec preserves the relation).
pub fn plan(p: &Project, code: &Code, errors: &mut Vec<GenError>) -> Plan {
    let n = p.layers.len();
    let mut layer_of: BTreeMap<String, usize> = BTreeMap::new();
    for l in &p.layers {
        for q in &l.prims {
            layer_of.entry(q.name.clone()).or_insert(l.index);
        }
    }
    let mut ifaces: Vec<Iface> = p
        .layers
        .iter()
        .enumerate()
        .map(|(k, l)| {
            let own: Vec<String> = l
                .prims
                .iter()
                .filter(|q| layer_of.get(&q.name) == Some(&k))
                .map(|q| q.name.clone())
                .collect();
            let coded = if k == 0 {
                vec![]
            } else {
                own.iter()
                    .filter(|q| code.funcs.contains_key(q.as_str()))
                    .cloned()
                    .collect()
            };
            Iface {
                own,
                pass: vec![],
                coded,
            }
        })
        .collect();
    // the inline asm of verified code: primitives of the bottom layer, through its register view
    // (the configuration checks that it has one, E-CFG050)
    let asm: BTreeSet<String> = ifaces
        .iter()
        .skip(1)
        .flat_map(|i| &i.coded)
        .filter_map(|q| code.info.calls.get(q))
        .flatten()
        .filter(|c| code.asm.contains_key(c.as_str()))
        .cloned()
        .collect();
    if let Some(bottom) = ifaces.first_mut() {
        for c in &asm {
            bottom.own.push(c.clone());
            layer_of.insert(c.clone(), 0);
        }
    }
    let lname = |k: usize| p.layers[k].name.name.clone();
    for k in 0..n {
        let mut need: BTreeSet<String> = BTreeSet::new();
        for iface in &ifaces[(k + 1)..n] {
            for q in &iface.coded {
                if let Some(cs) = code.info.calls.get(q) {
                    need.extend(cs.iter().cloned());
                }
            }
        }
        let mut pass = vec![];
        for q in need {
            let Some(&j) = layer_of.get(&q) else { continue };
            if j >= k {
                continue;
            }
            // across a refinement relation the primitive keeps its spec, so the state must be
            // the same type; the relation's layer then proves the spec preserves it (PassRef.v)
            if (j + 1..=k).any(|i| p.layers[i].data != p.layers[j].data) {
                errors.push(GenError::new(
                    DCode::BldPassthrough,
                    Place::default().context(format!("layer {}", lname(k))),
                    format!(
                        "`{q}` (layer {}) is called from above layer {} but cannot pass through it: the layers' states differ",
                        lname(j),
                        lname(k)
                    ),
                    format!(
                        "give the layers from {} to {} the same state (a LAYER_REFREL between them is fine), or call a primitive of layer {} that wraps `{q}`",
                        lname(j + 1),
                        lname(k),
                        lname(k)
                    ),
                ));
                continue;
            }
            pass.push(q);
        }
        ifaces[k].pass = pass;
    }
    let nodes: Vec<(usize, String)> = (1..n)
        .flat_map(|k| ifaces[k].coded.iter().map(move |q| (k, q.clone())))
        .collect();
    let coded: BTreeSet<&String> = nodes.iter().map(|(_, q)| q).collect();
    let deps = nodes
        .iter()
        .map(|(_, q)| {
            let ds = code
                .info
                .calls
                .get(q)
                .map(|cs| cs.iter().filter(|c| coded.contains(c)).cloned().collect())
                .unwrap_or_default();
            (q.clone(), ds)
        })
        .collect();
    Plan {
        ifaces,
        layer_of,
        deps,
        nodes,
        asm,
    }
}
