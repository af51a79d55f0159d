//! Parse and instantiation errors: a stable code plus a 1-based line:column.

use std::fmt;

/// Stable error codes. The numeric part never changes meaning once released.
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
    /// The stable textual code, e.g. `A0002`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Lex => "A0001",
            ErrorCode::UnknownMnemonic => "A0002",
            ErrorCode::BadOperand => "A0003",
            ErrorCode::BadImmediate => "A0004",
            ErrorCode::OperandCount => "A0005",
            ErrorCode::UnknownLabel => "A0006",
            ErrorCode::UnknownSysOp => "A0007",
            ErrorCode::UnsupportedDirective => "A0008",
            ErrorCode::InlineAsm => "A0009",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An error with its code and source position (1-based line and column).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{col}: error[{code}]: {msg}")]
pub struct AsmError {
    pub code: ErrorCode,
    pub line: usize,
    pub col: usize,
    pub msg: String,
}

impl AsmError {
    pub fn new(code: ErrorCode, line: usize, col: usize, msg: impl Into<String>) -> Self {
        AsmError {
            code,
            line,
            col,
            msg: msg.into(),
        }
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

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: warning[{}]: {}",
            self.line, self.col, self.code, self.msg
        )
    }
}
