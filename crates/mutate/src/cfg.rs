//! Mutants of the hand-written parts of a configuration: the specs (`p_spec` of every layer, the
//! layer operations `LAYER_LOAD`/`LAYER_STORE`/… and loop bounds) and the refinement relations
//! (`LAYER_REFREL`, `LAYER_DATA_INIT`), with every definition they use.
//!
//! The mutants are found on the syntax tree ([`config::ast`]) of each source file and applied to
//! the text with the smallest edit (the operator, the number, or the dropped update replaced by its
//! record), so comments and layout are kept; each edit is checked by parsing the mutated file back
//! and comparing its tree with the mutated tree (when the splice does not give that tree, the whole
//! definition is printed from the mutated tree with [`config::pretty`] instead). Operators:
//!
//! | op | what |
//! |---|---|
//! | `cmp-swap` | `<?`↔`<=?`, `>?`↔`>=?`, `<`↔`<=`, `>`↔`>=` |
//! | `eq-negate` | `=?`↔`<>?`, `=s`↔`<>s`, `=`↔`<>` |
//! | `and-or-swap` | `&&`↔`||`, `/\`↔`\/`, `&`↔`|'` |
//! | `add-sub-swap` | `+`↔`-` |
//! | `const-1`, `const+1` | a number literal changed by one (not below 0) |
//! | `drop-update` | a record update `e {f : v}` or `e.[f] :< v` replaced by `e` |

use crate::ir::Edit;
use config::ast::{BinOp, Expr, ExprKind, Item, ItemKind};
use config::{parser, pretty, FileId, Project};
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// What a configuration definition is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    Spec,
    Rel,
}

/// One mutant of a configuration file.
#[derive(Clone, Debug)]
pub struct CfgSite {
    pub role: Role,
    pub op: &'static str,
    /// The definition it is in, and the section (`None` outside sections).
    pub def: String,
    pub layer: Option<String>,
    /// Index of the file in the project's source map.
    pub file: usize,
    pub line: usize,
    /// The mutated sub-expression before and after (printed from the tree).
    pub before: String,
    pub after: String,
    pub change: String,
    pub edit: Edit,
}

fn swap(op: BinOp) -> Option<(BinOp, &'static str)> {
    use BinOp::*;
    Some(match op {
        LtB => (LeB, "cmp-swap"),
        LeB => (LtB, "cmp-swap"),
        GtB => (GeB, "cmp-swap"),
        GeB => (GtB, "cmp-swap"),
        Lt => (Le, "cmp-swap"),
        Le => (Lt, "cmp-swap"),
        Gt => (Ge, "cmp-swap"),
        Ge => (Gt, "cmp-swap"),
        EqB => (NeB, "eq-negate"),
        NeB => (EqB, "eq-negate"),
        StrEqB => (StrNeB, "eq-negate"),
        StrNeB => (StrEqB, "eq-negate"),
        Eq => (Ne, "eq-negate"),
        Ne => (Eq, "eq-negate"),
        AndB => (OrB, "and-or-swap"),
        OrB => (AndB, "and-or-swap"),
        And => (Or, "and-or-swap"),
        Or => (And, "and-or-swap"),
        BAnd => (BOr, "and-or-swap"),
        BOr => (BAnd, "and-or-swap"),
        Add => (Sub, "add-sub-swap"),
        Sub => (Add, "add-sub-swap"),
        _ => return None,
    })
}

/// Visit every expression node, pre-order, children in source order.
fn walk_mut(e: &mut Expr, f: &mut dyn FnMut(&mut Expr)) {
    f(e);
    match &mut e.kind {
        ExprKind::Var(_) | ExprKind::Num(_) | ExprKind::Str(_) | ExprKind::Bool(_) => {}
        ExprKind::App(g, args) => {
            walk_mut(g, f);
            args.iter_mut().for_each(|a| walk_mut(a, f));
        }
        ExprKind::Unary(_, a) | ExprKind::Field(a, _) => walk_mut(a, f),
        ExprKind::Binary(_, a, b)
        | ExprKind::MapGet(a, b)
        | ExprKind::RecSet(a, _, b)
        | ExprKind::Update(a, _, b)
        | ExprKind::Rely(a, b)
        | ExprKind::Anno(a, b)
        | ExprKind::Let(_, a, b)
        | ExprKind::LetTuple(_, a, b)
        | ExprKind::When(_, a, b) => {
            walk_mut(a, f);
            walk_mut(b, f);
        }
        ExprKind::If(a, b, c) | ExprKind::MapSet(a, b, c) => {
            walk_mut(a, f);
            walk_mut(b, f);
            walk_mut(c, f);
        }
        ExprKind::Tuple(es) => es.iter_mut().for_each(|a| walk_mut(a, f)),
        ExprKind::Match(s, arms) => {
            walk_mut(s, f);
            arms.iter_mut().for_each(|a| walk_mut(&mut a.body, f));
        }
        ExprKind::Quant(_, _, body) => walk_mut(body, f),
    }
}

#[derive(Clone, Copy, Debug)]
enum Change {
    Swap(BinOp, &'static str),
    Num(i8),
    Drop,
}

/// The possible changes at one node.
fn changes(e: &Expr) -> Vec<Change> {
    match &e.kind {
        ExprKind::Binary(op, _, _) => swap(*op)
            .map(|(o, n)| vec![Change::Swap(o, n)])
            .unwrap_or_default(),
        ExprKind::Num(n) => {
            let mut v = vec![];
            if *n > 0 {
                v.push(Change::Num(-1));
            }
            v.push(Change::Num(1));
            v
        }
        ExprKind::RecSet(..) | ExprKind::Update(..) => vec![Change::Drop],
        _ => vec![],
    }
}

fn apply_change(e: &mut Expr, c: Change) {
    match (c, &mut e.kind) {
        (Change::Swap(o, _), ExprKind::Binary(op, _, _)) => *op = o,
        (Change::Num(d), ExprKind::Num(n)) => {
            *n = if d < 0 { *n - 1 } else { *n + 1 };
        }
        (Change::Drop, ExprKind::RecSet(r, _, _) | ExprKind::Update(r, _, _)) => {
            let r = (**r).clone();
            *e = r;
        }
        _ => {}
    }
}

fn clip(s: &str) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > 70 {
        format!("{}…", s.chars().take(69).collect::<String>())
    } else {
        s
    }
}

/// The text edit for change `c` at node `e` (in file text `src`); `None` when no small splice
/// exists (the caller prints the definition instead).
fn splice(src: &str, e: &Expr, c: Change) -> Option<Edit> {
    match (c, &e.kind) {
        (Change::Swap(o, _), ExprKind::Binary(op, a, b)) => {
            let (lo, hi) = (a.span.hi as usize, b.span.lo as usize);
            let gap = src.get(lo..hi)?;
            let sym = op.symbol();
            let at = gap.find(sym)?;
            let rest: String = gap[..at]
                .chars()
                .chain(gap[at + sym.len()..].chars())
                .collect();
            if !rest
                .chars()
                .all(|c| c.is_whitespace() || c == '(' || c == ')')
            {
                return None;
            }
            Some(Edit {
                lo: lo + at,
                hi: lo + at + sym.len(),
                text: o.symbol().to_string(),
            })
        }
        (Change::Num(d), ExprKind::Num(n)) => {
            let m = if d < 0 { n - 1 } else { n + 1 };
            let old = src.get(e.span.lo as usize..e.span.hi as usize)?;
            let text = if old.starts_with("0x") || old.starts_with("0X") {
                format!("0x{m:x}")
            } else {
                m.to_string()
            };
            Some(Edit {
                lo: e.span.lo as usize,
                hi: e.span.hi as usize,
                text,
            })
        }
        (Change::Drop, ExprKind::RecSet(r, _, _) | ExprKind::Update(r, _, _)) => {
            let inner = src.get(r.span.lo as usize..r.span.hi as usize)?;
            Some(Edit {
                lo: e.span.lo as usize,
                hi: e.span.hi as usize,
                text: format!("({inner})"),
            })
        }
        _ => None,
    }
}

/// The line of the change (the operator, the number, the dropped field).
fn change_offset(src: &str, e: &Expr, c: Change) -> usize {
    match (c, &e.kind) {
        (Change::Swap(..), ExprKind::Binary(op, a, b)) => {
            let (lo, hi) = (a.span.hi as usize, b.span.lo as usize);
            src.get(lo..hi)
                .and_then(|g| g.find(op.symbol()))
                .map(|at| lo + at)
                .unwrap_or(e.span.lo as usize)
        }
        (Change::Drop, ExprKind::RecSet(r, _, _) | ExprKind::Update(r, _, _)) => r.span.hi as usize,
        _ => e.span.lo as usize,
    }
}

fn describe(e: &Expr, c: Change) -> String {
    match (c, &e.kind) {
        (Change::Swap(o, _), ExprKind::Binary(op, _, _)) => {
            format!(
                "`{}` → `{}` in `{}`",
                op.symbol(),
                o.symbol(),
                clip(&pretty::expr_src(e))
            )
        }
        (Change::Num(d), ExprKind::Num(n)) => {
            let m = if d < 0 { n - 1 } else { n + 1 };
            format!("{n} → {m}")
        }
        (Change::Drop, ExprKind::RecSet(_, f, _)) => format!("drop the update of `{}`", f.name),
        (Change::Drop, ExprKind::Update(_, path, _)) => format!(
            "drop the update of `{}`",
            path.iter()
                .map(|f| f.name.as_str())
                .collect::<Vec<_>>()
                .join(".")
        ),
        _ => String::new(),
    }
}

/// Definitions by name: `(layer, index into project.items)`.
struct Defs<'a> {
    p: &'a Project,
    by_name: BTreeMap<&'a str, Vec<(Option<usize>, usize)>>,
}

impl<'a> Defs<'a> {
    fn new(p: &'a Project) -> Defs<'a> {
        let mut by_name: BTreeMap<&str, Vec<(Option<usize>, usize)>> = BTreeMap::new();
        for (i, it) in p.items.iter().enumerate() {
            if let ItemKind::Definition { name, .. } = &it.item.kind {
                by_name
                    .entry(name.name.as_str())
                    .or_default()
                    .push((it.layer, i));
            }
        }
        Defs { p, by_name }
    }
    /// The definition `name` seen from layer `from`: that layer's, else the nearest layer below's,
    /// else the global one.
    fn resolve(&self, name: &str, from: Option<usize>) -> Option<usize> {
        let c = self.by_name.get(name)?;
        let mut best: Option<(Option<usize>, usize)> = None;
        for &(l, i) in c {
            let ok = match (l, from) {
                (None, _) => true,
                (Some(l), Some(f)) => l <= f,
                (Some(_), None) => false,
            };
            if ok && best.is_none_or(|(bl, _)| l > bl) {
                best = Some((l, i));
            }
        }
        best.map(|(_, i)| i)
    }
    /// Every definition reachable from `roots` through the names their bodies use.
    fn closure(&self, roots: &[(String, Option<usize>)]) -> BTreeSet<usize> {
        let mut seen = BTreeSet::new();
        let mut q: VecDeque<usize> = roots
            .iter()
            .filter_map(|(n, l)| self.resolve(n, *l))
            .collect();
        while let Some(i) = q.pop_front() {
            if !seen.insert(i) {
                continue;
            }
            let it = &self.p.items[i];
            if let ItemKind::Definition { params, body, .. } = &it.item.kind {
                let mut bound: Vec<String> = params.iter().map(|p| p.name.name.clone()).collect();
                let mut out = vec![];
                config::project::free_globals(body, &mut bound, &mut out);
                for (n, _) in out {
                    if let Some(j) = self.resolve(&n, it.layer) {
                        q.push_back(j);
                    }
                }
            }
        }
        seen
    }
}

/// The definitions to mutate, with their roles: `(index into project.items, role)`.
pub fn targets(p: &Project) -> BTreeMap<usize, Role> {
    let defs = Defs::new(p);
    let mut spec = vec![];
    let mut rel = vec![];
    for l in &p.layers {
        let at = Some(l.index);
        spec.extend(l.specs.values().map(|n| (n.clone(), at)));
        spec.extend(l.ops.values().map(|n| (n.clone(), at)));
        spec.extend(l.loop_bounds.values().map(|n| (n.clone(), at)));
        rel.extend(l.refrel.iter().map(|n| (n.clone(), at)));
        rel.extend(l.data_init.iter().map(|n| (n.clone(), at)));
    }
    let mut m = BTreeMap::new();
    for i in defs.closure(&rel) {
        m.insert(i, Role::Rel);
    }
    for i in defs.closure(&spec) {
        m.insert(i, Role::Spec);
    }
    m
}

/// What a definition is reached from (see [`roots_of`]).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Root {
    /// The hand-written spec of `prim` in layer `layer` (index).
    Spec { layer: usize, prim: String },
    /// A layer operation (`LAYER_LOAD`, …) of layer `layer`.
    Op { layer: usize },
    /// The loop bound of `prim`.
    Bound { prim: String },
    /// The refinement relation of layer `layer`.
    Rel { layer: usize },
    /// The initial state of layer `layer`.
    Init { layer: usize },
}

/// For every definition name reached from a root (a hand-written spec, a layer operation, a loop
/// bound, a relation, an initial state), the roots that reach it.
pub fn roots_of(p: &Project) -> BTreeMap<String, BTreeSet<Root>> {
    let defs = Defs::new(p);
    let mut out: BTreeMap<String, BTreeSet<Root>> = BTreeMap::new();
    for l in &p.layers {
        let at = Some(l.index);
        let mut roots: Vec<(String, Root)> = vec![];
        for (prim, n) in &l.specs {
            roots.push((
                n.clone(),
                Root::Spec {
                    layer: l.index,
                    prim: prim.clone(),
                },
            ));
        }
        for n in l.ops.values() {
            roots.push((n.clone(), Root::Op { layer: l.index }));
        }
        for (prim, n) in &l.loop_bounds {
            roots.push((n.clone(), Root::Bound { prim: prim.clone() }));
        }
        if let Some(n) = &l.refrel {
            roots.push((n.clone(), Root::Rel { layer: l.index }));
        }
        if let Some(n) = &l.data_init {
            roots.push((n.clone(), Root::Init { layer: l.index }));
        }
        for (n, r) in roots {
            for i in defs.closure(&[(n, at)]) {
                if let Some(name) = p.items[i].item.kind.name() {
                    out.entry(name.name.clone()).or_default().insert(r.clone());
                }
            }
        }
    }
    out
}

/// Every mutant of the configuration's hand-written definitions, by file (source-map order), then
/// position; a definition used by a spec and by a relation counts as spec.
pub fn mutants(p: &Project) -> Vec<CfgSite> {
    let targets = targets(p);
    // the raw (unchecked) items of each file, by span
    let mut raw: BTreeMap<(u32, u32, u32), (usize, usize)> = BTreeMap::new();
    let mut files: Vec<Vec<Item>> = vec![];
    for (fi, f) in p.sources.files.iter().enumerate() {
        let mut d = vec![];
        let items = parser::parse_file(FileId(fi as u32), &f.text, &mut d);
        for (k, it) in items.iter().enumerate() {
            raw.insert((fi as u32, it.span.lo, it.span.hi), (fi, k));
        }
        files.push(items);
    }
    let mut out = vec![];
    let mut order: Vec<(usize, u32, usize)> = targets
        .keys()
        .map(|&i| {
            let s = p.items[i].item.span;
            (s.file.0 as usize, s.lo, i)
        })
        .collect();
    order.sort();
    for (_, _, i) in order {
        let role = targets[&i];
        let pit = &p.items[i];
        let sp = pit.item.span;
        let Some(&(fi, k)) = raw.get(&(sp.file.0, sp.lo, sp.hi)) else {
            continue;
        };
        let src = &p.sources.files[fi].text;
        let item = &files[fi][k];
        let ItemKind::Definition { name, body, .. } = &item.kind else {
            continue;
        };
        let layer = pit.layer.map(|l| p.layers[l].name.name.clone());
        // sites: (node index, change)
        let mut nodes: Vec<Expr> = vec![];
        let mut b = body.clone();
        walk_mut(&mut b, &mut |e| nodes.push(e.clone()));
        for (ni, node) in nodes.iter().enumerate() {
            for c in changes(node) {
                let mut mutated = item.clone();
                let mut after = None;
                if let ItemKind::Definition { body, .. } = &mut mutated.kind {
                    let mut n = 0;
                    walk_mut(body, &mut |e| {
                        if n == ni {
                            apply_change(e, c);
                            after = Some(pretty::expr_src(e));
                        }
                        n += 1;
                    });
                }
                let Some(edit) = edit_for(src, fi, &files[fi], k, &mutated, node, c) else {
                    continue;
                };
                let off = change_offset(src, node, c);
                let line = p.sources.files[fi].line_col(off).0;
                let op = match c {
                    Change::Swap(_, n) => n,
                    Change::Num(d) if d < 0 => "const-1",
                    Change::Num(_) => "const+1",
                    Change::Drop => "drop-update",
                };
                out.push(CfgSite {
                    role,
                    op,
                    def: name.name.clone(),
                    layer: layer.clone(),
                    file: fi,
                    line,
                    before: pretty::expr_src(node),
                    after: after.unwrap_or_default(),
                    change: describe(node, c),
                    edit,
                });
            }
        }
    }
    out
}

/// The edit giving item `k` of file `fi` the tree `mutated`: a splice when it parses back to that
/// tree, else the definition printed in full. Only the definition's own text is parsed again
/// (with its final `.`): an edit inside it leaves the other items' text as it was.
fn edit_for(
    src: &str,
    fi: usize,
    items: &[Item],
    k: usize,
    mutated: &Item,
    node: &Expr,
    c: Change,
) -> Option<Edit> {
    let it = &items[k];
    let (lo, mut hi) = (it.span.lo as usize, it.span.hi as usize);
    if !src.get(..hi).is_some_and(|t| t.ends_with('.')) && src.get(hi..hi + 1) == Some(".") {
        hi += 1;
    }
    let want = pretty::items_dump(std::slice::from_ref(mutated));
    let check = |e: &Edit| {
        if e.lo < lo || e.hi > hi {
            return false;
        }
        let t = format!("{}{}{}", &src[lo..e.lo], e.text, &src[e.hi..hi]);
        let mut d = vec![];
        let back = parser::parse_file(FileId(fi as u32), &t, &mut d);
        d.is_empty() && back.len() == 1 && pretty::items_dump(&back) == want
    };
    if let Some(e) = splice(src, node, c) {
        if check(&e) {
            return Some(e);
        }
    }
    let e = Edit {
        lo: it.span.lo as usize,
        hi: it.span.hi as usize,
        text: pretty::item_src(mutated),
    };
    // the item's span may or may not cover its final `.`
    if check(&e) {
        return Some(e);
    }
    let e2 = Edit {
        text: e.text.trim_end_matches('.').to_string(),
        ..e
    };
    check(&e2).then_some(e2)
}
