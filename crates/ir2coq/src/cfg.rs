//! Control-flow structuring over a small, IR-independent CFG.
//!
//! Pipeline (each step keeps code size linear in the input):
//! 1. [`Graph::new`]: the original blocks; unreachable blocks are dropped.
//! 2. Edge nodes: every edge into a block with φ-nodes gets its own node where the (parallel) φ-copies
//!    of that edge run ([`NodeKind::EdgeCopy`]).
//! 3. Irreducible regions: a strongly connected region with several entries gets a dispatcher node
//!    ([`NodeKind::Dispatch`]); every edge into one of its entries is rerouted through a
//!    [`NodeKind::SetLabel`] node that stores the entry's index in the label variable. The region then
//!    has one entry (the dispatcher) and is a natural loop. Applied recursively to nested regions.
//! 4. Dominator-tree structuring in the style of Ramsey, "Beyond Relooper" (ICFP 2022): WebAssembly-like
//!    nested `block`/`loop` with branches to labels (`br` to a block exits it, `br` to a loop continues
//!    it). No node is ever duplicated: every reachable node is emitted exactly once.
//!
//! Every jump ([`Stmt::Br`]) and every terminator ends its statement list, and no loop body can fall off
//! its end, so the output is correct under both "end of loop body = iterate" and "end of loop body =
//! exit" readings.

use petgraph::algo::dominators::simple_fast;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::{BTreeMap, BTreeSet};

/// Index of a node of the (extended) graph.
pub type NodeId = usize;

/// What a node of the extended graph stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NodeKind {
    /// Original block `b` (index into the input).
    Orig(usize),
    /// The φ-copies of the original edge `pred -> succ` (original block indices).
    EdgeCopy { pred: usize, succ: usize },
    /// `label := value`, then jump to the dispatcher.
    SetLabel { value: u32 },
    /// `switch label` over the successors (successor `i` when `label = i`).
    Dispatch,
    /// A synthetic entry (only when the input entry block has predecessors, which LLVM forbids).
    Entry,
}

/// Label of a `block` or `loop` construct.
pub type Label = u32;

/// Structured code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stmt {
    /// The straight-line code of a node (not its terminator).
    Node(NodeId),
    /// A labelled block: `Br(label)` inside exits it.
    Block { label: Label, body: Vec<Stmt> },
    /// A labelled loop: `Br(label)` inside starts the next iteration.
    Loop { label: Label, body: Vec<Stmt> },
    /// Jump to a label (exit a block / continue a loop); always last in its list.
    Br(Label),
    /// Multi-way branch at the end of `node`: `arms[i]` runs when the terminator picks successor
    /// edge `i` (same order as the node's successor list). Always last in its list.
    Branch { node: NodeId, arms: Vec<Vec<Stmt>> },
    /// The node's terminator leaves the function (return, unreachable, resume...). Always last.
    Exit(NodeId),
}

/// The extended graph: original blocks plus synthetic nodes.
#[derive(Clone, Debug)]
pub struct Graph {
    pub kinds: Vec<NodeKind>,
    pub succs: Vec<Vec<NodeId>>,
    pub entry: NodeId,
}

/// Size figures of one structuring run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Reachable original blocks.
    pub orig_blocks: usize,
    /// Edges between reachable original blocks.
    pub orig_edges: usize,
    /// Nodes of the extended graph (reachable).
    pub nodes: usize,
    /// Dispatchers inserted for irreducible regions.
    pub dispatchers: usize,
    /// Size of the structured output (statements, counting every arm).
    pub output_size: usize,
}

impl Stats {
    /// Output size relative to input size (blocks + edges).
    pub fn blowup(&self) -> f64 {
        self.output_size as f64 / (self.orig_blocks + self.orig_edges).max(1) as f64
    }
}

/// Result of structuring.
#[derive(Clone, Debug)]
pub struct Structured {
    pub graph: Graph,
    pub body: Vec<Stmt>,
    pub stats: Stats,
}

/// Internal invariant violation (a bug, reported instead of panicking).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum StructureError {
    #[error("CFG structuring internal error: {0}")]
    Internal(String),
    #[error("entry block index {0} out of range")]
    BadEntry(usize),
    #[error("successor {succ} of block {block} out of range")]
    BadSuccessor { block: usize, succ: usize },
}

/// Structure the CFG given by `succs` (entry = block 0). `has_phis[b]` says whether block `b` has
/// φ-nodes (edges into it get an [`NodeKind::EdgeCopy`] node). Duplicate successors (a switch with two
/// cases to one block) are allowed.
pub fn structure(succs: &[Vec<usize>], has_phis: &[bool]) -> Result<Structured, StructureError> {
    if succs.is_empty() {
        return Err(StructureError::BadEntry(0));
    }
    for (b, ss) in succs.iter().enumerate() {
        for &s in ss {
            if s >= succs.len() {
                return Err(StructureError::BadSuccessor { block: b, succ: s });
            }
        }
    }
    let mut g = Graph::new(succs);
    let mut stats = Stats::default();
    let reach = g.reachable();
    stats.orig_blocks = reach.iter().filter(|&&r| r).count();
    stats.orig_edges = (0..succs.len())
        .filter(|&b| reach[b])
        .map(|b| succs[b].len())
        .sum();
    g.drop_unreachable(&reach);
    g.split_phi_edges(has_phis);
    if g.preds_of(g.entry).next().is_some() {
        let e = g.add(NodeKind::Entry, vec![g.entry]);
        g.entry = e;
    }
    let all: Vec<NodeId> = g.reachable_list();
    stats.dispatchers = g.fix_irreducible(&all, None);
    stats.nodes = g.reachable_list().len();
    let body = Structurer::run(&g)?;
    stats.output_size = size(&body);
    Ok(Structured {
        graph: g,
        body,
        stats,
    })
}

fn size(b: &[Stmt]) -> usize {
    b.iter()
        .map(|s| match s {
            Stmt::Node(_) | Stmt::Br(_) | Stmt::Exit(_) => 1,
            Stmt::Block { body, .. } | Stmt::Loop { body, .. } => 1 + size(body),
            Stmt::Branch { arms, .. } => 1 + arms.iter().map(|a| size(a)).sum::<usize>(),
        })
        .sum()
}

impl Graph {
    fn new(succs: &[Vec<usize>]) -> Graph {
        Graph {
            kinds: (0..succs.len()).map(NodeKind::Orig).collect(),
            succs: succs.to_vec(),
            entry: 0,
        }
    }

    fn add(&mut self, k: NodeKind, succs: Vec<NodeId>) -> NodeId {
        self.kinds.push(k);
        self.succs.push(succs);
        self.kinds.len() - 1
    }

    fn preds_of(&self, n: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        (0..self.succs.len()).filter(move |&p| self.succs[p].contains(&n))
    }

    fn reachable(&self) -> Vec<bool> {
        let mut seen = vec![false; self.succs.len()];
        let mut stack = vec![self.entry];
        seen[self.entry] = true;
        while let Some(n) = stack.pop() {
            for &s in &self.succs[n] {
                if !seen[s] {
                    seen[s] = true;
                    stack.push(s);
                }
            }
        }
        seen
    }

    fn reachable_list(&self) -> Vec<NodeId> {
        let r = self.reachable();
        (0..r.len()).filter(|&i| r[i]).collect()
    }

    fn drop_unreachable(&mut self, reach: &[bool]) {
        // Unreachable nodes keep their index but lose their edges, so they never matter again.
        for (n, r) in reach.iter().enumerate() {
            if !r {
                self.succs[n].clear();
            }
        }
    }

    fn split_phi_edges(&mut self, has_phis: &[bool]) {
        let n0 = self.succs.len();
        for p in 0..n0 {
            let mut made: BTreeMap<NodeId, NodeId> = BTreeMap::new();
            for i in 0..self.succs[p].len() {
                let s = self.succs[p][i];
                if s < has_phis.len() && has_phis[s] {
                    let c = match made.get(&s) {
                        Some(&c) => c,
                        None => {
                            let c = self.add(NodeKind::EdgeCopy { pred: p, succ: s }, vec![s]);
                            made.insert(s, c);
                            c
                        }
                    };
                    self.succs[p][i] = c;
                }
            }
        }
    }

    /// Make every strongly connected region inside `region` single-entry. `header` (if any) is the
    /// header of the enclosing loop: edges into it are ignored. Returns the number of dispatchers.
    fn fix_irreducible(&mut self, region: &[NodeId], header: Option<NodeId>) -> usize {
        let inr: BTreeSet<NodeId> = region.iter().copied().collect();
        let mut pg: DiGraph<NodeId, ()> = DiGraph::new();
        let mut idx: BTreeMap<NodeId, NodeIndex> = BTreeMap::new();
        for &n in region {
            if Some(n) != header {
                idx.insert(n, pg.add_node(n));
            }
        }
        for &n in region {
            if Some(n) == header {
                continue;
            }
            for &s in &self.succs[n] {
                if Some(s) != header && inr.contains(&s) {
                    pg.add_edge(idx[&n], idx[&s], ());
                }
            }
        }
        let mut count = 0;
        let sccs = petgraph::algo::tarjan_scc(&pg);
        // Predecessor lists of the whole graph, computed once per call.
        let mut preds: Vec<Vec<NodeId>> = vec![Vec::new(); self.succs.len()];
        for (p, ss) in self.succs.iter().enumerate() {
            for &s in ss {
                if !preds[s].contains(&p) {
                    preds[s].push(p);
                }
            }
        }
        let mut sccs: Vec<Vec<NodeId>> = sccs
            .into_iter()
            .map(|c| {
                let mut v: Vec<NodeId> = c.into_iter().map(|i| pg[i]).collect();
                v.sort_unstable();
                v
            })
            .filter(|c| c.len() > 1 || self.succs[c[0]].contains(&c[0]))
            .collect();
        sccs.sort();
        for scc in sccs {
            let set: BTreeSet<NodeId> = scc.iter().copied().collect();
            let entries: Vec<NodeId> = scc
                .iter()
                .copied()
                .filter(|&n| n == self.entry || preds[n].iter().any(|p| !set.contains(p)))
                .collect();
            if entries.len() == 1 {
                let h = entries[0];
                count += self.fix_irreducible(&scc, Some(h));
                continue;
            }
            // Several entries: route every edge into an entry through a dispatcher.
            let d = self.add(NodeKind::Dispatch, entries.clone());
            let mut inner = scc.clone();
            inner.push(d);
            for (value, &e) in entries.iter().enumerate() {
                for &p in &preds[e] {
                    if p == d {
                        continue;
                    }
                    let sl = self.add(
                        NodeKind::SetLabel {
                            value: value as u32,
                        },
                        vec![d],
                    );
                    for s in self.succs[p].iter_mut() {
                        if *s == e {
                            *s = sl;
                        }
                    }
                    if set.contains(&p) {
                        inner.push(sl);
                    }
                }
            }
            count += 1 + self.fix_irreducible(&inner, Some(d));
        }
        count
    }
}

enum Ctx {
    LoopHeadedBy(NodeId, Label),
    BlockFollowedBy(NodeId, Label),
}

struct Structurer<'g> {
    g: &'g Graph,
    rpo_num: Vec<usize>,
    children: Vec<Vec<NodeId>>,
    is_loop_header: Vec<bool>,
    is_merge: Vec<bool>,
    next_label: Label,
}

impl<'g> Structurer<'g> {
    fn run(g: &'g Graph) -> Result<Vec<Stmt>, StructureError> {
        let n = g.succs.len();
        // Reverse postorder (iterative DFS, successors in order).
        let mut post = Vec::with_capacity(n);
        let mut seen = vec![false; n];
        let mut stack: Vec<(NodeId, usize)> = vec![(g.entry, 0)];
        seen[g.entry] = true;
        while let Some(&mut (v, ref mut i)) = stack.last_mut() {
            if *i < g.succs[v].len() {
                let s = g.succs[v][*i];
                *i += 1;
                if !seen[s] {
                    seen[s] = true;
                    stack.push((s, 0));
                }
            } else {
                post.push(v);
                stack.pop();
            }
        }
        let mut rpo_num = vec![usize::MAX; n];
        for (k, &v) in post.iter().rev().enumerate() {
            rpo_num[v] = k;
        }
        // Dominators.
        let mut pg: DiGraph<(), ()> = DiGraph::with_capacity(n, 0);
        for _ in 0..n {
            pg.add_node(());
        }
        for (v, ss) in g.succs.iter().enumerate() {
            if seen[v] {
                for &s in ss {
                    pg.add_edge(NodeIndex::new(v), NodeIndex::new(s), ());
                }
            }
        }
        let doms = simple_fast(&pg, NodeIndex::new(g.entry));
        let idom = |v: NodeId| {
            doms.immediate_dominator(NodeIndex::new(v))
                .map(|i| i.index())
        };
        let dominates = |a: NodeId, mut b: NodeId| loop {
            if a == b {
                return true;
            }
            match idom(b) {
                Some(p) => b = p,
                None => return false,
            }
        };
        let mut children = vec![Vec::new(); n];
        let mut is_loop_header = vec![false; n];
        let mut fwd_in = vec![0usize; n];
        for &v in post.iter().rev() {
            if let Some(p) = idom(v) {
                children[p].push(v);
            }
            for &s in &g.succs[v] {
                if rpo_num[s] <= rpo_num[v] {
                    if !dominates(s, v) {
                        return Err(StructureError::Internal(format!(
                            "irreducible edge {v}->{s} left after dispatch insertion"
                        )));
                    }
                    is_loop_header[s] = true;
                } else {
                    fwd_in[s] += 1;
                }
            }
        }
        let is_merge = fwd_in.iter().map(|&c| c >= 2).collect();
        let mut st = Structurer {
            g,
            rpo_num,
            children,
            is_loop_header,
            is_merge,
            next_label: 0,
        };
        let mut ctx = Vec::new();
        let mut out = Vec::new();
        st.do_tree(g.entry, &mut ctx, &mut out)?;
        Ok(out)
    }

    fn fresh(&mut self) -> Label {
        self.next_label += 1;
        self.next_label - 1
    }

    fn do_tree(
        &mut self,
        x: NodeId,
        ctx: &mut Vec<Ctx>,
        out: &mut Vec<Stmt>,
    ) -> Result<(), StructureError> {
        let mut merges: Vec<NodeId> = self.children[x]
            .iter()
            .copied()
            .filter(|&c| self.is_merge[c])
            .collect();
        // Highest RPO number first: it becomes the outermost block and is emitted last.
        merges.sort_by_key(|&c| std::cmp::Reverse(self.rpo_num[c]));
        if self.is_loop_header[x] {
            let l = self.fresh();
            ctx.push(Ctx::LoopHeadedBy(x, l));
            let mut body = Vec::new();
            self.node_within(x, &merges, ctx, &mut body)?;
            ctx.pop();
            out.push(Stmt::Loop { label: l, body });
        } else {
            self.node_within(x, &merges, ctx, out)?;
        }
        Ok(())
    }

    fn node_within(
        &mut self,
        x: NodeId,
        merges: &[NodeId],
        ctx: &mut Vec<Ctx>,
        out: &mut Vec<Stmt>,
    ) -> Result<(), StructureError> {
        match merges.split_first() {
            None => {
                out.push(Stmt::Node(x));
                let ss = &self.g.succs[x];
                match ss.len() {
                    0 => out.push(Stmt::Exit(x)),
                    1 => self.do_branch(x, ss[0], ctx, out)?,
                    _ => {
                        let mut arms = Vec::with_capacity(ss.len());
                        for &s in ss.clone().iter() {
                            let mut arm = Vec::new();
                            self.do_branch(x, s, ctx, &mut arm)?;
                            arms.push(arm);
                        }
                        out.push(Stmt::Branch { node: x, arms });
                    }
                }
                Ok(())
            }
            Some((&y, rest)) => {
                let l = self.fresh();
                ctx.push(Ctx::BlockFollowedBy(y, l));
                let mut body = Vec::new();
                self.node_within(x, rest, ctx, &mut body)?;
                ctx.pop();
                out.push(Stmt::Block { label: l, body });
                self.do_tree(y, ctx, out)
            }
        }
    }

    fn do_branch(
        &mut self,
        src: NodeId,
        tgt: NodeId,
        ctx: &mut Vec<Ctx>,
        out: &mut Vec<Stmt>,
    ) -> Result<(), StructureError> {
        if self.rpo_num[tgt] <= self.rpo_num[src] {
            let l = ctx.iter().rev().find_map(|c| match c {
                Ctx::LoopHeadedBy(h, l) if *h == tgt => Some(*l),
                _ => None,
            });
            match l {
                Some(l) => out.push(Stmt::Br(l)),
                None => {
                    return Err(StructureError::Internal(format!(
                        "back edge {src}->{tgt} without enclosing loop"
                    )))
                }
            }
        } else if self.is_merge[tgt] {
            let l = ctx.iter().rev().find_map(|c| match c {
                Ctx::BlockFollowedBy(h, l) if *h == tgt => Some(*l),
                _ => None,
            });
            match l {
                Some(l) => out.push(Stmt::Br(l)),
                None => {
                    return Err(StructureError::Internal(format!(
                        "forward edge {src}->{tgt} to merge node without enclosing block"
                    )))
                }
            }
        } else {
            self.do_tree(tgt, ctx, out)?;
        }
        Ok(())
    }
}

/// Reference interpreters used by the property tests (and useful for debugging).
pub mod interp {
    use super::*;

    /// Outcome of running the structured code.
    #[derive(Debug, PartialEq, Eq)]
    enum Flow {
        Normal,
        Br(Label),
        Exit,
        Stop,
    }

    /// Run the original CFG: at a block with `k >= 2` successors, `choose(k)` picks the edge.
    /// Returns the trace of original blocks, at most `limit` long.
    pub fn run_cfg(
        succs: &[Vec<usize>],
        limit: usize,
        choose: &mut dyn FnMut(usize) -> usize,
    ) -> Vec<usize> {
        let mut trace = Vec::new();
        let mut b = 0;
        loop {
            trace.push(b);
            if trace.len() >= limit {
                return trace;
            }
            let ss = &succs[b];
            b = match ss.len() {
                0 => return trace,
                1 => ss[0],
                k => ss[choose(k) % k],
            };
        }
    }

    struct St<'a> {
        g: &'a Graph,
        limit: usize,
        trace: Vec<usize>,
        label: u32,
        choose: &'a mut dyn FnMut(usize) -> usize,
    }

    /// Run the structured code with the same branch oracle; returns the trace of original blocks.
    pub fn run_structured(
        s: &Structured,
        limit: usize,
        choose: &mut dyn FnMut(usize) -> usize,
    ) -> Result<Vec<usize>, String> {
        let mut st = St {
            g: &s.graph,
            limit,
            trace: Vec::new(),
            label: u32::MAX,
            choose,
        };
        match exec(&mut st, &s.body)? {
            Flow::Exit | Flow::Stop => Ok(st.trace),
            f => Err(format!("function body ended with {f:?}")),
        }
    }

    fn exec(st: &mut St, body: &[Stmt]) -> Result<Flow, String> {
        for (i, s) in body.iter().enumerate() {
            let terminal = matches!(s, Stmt::Br(_) | Stmt::Exit(_) | Stmt::Branch { .. });
            if terminal && i + 1 != body.len() {
                return Err(format!("jump not in tail position: {s:?}"));
            }
            let f = match s {
                Stmt::Node(n) => {
                    match st.g.kinds[*n] {
                        NodeKind::Orig(b) => {
                            st.trace.push(b);
                            if st.trace.len() >= st.limit {
                                return Ok(Flow::Stop);
                            }
                        }
                        NodeKind::SetLabel { value } => st.label = value,
                        _ => {}
                    }
                    Flow::Normal
                }
                Stmt::Br(l) => Flow::Br(*l),
                Stmt::Exit(_) => Flow::Exit,
                Stmt::Block { label, body } => match exec(st, body)? {
                    Flow::Br(l) if l == *label => Flow::Normal,
                    Flow::Normal => return Err("block body fell through".into()),
                    f => f,
                },
                Stmt::Loop { label, body } => loop {
                    match exec(st, body)? {
                        Flow::Br(l) if l == *label => continue,
                        Flow::Normal => return Err("loop body fell off its end".into()),
                        f => break f,
                    }
                },
                Stmt::Branch { node, arms } => {
                    let k = arms.len();
                    let i = match st.g.kinds[*node] {
                        NodeKind::Dispatch => st.label as usize,
                        _ => (st.choose)(k) % k,
                    };
                    if i >= k {
                        return Err(format!("dispatch label {i} out of range"));
                    }
                    exec(st, &arms[i])?
                }
            };
            if f != Flow::Normal {
                return Ok(f);
            }
        }
        Ok(Flow::Normal)
    }
}

#[cfg(test)]
mod tests {
    use super::interp::*;
    use super::*;
    use testkit::rng::Rng;

    fn random_cfg(r: &mut Rng, max: usize) -> (Vec<Vec<usize>>, Vec<bool>) {
        let n = 1 + r.below(max);
        let mut succs = Vec::new();
        for _ in 0..n {
            let deg = match r.below(10) {
                0 | 1 => 0,
                2..=4 => 1,
                5..=8 => 2,
                _ => 3 + r.below(2),
            };
            // Successors never include the entry block (LLVM forbids it), except rarely to test
            // the synthetic entry.
            let lo = if r.below(50) == 0 { 0 } else { 1 };
            let ss = if n <= lo {
                vec![]
            } else {
                (0..deg).map(|_| lo + r.below(n - lo)).collect()
            };
            succs.push(ss);
        }
        let phis = (0..n).map(|_| r.below(3) == 0).collect();
        (succs, phis)
    }

    fn check(succs: &[Vec<usize>], phis: &[bool], r: &mut Rng, runs: usize) -> Structured {
        let s = structure(succs, phis).unwrap_or_else(|e| panic!("{e} on {succs:?}"));
        // Every reachable node appears exactly once.
        let mut count = vec![0usize; s.graph.kinds.len()];
        fn walk(b: &[Stmt], c: &mut [usize]) {
            for s in b {
                match s {
                    Stmt::Node(n) => c[*n] += 1,
                    Stmt::Block { body, .. } | Stmt::Loop { body, .. } => walk(body, c),
                    Stmt::Branch { arms, .. } => arms.iter().for_each(|a| walk(a, c)),
                    _ => {}
                }
            }
        }
        walk(&s.body, &mut count);
        for n in s.graph.reachable_list() {
            assert_eq!(
                count[n], 1,
                "node {n} emitted {} times in {succs:?}",
                count[n]
            );
        }
        for _ in 0..runs {
            let seed = r.next_u64();
            let mut r1 = Rng::new(seed);
            let mut r2 = Rng::new(seed);
            let t1 = run_cfg(succs, 200, &mut |k| r1.below(k));
            let t2 = run_structured(&s, 200, &mut |k| r2.below(k))
                .unwrap_or_else(|e| panic!("{e} on {succs:?}: {:#?}", s.body));
            assert_eq!(t1, t2, "trace mismatch on {succs:?}: {:#?}", s.body);
        }
        s
    }

    fn is_irreducible(s: &Structured) -> bool {
        s.stats.dispatchers > 0
    }

    #[test]
    fn random_cfgs_agree_with_structured_form() {
        let mut r = Rng::new(0x9E3779B97F4A7C15);
        let mut irreducible = 0;
        let mut worst: f64 = 0.0;
        let total = 5000;
        for i in 0..total {
            let (succs, phis) = random_cfg(&mut r, if i % 10 == 0 { 40 } else { 12 });
            let s = check(&succs, &phis, &mut r, 20);
            if is_irreducible(&s) {
                irreducible += 1;
            }
            worst = worst.max(s.stats.blowup());
        }
        eprintln!("random CFGs: {total}, irreducible: {irreducible}, largest blow-up: {worst:.2}");
        assert!(
            irreducible > total / 20,
            "too few irreducible samples: {irreducible}"
        );
        assert!(worst < 8.0, "blow-up {worst}");
    }

    #[test]
    fn classic_irreducible_and_nested() {
        let mut r = Rng::new(7);
        // entry branches into the middle of a two-node cycle
        check(
            &[vec![1, 2], vec![2, 3], vec![1], vec![]],
            &[false; 4],
            &mut r,
            50,
        );
        // three-entry cycle nested in a loop
        let g = vec![
            vec![1],
            vec![2, 3, 4],
            vec![3, 5],
            vec![4, 5],
            vec![2, 5],
            vec![1, 6],
            vec![],
        ];
        check(
            &g,
            &[false, true, true, false, true, false, false],
            &mut r,
            50,
        );
    }

    #[test]
    fn complete_graphs_stay_linear() {
        let mut r = Rng::new(11);
        let mut worst: f64 = 0.0;
        for n in 2..40 {
            // every node jumps to every non-entry node: maximally irreducible
            let succs: Vec<Vec<usize>> = (0..n).map(|_| (1..n).collect()).collect();
            let s = check(&succs, &vec![true; n], &mut r, 5);
            worst = worst.max(s.stats.blowup());
        }
        eprintln!("complete graphs: largest blow-up {worst:.2}");
        assert!(worst < 8.0);
    }

    #[test]
    fn ladder_of_diamonds_no_duplication() {
        // A long chain of diamonds: a tail-duplicating structurer blows up exponentially here.
        let k = 200;
        let mut succs = Vec::new();
        for i in 0..k {
            let b = 3 * i;
            succs.push(vec![b + 1, b + 2]);
            succs.push(vec![b + 3]);
            succs.push(vec![b + 3]);
        }
        succs.push(vec![]);
        let mut r = Rng::new(3);
        let s = check(&succs, &vec![false; succs.len()], &mut r, 5);
        assert!(s.stats.blowup() < 2.0);
    }
}
