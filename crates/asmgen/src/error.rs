//! Parse and instantiation errors: a stable code, a 1-based line:column, and the procedure they
//! occurred in. They convert into the workspace's `diag::Diagnostic` (codes `E-ASM001`…`E-ASM009`).

use std::fmt;

/// The classes of asmgen errors; each has a stable `diag::Code`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// A character or token the lexer cannot read.
    Lex,
    /// A mnemonic asmgen does not know.
    UnknownMnemonic,
    /// An operand of the wrong kind or width for the mnemonic.
    BadOperand,
    /// An immediate that is out of range or not encodable.
    BadImmediate,
    /// Wrong number of operands.
    OperandCount,
    /// A branch target that does not resolve.
    UnknownLabel,
    /// A system register, TLBI/DC/IC/AT operation or barrier option asmgen does not know.
    UnknownSysOp,
    /// A directive asmgen does not support inside code.
    UnsupportedDirective,
    /// An inline-asm template or constraint string asmgen cannot instantiate.
    InlineAsm,
}

impl ErrorCode {
    /// The workspace diagnostic code.
    pub fn code(self) -> diag::Code {
        use diag::Code as C;
        match self {
            ErrorCode::Lex => C::AsmLex,
            ErrorCode::UnknownMnemonic => C::AsmUnknownMnemonic,
            ErrorCode::BadOperand => C::AsmBadOperand,
            ErrorCode::BadImmediate => C::AsmBadImmediate,
            ErrorCode::OperandCount => C::AsmOperandCount,
            ErrorCode::UnknownLabel => C::AsmUnknownLabel,
            ErrorCode::UnknownSysOp => C::AsmUnknownSysOp,
            ErrorCode::UnsupportedDirective => C::AsmDirective,
            ErrorCode::InlineAsm => C::AsmInline,
        }
    }

    /// The stable textual code, e.g. `E-ASM002`.
    pub fn as_str(self) -> &'static str {
        self.code().as_str()
    }

    /// What to do about an error of this class.
    pub fn hint(self) -> &'static str {
        match self {
            ErrorCode::Lex => {
                "remove the character; comments are `//`, `/* … */` or a `#` starting the line"
            }
            ErrorCode::UnknownMnemonic => {
                "use an instruction listed in docs/asmgen.md (aliases are resolved); this procedure is left out of the model"
            }
            ErrorCode::BadOperand => {
                "give the operand kind and register width the instruction takes (docs/asmgen.md)"
            }
            ErrorCode::BadImmediate => {
                "use an immediate the instruction can encode, or move the value into a register first"
            }
            ErrorCode::OperandCount => "give the instruction the number of operands it takes",
            ErrorCode::UnknownLabel => {
                "define the label in the same procedure (numeric labels: `1:` with `1b`/`1f`)"
            }
            ErrorCode::UnknownSysOp => {
                "name a register or operation of src/sysreg.rs, or write the encoding `s<op0>_<op1>_c<n>_c<m>_<op2>`"
            }
            ErrorCode::UnsupportedDirective => {
                "only code is modelled: the directive was skipped; move data out of code sections (`--strict` makes this an error)"
            }
            ErrorCode::InlineAsm => {
                "the template or constraints use what asmgen does not instantiate (docs/asmgen.md, Inline asm)"
            }
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An error with its code and source position (1-based line and column, in characters).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{col}: error[{code}]: {msg}")]
pub struct AsmError {
    pub code: ErrorCode,
    pub line: usize,
    pub col: usize,
    pub msg: String,
    /// The procedure the error was found in (set when a procedure is built).
    pub procedure: Option<String>,
}

impl AsmError {
    pub fn new(code: ErrorCode, line: usize, col: usize, msg: impl Into<String>) -> Self {
        AsmError {
            code,
            line,
            col,
            msg: msg.into(),
            procedure: None,
        }
    }

    /// The same error, found in procedure `name`.
    pub fn in_procedure(mut self, name: &str) -> Self {
        self.procedure = Some(name.to_string());
        self
    }

    /// The diagnostic of this error in the assembly file `file`.
    pub fn diagnostic(&self, file: &str) -> diag::Diagnostic {
        located(
            self.code,
            file,
            self.line,
            self.col,
            self.procedure.as_deref(),
            &self.msg,
        )
    }
}

impl From<&AsmError> for diag::Diagnostic {
    /// The diagnostic without a file name (inline asm: the template is the source).
    fn from(e: &AsmError) -> Self {
        let mut d = e.diagnostic("");
        d.place.file = None;
        d
    }
}

/// A non-fatal diagnostic (e.g. a directive that was reported and skipped).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub code: ErrorCode,
    pub line: usize,
    pub col: usize,
    pub msg: String,
}

impl Warning {
    /// The diagnostic (severity warning) of this warning in the assembly file `file`.
    pub fn diagnostic(&self, file: &str) -> diag::Diagnostic {
        let mut d = located(self.code, file, self.line, self.col, None, &self.msg);
        d.severity = diag::Severity::Warning;
        d
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: warning[{}]: {}",
            self.line, self.col, self.code, self.msg
        )
    }
}

fn located(
    code: ErrorCode,
    file: &str,
    line: usize,
    col: usize,
    procedure: Option<&str>,
    msg: &str,
) -> diag::Diagnostic {
    let mut place = diag::Place::file(file).at(line as u32, Some(col as u32));
    let mut label = String::new();
    if let Some(p) = procedure {
        place = place.in_function(p);
        label = format!("in procedure `{p}`");
    }
    diag::Diagnostic::at(code.code(), place, msg)
        .hint(code.hint())
        .label(label)
}

/// The span of the word at `line:col` (1-based, column in characters) of `src`, for rendering a
/// diagnostic with its source line; `None` when the position is outside the text.
pub fn span_at(file: diag::FileId, src: &str, line: usize, col: usize) -> Option<diag::Span> {
    let start = src
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum::<usize>();
    let text = src[start..].lines().next()?;
    // A position just after the last character (a missing operand) is the line's end.
    let (lo, first) = text
        .char_indices()
        .nth(col.checked_sub(1)?)
        .or((col == text.chars().count() + 1).then_some((text.len(), ' ')))?;
    let rest = &text[lo..];
    let word = rest
        .find(|c: char| c.is_whitespace() || c == ',')
        .unwrap_or(rest.len());
    let len = if word == 0 { first.len_utf8() } else { word };
    Some(diag::Span::new(file, start + lo, start + lo + len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_become_diagnostics() {
        let e = AsmError::new(ErrorCode::UnknownMnemonic, 2, 3, "unknown mnemonic `frob`")
            .in_procedure("f");
        assert_eq!(
            e.to_string(),
            "2:3: error[E-ASM002]: unknown mnemonic `frob`"
        );
        let d = e.diagnostic("a.S");
        assert_eq!(d.code, diag::Code::AsmUnknownMnemonic);
        assert_eq!(d.place.to_string(), "a.S:2:3 @f");
        assert!(d.hint.contains("docs/asmgen.md"), "{}", d.hint);
        let w = Warning {
            code: ErrorCode::UnsupportedDirective,
            line: 1,
            col: 1,
            msg: "skipped".into(),
        };
        assert_eq!(w.diagnostic("a.S").severity, diag::Severity::Warning);
    }

    #[test]
    fn spans_cover_the_word_at_the_position() {
        let src = "nop\n  frob x0, x1\n";
        let sp = span_at(diag::FileId(0), src, 2, 3).expect("in range");
        assert_eq!(&src[sp.lo as usize..sp.hi as usize], "frob");
        let sp = span_at(diag::FileId(0), src, 2, 8).expect("in range");
        assert_eq!(&src[sp.lo as usize..sp.hi as usize], "x0");
        let sp = span_at(diag::FileId(0), src, 1, 4).expect("end of line");
        assert_eq!(sp.lo, 3);
        assert!(span_at(diag::FileId(0), src, 7, 1).is_none());
    }
}
