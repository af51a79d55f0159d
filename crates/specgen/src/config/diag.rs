//! Diagnostics: stable codes, spans, hints; plain-text and miette rendering.

use super::span::{SourceMap, Span};
use std::fmt::Write as _;

/// Error or warning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

macro_rules! codes {
    ($($name:ident = $code:literal : $doc:literal,)*) => {
        /// Stable diagnostic codes. The string form (`E-CFG012`) never changes meaning.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $(#[doc = $doc] $name,)* }
        impl Code {
            /// The stable string, e.g. `E-CFG012`.
            pub fn as_str(self) -> &'static str { match self { $(Code::$name => $code,)* } }
            /// One-line description of the class.
            pub fn describe(self) -> &'static str { match self { $(Code::$name => $doc,)* } }
            /// Every code, in order.
            pub const ALL: &'static [Code] = &[$(Code::$name,)*];
        }
    };
}

codes! {
    BadChar = "E-CFG001" : "unexpected character",
    UnterminatedComment = "E-CFG002" : "unterminated comment",
    UnterminatedString = "E-CFG003" : "unterminated string literal",
    Syntax = "E-CFG004" : "syntax error",
    IncludeNotFound = "E-CFG005" : "included file cannot be read",
    IncludeCycle = "E-CFG006" : "include cycle",
    SectionStructure = "E-CFG007" : "bad Section/End structure",
    BadNumber = "E-CFG008" : "malformed number literal",
    UnknownName = "E-CFG010" : "unknown name",
    UnknownType = "E-CFG011" : "unknown type",
    Duplicate = "E-CFG012" : "duplicate definition",
    UnknownField = "E-CFG013" : "unknown record field",
    DefCycle = "E-CFG014" : "cycle among definitions or types",
    LayerOrder = "E-CFG015" : "reference to a definition of a higher layer",
    TypeMismatch = "E-CFG020" : "type mismatch",
    BadApplication = "E-CFG021" : "bad application (not a function, or too many arguments)",
    CannotInfer = "E-CFG022" : "type cannot be inferred",
    BadPattern = "E-CFG023" : "bad pattern",
    NotAType = "E-CFG024" : "expression used as a type, or type used as a value",
    NonExhaustive = "E-CFG025" : "match does not cover every case",
    ReservedMisuse = "E-CFG030" : "reserved definition misused",
    ReservedMissing = "E-CFG031" : "required reserved definition missing",
    ReservedUnknown = "E-CFG032" : "unknown reserved LAYER_* name",
    LayerOp = "E-CFG033" : "layer operation names no suitable definition",
    RefRel = "E-CFG034" : "bad refinement relation",
    DuplicateLayer = "E-CFG035" : "duplicate layer name",
    NoLayers = "E-CFG036" : "configuration has no layers",
    CodeNotFound = "E-CFG037" : "LAYER_CODE file not found",
    PrimInTwoLayers = "W-CFG040" : "primitive listed in more than one layer",
    SpecWithoutPrim = "E-CFG041" : "spec or loop bound for a name that is no primitive",
    SpecSignature = "E-CFG042" : "spec has the wrong signature",
    NoCodeNoSpec = "E-CFG043" : "primitive has neither code nor spec",
    CalleeInNoLayer = "E-CFG044" : "function called by a primitive is listed in no layer",
    BottomWithoutSpec = "E-CFG045" : "Bottom-layer primitive without a spec",
    BadHint = "E-CFG046" : "bad Hint",
    LoopBound = "E-CFG047" : "bad loop bound",
    DuplicatePrim = "E-CFG048" : "primitive listed twice in one layer",
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A secondary location with a note.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Label {
    pub span: Span,
    pub text: String,
}

/// One diagnostic. `Display` gives `[CODE] message`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, serde::Serialize)]
#[error("[{}] {message}", code.as_str())]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    /// Primary location (None only for project-wide problems without a natural place).
    pub span: Option<Span>,
    /// Text under the caret of the primary location.
    pub label: String,
    pub notes: Vec<Label>,
    /// What to do about it.
    pub hint: String,
}

impl Diagnostic {
    pub fn error(code: Code, span: impl Into<Option<Span>>, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: if code.as_str().starts_with('W') {
                Severity::Warning
            } else {
                Severity::Error
            },
            message: message.into(),
            span: span.into(),
            label: String::new(),
            notes: vec![],
            hint: String::new(),
        }
    }
    pub fn label(mut self, l: impl Into<String>) -> Self {
        self.label = l.into();
        self
    }
    pub fn hint(mut self, h: impl Into<String>) -> Self {
        self.hint = h.into();
        self
    }
    pub fn note(mut self, span: Span, text: impl Into<String>) -> Self {
        self.notes.push(Label {
            span,
            text: text.into(),
        });
        self
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Plain, deterministic rendering (used by tests and non-terminal output):
    ///
    /// ```text
    /// error[E-CFG010]: unknown name `foo`
    ///   --> dir/proof.v:3:14
    ///    |
    ///  3 | Definition x := foo.
    ///    |                 ^^^ not defined
    ///    = hint: ...
    /// ```
    pub fn render_plain(&self, sm: &SourceMap) -> String {
        let mut out = String::new();
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = writeln!(out, "{sev}[{}]: {}", self.code.as_str(), self.message);
        if let Some(sp) = self.span {
            render_span(&mut out, sm, sp, &self.label, '^');
        }
        for n in &self.notes {
            render_span(&mut out, sm, n.span, &n.text, '-');
        }
        if !self.hint.is_empty() {
            let _ = writeln!(out, "   = hint: {}", self.hint);
        }
        out
    }

    /// A self-contained, serializable form (file path, 1-based line and column) for
    /// machine-readable output.
    pub fn record(&self, sm: &SourceMap) -> Record {
        let loc = self.span.map(|sp| {
            let f = sm.file(sp.file);
            let (line, column) = f.line_col(sp.lo as usize);
            (f.path.display().to_string(), line, column)
        });
        Record {
            code: self.code.as_str(),
            severity: self.severity,
            message: self.message.clone(),
            file: loc.as_ref().map(|l| l.0.clone()),
            line: loc.as_ref().map(|l| l.1),
            column: loc.as_ref().map(|l| l.2),
            hint: self.hint.clone(),
        }
    }

    /// `file:line:col` of the primary span.
    pub fn location(&self, sm: &SourceMap) -> Option<String> {
        let sp = self.span?;
        let f = sm.file(sp.file);
        let (l, c) = f.line_col(sp.lo as usize);
        Some(format!("{}:{l}:{c}", f.path.display()))
    }

    /// A miette report (fancy rendering at the CLI).
    pub fn to_miette(&self, sm: &SourceMap) -> MietteDiag {
        let (src, labels) = match self.span {
            Some(sp) => {
                let f = sm.file(sp.file);
                let mut labels = vec![miette::LabeledSpan::new_primary_with_span(
                    Some(self.label.clone()).filter(|s| !s.is_empty()),
                    (sp.lo as usize, (sp.hi - sp.lo) as usize),
                )];
                for n in self.notes.iter().filter(|n| n.span.file == sp.file) {
                    labels.push(miette::LabeledSpan::new_with_span(
                        Some(n.text.clone()),
                        (n.span.lo as usize, (n.span.hi - n.span.lo) as usize),
                    ));
                }
                (
                    Some(miette::NamedSource::new(
                        f.path.display().to_string(),
                        f.text.clone(),
                    )),
                    labels,
                )
            }
            None => (None, vec![]),
        };
        MietteDiag {
            message: self.message.clone(),
            code: self.code.as_str(),
            severity: self.severity,
            hint: self.hint.clone(),
            src,
            labels,
        }
    }
}

fn render_span(out: &mut String, sm: &SourceMap, sp: Span, label: &str, mark: char) {
    let f = sm.file(sp.file);
    let (line, col) = f.line_col(sp.lo as usize);
    let (eline, ecol) = f.line_col(sp.hi as usize);
    let text = f.line_text(line);
    let w = line.to_string().len();
    let _ = writeln!(out, "{:w$}--> {}:{line}:{col}", "", f.path.display());
    let _ = writeln!(out, "{:w$} |", "");
    let _ = writeln!(out, "{line} | {text}");
    let width = if eline == line {
        (ecol.saturating_sub(col)).max(1)
    } else {
        (text.chars().count() + 1).saturating_sub(col).max(1)
    };
    let marks: String = std::iter::repeat_n(mark, width).collect();
    let lab = if label.is_empty() {
        String::new()
    } else {
        format!(" {label}")
    };
    let _ = writeln!(out, "{:w$} | {:pad$}{marks}{lab}", "", "", pad = col - 1);
}

/// See [`Diagnostic::record`].
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Record {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub hint: String,
}

/// Render all diagnostics, plain.
pub fn render_all_plain(diags: &[Diagnostic], sm: &SourceMap) -> String {
    diags.iter().map(|d| d.render_plain(sm)).collect()
}

/// A diagnostic in miette form (owns its source text).
#[derive(Debug)]
pub struct MietteDiag {
    message: String,
    code: &'static str,
    severity: Severity,
    hint: String,
    src: Option<miette::NamedSource<String>>,
    labels: Vec<miette::LabeledSpan>,
}

impl std::fmt::Display for MietteDiag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}
impl std::error::Error for MietteDiag {}

impl miette::Diagnostic for MietteDiag {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }
    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        if self.hint.is_empty() {
            None
        } else {
            Some(Box::new(&self.hint))
        }
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.src.as_ref().map(|s| s as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }
}
