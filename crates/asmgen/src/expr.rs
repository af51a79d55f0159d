//! The one constant-expression evaluator of asmgen. Immediates of instructions (`#(1 << 12) - 1`)
//! and the arguments of the directives that inline-asm templates and `--expand-macros` interpret
//! (`.if`, `.equ`/`.set`, `.inst`, `.subsection`) are evaluated alike, as GNU as (and LLVM's
//! integrated assembler) evaluate them:
//!
//! * values are 64-bit two's complement (`0xffffffffffffffff` is `-1`); `+ - *` wrap;
//! * binary operators, loosest first: `||`; `&&`; `== != <> < <= > >=`; `+ -`; `| & ^ !` (`a ! b`
//!   is `a | ~b`); `* / % << >>` — all left-associative, so `1 + 2 << 3` is 17 and `4 - 1 & 2`
//!   is 4 (not C's 24 and 2);
//! * comparisons give `-1` for true and `0` for false; `&&`, `||` and unary `!` give `1`/`0`;
//! * `/` and `%` are signed; `>>` is a logical shift; shift amounts must be 0..=63 and divisors
//!   non-zero (errors, where the assemblers warn or differ);
//! * unary `-`, `~`, `!`, `+`; parentheses; symbols from the caller's table (`.equ` names);
//! * blanks between the characters of an operator do not matter (`1 < < 2` is `1 << 2`).

use crate::lexer::{Tok, Token};

/// The value of an expression.
pub type Value = i64;

/// Why an expression has no value, and the column where that was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExprError {
    pub col: usize,
    pub kind: ExprErrorKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExprErrorKind {
    /// A token that cannot start an operand (or the end of the expression).
    ExpectedOperand,
    /// `(` without `)`.
    ExpectedParen,
    /// A number that does not fit in 64 bits.
    TooLarge(i128),
    /// A shift by less than 0 or more than 63 bits.
    ShiftAmount(Value),
    DivisionByZero,
    UnknownSymbol(String),
    /// Parentheses or unary operators nested deeper than [`MAX_NESTING`].
    TooDeep,
}

/// How deep parentheses and unary operators may nest. The evaluator recurses once per level; the
/// limit keeps a pathological input (AFL++ found 27k `(`) from overflowing the stack, and is far
/// beyond anything an assembler source or a compiler writes.
pub const MAX_NESTING: u32 = 256;

impl std::fmt::Display for ExprErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExprErrorKind::ExpectedOperand => write!(f, "expected an immediate"),
            ExprErrorKind::ExpectedParen => write!(f, "expected `)`"),
            ExprErrorKind::TooLarge(v) => write!(f, "number {v} does not fit in 64 bits"),
            ExprErrorKind::ShiftAmount(v) => write!(f, "shift amount {v} out of range 0..=63"),
            ExprErrorKind::DivisionByZero => write!(f, "division by zero"),
            ExprErrorKind::UnknownSymbol(s) => write!(f, "unknown symbol `{s}`"),
            ExprErrorKind::TooDeep => {
                write!(f, "expression nested more than {MAX_NESTING} levels deep")
            }
        }
    }
}

/// Binding strength of the binary operators (GNU as); the evaluator takes the loosest level it
/// may consume, so a caller can stop at e.g. [`Prec::Add`] (`sym+8` after a symbol).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Prec {
    LOr,
    LAnd,
    Cmp,
    Add,
    Bit,
    Mul,
}

impl Prec {
    fn tighter(self) -> Option<Prec> {
        Some(match self {
            Prec::LOr => Prec::LAnd,
            Prec::LAnd => Prec::Cmp,
            Prec::Cmp => Prec::Add,
            Prec::Add => Prec::Bit,
            Prec::Bit => Prec::Mul,
            Prec::Mul => return None,
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BinOp {
    LOr,
    LAnd,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Or,
    And,
    Xor,
    OrNot,
    Mul,
    Div,
    Rem,
    Shl,
    Shr,
}

impl BinOp {
    fn prec(self) -> Prec {
        use BinOp::*;
        match self {
            LOr => Prec::LOr,
            LAnd => Prec::LAnd,
            Eq | Ne | Lt | Le | Gt | Ge => Prec::Cmp,
            Add | Sub => Prec::Add,
            Or | And | Xor | OrNot => Prec::Bit,
            Mul | Div | Rem | Shl | Shr => Prec::Mul,
        }
    }
}

/// The symbols an expression may name (`None`: names are not operands, as in instructions).
pub type Symbols<'a> = Option<&'a dyn Fn(&str) -> Option<Value>>;

/// An evaluator over a token slice, from position `pos` (advanced past what it reads).
pub struct Eval<'a> {
    pub toks: &'a [Token],
    pub pos: usize,
    /// Column reported for errors at the end of the tokens.
    pub end_col: usize,
    pub syms: Symbols<'a>,
    /// Parentheses and unary operators open around the current position.
    depth: u32,
}

impl<'a> Eval<'a> {
    pub fn new(toks: &'a [Token], pos: usize, end_col: usize, syms: Symbols<'a>) -> Self {
        Eval {
            toks,
            pos,
            end_col,
            syms,
            depth: 0,
        }
    }

    fn punct(&self, k: usize) -> Option<char> {
        match self.toks.get(self.pos + k).map(|t| &t.tok) {
            Some(Tok::Punct(c)) => Some(*c),
            _ => None,
        }
    }

    fn col(&self) -> usize {
        self.toks.get(self.pos).map_or(self.end_col, |t| t.col)
    }

    fn err(&self, kind: ExprErrorKind) -> ExprError {
        ExprError {
            col: self.col(),
            kind,
        }
    }

    /// The binary operator at the cursor and its length in tokens.
    fn binop(&self) -> Option<(BinOp, usize)> {
        use BinOp::*;
        Some(match (self.punct(0)?, self.punct(1)) {
            ('|', Some('|')) => (LOr, 2),
            ('&', Some('&')) => (LAnd, 2),
            ('=', Some('=')) => (Eq, 2),
            ('!', Some('=')) => (Ne, 2),
            ('<', Some('>')) => (Ne, 2),
            ('<', Some('=')) => (Le, 2),
            ('>', Some('=')) => (Ge, 2),
            ('<', Some('<')) => (Shl, 2),
            ('>', Some('>')) => (Shr, 2),
            ('<', _) => (Lt, 1),
            ('>', _) => (Gt, 1),
            ('+', _) => (Add, 1),
            ('-', _) => (Sub, 1),
            ('|', _) => (Or, 1),
            ('&', _) => (And, 1),
            ('^', _) => (Xor, 1),
            ('!', _) => (OrNot, 1),
            ('*', _) => (Mul, 1),
            ('/', _) => (Div, 1),
            ('%', _) => (Rem, 1),
            _ => return None,
        })
    }

    /// An expression whose binary operators bind at least as tightly as `min`.
    pub fn expr(&mut self, min: Prec) -> Result<Value, ExprError> {
        let mut lhs = self.unary()?;
        while let Some((op, len)) = self.binop() {
            if op.prec() < min {
                break;
            }
            self.pos += len;
            let rhs_col = self.col();
            let rhs = match op.prec().tighter() {
                Some(p) => self.expr(p)?,
                None => self.unary()?,
            };
            lhs = apply(op, lhs, rhs).map_err(|kind| ExprError { col: rhs_col, kind })?;
        }
        Ok(lhs)
    }

    fn unary(&mut self) -> Result<Value, ExprError> {
        if self.depth >= MAX_NESTING {
            return Err(self.err(ExprErrorKind::TooDeep));
        }
        self.depth += 1;
        let v = self.operand();
        self.depth -= 1;
        v
    }

    fn operand(&mut self) -> Result<Value, ExprError> {
        let Some(t) = self.toks.get(self.pos) else {
            return Err(self.err(ExprErrorKind::ExpectedOperand));
        };
        match &t.tok {
            Tok::Punct(c @ ('-' | '+' | '~' | '!')) => {
                self.pos += 1;
                let v = self.unary()?;
                Ok(match c {
                    '-' => v.wrapping_neg(),
                    '~' => !v,
                    '!' => Value::from(v == 0),
                    _ => v,
                })
            }
            Tok::Punct('(') => {
                self.pos += 1;
                let v = self.expr(Prec::LOr)?;
                if self.punct(0) != Some(')') {
                    return Err(self.err(ExprErrorKind::ExpectedParen));
                }
                self.pos += 1;
                Ok(v)
            }
            Tok::Int(v) => {
                let v = literal(*v).ok_or_else(|| self.err(ExprErrorKind::TooLarge(*v)))?;
                self.pos += 1;
                Ok(v)
            }
            Tok::Ident(s) if self.syms.is_some() => {
                let v = self.syms.and_then(|look| look(s));
                let v = v.ok_or_else(|| self.err(ExprErrorKind::UnknownSymbol(s.clone())))?;
                self.pos += 1;
                Ok(v)
            }
            _ => Err(self.err(ExprErrorKind::ExpectedOperand)),
        }
    }
}

/// A literal's 64-bit value (`0x8000000000000000` and above wrap to negative values).
pub fn literal(v: i128) -> Option<Value> {
    (i128::from(i64::MIN)..=i128::from(u64::MAX))
        .contains(&v)
        .then_some(v as i64)
}

fn apply(op: BinOp, a: Value, b: Value) -> Result<Value, ExprErrorKind> {
    use BinOp::*;
    let t = |c: bool| if c { -1 } else { 0 };
    Ok(match op {
        LOr => Value::from(a != 0 || b != 0),
        LAnd => Value::from(a != 0 && b != 0),
        Eq => t(a == b),
        Ne => t(a != b),
        Lt => t(a < b),
        Le => t(a <= b),
        Gt => t(a > b),
        Ge => t(a >= b),
        Add => a.wrapping_add(b),
        Sub => a.wrapping_sub(b),
        Or => a | b,
        And => a & b,
        Xor => a ^ b,
        OrNot => a | !b,
        Mul => a.wrapping_mul(b),
        Div | Rem if b == 0 => return Err(ExprErrorKind::DivisionByZero),
        Div => a.wrapping_div(b),
        Rem => a.wrapping_rem(b),
        Shl | Shr if !(0..64).contains(&b) => return Err(ExprErrorKind::ShiftAmount(b)),
        Shl => ((a as u64) << b) as i64,
        Shr => ((a as u64) >> b) as i64,
    })
}

/// Whether the token can start an expression.
pub fn starts(t: Option<&Token>) -> bool {
    matches!(
        t.map(|t| &t.tok),
        Some(Tok::Int(_) | Tok::Punct('-' | '(' | '~' | '+' | '!'))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Evaluate a whole directive argument (e.g. of `.if`), with symbols.
    fn eval_text(text: &str, syms: Symbols) -> Result<Value, String> {
        let toks = crate::lexer::tokenize(text, 1, 0).map_err(|e| e.msg)?;
        let mut ev = Eval::new(&toks, 0, text.chars().count() + 1, syms);
        let v = ev.expr(Prec::LOr).map_err(|e| e.kind.to_string())?;
        if ev.pos != toks.len() {
            return Err(format!("cannot evaluate `{}`", text.trim()));
        }
        Ok(v)
    }

    fn ev(s: &str) -> Result<Value, String> {
        eval_text(s, None)
    }

    /// Values GNU as 2.38 and clang 14 (aarch64) assemble for these expressions.
    #[test]
    fn gas_precedence_and_semantics() {
        let cases: &[(&str, i64)] = &[
            ("1 + 2 << 3", 17),
            ("4 - 1 & 2", 4),
            ("1 | 2 + 4", 7),
            ("2 * 3 << 1", 12),
            ("8 >> 1 + 1", 5),
            ("1 << 2 * 3", 12),
            ("6 & 3 ^ 1", 3),
            ("1 ^ 3 & 2", 2),
            ("1 | 6 & 3", 3),
            ("7 - 2 - 1", 4),
            ("1 == 1", -1),
            ("3 < 4", -1),
            ("1 + 1 == 2", -1),
            ("2 && 3", 1),
            ("!0", 1),
            ("~0 & 0xff", 255),
            ("-8 >> 1 & 0xff", 252),
            ("5 % 3", 2),
            ("2 > 1 + 1", 0),
            ("1 || 0 && 0", 1),
            ("1 << 63 >> 63 & 0xff", 1),
            ("1 ! 2", -3),
            ("-1 >> 1", i64::MAX),
            ("-7 / 2", -3),
            ("-7 % 2", -1),
            ("0x8000000000000000 * 2", 0),
            ("(2 < 3) + 5", 4),
            ("-1 < 0", -1),
            ("0xffffffffffffffff == -1", -1),
            ("+5", 5),
            ("1 <> 2", -1),
            // gas removes blanks between operator characters
            ("1 < < 2", 4),
            ("1 | | 2", 1),
            ("3 >= 3", -1),
            ("3 <= 2", 0),
        ];
        for (s, want) in cases {
            assert_eq!(ev(s), Ok(*want), "{s}");
        }
    }

    #[test]
    fn errors() {
        assert!(ev("1 << 64").unwrap_err().contains("shift amount 64"));
        assert!(ev("1 / 0").unwrap_err().contains("division by zero"));
        assert!(ev("(1 + 2").unwrap_err().contains("expected `)`"));
        assert!(ev("0x10000000000000000").unwrap_err().contains("64 bits"));
        assert!(ev("x + 1").unwrap_err().contains("expected an immediate"));
        assert!(ev("1 +").unwrap_err().contains("expected an immediate"));
        // Nesting is bounded (a fuzzer's 27k `(` overflowed the stack); 256 levels are fine.
        let deep = |n: usize, open: &str| format!("{}1{}", open.repeat(n), ")".repeat(n));
        assert_eq!(ev(&deep(255, "(")), Ok(1));
        assert!(ev(&deep(30_000, "("))
            .unwrap_err()
            .contains("nested more than 256"));
        assert!(ev(&"-".repeat(30_000))
            .unwrap_err()
            .contains("nested more than 256"));
        let syms = |s: &str| (s == "x").then_some(41);
        assert_eq!(eval_text("x + 1", Some(&syms)), Ok(42));
        assert!(eval_text("y + 1", Some(&syms))
            .unwrap_err()
            .contains("unknown symbol `y`"));
    }
}
