//! The configuration-language definitions a map stands for.
//!
//! Per path: `<b>_<path>_get`/`_set`/`_ok` (the abstract location, its update, the access check) or,
//! for a lock word, `<b>_<path>_lock` (the lock it is the word of). Per block: `<b>_load`,
//! `<b>_store` and `<b>_lock_of` on byte offsets, dispatching by binary search on the offsets of the
//! mapped members, computing array indices, and checking the access size and the bounds (anything
//! unmapped, misaligned or of the wrong size is `None`). For the whole map: the layer's load/store
//! on pointers (`Bglob` of each block's global) and the lock-word map. The text is handed to the
//! configuration loader, which type-checks it like any included file.

use crate::resolve::{RBlock, RPath, ResolvedMap, Step};
use crate::syntax::{Access, Target};

/// A node of a block's layout tree, over the mapped members only.
enum Node {
    /// A struct: mapped members (offset, size, contents), sorted by offset.
    Struct(Vec<(u64, u64, Node)>),
    /// An array: element size and count, the element's contents.
    Array {
        stride: u64,
        len: u64,
        elem: Box<Node>,
    },
    /// A mapped scalar: the path's index in the block.
    Leaf(usize),
}

impl Node {
    fn insert(&mut self, steps: &[Step], path: usize) {
        let Some((first, rest)) = steps.split_first() else {
            *self = Node::Leaf(path);
            return;
        };
        match (self, first) {
            (Node::Struct(fields), Step::Field { offset, size, .. }) => {
                let i = match fields.iter().position(|(o, _, _)| o == offset) {
                    Some(i) => i,
                    None => {
                        fields.push((*offset, *size, Node::Struct(vec![])));
                        fields.sort_by_key(|(o, _, _)| *o);
                        fields
                            .iter()
                            .position(|(o, _, _)| o == offset)
                            .expect("just inserted")
                    }
                };
                let child = &mut fields[i].2;
                match rest.first() {
                    Some(Step::Index { stride, len, .. }) => {
                        if !matches!(child, Node::Array { .. }) {
                            *child = Node::Array {
                                stride: *stride,
                                len: *len,
                                elem: Box::new(Node::Struct(vec![])),
                            };
                        }
                        child.insert(rest, path);
                    }
                    _ => child.insert(rest, path),
                }
            }
            (Node::Array { elem, .. }, Step::Index { .. }) => elem.insert(rest, path),
            (node, _) => node.insert(rest, path),
        }
    }
}

/// What a dispatch produces at a mapped scalar.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Op {
    Load,
    Store,
    LockOf,
}

/// The names of a path's definitions.
pub fn get_fn(b: &RBlock, p: &RPath) -> String {
    format!("{}_{}_get", b.name, p.id)
}
pub fn set_fn(b: &RBlock, p: &RPath) -> String {
    format!("{}_{}_set", b.name, p.id)
}
pub fn ok_fn(b: &RBlock, p: &RPath) -> String {
    format!("{}_{}_ok", b.name, p.id)
}
pub fn lock_fn(b: &RBlock, p: &RPath) -> String {
    format!("{}_{}_lock", b.name, p.id)
}
pub fn block_load(b: &RBlock) -> String {
    format!("{}_load", b.name)
}
pub fn block_store(b: &RBlock) -> String {
    format!("{}_store", b.name)
}
pub fn block_lock_of(b: &RBlock) -> String {
    format!("{}_lock_of", b.name)
}

struct Gen<'a> {
    m: &'a ResolvedMap,
    state: String,
}

impl Gen<'_> {
    /// The dispatch at `node`, for byte offset `o` relative to its start; `idx` are the array indices
    /// bound so far (names of configuration variables).
    fn dispatch(
        &self,
        b: &RBlock,
        node: &Node,
        o: &str,
        idx: &mut Vec<String>,
        op: Op,
        depth: usize,
    ) -> String {
        match node {
            Node::Leaf(i) => self.leaf(b, &b.paths[*i], o, idx, op),
            Node::Array { stride, len, elem } => {
                let i = format!("i{}", idx.len() + 1);
                let o2 = format!("o{depth}");
                idx.push(i.clone());
                let inner = self.dispatch(b, elem, &o2, idx, op, depth + 1);
                idx.pop();
                format!(
                    "(let {i} := {o} / {stride} in let {o2} := {o} mod {stride} in if {i} <? {len} then {inner} else None)"
                )
            }
            Node::Struct(fields) => self.fields(b, fields, o, idx, op, depth),
        }
    }

    /// Binary search over the members' byte ranges.
    fn fields(
        &self,
        b: &RBlock,
        fields: &[(u64, u64, Node)],
        o: &str,
        idx: &mut Vec<String>,
        op: Op,
        depth: usize,
    ) -> String {
        match fields {
            [] => "None".into(),
            [(off, size, node)] => {
                let o2 = format!("o{depth}");
                let inner = self.dispatch(b, node, &o2, idx, op, depth + 1);
                format!(
                    "(if ({off} <=? {o}) && ({o} <? {}) then let {o2} := {o} - {off} in {inner} else None)",
                    off + size
                )
            }
            _ => {
                let mid = fields.len() / 2;
                let split = fields[mid].0;
                let l = self.fields(b, &fields[..mid], o, idx, op, depth);
                let r = self.fields(b, &fields[mid..], o, idx, op, depth);
                format!("(if {o} <? {split} then {l} else {r})")
            }
        }
    }

    fn leaf(&self, b: &RBlock, p: &RPath, o: &str, idx: &[String], op: Op) -> String {
        let args = |extra: &[&str]| {
            let mut a: Vec<String> = idx.to_vec();
            a.extend(extra.iter().map(|s| s.to_string()));
            a.join(" ")
        };
        let at = format!("{o} =? 0");
        match (op, &p.decl.target) {
            (Op::LockOf, Target::LockWord(_)) => {
                format!(
                    "(if {at} then Some ({} {}) else None)",
                    lock_fn(b, p),
                    args(&[])
                )
            }
            (Op::LockOf, _) | (_, Target::LockWord(_)) => "None".into(),
            (Op::Load, _) => format!(
                "(if ({at}) && (sz =? {}) && {} {} then Some ({} {}) else None)",
                p.size,
                ok_fn(b, p),
                args(&["st"]),
                get_fn(b, p),
                args(&["st"])
            ),
            (Op::Store, _) => format!(
                "(if ({at}) && (sz =? {}) && {} {} then Some ({} {}) else None)",
                p.size,
                ok_fn(b, p),
                args(&["st"]),
                set_fn(b, p),
                args(&["x", "st"])
            ),
        }
    }

    fn binders(vars: &[String]) -> String {
        vars.iter().map(|v| format!("({v} : Z) ")).collect()
    }

    fn path_defs(&self, b: &RBlock, p: &RPath, out: &mut String) -> Result<(), String> {
        let vars = p.decl.index_vars();
        let bs = Self::binders(&vars);
        let st = &self.state;
        match &p.decl.target {
            Target::LockWord(e) => {
                out.push_str(&format!("Definition {} {bs}: Z := {e}.\n", lock_fn(b, p)));
            }
            Target::Field { location, access } => {
                out.push_str(&format!(
                    "Definition {} {bs}(st : {st}) : Z := {location}.\n",
                    get_fn(b, p)
                ));
                let setter = setter(location, "x").map_err(|e| {
                    format!(
                        "`{}`: the location `{location}` is not an update path: {e}",
                        p.decl.display()
                    )
                })?;
                out.push_str(&format!(
                    "Definition {} {bs}(x : Z) (st : {st}) : {st} := {setter}.\n",
                    set_fn(b, p)
                ));
                let ok = match access {
                    Access::Private => "true".to_string(),
                    Access::Lock(e) => format!(
                        "{} st ({e})",
                        self.m
                            .file
                            .lockcheck
                            .clone()
                            .unwrap_or_else(|| "lock_held".into())
                    ),
                };
                out.push_str(&format!(
                    "Definition {} {bs}(st : {st}) : bool := {ok}.\n",
                    ok_fn(b, p)
                ));
            }
        }
        Ok(())
    }
}

/// The update of a location (`st.(a) @ k .(b)`-style paths of field gets and map gets) to `x`.
pub fn setter(location: &str, x: &str) -> Result<String, String> {
    let loc = location.trim();
    if loc == "st" {
        return Ok(x.to_string());
    }
    // strip balanced outer parentheses
    if loc.starts_with('(') && matching_paren(loc, 0) == Some(loc.len() - 1) {
        return setter(&loc[1..loc.len() - 1], x);
    }
    // last operator at depth 0: `.(f)` field get or `@ k` map get
    let (mut depth, mut last_field, mut last_get) = (0i32, None, None);
    let b = loc.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'(' => {
                if depth == 0 && i > 0 && b[i - 1] == b'.' {
                    last_field = Some(i - 1);
                }
                depth += 1
            }
            b')' => depth -= 1,
            b'@' if depth == 0 => last_get = Some(i),
            _ => {}
        }
    }
    match (last_field, last_get) {
        (Some(f), g) if g.is_none_or(|g| f > g) => {
            let inner = &loc[..f];
            let close = matching_paren(loc, f + 1).ok_or("unbalanced parentheses")?;
            let field = loc[f + 2..close].trim();
            if close != loc.len() - 1 {
                return Err(format!(
                    "unexpected `{}` after `.({field})`",
                    &loc[close + 1..]
                ));
            }
            setter(inner, &format!("(({inner}) {{{field} : {x}}})"))
        }
        (_, Some(g)) => {
            let (m, k) = (loc[..g].trim(), loc[g + 1..].trim());
            setter(m, &format!("(({m}) # {k} == {x})"))
        }
        _ => Err("expected field gets `.(f)` and map gets `@ k` on `st`".into()),
    }
}

fn matching_paren(s: &str, open: usize) -> Option<usize> {
    let mut depth = 0;
    for (i, c) in s.bytes().enumerate().skip(open) {
        match c {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The configuration source of a resolved map (see the module documentation).
pub fn config_source(m: &ResolvedMap, source: &str) -> Result<String, String> {
    let state = m
        .file
        .state
        .clone()
        .ok_or("the map gives no `state` type")?;
    let (load, store, lock_of) = m
        .file
        .functions
        .clone()
        .ok_or("the map gives no `functions` names (load, store, lock-word map)")?;
    let g = Gen {
        m,
        state: state.clone(),
    };
    let mut out = format!("(* Generated by autov from the memory map {source}: the load, store and lock-word functions of its blocks. *)\n");
    for b in &m.blocks {
        out.push_str(&format!(
            "\n(* Block {}: %{} ({} bytes) at @{}. *)\n",
            b.name, b.struct_ty, b.size, b.global
        ));
        for p in &b.paths {
            g.path_defs(b, p, &mut out)?;
        }
        let mut root = Node::Struct(vec![]);
        for (i, p) in b.paths.iter().enumerate() {
            root.insert(&p.steps, i);
        }
        let top = |op: Op| {
            let body = g.dispatch(b, &root, "o", &mut vec![], op, 1);
            format!("if (0 <=? o) && (o <? {}) then {body} else None", b.size)
        };
        out.push_str(&format!(
            "Definition {} (sz o : Z) (st : {state}) : option Z :=\n  {}.\n",
            block_load(b),
            top(Op::Load)
        ));
        out.push_str(&format!(
            "Definition {} (sz o x : Z) (st : {state}) : option {state} :=\n  {}.\n",
            block_store(b),
            top(Op::Store)
        ));
        out.push_str(&format!(
            "Definition {} (o : Z) : option Z :=\n  {}.\n",
            block_lock_of(b),
            top(Op::LockOf)
        ));
    }
    let chain = |call: &dyn Fn(&RBlock) -> String| -> String {
        m.blocks.iter().rev().fold("None".to_string(), |acc, b| {
            format!("if g =s \"{}\" then {} else {acc}", b.global, call(b))
        })
    };
    out.push_str(&format!(
        "\n(* The layer's memory: the blocks at their globals; any other pointer is outside the map. *)\n\
         Definition {load} (sz : Z) (p : Ptr) (st : {state}) : option Z :=\n  match p.(pbase) with\n  | Bglob g => {}\n  | _ => None\n  end.\n",
        chain(&|b| format!("{} sz p.(poffset) st", block_load(b)))
    ));
    out.push_str(&format!(
        "Definition {store} (sz : Z) (p : Ptr) (x : Z) (st : {state}) : option {state} :=\n  match p.(pbase) with\n  | Bglob g => {}\n  | _ => None\n  end.\n",
        chain(&|b| format!("{} sz p.(poffset) x st", block_store(b)))
    ));
    out.push_str(&format!(
        "Definition {lock_of} (p : Ptr) : option Z :=\n  match p.(pbase) with\n  | Bglob g => {}\n  | _ => None\n  end.\n",
        chain(&|b| format!("{} p.(poffset)", block_lock_of(b)))
    ));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setters_follow_the_location() {
        assert_eq!(setter("st.(cnt)", "x").unwrap(), "((st) {cnt : x})");
        assert_eq!(
            setter("(st.(pages) @ i).(vmid)", "x").unwrap(),
            "((st) {pages : ((st.(pages)) # i == (((st.(pages) @ i)) {vmid : x}))})"
        );
        assert!(setter("f st", "x").is_err());
    }
}
