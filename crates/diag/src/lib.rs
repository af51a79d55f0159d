//! The one diagnostic type of the workspace.
//!
//! A [`Diagnostic`] has a stable [`Code`] (`E-IR…`, `E-I2C…`, `E-ASM…`, `E-CFG…`, `E-BLD…`), a
//! severity, a message, a primary location — a byte [`Span`] of a configuration file in a
//! [`SourceMap`], or a [`Place`] (file:line:col, function, context) for code and assembly — and a
//! hint saying what to do. It renders plainly and deterministically ([`Diagnostic::render_plain`],
//! used by tests and non-terminal output) or through miette at the CLI ([`Diagnostic::to_miette`]).
//! Every crate keeps its own typed error enum (`thiserror`) and converts it into this type.

mod codes;
pub mod span;

pub use codes::Code;
pub use span::{FileId, SourceFile, SourceMap, Span};
use std::fmt::Write as _;

/// Error or warning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A location in code or assembly: `file:line:col @function (context)`, each part optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Place {
    pub file: Option<String>,
    pub line: Option<u32>,
    pub col: Option<u32>,
    pub function: Option<String>,
    /// Free text after the function, e.g. `layer A`.
    pub context: Option<String>,
}

impl Place {
    pub fn file(f: impl Into<String>) -> Place {
        Place {
            file: Some(f.into()),
            ..Place::default()
        }
    }
    pub fn function(f: impl Into<String>) -> Place {
        Place {
            function: Some(f.into()),
            ..Place::default()
        }
    }
    pub fn at(mut self, line: u32, col: Option<u32>) -> Place {
        self.line = Some(line);
        self.col = col;
        self
    }
    pub fn in_function(mut self, f: impl Into<String>) -> Place {
        self.function = Some(f.into());
        self
    }
    pub fn context(mut self, c: impl Into<String>) -> Place {
        self.context = Some(c.into());
        self
    }
    pub fn is_empty(&self) -> bool {
        *self == Place::default()
    }
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut parts: Vec<String> = vec![];
        if let Some(file) = &self.file {
            let mut s = file.clone();
            if let Some(l) = self.line {
                let _ = write!(s, ":{l}");
                if let Some(c) = self.col {
                    let _ = write!(s, ":{c}");
                }
            }
            parts.push(s);
        }
        if let Some(func) = &self.function {
            parts.push(format!("@{func}"));
        }
        if let Some(c) = &self.context {
            parts.push(format!("({c})"));
        }
        f.write_str(&parts.join(" "))
    }
}

/// A secondary location with a note.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Label {
    pub span: Span,
    pub text: String,
}

/// One diagnostic. `Display` gives `error[CODE]: place: message` (the plain form without source
/// snippets).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    /// Primary location in a configuration file.
    pub span: Option<Span>,
    /// Primary location in code or assembly (when there is no span).
    pub place: Place,
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
            place: Place::default(),
            label: String::new(),
            notes: vec![],
            hint: String::new(),
        }
    }
    /// A diagnostic located at a place in code or assembly.
    pub fn at(code: Code, place: Place, message: impl Into<String>) -> Self {
        let mut d = Diagnostic::error(code, None, message);
        d.place = place;
        d
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
        if self.place.is_empty() {
            let _ = writeln!(out, "{sev}[{}]: {}", self.code.as_str(), self.message);
        } else {
            let _ = writeln!(
                out,
                "{sev}[{}]: {}: {}",
                self.code.as_str(),
                self.place,
                self.message
            );
        }
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
        let loc = match self.span {
            Some(sp) => {
                let f = sm.file(sp.file);
                let (line, column) = f.line_col(sp.lo as usize);
                Some((f.path.display().to_string(), line, column))
            }
            None => self.place.file.as_ref().map(|f| {
                (
                    f.clone(),
                    self.place.line.unwrap_or(0) as usize,
                    self.place.col.unwrap_or(0) as usize,
                )
            }),
        };
        Record {
            code: self.code.as_str(),
            severity: self.severity,
            message: self.message.clone(),
            file: loc.as_ref().map(|l| l.0.clone()),
            line: loc.as_ref().map(|l| l.1),
            column: loc.as_ref().map(|l| l.2),
            function: self.place.function.clone(),
            hint: self.hint.clone(),
        }
    }

    /// `file:line:col` of the primary location.
    pub fn location(&self, sm: &SourceMap) -> Option<String> {
        let Some(sp) = self.span else {
            return (!self.place.is_empty()).then(|| self.place.to_string());
        };
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
        let message = if self.span.is_none() && !self.place.is_empty() {
            format!("{}: {}", self.place, self.message)
        } else {
            self.message.clone()
        };
        MietteDiag {
            message,
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
    pub function: Option<String>,
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

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{sev}[{}]: ", self.code.as_str())?;
        if !self.place.is_empty() {
            write!(f, "{}: ", self.place)?;
        }
        f.write_str(&self.message)?;
        if !self.hint.is_empty() {
            write!(f, "\n  = hint: {}", self.hint)?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

/// Render diagnostics that have no configuration span (code, assembly, build) without a source
/// map.
pub fn render_plain_nospan(d: &Diagnostic) -> String {
    d.render_plain(&SourceMap::default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = HashSet::new();
        for c in Code::ALL {
            let s = c.as_str();
            assert!(seen.insert(s), "duplicate code {s}");
            let (kind, rest) = s.split_once('-').unwrap();
            assert!(kind == "E" || kind == "W", "{s}");
            let digits = rest.trim_start_matches(|ch: char| ch.is_ascii_uppercase() || ch == '2');
            assert!(
                digits.len() == 3 && digits.bytes().all(|b| b.is_ascii_digit()),
                "{s}"
            );
            assert!(!c.describe().is_empty());
        }
    }

    #[test]
    fn places_render_in_order() {
        let p = Place::file("calls.c")
            .at(10, None)
            .in_function("halve")
            .context("layer A");
        assert_eq!(p.to_string(), "calls.c:10 @halve (layer A)");
        let d = Diagnostic::at(Code::BldLowSpec, p, "no low spec").hint("give a bound");
        assert_eq!(
            d.to_string(),
            "error[E-BLD021]: calls.c:10 @halve (layer A): no low spec\n  = hint: give a bound"
        );
        assert_eq!(
            render_plain_nospan(&d),
            "error[E-BLD021]: calls.c:10 @halve (layer A): no low spec\n   = hint: give a bound\n"
        );
    }
}
