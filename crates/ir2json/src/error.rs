//! Typed errors of the IR reader. Every variant has a stable code (`E-IR0NN`, see [`IrError::code`]),
//! the file it concerns and, for text IR, a line and column. [`IrError::diagnostic`] gives the
//! workspace's diagnostic (code, `file:line:col @function` place, message, hint) that the CLI
//! renders.

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
    /// A quoted name or string (other than `c"..."` data and `!"..."` metadata) whose `\XX`
    /// escapes spell bytes that are not UTF-8: LLVM accepts it, autov's names are UTF-8.
    #[error(
        "E-IR010 {}: {what} is not UTF-8 once its escapes are read: {text}",
        loc(path, pos)
    )]
    NonUtf8 {
        path: PathBuf,
        pos: Option<Pos>,
        what: String,
        text: String,
    },
}

impl IrError {
    /// The stable error code, e.g. `"E-IR004"`.
    pub fn code(&self) -> &'static str {
        self.diag_code().as_str()
    }

    /// The stable error code as the workspace's registered [`diag::Code`].
    pub fn diag_code(&self) -> diag::Code {
        use diag::Code;
        match self {
            IrError::Unreadable { .. } => Code::IrUnreadable,
            IrError::Empty { .. } => Code::IrEmpty,
            IrError::NotLlvm { .. } => Code::IrNotLlvm,
            IrError::Malformed { .. } => Code::IrMalformed,
            IrError::BadBitcode { .. } => Code::IrBadBitcode,
            IrError::OpaquePointers { .. } => Code::IrOpaquePointers,
            IrError::Invalid { .. } => Code::IrInvalid,
            IrError::Conversion { .. } => Code::IrConversion,
            IrError::Unsupported { .. } => Code::IrUnsupported,
            IrError::NonUtf8 { .. } => Code::IrNonUtf8,
        }
    }

    /// The error as the workspace's diagnostic: located at `file:line:col` (and the function, for
    /// an unsupported construct), the message without code and path, and a hint saying what to do.
    pub fn diagnostic(&self) -> diag::Diagnostic {
        let mut place = diag::Place::file(self.path().display().to_string());
        if let Some(p) = self.pos() {
            place = place.at(p.line, Some(p.col));
        }
        let message = match self {
            IrError::Unreadable { source, .. } => format!("cannot read file: {source}"),
            IrError::Empty { .. } => "empty file (expected LLVM 14 IR, .ll or .bc)".to_string(),
            IrError::NotLlvm { reason, .. } => format!("not an LLVM IR file ({reason})"),
            IrError::Malformed { message, .. } => format!("malformed LLVM IR: {message}"),
            IrError::BadBitcode { message, .. } => {
                format!("invalid or truncated LLVM bitcode: {message}")
            }
            IrError::OpaquePointers { .. } => {
                "opaque-pointer IR (`ptr`, LLVM 15+) is not supported: autov expects LLVM 14 typed-pointer IR (e.g. `i8*`)".to_string()
            }
            IrError::Invalid { message, .. } => {
                format!("module fails LLVM verification: {message}")
            }
            IrError::Conversion { message, .. } => {
                format!("internal IR conversion failure: {message}")
            }
            IrError::Unsupported {
                function,
                what,
                message,
                ..
            } => {
                // `function` is a function name, `(global @g)` / `(alias @a)` / `(ifunc @i)` for
                // an initializer, or empty for the module's shape.
                match function.strip_prefix('(').and_then(|f| f.strip_suffix(')')) {
                    Some(context) => place = place.context(context),
                    None if !function.is_empty() => place = place.in_function(function),
                    None => {}
                }
                format!("{what}: {message}")
            }
            IrError::NonUtf8 { what, text, .. } => {
                format!("{what} is not UTF-8 once its escapes are read: {text}")
            }
        };
        diag::Diagnostic::at(self.diag_code(), place, message).hint(self.hint())
    }

    /// What the user should do about the error.
    fn hint(&self) -> &'static str {
        match self {
            IrError::Unreadable { .. } => {
                "check the path and its permissions; inputs are LLVM 14 `.ll` text or `.bc` bitcode files"
            }
            IrError::Empty { .. } => {
                "regenerate the file, e.g. `clang-14 -O1 -g -S -emit-llvm f.c -o f.ll`"
            }
            IrError::NotLlvm { .. } => {
                "pass LLVM 14 IR: text from `clang-14 -S -emit-llvm` (.ll) or bitcode from `clang-14 -c -emit-llvm` (.bc)"
            }
            IrError::Malformed { .. } => {
                "fix the IR at this position or regenerate it with clang-14; `llvm-as-14 f.ll` shows the same error"
            }
            IrError::BadBitcode { .. } => {
                "regenerate the bitcode with clang-14 or llvm-as-14; bitcode of a newer LLVM cannot be read"
            }
            IrError::OpaquePointers { .. } => {
                "regenerate the IR with clang-14 (LLVM 14 writes typed pointers)"
            }
            IrError::Invalid { .. } => {
                "the IR parses but is not valid (see the verifier's message): regenerate it with clang-14, or fix it and check with `opt-14 -verify`"
            }
            IrError::Conversion { .. } => {
                "LLVM accepts this module but autov's reader does not: please report it with the input file"
            }
            IrError::Unsupported { .. } => {
                "the IR model cannot represent this construct (see docs/ir-json.md): compile the code without it, or report it with the input file"
            }
            IrError::NonUtf8 { .. } => {
                "rename it with UTF-8 characters (names, sections, attributes and file names are read as UTF-8; byte data belongs in `c\"...\"` constants)"
            }
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
            | IrError::Unsupported { path, .. }
            | IrError::NonUtf8 { path, .. } => path,
        }
    }

    /// Line and column in a text file, when known.
    pub fn pos(&self) -> Option<Pos> {
        match self {
            IrError::Malformed { pos, .. }
            | IrError::OpaquePointers { pos, .. }
            | IrError::NonUtf8 { pos, .. } => *pos,
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all() -> Vec<IrError> {
        let path = || PathBuf::from("dir/m.ll");
        let pos = Some(Pos { line: 3, col: 7 });
        let unsupported = |function: &str| IrError::Unsupported {
            path: path(),
            function: function.into(),
            what: "inline asm".into(),
            message: "cannot recover the template".into(),
        };
        vec![
            IrError::Unreadable {
                path: path(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "gone"),
            },
            IrError::Empty { path: path() },
            IrError::NotLlvm {
                path: path(),
                reason: "binary".into(),
            },
            IrError::Malformed {
                path: path(),
                pos,
                message: "expected type".into(),
            },
            IrError::BadBitcode {
                path: path(),
                message: "truncated".into(),
            },
            IrError::OpaquePointers { path: path(), pos },
            IrError::Invalid {
                path: path(),
                message: "bad".into(),
            },
            IrError::Conversion {
                path: path(),
                message: "panic".into(),
            },
            unsupported("f"),
            unsupported("(global @g)"),
            unsupported(""),
            IrError::NonUtf8 {
                path: path(),
                pos,
                what: "global name".into(),
                text: "\"a\\FF\"".into(),
            },
        ]
    }

    #[test]
    fn every_error_is_a_located_diagnostic_with_a_hint() {
        for e in all() {
            let d = e.diagnostic();
            assert_eq!(d.code.as_str(), e.code());
            assert_eq!(d.place.file.as_deref(), Some("dir/m.ll"));
            assert!(!d.hint.is_empty(), "{e}");
            // the code and the path are the diagnostic's, not part of its message
            assert!(
                !d.message.contains("E-IR") && !d.message.contains("m.ll"),
                "{d}"
            );
            // the message is the one of the Display form, after `CODE path[:line:col]: `, except
            // that the function of an unsupported construct moves to the place
            let shown = match &e {
                IrError::Unsupported { message, .. } => message,
                _ => &d.message,
            };
            assert!(e.to_string().contains(shown.as_str()), "{e} / {d}");
        }
    }

    #[test]
    fn places_name_position_function_or_global() {
        let d: Vec<String> = all()
            .iter()
            .map(|e| e.diagnostic().place.to_string())
            .collect();
        assert_eq!(d[3], "dir/m.ll:3:7");
        assert_eq!(d[8], "dir/m.ll @f");
        assert_eq!(d[9], "dir/m.ll (global @g)");
        assert_eq!(d[10], "dir/m.ll");
        assert_eq!(d[11], "dir/m.ll:3:7");
        assert_eq!(
            all()[3].diagnostic().to_string(),
            "error[E-IR004]: dir/m.ll:3:7: malformed LLVM IR: expected type\n  = hint: fix the IR at this position or regenerate it with clang-14; `llvm-as-14 f.ll` shows the same error"
        );
    }
}
