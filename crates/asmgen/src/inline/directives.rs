//! The assembler-directive interpreter for templates (and `--expand-macros` files): `.if/.else/
//! .endif`, `.irp/.endr`, `.equ/.set`, `.macro/.endm/.purgem`, `.inst` of MRS/MSR words,
//! `.pushsection`…`.popsection` and `.subsection`…`.previous` (alternative replacements: the
//! default instructions are kept), `.org/.align`. Expressions are evaluated by [`crate::expr`].

use super::err;
use crate::error::AsmError;
use crate::expr::{Eval, Prec, Value};
use crate::lexer::tokenize;
use std::collections::BTreeMap;

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

/// Evaluate a directive argument (`.if`, `.equ`, `.inst`, `.subsection`) with the `.equ`
/// symbols.
fn eval_expr(s: &str, syms: &BTreeMap<String, Value>) -> Result<Value, AsmError> {
    let toks = tokenize(s, 1, 0)?;
    let lookup = |name: &str| syms.get(name).copied();
    let mut ev = Eval::new(&toks, 0, s.chars().count() + 1, Some(&lookup));
    let v = ev.expr(Prec::LOr).map_err(|e| err(e.kind.to_string()))?;
    if ev.pos != toks.len() {
        return Err(err(format!("cannot evaluate `{s}`")));
    }
    Ok(v)
}

struct Macro {
    params: Vec<String>,
    body: Vec<String>,
}

/// Replace identifiers defined with `.equ`/`.set` by their values (whole words only).
/// Replace identifiers defined with `.equ`/`.set` by their values (whole words only).
fn subst_syms(line: &str, syms: &BTreeMap<String, i64>) -> String {
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
    Expander::new(text, false).run()
}

/// The same expansion for whole assembly files (`autov asmgen --expand-macros`): comments are
/// removed first, and directives the expander does not interpret are passed through to the parser.
pub fn expand_macros_in_file(text: &str) -> Result<String, AsmError> {
    Expander::new(&strip_comments(text), true).run()
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

/// The labels in front of a statement (`a: b: insn`, `661:\tldr`), and the rest.
fn split_labels(stmt: &str) -> (Vec<String>, &str) {
    let mut rest = stmt;
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
        return (labels, rest);
    }
}

/// The state of one expansion: statements still to expand (a stack, so that macro and `.irp`
/// bodies are expanded in place), the output, symbols, macros, and the conditional and section
/// nesting.
struct Expander {
    work: Vec<String>,
    out: Vec<String>,
    syms: BTreeMap<String, Value>,
    macros: BTreeMap<String, Macro>,
    cond: Vec<bool>,
    /// Inside `.pushsection`.
    section_depth: usize,
    in_subsection: bool,
    /// Whole files: unknown directives pass through, `.align` is kept.
    file_mode: bool,
}

impl Expander {
    fn new(text: &str, file_mode: bool) -> Expander {
        let mut work = split_stmts(text);
        work.reverse(); // used as a stack
        Expander {
            work,
            out: vec![],
            syms: BTreeMap::new(),
            macros: BTreeMap::new(),
            cond: vec![],
            section_depth: 0,
            in_subsection: false,
            file_mode,
        }
    }

    fn run(mut self) -> Result<String, AsmError> {
        let limit = 100 * self.work.len() + 100_000;
        let mut steps = 0usize;
        while let Some(stmt) = self.work.pop() {
            steps += 1;
            if steps > limit {
                return Err(err("directive expansion does not terminate"));
            }
            if !stmt.is_empty() {
                self.statement(&stmt)?;
            }
        }
        if !self.cond.is_empty() || self.section_depth != 0 {
            return Err(err("unbalanced .if or .pushsection"));
        }
        Ok(self.out.join("\n"))
    }

    fn statement(&mut self, stmt: &str) -> Result<(), AsmError> {
        let (labels, rest) = split_labels(stmt);
        let (word, args) = first_word(rest);
        let active = self.cond.iter().all(|&c| c) && self.section_depth == 0 && !self.in_subsection;
        // Conditionals and sections are tracked even when inactive.
        if self.nesting(word, args)? || !active {
            return Ok(());
        }
        if !labels.is_empty() {
            let ls: Vec<String> = labels.iter().map(|l| format!("{l}:")).collect();
            self.out.push(ls.join(" "));
        }
        match word {
            "" | ".org" => {}
            ".align" | ".balign" | ".p2align" if !self.file_mode => {}
            ".irp" => self.irp(args)?,
            ".equ" | ".set" => {
                let a = split_args(args);
                if a.len() != 2 {
                    return Err(err(format!("bad `{word} {args}`")));
                }
                let v = eval_expr(&a[1], &self.syms)?;
                self.syms.insert(a[0].clone(), v);
            }
            ".macro" => self.define_macro(args)?,
            ".purgem" => {
                self.macros.remove(args.trim());
            }
            ".inst" => {
                let w = eval_expr(args, &self.syms)?;
                self.out.push(decode_inst(w)?);
            }
            _ if self.macros.contains_key(word) => self.call_macro(word, args),
            _ if word.starts_with('.') && self.file_mode => self.out.push(rest.to_string()),
            _ if word.starts_with('.') => {
                return Err(err(format!(
                    "directive `{word}` is not supported in inline asm"
                )));
            }
            _ => self.out.push(subst_syms(rest, &self.syms)),
        }
        Ok(())
    }

    /// `.if/.else/.endif`, `.pushsection/.popsection`, `.subsection/.previous`; true if `word`
    /// was one of them.
    fn nesting(&mut self, word: &str, args: &str) -> Result<bool, AsmError> {
        match word {
            ".if" => {
                let v = if self.cond.iter().all(|&c| c) {
                    eval_expr(args, &self.syms)? != 0
                } else {
                    false
                };
                self.cond.push(v);
            }
            ".else" => {
                let v = self.cond.pop().ok_or_else(|| err(".else without .if"))?;
                self.cond.push(!v);
            }
            ".endif" => {
                self.cond.pop().ok_or_else(|| err(".endif without .if"))?;
            }
            ".pushsection" => self.section_depth += 1,
            ".popsection" => {
                self.section_depth = self
                    .section_depth
                    .checked_sub(1)
                    .ok_or_else(|| err(".popsection without .pushsection"))?;
            }
            ".subsection" => self.in_subsection = eval_expr(args, &self.syms)? != 0,
            ".previous" => self.in_subsection = false,
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// `.irp param, v1, v2 …` up to the matching `.endr`: the body once per value.
    fn irp(&mut self, args: &str) -> Result<(), AsmError> {
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
        while let Some(s) = self.work.pop() {
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
        let values: Vec<String> = first_val.into_iter().chain(vals.iter().cloned()).collect();
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
        self.work.extend(expanded.into_iter().rev());
        Ok(())
    }

    /// `.macro name params…` up to `.endm`.
    fn define_macro(&mut self, args: &str) -> Result<(), AsmError> {
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
            let s = self.work.pop().ok_or_else(|| err(".macro without .endm"))?;
            if first_word(&s).0 == ".endm" {
                break;
            }
            body.push(s);
        }
        self.macros.insert(
            name.clone(),
            Macro {
                params: params.to_vec(),
                body,
            },
        );
        Ok(())
    }

    /// A macro invocation: its body with the arguments substituted, expanded in place.
    fn call_macro(&mut self, word: &str, args: &str) {
        let m = &self.macros[word];
        let a = split_args(args);
        let lines: Vec<String> = m
            .body
            .iter()
            .map(|b| subst_params(b, &m.params, &a))
            .collect();
        self.work.extend(lines.into_iter().rev());
    }
}

/// Decode an `.inst` word into assembly text. Only the system-register moves kernels emit this
/// way (MRS/MSR by encoding) are supported.
pub fn decode_inst(w: i64) -> Result<String, AsmError> {
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
