//! The hand-written proof files (`PROJ_PROOFS`): copied into the project as `Proofs/<stem>.v`, and
//! scanned for assumptions — `Axiom`, `Parameter`, `Conjecture`, `Hypothesis`/`Variable` outside a
//! section, `Declare Module`, `Admitted`, `admit`/`give_up`, and the commands that switch a kernel
//! check off — which
//! the build refuses unless `PROJ_TRUSTED` names them. (The generated `make` checks the theorems'
//! `Print Assumptions` as well; this scan names the file and line, and catches assumptions no
//! theorem uses yet.)

use super::ctx::GenError;
use diag::{Code, Place};
use std::path::Path;

/// An assumption found in a hand-written proof file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assumption {
    pub file: String,
    pub line: u32,
    /// `Axiom`, `Parameter`, `Admitted`, `Unset Guard Checking`, …
    pub kind: String,
    /// The assumed name (for `Admitted`/`admit`, the lemma), or the switched-off check.
    pub name: String,
}

/// A hand-written proof file, read.
pub struct ProofFile {
    /// The Coq module name (the file stem).
    pub module: String,
    pub text: String,
    pub assumptions: Vec<Assumption>,
}

/// Read the `PROJ_PROOFS` files; a stem that is not a Coq identifier, or an unreadable file, is an
/// error.
pub fn read(paths: &[std::path::PathBuf], errors: &mut Vec<GenError>) -> Vec<ProofFile> {
    let mut out = vec![];
    for p in paths {
        let place = Place::file(p.display().to_string());
        let stem = p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !coq::term::is_ident(&stem) || stem.contains('.') {
            errors.push(GenError::new(
                Code::BldProofs,
                place,
                format!("the hand-proof file name `{stem}` is not a Coq module name"),
                "rename it with letters, digits and `_` (it becomes module `Proofs.<name>`)",
            ));
            continue;
        }
        match std::fs::read_to_string(p) {
            Ok(text) => {
                let assumptions = scan(&display_name(p), &text);
                out.push(ProofFile {
                    module: stem,
                    text,
                    assumptions,
                });
            }
            Err(e) => errors.push(GenError::new(
                Code::BldProofs,
                place,
                format!("cannot read PROJ_PROOFS: {e}"),
                "PROJ_PROOFS names a file or directory relative to the configuration",
            )),
        }
    }
    out
}

fn display_name(p: &Path) -> String {
    p.file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The highest layer each file's proofs use (`None`: only global definitions): the layers named
/// by its `From <project>.<Layer>… Require` sentences, and those of the hand-proof files it
/// requires. A generated file of layer k imports only the hand-proof files of layers up to k, so
/// a proof file about a high layer does not hold back the proofs of the layers below it.
pub fn layers_used(
    files: &[ProofFile],
    project: &str,
    layer_index: impl Fn(&str) -> Option<usize>,
) -> Vec<Option<usize>> {
    let proofs_lib = format!("{project}.{}", super::names::PROOFS_DIR);
    let mut direct: Vec<Option<usize>> = vec![];
    let mut deps: Vec<Vec<usize>> = vec![];
    for f in files {
        let clean = strip_comments(&f.text);
        let (mut layer, mut uses) = (None, vec![]);
        for sentence in clean.split(". ").flat_map(|s| s.split(".\n")) {
            let words: Vec<&str> = sentence.split_whitespace().collect();
            let ["From", lib, "Require", rest @ ..] = words.as_slice() else {
                continue;
            };
            if *lib == proofs_lib {
                let mods = rest
                    .iter()
                    .skip_while(|w| matches!(**w, "Import" | "Export"));
                for m in mods {
                    let m = m.trim_end_matches('.');
                    if let Some(i) = files.iter().position(|g| g.module == m) {
                        uses.push(i);
                    }
                }
            } else if let Some(path) = lib.strip_prefix(&format!("{project}.")) {
                let first = path.split('.').next().unwrap_or_default();
                if let Some(k) = layer_index(first) {
                    layer = layer.max(Some(k));
                }
            }
        }
        direct.push(layer);
        deps.push(uses);
    }
    // through the files each requires (a few files: iterate to the fixpoint)
    let mut out = direct;
    loop {
        let mut changed = false;
        for i in 0..out.len() {
            let m = deps[i].iter().map(|&j| out[j]).max().flatten();
            if m > out[i] {
                out[i] = m;
                changed = true;
            }
        }
        if !changed {
            return out;
        }
    }
}

/// The text with comments replaced by spaces (newlines kept, so lines stay right); strings kept.
fn strip_comments(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let (mut i, mut depth, mut in_str) = (0, 0usize, false);
    while i < b.len() {
        let c = b[i] as char;
        if depth == 0 && c == '"' {
            in_str = !in_str;
        }
        if !in_str && i + 1 < b.len() && b[i] == b'(' && b[i + 1] == b'*' {
            depth += 1;
            out.push_str("  ");
            i += 2;
            continue;
        }
        if !in_str && depth > 0 && i + 1 < b.len() && b[i] == b'*' && b[i + 1] == b')' {
            depth -= 1;
            out.push_str("  ");
            i += 2;
            continue;
        }
        if depth > 0 {
            out.push(if c == '\n' { '\n' } else { ' ' });
        } else {
            out.push(c);
        }
        i += c.len_utf8().max(1);
        // keep char boundaries for multi-byte characters
        while i < b.len() && !text.is_char_boundary(i) {
            i += 1;
        }
    }
    out
}

/// The assumptions of one file.
pub fn scan(file: &str, text: &str) -> Vec<Assumption> {
    let clean = strip_comments(text);
    let mut out = vec![];
    let mut sections = 0usize;
    let mut lemma = String::new();
    for (ln, line) in clean.lines().enumerate() {
        let words: Vec<&str> = line
            .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '\'' || c == '.'))
            .filter(|w| !w.is_empty())
            .collect();
        let mut push = |kind: &str, name: &str| {
            out.push(Assumption {
                file: file.to_string(),
                line: ln as u32 + 1,
                kind: kind.to_string(),
                name: name.trim_end_matches('.').to_string(),
            })
        };
        let t = line.trim_start();
        let t = t.strip_prefix("Local ").unwrap_or(t);
        let t = t.strip_prefix("#[global] ").unwrap_or(t);
        let first = t.split_whitespace().next().unwrap_or("");
        let second = t.split_whitespace().nth(1).unwrap_or("");
        match first {
            "Section" => sections += 1,
            "End" if sections > 0 && !second.is_empty() => sections -= 1,
            "Lemma" | "Theorem" | "Corollary" | "Proposition" | "Fact" | "Remark" | "Example"
            | "Definition" | "Instance" | "Program" => {
                lemma = second.trim_end_matches(':').to_string();
            }
            "Axiom" | "Axioms" | "Conjecture" | "Conjectures" | "Parameter" | "Parameters" => {
                for n in names_before_colon(t) {
                    push(first.trim_end_matches('s'), &n);
                }
            }
            "Hypothesis" | "Hypotheses" | "Variable" | "Variables" if sections == 0 => {
                for n in names_before_colon(t) {
                    push(first, &n);
                }
            }
            _ => {}
        }
        for (i, w) in words.iter().enumerate() {
            match w.trim_end_matches('.') {
                "Admitted" => push("Admitted", &lemma),
                "admit" => push("admit", &lemma),
                "give_up" => push("give_up", &lemma),
                "Declare" if words.get(i + 1) == Some(&"Module") => {
                    push("Declare Module", words.get(i + 2).copied().unwrap_or("?"))
                }
                "Unset"
                    if matches!(
                        words.get(i + 1),
                        Some(&"Guard" | &"Positivity" | &"Universe")
                    ) =>
                {
                    push("Unset", &format!("{} Checking", words[i + 1]))
                }
                "bypass_check" => push("bypass_check", "bypass_check"),
                _ => {}
            }
        }
        if t.contains("-type-in-type") || t.contains("Type in Type") {
            push("Type in Type", "type-in-type");
        }
    }
    out
}

/// `Axiom a b : T` → `[a, b]`.
fn names_before_colon(sentence: &str) -> Vec<String> {
    let head = sentence.split(':').next().unwrap_or("");
    head.split_whitespace()
        .skip(1)
        .map(|w| w.trim_matches(|c| c == '(' || c == ')').to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The assumptions `trusted` does not name, as errors. Switched-off kernel checks can never be
/// trusted.
pub fn refuse(files: &[ProofFile], trusted: &[String], errors: &mut Vec<GenError>) {
    for f in files {
        for a in &f.assumptions {
            let nameable = !matches!(a.kind.as_str(), "Unset" | "bypass_check" | "Type in Type");
            if nameable && trusted.contains(&a.name) {
                continue;
            }
            let hint = if nameable {
                format!("prove it, or declare it trusted with `Definition PROJ_TRUSTED := \"{}\" :: nil.` (it then counts as part of the trust base)", a.name)
            } else {
                "kernel checks cannot be switched off in a verified project; remove the command"
                    .into()
            };
            errors.push(GenError::new(
                Code::BldAssumption,
                Place::file(a.file.clone()).at(a.line, None),
                format!("hand-written proofs assume `{}` ({})", a.name, a.kind),
                hint,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A proof file's layer is the highest project layer it requires, directly or through another
    /// hand-proof file; comments and other libraries do not count.
    #[test]
    fn a_proof_file_belongs_to_the_highest_layer_it_uses() {
        let file = |module: &str, text: &str| ProofFile {
            module: module.into(),
            text: text.into(),
            assumptions: vec![],
        };
        let files = vec![
            file("locks", "From P Require Import GlobalDefs.\nLemma a : True.\n"),
            file(
                "pt",
                "(* From P.Top Require Import X. *)\nFrom AutoV.PT Require Import PTDesc.\nFrom P.Tree.walk Require Import LowSpec.\nFrom P.Base Require Import RefineRel.\n",
            ),
            file("uses_pt", "From P.Proofs Require Import locks pt.\n"),
        ];
        let layer = |n: &str| ["Base", "Tree", "Top"].iter().position(|l| *l == n);
        assert_eq!(
            layers_used(&files, "P", layer),
            vec![None, Some(1), Some(1)]
        );
    }

    #[test]
    fn finds_every_kind() {
        let text = "(* Axiom hidden : False. *)\nAxiom cheat : forall P : Prop, P.\nSection S.\nVariable x : nat.\nEnd S.\nVariable y : nat.\nLemma l : True.\nProof. admit. Admitted.\nLocal Parameter p q : nat.\nUnset Guard Checking.\nDefinition s := \"Axiom in a string\".\n";
        let got: Vec<(u32, String, String)> = scan("f.v", text)
            .into_iter()
            .map(|a| (a.line, a.kind, a.name))
            .collect();
        assert_eq!(
            got,
            vec![
                (2, "Axiom".into(), "cheat".into()),
                (6, "Variable".into(), "y".into()),
                (8, "admit".into(), "l".into()),
                (8, "Admitted".into(), "l".into()),
                (9, "Parameter".into(), "p".into()),
                (9, "Parameter".into(), "q".into()),
                (10, "Unset".into(), "Guard Checking".into()),
            ]
        );
    }

    #[test]
    fn trusted_names_pass_switched_off_checks_do_not() {
        let files = vec![ProofFile {
            module: "m".into(),
            text: String::new(),
            assumptions: scan("m.v", "Axiom a : False.\nUnset Guard Checking.\n"),
        }];
        let mut errs = vec![];
        refuse(&files, &["a".into(), "Guard Checking".into()], &mut errs);
        assert_eq!(errs.len(), 1);
        assert!(errs[0].message.contains("Guard Checking"));
    }
}
