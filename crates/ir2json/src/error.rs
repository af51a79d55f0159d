//! Typed errors of the IR reader. Every variant has a stable code (`E-IR0NN`, see [`IrError::code`]),
//! the file it concerns and, for text IR, a line and column.

use std::path::PathBuf;

/// A line:column position in a text file (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl std::fmt::Display for Pos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// `path:line:col` when a position is known, else `path`.
fn loc(path: &std::path::Path, pos: &Option<Pos>) -> String {
    match pos {
        Some(p) => format!("{}:{}", path.display(), p),
        None => path.display().to_string(),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum IrError {
    /// The path cannot be read (missing, permission denied, a directory, ...).
    #[error("E-IR001 {}: cannot read file: {source}", path.display())]
    Unreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The file is empty.
    #[error("E-IR002 {}: empty file (expected LLVM 14 IR, .ll or .bc)", path.display())]
    Empty { path: PathBuf },
    /// Neither LLVM bitcode nor LLVM text IR.
    #[error("E-IR003 {}: not an LLVM IR file ({reason})", path.display())]
    NotLlvm { path: PathBuf, reason: String },
    /// Text IR that LLVM 14's parser rejects.
    #[error("E-IR004 {}: malformed LLVM IR: {message}", loc(path, pos))]
    Malformed {
        path: PathBuf,
        pos: Option<Pos>,
        message: String,
    },
    /// Bitcode that LLVM 14 cannot read (truncated, corrupt, or from a newer LLVM).
    #[error("E-IR005 {}: invalid or truncated LLVM bitcode: {message}", path.display())]
    BadBitcode { path: PathBuf, message: String },
    /// Opaque-pointer IR (`ptr`), as produced by LLVM 15 and later.
    #[error(
        "E-IR006 {}: opaque-pointer IR (`ptr`, LLVM 15+) is not supported: autov expects LLVM 14 typed-pointer IR (e.g. `i8*`); regenerate it with clang-14",
        loc(path, pos)
    )]
    OpaquePointers { path: PathBuf, pos: Option<Pos> },
    /// The module parsed but LLVM's verifier rejects it.
    #[error("E-IR007 {}: module fails LLVM verification: {message}", path.display())]
    Invalid { path: PathBuf, message: String },
    /// The llvm-ir conversion failed (it panicked or returned an error) on input LLVM accepted.
    #[error("E-IR008 {}: internal IR conversion failure: {message}", path.display())]
    Conversion { path: PathBuf, message: String },
    /// A construct the model cannot represent, or the two readers disagree on the module's shape.
    #[error("E-IR009 {}: {what} in function @{function}: {message}", path.display())]
    Unsupported {
        path: PathBuf,
        function: String,
        what: String,
        message: String,
    },
}

impl IrError {
    /// The stable error code, e.g. `"E-IR004"`.
    pub fn code(&self) -> &'static str {
        match self {
            IrError::Unreadable { .. } => "E-IR001",
            IrError::Empty { .. } => "E-IR002",
            IrError::NotLlvm { .. } => "E-IR003",
            IrError::Malformed { .. } => "E-IR004",
            IrError::BadBitcode { .. } => "E-IR005",
            IrError::OpaquePointers { .. } => "E-IR006",
            IrError::Invalid { .. } => "E-IR007",
            IrError::Conversion { .. } => "E-IR008",
            IrError::Unsupported { .. } => "E-IR009",
        }
    }

    /// The file the error is about.
    pub fn path(&self) -> &std::path::Path {
        match self {
            IrError::Unreadable { path, .. }
            | IrError::Empty { path }
            | IrError::NotLlvm { path, .. }
            | IrError::Malformed { path, .. }
            | IrError::BadBitcode { path, .. }
            | IrError::OpaquePointers { path, .. }
            | IrError::Invalid { path, .. }
            | IrError::Conversion { path, .. }
            | IrError::Unsupported { path, .. } => path,
        }
    }

    /// Line and column in a text file, when known.
    pub fn pos(&self) -> Option<Pos> {
        match self {
            IrError::Malformed { pos, .. } | IrError::OpaquePointers { pos, .. } => *pos,
            _ => None,
        }
    }
}
