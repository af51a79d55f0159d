//! Statement parser: labels, directives, instructions (with alias resolution), label resolution and
//! procedure splitting.

use crate::ast::*;
use crate::error::{AsmError, ErrorCode, Warning};
use crate::lexer::{split_statements, Stmt, Tok, Token};
use crate::sysreg;
use std::collections::{BTreeSet, HashMap};

type R<T> = Result<T, AsmError>;

/// Labels defined before a statement, and the statement (None: labels at the end).
type Entry = (Vec<String>, Option<Stmt>);

/// A register operand as written (with its view).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct RegW {
    reg: Reg,
    w: Width,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum MemIdx {
    None,
    Imm(Imm),
    Reg(RegW, Option<ShExt>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ShExt {
    Sh(Shift, u8),
    Ex(Extend, u8),
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Op {
    Reg(RegW),
    Imm(i128),
    Lo12(String, i64),
    ShExt(ShExt),
    SymOff(String, i64),
    /// An FP/SIMD register view: (number, bytes).
    VReg(u8, u8),
    /// A vector register with an arrangement: (number, lanes, lane bytes), e.g. `v0.2d`.
    VArr(u8, u8, u8),
    Mem {
        base: Reg,
        idx: MemIdx,
        pre: bool,
    },
    Name(String),
    Local(u32, bool),
}

#[derive(Clone, Debug)]
struct OpAt {
    op: Op,
    col: usize,
}

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
    let stmts = split_statements(src)?;
    let mut warnings = Vec::new();
    // Pass 1: classify statements.
    enum Item {
        Label(String),
        Insn(Stmt),
    }
    let mut items = Vec::new();
    let mut entry_syms: BTreeSet<String> = BTreeSet::new();
    // Sections: only code sections are modelled; everything in other sections (data, debug
    // info, alternative-instruction tables, .subsection replacements) is skipped, with one
    // warning per section name.
    let mut cur: (String, bool) = (".text".into(), true);
    let mut prev: (String, bool) = cur.clone();
    let mut stack: Vec<(String, bool)> = Vec::new();
    let mut warned: BTreeSet<String> = BTreeSet::new();
    for st in stmts {
        if st.lex_error.is_some() {
            if cur.1 {
                items.push(Item::Insn(st));
            }
            continue;
        }
        let toks = &st.toks;
        let mut i = 0;
        let mut labels: Vec<String> = Vec::new();
        // Leading labels.
        while i + 1 < toks.len() && toks[i + 1].tok == Tok::Punct(':') {
            match &toks[i].tok {
                Tok::Ident(n) => labels.push(n.clone()),
                Tok::Int(n) => labels.push(n.to_string()),
                _ => break,
            }
            i += 2;
        }
        if let Some(Token {
            tok: Tok::Ident(d),
            col,
            ..
        }) = toks.get(i)
        {
            let dl = d.to_ascii_lowercase();
            let arg_name = match toks.get(i + 1).map(|t| &t.tok) {
                Some(Tok::Ident(n)) | Some(Tok::Str(n)) => n.clone(),
                Some(Tok::Int(n)) => n.to_string(),
                _ => String::new(),
            };
            let flags = toks[i + 1..]
                .iter()
                .find_map(|t| match &t.tok {
                    Tok::Str(f) => Some(f.clone()),
                    _ => None,
                })
                .unwrap_or_default();
            let code_section =
                |n: &str, f: &str| n.starts_with(".text") || n.contains("text") || f.contains('x');
            let new = match dl.as_str() {
                ".text" => Some((".text".to_string(), true)),
                ".data" | ".bss" | ".rodata" => Some((dl.clone(), false)),
                ".section" => Some((arg_name.clone(), code_section(&arg_name, &flags))),
                ".pushsection" => {
                    stack.push(cur.clone());
                    Some((arg_name.clone(), code_section(&arg_name, &flags)))
                }
                ".popsection" => Some(stack.pop().unwrap_or_else(|| (".text".into(), true))),
                ".previous" => Some(prev.clone()),
                ".subsection" => {
                    let sub0 = arg_name.is_empty() || arg_name == "0";
                    Some((format!("{} (subsection {arg_name})", cur.0), cur.1 && sub0))
                }
                _ => None,
            };
            if let Some(n) = new {
                if dl != ".popsection" && dl != ".pushsection" {
                    prev = cur.clone();
                }
                if !n.1 && warned.insert(n.0.clone()) {
                    warnings.push(Warning {
                        code: ErrorCode::UnsupportedDirective,
                        line: st.line,
                        col: *col,
                        msg: format!("section `{}` skipped: only code is modelled", n.0),
                    });
                }
                cur = n;
                continue;
            }
        }
        if !cur.1 {
            continue;
        }
        items.extend(labels.into_iter().map(Item::Label));
        if i >= toks.len() {
            continue;
        }
        if let Tok::Ident(d) = &toks[i].tok {
            if d.starts_with('.') {
                let dl = d.to_ascii_lowercase();
                let args: Vec<&Token> = toks[i + 1..].iter().collect();
                match dl.as_str() {
                    ".global" | ".globl" => {
                        if let Some(Token {
                            tok: Tok::Ident(n), ..
                        }) = args.first()
                        {
                            entry_syms.insert(n.clone());
                        }
                    }
                    ".type" => {
                        let is_fn = args.iter().any(|t| {
                            matches!(&t.tok, Tok::Ident(s) if s == "function")
                                || matches!(&t.tok, Tok::Str(s) if s == "function")
                        });
                        if let (
                            true,
                            Some(Token {
                                tok: Tok::Ident(n), ..
                            }),
                        ) = (is_fn, args.first())
                        {
                            entry_syms.insert(n.clone());
                        }
                    }
                    ".size" | ".align" | ".p2align" | ".balign" | ".local" | ".hidden"
                    | ".weak" | ".file" | ".ident" | ".loc" | ".arch" | ".cpu" | ".addrsig"
                    | ".addrsig_sym" | ".set" | ".equ" => {}
                    ".inst" => {
                        // A raw instruction word (kernels emit MRS/MSR by encoding this way).
                        let word = match args.as_slice() {
                            [Token {
                                tok: Tok::Int(v), ..
                            }] => Some(*v),
                            _ => None,
                        };
                        match word.map(crate::inline::decode_inst) {
                            Some(Ok(text)) => {
                                let base = toks[i].col - 1;
                                let mut st2 = st.clone();
                                st2.toks = crate::lexer::tokenize(&text, st.line, base)?;
                                st2.text = format!("{text} /* {} */", st.text_from(i));
                                st2.base = base;
                                items.push(Item::Insn(st2));
                            }
                            _ => warnings.push(Warning {
                                code: ErrorCode::UnsupportedDirective,
                                line: st.line,
                                col: toks[i].col,
                                msg: format!(
                                    "`{}` is not an instruction word asmgen decodes; skipped",
                                    st.text_from(i)
                                ),
                            }),
                        }
                    }
                    _ if dl.starts_with(".cfi_") => {}
                    _ => warnings.push(Warning {
                        code: ErrorCode::UnsupportedDirective,
                        line: st.line,
                        col: toks[i].col,
                        msg: format!("directive `{d}` is not modelled and was skipped"),
                    }),
                }
                continue;
            }
        }
        let text = st.text_from(i);
        let base = toks[i].col - 1;
        let mut st2 = st;
        st2.text = text;
        st2.base = base;
        if i > 0 {
            st2.toks.drain(..i);
        }
        items.push(Item::Insn(st2));
    }
    // Pass 2: split into procedures.
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
    let mut out = Program {
        procedures: Vec::new(),
        warnings,
    };
    let mut errors = Vec::new();
    for (name, entries) in procs {
        match build_procedure(name.clone(), entries) {
            Ok(p) => out.procedures.push(p),
            Err(e) => errors.push(e.in_procedure(&name)),
        }
    }
    errors.sort_by_key(|e| (e.line, e.col));
    Ok((out, errors))
}

fn is_local_label(n: &str) -> bool {
    n.starts_with(".L") || n.chars().all(|c| c.is_ascii_digit())
}

fn build_procedure(name: String, entries: Vec<Entry>) -> R<Procedure> {
    let mut labels: Vec<(String, usize)> = Vec::new();
    let mut body: Vec<(Instr, Stmt)> = Vec::new();
    let mut addr_map: HashMap<u64, usize> = HashMap::new();
    for (ls, st) in entries {
        let idx = body.len();
        for l in ls {
            labels.push((l, idx));
        }
        if let Some(st) = st {
            if let Some(a) = st.addr {
                addr_map.insert(a, idx);
            }
            let ins = parse_instr(&st)?;
            body.push((ins, st));
        }
    }
    // Resolve targets.
    let named: HashMap<&str, usize> = labels
        .iter()
        .filter(|(l, _)| !l.chars().all(|c| c.is_ascii_digit()))
        .map(|(l, i)| (l.as_str(), *i))
        .collect();
    let mut resolved = Vec::new();
    for (k, (mut ins, st)) in body.into_iter().enumerate() {
        let fix = |t: &mut Target| -> R<()> {
            if let Target::SymOff(s, o) = t {
                if let Some(&i) = named.get(s.as_str()) {
                    if *o % 4 == 0 && i as i64 + *o / 4 >= 0 {
                        *t = Target::Idx((i as i64 + *o / 4) as usize);
                    }
                }
                return Ok(());
            }
            if let Target::Sym(s) = t {
                if let Some(rest) = s.strip_prefix('\u{1}') {
                    // Local numeric reference: "<n>b" / "<n>f".
                    let (n, dir) = rest.split_at(rest.len() - 1);
                    let defs = labels.iter().filter(|(l, _)| l == n).map(|(_, i)| *i);
                    let found = if dir == "b" {
                        defs.filter(|&i| i <= k).max()
                    } else {
                        defs.filter(|&i| i > k).min()
                    };
                    match found {
                        Some(i) => *t = Target::Idx(i),
                        None => {
                            return Err(AsmError::new(
                                ErrorCode::UnknownLabel,
                                st.line,
                                1,
                                format!("local label `{rest}` has no definition"),
                            ))
                        }
                    }
                } else if s == "." {
                    *t = Target::Idx(k);
                } else if let Some(&i) = named.get(s.as_str()) {
                    *t = Target::Idx(i);
                } else if let Some(rest) = s.strip_prefix('\u{2}') {
                    // objdump target: bare hex address, then the `<sym+off>` annotation.
                    let (hex, sym) = rest.split_once('\u{3}').unwrap_or((rest, ""));
                    let a = u64::from_str_radix(hex, 16).unwrap_or(u64::MAX);
                    *t = match addr_map.get(&a) {
                        Some(&i) => Target::Idx(i),
                        None if !sym.is_empty() && !sym.contains('+') => {
                            Target::Sym(sym.to_string())
                        }
                        None => Target::Sym(format!("0x{hex}")),
                    };
                }
            }
            Ok(())
        };
        match &mut ins {
            Instr::B(t) | Instr::Bl(t) | Instr::BCond(_, t) => fix(t)?,
            Instr::Cbz { target, .. } | Instr::Tbz { target, .. } => fix(target)?,
            Instr::Adr { target, .. } | Instr::Adrp { target, .. } => fix(target)?,
            _ => {}
        }
        resolved.push(Located {
            instr: ins,
            line: st.line,
            text: st.text,
        });
    }
    Ok(Procedure {
        name,
        body: resolved,
        labels: labels
            .into_iter()
            .filter(|(l, _)| !l.chars().all(|c| c.is_ascii_digit()))
            .collect(),
    })
}

// ---------------------------------------------------------------------------------------------
// Operands

struct Cursor<'a> {
    toks: &'a [Token],
    pos: usize,
    line: usize,
    end_col: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<&'a Token> {
        self.toks.get(self.pos)
    }
    fn next(&mut self) -> Option<&'a Token> {
        let t = self.toks.get(self.pos);
        self.pos += 1;
        t
    }
    fn col(&self) -> usize {
        self.peek().map(|t| t.col).unwrap_or(self.end_col)
    }
    fn is(&self, c: char) -> bool {
        matches!(self.peek(), Some(Token { tok: Tok::Punct(p), .. }) if *p == c)
    }
    fn eat(&mut self, c: char) -> bool {
        if self.is(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn err(&self, code: ErrorCode, msg: impl Into<String>) -> AsmError {
        AsmError::new(code, self.line, self.col(), msg)
    }
    fn expect(&mut self, c: char) -> R<()> {
        if self.eat(c) {
            Ok(())
        } else {
            Err(self.err(ErrorCode::BadOperand, format!("expected `{c}`")))
        }
    }
}

fn reg_of_name(s: &str) -> Option<RegW> {
    let l = s.to_ascii_lowercase();
    let r = |reg, w| Some(RegW { reg, w });
    match l.as_str() {
        "sp" => return r(Reg::Sp, Width::W64),
        "wsp" => return r(Reg::Sp, Width::W32),
        "xzr" => return r(Reg::Zr, Width::W64),
        "wzr" => return r(Reg::Zr, Width::W32),
        "lr" => return r(Reg::X(30), Width::W64),
        "fp" => return r(Reg::X(29), Width::W64),
        _ => {}
    }
    let (w, num) = if let Some(n) = l.strip_prefix('x') {
        (Width::W64, n)
    } else if let Some(n) = l.strip_prefix('w') {
        (Width::W32, n)
    } else {
        return None;
    };
    if num.is_empty()
        || !num.chars().all(|c| c.is_ascii_digit())
        || (num.len() > 1 && num.starts_with('0'))
    {
        return None;
    }
    let n: u8 = num.parse().ok()?;
    if n > 30 {
        return None;
    }
    r(Reg::X(n), w)
}

/// `b0`..`b31`, `h`, `s`, `d`, `q`: an FP/SIMD register view (number, bytes).
fn vreg_of_name(s: &str) -> Option<(u8, u8)> {
    let l = s.to_ascii_lowercase();
    let size = match l.chars().next()? {
        'b' => 1,
        'h' => 2,
        's' => 4,
        'd' => 8,
        'q' => 16,
        _ => return None,
    };
    let num = &l[1..];
    if num.is_empty()
        || !num.chars().all(|c| c.is_ascii_digit())
        || (num.len() > 1 && num.starts_with('0'))
    {
        return None;
    }
    let n: u8 = num.parse().ok()?;
    (n <= 31).then_some((n, size))
}

/// `v3.2d`, `v0.16b`, ...: (register, lanes, bytes per lane).
fn varr_of_name(s: &str) -> Option<(u8, u8, u8)> {
    let l = s.to_ascii_lowercase();
    let (r, arr) = l.strip_prefix('v')?.split_once('.')?;
    if r.is_empty() || !r.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let n: u8 = r.parse().ok()?;
    let (lanes, lb) = match arr {
        "16b" => (16, 1),
        "8b" => (8, 1),
        "8h" => (8, 2),
        "4h" => (4, 2),
        "4s" => (4, 4),
        "2s" => (2, 4),
        "2d" => (2, 8),
        "1d" => (1, 8),
        _ => return None,
    };
    (n <= 31).then_some((n, lanes, lb))
}

fn shift_of_name(s: &str) -> Option<Shift> {
    Some(match s.to_ascii_lowercase().as_str() {
        "lsl" => Shift::Lsl,
        "lsr" => Shift::Lsr,
        "asr" => Shift::Asr,
        "ror" => Shift::Ror,
        _ => return None,
    })
}

fn extend_of_name(s: &str) -> Option<Extend> {
    Some(match s.to_ascii_lowercase().as_str() {
        "uxtb" => Extend::Uxtb,
        "uxth" => Extend::Uxth,
        "uxtw" => Extend::Uxtw,
        "uxtx" => Extend::Uxtx,
        "sxtb" => Extend::Sxtb,
        "sxth" => Extend::Sxth,
        "sxtw" => Extend::Sxtw,
        "sxtx" => Extend::Sxtx,
        _ => return None,
    })
}

/// Constant expressions: integers, unary `-`/`~`, parentheses, `+ - * / | & ^ << >>`.
fn expr(c: &mut Cursor) -> R<i128> {
    expr_bin(c, 0)
}

fn prec(c: &Cursor) -> Option<(u8, &'static str)> {
    let t = c.peek()?;
    let nxt = c.toks.get(c.pos + 1);
    match &t.tok {
        Tok::Punct('|') => Some((1, "|")),
        Tok::Punct('^') => Some((2, "^")),
        Tok::Punct('&') => Some((3, "&")),
        Tok::Punct('<')
            if matches!(
                nxt,
                Some(Token {
                    tok: Tok::Punct('<'),
                    ..
                })
            ) =>
        {
            Some((4, "<<"))
        }
        Tok::Punct('>')
            if matches!(
                nxt,
                Some(Token {
                    tok: Tok::Punct('>'),
                    ..
                })
            ) =>
        {
            Some((4, ">>"))
        }
        Tok::Punct('+') => Some((5, "+")),
        Tok::Punct('-') => Some((5, "-")),
        Tok::Punct('*') => Some((6, "*")),
        Tok::Punct('/') => Some((6, "/")),
        _ => None,
    }
}

fn expr_bin(c: &mut Cursor, min: u8) -> R<i128> {
    let mut lhs = expr_unary(c)?;
    while let Some((p, op)) = prec(c) {
        if p < min {
            break;
        }
        c.pos += op.len();
        let col = c.col();
        let rhs = expr_bin(c, p + 1)?;
        lhs = match op {
            "|" => lhs | rhs,
            "^" => lhs ^ rhs,
            "&" => lhs & rhs,
            "<<" if (0..64).contains(&rhs) => lhs << rhs,
            ">>" if (0..64).contains(&rhs) => lhs >> rhs,
            "+" => lhs + rhs,
            "-" => lhs - rhs,
            "*" => lhs * rhs,
            "/" if rhs != 0 => lhs / rhs,
            _ => {
                return Err(AsmError::new(
                    ErrorCode::BadImmediate,
                    c.line,
                    col,
                    "invalid constant expression",
                ))
            }
        };
        if lhs.abs() > (1i128 << 100) {
            return Err(AsmError::new(
                ErrorCode::BadImmediate,
                c.line,
                col,
                "constant overflow",
            ));
        }
    }
    Ok(lhs)
}

fn expr_unary(c: &mut Cursor) -> R<i128> {
    if c.eat('-') {
        return Ok(-expr_unary(c)?);
    }
    if c.eat('+') {
        return expr_unary(c);
    }
    if c.eat('~') {
        return Ok(!expr_unary(c)?);
    }
    if c.eat('(') {
        let v = expr(c)?;
        c.expect(')')?;
        return Ok(v);
    }
    match c.peek() {
        Some(Token {
            tok: Tok::Int(v), ..
        }) => {
            c.pos += 1;
            Ok(*v)
        }
        _ => Err(c.err(ErrorCode::BadImmediate, "expected an immediate")),
    }
}

fn starts_expr(c: &Cursor) -> bool {
    matches!(
        c.peek().map(|t| &t.tok),
        Some(Tok::Int(_))
            | Some(Tok::Punct('-'))
            | Some(Tok::Punct('('))
            | Some(Tok::Punct('~'))
            | Some(Tok::Punct('+'))
    )
}

fn parse_imm_or_lo12(c: &mut Cursor) -> R<Op> {
    c.eat('#');
    if c.eat(':') {
        let col = c.col();
        match c.next() {
            Some(Token {
                tok: Tok::Ident(k), ..
            }) if k.eq_ignore_ascii_case("lo12") => {}
            _ => {
                return Err(AsmError::new(
                    ErrorCode::BadOperand,
                    c.line,
                    col,
                    "only the :lo12: relocation is supported",
                ))
            }
        }
        c.expect(':')?;
        match c.next() {
            Some(Token {
                tok: Tok::Ident(s), ..
            }) => {
                let s = s.clone();
                return Ok(Op::Lo12(s, sym_offset(c)?));
            }
            _ => return Err(c.err(ErrorCode::BadOperand, "expected a symbol after :lo12:")),
        }
    }
    Ok(Op::Imm(expr(c)?))
}

/// An optional `+off`/`-off` after a symbol.
fn sym_offset(c: &mut Cursor) -> R<i64> {
    if !(c.is('+') || c.is('-')) {
        return Ok(0);
    }
    let col = c.col();
    let v = expr_bin(c, 5)?;
    i64::try_from(v).map_err(|_| {
        AsmError::new(
            ErrorCode::BadImmediate,
            c.line,
            col,
            "symbol offset out of range",
        )
    })
}

fn parse_shext_amount(c: &mut Cursor, required: bool) -> R<Option<u8>> {
    let has = c.is('#') || starts_expr(c);
    if !has {
        if required {
            return Err(c.err(ErrorCode::BadImmediate, "expected a shift amount"));
        }
        return Ok(None);
    }
    c.eat('#');
    let col = c.col();
    let v = expr(c)?;
    if !(0..64).contains(&v) {
        return Err(AsmError::new(
            ErrorCode::BadImmediate,
            c.line,
            col,
            format!("shift amount {v} out of range"),
        ));
    }
    Ok(Some(v as u8))
}

fn parse_operand(c: &mut Cursor) -> R<Op> {
    let t = c
        .peek()
        .ok_or_else(|| c.err(ErrorCode::BadOperand, "missing operand"))?;
    match &t.tok {
        Tok::Punct('[') => {
            c.pos += 1;
            let col = c.col();
            let base = match c.next() {
                Some(Token {
                    tok: Tok::Ident(s), ..
                }) => reg_of_name(s),
                _ => None,
            };
            let base = match base {
                Some(RegW { reg, w: Width::W64 }) if reg != Reg::Zr => reg,
                _ => {
                    return Err(AsmError::new(
                        ErrorCode::BadOperand,
                        c.line,
                        col,
                        "expected a 64-bit base register",
                    ))
                }
            };
            let mut idx = MemIdx::None;
            if c.eat(',') {
                if matches!(c.peek(), Some(Token { tok: Tok::Ident(s), .. }) if reg_of_name(s).is_some())
                {
                    let Some(Token {
                        tok: Tok::Ident(s), ..
                    }) = c.next()
                    else {
                        unreachable!()
                    };
                    let r = reg_of_name(s).expect("checked");
                    let mut se = None;
                    if c.eat(',') {
                        let col = c.col();
                        match c.next() {
                            Some(Token {
                                tok: Tok::Ident(k), ..
                            }) => {
                                if let Some(sh) = shift_of_name(k) {
                                    let a = parse_shext_amount(c, true)?.unwrap_or(0);
                                    se = Some(ShExt::Sh(sh, a));
                                } else if let Some(e) = extend_of_name(k) {
                                    let a = parse_shext_amount(c, false)?.unwrap_or(0);
                                    se = Some(ShExt::Ex(e, a));
                                } else {
                                    return Err(AsmError::new(
                                        ErrorCode::BadOperand,
                                        c.line,
                                        col,
                                        "expected a shift or extend",
                                    ));
                                }
                            }
                            _ => {
                                return Err(AsmError::new(
                                    ErrorCode::BadOperand,
                                    c.line,
                                    col,
                                    "expected a shift or extend",
                                ))
                            }
                        }
                    }
                    idx = MemIdx::Reg(r, se);
                } else {
                    match parse_imm_or_lo12(c)? {
                        Op::Imm(v) => idx = MemIdx::Imm(Imm::Lit(v)),
                        Op::Lo12(s, o) => idx = MemIdx::Imm(Imm::Lo12(s, o)),
                        _ => unreachable!(),
                    }
                }
            }
            c.expect(']')?;
            let pre = c.eat('!');
            Ok(Op::Mem { base, idx, pre })
        }
        Tok::Punct('#') | Tok::Punct(':') => parse_imm_or_lo12(c),
        Tok::Int(_) | Tok::Punct('-') | Tok::Punct('(') | Tok::Punct('~') => Ok(Op::Imm(expr(c)?)),
        Tok::LocalRef(n, b) => {
            c.pos += 1;
            Ok(Op::Local(*n, *b))
        }
        Tok::Ident(s) => {
            c.pos += 1;
            if let Some(r) = reg_of_name(s) {
                return Ok(Op::Reg(r));
            }
            if let Some((n, size)) = vreg_of_name(s) {
                return Ok(Op::VReg(n, size));
            }
            if let Some((n, lanes, lb)) = varr_of_name(s) {
                return Ok(Op::VArr(n, lanes, lb));
            }
            if let Some(sh) = shift_of_name(s) {
                if c.is('#') || starts_expr(c) {
                    let a = parse_shext_amount(c, true)?.unwrap_or(0);
                    return Ok(Op::ShExt(ShExt::Sh(sh, a)));
                }
            }
            if let Some(e) = extend_of_name(s) {
                let a = parse_shext_amount(c, false)?.unwrap_or(0);
                return Ok(Op::ShExt(ShExt::Ex(e, a)));
            }
            // objdump: `b 40 <foo+0x40>` (bare hex address, then a symbolic comment).
            let name = s.clone();
            if c.is('<') {
                let sym = skip_objdump_symbol(c);
                return Ok(Op::Name(format!("\u{2}{}\u{3}{sym}", t.raw)));
            }
            if c.is('+') || c.is('-') {
                let off = sym_offset(c)?;
                return Ok(Op::SymOff(name, off));
            }
            Ok(Op::Name(name))
        }
        _ => Err(c.err(ErrorCode::BadOperand, format!("unexpected `{}`", t.raw))),
    }
}

/// Skip an objdump `<sym+0x10>` annotation; return its text.
fn skip_objdump_symbol(c: &mut Cursor) -> String {
    let mut sym = String::new();
    if c.eat('<') {
        while let Some(t) = c.next() {
            if t.tok == Tok::Punct('>') {
                break;
            }
            sym.push_str(&t.raw);
        }
    }
    sym
}

fn parse_operands(toks: &[Token], line: usize, end_col: usize) -> R<Vec<OpAt>> {
    let mut c = Cursor {
        toks,
        pos: 0,
        line,
        end_col,
    };
    let mut ops = Vec::new();
    if toks.is_empty() {
        return Ok(ops);
    }
    loop {
        let col = c.col();
        // objdump prints numeric branch targets as bare hex: `b 40 <f+0x40>`.
        if let (
            Some(Token {
                tok: Tok::Int(_) | Tok::LocalRef(..) | Tok::Ident(_),
                raw,
                ..
            }),
            Some(Token {
                tok: Tok::Punct('<'),
                ..
            }),
        ) = (c.peek(), c.toks.get(c.pos + 1))
        {
            let raw = raw.clone();
            c.pos += 1;
            let sym = skip_objdump_symbol(&mut c);
            ops.push(OpAt {
                op: Op::Name(format!("\u{2}{raw}\u{3}{sym}")),
                col,
            });
        } else {
            let op = parse_operand(&mut c)?;
            ops.push(OpAt { op, col });
        }
        if c.peek().is_none() {
            break;
        }
        if !c.eat(',') {
            return Err(c.err(ErrorCode::BadOperand, "expected `,` between operands"));
        }
    }
    Ok(ops)
}

// ---------------------------------------------------------------------------------------------
// Instructions

struct Ctx<'a> {
    line: usize,
    mcol: usize,
    ops: &'a [OpAt],
    end_col: usize,
    mn: &'a str,
}

impl Ctx<'_> {
    fn col(&self, i: usize) -> usize {
        self.ops.get(i).map(|o| o.col).unwrap_or(self.end_col)
    }
    fn err(&self, i: usize, code: ErrorCode, msg: impl Into<String>) -> AsmError {
        AsmError::new(code, self.line, self.col(i), msg)
    }
    fn count(&self, ns: &[usize]) -> R<()> {
        if ns.contains(&self.ops.len()) {
            Ok(())
        } else {
            Err(AsmError::new(
                ErrorCode::OperandCount,
                self.line,
                self.mcol,
                format!(
                    "`{}` takes {:?} operands, got {}",
                    self.mn,
                    ns,
                    self.ops.len()
                ),
            ))
        }
    }
    fn reg(&self, i: usize) -> R<RegW> {
        match self.ops.get(i).map(|o| &o.op) {
            Some(Op::Reg(r)) => Ok(*r),
            _ => Err(self.err(i, ErrorCode::BadOperand, "expected a register")),
        }
    }
    /// A general register (not SP) of the given width.
    fn gpr(&self, i: usize, w: Width) -> R<Reg> {
        let r = self.reg(i)?;
        if r.reg == Reg::Sp {
            return Err(self.err(i, ErrorCode::BadOperand, "sp is not allowed here"));
        }
        if r.w != w {
            return Err(self.err(
                i,
                ErrorCode::BadOperand,
                format!("expected a {} register", wname(w)),
            ));
        }
        Ok(r.reg)
    }
    /// A register that may be SP (encoding 31 = SP), of the given width.
    fn gpr_sp(&self, i: usize, w: Width) -> R<Reg> {
        let r = self.reg(i)?;
        if r.reg == Reg::Zr {
            return Err(self.err(
                i,
                ErrorCode::BadOperand,
                "zero register is not allowed here",
            ));
        }
        if r.w != w {
            return Err(self.err(
                i,
                ErrorCode::BadOperand,
                format!("expected a {} register", wname(w)),
            ));
        }
        Ok(r.reg)
    }
    fn gpr_any(&self, i: usize) -> R<(Reg, Width)> {
        let r = self.reg(i)?;
        if r.reg == Reg::Sp {
            return Err(self.err(i, ErrorCode::BadOperand, "sp is not allowed here"));
        }
        Ok((r.reg, r.w))
    }
    fn imm(&self, i: usize) -> R<i128> {
        match self.ops.get(i).map(|o| &o.op) {
            Some(Op::Imm(v)) => Ok(*v),
            _ => Err(self.err(i, ErrorCode::BadImmediate, "expected an immediate")),
        }
    }
    fn imm_range(&self, i: usize, lo: i128, hi: i128) -> R<i128> {
        let v = self.imm(i)?;
        if v < lo || v > hi {
            return Err(self.err(
                i,
                ErrorCode::BadImmediate,
                format!("immediate {v} out of range {lo}..={hi}"),
            ));
        }
        Ok(v)
    }
    /// A system operation `<op>[, Xt]` named in `table` (name, takes a register): the operation's
    /// canonical name and its register, if the operation takes one.
    fn sys_op(&self, table: &[(&'static str, bool)]) -> R<(String, Option<Reg>)> {
        self.count(&[1, 2])?;
        let n = self.name(0)?.to_ascii_lowercase();
        let &(op, has_reg) = table.iter().find(|e| e.0 == n).ok_or_else(|| {
            self.err(
                0,
                ErrorCode::UnknownSysOp,
                format!("unknown {} operation `{n}`", self.mn),
            )
        })?;
        if has_reg != (self.ops.len() == 2) {
            return Err(self.err(
                1,
                ErrorCode::OperandCount,
                format!(
                    "{} {op} {} a register",
                    self.mn,
                    if has_reg { "needs" } else { "takes no" }
                ),
            ));
        }
        let rt = if has_reg {
            Some(self.gpr(1, Width::W64)?)
        } else {
            None
        };
        Ok((op.to_string(), rt))
    }
    fn name(&self, i: usize) -> R<String> {
        match self.ops.get(i).map(|o| &o.op) {
            Some(Op::Name(s)) => Ok(s.clone()),
            Some(Op::Reg(_)) | Some(Op::ShExt(_)) => {
                // names that collide with register/shift spellings are not valid names here
                Err(self.err(i, ErrorCode::BadOperand, "expected a name"))
            }
            _ => Err(self.err(i, ErrorCode::BadOperand, "expected a name")),
        }
    }
    fn target(&self, i: usize) -> R<Target> {
        match self.ops.get(i).map(|o| &o.op) {
            Some(Op::Name(s)) => Ok(Target::Sym(s.clone())),
            Some(Op::SymOff(s, o)) => Ok(Target::SymOff(s.clone(), *o)),
            Some(Op::Local(n, b)) => Ok(Target::Sym(format!(
                "\u{1}{n}{}",
                if *b { "b" } else { "f" }
            ))),
            Some(Op::Imm(v)) => Ok(Target::Sym(format!("\u{2}{v:x}"))),
            _ => Err(self.err(i, ErrorCode::BadOperand, "expected a label")),
        }
    }
    fn cond(&self, i: usize) -> R<Cond> {
        let n = self
            .name(i)
            .map_err(|_| self.err(i, ErrorCode::BadOperand, "expected a condition"))?;
        cond_of_name(&n)
            .ok_or_else(|| self.err(i, ErrorCode::BadOperand, format!("unknown condition `{n}`")))
    }
    fn mem(&self, i: usize) -> R<(Reg, &MemIdx, bool)> {
        match self.ops.get(i).map(|o| &o.op) {
            Some(Op::Mem { base, idx, pre }) => Ok((*base, idx, *pre)),
            _ => Err(self.err(i, ErrorCode::BadOperand, "expected a memory operand")),
        }
    }
    /// `[xn]` or `[xn, #0]` only.
    fn mem_base_only(&self, i: usize) -> R<Reg> {
        let (b, idx, pre) = self.mem(i)?;
        match idx {
            MemIdx::None => {}
            MemIdx::Imm(Imm::Lit(0)) if !pre => {}
            _ => return Err(self.err(i, ErrorCode::BadOperand, "only [xn] is allowed here")),
        }
        if self.ops.len() > i + 1 {
            return Err(self.err(i + 1, ErrorCode::OperandCount, "unexpected operand"));
        }
        Ok(b)
    }
}

fn wname(w: Width) -> &'static str {
    match w {
        Width::W32 => "32-bit (w)",
        Width::W64 => "64-bit (x)",
    }
}

fn bits(w: Width) -> u32 {
    match w {
        Width::W32 => 32,
        Width::W64 => 64,
    }
}

fn cond_of_name(s: &str) -> Option<Cond> {
    use Cond::*;
    Some(match s.to_ascii_lowercase().as_str() {
        "eq" => Eq,
        "ne" => Ne,
        "cs" | "hs" => Cs,
        "cc" | "lo" => Cc,
        "mi" => Mi,
        "pl" => Pl,
        "vs" => Vs,
        "vc" => Vc,
        "hi" => Hi,
        "ls" => Ls,
        "ge" => Ge,
        "lt" => Lt,
        "gt" => Gt,
        "le" => Le,
        "al" => Al,
        "nv" => Nv,
        _ => return None,
    })
}

/// Is `v` (already masked to `n` bits) a valid logical (bitmask) immediate?
pub fn is_bitmask_imm(v: u64, n: u32) -> bool {
    let mask = if n == 64 { u64::MAX } else { (1u64 << n) - 1 };
    let v = v & mask;
    if v == 0 || v == mask {
        return false;
    }
    let mut e = n;
    while e > 2 {
        let half = e / 2;
        let hm = (1u64 << half) - 1;
        if (v & hm) == ((v >> half) & hm) {
            // every e-bit chunk must match; checking successive halves suffices
            let mut all = true;
            let mut k = half;
            while k < n {
                if ((v >> k) & hm) != (v & hm) {
                    all = false;
                    break;
                }
                k += half;
            }
            if !all {
                break;
            }
            e = half;
        } else {
            break;
        }
    }
    let em = if e == 64 { u64::MAX } else { (1u64 << e) - 1 };
    let p = v & em;
    let rot = ((p >> 1) | ((p & 1) << (e - 1))) & em;
    (p ^ rot).count_ones() == 2
}

/// Normalize an immediate to an `n`-bit unsigned value (accepting negative values down to -2^(n-1)
/// and, as gas does, any value representable in n bits).
fn to_unsigned(v: i128, n: u32) -> Option<u64> {
    let lim = 1i128 << n;
    if v >= lim || v < -(1i128 << (n - 1)) - if n == 32 { 1i128 << 31 } else { 0 } {
        return None;
    }
    Some((v.rem_euclid(lim)) as u64)
}

fn parse_instr(st: &Stmt) -> R<Instr> {
    if let Some(e) = &st.lex_error {
        return Err(e.clone());
    }
    let (mn_tok, rest) = st.toks.split_first().expect("non-empty statement");
    let mn_raw = match &mn_tok.tok {
        Tok::Ident(s) => s.clone(),
        _ => {
            return Err(AsmError::new(
                ErrorCode::UnknownMnemonic,
                st.line,
                mn_tok.col,
                format!("expected a mnemonic, found `{}`", mn_tok.raw),
            ))
        }
    };
    let mn = mn_raw.to_ascii_lowercase();
    let end_col = st.toks.last().map(|t| t.col + t.raw.len()).unwrap_or(1);
    let ops = parse_operands(rest, st.line, end_col)?;
    let cx = Ctx {
        line: st.line,
        mcol: mn_tok.col,
        ops: &ops,
        end_col,
        mn: &mn,
    };
    instr_of(&cx, &mn).map_err(|mut e| {
        if e.code == ErrorCode::UnknownMnemonic {
            e.col = mn_tok.col;
        }
        e
    })
}

fn alu_op2(cx: &Ctx, i: usize, w: Width, logical: bool) -> R<Operand> {
    let (r, se) = match cx.ops.get(i).map(|o| &o.op) {
        Some(Op::Reg(r)) => (*r, cx.ops.get(i + 1).map(|o| &o.op)),
        _ => return Err(cx.err(i, ErrorCode::BadOperand, "expected a register or immediate")),
    };
    if cx.ops.len() > i + 2 {
        return Err(cx.err(i + 2, ErrorCode::OperandCount, "too many operands"));
    }
    if r.reg == Reg::Sp {
        return Err(cx.err(i, ErrorCode::BadOperand, "sp is not allowed here"));
    }
    match se {
        None => {
            if r.w != w {
                return Err(cx.err(
                    i,
                    ErrorCode::BadOperand,
                    format!("expected a {} register", wname(w)),
                ));
            }
            Ok(Operand::Shifted(r.reg, Shift::Lsl, 0))
        }
        Some(Op::ShExt(ShExt::Sh(sh, a))) => {
            if r.w != w {
                return Err(cx.err(
                    i,
                    ErrorCode::BadOperand,
                    format!("expected a {} register", wname(w)),
                ));
            }
            if u32::from(*a) >= bits(w) || (!logical && *sh == Shift::Ror) {
                return Err(cx.err(i + 1, ErrorCode::BadImmediate, "invalid shift"));
            }
            Ok(Operand::Shifted(r.reg, *sh, *a))
        }
        Some(Op::ShExt(ShExt::Ex(e, a))) if !logical => {
            if *a > 4 {
                return Err(cx.err(i + 1, ErrorCode::BadImmediate, "extend amount must be 0..4"));
            }
            let want = if matches!(e, Extend::Uxtx | Extend::Sxtx) {
                Width::W64
            } else {
                Width::W32
            };
            if r.w != want && !(w == Width::W32) {
                return Err(cx.err(
                    i,
                    ErrorCode::BadOperand,
                    "register width does not match the extend",
                ));
            }
            Ok(Operand::Extended(r.reg, *e, *a))
        }
        _ => Err(cx.err(i + 1, ErrorCode::BadOperand, "expected a shift")),
    }
}

fn instr_of(cx: &Ctx, mn: &str) -> R<Instr> {
    use Instr as I;
    let ops = cx.ops;
    let op_at = |i: usize| ops.get(i).map(|o| &o.op);
    match mn {
        "add" | "adds" | "sub" | "subs" | "cmp" | "cmn" => {
            let cmpish = mn == "cmp" || mn == "cmn";
            let s = mn.ends_with('s') || cmpish;
            let mut op = if mn.starts_with("add") || mn == "cmn" {
                AluOp::Add
            } else {
                AluOp::Sub
            };
            let (rd, rn, w, k) = if cmpish {
                cx.count(&[2, 3])?;
                let r = cx.reg(0)?;
                (Reg::Zr, r.reg, r.w, 1)
            } else {
                cx.count(&[3, 4])?;
                let rdw = cx.reg(0)?;
                let w = rdw.w;
                let rnw = cx.reg(1)?;
                if rnw.w != w {
                    return Err(cx.err(
                        1,
                        ErrorCode::BadOperand,
                        format!("expected a {} register", wname(w)),
                    ));
                }
                (rdw.reg, rnw.reg, w, 2)
            };
            // Register roles: the immediate and extended forms read SP (not ZR) as rn and write SP
            // (add/sub) or ZR (adds/subs); the shifted-register form uses ZR only.
            let shifted_form = matches!(op_at(k), Some(Op::Reg(_)))
                && !matches!(op_at(k + 1), Some(Op::ShExt(ShExt::Ex(..))))
                && rd != Reg::Sp
                && rn != Reg::Sp;
            if shifted_form {
                // fine: ZR allowed in every position
            } else {
                if rn == Reg::Zr {
                    return Err(cx.err(
                        if cmpish { 0 } else { 1 },
                        ErrorCode::BadOperand,
                        "zero register is not allowed here",
                    ));
                }
                if !cmpish && ((s && rd == Reg::Sp) || (!s && rd == Reg::Zr)) {
                    return Err(cx.err(
                        0,
                        ErrorCode::BadOperand,
                        if s {
                            "sp is not allowed here"
                        } else {
                            "zero register is not allowed here"
                        },
                    ));
                }
            }
            match op_at(k) {
                Some(Op::Imm(v)) => {
                    let mut v = *v;
                    let mut sh = 0;
                    if let Some(o) = op_at(k + 1) {
                        match o {
                            Op::ShExt(ShExt::Sh(Shift::Lsl, 0)) => {}
                            Op::ShExt(ShExt::Sh(Shift::Lsl, 12)) => sh = 12,
                            _ => {
                                return Err(cx.err(
                                    k + 1,
                                    ErrorCode::BadImmediate,
                                    "shift must be lsl #0 or #12",
                                ))
                            }
                        }
                    }
                    if v < 0 {
                        v = -v;
                        op = if op == AluOp::Add {
                            AluOp::Sub
                        } else {
                            AluOp::Add
                        };
                    }
                    if sh == 0 && v > 4095 && v & 0xfff == 0 && v >> 12 <= 4095 {
                        sh = 12;
                        v >>= 12;
                    }
                    if v > 4095 {
                        return Err(cx.err(
                            k,
                            ErrorCode::BadImmediate,
                            format!(
                                "immediate {} does not fit add/sub (12 bits, optionally lsl 12)",
                                v
                            ),
                        ));
                    }
                    Ok(I::Alu {
                        w,
                        op,
                        s,
                        rd,
                        rn,
                        rm: Operand::Imm(Imm::Lit(v << sh)),
                    })
                }
                Some(Op::Lo12(sym, off)) => {
                    if cx.ops.len() > k + 1 {
                        return Err(cx.err(k + 1, ErrorCode::OperandCount, "too many operands"));
                    }
                    Ok(I::Alu {
                        w,
                        op,
                        s,
                        rd,
                        rn,
                        rm: Operand::Imm(Imm::Lo12(sym.clone(), *off)),
                    })
                }
                _ => {
                    let mut rm = alu_op2(cx, k, w, false)?;
                    // With sp as rd/rn, a plain register means the extended form (uxtx / uxtw).
                    if (rd == Reg::Sp || rn == Reg::Sp)
                        && matches!(rm, Operand::Shifted(_, Shift::Lsl, _))
                    {
                        if let Operand::Shifted(r, _, a) = rm {
                            rm = Operand::Extended(
                                r,
                                if w == Width::W64 {
                                    Extend::Uxtx
                                } else {
                                    Extend::Uxtw
                                },
                                a,
                            );
                        }
                    }
                    Ok(I::Alu {
                        w,
                        op,
                        s,
                        rd,
                        rn,
                        rm,
                    })
                }
            }
        }
        "neg" | "negs" => {
            cx.count(&[2, 3])?;
            let w = cx.reg(0)?.w;
            let rd = cx.gpr(0, w)?;
            let rm = alu_op2(cx, 1, w, false)?;
            Ok(I::Alu {
                w,
                op: AluOp::Sub,
                s: mn == "negs",
                rd,
                rn: Reg::Zr,
                rm,
            })
        }
        "and" | "ands" | "orr" | "eor" | "bic" | "bics" | "orn" | "eon" | "tst" => {
            let (s, mut op) = match mn {
                "and" => (false, AluOp::And),
                "ands" | "tst" => (true, AluOp::And),
                "orr" => (false, AluOp::Orr),
                "eor" => (false, AluOp::Eor),
                "bic" => (false, AluOp::Bic),
                "bics" => (true, AluOp::Bic),
                "orn" => (false, AluOp::Orn),
                _ => (false, AluOp::Eon),
            };
            let (rd, w, k) = if mn == "tst" {
                cx.count(&[2, 3])?;
                (Reg::Zr, cx.reg(0)?.w, 1)
            } else {
                cx.count(&[3, 4])?;
                let w = cx.reg(0)?.w;
                let imm_form = matches!(op_at(2), Some(Op::Imm(_)));
                let rd = if imm_form && !s {
                    cx.gpr_sp(0, w)?
                } else {
                    cx.gpr(0, w)?
                };
                (rd, w, 2)
            };
            let rn = cx.gpr(k - 1, w)?;
            match op_at(k) {
                Some(Op::Imm(v)) => {
                    if cx.ops.len() > k + 1 {
                        return Err(cx.err(k + 1, ErrorCode::OperandCount, "too many operands"));
                    }
                    let n = bits(w);
                    let mut u = to_unsigned(*v, n).ok_or_else(|| {
                        cx.err(
                            k,
                            ErrorCode::BadImmediate,
                            format!("immediate {v} out of range"),
                        )
                    })?;
                    let mask = if n == 64 { u64::MAX } else { (1u64 << n) - 1 };
                    // bic/orn/eon with an immediate are and/orr/eor with the inverted immediate.
                    match op {
                        AluOp::Bic => {
                            op = AluOp::And;
                            u = !u & mask;
                        }
                        AluOp::Orn => {
                            op = AluOp::Orr;
                            u = !u & mask;
                        }
                        AluOp::Eon => {
                            op = AluOp::Eor;
                            u = !u & mask;
                        }
                        _ => {}
                    }
                    if !is_bitmask_imm(u, n) {
                        return Err(cx.err(
                            k,
                            ErrorCode::BadImmediate,
                            format!("immediate {v:#x} is not a valid logical immediate"),
                        ));
                    }
                    Ok(I::Alu {
                        w,
                        op,
                        s,
                        rd,
                        rn,
                        rm: Operand::Imm(Imm::Lit(u as i128)),
                    })
                }
                _ => Ok(I::Alu {
                    w,
                    op,
                    s,
                    rd,
                    rn,
                    rm: alu_op2(cx, k, w, true)?,
                }),
            }
        }
        "mvn" => {
            cx.count(&[2, 3])?;
            let w = cx.reg(0)?.w;
            let rd = cx.gpr(0, w)?;
            Ok(I::Alu {
                w,
                op: AluOp::Orn,
                s: false,
                rd,
                rn: Reg::Zr,
                rm: alu_op2(cx, 1, w, true)?,
            })
        }
        "mov" => {
            cx.count(&[2])?;
            let d = cx.reg(0)?;
            let w = d.w;
            match op_at(1) {
                Some(Op::Reg(s)) => {
                    if s.w != w {
                        return Err(cx.err(
                            1,
                            ErrorCode::BadOperand,
                            format!("expected a {} register", wname(w)),
                        ));
                    }
                    if d.reg == Reg::Sp || s.reg == Reg::Sp {
                        if d.reg == Reg::Zr || s.reg == Reg::Zr {
                            return Err(cx.err(
                                1,
                                ErrorCode::BadOperand,
                                "cannot mix sp and the zero register",
                            ));
                        }
                        Ok(I::Alu {
                            w,
                            op: AluOp::Add,
                            s: false,
                            rd: d.reg,
                            rn: s.reg,
                            rm: Operand::Imm(Imm::Lit(0)),
                        })
                    } else {
                        Ok(I::Alu {
                            w,
                            op: AluOp::Orr,
                            s: false,
                            rd: d.reg,
                            rn: Reg::Zr,
                            rm: Operand::Shifted(s.reg, Shift::Lsl, 0),
                        })
                    }
                }
                Some(Op::Imm(v)) => {
                    let n = bits(w);
                    let u = to_unsigned(*v, n).ok_or_else(|| {
                        cx.err(
                            1,
                            ErrorCode::BadImmediate,
                            format!("immediate {v} out of range for {}", wname(w)),
                        )
                    })?;
                    let mask = if n == 64 { u64::MAX } else { (1u64 << n) - 1 };
                    for hw in 0..(n / 16) {
                        if u & !(0xffffu64 << (16 * hw)) == 0 {
                            if d.reg == Reg::Sp {
                                break;
                            }
                            return Ok(I::Movz {
                                w,
                                rd: d.reg,
                                imm: (u >> (16 * hw)) as u16,
                                hw: hw as u8,
                            });
                        }
                    }
                    let nu = !u & mask;
                    for hw in 0..(n / 16) {
                        if nu & !(0xffffu64 << (16 * hw)) == 0 {
                            if d.reg == Reg::Sp {
                                break;
                            }
                            return Ok(I::Movn {
                                w,
                                rd: d.reg,
                                imm: (nu >> (16 * hw)) as u16,
                                hw: hw as u8,
                            });
                        }
                    }
                    if is_bitmask_imm(u, n) && d.reg != Reg::Zr {
                        return Ok(I::Alu {
                            w,
                            op: AluOp::Orr,
                            s: false,
                            rd: d.reg,
                            rn: Reg::Zr,
                            rm: Operand::Imm(Imm::Lit(u as i128)),
                        });
                    }
                    Err(cx.err(
                        1,
                        ErrorCode::BadImmediate,
                        format!("immediate {v:#x} cannot be moved in one instruction"),
                    ))
                }
                _ => Err(cx.err(1, ErrorCode::BadOperand, "expected a register or immediate")),
            }
        }
        "movz" | "movn" | "movk" => {
            cx.count(&[2, 3])?;
            let w = cx.reg(0)?.w;
            let rd = cx.gpr(0, w)?;
            let mut v = cx.imm(1)?;
            let mut hw = 0u8;
            match op_at(2) {
                None => {
                    if v > 0xffff {
                        for h in 1..(bits(w) / 16) {
                            if v & !(0xffffi128 << (16 * h)) == 0 {
                                hw = h as u8;
                                v >>= 16 * h;
                                break;
                            }
                        }
                    }
                }
                Some(Op::ShExt(ShExt::Sh(Shift::Lsl, a)))
                    if a % 16 == 0 && u32::from(*a) < bits(w) =>
                {
                    hw = a / 16
                }
                _ => {
                    return Err(cx.err(2, ErrorCode::BadImmediate, "shift must be lsl #0/16/32/48"))
                }
            }
            if !(0..=0xffff).contains(&v) {
                return Err(cx.err(
                    1,
                    ErrorCode::BadImmediate,
                    format!("immediate {v} does not fit 16 bits"),
                ));
            }
            let imm = v as u16;
            Ok(match mn {
                "movz" => I::Movz { w, rd, imm, hw },
                "movn" => I::Movn { w, rd, imm, hw },
                _ => I::Movk { w, rd, imm, hw },
            })
        }
        "lsl" | "lsr" | "asr" | "ror" | "lslv" | "lsrv" | "asrv" | "rorv" => {
            cx.count(&[3])?;
            let w = cx.reg(0)?.w;
            let rd = cx.gpr(0, w)?;
            let rn = cx.gpr(1, w)?;
            let sh = shift_of_name(&mn[..3]).expect("shift mnemonic");
            let n = bits(w) as i128;
            match op_at(2) {
                Some(Op::Imm(_)) if !mn.ends_with('v') => {
                    let s = cx.imm_range(2, 0, n - 1)? as u8;
                    let nn = n as u8;
                    Ok(match sh {
                        Shift::Lsl => I::Bfm {
                            w,
                            kind: BfKind::Unsigned,
                            rd,
                            rn,
                            immr: (nn - s) % nn,
                            imms: nn - 1 - s,
                        },
                        Shift::Lsr => I::Bfm {
                            w,
                            kind: BfKind::Unsigned,
                            rd,
                            rn,
                            immr: s,
                            imms: nn - 1,
                        },
                        Shift::Asr => I::Bfm {
                            w,
                            kind: BfKind::Signed,
                            rd,
                            rn,
                            immr: s,
                            imms: nn - 1,
                        },
                        Shift::Ror => I::Extr {
                            w,
                            rd,
                            rn,
                            rm: rn,
                            lsb: s,
                        },
                    })
                }
                _ => Ok(I::ShiftV {
                    w,
                    sh,
                    rd,
                    rn,
                    rm: cx.gpr(2, w)?,
                }),
            }
        }
        "ubfx" | "sbfx" | "ubfiz" | "sbfiz" | "bfi" | "bfxil" | "ubfm" | "sbfm" | "bfm" | "bfc" => {
            let w = cx.reg(0)?.w;
            let rd = cx.gpr(0, w)?;
            let n = bits(w) as i128;
            let kind = match mn {
                "ubfx" | "ubfiz" | "ubfm" => BfKind::Unsigned,
                "sbfx" | "sbfiz" | "sbfm" => BfKind::Signed,
                _ => BfKind::Insert,
            };
            if mn == "bfc" {
                cx.count(&[3])?;
                let lsb = cx.imm_range(1, 0, n - 1)?;
                let width = cx.imm_range(2, 1, n - lsb)?;
                return Ok(I::Bfm {
                    w,
                    kind,
                    rd,
                    rn: Reg::Zr,
                    immr: ((n - lsb) % n) as u8,
                    imms: (width - 1) as u8,
                });
            }
            cx.count(&[4])?;
            let rn = cx.gpr(1, w)?;
            let a = cx.imm_range(2, 0, n - 1)?;
            let (immr, imms) = match mn {
                "ubfm" | "sbfm" | "bfm" => (a, cx.imm_range(3, 0, n - 1)?),
                "ubfx" | "sbfx" | "bfxil" => {
                    let width = cx.imm_range(3, 1, n - a)?;
                    (a, a + width - 1)
                }
                _ => {
                    let width = cx.imm_range(3, 1, n - a)?;
                    ((n - a) % n, width - 1)
                }
            };
            Ok(I::Bfm {
                w,
                kind,
                rd,
                rn,
                immr: immr as u8,
                imms: imms as u8,
            })
        }
        "uxtb" | "uxth" | "sxtb" | "sxth" | "sxtw" => {
            cx.count(&[2])?;
            let w = if mn.starts_with('u') {
                Width::W32
            } else {
                cx.reg(0)?.w
            };
            let rd = cx.gpr(0, w)?;
            let rn = cx.gpr(1, Width::W32)?;
            if mn == "sxtw" && w != Width::W64 {
                return Err(cx.err(0, ErrorCode::BadOperand, "sxtw needs a 64-bit destination"));
            }
            let imms = match &mn[3..] {
                "b" => 7,
                "h" => 15,
                _ => 31,
            };
            let kind = if mn.starts_with('u') {
                BfKind::Unsigned
            } else {
                BfKind::Signed
            };
            Ok(I::Bfm {
                w,
                kind,
                rd,
                rn,
                immr: 0,
                imms,
            })
        }
        "extr" => {
            cx.count(&[4])?;
            let w = cx.reg(0)?.w;
            let lsb = cx.imm_range(3, 0, bits(w) as i128 - 1)? as u8;
            Ok(I::Extr {
                w,
                rd: cx.gpr(0, w)?,
                rn: cx.gpr(1, w)?,
                rm: cx.gpr(2, w)?,
                lsb,
            })
        }
        "clz" | "cls" | "rbit" | "rev" | "rev16" | "rev32" | "rev64" => {
            cx.count(&[2])?;
            let w = cx.reg(0)?.w;
            let op = match mn {
                "clz" => UnOp::Clz,
                "cls" => UnOp::Cls,
                "rbit" => UnOp::Rbit,
                "rev" | "rev64" => UnOp::Rev,
                "rev16" => UnOp::Rev16,
                _ => UnOp::Rev32,
            };
            if (op == UnOp::Rev32 || mn == "rev64") && w != Width::W64 {
                return Err(cx.err(0, ErrorCode::BadOperand, "expected a 64-bit register"));
            }
            Ok(I::Unary {
                w,
                op,
                rd: cx.gpr(0, w)?,
                rn: cx.gpr(1, w)?,
            })
        }
        "mul" | "mneg" | "madd" | "msub" => {
            let w = cx.reg(0)?.w;
            let four = mn == "madd" || mn == "msub";
            cx.count(if four { &[4] } else { &[3] })?;
            let ra = if four { cx.gpr(3, w)? } else { Reg::Zr };
            Ok(I::Madd {
                w,
                sub: mn == "mneg" || mn == "msub",
                rd: cx.gpr(0, w)?,
                rn: cx.gpr(1, w)?,
                rm: cx.gpr(2, w)?,
                ra,
            })
        }
        "smull" | "umull" | "smaddl" | "umaddl" | "smsubl" | "umsubl" | "smnegl" | "umnegl" => {
            let four = mn.contains("addl") || mn.contains("subl");
            cx.count(if four { &[4] } else { &[3] })?;
            let ra = if four {
                cx.gpr(3, Width::W64)?
            } else {
                Reg::Zr
            };
            Ok(I::MaddL {
                signed: mn.starts_with('s'),
                sub: mn.contains("sub") || mn.contains("neg"),
                rd: cx.gpr(0, Width::W64)?,
                rn: cx.gpr(1, Width::W32)?,
                rm: cx.gpr(2, Width::W32)?,
                ra,
            })
        }
        "umulh" | "smulh" => {
            cx.count(&[3])?;
            Ok(I::Mulh {
                signed: mn == "smulh",
                rd: cx.gpr(0, Width::W64)?,
                rn: cx.gpr(1, Width::W64)?,
                rm: cx.gpr(2, Width::W64)?,
            })
        }
        "udiv" | "sdiv" => {
            cx.count(&[3])?;
            let w = cx.reg(0)?.w;
            Ok(I::Div {
                w,
                signed: mn == "sdiv",
                rd: cx.gpr(0, w)?,
                rn: cx.gpr(1, w)?,
                rm: cx.gpr(2, w)?,
            })
        }
        "csel" | "csinc" | "csinv" | "csneg" => {
            cx.count(&[4])?;
            let w = cx.reg(0)?.w;
            let op = match mn {
                "csel" => CselOp::Csel,
                "csinc" => CselOp::Csinc,
                "csinv" => CselOp::Csinv,
                _ => CselOp::Csneg,
            };
            Ok(I::Csel {
                w,
                op,
                rd: cx.gpr(0, w)?,
                rn: cx.gpr(1, w)?,
                rm: cx.gpr(2, w)?,
                cond: cx.cond(3)?,
            })
        }
        "cset" | "csetm" => {
            cx.count(&[2])?;
            let w = cx.reg(0)?.w;
            let c = cx.cond(1)?;
            if matches!(c, Cond::Al | Cond::Nv) {
                return Err(cx.err(1, ErrorCode::BadOperand, "al/nv not allowed"));
            }
            let op = if mn == "cset" {
                CselOp::Csinc
            } else {
                CselOp::Csinv
            };
            Ok(I::Csel {
                w,
                op,
                rd: cx.gpr(0, w)?,
                rn: Reg::Zr,
                rm: Reg::Zr,
                cond: c.invert(),
            })
        }
        "cinc" | "cinv" | "cneg" => {
            cx.count(&[3])?;
            let w = cx.reg(0)?.w;
            let c = cx.cond(2)?;
            if matches!(c, Cond::Al | Cond::Nv) {
                return Err(cx.err(2, ErrorCode::BadOperand, "al/nv not allowed"));
            }
            let op = match mn {
                "cinc" => CselOp::Csinc,
                "cinv" => CselOp::Csinv,
                _ => CselOp::Csneg,
            };
            let rn = cx.gpr(1, w)?;
            Ok(I::Csel {
                w,
                op,
                rd: cx.gpr(0, w)?,
                rn,
                rm: rn,
                cond: c.invert(),
            })
        }
        "ccmp" | "ccmn" => {
            cx.count(&[4])?;
            let w = cx.reg(0)?.w;
            let rn = cx.gpr(0, w)?;
            let rm = match op_at(1) {
                Some(Op::Imm(_)) => Operand::Imm(Imm::Lit(cx.imm_range(1, 0, 31)?)),
                _ => Operand::Shifted(cx.gpr(1, w)?, Shift::Lsl, 0),
            };
            let nzcv = cx.imm_range(2, 0, 15)? as u8;
            Ok(I::Ccmp {
                w,
                neg: mn == "ccmn",
                rn,
                rm,
                nzcv,
                cond: cx.cond(3)?,
            })
        }
        "adr" | "adrp" => {
            cx.count(&[2])?;
            let rd = cx.gpr(0, Width::W64)?;
            let target = cx.target(1)?;
            Ok(if mn == "adr" {
                I::Adr { rd, target }
            } else {
                I::Adrp { rd, target }
            })
        }
        "ldr" | "ldrb" | "ldrh" | "ldrsb" | "ldrsh" | "ldrsw" | "str" | "strb" | "strh"
        | "ldur" | "ldurb" | "ldurh" | "ldursb" | "ldursh" | "ldursw" | "stur" | "sturb"
        | "sturh" => {
            cx.count(&[2, 3])?;
            let unscaled = mn.contains("ur");
            let base = mn.replace("ur", "r");
            let load = base.starts_with("ld");
            if let Some(Op::VReg(vt, size)) = op_at(0) {
                if base != "ldr" && base != "str" {
                    return Err(cx.err(0, ErrorCode::BadOperand, "expected a general register"));
                }
                let (vt, size) = (*vt, *size);
                let addr = addr_mode(cx, 1, size, unscaled, false)?;
                return Ok(if load {
                    I::LdrV { size, vt, addr }
                } else {
                    I::StrV { size, vt, addr }
                });
            }
            let (rt, rw) = cx.gpr_any(0)?;
            let suffix = &base[3..];
            let (size, sext) = match suffix {
                "" => (if rw == Width::W64 { 8 } else { 4 }, None),
                "b" | "h" => {
                    if rw != Width::W32 {
                        return Err(cx.err(
                            0,
                            ErrorCode::BadOperand,
                            "expected a 32-bit (w) register",
                        ));
                    }
                    (if suffix == "b" { 1 } else { 2 }, None)
                }
                "sb" | "sh" => (if suffix == "sb" { 1 } else { 2 }, Some(rw)),
                _ => {
                    if rw != Width::W64 {
                        return Err(cx.err(
                            0,
                            ErrorCode::BadOperand,
                            "expected a 64-bit (x) register",
                        ));
                    }
                    (4, Some(Width::W64))
                }
            };
            let addr = addr_mode(cx, 1, size, unscaled, false)?;
            Ok(if load {
                I::Ldr {
                    size,
                    sext,
                    rt,
                    addr,
                }
            } else {
                I::Str { size, rt, addr }
            })
        }
        "ldp" | "stp" | "ldpsw" | "ldnp" | "stnp" => {
            cx.count(&[3, 4])?;
            if let (Some(Op::VReg(vt1, size)), Some(Op::VReg(vt2, size2))) = (op_at(0), op_at(1)) {
                if size != size2 || *size < 4 || mn == "ldpsw" {
                    return Err(cx.err(
                        1,
                        ErrorCode::BadOperand,
                        "expected a matching s, d or q register",
                    ));
                }
                let (vt1, vt2, size) = (*vt1, *vt2, *size);
                let addr = addr_mode(cx, 2, size, false, true)?;
                return Ok(if mn.starts_with("ld") {
                    I::LdpV {
                        size,
                        vt1,
                        vt2,
                        addr,
                    }
                } else {
                    I::StpV {
                        size,
                        vt1,
                        vt2,
                        addr,
                    }
                });
            }
            let (rt1, w) = cx.gpr_any(0)?;
            let rt2 = cx.gpr(1, w)?;
            let sext = mn == "ldpsw";
            if sext && w != Width::W64 {
                return Err(cx.err(0, ErrorCode::BadOperand, "expected a 64-bit (x) register"));
            }
            let size = if sext || w == Width::W32 { 4 } else { 8 };
            let addr = addr_mode(cx, 2, size, false, true)?;
            Ok(if mn.starts_with("ld") {
                I::Ldp {
                    size,
                    sext,
                    rt1,
                    rt2,
                    addr,
                }
            } else {
                I::Stp {
                    size,
                    rt1,
                    rt2,
                    addr,
                }
            })
        }
        "ldxr" | "ldxrb" | "ldxrh" | "ldaxr" | "ldaxrb" | "ldaxrh" | "ldar" | "ldarb" | "ldarh" => {
            cx.count(&[2])?;
            let (rt, w) = cx.gpr_any(0)?;
            let size = size_suffix(cx, mn, w)?;
            Ok(I::Ldx {
                size,
                acq: mn.starts_with("lda"),
                excl: mn.contains('x'),
                rt,
                rn: cx.mem_base_only(1)?,
            })
        }
        "stxr" | "stxrb" | "stxrh" | "stlxr" | "stlxrb" | "stlxrh" => {
            cx.count(&[3])?;
            let status = cx.gpr(0, Width::W32)?;
            let (rt, w) = cx.gpr_any(1)?;
            let size = size_suffix(cx, mn, w)?;
            Ok(I::Stx {
                size,
                rel: mn.starts_with("stl"),
                status: Some(status),
                rt,
                rn: cx.mem_base_only(2)?,
            })
        }
        "stlr" | "stlrb" | "stlrh" => {
            cx.count(&[2])?;
            let (rt, w) = cx.gpr_any(0)?;
            let size = size_suffix(cx, mn, w)?;
            Ok(I::Stx {
                size,
                rel: true,
                status: None,
                rt,
                rn: cx.mem_base_only(1)?,
            })
        }
        "adc" | "adcs" | "sbc" | "sbcs" | "ngc" | "ngcs" => {
            let neg = mn.starts_with("ngc");
            cx.count(if neg { &[2] } else { &[3] })?;
            let w = cx.reg(0)?.w;
            let rd = cx.gpr(0, w)?;
            let (rn, rm) = if neg {
                (Reg::Zr, cx.gpr(1, w)?)
            } else {
                (cx.gpr(1, w)?, cx.gpr(2, w)?)
            };
            Ok(I::Adc {
                w,
                sub: !mn.starts_with("adc"),
                s: mn.ends_with('s'),
                rd,
                rn,
                rm,
            })
        }
        "ldxp" | "ldaxp" => {
            cx.count(&[3])?;
            let (rt1, w) = cx.gpr_any(0)?;
            let rt2 = cx.gpr(1, w)?;
            let size = if w == Width::W64 { 8 } else { 4 };
            Ok(I::Ldxp {
                size,
                acq: mn == "ldaxp",
                rt1,
                rt2,
                rn: cx.mem_base_only(2)?,
            })
        }
        "stxp" | "stlxp" => {
            cx.count(&[4])?;
            let status = cx.gpr(0, Width::W32)?;
            let (rt1, w) = cx.gpr_any(1)?;
            let rt2 = cx.gpr(2, w)?;
            let size = if w == Width::W64 { 8 } else { 4 };
            Ok(I::Stxp {
                size,
                rel: mn == "stlxp",
                status,
                rt1,
                rt2,
                rn: cx.mem_base_only(3)?,
            })
        }
        "ldapr" | "ldaprb" | "ldaprh" => {
            cx.count(&[2])?;
            let (rt, w) = cx.gpr_any(0)?;
            let size = size_suffix(cx, mn, w)?;
            Ok(I::Ldx {
                size,
                acq: true,
                excl: false,
                rt,
                rn: cx.mem_base_only(1)?,
            })
        }
        "prfm" => {
            cx.count(&[2])?;
            let n = cx.name(0)?.to_ascii_lowercase();
            let ok = n.len() == 9
                && ["pld", "pli", "pst"].contains(&&n[..3])
                && n.as_bytes()[3] == b'l'
                && (b'1'..=b'3').contains(&n.as_bytes()[4])
                && ["keep", "strm"].contains(&&n[5..]);
            if !ok {
                return Err(cx.err(
                    0,
                    ErrorCode::UnknownSysOp,
                    format!("unknown prefetch operation `{n}`"),
                ));
            }
            Ok(I::Prfm {
                op: n,
                addr: addr_mode(cx, 1, 8, false, false)?,
            })
        }
        "movi" => {
            cx.count(&[2])?;
            let imm = cx.imm(1)?;
            let bytes_mask = |v: i128| -> Option<u64> {
                let u = u64::try_from(v).ok()?;
                (0..8)
                    .all(|k| matches!((u >> (8 * k)) & 0xff, 0 | 0xff))
                    .then_some(u)
            };
            let value: u128 = match op_at(0) {
                Some(Op::VArr(_, lanes, 8)) => {
                    let u = bytes_mask(imm).ok_or_else(|| {
                        cx.err(
                            1,
                            ErrorCode::BadImmediate,
                            "movi .2d needs a byte mask (each byte 0x00 or 0xff)",
                        )
                    })?;
                    if *lanes == 2 {
                        (u128::from(u) << 64) | u128::from(u)
                    } else {
                        u128::from(u)
                    }
                }
                Some(Op::VReg(_, 8)) => u128::from(bytes_mask(imm).ok_or_else(|| {
                    cx.err(
                        1,
                        ErrorCode::BadImmediate,
                        "movi d needs a byte mask (each byte 0x00 or 0xff)",
                    )
                })?),
                Some(Op::VArr(_, lanes, 1)) => {
                    let b = u128::from(u8::try_from(imm).map_err(|_| {
                        cx.err(
                            1,
                            ErrorCode::BadImmediate,
                            "movi .16b/.8b takes an 8-bit immediate",
                        )
                    })?);
                    (0..*lanes).fold(0u128, |acc, k| acc | (b << (8 * k)))
                }
                _ => {
                    return Err(cx.err(
                        0,
                        ErrorCode::BadOperand,
                        "movi: supported forms are vN.2d, dN, vN.16b and vN.8b",
                    ))
                }
            };
            let vt = match op_at(0) {
                Some(Op::VArr(n, ..)) | Some(Op::VReg(n, _)) => *n,
                _ => unreachable!(),
            };
            Ok(I::Movi { vt, value })
        }
        "clrex" => {
            cx.count(&[0, 1])?;
            Ok(I::Clrex)
        }
        "b" | "bl" => {
            cx.count(&[1])?;
            let t = cx.target(0)?;
            Ok(if mn == "b" { I::B(t) } else { I::Bl(t) })
        }
        "br" | "blr" => {
            cx.count(&[1])?;
            let r = cx.gpr(0, Width::W64)?;
            Ok(if mn == "br" { I::Br(r) } else { I::Blr(r) })
        }
        "ret" => {
            cx.count(&[0, 1])?;
            Ok(I::Ret(if ops.is_empty() {
                Reg::X(30)
            } else {
                cx.gpr(0, Width::W64)?
            }))
        }
        "cbz" | "cbnz" => {
            cx.count(&[2])?;
            let (rt, w) = cx.gpr_any(0)?;
            Ok(I::Cbz {
                w,
                nz: mn == "cbnz",
                rt,
                target: cx.target(1)?,
            })
        }
        "tbz" | "tbnz" => {
            cx.count(&[3])?;
            let (rt, w) = cx.gpr_any(0)?;
            let bit = cx.imm_range(1, 0, bits(w) as i128 - 1)? as u8;
            Ok(I::Tbz {
                nz: mn == "tbnz",
                rt,
                bit,
                target: cx.target(2)?,
            })
        }
        "eret" => {
            cx.count(&[0])?;
            Ok(I::Eret)
        }
        "mrs" => {
            cx.count(&[2])?;
            let rt = cx.gpr(0, Width::W64)?;
            let n = cx.name(1)?;
            let sr = sysreg::sysreg_of_name(&n).ok_or_else(|| {
                cx.err(
                    1,
                    ErrorCode::UnknownSysOp,
                    format!("unknown system register `{n}`"),
                )
            })?;
            Ok(I::Mrs { rt, sr })
        }
        "msr" => {
            cx.count(&[2])?;
            let n = cx.name(0)?;
            if let (Some(field), Some(Op::Imm(_))) = (sysreg::pstate_of_name(&n), op_at(1)) {
                let imm = cx.imm_range(1, 0, 15)? as u8;
                return Ok(I::MsrImm { field, imm });
            }
            let sr = sysreg::sysreg_of_name(&n).ok_or_else(|| {
                cx.err(
                    0,
                    ErrorCode::UnknownSysOp,
                    format!("unknown system register `{n}`"),
                )
            })?;
            Ok(I::Msr {
                sr,
                rt: cx.gpr(1, Width::W64)?,
            })
        }
        "tlbi" => {
            let (op, rt) = cx.sys_op(sysreg::TLBI_OPS)?;
            Ok(I::Tlbi { op, rt })
        }
        "dc" | "at" => {
            cx.count(&[2])?;
            let n = cx.name(0)?.to_ascii_lowercase();
            let list = if mn == "dc" {
                sysreg::DC_OPS
            } else {
                sysreg::AT_OPS
            };
            if !list.contains(&n.as_str()) {
                return Err(cx.err(
                    0,
                    ErrorCode::UnknownSysOp,
                    format!("unknown {mn} operation `{n}`"),
                ));
            }
            let rt = cx.gpr(1, Width::W64)?;
            Ok(if mn == "dc" {
                I::Dc { op: n, rt }
            } else {
                I::At { op: n, rt }
            })
        }
        "ic" => {
            let (op, rt) = cx.sys_op(sysreg::IC_OPS)?;
            Ok(I::Ic { op, rt })
        }
        "dsb" | "dmb" | "isb" => {
            cx.count(if mn == "isb" { &[0, 1] } else { &[1] })?;
            let kind = match mn {
                "dsb" => BarrierKind::Dsb,
                "dmb" => BarrierKind::Dmb,
                _ => BarrierKind::Isb,
            };
            let opt = if ops.is_empty() {
                BarrierOpt::Sy
            } else {
                let n = cx.name(0)?.to_ascii_lowercase();
                let o = match n.as_str() {
                    "sy" => BarrierOpt::Sy,
                    "st" => BarrierOpt::St,
                    "ld" => BarrierOpt::Ld,
                    "ish" => BarrierOpt::Ish,
                    "ishst" => BarrierOpt::Ishst,
                    "ishld" => BarrierOpt::Ishld,
                    "nsh" => BarrierOpt::Nsh,
                    "nshst" => BarrierOpt::Nshst,
                    "nshld" => BarrierOpt::Nshld,
                    "osh" => BarrierOpt::Osh,
                    "oshst" => BarrierOpt::Oshst,
                    "oshld" => BarrierOpt::Oshld,
                    _ => {
                        return Err(cx.err(
                            0,
                            ErrorCode::UnknownSysOp,
                            format!("unknown barrier option `{n}`"),
                        ))
                    }
                };
                if kind == BarrierKind::Isb && o != BarrierOpt::Sy {
                    return Err(cx.err(0, ErrorCode::UnknownSysOp, "isb only takes sy"));
                }
                o
            };
            Ok(I::Barrier { kind, opt })
        }
        "hvc" | "smc" | "svc" | "brk" => {
            cx.count(&[1])?;
            let imm = cx.imm_range(0, 0, 0xffff)? as u16;
            let kind = match mn {
                "hvc" => ExcKind::Hvc,
                "smc" => ExcKind::Smc,
                "svc" => ExcKind::Svc,
                _ => ExcKind::Brk,
            };
            Ok(I::Exc { kind, imm })
        }
        "nop" | "yield" | "wfe" | "wfi" | "sev" | "sevl" => {
            cx.count(&[0])?;
            Ok(I::Hint(match mn {
                "nop" => Hint::Nop,
                "yield" => Hint::Yield,
                "wfe" => Hint::Wfe,
                "wfi" => Hint::Wfi,
                "sev" => Hint::Sev,
                _ => Hint::Sevl,
            }))
        }
        _ => {
            if let Some(c) = mn.strip_prefix("b.") {
                cx.count(&[1])?;
                let cond = cond_of_name(c).ok_or_else(|| {
                    AsmError::new(
                        ErrorCode::UnknownMnemonic,
                        cx.line,
                        cx.mcol,
                        format!("unknown condition in `{mn}`"),
                    )
                })?;
                return Ok(I::BCond(cond, cx.target(0)?));
            }
            if let Some(i) = lse(cx, mn)? {
                return Ok(i);
            }
            Err(AsmError::new(
                ErrorCode::UnknownMnemonic,
                cx.line,
                cx.mcol,
                format!("unknown mnemonic `{mn}`"),
            ))
        }
    }
}

fn size_suffix(cx: &Ctx, mn: &str, w: Width) -> R<u8> {
    if mn.ends_with('b') || mn.ends_with('h') {
        if w != Width::W32 {
            return Err(cx.err(0, ErrorCode::BadOperand, "expected a 32-bit (w) register"));
        }
        return Ok(if mn.ends_with('b') { 1 } else { 2 });
    }
    Ok(if w == Width::W64 { 8 } else { 4 })
}

/// LSE atomics: ld<op>{a,al,l}{b,h}, st<op>{l}{b,h}, swp{a,al,l}{b,h}, cas{a,al,l}{b,h}.
fn lse(cx: &Ctx, mn: &str) -> R<Option<Instr>> {
    const OPS: &[(&str, AtomicOp)] = &[
        ("add", AtomicOp::Add),
        ("clr", AtomicOp::Clr),
        ("eor", AtomicOp::Eor),
        ("set", AtomicOp::Set),
        ("smax", AtomicOp::Smax),
        ("smin", AtomicOp::Smin),
        ("umax", AtomicOp::Umax),
        ("umin", AtomicOp::Umin),
    ];
    let (kind, rest) = if let Some(r) = mn.strip_prefix("swp") {
        ("swp", r)
    } else if let Some(r) = mn.strip_prefix("cas") {
        ("cas", r)
    } else if let Some(r) = mn.strip_prefix("ld") {
        ("ld", r)
    } else if let Some(r) = mn.strip_prefix("st") {
        ("st", r)
    } else {
        return Ok(None);
    };
    let (op, rest) = if kind == "ld" || kind == "st" {
        match OPS.iter().find(|(n, _)| rest.starts_with(n)) {
            Some((n, o)) => (*o, &rest[n.len()..]),
            None => return Ok(None),
        }
    } else {
        (AtomicOp::Swp, rest)
    };
    let (ord, sz) = match rest.strip_suffix('b') {
        Some(r) => (r, 1u8),
        None => match rest.strip_suffix('h') {
            Some(r) => (r, 2u8),
            None => (rest, 0u8),
        },
    };
    let (acq, rel) = match ord {
        "" => (false, false),
        "a" if kind != "st" => (true, false),
        "al" if kind != "st" => (true, true),
        "l" => (false, true),
        _ => return Ok(None),
    };
    let mem_i = if kind == "st" { 1 } else { 2 };
    cx.count(&[mem_i + 1])?;
    let (rs, w) = cx.gpr_any(0)?;
    let rt = if kind == "st" { Reg::Zr } else { cx.gpr(1, w)? };
    let size = if sz == 0 {
        if w == Width::W64 {
            8
        } else {
            4
        }
    } else {
        if w != Width::W32 {
            return Err(cx.err(0, ErrorCode::BadOperand, "expected a 32-bit (w) register"));
        }
        sz
    };
    let rn = cx.mem_base_only(mem_i)?;
    Ok(Some(if kind == "cas" {
        Instr::Cas {
            size,
            acq,
            rel,
            rs,
            rt,
            rn,
        }
    } else {
        Instr::Atomic {
            op,
            size,
            acq,
            rel,
            rs,
            rt,
            rn,
        }
    }))
}

/// Addressing mode at operand `i` (with an optional post-index immediate at `i+1`).
fn addr_mode(cx: &Ctx, i: usize, size: u8, unscaled: bool, pair: bool) -> R<Addr> {
    let (base, idx, pre) = match cx.ops.get(i).map(|o| &o.op) {
        Some(Op::Mem { base, idx, pre }) => (*base, idx.clone(), *pre),
        Some(Op::Name(_)) | Some(Op::Local(..)) => {
            return Err(cx.err(
                i,
                ErrorCode::BadOperand,
                "pc-relative literal loads are not supported",
            ))
        }
        _ => return Err(cx.err(i, ErrorCode::BadOperand, "expected a memory operand")),
    };
    let sz = i128::from(size);
    let check_pair = |v: i128, k: usize| -> R<i64> {
        if v % sz != 0 || v / sz < -64 || v / sz > 63 {
            return Err(cx.err(
                k,
                ErrorCode::BadImmediate,
                format!(
                    "offset {v} must be a multiple of {sz} in {}..={}",
                    -64 * sz,
                    63 * sz
                ),
            ));
        }
        Ok(v as i64)
    };
    let check9 = |v: i128, k: usize| -> R<i64> {
        if !(-256..=255).contains(&v) {
            return Err(cx.err(
                k,
                ErrorCode::BadImmediate,
                format!("offset {v} out of range -256..=255"),
            ));
        }
        Ok(v as i64)
    };
    if let Some(post) = cx.ops.get(i + 1) {
        if pre || idx != MemIdx::None {
            return Err(cx.err(i + 1, ErrorCode::OperandCount, "unexpected operand"));
        }
        let v = match post.op {
            Op::Imm(v) => v,
            _ => {
                return Err(cx.err(
                    i + 1,
                    ErrorCode::BadImmediate,
                    "expected a post-index immediate",
                ))
            }
        };
        if unscaled {
            return Err(cx.err(
                i + 1,
                ErrorCode::BadOperand,
                "unscaled forms have no post-index",
            ));
        }
        let v = if pair {
            check_pair(v, i + 1)?
        } else {
            check9(v, i + 1)?
        };
        return Ok(Addr::Post(base, v));
    }
    match idx {
        MemIdx::None => Ok(if pre {
            Addr::Pre(base, 0)
        } else {
            Addr::Off(base, Imm::Lit(0))
        }),
        MemIdx::Imm(Imm::Lit(v)) => {
            if pre {
                if unscaled {
                    return Err(cx.err(
                        i,
                        ErrorCode::BadOperand,
                        "unscaled forms have no pre-index",
                    ));
                }
                let v = if pair {
                    check_pair(v, i)?
                } else {
                    check9(v, i)?
                };
                return Ok(Addr::Pre(base, v));
            }
            if pair {
                return Ok(Addr::Off(base, Imm::Lit(check_pair(v, i)? as i128)));
            }
            let scaled_ok = !unscaled && v >= 0 && v % sz == 0 && v / sz <= 4095;
            if !scaled_ok {
                check9(v, i)?;
            }
            Ok(Addr::Off(base, Imm::Lit(v)))
        }
        MemIdx::Imm(Imm::Lo12(s, o)) => {
            if pre || pair || unscaled {
                return Err(cx.err(
                    i,
                    ErrorCode::BadOperand,
                    ":lo12: only in the unsigned-offset form",
                ));
            }
            Ok(Addr::Off(base, Imm::Lo12(s, o)))
        }
        MemIdx::Reg(r, se) => {
            if pre || pair || unscaled {
                return Err(cx.err(
                    i,
                    ErrorCode::BadOperand,
                    "register offset not allowed in this form",
                ));
            }
            if r.reg == Reg::Sp {
                return Err(cx.err(i, ErrorCode::BadOperand, "sp is not an index register"));
            }
            let log = size.trailing_zeros() as u8;
            let (e, a) = match se {
                None => (Extend::Uxtx, 0),
                Some(ShExt::Sh(Shift::Lsl, a)) => (Extend::Uxtx, a),
                Some(ShExt::Ex(e @ (Extend::Uxtw | Extend::Sxtw | Extend::Sxtx), a)) => (e, a),
                _ => {
                    return Err(cx.err(
                        i,
                        ErrorCode::BadOperand,
                        "index must use lsl, uxtw, sxtw or sxtx",
                    ))
                }
            };
            let want = if matches!(e, Extend::Uxtw | Extend::Sxtw) {
                Width::W32
            } else {
                Width::W64
            };
            if r.w != want {
                return Err(cx.err(
                    i,
                    ErrorCode::BadOperand,
                    "index register width does not match the extend",
                ));
            }
            if a != 0 && a != log {
                return Err(cx.err(
                    i,
                    ErrorCode::BadImmediate,
                    format!("index shift must be 0 or {log}"),
                ));
            }
            Ok(Addr::RegOff(base, r.reg, e, a))
        }
    }
}
