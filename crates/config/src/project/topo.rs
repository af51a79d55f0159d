//! The dependency order used by the types and definitions phases: a topological sort that
//! reports each cycle once (`E-CFG014`) and leaves its members out of the order.

use diag::span::Span;
use diag::{Code, Diagnostic};
use std::collections::BTreeMap;

/// name → (declaration span, [(dependency, use span)]).
pub(super) type DepGraph = BTreeMap<String, (Span, Vec<(String, Span)>)>;

/// Topological order of `deps` (name → its declaration span and dependencies); cycles are
/// reported once each and their members left out of the order.
pub(super) fn topo(
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
