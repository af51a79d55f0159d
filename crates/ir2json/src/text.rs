//! Facts the LLVM 14 C API hides, recovered from LLVM's own printing of the module
//! (`LLVMPrintModuleToString`): the printer writes one instruction per line (switch cases and
//! landingpad clauses on indented continuation lines), in the same order as the C API walks them.
//! Only small, well-defined pieces of a line are parsed (flags, inline-asm strings, labels, literals).

use crate::model::{AsmDialect, Name};
use std::collections::HashMap;

/// Index over the printed module.
#[derive(Default)]
pub struct TextIndex {
    /// For each function definition, in module order: its instructions' text, in order.
    pub functions: Vec<Vec<String>>,
    /// Global variable / alias / ifunc definition lines by name (without `@`).
    pub globals: HashMap<String, String>,
    /// Named struct type names in source order (without `%`).
    pub struct_names: Vec<String>,
    /// Debug-info struct descriptions usable for LLVM struct names.
    pub di: DiStructs,
    /// Metadata nodes of the printed module that hold metadata strings (`!0 = !{!"sp"}`): their
    /// strings, for metadata operands of calls.
    pub md_strings: HashMap<u64, Vec<String>>,
}

/// Debug-info composite types (structs/unions) and typedefs, parsed from metadata lines.
#[derive(Default)]
pub struct DiStructs {
    /// C name → composite (first definition wins).
    pub by_name: HashMap<String, DiComposite>,
    /// Metadata id → composite without a name (the type of a C11 anonymous struct or union
    /// member, or of a typedef).
    pub anon: HashMap<u64, DiComposite>,
}

/// A `DW_TAG_member`: offset and size in bits, and whether it is a bitfield. A C11 anonymous
/// member (a struct or union whose members are reached as the parent's) has an empty name and
/// the metadata id of its composite in `anon`.
#[derive(Clone)]
pub struct DiMember {
    pub name: String,
    pub bit_offset: u64,
    pub bits: u64,
    pub bitfield: bool,
    pub anon: Option<u64>,
    /// For a member of array type: the size in bits of one element (the members of a union all
    /// start at 0; the element size tells which one the IR's type stands for).
    pub elem_bits: Option<u64>,
}

#[derive(Clone)]
pub struct DiComposite {
    pub name: String,
    pub members: Vec<DiMember>,
}

impl TextIndex {
    /// Index the printed module `text`; debug-info struct descriptions come from `di_text` (the
    /// source text when the printed module had its debug info stripped) or from `text`.
    pub fn build(text: &str, di_text: Option<&str>) -> TextIndex {
        let mut idx = TextIndex::default();
        let mut md: HashMap<u64, &str> = HashMap::new();
        if let Some(src) = di_text {
            for line in src.lines() {
                metadata_line(line, &mut md);
            }
        }
        let collect_md = di_text.is_none();
        let mut in_fn = false;
        let mut cur: Vec<String> = Vec::new();
        for line in text.lines() {
            if in_fn {
                if line.starts_with('}') {
                    idx.functions.push(std::mem::take(&mut cur));
                    in_fn = false;
                } else if let Some(rest) = line.strip_prefix("  ") {
                    let t = rest.trim();
                    if t.is_empty() || t.starts_with(';') {
                        continue;
                    }
                    if rest.starts_with(' ') || t.starts_with(']') {
                        if let Some(last) = cur.last_mut() {
                            last.push(' ');
                            last.push_str(t);
                        }
                    } else if !is_dbg_intrinsic_call(t) {
                        cur.push(t.to_string());
                    }
                }
                // Otherwise: a block label or an empty line.
                continue;
            }
            if line.starts_with("define ") {
                in_fn = true;
                cur.clear();
            } else if let Some(after) = line.strip_prefix('@') {
                let (name, rest) = split_sigil_name(after);
                if rest.starts_with(" = ") {
                    idx.globals.insert(name, line.to_string());
                }
            } else if let Some(after) = line.strip_prefix('%') {
                let (name, rest) = split_sigil_name(after);
                if rest.starts_with(" = type ") {
                    idx.struct_names.push(name);
                }
            } else if let Some(after) = line.strip_prefix('!') {
                if line.contains("!{!\"") || line.contains("distinct !{") {
                    if let Some(n) = after.split(' ').next().and_then(|n| n.parse().ok()) {
                        let st = node_strings(line);
                        if !st.is_empty() {
                            idx.md_strings.insert(n, st);
                        }
                    }
                }
                if collect_md {
                    metadata_line(line, &mut md);
                }
            }
        }
        idx.di = DiStructs::build(&md);
        idx
    }
}

/// Record a `!N = ...` metadata line.
fn metadata_line<'t>(line: &'t str, md: &mut HashMap<u64, &'t str>) {
    if let Some(rest) = line.strip_prefix('!') {
        let end = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        if let Ok(n) = rest[..end].parse::<u64>() {
            md.insert(n, line);
        }
    }
}

/// Is this printed instruction a call to an `llvm.dbg.*` intrinsic (omitted from the model)?
pub fn is_dbg_intrinsic_call(instr: &str) -> bool {
    let t = instr
        .strip_prefix("tail ")
        .or_else(|| instr.strip_prefix("notail "))
        .unwrap_or(instr);
    t.starts_with("call void @llvm.dbg.")
}

/// Split `name rest` where name is bare (`foo.bar`, `12`) or quoted (`"a b"`), returning the
/// unescaped name and the remainder.
fn split_sigil_name(s: &str) -> (String, &str) {
    if let Some(q) = s.strip_prefix('"') {
        if let Some(end) = q.find('"') {
            return (unescape(&q[..end]), &q[end + 1..]);
        }
        return (unescape(q), "");
    }
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || "-$._".contains(c)))
        .unwrap_or(s.len());
    (s[..end].to_string(), &s[end..])
}

/// Decode LLVM's string escapes exactly as LLVM's lexer does: `\\` is one backslash, `\XX` (two hex
/// digits) is a byte, any other backslash is literal.
pub fn unescape(s: &str) -> String {
    String::from_utf8_lossy(&unescape_bytes(s.as_bytes())).into_owned()
}

/// The bytes of [`unescape`], before any UTF-8 decoding (names may spell bytes that are not UTF-8).
pub fn unescape_bytes(b: &[u8]) -> Vec<u8> {
    let hex = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' {
            if b.get(i + 1) == Some(&b'\\') {
                out.push(b'\\');
                i += 2;
                continue;
            }
            if let (Some(h), Some(l)) = (
                b.get(i + 1).copied().and_then(hex),
                b.get(i + 2).copied().and_then(hex),
            ) {
                out.push(h << 4 | l);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

impl DiStructs {
    fn build(md: &HashMap<u64, &str>) -> DiStructs {
        let mut out = DiStructs::default();
        let mut ids: Vec<u64> = md.keys().copied().collect();
        ids.sort_unstable();
        let members_of = |elements: u64| -> Vec<DiMember> {
            let Some(list) = md.get(&elements) else {
                return Vec::new();
            };
            let Some(open) = list.find("!{") else {
                return Vec::new();
            };
            let inner = list[open + 2..].trim_end().trim_end_matches('}');
            inner
                .split(", ")
                .filter_map(|r| r.trim().strip_prefix('!')?.parse::<u64>().ok())
                .filter_map(|id| {
                    let m = md.get(&id)?;
                    if !m.contains("!DIDerivedType(tag: DW_TAG_member") {
                        return None;
                    }
                    let base = di_field(m, "baseType")
                        .and_then(|b| b.strip_prefix('!')?.parse::<u64>().ok());
                    let base_line = base.and_then(|b| md.get(&b)).copied();
                    let (name, anon) = match di_field(m, "name") {
                        Some(n) => (n, None),
                        // an anonymous member: only a struct or union without a name
                        None => {
                            let l = base_line?;
                            let composite = l.contains("tag: DW_TAG_structure_type")
                                || l.contains("tag: DW_TAG_union_type");
                            if !composite || di_field(l, "name").is_some() {
                                return None;
                            }
                            (String::new(), base)
                        }
                    };
                    let elem_bits = base_line.and_then(|l| array_elem_bits(l, md));
                    let off = di_field(m, "offset")
                        .and_then(|o| o.parse().ok())
                        .unwrap_or(0);
                    let bitfield = di_field(m, "flags")
                        .map(|f| f.contains("DIFlagBitField"))
                        .unwrap_or(false);
                    let bits = di_field(m, "size")
                        .and_then(|o| o.parse().ok())
                        .unwrap_or(0);
                    Some(DiMember {
                        name,
                        bit_offset: off,
                        bits,
                        bitfield,
                        anon,
                        elem_bits,
                    })
                })
                .collect()
        };
        // Composites first, then typedefs naming anonymous composites.
        let mut anon: HashMap<u64, Vec<DiMember>> = HashMap::new();
        for &id in &ids {
            let l = md[&id];
            if !(l.contains("!DICompositeType(tag: DW_TAG_structure_type")
                || l.contains("!DICompositeType(tag: DW_TAG_union_type")
                || l.contains("!DICompositeType(tag: DW_TAG_class_type"))
            {
                continue;
            }
            let Some(el) = di_field(l, "elements").and_then(|e| e.strip_prefix('!')?.parse().ok())
            else {
                continue;
            };
            let members = members_of(el);
            match di_field(l, "name") {
                Some(name) => {
                    out.by_name
                        .entry(name.clone())
                        .or_insert(DiComposite { name, members });
                }
                None => {
                    anon.insert(id, members);
                }
            }
        }
        out.anon = anon
            .iter()
            .map(|(&id, members)| {
                let c = DiComposite {
                    name: String::new(),
                    members: members.clone(),
                };
                (id, c)
            })
            .collect();
        for &id in &ids {
            let l = md[&id];
            if !l.contains("!DIDerivedType(tag: DW_TAG_typedef") {
                continue;
            }
            let (Some(name), Some(base)) = (
                di_field(l, "name"),
                di_field(l, "baseType").and_then(|b| b.strip_prefix('!')?.parse::<u64>().ok()),
            ) else {
                continue;
            };
            if let Some(members) = anon.get(&base) {
                out.by_name.entry(name.clone()).or_insert(DiComposite {
                    name,
                    members: members.clone(),
                });
            }
        }
        out
    }

    /// The composite for an LLVM struct name like `struct.foo`, `union.bar.12`.
    pub fn lookup(&self, llvm_name: &str) -> Option<&DiComposite> {
        let base = llvm_name
            .strip_prefix("struct.")
            .or_else(|| llvm_name.strip_prefix("union."))
            .or_else(|| llvm_name.strip_prefix("class."))?;
        let mut cand = base;
        loop {
            if let Some(c) = self.by_name.get(cand) {
                return Some(c);
            }
            // Strip a `.N` uniquing suffix and retry.
            match cand.rfind('.') {
                Some(p)
                    if cand[p + 1..].chars().all(|c| c.is_ascii_digit()) && p + 1 < cand.len() =>
                {
                    cand = &cand[..p]
                }
                _ => return None,
            }
        }
    }
}

/// The element size in bits of a one-dimensional `DW_TAG_array_type` line: its size over the
/// count of its one subrange.
fn array_elem_bits(line: &str, md: &HashMap<u64, &str>) -> Option<u64> {
    if !line.contains("tag: DW_TAG_array_type") {
        return None;
    }
    let size: u64 = di_field(line, "size")?.parse().ok()?;
    let list = md.get(
        &di_field(line, "elements")?
            .strip_prefix('!')?
            .parse::<u64>()
            .ok()?,
    )?;
    let open = list.find("!{")?;
    let inner = list[open + 2..].trim_end().trim_end_matches('}');
    let mut ids = inner.split(", ");
    let (Some(only), None) = (ids.next(), ids.next()) else {
        return None;
    };
    let sub = md.get(&only.trim().strip_prefix('!')?.parse::<u64>().ok()?)?;
    let count: u64 = di_field(sub, "count")?.parse().ok()?;
    (count > 0).then(|| size / count)
}

/// Value of `key: value` inside a `!DIxxx(...)` line (strings unescaped).
fn di_field(line: &str, key: &str) -> Option<String> {
    let open = line.find('(')?;
    let body = &line[open + 1..];
    let mut search = 0;
    while let Some(p) = body[search..].find(key) {
        let at = search + p;
        let before_ok = at == 0 || body[..at].ends_with(", ");
        let after = &body[at + key.len()..];
        if before_ok && after.starts_with(": ") {
            let v = &after[2..];
            if let Some(q) = v.strip_prefix('"') {
                let end = q.find('"')?;
                return Some(unescape(&q[..end]));
            }
            let end = v.find([',', ')']).unwrap_or(v.len());
            return Some(v[..end].trim().to_string());
        }
        search = at + key.len();
    }
    None
}

// ---------------------------------------------------------------- tokenizer for one line

/// Words of a line outside string literals; strings become a single `Str` token.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok<'a> {
    Word(&'a str),
    Str(String),
    Punct(char),
}

pub fn tokens(line: &str) -> Vec<Tok<'_>> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b' ' || c == b'\t' {
            i += 1;
        } else if c == b'"' {
            let start = i + 1;
            let mut j = start;
            while j < b.len() && b[j] != b'"' {
                j += 1;
            }
            out.push(Tok::Str(unescape(&line[start..j.min(b.len())])));
            i = j + 1;
        } else if c == b';' {
            break;
        } else if b"(),[]{}<>=*".contains(&c) {
            out.push(Tok::Punct(c as char));
            i += 1;
        } else {
            let start = i;
            // A sigil followed by a quoted name: %"a b", @"x".
            if (c == b'%' || c == b'@' || c == b'!') && i + 1 < b.len() && b[i + 1] == b'"' {
                let mut j = i + 2;
                while j < b.len() && b[j] != b'"' {
                    j += 1;
                }
                i = (j + 1).min(b.len());
                out.push(Tok::Word(&line[start..i]));
                continue;
            }
            while i < b.len() && !b" \t\"(),[]{}<>=*;".contains(&b[i]) {
                i += 1;
            }
            out.push(Tok::Word(&line[start..i]));
        }
    }
    out
}

/// Turn `%name`, `%12`, `%"a b"` into a [`Name`].
pub fn local_name(word: &str) -> Option<Name> {
    let s = word.strip_prefix('%')?;
    if let Some(q) = s.strip_prefix('"') {
        return Some(Name::Named(unescape(q.trim_end_matches('"'))));
    }
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok().map(Name::Number);
    }
    Some(Name::Named(s.to_string()))
}

/// Turn `@name`/`@"x"` into the global's name.
pub fn global_name(word: &str) -> Option<String> {
    let s = word.strip_prefix('@')?;
    if let Some(q) = s.strip_prefix('"') {
        return Some(unescape(q.trim_end_matches('"')));
    }
    Some(s.to_string())
}

/// Keywords that may follow the opcode: wrap/exact flags and fast-math flags.
const FLAG_WORDS: &[&str] = &[
    "nsw", "nuw", "exact", "fast", "nnan", "ninf", "nsz", "arcp", "contract", "afn", "reassoc",
];

/// The opcode word and its flag words of an instruction line (`%x = add nuw nsw i32 ...`).
pub fn opcode_flags<'a>(toks: &'a [Tok<'a>]) -> (Option<&'a str>, Vec<&'a str>) {
    let mut i = 0;
    if toks.len() > 1 && toks[1] == Tok::Punct('=') {
        i = 2;
    }
    let mut op = None;
    let mut flags = Vec::new();
    while let Some(Tok::Word(w)) = toks.get(i) {
        if op.is_none() {
            if matches!(*w, "tail" | "musttail" | "notail") {
                flags.push(*w);
                i += 1;
                continue;
            }
            op = Some(*w);
        } else if FLAG_WORDS.contains(w) {
            flags.push(*w);
        } else {
            break;
        }
        i += 1;
    }
    (op, flags)
}

/// Inline asm found on a call line.
#[derive(Debug, Clone, PartialEq)]
pub struct AsmText {
    pub template: String,
    pub constraints: String,
    pub side_effect: bool,
    pub align_stack: bool,
    pub dialect: AsmDialect,
    pub can_throw: bool,
}

/// Parse `asm [sideeffect] [alignstack] [inteldialect] [unwind] "tmpl", "constraints"`.
pub fn inline_asm(toks: &[Tok<'_>]) -> Option<AsmText> {
    let p = toks.iter().position(|t| *t == Tok::Word("asm"))?;
    let mut a = AsmText {
        template: String::new(),
        constraints: String::new(),
        side_effect: false,
        align_stack: false,
        dialect: AsmDialect::Att,
        can_throw: false,
    };
    let mut i = p + 1;
    while let Some(Tok::Word(w)) = toks.get(i) {
        match *w {
            "sideeffect" => a.side_effect = true,
            "alignstack" => a.align_stack = true,
            "inteldialect" => a.dialect = AsmDialect::Intel,
            "unwind" => a.can_throw = true,
            _ => break,
        }
        i += 1;
    }
    match (toks.get(i), toks.get(i + 1), toks.get(i + 2)) {
        (Some(Tok::Str(t)), Some(Tok::Punct(',')), Some(Tok::Str(c))) => {
            a.template = t.clone();
            a.constraints = c.clone();
            Some(a)
        }
        _ => None,
    }
}

/// The indirect destinations of a `callbr` line: `... to label %a [label %b, label %c]`.
pub fn callbr_indirect(toks: &[Tok<'_>]) -> Vec<Name> {
    let Some(to) = toks.iter().rposition(|t| *t == Tok::Word("to")) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut in_br = false;
    let mut i = to;
    while i < toks.len() {
        match &toks[i] {
            Tok::Punct('[') => in_br = true,
            Tok::Punct(']') => break,
            Tok::Word(w) if in_br && w.starts_with('%') => {
                if let Some(n) = local_name(w) {
                    out.push(n);
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// A metadata operand of a call line: its printed text, the metadata strings written in it, and
/// the metadata node it refers to (`!12`), whose strings the caller may look up.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MdText {
    pub text: String,
    pub strings: Vec<String>,
    pub node: Option<u64>,
}

/// The `metadata X` operands of a call line, in order (`metadata` used as a type in the callee's
/// printed function type, followed by `,` or `)`, is not an operand).
pub fn metadata_operands(toks: &[Tok<'_>]) -> Vec<MdText> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if toks[i] != Tok::Word("metadata")
            || matches!(toks.get(i + 1), None | Some(Tok::Punct(',' | ')')))
        {
            i += 1;
            continue;
        }
        let mut md = MdText::default();
        let mut depth = 0i32;
        let mut j = i + 1;
        while j < toks.len() {
            match &toks[j] {
                Tok::Punct(',' | ')') if depth == 0 => break,
                Tok::Punct(c @ ('(' | '[' | '{' | '<')) => {
                    depth += 1;
                    md.text.push(*c);
                }
                Tok::Punct(c @ (')' | ']' | '}' | '>')) => {
                    depth -= 1;
                    md.text.push(*c);
                }
                Tok::Punct(c) => md.text.push(*c),
                Tok::Str(s) => md.text.push_str(&format!("{s:?}")),
                Tok::Word(w) => {
                    if !md.text.is_empty() && !md.text.ends_with(['{', '(', '[', '<', '!']) {
                        md.text.push(' ');
                    }
                    md.text.push_str(w);
                    if let Some(q) = w.strip_prefix("!\"") {
                        md.strings.push(unescape(q.strip_suffix('"').unwrap_or(q)));
                    } else if let Some(n) = w.strip_prefix('!').and_then(|n| n.parse().ok()) {
                        if j == i + 1 {
                            md.node = Some(n);
                        }
                    }
                }
            }
            j += 1;
        }
        out.push(md);
        i = j;
    }
    out
}

/// The metadata strings of a node definition line (`!0 = !{!"sp"}`, `!3 = distinct !{!"a", !1}`).
pub fn node_strings(line: &str) -> Vec<String> {
    let Some((_, body)) = line.split_once(" = ") else {
        return Vec::new();
    };
    tokens(body)
        .into_iter()
        .filter_map(|t| match t {
            Tok::Word(w) => w
                .strip_prefix("!\"")
                .map(|q| unescape(q.strip_suffix('"').unwrap_or(q))),
            _ => None,
        })
        .collect()
}

/// The default destination of a `callbr` line: `... to label %a [...]`.
pub fn callbr_default(toks: &[Tok<'_>]) -> Option<Name> {
    let to = toks.iter().rposition(|t| *t == Tok::Word("to"))?;
    match (toks.get(to + 1), toks.get(to + 2)) {
        (Some(Tok::Word("label")), Some(Tok::Word(w))) => local_name(w),
        _ => None,
    }
}

/// Literal facts of a line: wide integers, special-format floats, block addresses.
#[derive(Debug, Default, Clone)]
pub struct LineFacts {
    /// Decimal integer literals as printed (the type of a literal is often implicit, e.g.
    /// `lshr i128 %x, 64`), used to recover integers wider than 64 bits.
    pub int_literals: Vec<String>,
    /// Hex float literals with a format prefix (`0xH`, `0xR`, `0xK`, `0xL`, `0xM`), in order.
    pub hex_floats: Vec<String>,
    /// `blockaddress(@f, %bb)` occurrences, in order.
    pub block_addresses: Vec<(String, Name)>,
    /// Constant-expression operators with wrap flags (`add nuw (...)`), in order: (opcode, flags).
    pub const_ops: Vec<(String, Vec<String>)>,
}

/// Opcodes whose constant expressions can carry `nsw`/`nuw`/`exact`.
const FLAGGED_CONST_OPS: &[&str] = &["add", "sub", "mul", "shl", "lshr", "ashr", "udiv", "sdiv"];

pub fn line_facts(line: &str) -> LineFacts {
    let toks = tokens(line);
    let mut f = LineFacts::default();
    for (i, t) in toks.iter().enumerate() {
        let Tok::Word(w) = t else { continue };
        let digits = w.strip_prefix('-').unwrap_or(w);
        if !digits.is_empty() && digits.bytes().all(|c| c.is_ascii_digit()) {
            f.int_literals.push(w.to_string());
        } else if w.len() > 3
            && w.starts_with("0x")
            && matches!(w.as_bytes()[2], b'H' | b'R' | b'K' | b'L' | b'M')
        {
            f.hex_floats.push(w.to_string());
        } else if FLAGGED_CONST_OPS.contains(w) {
            // A constant expression is the opcode, optional flags, then `(`; an instruction's opcode
            // is followed by a type instead.
            let mut j = i + 1;
            let mut flags = Vec::new();
            while let Some(Tok::Word(fw)) = toks.get(j) {
                if !matches!(*fw, "nsw" | "nuw" | "exact") {
                    break;
                }
                flags.push(fw.to_string());
                j += 1;
            }
            if toks.get(j) == Some(&Tok::Punct('(')) {
                f.const_ops.push((w.to_string(), flags));
            }
        } else if *w == "blockaddress" {
            if let (Some(Tok::Word(fun)), Some(Tok::Word(bb))) = (toks.get(i + 2), toks.get(i + 4))
            {
                if let (Some(fun), Some(bb)) = (global_name(fun), local_name(bb)) {
                    f.block_addresses.push((fun, bb));
                }
            }
        }
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asm_and_flags() {
        let l = r#"%3 = call i64 asm sideeffect "mrs $0, elr_el2\0A\09nop \22x\22", "=r,~{memory}"() #2, !dbg !10"#;
        let t = tokens(l);
        let a = inline_asm(&t).unwrap();
        assert_eq!(a.template, "mrs $0, elr_el2\n\tnop \"x\"");
        assert_eq!(a.constraints, "=r,~{memory}");
        assert!(a.side_effect && !a.align_stack && !a.can_throw);
        let l = "%5 = add nuw nsw i32 %3, 1, !dbg !4";
        let t = tokens(l);
        assert_eq!(opcode_flags(&t), (Some("add"), vec!["nuw", "nsw"]));
        let t = tokens("tail call void @f()");
        assert_eq!(opcode_flags(&t), (Some("call"), vec!["tail"]));
    }

    #[test]
    fn literals() {
        let f = line_facts(
            "store i128 -170141183460469231731687303715884105728, i128* %x; half 0xH3C00 blockaddress(@f, %\"a b\")",
        );
        assert_eq!(
            f.int_literals,
            vec!["-170141183460469231731687303715884105728"]
        );
        assert!(f.hex_floats.is_empty(), "comment ignored");
        let f = line_facts("%r = fadd half 0xH3C00, %y; blockaddress(@f, %bb)");
        assert_eq!(f.hex_floats, vec!["0xH3C00"]);
        let f = line_facts(
            "store i64 add nuw (i64 ptrtoint (i32* @g to i64), i64 sub (i64 0, i64 1)), i64* %p",
        );
        assert_eq!(
            f.const_ops,
            vec![
                ("add".to_string(), vec!["nuw".to_string()]),
                ("sub".to_string(), vec![])
            ]
        );
        let f = line_facts("%x = add nsw i32 %a, 1");
        assert!(f.const_ops.is_empty());
        let f = line_facts("indirectbr i8* blockaddress(@f, %7), [label %7]");
        assert_eq!(f.block_addresses, vec![("f".to_string(), Name::Number(7))]);
    }

    #[test]
    fn callbr_labels() {
        let t = tokens(
            r#"callbr void asm "", "r,X"(i32 %x, i8* blockaddress(@f, %err)) to label %ok [label %err, label %5]"#,
        );
        assert_eq!(
            callbr_indirect(&t),
            vec![Name::Named("err".into()), Name::Number(5)]
        );
    }

    #[test]
    fn escapes() {
        assert_eq!(unescape(r"a\5Cb\22"), "a\\b\"");
        assert_eq!(
            unescape(r".L__reg_num_x\\num, \\num"),
            r".L__reg_num_x\num, \num"
        );
        assert_eq!(unescape(r"\\5C"), r"\5C");
        assert_eq!(unescape(r"\"), "\\");
        assert_eq!(unescape_bytes(br"a\41\\42\q\4"), b"aA\\42\\q\\4");
        assert_eq!(unescape_bytes(br"\FF\c3"), [0xFF, 0xC3]);
    }
}
