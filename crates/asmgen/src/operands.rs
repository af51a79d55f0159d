//! Operands: the tokens after a mnemonic → [`Op`]s (registers with their view, immediates,
//! shifts and extends, memory operands, labels), independent of the instruction they belong to.

use crate::ast::{Extend, Imm, Reg, Shift, Width};
use crate::error::{AsmError, ErrorCode};
use crate::expr::{self, Eval, Prec, Value};
use crate::lexer::{Tok, Token};

pub(crate) type R<T> = Result<T, AsmError>;

/// A general register as written: the register and its view (`w`/`x`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RegW {
    pub reg: Reg,
    pub w: Width,
}

/// A shift or extend operand modifier (`lsl #3`, `uxtw #2`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShExt {
    Sh(Shift, u8),
    Ex(Extend, u8),
}

/// The offset part of a memory operand `[base, …]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MemIdx {
    None,
    Imm(Imm),
    Reg(RegW, Option<ShExt>),
}

/// One parsed operand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    Reg(RegW),
    Imm(Value),
    /// `:lo12:sym+off`
    Lo12(String, i64),
    ShExt(ShExt),
    /// `sym+off` / `sym-off`
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
    /// A label, condition or operation name (objdump targets: `\u{2}<hex>\u{3}<annotation>`).
    Name(String),
    /// A numeric local label reference `1b` (backward = true) / `1f`.
    Local(u32, bool),
}

/// An operand and the column it starts at.
#[derive(Clone, Debug)]
pub struct OpAt {
    pub op: Op,
    pub col: usize,
}

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
    fn err_at(&self, col: usize, code: ErrorCode, msg: impl Into<String>) -> AsmError {
        AsmError::new(code, self.line, col, msg)
    }
    fn err(&self, code: ErrorCode, msg: impl Into<String>) -> AsmError {
        self.err_at(self.col(), code, msg)
    }
    fn expect(&mut self, c: char) -> R<()> {
        if self.eat(c) {
            Ok(())
        } else {
            Err(self.err(ErrorCode::BadOperand, format!("expected `{c}`")))
        }
    }

    /// A constant expression whose operators bind at least as tightly as `min`.
    fn expr(&mut self, min: Prec) -> R<Value> {
        let mut ev = Eval::new(self.toks, self.pos, self.end_col, None);
        let v = ev.expr(min).map_err(|e| {
            let code = match e.kind {
                expr::ExprErrorKind::ExpectedParen => ErrorCode::BadOperand,
                _ => ErrorCode::BadImmediate,
            };
            self.err_at(e.col, code, e.kind.to_string())
        })?;
        self.pos = ev.pos;
        Ok(v)
    }
}

/// A general register name: `x0`–`x30`, `w0`–`w30`, `sp`, `wsp`, `xzr`, `wzr`, `lr`, `fp`.
pub fn reg_of_name(s: &str) -> Option<RegW> {
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
    let n = reg_number(num)?;
    (n <= 30).then_some(RegW { reg: Reg::X(n), w })
}

/// A register number without leading zeros.
fn reg_number(num: &str) -> Option<u8> {
    if num.is_empty()
        || !num.chars().all(|c| c.is_ascii_digit())
        || (num.len() > 1 && num.starts_with('0'))
    {
        return None;
    }
    num.parse().ok()
}

/// `b0`..`b31`, `h`, `s`, `d`, `q`: an FP/SIMD register view (number, bytes).
pub fn vreg_of_name(s: &str) -> Option<(u8, u8)> {
    let l = s.to_ascii_lowercase();
    let size = match l.chars().next()? {
        'b' => 1,
        'h' => 2,
        's' => 4,
        'd' => 8,
        'q' => 16,
        _ => return None,
    };
    let n = reg_number(&l[1..])?;
    (n <= 31).then_some((n, size))
}

/// `v3.2d`, `v0.16b`, ...: (register, lanes, bytes per lane).
pub fn varr_of_name(s: &str) -> Option<(u8, u8, u8)> {
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

pub fn shift_of_name(s: &str) -> Option<Shift> {
    Some(match s.to_ascii_lowercase().as_str() {
        "lsl" => Shift::Lsl,
        "lsr" => Shift::Lsr,
        "asr" => Shift::Asr,
        "ror" => Shift::Ror,
        _ => return None,
    })
}

pub fn extend_of_name(s: &str) -> Option<Extend> {
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

/// `#imm`, `imm` or `#:lo12:sym+off`.
fn parse_imm_or_lo12(c: &mut Cursor) -> R<Op> {
    c.eat('#');
    if c.eat(':') {
        let col = c.col();
        match c.next() {
            Some(Token {
                tok: Tok::Ident(k), ..
            }) if k.eq_ignore_ascii_case("lo12") => {}
            _ => {
                return Err(c.err_at(
                    col,
                    ErrorCode::BadOperand,
                    "only the :lo12: relocation is supported",
                ))
            }
        }
        c.expect(':')?;
        return match c.next() {
            Some(Token {
                tok: Tok::Ident(s), ..
            }) => Ok(Op::Lo12(s.clone(), sym_offset(c)?)),
            _ => Err(c.err(ErrorCode::BadOperand, "expected a symbol after :lo12:")),
        };
    }
    Ok(Op::Imm(c.expr(Prec::LOr)?))
}

/// An optional `+off`/`-off` after a symbol.
fn sym_offset(c: &mut Cursor) -> R<i64> {
    if c.is('+') || c.is('-') {
        c.expr(Prec::Add)
    } else {
        Ok(0)
    }
}

/// The amount after a shift or extend name (`#3`); `required` for shifts.
fn parse_shext_amount(c: &mut Cursor, required: bool) -> R<Option<u8>> {
    if !(c.is('#') || expr::starts(c.peek())) {
        if required {
            return Err(c.err(ErrorCode::BadImmediate, "expected a shift amount"));
        }
        return Ok(None);
    }
    c.eat('#');
    let col = c.col();
    let v = c.expr(Prec::LOr)?;
    if !(0..64).contains(&v) {
        return Err(c.err_at(
            col,
            ErrorCode::BadImmediate,
            format!("shift amount {v} out of range"),
        ));
    }
    Ok(Some(v as u8))
}

/// `lsl #n` / `uxtw {#n}` after a register (the name has been read).
fn parse_shext(c: &mut Cursor, name: &str) -> R<Option<ShExt>> {
    if let Some(sh) = shift_of_name(name) {
        let a = parse_shext_amount(c, true)?.unwrap_or(0);
        return Ok(Some(ShExt::Sh(sh, a)));
    }
    if let Some(e) = extend_of_name(name) {
        let a = parse_shext_amount(c, false)?.unwrap_or(0);
        return Ok(Some(ShExt::Ex(e, a)));
    }
    Ok(None)
}

/// `[base]`, `[base, #imm]`, `[base, :lo12:sym]`, `[base, idx{, ext #n}]`, each optionally `!`.
fn parse_mem(c: &mut Cursor) -> R<Op> {
    c.pos += 1; // `[`
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
            return Err(c.err_at(
                col,
                ErrorCode::BadOperand,
                "expected a 64-bit base register",
            ))
        }
    };
    let mut idx = MemIdx::None;
    if c.eat(',') {
        let index = match c.peek() {
            Some(Token {
                tok: Tok::Ident(s), ..
            }) => reg_of_name(s),
            _ => None,
        };
        idx = match index {
            Some(r) => {
                c.pos += 1;
                MemIdx::Reg(r, parse_index_modifier(c)?)
            }
            None => match parse_imm_or_lo12(c)? {
                Op::Imm(v) => MemIdx::Imm(Imm::Lit(v)),
                Op::Lo12(s, o) => MemIdx::Imm(Imm::Lo12(s, o)),
                _ => unreachable!("parse_imm_or_lo12 gives an immediate"),
            },
        };
    }
    c.expect(']')?;
    let pre = c.eat('!');
    Ok(Op::Mem { base, idx, pre })
}

/// The optional `, lsl #n` / `, sxtw` of an index register.
fn parse_index_modifier(c: &mut Cursor) -> R<Option<ShExt>> {
    if !c.eat(',') {
        return Ok(None);
    }
    let col = c.col();
    let bad = |c: &Cursor| c.err_at(col, ErrorCode::BadOperand, "expected a shift or extend");
    match c.next() {
        Some(Token {
            tok: Tok::Ident(k), ..
        }) => match parse_shext(c, k)? {
            Some(se) => Ok(Some(se)),
            None => Err(bad(c)),
        },
        _ => Err(bad(c)),
    }
}

/// An identifier operand: a register, shift/extend, label or name.
fn parse_ident(c: &mut Cursor, t: &Token, s: &str) -> R<Op> {
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
        if c.is('#') || expr::starts(c.peek()) {
            let a = parse_shext_amount(c, true)?.unwrap_or(0);
            return Ok(Op::ShExt(ShExt::Sh(sh, a)));
        }
    }
    if let Some(e) = extend_of_name(s) {
        let a = parse_shext_amount(c, false)?.unwrap_or(0);
        return Ok(Op::ShExt(ShExt::Ex(e, a)));
    }
    // objdump: `b 40 <foo+0x40>` (bare hex address, then a symbolic comment).
    if c.is('<') {
        let sym = skip_objdump_symbol(c);
        return Ok(Op::Name(format!("\u{2}{}\u{3}{sym}", t.raw)));
    }
    if c.is('+') || c.is('-') {
        let off = sym_offset(c)?;
        return Ok(Op::SymOff(s.to_string(), off));
    }
    Ok(Op::Name(s.to_string()))
}

fn parse_operand(c: &mut Cursor) -> R<Op> {
    let t = c
        .peek()
        .ok_or_else(|| c.err(ErrorCode::BadOperand, "missing operand"))?;
    match &t.tok {
        Tok::Punct('[') => parse_mem(c),
        Tok::Punct('#') | Tok::Punct(':') => parse_imm_or_lo12(c),
        Tok::Int(_) | Tok::Punct('-' | '(' | '~') => Ok(Op::Imm(c.expr(Prec::LOr)?)),
        Tok::LocalRef(n, b) => {
            c.pos += 1;
            Ok(Op::Local(*n, *b))
        }
        Tok::Ident(s) => parse_ident(c, t, s),
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

/// The operands of one instruction (the tokens after its mnemonic); `end_col` is the column just
/// after the statement, for errors about a missing operand.
pub fn parse_operands(toks: &[Token], line: usize, end_col: usize) -> R<Vec<OpAt>> {
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
