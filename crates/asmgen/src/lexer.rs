//! Line-level lexing: comments, statement separators, objdump prefixes, and tokens with columns.

use crate::error::{AsmError, ErrorCode};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tok {
    Ident(String),
    Int(i128),
    /// Numeric local label reference: `1b` (backward=true) or `1f`.
    LocalRef(u32, bool),
    Str(String),
    Punct(char),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub tok: Tok,
    /// 1-based column.
    pub col: usize,
    /// The source text of the token (objdump branch targets are hex without a prefix).
    pub raw: String,
}

/// One statement (text between separators) with its position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stmt {
    pub line: usize,
    pub toks: Vec<Token>,
    pub text: String,
    /// objdump address of the instruction, if the line had one.
    pub addr: Option<u64>,
    /// 0-based offset of `text` in its line.
    pub base: usize,
    /// A lexical error in this statement (reported when the statement is parsed, so that one bad
    /// statement fails only its procedure).
    pub lex_error: Option<AsmError>,
}

impl Stmt {
    /// The source text from token `i` on (e.g. an instruction without its labels).
    pub fn text_from(&self, i: usize) -> String {
        match self.toks.get(i) {
            Some(t) => {
                let off = t.col - 1 - self.base;
                self.text.get(off..).unwrap_or("").trim().to_string()
            }
            None => String::new(),
        }
    }
}

fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || c == '.' || c == '$'
}
fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '$'
}

/// Split a source text into statements. Comments (`//`, `/* */`, a `#` starting a line) become blanks so
/// columns are preserved; `;` separates statements; objdump lines (`  4: d503201f  nop`) lose their
/// address and encoding columns, and objdump symbol headers (`0000000000000000 <f>:`) become labels.
pub fn split_statements(src: &str) -> Result<Vec<Stmt>, AsmError> {
    let mut out = Vec::new();
    let mut in_block = false;
    for (li, raw) in src.lines().enumerate() {
        let line = li + 1;
        let chars = blank_comments(raw, &mut in_block);
        // `#` as the first non-blank character starts a comment (cpp line markers, objdump).
        if chars.iter().find(|c| !c.is_whitespace()) == Some(&'#') {
            continue;
        }
        let text: String = chars.iter().collect();
        // objdump forms.
        let (start, addr) = match objdump_insn_prefix(&text) {
            Some((a, rest_at)) => (rest_at, Some(a)),
            None => {
                if let Some(name) = objdump_symbol_header(&text) {
                    out.extend(objdump_header_stmts(name, line, &text));
                    continue;
                }
                if text.trim_start().starts_with("Disassembly of section")
                    || text.contains("file format")
                {
                    continue;
                }
                (0, None)
            }
        };
        split_line(&text, start, line, addr, &mut out);
    }
    Ok(out)
}

/// The characters of a line with comments replaced by blanks; `in_block` carries an open `/* */`
/// from line to line.
fn blank_comments(raw: &str, in_block: &mut bool) -> Vec<char> {
    let mut chars: Vec<char> = raw.chars().collect();
    let mut i = 0;
    let mut in_str = false;
    while i < chars.len() {
        if *in_block {
            if chars[i] == '*' && i + 1 < chars.len() && chars[i + 1] == '/' {
                chars[i] = ' ';
                chars[i + 1] = ' ';
                i += 2;
                *in_block = false;
            } else {
                chars[i] = ' ';
                i += 1;
            }
            continue;
        }
        let c = chars[i];
        if in_str {
            if c == '\\' {
                i += 2;
                continue;
            }
            if c == '"' {
                in_str = false;
            }
            i += 1;
            continue;
        }
        if c == '"' {
            in_str = true;
        } else if c == '/' && i + 1 < chars.len() && chars[i + 1] == '/' {
            for ch in chars.iter_mut().skip(i) {
                *ch = ' ';
            }
            break;
        } else if c == '/' && i + 1 < chars.len() && chars[i + 1] == '*' {
            chars[i] = ' ';
            chars[i + 1] = ' ';
            *in_block = true;
            i += 2;
            continue;
        }
        i += 1;
    }
    chars
}

/// An objdump symbol header starts a procedure: `.globl <name>` and the label `<name>:`.
fn objdump_header_stmts(name: String, line: usize, text: &str) -> [Stmt; 2] {
    let tok = |tok: Tok, raw: &str| Token {
        tok,
        col: 1,
        raw: raw.to_string(),
    };
    let stmt = |toks, text: String| Stmt {
        line,
        toks,
        text,
        addr: None,
        base: 0,
        lex_error: None,
    };
    [
        stmt(
            vec![
                tok(Tok::Ident(".globl".into()), ".globl"),
                tok(Tok::Ident(name.clone()), &name),
            ],
            String::new(),
        ),
        stmt(
            vec![
                tok(Tok::Ident(name.clone()), &name),
                tok(Tok::Punct(':'), ":"),
            ],
            text.trim().to_string(),
        ),
    ]
}

/// The statements of one line from character `start` on, split at `;` outside strings.
fn split_line(text: &str, start: usize, line: usize, addr: Option<u64>, out: &mut Vec<Stmt>) {
    let cs: Vec<char> = text.chars().collect();
    let mut seg_start = start;
    let mut in_str = false;
    for k in start..=cs.len() {
        let end = k == cs.len();
        if !end && cs[k] == '"' {
            in_str = !in_str;
        }
        if !(end || (!in_str && cs[k] == ';')) {
            continue;
        }
        let seg: String = cs[seg_start..k].iter().collect();
        if !seg.trim().is_empty() {
            let (toks, lex_error) = match tokenize(&seg, line, seg_start) {
                Ok(t) => (t, None),
                // Directive arguments (`.file 1 "x.c" md5 0x<128 bits>`) need not be tokens
                // asmgen understands: keep the directive name only.
                Err(_) if seg.trim_start().starts_with('.') => {
                    let lead = seg.len() - seg.trim_start().len();
                    let word: String = seg
                        .trim_start()
                        .chars()
                        .take_while(|c| !c.is_whitespace())
                        .collect();
                    let t = Token {
                        tok: Tok::Ident(word.clone()),
                        col: seg_start + lead + 1,
                        raw: word,
                    };
                    (vec![t], None)
                }
                Err(e) => (vec![], Some(e)),
            };
            out.push(Stmt {
                line,
                toks,
                text: seg,
                addr,
                base: seg_start,
                lex_error,
            });
        }
        seg_start = k + 1;
    }
}

/// `   1c:\td2800020 \tmov\tx0, #0x1` → (0x1c, offset of `mov`).
fn objdump_insn_prefix(text: &str) -> Option<(u64, usize)> {
    let t = text.trim_start();
    let lead = text.len() - t.len();
    let colon = t.find(':')?;
    let addr_s = &t[..colon];
    if addr_s.is_empty() || !addr_s.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let rest = &t[colon + 1..];
    if !rest.starts_with('\t') && !rest.starts_with(' ') {
        return None;
    }
    let r2 = rest.trim_start();
    let enc_len = r2.find(|c: char| c.is_whitespace()).unwrap_or(r2.len());
    let enc = &r2[..enc_len];
    if enc.len() != 8 || !enc.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let a = u64::from_str_radix(addr_s, 16).ok()?;
    let off = lead + colon + 1 + (rest.len() - r2.len()) + enc_len;
    Some((a, off))
}

/// `0000000000000000 <foo>:` → `foo`.
fn objdump_symbol_header(text: &str) -> Option<String> {
    let t = text.trim();
    let sp = t.find(' ')?;
    let (a, rest) = t.split_at(sp);
    if a.len() < 8 || !a.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let rest = rest.trim();
    let inner = rest.strip_prefix('<')?.strip_suffix(">:")?;
    Some(inner.to_string())
}

/// Tokenize one statement; `base` is the 0-based offset of `seg` in its line.
pub fn tokenize(seg: &str, line: usize, base: usize) -> Result<Vec<Token>, AsmError> {
    let cs: Vec<char> = seg.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        let col = base + i + 1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_ascii_digit() {
            let st = i;
            while i < cs.len() && (cs[i].is_ascii_alphanumeric() || cs[i] == '_') {
                i += 1;
            }
            let s: String = cs[st..i].iter().collect();
            let tok = parse_number(&s)
                .map(Tok::Int)
                .or_else(|| local_ref(&s))
                .or_else(|| {
                    // objdump prints branch targets as bare hex.
                    s.chars()
                        .all(|c| c.is_ascii_hexdigit())
                        .then(|| Tok::Ident(s.clone()))
                })
                .ok_or_else(|| {
                    AsmError::new(
                        ErrorCode::BadImmediate,
                        line,
                        col,
                        format!("bad number `{s}`"),
                    )
                })?;
            toks.push(Token { tok, col, raw: s });
            continue;
        }
        if is_ident_start(c) {
            let st = i;
            while i < cs.len() && is_ident_char(cs[i]) {
                i += 1;
            }
            let s: String = cs[st..i].iter().collect();
            toks.push(Token {
                tok: Tok::Ident(s.clone()),
                col,
                raw: s,
            });
            continue;
        }
        if c == '"' {
            let mut s = String::new();
            i += 1;
            while i < cs.len() && cs[i] != '"' {
                if cs[i] == '\\' && i + 1 < cs.len() {
                    i += 1;
                }
                s.push(cs[i]);
                i += 1;
            }
            if i >= cs.len() {
                return Err(AsmError::new(
                    ErrorCode::Lex,
                    line,
                    col,
                    "unterminated string",
                ));
            }
            i += 1;
            toks.push(Token {
                raw: format!("{s:?}"),
                tok: Tok::Str(s),
                col,
            });
            continue;
        }
        if "#,[]!:-+(){}=<>|&~*/^%@\\".contains(c) {
            toks.push(Token {
                tok: Tok::Punct(c),
                col,
                raw: c.to_string(),
            });
            i += 1;
            continue;
        }
        return Err(AsmError::new(
            ErrorCode::Lex,
            line,
            col,
            format!("unexpected character `{c}`"),
        ));
    }
    Ok(toks)
}

/// Decimal, `0x` hex and `0b` binary, exactly (no decimal-as-hex confusion).
pub fn parse_number(s: &str) -> Option<i128> {
    let s = s.replace('_', "");
    if let Some(h) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        if h.is_empty() {
            return None;
        }
        return i128::from_str_radix(h, 16).ok();
    }
    if let Some(b) = s.strip_prefix("0b").or_else(|| s.strip_prefix("0B")) {
        if b.is_empty() {
            return None;
        }
        return i128::from_str_radix(b, 2).ok();
    }
    if s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok();
    }
    None
}

fn local_ref(s: &str) -> Option<Tok> {
    let (num, dir) = s.split_at(s.len() - 1);
    if num.is_empty() || !num.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    match dir {
        "b" | "B" => Some(Tok::LocalRef(num.parse().ok()?, true)),
        "f" | "F" => Some(Tok::LocalRef(num.parse().ok()?, false)),
        _ => None,
    }
}
