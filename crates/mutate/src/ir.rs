//! Mutants of LLVM 14 text IR.
//!
//! The text format puts one instruction on a line, so the mutants are found by a small lexer over
//! the lines of the functions to mutate (no full parse: the mutated module is checked by LLVM's own
//! parser and verifier through ir2json before it is built). Operators, in the order they are
//! enumerated on a line:
//!
//! | op | what |
//! |---|---|
//! | `icmp-negate` | the predicate of an `icmp` negated: `eq`↔`ne`, `ult`↔`uge`, `ugt`↔`ule`, `slt`↔`sge`, `sgt`↔`sle` |
//! | `and-or-swap` | `and`↔`or` |
//! | `const-1`, `const+1` | an integer constant operand (binary operation, `icmp`, `select`, `phi`, `store`, call argument, `ret`, `switch` case) changed by one |
//! | `bool-flip` | an `i1` constant operand `true`↔`false` |
//! | `gep-index-1`, `gep-index+1` | a constant index of a `getelementptr` changed by one |
//! | `drop-store` | a `store` deleted |
//! | `drop-call` | a call of a `void` function (not an `llvm.*` intrinsic) deleted |
//!
//! Calls of `llvm.*` intrinsics (debug values) and metadata are never mutated.

use std::collections::{BTreeMap, BTreeSet};

/// A byte-range replacement in a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Edit {
    pub lo: usize,
    pub hi: usize,
    pub text: String,
}

impl Edit {
    pub fn apply(&self, src: &str) -> String {
        let mut s = String::with_capacity(src.len() + self.text.len());
        s.push_str(&src[..self.lo]);
        s.push_str(&self.text);
        s.push_str(&src[self.hi..]);
        s
    }
}

/// One mutant of an IR file.
#[derive(Clone, Debug)]
pub struct IrSite {
    pub op: &'static str,
    /// The function it is in.
    pub func: String,
    /// 1-based line in the `.ll` file.
    pub line: usize,
    /// The instruction before and after (metadata attachments cut), `after` empty for a deletion.
    pub before: String,
    pub after: String,
    /// Short description, e.g. `icmp eq → icmp ne`.
    pub change: String,
    /// The C source location of the instruction (`file.c:line`), from its `!dbg` attachment.
    pub source: Option<String>,
    pub edit: Edit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum K {
    Word,
    Local,
    Global,
    Meta,
    Attr,
    Int,
    Str,
    Punct(u8),
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    k: K,
    lo: usize,
    hi: usize,
}

fn is_name_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'$' | b'-')
}

/// Tokens of one line (a `;` comment ends it).
fn lex(s: &str) -> Vec<Tok> {
    let b = s.as_bytes();
    let mut out = vec![];
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if c == b';' {
            break;
        }
        let lo = i;
        let k = if c == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += 1;
            }
            i = (i + 1).min(b.len());
            K::Str
        } else if matches!(c, b'%' | b'@' | b'!') {
            i += 1;
            if i < b.len() && b[i] == b'"' {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += 1;
                }
                i = (i + 1).min(b.len());
            } else {
                while i < b.len() && is_name_char(b[i]) {
                    i += 1;
                }
            }
            match c {
                b'%' => K::Local,
                b'@' => K::Global,
                _ => K::Meta,
            }
        } else if c == b'#' {
            i += 1;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            K::Attr
        } else if c.is_ascii_digit() || (c == b'-' && i + 1 < b.len() && b[i + 1].is_ascii_digit())
        {
            i += 1;
            while i < b.len() && b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            K::Int
        } else if c.is_ascii_alphabetic() || c == b'_' {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'_' | b'.')) {
                i += 1;
            }
            K::Word
        } else {
            i += 1;
            K::Punct(c)
        };
        out.push(Tok { k, lo, hi: i });
    }
    out
}

struct Line<'a> {
    text: &'a str,
    toks: Vec<Tok>,
}

impl<'a> Line<'a> {
    fn t(&self, i: usize) -> &'a str {
        let t = self.toks[i];
        &self.text[t.lo..t.hi]
    }
    fn is(&self, i: usize, s: &str) -> bool {
        i < self.toks.len() && self.t(i) == s
    }
    fn punct(&self, i: usize, c: u8) -> bool {
        i < self.toks.len() && self.toks[i].k == K::Punct(c)
    }
    /// Index of the token that ends the instruction proper: the first top-level `,` followed by
    /// a metadata attachment (`, !dbg !12`), else the end.
    fn end(&self) -> usize {
        let mut d = 0i32;
        for i in 0..self.toks.len() {
            match self.toks[i].k {
                K::Punct(b'(' | b'[' | b'{' | b'<') => d += 1,
                K::Punct(b')' | b']' | b'}' | b'>') => d -= 1,
                K::Punct(b',')
                    if d == 0 && self.toks.get(i + 1).is_some_and(|t| t.k == K::Meta) =>
                {
                    return i
                }
                _ => {}
            }
        }
        self.toks.len()
    }
    /// Split `[a, b)` at top-level commas.
    fn split(&self, a: usize, b: usize) -> Vec<(usize, usize)> {
        let mut out = vec![];
        let mut d = 0i32;
        let mut start = a;
        for i in a..b {
            match self.toks[i].k {
                K::Punct(b'(' | b'[' | b'{' | b'<') => d += 1,
                K::Punct(b')' | b']' | b'}' | b'>') => d -= 1,
                K::Punct(b',') if d == 0 => {
                    out.push((start, i));
                    start = i + 1;
                }
                _ => {}
            }
        }
        out.push((start, b));
        out
    }
    /// The matching close of the bracket at `i`.
    fn close(&self, i: usize) -> Option<usize> {
        let mut d = 0i32;
        for j in i..self.toks.len() {
            match self.toks[j].k {
                K::Punct(b'(' | b'[' | b'{' | b'<') => d += 1,
                K::Punct(b')' | b']' | b'}' | b'>') => {
                    d -= 1;
                    if d == 0 {
                        return Some(j);
                    }
                }
                _ => {}
            }
        }
        None
    }
    /// `iN` → N (a scalar integer type: not followed by `*`).
    fn int_ty(&self, i: usize) -> Option<u32> {
        if i >= self.toks.len() || self.toks[i].k != K::Word || self.punct(i + 1, b'*') {
            return None;
        }
        self.t(i).strip_prefix('i')?.parse().ok()
    }
}

fn flip_pred(p: &str) -> Option<&'static str> {
    Some(match p {
        "eq" => "ne",
        "ne" => "eq",
        "ult" => "uge",
        "uge" => "ult",
        "ugt" => "ule",
        "ule" => "ugt",
        "slt" => "sge",
        "sge" => "slt",
        "sgt" => "sle",
        "sle" => "sgt",
        _ => return None,
    })
}

const BINOPS: &[&str] = &[
    "add", "sub", "mul", "udiv", "sdiv", "urem", "srem", "shl", "lshr", "ashr", "and", "or", "xor",
];

/// `v ± 1` for an `iN` literal, when it stays a literal LLVM accepts for the type.
fn bump(v: &str, width: u32, delta: i128) -> Option<String> {
    let n: i128 = v.parse().ok()?;
    let m = n.checked_add(delta)?;
    if width < 127 {
        let lo = -(1i128 << (width - 1));
        let hi = (1i128 << width) - 1;
        if m < lo || m > hi {
            return None;
        }
    }
    Some(m.to_string())
}

/// The mutants of one IR file, in the functions `funcs` (in file order; within a line in the
/// operator order of the module documentation).
pub fn mutants(src: &str, funcs: &BTreeSet<String>) -> Vec<IrSite> {
    let mut starts = vec![0usize];
    for (i, c) in src.bytes().enumerate() {
        if c == b'\n' {
            starts.push(i + 1);
        }
    }
    let lines: Vec<&str> = src.split('\n').collect();
    let dbg = dilocations(&lines);
    let cfile = lines
        .iter()
        .find_map(|l| l.strip_prefix("source_filename = \""))
        .map(|s| s.trim_end_matches('"').to_string());
    let mut out = vec![];
    let mut func: Option<String> = None;
    let mut in_switch = false;
    for (li, &text) in lines.iter().enumerate() {
        let off = starts[li];
        if text.starts_with("define ") {
            let l = Line {
                text,
                toks: lex(text),
            };
            func = (0..l.toks.len())
                .find(|&i| l.toks[i].k == K::Global && l.punct(i + 1, b'('))
                .map(|i| l.t(i)[1..].trim_matches('"').to_string())
                .filter(|f| funcs.contains(f));
            continue;
        }
        if text.starts_with('}') {
            func = None;
            in_switch = false;
            continue;
        }
        let Some(f) = &func else { continue };
        let l = Line {
            text,
            toks: lex(text),
        };
        if l.toks.is_empty() {
            continue;
        }
        let source = source_of(&l, &dbg, cfile.as_deref());
        let end = l.end();
        let instr = text[l.toks[0].lo..l.toks[end - 1].hi].to_string();
        let mut push = |op: &'static str, lo: usize, hi: usize, new: &str, change: String| {
            let edit = Edit {
                lo: off + lo,
                hi: off + hi,
                text: new.to_string(),
            };
            let after = if op.starts_with("drop-") {
                String::new()
            } else {
                let s = l.toks[0].lo;
                let e = l.toks[end - 1].hi;
                format!("{}{new}{}", &text[s..lo], &text[hi..e])
            };
            out.push(IrSite {
                op,
                func: f.clone(),
                line: li + 1,
                before: instr.clone(),
                after,
                change,
                source: source.clone(),
                edit,
            });
        };
        // a typed constant at token `v` of type width `w`
        let consts =
            |v: usize,
             w: Option<u32>,
             ctx: &str,
             gep: bool,
             push: &mut dyn FnMut(&'static str, usize, usize, &str, String)| {
                let Some(w) = w else { return };
                let t = l.toks[v];
                let s = l.t(v);
                if w == 1 {
                    let n = match s {
                        "true" => "false",
                        "false" => "true",
                        _ => return,
                    };
                    push("bool-flip", t.lo, t.hi, n, format!("{ctx}i1 {s} → {n}"));
                    return;
                }
                if t.k != K::Int {
                    return;
                }
                for (d, op, gop) in [
                    (-1, "const-1", "gep-index-1"),
                    (1, "const+1", "gep-index+1"),
                ] {
                    if let Some(n) = bump(s, w, d) {
                        let op = if gep { gop } else { op };
                        push(op, t.lo, t.hi, &n, format!("{ctx}i{w} {s} → {n}"));
                    }
                }
            };
        // switch cases: `i32 0, label %7`
        if in_switch {
            if l.punct(0, b']') {
                in_switch = false;
            } else if l.toks.len() >= 2 && l.toks[1].k == K::Int {
                consts(1, l.int_ty(0), "switch case ", false, &mut push);
            }
            continue;
        }
        // `%x = ` prefix
        let (has_res, mut i) = if l.toks[0].k == K::Local && l.punct(1, b'=') {
            (true, 2)
        } else {
            (false, 0)
        };
        if i >= end {
            continue;
        }
        while matches!(l.t(i), "tail" | "musttail" | "notail") {
            i += 1;
        }
        let opc = l.t(i);
        match opc {
            "icmp" => {
                let p = i + 1;
                if let Some(n) = flip_pred(l.t(p)) {
                    let t = l.toks[p];
                    push(
                        "icmp-negate",
                        t.lo,
                        t.hi,
                        n,
                        format!("icmp {} → icmp {n}", l.t(p)),
                    );
                }
                let ty = p + 1;
                let w = l.int_ty(ty);
                let parts = l.split(ty + 1, end);
                for (a, b) in parts {
                    if b == a + 1 {
                        consts(a, w, "", false, &mut push);
                    }
                }
            }
            _ if BINOPS.contains(&opc) => {
                if opc == "and" || opc == "or" {
                    let t = l.toks[i];
                    let n = if opc == "and" { "or" } else { "and" };
                    push("and-or-swap", t.lo, t.hi, n, format!("{opc} → {n}"));
                }
                let mut ty = i + 1;
                while matches!(l.t(ty), "nuw" | "nsw" | "exact") {
                    ty += 1;
                }
                let w = l.int_ty(ty);
                for (a, b) in l.split(ty + 1, end) {
                    if b == a + 1 {
                        consts(a, w, "", false, &mut push);
                    }
                }
            }
            "select" => {
                for (k, (a, b)) in l.split(i + 1, end).into_iter().enumerate() {
                    if k > 0 && b >= a + 2 {
                        consts(b - 1, l.int_ty(a), "", false, &mut push);
                    }
                }
            }
            "phi" => {
                let ty = i + 1;
                let w = l.int_ty(ty);
                let mut j = ty + 1;
                while j < end {
                    if l.punct(j, b'[') && l.punct(j + 2, b',') {
                        consts(j + 1, w, "", false, &mut push);
                    }
                    j += 1;
                }
            }
            "store" => {
                let mut a0 = i + 1;
                if l.is(a0, "volatile") {
                    a0 += 1;
                }
                let parts = l.split(a0, end);
                if let Some(&(a, b)) = parts.first() {
                    if b >= a + 2 {
                        consts(b - 1, l.int_ty(a), "", false, &mut push);
                    }
                }
                let hi = starts.get(li + 1).copied().unwrap_or(src.len()) - off;
                push("drop-store", 0, hi, "", format!("drop `{instr}`"));
            }
            "call" => {
                let Some(g) = (i + 1..end).find(|&j| l.toks[j].k == K::Global) else {
                    continue;
                };
                let callee = l.t(g)[1..].trim_matches('"');
                if callee.starts_with("llvm.") || !l.punct(g + 1, b'(') {
                    continue;
                }
                let Some(close) = l.close(g + 1) else {
                    continue;
                };
                if close > g + 2 {
                    for (a, b) in l.split(g + 2, close) {
                        if b >= a + 2 {
                            consts(
                                b - 1,
                                l.int_ty(a),
                                &format!("@{callee} argument: "),
                                false,
                                &mut push,
                            );
                        }
                    }
                }
                if !has_res && l.is(i + 1, "void") {
                    let hi = starts.get(li + 1).copied().unwrap_or(src.len()) - off;
                    push("drop-call", 0, hi, "", format!("drop `{instr}`"));
                }
            }
            "ret" if end == i + 3 => {
                consts(i + 2, l.int_ty(i + 1), "ret ", false, &mut push);
            }
            "getelementptr" => {
                let mut a0 = i + 1;
                if l.is(a0, "inbounds") {
                    a0 += 1;
                }
                for (k, (a, b)) in l.split(a0, end).into_iter().enumerate() {
                    if k >= 2 && b == a + 2 {
                        consts(
                            b - 1,
                            l.int_ty(a),
                            &format!("index {}: ", k - 1),
                            true,
                            &mut push,
                        );
                    }
                }
            }
            "switch" => {
                in_switch = l.toks.last().is_some_and(|t| t.k == K::Punct(b'['));
            }
            _ => {}
        }
    }
    out
}

/// `!N = !DILocation(line: L, …)` → L.
fn dilocations(lines: &[&str]) -> BTreeMap<String, u32> {
    let mut m = BTreeMap::new();
    for l in lines {
        if !l.starts_with('!') {
            continue;
        }
        let Some((name, rest)) = l.split_once(" = ") else {
            continue;
        };
        let rest = rest.trim_start_matches("distinct ");
        if let Some(args) = rest.strip_prefix("!DILocation(") {
            if let Some(n) = args
                .split(", ")
                .find_map(|a| a.strip_prefix("line: "))
                .and_then(|v| v.parse().ok())
            {
                m.insert(name.to_string(), n);
            }
        }
    }
    m
}

fn source_of(l: &Line, dbg: &BTreeMap<String, u32>, cfile: Option<&str>) -> Option<String> {
    let i = (0..l.toks.len()).find(|&i| l.t(i) == "!dbg")?;
    let n = dbg.get(l.t(i + 1)).filter(|&&n| n > 0)?;
    Some(format!("{}:{n}", cfile.unwrap_or("?")))
}

/// The functions defined in an IR text, in order.
pub fn defined_functions(src: &str) -> Vec<String> {
    src.lines()
        .filter(|l| l.starts_with("define "))
        .filter_map(|text| {
            let l = Line {
                text,
                toks: lex(text),
            };
            (0..l.toks.len())
                .find(|&i| l.toks[i].k == K::Global && l.punct(i + 1, b'('))
                .map(|i| l.t(i)[1..].trim_matches('"').to_string())
        })
        .collect()
}

/// The direct callees of each defined function (intrinsics left out).
pub fn call_graph(src: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut cur: Option<String> = None;
    for text in src.lines() {
        let l = Line {
            text,
            toks: lex(text),
        };
        if text.starts_with("define ") {
            cur = (0..l.toks.len())
                .find(|&i| l.toks[i].k == K::Global && l.punct(i + 1, b'('))
                .map(|i| l.t(i)[1..].trim_matches('"').to_string());
            if let Some(f) = &cur {
                g.entry(f.clone()).or_default();
            }
            continue;
        }
        if text.starts_with('}') {
            cur = None;
            continue;
        }
        let Some(f) = &cur else { continue };
        if let Some(c) = (0..l.toks.len()).find(|&i| l.t(i) == "call") {
            if let Some(gi) = (c + 1..l.toks.len()).find(|&i| l.toks[i].k == K::Global) {
                let callee = l.t(gi)[1..].trim_matches('"');
                if !callee.starts_with("llvm.") {
                    g.entry(f.clone()).or_default().insert(callee.to_string());
                }
            }
        }
    }
    g
}

/// The defined functions with a `load` or `store` instruction.
pub fn memory_functions(src: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut cur: Option<String> = None;
    for text in src.lines() {
        if text.starts_with("define ") {
            cur = defined_functions(text).into_iter().next();
            continue;
        }
        if text.starts_with('}') {
            cur = None;
            continue;
        }
        let Some(f) = &cur else { continue };
        let t = text.trim_start();
        let op = match t.split_once(" = ") {
            Some((r, rest)) if r.starts_with('%') => rest,
            _ => t,
        };
        if op.starts_with("load ") || op.starts_with("store ") {
            out.insert(f.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(body: &str) -> Vec<IrSite> {
        let src = format!("define i64 @f(i64 %0) {{\n{body}\n}}\n");
        mutants(&src, &["f".to_string()].into_iter().collect())
    }

    #[test]
    fn icmp_and_constants() {
        let m = one("  %2 = icmp ult i64 %0, 16, !dbg !3");
        let ops: Vec<_> = m.iter().map(|s| (s.op, s.after.as_str())).collect();
        assert_eq!(
            ops,
            [
                ("icmp-negate", "%2 = icmp uge i64 %0, 16"),
                ("const-1", "%2 = icmp ult i64 %0, 15"),
                ("const+1", "%2 = icmp ult i64 %0, 17"),
            ]
        );
        assert_eq!(m[0].before, "%2 = icmp ult i64 %0, 16");
    }

    #[test]
    fn pointer_compare_has_no_constant() {
        let m = one("  %2 = icmp eq i64* %p, null");
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].op, "icmp-negate");
    }

    #[test]
    fn binops_flags_and_swap() {
        let m = one("  %7 = add nuw nsw i32 %3, 1\n  %8 = and i64 %0, -2093057");
        let ops: Vec<_> = m.iter().map(|s| (s.op, s.after.as_str())).collect();
        assert_eq!(
            ops,
            [
                ("const-1", "%7 = add nuw nsw i32 %3, 0"),
                ("const+1", "%7 = add nuw nsw i32 %3, 2"),
                ("and-or-swap", "%8 = or i64 %0, -2093057"),
                ("const-1", "%8 = and i64 %0, -2093058"),
                ("const+1", "%8 = and i64 %0, -2093056"),
            ]
        );
    }

    #[test]
    fn calls_stores_phis_selects_geps() {
        let body = "  call void @llvm.dbg.value(metadata i64 0, metadata !1, metadata !DIExpression()), !dbg !2
  call void @set(i64 noundef %0, i64 noundef 0) #7, !dbg !3
  %3 = call i64 @get(i32 noundef 3), !dbg !4
  store i64 5, i64* %4, align 8, !dbg !5, !tbaa !6
  %5 = phi i32 [ 0, %6 ], [ %x, %3 ], !dbg !7
  %6 = phi i1 [ true, %3 ], [ %22, %20 ]
  %7 = select i1 %3, i64 2, i64 %0
  %8 = getelementptr inbounds [2 x [512 x i64]], [2 x [512 x i64]]* @g, i64 0, i64 %1, i64 %9
  ret i64 0";
        let m = one(body);
        let ops: Vec<_> = m.iter().map(|s| (s.line, s.op)).collect();
        assert_eq!(
            ops,
            [
                (3, "const-1"),
                (3, "const+1"),
                (3, "drop-call"),
                (4, "const-1"),
                (4, "const+1"),
                (5, "const-1"),
                (5, "const+1"),
                (5, "drop-store"),
                (6, "const-1"),
                (6, "const+1"),
                (7, "bool-flip"),
                (8, "const-1"),
                (8, "const+1"),
                (9, "gep-index-1"),
                (9, "gep-index+1"),
                (10, "const-1"),
                (10, "const+1"),
            ]
        );
        // 0 - 1 is the literal -1 of the type (all ones)
        assert_eq!(
            m[0].after,
            "call void @set(i64 noundef %0, i64 noundef -1) #7"
        );
        let src = format!("define i64 @f(i64 %0) {{\n{body}\n}}\n");
        let drop = m.iter().find(|s| s.op == "drop-store").unwrap();
        let t = drop.edit.apply(&src);
        assert!(!t.contains("store"));
        assert!(t.contains("  %5 = phi"));
    }

    #[test]
    fn switch_cases() {
        let m = one(
            "  switch i32 %0, label %6 [\n    i32 0, label %7\n    i32 2, label %5\n  ], !dbg !45",
        );
        let ops: Vec<_> = m.iter().map(|s| (s.line, s.after.as_str())).collect();
        assert_eq!(
            ops,
            [
                (3, "i32 -1, label %7"),
                (3, "i32 1, label %7"),
                (4, "i32 1, label %5"),
                (4, "i32 3, label %5"),
            ]
        );
    }

    #[test]
    fn other_functions_are_left_alone() {
        let src = "define i64 @g(i64 %0) {\n  %2 = add i64 %0, 1\n  ret i64 %2\n}\n";
        assert!(mutants(src, &["f".to_string()].into_iter().collect()).is_empty());
        assert_eq!(defined_functions(src), ["g"]);
        assert!(memory_functions(src).is_empty());
        let m = "define i64 @h(i64* %p) {\n  %2 = load i64, i64* %p, align 8\n  ret i64 %2\n}\n";
        assert_eq!(memory_functions(m).into_iter().collect::<Vec<_>>(), ["h"]);
        assert_eq!(call_graph(m)["h"].len(), 0);
    }
}
