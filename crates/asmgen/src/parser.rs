//! Program parser: statements are classified (labels, sections, directives, instructions), split
//! into procedures, each instruction is built ([`crate::build`]) and branch targets resolved.

use crate::ast::*;
use crate::build::{build, Ctx};
use crate::error::{AsmError, ErrorCode, Warning};
use crate::lexer::{split_statements, Stmt, Tok, Token};
use crate::operands::{parse_operands, R};
use std::collections::{BTreeSet, HashMap};

/// Labels defined before a statement, and the statement (None: labels at the end).
type Entry = (Vec<String>, Option<Stmt>);

/// Parse a whole assembly text.
pub fn parse_program(src: &str, default_name: &str) -> Result<Program, AsmError> {
    let (prog, errors) = parse_program_all(src, default_name)?;
    match errors.into_iter().next() {
        Some(e) => Err(e),
        None => Ok(prog),
    }
}

/// Parse everything that parses: a procedure with an error is left out and its (first) error
/// returned; the other procedures are kept. Errors are in source order.
pub fn parse_program_all(
    src: &str,
    default_name: &str,
) -> Result<(Program, Vec<AsmError>), AsmError> {
    let mut cl = Classifier::default();
    for st in split_statements(src)? {
        cl.statement(st)?;
    }
    let mut out = Program {
        procedures: Vec::new(),
        warnings: cl.warnings,
    };
    let mut errors = Vec::new();
    for (name, entries) in split_procedures(cl.items, &cl.entry_syms, default_name) {
        match build_procedure(name.clone(), entries) {
            Ok(p) => out.procedures.push(p),
            Err(e) => errors.push(e.in_procedure(&name)),
        }
    }
    errors.sort_by_key(|e| (e.line, e.col));
    Ok((out, errors))
}

/// A classified statement of a code section.
enum Item {
    Label(String),
    Insn(Stmt),
}

/// A section: its name and whether it holds code.
type Section = (String, bool);

/// Pass 1: statements → labels and instructions of code sections, the symbols that start
/// procedures, and warnings for what is skipped.
struct Classifier {
    items: Vec<Item>,
    entry_syms: BTreeSet<String>,
    warnings: Vec<Warning>,
    /// Only code sections are modelled; everything in other sections (data, debug info,
    /// alternative-instruction tables, .subsection replacements) is skipped, with one warning per
    /// section name.
    cur: Section,
    prev: Section,
    stack: Vec<Section>,
    warned: BTreeSet<String>,
}

impl Default for Classifier {
    fn default() -> Self {
        let text: Section = (".text".into(), true);
        Classifier {
            items: vec![],
            entry_syms: BTreeSet::new(),
            warnings: vec![],
            cur: text.clone(),
            prev: text,
            stack: vec![],
            warned: BTreeSet::new(),
        }
    }
}

impl Classifier {
    fn warn(&mut self, line: usize, col: usize, msg: String) {
        self.warnings.push(Warning {
            code: ErrorCode::UnsupportedDirective,
            line,
            col,
            msg,
        });
    }

    fn statement(&mut self, st: Stmt) -> R<()> {
        if st.lex_error.is_some() {
            if self.cur.1 {
                self.items.push(Item::Insn(st));
            }
            return Ok(());
        }
        let (labels, i) = leading_labels(&st.toks);
        if self.section_directive(&st, i) {
            return Ok(());
        }
        if !self.cur.1 {
            return Ok(());
        }
        self.items.extend(labels.into_iter().map(Item::Label));
        match st.toks.get(i).map(|t| &t.tok) {
            None => Ok(()),
            Some(Tok::Ident(d)) if d.starts_with('.') => self.directive(&st, i),
            Some(_) => {
                let mut st2 = st;
                st2.text = st2.text_from(i);
                st2.base = st2.toks[i].col - 1;
                st2.toks.drain(..i);
                self.items.push(Item::Insn(st2));
                Ok(())
            }
        }
    }

    /// Track `.text`, `.data`, `.section`, `.pushsection`/`.popsection`, `.previous`,
    /// `.subsection` at token `i`; true if the statement was one of them.
    fn section_directive(&mut self, st: &Stmt, i: usize) -> bool {
        let Some(Token {
            tok: Tok::Ident(d),
            col,
            ..
        }) = st.toks.get(i)
        else {
            return false;
        };
        let dl = d.to_ascii_lowercase();
        let arg_name = match st.toks.get(i + 1).map(|t| &t.tok) {
            Some(Tok::Ident(n)) | Some(Tok::Str(n)) => n.clone(),
            Some(Tok::Int(n)) => n.to_string(),
            _ => String::new(),
        };
        let flags = st.toks[i + 1..]
            .iter()
            .find_map(|t| match &t.tok {
                Tok::Str(f) => Some(f.clone()),
                _ => None,
            })
            .unwrap_or_default();
        let code_section =
            |n: &str, f: &str| n.starts_with(".text") || n.contains("text") || f.contains('x');
        let new = match dl.as_str() {
            ".text" => (".text".to_string(), true),
            ".data" | ".bss" | ".rodata" => (dl.clone(), false),
            ".section" => (arg_name.clone(), code_section(&arg_name, &flags)),
            ".pushsection" => {
                self.stack.push(self.cur.clone());
                (arg_name.clone(), code_section(&arg_name, &flags))
            }
            ".popsection" => self.stack.pop().unwrap_or_else(|| (".text".into(), true)),
            ".previous" => self.prev.clone(),
            ".subsection" => {
                let sub0 = arg_name.is_empty() || arg_name == "0";
                (
                    format!("{} (subsection {arg_name})", self.cur.0),
                    self.cur.1 && sub0,
                )
            }
            _ => return false,
        };
        if dl != ".popsection" && dl != ".pushsection" {
            self.prev = self.cur.clone();
        }
        if !new.1 && self.warned.insert(new.0.clone()) {
            let msg = format!("section `{}` skipped: only code is modelled", new.0);
            self.warn(st.line, *col, msg);
        }
        self.cur = new;
        true
    }

    /// A directive (not a section one) at token `i` in a code section.
    fn directive(&mut self, st: &Stmt, i: usize) -> R<()> {
        let toks = &st.toks;
        let Tok::Ident(d) = &toks[i].tok else {
            return Ok(());
        };
        let args = &toks[i + 1..];
        let first_name = match args.first().map(|t| &t.tok) {
            Some(Tok::Ident(n)) => Some(n.clone()),
            _ => None,
        };
        match d.to_ascii_lowercase().as_str() {
            ".global" | ".globl" => self.entry_syms.extend(first_name),
            ".type" => {
                let is_fn = args
                    .iter()
                    .any(|t| matches!(&t.tok, Tok::Ident(s) | Tok::Str(s) if s == "function"));
                if is_fn {
                    self.entry_syms.extend(first_name);
                }
            }
            ".size" | ".align" | ".p2align" | ".balign" | ".local" | ".hidden" | ".weak"
            | ".file" | ".ident" | ".loc" | ".arch" | ".cpu" | ".addrsig" | ".addrsig_sym"
            | ".set" | ".equ" => {}
            ".inst" => self.inst(st, i)?,
            dl if dl.starts_with(".cfi_") => {}
            _ => {
                let msg = format!("directive `{d}` is not modelled and was skipped");
                self.warn(st.line, toks[i].col, msg);
            }
        }
        Ok(())
    }

    /// `.inst <word>`: a raw instruction word (kernels emit MRS/MSR by encoding this way).
    fn inst(&mut self, st: &Stmt, i: usize) -> R<()> {
        let word = match &st.toks[i + 1..] {
            [Token {
                tok: Tok::Int(v), ..
            }] => crate::expr::literal(*v),
            _ => None,
        };
        match word.map(crate::inline::decode_inst) {
            Some(Ok(text)) => {
                let base = st.toks[i].col - 1;
                let mut st2 = st.clone();
                st2.toks = crate::lexer::tokenize(&text, st.line, base)?;
                st2.text = format!("{text} /* {} */", st.text_from(i));
                st2.base = base;
                self.items.push(Item::Insn(st2));
            }
            _ => {
                let msg = format!(
                    "`{}` is not an instruction word asmgen decodes; skipped",
                    st.text_from(i)
                );
                self.warn(st.line, st.toks[i].col, msg);
            }
        }
        Ok(())
    }
}

/// The labels (`name:`, `1:`) in front of a statement, and the index of the first token after them.
fn leading_labels(toks: &[Token]) -> (Vec<String>, usize) {
    let mut i = 0;
    let mut labels = Vec::new();
    while i + 1 < toks.len() && toks[i + 1].tok == Tok::Punct(':') {
        match &toks[i].tok {
            Tok::Ident(n) => labels.push(n.clone()),
            Tok::Int(n) => labels.push(n.to_string()),
            _ => break,
        }
        i += 2;
    }
    (labels, i)
}

fn is_local_label(n: &str) -> bool {
    n.starts_with(".L") || n.chars().all(|c| c.is_ascii_digit())
}

/// Pass 2: a procedure starts at the first non-local label and at every entry symbol.
fn split_procedures(
    items: Vec<Item>,
    entry_syms: &BTreeSet<String>,
    default_name: &str,
) -> Vec<(String, Vec<Entry>)> {
    let mut procs: Vec<(String, Vec<Entry>)> = Vec::new();
    let mut pending: Vec<String> = Vec::new();
    for it in items {
        match it {
            Item::Label(n) => {
                let starts = procs.is_empty() && !is_local_label(&n) || entry_syms.contains(&n);
                if starts {
                    if !pending.is_empty() {
                        if let Some(p) = procs.last_mut() {
                            p.1.push((std::mem::take(&mut pending), None));
                        }
                    }
                    procs.push((n.clone(), Vec::new()));
                }
                pending.push(n);
            }
            Item::Insn(st) => {
                if procs.is_empty() {
                    procs.push((default_name.to_string(), Vec::new()));
                }
                let p = procs.last_mut().expect("non-empty");
                p.1.push((std::mem::take(&mut pending), Some(st)));
            }
        }
    }
    if !pending.is_empty() {
        if let Some(p) = procs.last_mut() {
            p.1.push((pending, None));
        }
    }
    procs
}

/// Build the instructions of one procedure and resolve its branch targets.
fn build_procedure(name: String, entries: Vec<Entry>) -> R<Procedure> {
    let mut labels: Vec<(String, usize)> = Vec::new();
    let mut body: Vec<(Instr, Stmt)> = Vec::new();
    let mut addr_map: HashMap<u64, usize> = HashMap::new();
    for (ls, st) in entries {
        let idx = body.len();
        labels.extend(ls.into_iter().map(|l| (l, idx)));
        if let Some(st) = st {
            if let Some(a) = st.addr {
                addr_map.insert(a, idx);
            }
            let ins = parse_instr(&st)?;
            body.push((ins, st));
        }
    }
    let res = Resolver {
        named: labels
            .iter()
            .filter(|(l, _)| !l.chars().all(|c| c.is_ascii_digit()))
            .map(|(l, i)| (l.as_str(), *i))
            .collect(),
        labels: &labels,
        addr_map: &addr_map,
    };
    let mut resolved = Vec::new();
    for (k, (mut ins, st)) in body.into_iter().enumerate() {
        match &mut ins {
            Instr::B(t) | Instr::Bl(t) | Instr::BCond(_, t) => res.fix(t, k, st.line)?,
            Instr::Cbz { target, .. } | Instr::Tbz { target, .. } => res.fix(target, k, st.line)?,
            Instr::Adr { target, .. } | Instr::Adrp { target, .. } => {
                res.fix(target, k, st.line)?
            }
            _ => {}
        }
        resolved.push(Located {
            instr: ins,
            line: st.line,
            text: st.text,
        });
    }
    let labels = labels
        .into_iter()
        .filter(|(l, _)| !l.chars().all(|c| c.is_ascii_digit()))
        .collect();
    Ok(Procedure {
        name,
        body: resolved,
        labels,
    })
}

/// Branch target resolution inside one procedure.
struct Resolver<'a> {
    /// Named (non-numeric) labels.
    named: HashMap<&'a str, usize>,
    /// All labels, numeric ones included, with the index they label.
    labels: &'a [(String, usize)],
    /// objdump addresses of instructions.
    addr_map: &'a HashMap<u64, usize>,
}

impl Resolver<'_> {
    /// Resolve target `t` of instruction `k` (on `line`) to an index where it is inside the
    /// procedure; other symbols stay symbolic.
    fn fix(&self, t: &mut Target, k: usize, line: usize) -> R<()> {
        match t {
            Target::SymOff(s, o) => {
                if let Some(&i) = self.named.get(s.as_str()) {
                    if *o % 4 == 0 && i as i64 + *o / 4 >= 0 {
                        *t = Target::Idx((i as i64 + *o / 4) as usize);
                    }
                }
            }
            Target::Sym(s) => {
                if let Some(rest) = s.strip_prefix('\u{1}') {
                    *t = Target::Idx(self.local(rest, k, line)?);
                } else if s == "." {
                    *t = Target::Idx(k);
                } else if let Some(&i) = self.named.get(s.as_str()) {
                    *t = Target::Idx(i);
                } else if let Some(rest) = s.strip_prefix('\u{2}') {
                    *t = self.objdump(rest);
                }
            }
            Target::Idx(_) => {}
        }
        Ok(())
    }

    /// A numeric local reference `"<n>b"` / `"<n>f"` from instruction `k`: the nearest definition.
    fn local(&self, rest: &str, k: usize, line: usize) -> R<usize> {
        let (n, dir) = rest.split_at(rest.len() - 1);
        let defs = self.labels.iter().filter(|(l, _)| l == n).map(|(_, i)| *i);
        let found = if dir == "b" {
            defs.filter(|&i| i <= k).max()
        } else {
            defs.filter(|&i| i > k).min()
        };
        found.ok_or_else(|| {
            AsmError::new(
                ErrorCode::UnknownLabel,
                line,
                1,
                format!("local label `{rest}` has no definition"),
            )
        })
    }

    /// An objdump target: bare hex address, then the `<sym+off>` annotation.
    fn objdump(&self, rest: &str) -> Target {
        let (hex, sym) = rest.split_once('\u{3}').unwrap_or((rest, ""));
        let a = u64::from_str_radix(hex, 16).unwrap_or(u64::MAX);
        match self.addr_map.get(&a) {
            Some(&i) => Target::Idx(i),
            None if !sym.is_empty() && !sym.contains('+') => Target::Sym(sym.to_string()),
            None => Target::Sym(format!("0x{hex}")),
        }
    }
}

/// Parse one instruction statement.
fn parse_instr(st: &Stmt) -> R<Instr> {
    if let Some(e) = &st.lex_error {
        return Err(e.clone());
    }
    let (mn_tok, rest) = st.toks.split_first().expect("non-empty statement");
    let Tok::Ident(mn_raw) = &mn_tok.tok else {
        return Err(AsmError::new(
            ErrorCode::UnknownMnemonic,
            st.line,
            mn_tok.col,
            format!("expected a mnemonic, found `{}`", mn_tok.raw),
        ));
    };
    let mn = mn_raw.to_ascii_lowercase();
    let end_col = st.toks.last().map(|t| t.col + t.raw.len()).unwrap_or(1);
    let ops = parse_operands(rest, st.line, end_col)?;
    build(&Ctx {
        line: st.line,
        mcol: mn_tok.col,
        ops: &ops,
        end_col,
        mn: &mn,
    })
}
