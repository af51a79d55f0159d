//! LLVM inline-asm call sites → named asm procedures, without a cross compiler or objdump.
//!
//! The template is instantiated with the operands described by the constraint string (registers
//! are assigned here, immediates substituted, memory operands become `[xN]`, tied operands share
//! their register, `${N:w}`/`${N:x}` select the view, `rZ` with a zero constant becomes `xzr`/`wzr`),
//! then a small assembler-directive interpreter expands what kernel headers put into templates
//! (`.if`, `.irp`, `.equ`, `.macro`/`.endm`/`.purgem`, `.inst` of MRS/MSR words, alternatives in
//! `.pushsection`/`.subsection`…`.previous`, `.org`), and the result is parsed as ordinary assembly.
//! Alternatives are modelled by their default (non-patched) instructions.

use crate::ast::{Procedure, Program};
use crate::error::{AsmError, ErrorCode};
use crate::lexer::{tokenize, Tok, Token};
use std::collections::{BTreeMap, BTreeSet};

/// The LLVM type of an operand or result, as far as asm instantiation needs it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum AsmType {
    /// `iN`
    Int(u32),
    /// any pointer
    Ptr,
    /// anything else (floats, vectors, structs): not supported as an operand
    Other(String),
}

/// The value passed for an input operand.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum AsmValue {
    /// an integer constant (`i64 24`)
    Const(i128),
    /// an SSA local (`%x`), global (`@g`) or any other non-constant value, by its printed name
    Value(String),
}

/// One call argument of the inline-asm call.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AsmArg {
    pub ty: AsmType,
    pub value: AsmValue,
}

/// An inline-asm call site: what `call <ret> asm [sideeffect] "<template>", "<constraints>"(<args>)`
/// says. `template` is the unescaped string (real newlines and tabs).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct InlineAsmSite {
    pub template: String,
    pub constraints: String,
    pub side_effect: bool,
    /// The call's result types: empty for `void`, one entry for a scalar, several for a struct.
    pub results: Vec<AsmType>,
    pub args: Vec<AsmArg>,
}

/// How one constraint operand is bound in the instantiated procedure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Binding {
    /// A direct output: the call's result number `result` is read from register `reg` afterwards.
    OutReg {
        operand: usize,
        result: usize,
        reg: u8,
    },
    /// An input in a register: call argument `arg` is written to register `reg` (zero-extended) before.
    InReg { operand: usize, arg: usize, reg: u8 },
    /// An input substituted as an immediate (or as the zero register for `rZ` with 0).
    InImm {
        operand: usize,
        arg: usize,
        value: i128,
    },
    /// A memory operand (`m`, `Q`, `=*Q`, `*Q`): the pointer argument `arg` is written to `reg`.
    Mem { operand: usize, arg: usize, reg: u8 },
}

/// The result of instantiation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlineAsmProc {
    /// Stable, content-derived name (`iasm_<16 hex digits>`).
    pub name: String,
    /// The instantiated assembly text that was parsed.
    pub text: String,
    pub procedure: Procedure,
    pub bindings: Vec<Binding>,
    /// `~{...}` clobbers, e.g. `memory`, `cc`, `x14`.
    pub clobbers: Vec<String>,
    pub side_effect: bool,
}

fn err(msg: impl Into<String>) -> AsmError {
    AsmError::new(ErrorCode::InlineAsm, 1, 1, msg)
}

/// Undo LLVM string escapes (`\0A`, `\09`, `\22`, `\\`).
pub fn unescape_llvm(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 2 < b.len() + 1 {
            if i + 1 < b.len() && b[i + 1] == b'\\' {
                out.push(b'\\');
                i += 2;
                continue;
            }
            if i + 2 < b.len() {
                if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                    out.push(v);
                    i += 3;
                    continue;
                }
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// 64-bit FNV-1a: stable across Rust versions and platforms (unlike `DefaultHasher`).
fn fnv1a(data: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in data {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[derive(Clone, Debug)]
struct Constraint {
    output: bool,
    indirect: bool,
    codes: String,
    tied: Option<usize>,
}

fn parse_constraints(s: &str) -> Result<(Vec<Constraint>, Vec<String>), AsmError> {
    let mut ops = Vec::new();
    let mut clobbers = Vec::new();
    if s.is_empty() {
        return Ok((ops, clobbers));
    }
    for part in s.split(',') {
        if let Some(c) = part.strip_prefix("~{").and_then(|r| r.strip_suffix('}')) {
            clobbers.push(c.to_string());
            continue;
        }
        let mut p = part;
        let output = p.starts_with('=');
        if output {
            p = &p[1..];
        }
        p = p.trim_start_matches('&');
        let indirect = p.starts_with('*');
        if indirect {
            p = &p[1..];
        }
        let tied = if !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()) {
            Some(
                p.parse::<usize>()
                    .map_err(|_| err(format!("bad tied constraint `{part}`")))?,
            )
        } else {
            None
        };
        ops.push(Constraint {
            output,
            indirect,
            codes: p.to_string(),
            tied,
        });
    }
    Ok((ops, clobbers))
}

fn type_bits(t: &AsmType) -> Result<u32, AsmError> {
    match t {
        AsmType::Int(n) => Ok(*n),
        AsmType::Ptr => Ok(64),
        AsmType::Other(s) => Err(err(format!("operand type `{s}` is not supported"))),
    }
}

/// How operand N prints in the template.
#[derive(Clone, Debug)]
enum Print {
    Reg { reg: u8, bits: u32 },
    Zero { bits: u32 },
    Imm(i128),
    Mem(u8),
}

/// Instantiate an inline-asm call site into a named procedure.
pub fn instantiate(site: &InlineAsmSite) -> Result<InlineAsmProc, AsmError> {
    let (cons, clobbers) = parse_constraints(&site.constraints)?;
    // Registers the template names literally or clobbers are not available for operands.
    let mut used: BTreeSet<u8> = BTreeSet::new();
    for c in &clobbers {
        if let Some(n) = c
            .strip_prefix('x')
            .or_else(|| c.strip_prefix('w'))
            .and_then(|n| n.parse::<u8>().ok())
        {
            used.insert(n);
        }
    }
    if let Ok(toks) = tokenize(&site.template.replace(['\n', ';'], " "), 1, 0) {
        for t in toks {
            if let Tok::Ident(s) = &t.tok {
                let l = s.to_ascii_lowercase();
                if let Some(n) = l
                    .strip_prefix('x')
                    .or_else(|| l.strip_prefix('w'))
                    .and_then(|n| n.parse::<u8>().ok())
                {
                    if n <= 30 {
                        used.insert(n);
                    }
                }
            }
        }
    }
    let mut pool = (0u8..=17).filter(|r| !used.contains(r));
    let mut next_reg = || {
        pool.next()
            .ok_or_else(|| err("out of registers for operands"))
    };

    let mut prints: Vec<Print> = Vec::new();
    let mut bindings = Vec::new();
    let mut arg_i = 0usize;
    let mut result_i = 0usize;
    for (k, c) in cons.iter().enumerate() {
        if c.output && !c.indirect {
            // Direct output: a call result.
            let ty = site
                .results
                .get(result_i)
                .ok_or_else(|| err(format!("operand {k}: no result type for output")))?;
            let bits = type_bits(ty)?;
            if !c.codes.contains('r') {
                return Err(err(format!(
                    "operand {k}: output constraint `{}` not supported",
                    c.codes
                )));
            }
            let reg = next_reg()?;
            prints.push(Print::Reg { reg, bits });
            bindings.push(Binding::OutReg {
                operand: k,
                result: result_i,
                reg,
            });
            result_i += 1;
            continue;
        }
        let arg = site
            .args
            .get(arg_i)
            .ok_or_else(|| err(format!("operand {k}: missing call argument {arg_i}")))?;
        let this_arg = arg_i;
        arg_i += 1;
        if c.indirect || c.codes.contains('m') || c.codes.contains('Q') {
            let reg = next_reg()?;
            prints.push(Print::Mem(reg));
            bindings.push(Binding::Mem {
                operand: k,
                arg: this_arg,
                reg,
            });
            continue;
        }
        if let Some(t) = c.tied {
            let p = prints
                .get(t)
                .cloned()
                .ok_or_else(|| err(format!("operand {k}: tied to unknown operand {t}")))?;
            let Print::Reg { reg, .. } = p else {
                return Err(err(format!("operand {k}: tied to a non-register operand")));
            };
            prints.push(p);
            bindings.push(Binding::InReg {
                operand: k,
                arg: this_arg,
                reg,
            });
            continue;
        }
        let bits = type_bits(&arg.ty)?;
        let imm_ok = c.codes.chars().any(|ch| "inIJKLMNS".contains(ch));
        match (&arg.value, imm_ok, c.codes.contains('Z')) {
            (AsmValue::Const(0), _, true) => {
                prints.push(Print::Zero { bits });
                bindings.push(Binding::InImm {
                    operand: k,
                    arg: this_arg,
                    value: 0,
                });
            }
            (AsmValue::Const(v), true, _) => {
                prints.push(Print::Imm(*v));
                bindings.push(Binding::InImm {
                    operand: k,
                    arg: this_arg,
                    value: *v,
                });
            }
            _ if c.codes.contains('r') => {
                let reg = next_reg()?;
                prints.push(Print::Reg { reg, bits });
                bindings.push(Binding::InReg {
                    operand: k,
                    arg: this_arg,
                    reg,
                });
            }
            _ => {
                return Err(err(format!(
                    "operand {k}: constraint `{}` not supported",
                    c.codes
                )))
            }
        }
    }
    if arg_i != site.args.len() {
        return Err(err(format!(
            "{} call arguments but {} operands use arguments",
            site.args.len(),
            arg_i
        )));
    }
    let substituted = substitute(&site.template, &prints)?;
    let text = expand_directives(&substituted)?;
    // Stable name from everything that determines the procedure.
    let mut key = text.clone();
    key.push('\u{0}');
    key.push_str(&format!("{bindings:?}{clobbers:?}{}", site.side_effect));
    let name = format!("iasm_{:016x}", fnv1a(key.as_bytes()));
    let prog: Program = crate::parse_program(&text, &name).map_err(|e| {
        AsmError::new(
            e.code,
            e.line,
            e.col,
            format!(
                "{} (in instantiated inline asm `{}`)",
                e.msg,
                text.replace('\n', "; ")
            ),
        )
    })?;
    if let Some(w) = prog.warnings.first() {
        return Err(err(format!(
            "unsupported directive in inline asm: {}",
            w.msg
        )));
    }
    let mut procedure = match prog.procedures.len() {
        0 => Procedure {
            name: name.clone(),
            body: vec![],
            labels: vec![],
        },
        1 => prog.procedures.into_iter().next().expect("one"),
        _ => return Err(err("inline asm defines a global label")),
    };
    procedure.name = name.clone();
    Ok(InlineAsmProc {
        name,
        text,
        procedure,
        bindings,
        clobbers,
        side_effect: site.side_effect,
    })
}

fn reg_name(reg: u8, x: bool) -> String {
    format!("{}{}", if x { 'x' } else { 'w' }, reg)
}

/// Replace `$N`, `${N}`, `${N:mod}` and `$$`.
fn substitute(t: &str, prints: &[Print]) -> Result<String, AsmError> {
    let cs: Vec<char> = t.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < cs.len() {
        if cs[i] != '$' {
            out.push(cs[i]);
            i += 1;
            continue;
        }
        if i + 1 < cs.len() && cs[i + 1] == '$' {
            out.push('$');
            i += 2;
            continue;
        }
        let (num, modifier, next) = if i + 1 < cs.len() && cs[i + 1] == '{' {
            let close = cs[i..]
                .iter()
                .position(|&c| c == '}')
                .ok_or_else(|| err("unterminated ${"))?
                + i;
            let inner: String = cs[i + 2..close].iter().collect();
            let (n, m) = match inner.split_once(':') {
                Some((n, m)) => (n.to_string(), Some(m.to_string())),
                None => (inner, None),
            };
            (n, m, close + 1)
        } else {
            let mut j = i + 1;
            while j < cs.len() && cs[j].is_ascii_digit() {
                j += 1;
            }
            (cs[i + 1..j].iter().collect::<String>(), None, j)
        };
        let n: usize = num
            .parse()
            .map_err(|_| err(format!("bad operand reference `${num}`")))?;
        let p = prints
            .get(n)
            .ok_or_else(|| err(format!("operand ${n} does not exist")))?;
        let s = match (p, modifier.as_deref()) {
            (Print::Reg { reg, bits }, None) => reg_name(*reg, *bits != 32),
            (Print::Reg { reg, .. }, Some("x")) => reg_name(*reg, true),
            (Print::Reg { reg, .. }, Some("w")) => reg_name(*reg, false),
            (Print::Zero { bits }, None) => (if *bits == 32 { "wzr" } else { "xzr" }).to_string(),
            (Print::Zero { .. }, Some("x")) => "xzr".to_string(),
            (Print::Zero { .. }, Some("w")) => "wzr".to_string(),
            (Print::Imm(v), None) | (Print::Imm(v), Some("c")) => v.to_string(),
            (Print::Mem(r), None) => format!("[x{r}]"),
            (_, Some(m)) => {
                return Err(err(format!(
                    "operand modifier `{m}` is not supported for ${n}"
                )))
            }
        };
        out.push_str(&s);
        i = next;
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Directive interpreter for templates

fn split_stmts(text: &str) -> Vec<String> {
    let mut v = Vec::new();
    for line in text.lines() {
        let mut cur = String::new();
        let mut in_str = false;
        for c in line.chars() {
            if c == '"' {
                in_str = !in_str;
            }
            if c == ';' && !in_str {
                v.push(std::mem::take(&mut cur));
            } else {
                cur.push(c);
            }
        }
        v.push(cur);
    }
    v.into_iter().map(|s| s.trim().to_string()).collect()
}

/// Split `a, b(c, d), e` at top-level commas.
fn split_args(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if c == ',' && depth == 0 {
            out.push(cur.trim().to_string());
            cur.clear();
        } else {
            cur.push(c);
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

/// Evaluate an assembler expression with symbols.
fn eval_expr(s: &str, syms: &BTreeMap<String, i128>) -> Result<i128, AsmError> {
    let toks = tokenize(s, 1, 0)?;
    let mut p = 0usize;
    let v = ev_bin(&toks, &mut p, 0, syms)?;
    if p != toks.len() {
        return Err(err(format!("cannot evaluate `{s}`")));
    }
    Ok(v)
}

fn ev_op(toks: &[Token], p: usize) -> Option<(u8, &'static str)> {
    let c = |k: usize| match toks.get(p + k).map(|t| &t.tok) {
        Some(Tok::Punct(c)) => Some(*c),
        _ => None,
    };
    Some(match (c(0)?, c(1)) {
        ('|', Some('|')) => (0, "||"),
        ('|', _) => (1, "|"),
        ('^', _) => (2, "^"),
        ('&', Some('&')) => (0, "&&"),
        ('&', _) => (3, "&"),
        ('=', Some('=')) => (4, "=="),
        ('!', Some('=')) => (4, "!="),
        ('<', Some('<')) => (6, "<<"),
        ('>', Some('>')) => (6, ">>"),
        ('<', _) => (5, "<"),
        ('>', _) => (5, ">"),
        ('+', _) => (7, "+"),
        ('-', _) => (7, "-"),
        ('*', _) => (8, "*"),
        ('/', _) => (8, "/"),
        _ => return None,
    })
}

fn ev_bin(
    toks: &[Token],
    p: &mut usize,
    min: u8,
    syms: &BTreeMap<String, i128>,
) -> Result<i128, AsmError> {
    let mut l = ev_un(toks, p, syms)?;
    while let Some((prec, op)) = ev_op(toks, *p) {
        if prec < min {
            break;
        }
        *p += op.len();
        let r = ev_bin(toks, p, prec + 1, syms)?;
        l = match op {
            "||" => i128::from(l != 0 || r != 0),
            "&&" => i128::from(l != 0 && r != 0),
            "|" => l | r,
            "^" => l ^ r,
            "&" => l & r,
            "==" => i128::from(l == r),
            "!=" => i128::from(l != r),
            "<" => i128::from(l < r),
            ">" => i128::from(l > r),
            "<<" if (0..100).contains(&r) => l << r,
            ">>" if (0..100).contains(&r) => l >> r,
            "+" => l + r,
            "-" => l - r,
            "*" => l * r,
            "/" if r != 0 => l / r,
            _ => return Err(err("invalid expression")),
        };
    }
    Ok(l)
}

fn ev_un(toks: &[Token], p: &mut usize, syms: &BTreeMap<String, i128>) -> Result<i128, AsmError> {
    let t = toks
        .get(*p)
        .ok_or_else(|| err("unexpected end of expression"))?;
    *p += 1;
    match &t.tok {
        Tok::Int(v) => Ok(*v),
        Tok::Punct('-') => Ok(-ev_un(toks, p, syms)?),
        Tok::Punct('~') => Ok(!ev_un(toks, p, syms)?),
        Tok::Punct('!') => Ok(i128::from(ev_un(toks, p, syms)? == 0)),
        Tok::Punct('(') => {
            let v = ev_bin(toks, p, 0, syms)?;
            match toks.get(*p) {
                Some(Token {
                    tok: Tok::Punct(')'),
                    ..
                }) => {
                    *p += 1;
                    Ok(v)
                }
                _ => Err(err("expected `)`")),
            }
        }
        Tok::Ident(s) => syms
            .get(s)
            .copied()
            .ok_or_else(|| err(format!("unknown symbol `{s}`"))),
        _ => Err(err(format!("unexpected `{}` in expression", t.raw))),
    }
}

struct Macro {
    params: Vec<String>,
    body: Vec<String>,
}

/// Replace identifiers defined with `.equ`/`.set` by their values (whole words only).
fn subst_syms(line: &str, syms: &BTreeMap<String, i128>) -> String {
    if syms.is_empty() {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len());
    let mut word = String::new();
    let is_id = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '$';
    for c in line.chars().chain(std::iter::once('\n')) {
        if is_id(c) {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            match syms.get(&word) {
                Some(v) if !word.starts_with(|d: char| d.is_ascii_digit()) => {
                    out.push_str(&v.to_string())
                }
                _ => out.push_str(&word),
            }
            word.clear();
        }
        if c != '\n' {
            out.push(c);
        }
    }
    out
}

fn first_word(s: &str) -> (&str, &str) {
    let s = s.trim();
    match s.find(|c: char| c.is_whitespace()) {
        Some(i) => (&s[..i], s[i..].trim()),
        None => (s, ""),
    }
}

fn subst_params(line: &str, params: &[String], args: &[String]) -> String {
    let mut out = line.to_string();
    // Longest names first so `\num` does not clobber `\number`.
    let mut idx: Vec<usize> = (0..params.len()).collect();
    idx.sort_by_key(|&i| std::cmp::Reverse(params[i].len()));
    for i in idx {
        out = out.replace(
            &format!("\\{}", params[i]),
            args.get(i).map(String::as_str).unwrap_or(""),
        );
    }
    out.replace("\\()", "")
}

/// Expand the directives kernel templates use; return plain assembly text.
pub fn expand_directives(text: &str) -> Result<String, AsmError> {
    expand(text, false)
}

/// The same expansion for whole assembly files (`autov asmgen --expand-macros`): comments are
/// removed first, and directives the expander does not interpret are passed through to the parser.
pub fn expand_macros_in_file(text: &str) -> Result<String, AsmError> {
    expand(&strip_comments(text), true)
}

fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let cs: Vec<char> = text.chars().collect();
    let (mut i, mut in_str, mut line_start) = (0, false, true);
    while i < cs.len() {
        let c = cs[i];
        if in_str {
            out.push(c);
            if c == '\\' && i + 1 < cs.len() {
                out.push(cs[i + 1]);
                i += 1;
            } else if c == '"' {
                in_str = false;
            }
            i += 1;
            continue;
        }
        if line_start && c == '#' {
            while i < cs.len() && cs[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if c == '/' && cs.get(i + 1) == Some(&'/') {
            while i < cs.len() && cs[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if c == '/' && cs.get(i + 1) == Some(&'*') {
            i += 2;
            while i < cs.len() && !(cs[i] == '*' && cs.get(i + 1) == Some(&'/')) {
                if cs[i] == '\n' {
                    out.push('\n'); // keep line structure
                }
                i += 1;
            }
            i += 2;
            out.push(' ');
            continue;
        }
        if c == '"' {
            in_str = true;
        }
        if c == '\n' {
            line_start = true;
        } else if !c.is_whitespace() {
            line_start = false;
        }
        out.push(c);
        i += 1;
    }
    out
}

fn expand(text: &str, file_mode: bool) -> Result<String, AsmError> {
    let mut syms: BTreeMap<String, i128> = BTreeMap::new();
    let mut macros: BTreeMap<String, Macro> = BTreeMap::new();
    let mut out = Vec::new();
    let mut work: Vec<String> = split_stmts(text);
    work.reverse(); // used as a stack
    let mut cond: Vec<bool> = Vec::new();
    let mut section_depth = 0usize; // inside .pushsection
    let mut in_subsection = false;
    let mut guard = 0usize;
    let limit = 100 * work.len() + 100_000;
    while let Some(stmt) = work.pop() {
        guard += 1;
        if guard > limit {
            return Err(err("directive expansion does not terminate"));
        }
        if stmt.is_empty() {
            continue;
        }
        // Labels in front of a statement.
        let mut rest = stmt.as_str();
        let mut labels = Vec::new();
        loop {
            let (w, r) = first_word(rest);
            if let Some(l) = w.strip_suffix(':') {
                if !l.is_empty()
                    && l.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
                {
                    labels.push(l.to_string());
                    rest = r;
                    continue;
                }
            }
            // `661:\tldr` without a space after the colon
            if let Some(pos) = w.find(':') {
                let l = &w[..pos];
                if pos > 0 && l.chars().all(|c| c.is_ascii_digit()) {
                    labels.push(l.to_string());
                    rest = rest.trim()[pos + 1..].trim();
                    continue;
                }
            }
            break;
        }
        let (word, args) = first_word(rest);
        let active = cond.iter().all(|&c| c) && section_depth == 0 && !in_subsection;
        // Conditionals and sections are tracked even when inactive.
        match word {
            ".if" => {
                let v = if cond.iter().all(|&c| c) {
                    eval_expr(args, &syms)? != 0
                } else {
                    false
                };
                cond.push(v);
                continue;
            }
            ".else" => {
                let v = cond.pop().ok_or_else(|| err(".else without .if"))?;
                cond.push(!v);
                continue;
            }
            ".endif" => {
                cond.pop().ok_or_else(|| err(".endif without .if"))?;
                continue;
            }
            ".pushsection" => {
                section_depth += 1;
                continue;
            }
            ".popsection" => {
                section_depth = section_depth
                    .checked_sub(1)
                    .ok_or_else(|| err(".popsection without .pushsection"))?;
                continue;
            }
            ".subsection" => {
                in_subsection = eval_expr(args, &syms)? != 0;
                continue;
            }
            ".previous" => {
                in_subsection = false;
                continue;
            }
            _ => {}
        }
        if !active {
            continue;
        }
        if !labels.is_empty() {
            out.push(
                labels
                    .iter()
                    .map(|l| format!("{l}:"))
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
        match word {
            "" => {}
            ".irp" => {
                let a = split_args(args);
                let (param, vals) = a
                    .split_first()
                    .ok_or_else(|| err(".irp without a parameter"))?;
                let (param, first_val) = match param.split_once(|c: char| c.is_whitespace()) {
                    Some((p, v)) => (p.to_string(), Some(v.trim().to_string())),
                    None => (param.clone(), None),
                };
                let mut body = Vec::new();
                let mut depth = 1;
                while let Some(s) = work.pop() {
                    let (w, _) = first_word(&s);
                    if w == ".irp" || w == ".irpc" || w == ".rept" {
                        depth += 1;
                    }
                    if w == ".endr" {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    body.push(s);
                }
                let values: Vec<String> =
                    first_val.into_iter().chain(vals.iter().cloned()).collect();
                let mut expanded = Vec::new();
                for v in &values {
                    for b in &body {
                        expanded.push(subst_params(
                            b,
                            std::slice::from_ref(&param),
                            std::slice::from_ref(v),
                        ));
                    }
                }
                for e in expanded.into_iter().rev() {
                    work.push(e);
                }
            }
            ".equ" | ".set" => {
                let a = split_args(args);
                if a.len() != 2 {
                    return Err(err(format!("bad `{word} {args}`")));
                }
                let v = eval_expr(&a[1], &syms)?;
                syms.insert(a[0].clone(), v);
            }
            ".macro" => {
                let a: Vec<String> = args
                    .split(|c: char| c == ',' || c.is_whitespace())
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect();
                let (name, params) = a
                    .split_first()
                    .ok_or_else(|| err(".macro without a name"))?;
                let mut body = Vec::new();
                loop {
                    let s = work.pop().ok_or_else(|| err(".macro without .endm"))?;
                    if first_word(&s).0 == ".endm" {
                        break;
                    }
                    body.push(s);
                }
                macros.insert(
                    name.clone(),
                    Macro {
                        params: params.to_vec(),
                        body,
                    },
                );
            }
            ".purgem" => {
                macros.remove(args.trim());
            }
            ".org" => {}
            ".align" | ".balign" | ".p2align" if !file_mode => {}
            ".inst" => {
                let w = eval_expr(args, &syms)?;
                out.push(decode_inst(w)?);
            }
            _ if macros.contains_key(word) => {
                let m = &macros[word];
                let a = split_args(args);
                let lines: Vec<String> = m
                    .body
                    .iter()
                    .map(|b| subst_params(b, &m.params, &a))
                    .collect();
                for l in lines.into_iter().rev() {
                    work.push(l);
                }
            }
            _ if word.starts_with('.') && file_mode => out.push(rest.to_string()),
            _ if word.starts_with('.') => {
                return Err(err(format!(
                    "directive `{word}` is not supported in inline asm"
                )));
            }
            _ => out.push(subst_syms(rest, &syms)),
        }
    }
    if !cond.is_empty() || section_depth != 0 {
        return Err(err("unbalanced .if or .pushsection"));
    }
    Ok(out.join("\n"))
}

/// Decode an `.inst` word into assembly text. Only the system-register moves kernels emit this
/// way (MRS/MSR by encoding) are supported.
pub fn decode_inst(w: i128) -> Result<String, AsmError> {
    if !(0..=0xffff_ffff).contains(&w) {
        return Err(err(format!(".inst value {w:#x} is not a 32-bit word")));
    }
    let w = w as u32;
    let rt = w & 31;
    let rn = if rt == 31 {
        "xzr".to_string()
    } else {
        format!("x{rt}")
    };
    let sr = format!(
        "s{}_{}_c{}_c{}_{}",
        2 + ((w >> 19) & 1),
        (w >> 16) & 7,
        (w >> 12) & 15,
        (w >> 8) & 15,
        (w >> 5) & 7
    );
    match w & 0xfff0_0000 {
        0xd530_0000 => Ok(format!("mrs {rn}, {sr}")),
        0xd510_0000 => Ok(format!("msr {sr}, {rn}")),
        _ => Err(err(format!(
            ".inst {w:#010x} is not an MRS/MSR encoding asmgen decodes"
        ))),
    }
}
