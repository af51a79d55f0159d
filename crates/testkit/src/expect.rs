//! `expect:` comments, the way a test case states the diagnostics it must produce, parsed in one
//! place: a header line `expect: CODE CODE *)` (the whole case) and per-line
//! `(* expect: CODE *)` / `(* expect-global: CODE *)` markers.

/// The codes of the first line holding `expect:` (after leading blanks), e.g.
/// `(* expect: E-BLD001 E-BLD002 *)` → `["E-BLD001", "E-BLD002"]`; `None` without such a line.
pub fn header_codes(text: &str) -> Option<Vec<String>> {
    let rest = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("expect:"))?;
    Some(
        rest.trim_end_matches("*)")
            .split_whitespace()
            .map(String::from)
            .collect(),
    )
}

/// The per-line markers of a file.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Located {
    /// `(* expect: CODE *)`: a diagnostic with that code whose primary location is on that line
    /// (1-based).
    pub at: Vec<(usize, String)>,
    /// `(* expect-global: CODE *)`: a diagnostic without a location in this file.
    pub global: Vec<String>,
}

/// Every `(* expect: … *)` and `(* expect-global: … *)` marker of `text` (several may share a line).
pub fn located(text: &str) -> Located {
    let mut out = Located::default();
    for (i, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(pos) = rest.find("(* expect") {
            let tail = &rest[pos..];
            let end = tail.find("*)").unwrap_or(tail.len());
            let body = &tail[..end];
            if let Some(c) = body.strip_prefix("(* expect-global:") {
                out.global.push(c.trim().to_string());
            } else if let Some(c) = body.strip_prefix("(* expect:") {
                out.at.push((i + 1, c.trim().to_string()));
            }
            rest = &tail[end.min(tail.len())..];
            if rest.len() == tail.len() {
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header() {
        let t = "(* a case\n   expect: E-BLD001 E-BLD002 *)\nDefinition x := 1.\n";
        assert_eq!(
            header_codes(t),
            Some(vec!["E-BLD001".to_string(), "E-BLD002".to_string()])
        );
        assert_eq!(header_codes("(* nothing *)"), None);
    }

    #[test]
    fn markers() {
        let t =
            "a (* expect: E-CFG001 *) (* expect: E-CFG002 *)\n\n(* expect-global: E-CFG031 *)\n";
        let l = located(t);
        assert_eq!(
            l.at,
            vec![(1, "E-CFG001".to_string()), (1, "E-CFG002".to_string())]
        );
        assert_eq!(l.global, vec!["E-CFG031".to_string()]);
    }
}
