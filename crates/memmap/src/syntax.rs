//! The memory-map language: a small line-oriented file written beside a configuration.
//!
//! ```text
//! # comments run to the end of the line
//! code "../shared/sekvm/SeKVM.ll"     # the LLVM IR whose struct layouts the map follows
//! state RData                          # the configuration's state type
//! lockcheck lock_held                  # a configuration function `state -> Z -> bool`
//! functions mem_load mem_store mem_lock_of   # names of the generated load / store / lock-word map
//! lockop stage2_spin_lock lock_acquire  # a call of the C function on a lock word is this
//!                                      # configuration function `Z -> state -> option state`
//!
//! block el2 : struct.el2_data size 33731152 at el2_data_start
//!   s2_pages[i].vmid @ 4 : 4 => (st.(shared).(s2pages) @ i).(pg_vmid) ; lock S2PAGE_LOCK
//!   regions[i].base @ 0 : 8 => (st.(priv).(regions) @ i).(rg_base) ; private
//!   vm_info[v].vm_lock @ 516 : 4 ; lockword (5 + v)
//! end
//! ```
//!
//! A block is a C object (the named struct `struct.el2_data`) at a code global (`@el2_data_start`).
//! A path names a scalar field by the C member names of debug info, with an index variable for each
//! array (`[i]`); `@ off` (the field's offset in its struct) and `: size` (bytes) are optional checks
//! against the IR. After `=>` comes the abstract location as a configuration expression over `st`
//! and the index variables (field gets and map gets); after `;` the access discipline: `private`
//! (no check), `lock E` (the lock `E` must be held: `lockcheck st E`), or `lockword E` (the word of
//! lock `E`: plain loads and stores are undefined; the generated lock-word map gives `E`). An
//! optional last part `; by f g` names the C functions that access exactly this path (one load or
//! store at its address): their specs are generated from the path, and their code must agree. On
//! a lock word, `; by f g` names the functions that pass exactly this word to a `lockop` function:
//! their specs are that lock operation on the lock's id.

use diag::span::{FileId, Span};
use diag::{Code, Diagnostic};

/// A parsed memory map.
#[derive(Clone, Debug, Default)]
pub struct MapFile {
    pub code: Option<(String, Span)>,
    pub state: Option<String>,
    pub lockcheck: Option<String>,
    /// Names of the generated functions: load, store, lock-word map.
    pub functions: Option<(String, String, String)>,
    /// `lockop C OP`: a call of C function `C` with the address of a lock word is the
    /// configuration's lock operation `OP` on that lock's id.
    pub lockops: Vec<(String, String)>,
    pub blocks: Vec<Block>,
}

#[derive(Clone, Debug)]
pub struct Block {
    pub name: String,
    pub span: Span,
    /// LLVM named struct, without `%`.
    pub struct_ty: String,
    pub size: Option<u64>,
    /// The code global the object lives at (without `@`).
    pub global: String,
    pub paths: Vec<PathDecl>,
}

/// One step of a C path: a member name, and an index variable if the member is an array.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub field: String,
    pub index: Option<String>,
    /// `[i = vmid * 4 + vcpuid]`: the index as its accessors compute it from their (C-named)
    /// parameters; an accessor computing another sum is rejected (E-MAP011).
    pub formula: Option<Formula>,
}

/// `konst + Σ coef·name` over accessor parameter names: coefficients are positive, the constant
/// may be negative (`index - 47`: the code subtracts before indexing).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Formula {
    pub terms: Vec<(u64, String)>,
    pub konst: i64,
}

impl std::fmt::Display for Formula {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self
            .terms
            .iter()
            .map(|(k, n)| match k {
                1 => n.clone(),
                _ => format!("{n} * {k}"),
            })
            .collect();
        let mut text = parts.join(" + ");
        match self.konst {
            k if k < 0 && !text.is_empty() => text += &format!(" - {}", k.unsigned_abs()),
            0 if !text.is_empty() => {}
            k if text.is_empty() => text = k.to_string(),
            k => text += &format!(" + {k}"),
        }
        write!(f, "{text}")
    }
}

/// `vmid * 4 + vcpuid + 1`: a sum of names, names times constants and constants; constants
/// (not names) may be subtracted (`index - 47`).
fn parse_formula(text: &str) -> Result<Formula, String> {
    let not_a_sum = || {
        format!(
            "`{}` is not a sum of parameters times constants (minus constants)",
            text.trim()
        )
    };
    let mut terms: Vec<(u64, String)> = vec![];
    let mut konst = 0i64;
    for t in text.split('+') {
        // `a - 3 - 4` is the term `a` and the subtracted constants `3` and `4`
        let mut pieces = t.split('-');
        let t = pieces.next().unwrap_or_default();
        let mut subtracted = false;
        for sub in pieces {
            let c: i64 = sub.trim().parse().map_err(|_| not_a_sum())?;
            konst = konst.checked_sub(c).ok_or("constant too large")?;
            subtracted = true;
        }
        if subtracted && t.trim().is_empty() {
            continue; // `-3 + a`
        }
        let factors: Vec<&str> = t.split('*').map(str::trim).collect();
        let (mut k, mut name) = (1u64, None);
        for f in factors {
            match f.parse::<u64>() {
                Ok(c) => k = k.checked_mul(c).ok_or("constant too large")?,
                Err(_) if is_ident(f) && name.is_none() => name = Some(f.to_string()),
                Err(_) => return Err(not_a_sum()),
            }
        }
        match name {
            Some(n) => match terms.iter_mut().find(|(_, m)| *m == n) {
                Some(e) => e.0 += k,
                None => terms.push((k, n)),
            },
            None => {
                konst = i64::try_from(k)
                    .ok()
                    .and_then(|k| konst.checked_add(k))
                    .ok_or("constant too large")?
            }
        }
    }
    Ok(Formula { terms, konst })
}

/// A function declared to access a path (`; by f`), possibly only for some of its inputs
/// (`; by f(index = 41)`): a function that accesses several paths, choosing by a parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccessorDecl {
    pub name: String,
    pub case: Option<Case>,
}

/// `param = N`, `param < N` or `param >= N`, over a C parameter's unsigned value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Case {
    pub param: String,
    pub op: CaseOp,
    pub value: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaseOp {
    Eq,
    Lt,
    Ge,
}

impl std::fmt::Display for Case {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let op = match self.op {
            CaseOp::Eq => "=",
            CaseOp::Lt => "<",
            CaseOp::Ge => ">=",
        };
        write!(f, "{} {op} {}", self.param, self.value)
    }
}

impl std::fmt::Display for AccessorDecl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.case {
            Some(c) => write!(f, "{}({c})", self.name),
            None => write!(f, "{}", self.name),
        }
    }
}

fn parse_case(text: &str) -> Result<Case, String> {
    let bad = || format!("`{text}`: expected `PARAMETER = N`, `PARAMETER < N` or `PARAMETER >= N`");
    let (lhs, op, rhs) = if let Some((l, r)) = text.split_once(">=") {
        (l, CaseOp::Ge, r)
    } else if let Some((l, r)) = text.split_once('<') {
        (l, CaseOp::Lt, r)
    } else if let Some((l, r)) = text.split_once('=') {
        (l, CaseOp::Eq, r)
    } else {
        return Err(bad());
    };
    let param = lhs.trim();
    if !is_ident(param) {
        return Err(bad());
    }
    Ok(Case {
        param: param.to_string(),
        op,
        value: rhs.trim().parse().map_err(|_| bad())?,
    })
}

/// `f g(index = 41) h`: names, each with an optional case in parentheses.
fn parse_accessors(text: &str) -> Result<Vec<AccessorDecl>, String> {
    let mut out = vec![];
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '(')
            .unwrap_or(rest.len());
        let name = &rest[..end];
        if !is_ident(name) {
            return Err(format!("`{name}` is not a function name"));
        }
        rest = &rest[end..];
        let case = match rest.strip_prefix('(') {
            Some(r) => {
                let close = r.find(')').ok_or(format!("`{name}(`: missing `)`"))?;
                rest = &r[close + 1..];
                Some(parse_case(&r[..close])?)
            }
            None => None,
        };
        out.push(AccessorDecl {
            name: name.to_string(),
            case,
        });
        rest = rest.trim_start();
    }
    Ok(out)
}

#[derive(Clone, Debug)]
pub struct PathDecl {
    pub span: Span,
    pub segments: Vec<Segment>,
    pub offset: Option<u64>,
    pub size: Option<u64>,
    pub target: Target,
    /// Functions declared to access exactly this path (`; by f g`), or this path for some of
    /// their inputs (`; by f(index = 41)`): their specs are the field's.
    pub accessors: Vec<AccessorDecl>,
}

/// What the bytes of a path are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// An abstract location (configuration expression text) and its access discipline.
    Field { location: String, access: Access },
    /// The word of a lock (configuration expression text giving the lock id).
    LockWord(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Access {
    Private,
    /// Configuration expression text of the lock that must be held.
    Lock(String),
}

impl PathDecl {
    /// `s2_pages[i].vmid`.
    pub fn display(&self) -> String {
        self.segments
            .iter()
            .map(|s| match &s.index {
                Some(i) => format!("{}[{i}]", s.field),
                None => s.field.clone(),
            })
            .collect::<Vec<_>>()
            .join(".")
    }

    /// The declared formulas of the index variables (`None` where none is declared), outermost
    /// first.
    pub fn index_formulas(&self) -> Vec<Option<Formula>> {
        self.segments
            .iter()
            .filter(|s| s.index.is_some())
            .map(|s| s.formula.clone())
            .collect()
    }

    /// The index variables, outermost first.
    pub fn index_vars(&self) -> Vec<String> {
        self.segments
            .iter()
            .filter_map(|s| s.index.clone())
            .collect()
    }
}

fn is_ident(s: &str) -> bool {
    let mut cs = s.chars();
    matches!(cs.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && cs.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

/// Parse a map file (its text is `file` in the caller's source map). Every malformed line is a
/// diagnostic; the lines that parse are kept.
pub fn parse(file: FileId, text: &str) -> (MapFile, Vec<Diagnostic>) {
    let mut m = MapFile::default();
    let mut diags = vec![];
    let mut pos = 0usize;
    let mut current: Option<Block> = None;
    for raw in text.split_inclusive('\n') {
        let start = pos;
        pos += raw.len();
        let line = raw.split('#').next().unwrap_or("").trim_end();
        let indent = line.len() - line.trim_start().len();
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let span = Span::new(file, start + indent, start + indent + line.len());
        let err = |diags: &mut Vec<Diagnostic>, msg: String, hint: &str| {
            diags.push(
                Diagnostic::error(Code::MapSyntax, span, msg)
                    .label("cannot read this line")
                    .hint(hint.to_string()),
            )
        };
        let (kw, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let rest = rest.trim();
        match kw {
            "code" => match rest.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
                Some(p) => m.code = Some((p.to_string(), span)),
                None => err(&mut diags, "`code` takes a quoted path".into(), "write `code \"module.ll\"`"),
            },
            "state" if is_ident(rest) => m.state = Some(rest.to_string()),
            "lockcheck" if is_ident(rest) => m.lockcheck = Some(rest.to_string()),
            "functions" => {
                let ns: Vec<&str> = rest.split_whitespace().collect();
                if ns.len() == 3 && ns.iter().all(|n| is_ident(n)) {
                    m.functions = Some((ns[0].into(), ns[1].into(), ns[2].into()));
                } else {
                    err(
                        &mut diags,
                        "`functions` takes three names: load, store, lock-word map".into(),
                        "write `functions mem_load mem_store mem_lock_of`",
                    );
                }
            }
            "lockop" => match rest.split_whitespace().collect::<Vec<_>>().as_slice() {
                [c, op] if is_ident(c) && is_ident(op) => {
                    m.lockops.push((c.to_string(), op.to_string()))
                }
                _ => err(
                    &mut diags,
                    "`lockop` takes two names: the C function and the configuration's lock operation".into(),
                    "write e.g. `lockop stage2_spin_lock lock_acquire`",
                ),
            },
            "block" => {
                if let Some(b) = current.take() {
                    m.blocks.push(b);
                }
                match parse_block_header(rest) {
                    Some((name, ty, size, global)) => {
                        current = Some(Block {
                            name,
                            span,
                            struct_ty: ty,
                            size,
                            global,
                            paths: vec![],
                        })
                    }
                    None => err(
                        &mut diags,
                        "a block header is `block NAME : STRUCT [size N] at GLOBAL`".into(),
                        "e.g. `block el2 : struct.el2_data size 33731152 at el2_data_start`",
                    ),
                }
            }
            "end" if rest.is_empty() => {
                if let Some(b) = current.take() {
                    m.blocks.push(b);
                }
            }
            _ => match current.as_mut() {
                Some(b) => match parse_path(line) {
                    Ok(mut p) => {
                        p.span = span;
                        b.paths.push(p)
                    }
                    Err(why) => err(
                        &mut diags,
                        format!("cannot read this path: {why}"),
                        "a path is `a[i].b @ OFFSET : SIZE => LOCATION ; private|lock E` or `a[i].b ; lockword E`",
                    ),
                },
                None => err(
                    &mut diags,
                    format!("unknown directive `{kw}`"),
                    "directives: code, state, lockcheck, functions, lockop, block … end",
                ),
            },
        }
    }
    if let Some(b) = current.take() {
        m.blocks.push(b);
    }
    (m, diags)
}

/// `NAME : STRUCT [size N] at GLOBAL`.
fn parse_block_header(rest: &str) -> Option<(String, String, Option<u64>, String)> {
    let w: Vec<&str> = rest.split_whitespace().collect();
    let (name, ty) = match w.as_slice() {
        [n, ":", t, ..] => (n.to_string(), t.trim_start_matches('%').to_string()),
        _ => return None,
    };
    let mut i = 3;
    let mut size = None;
    if w.get(i) == Some(&"size") {
        size = Some(w.get(i + 1)?.replace('_', "").parse().ok()?);
        i += 2;
    }
    if w.get(i) != Some(&"at") || w.len() != i + 2 {
        return None;
    }
    let global = w[i + 1].trim_start_matches('@').to_string();
    (is_ident(&name) && is_ident(&global)).then_some((name, ty, size, global))
}

/// `a[i].b.c @ 4 : 8 => LOCATION ; ACCESS` or `a[i].b ; lockword E`.
fn parse_path(line: &str) -> Result<PathDecl, String> {
    let (head, access) = line
        .split_once(';')
        .ok_or("no `;` before the access discipline")?;
    let (head, location) = match head.split_once("=>") {
        Some((h, l)) => (h.trim(), Some(l.trim().to_string())),
        None => (head.trim(), None),
    };
    // the C path, then optional `@ off` and `: size`
    let mut path_txt = head;
    let mut size = None;
    if let Some((p, s)) = path_txt.rsplit_once(':') {
        size = Some(
            s.trim()
                .parse::<u64>()
                .map_err(|_| format!("bad size `{}`", s.trim()))?,
        );
        path_txt = p.trim();
    }
    let mut offset = None;
    if let Some((p, o)) = path_txt.split_once('@') {
        offset = Some(
            o.trim()
                .parse::<u64>()
                .map_err(|_| format!("bad offset `{}`", o.trim()))?,
        );
        path_txt = p.trim();
    }
    let mut segments = vec![];
    for part in path_txt.split('.') {
        let part = part.trim();
        let (field, index) = match part.split_once('[') {
            Some((f, rest)) => {
                let v = rest
                    .strip_suffix(']')
                    .ok_or(format!("`{part}`: no closing `]`"))?;
                let (v, formula) = match v.split_once('=') {
                    Some((v, e)) => (v.trim(), Some(parse_formula(e)?)),
                    None => (v.trim(), None),
                };
                if !is_ident(v) {
                    return Err(format!("`{v}` is not an index variable"));
                }
                (f, Some((v.to_string(), formula)))
            }
            None => (part, None),
        };
        if !is_ident(field) || field.contains('.') {
            return Err(format!("`{field}` is not a member name"));
        }
        let (index, formula) = match index {
            Some((v, f)) => (Some(v), f),
            None => (None, None),
        };
        segments.push(Segment {
            field: field.to_string(),
            index,
            formula,
        });
    }
    let (access, accessors) = match access.split_once(';') {
        Some((a, by)) => {
            let by = by.trim();
            let names = by
                .strip_prefix("by")
                .filter(|r| r.starts_with(char::is_whitespace))
                .ok_or(format!(
                    "`{by}`: expected `by FUNCTION …` (the accessors of the path)"
                ))?;
            (a, parse_accessors(names)?)
        }
        None => (access, vec![]),
    };
    let access = access.trim();
    let target = match (location, access.split_once(char::is_whitespace)) {
        (None, Some(("lockword", e))) => Target::LockWord(e.trim().to_string()),
        (None, _) => return Err("a path without `=> LOCATION` must be a `lockword`".into()),
        (Some(loc), _) if access == "private" => Target::Field {
            location: loc,
            access: Access::Private,
        },
        (Some(loc), Some(("lock", e))) => Target::Field {
            location: loc,
            access: Access::Lock(e.trim().to_string()),
        },
        (Some(_), _) => return Err(format!("unknown access `{access}` (private, lock E)")),
    };
    Ok(PathDecl {
        span: Span::default(),
        segments,
        offset,
        size,
        target,
        accessors,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_map() {
        let text = "# a map\ncode \"a.ll\"\nstate RData\nlockcheck held\nfunctions ld st lk\nlockop spin acquire\n\
                    block el2 : struct.el2_data size 1_000 at el2_data_start\n\
                    \x20 s2_pages[i].vmid @ 4 : 4 => (st.(pages) @ i).(vmid) ; lock 1\n\
                    \x20 cnt => st.(cnt) ; private\n\
                    \x20 vm_info[v].vm_lock ; lockword (5 + v)\nend\n";
        let (m, d) = parse(FileId(0), text);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(m.code.as_ref().unwrap().0, "a.ll");
        assert_eq!(m.functions, Some(("ld".into(), "st".into(), "lk".into())));
        assert_eq!(m.lockops, vec![("spin".into(), "acquire".into())]);
        let b = &m.blocks[0];
        assert_eq!((b.size, b.global.as_str()), (Some(1000), "el2_data_start"));
        assert_eq!(b.paths[0].display(), "s2_pages[i].vmid");
        assert_eq!((b.paths[0].offset, b.paths[0].size), (Some(4), Some(4)));
        assert_eq!(
            b.paths[0].target,
            Target::Field {
                location: "(st.(pages) @ i).(vmid)".into(),
                access: Access::Lock("1".into())
            }
        );
        assert_eq!(b.paths[2].target, Target::LockWord("(5 + v)".into()));
    }

    #[test]
    fn an_index_may_declare_its_formula() {
        let p = parse_path("a[i = vmid * 4 + vcpuid + 2].b => st.(f) @ i ; private").unwrap();
        assert_eq!(p.index_vars(), vec!["i".to_string()]);
        assert_eq!(
            p.index_formulas(),
            vec![Some(Formula {
                terms: vec![(4, "vmid".into()), (1, "vcpuid".into())],
                konst: 2
            })]
        );
        let minus = parse_path("a[r = index - 47 - 1].b => st.(f) @ r ; private").unwrap();
        let fm = minus.index_formulas()[0].clone().unwrap();
        assert_eq!((fm.konst, fm.to_string()), (-48, "index - 48".to_string()));
        assert!(parse_path("a[i = 3 - vmid].b => st.(f) @ i ; private").is_err());
        assert!(parse_path("a[i = vmid - x].b => st.(f) @ i ; private").is_err());
        assert!(parse_path("a[i = vmid * vcpuid].b => st.(f) @ i ; private").is_err());
    }

    #[test]
    fn accessors_are_declared_after_the_access() {
        let text = "block b : struct.t at g\n\
                    \x20 a[i].x : 4 => st.(x) @ i ; lock 1 ; by get_x set_x\n\
                    \x20 y => st.(y) ; private\n\
                    \x20 z => st.(z) ; private ; get_z\nend\n";
        let (m, d) = parse(FileId(0), text);
        let p = &m.blocks[0].paths;
        let names: Vec<String> = p[0].accessors.iter().map(|a| a.to_string()).collect();
        assert_eq!(names, vec!["get_x".to_string(), "set_x".to_string()]);
        assert_eq!(
            p[0].target,
            Target::Field {
                location: "st.(x) @ i".into(),
                access: Access::Lock("1".into())
            }
        );
        assert!(p[1].accessors.is_empty());
        // `by` is required before the names
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("by FUNCTION"), "{}", d[0].message);
    }

    #[test]
    fn accessors_may_be_declared_for_some_inputs() {
        let p = parse_path(
            "a[i].b => st.(f) @ i ; private ; by get_a(index = 41) set_a(index >= 46) g h(k < 3)",
        )
        .unwrap();
        let shown: Vec<String> = p.accessors.iter().map(|a| a.to_string()).collect();
        assert_eq!(
            shown,
            vec!["get_a(index = 41)", "set_a(index >= 46)", "g", "h(k < 3)"]
        );
        assert_eq!(
            p.accessors[1].case,
            Some(Case {
                param: "index".into(),
                op: CaseOp::Ge,
                value: 46
            })
        );
        for bad in ["f(index)", "f(index = x)", "f(1 = 2)", "f(index = 1"] {
            let line = format!("a[i].b => st.(f) @ i ; private ; by {bad}");
            assert!(parse_path(&line).is_err(), "{bad}");
        }
    }

    #[test]
    fn bad_lines_are_located() {
        let (_, d) = parse(
            FileId(0),
            "blok x\nblock b : t at g\n  a[i.b => x ; private\n",
        );
        assert_eq!(d.len(), 2);
        assert!(d.iter().all(|d| d.code == Code::MapSyntax));
        assert_eq!(d[1].span.unwrap().lo, 26);
    }
}
