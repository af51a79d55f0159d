//! Whether a configuration definition is used by anything the generated project proves.
//!
//! The generated `.v` files are split into sentences; starting from the definition's name, every
//! `Definition`/`Fixpoint` whose body mentions a name of the set joins it (its own meaning changes
//! with the mutant). Any other sentence that mentions a name of the set — a theorem or lemma
//! statement, a proof step, an instance, a record or layer value — is a use. `Arguments` and `Hint`
//! sentences only declare how a name unfolds and are not uses. A mutant of a definition with no
//! use cannot change what any theorem states or how any proof runs: the definition itself is only
//! type-checked.

use std::collections::BTreeSet;
use std::path::Path;

/// Coq sentences of a text (comments and strings skipped; a sentence ends at a `.` followed by
/// white space or the end).
fn sentences(text: &str) -> Vec<String> {
    let b = text.as_bytes();
    let mut out = vec![];
    let mut cur = String::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'(' && b.get(i + 1) == Some(&b'*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == b'(' && b.get(i + 1) == Some(&b'*') {
                    depth += 1;
                    i += 2;
                } else if b[i] == b'*' && b.get(i + 1) == Some(&b')') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            cur.push(' ');
            continue;
        }
        if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += 1;
            }
            i += 1;
            cur.push_str("\"\"");
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        if c == '.' && b.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()) {
            out.push(std::mem::take(&mut cur));
            i += 1;
            continue;
        }
        cur.push(c);
        i += c.len_utf8();
    }
    if !cur.trim().is_empty() {
        out.push(cur);
    }
    out
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '\''
}

/// The identifiers of a sentence, qualified names split at their dots.
fn idents(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !(is_ident_char(c)))
        .filter(|w| !w.is_empty())
}

/// The head of a sentence: its first word after attributes (`#[global]`) and `Local`/`Global`,
/// and the word after it.
fn head(s: &str) -> (String, String) {
    let mut t = s.trim_start();
    while let Some(r) = t.strip_prefix("#[") {
        t = r.split_once(']').map(|(_, r)| r).unwrap_or("").trim_start();
    }
    let mut ws = t.split_whitespace();
    let mut w = ws.next().unwrap_or("");
    if matches!(w, "Local" | "Global" | "Polymorphic" | "Program") {
        w = ws.next().unwrap_or("");
    }
    let name = ws
        .next()
        .unwrap_or("")
        .trim_end_matches(|c: char| !is_ident_char(c))
        .to_string();
    (w.to_string(), name)
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut es: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    es.sort();
    for p in es {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|e| e == "v") {
            out.push(p);
        }
    }
}

/// `None` when `name` is used in the project at `dir`; else the definitions that carry it (`name`
/// and the definitions built on it), none of them used.
pub fn unused(dir: &Path, name: &str) -> Option<Vec<String>> {
    let mut files = vec![];
    collect(dir, &mut files);
    let mut sents: Vec<String> = vec![];
    for f in files {
        if let Ok(t) = std::fs::read_to_string(&f) {
            sents.extend(sentences(&t));
        }
    }
    // the name must be defined in the project (a name the printer changed is never "unused")
    if !sents.iter().any(|s| {
        let (kw, def) = head(s);
        matches!(kw.as_str(), "Definition" | "Fixpoint") && def == name
    }) {
        return None;
    }
    let mut set: BTreeSet<String> = BTreeSet::new();
    set.insert(name.to_string());
    let mut order = vec![name.to_string()];
    loop {
        let mut grew = false;
        for s in &sents {
            if !idents(s).any(|w| set.contains(w)) {
                continue;
            }
            let (kw, def) = head(s);
            match kw.as_str() {
                "Definition" | "Fixpoint" | "Let" | "Notation" => {
                    if !def.is_empty() && set.insert(def.clone()) {
                        order.push(def);
                        grew = true;
                    }
                }
                "Arguments" | "Hint" | "Opaque" | "Transparent" => {}
                _ => return None,
            }
        }
        if !grew {
            return Some(order);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_classifies() {
        let s = sentences("(* c. *) Definition a := 1.\nDefinition b : Z := a + \"x. y\".\nTheorem t : b = 2.\nProof. unfold b. lia. Qed.");
        assert_eq!(s.len(), 7);
        assert_eq!(head(&s[0]), ("Definition".into(), "a".into()));
        assert_eq!(
            head("#[global] Arguments a : simpl never"),
            ("Arguments".into(), "a".into())
        );
    }

    #[test]
    fn unused_definitions() {
        let d = std::env::temp_dir().join(format!("mutate-uses-{}", std::process::id()));
        std::fs::create_dir_all(d.join("L")).unwrap();
        std::fs::write(
            d.join("L/Defs.v"),
            "Definition init_x : Z := 0.\nDefinition L_init : Z := init_x.\n#[global] Arguments init_x : simpl never.\nDefinition spec (x : Z) := x + 1.\n",
        )
        .unwrap();
        std::fs::write(
            d.join("Top.v"),
            "Theorem t : forall x, L.Defs.spec x = x + 1.\nProof. reflexivity. Qed.\n",
        )
        .unwrap();
        assert_eq!(
            unused(&d, "init_x"),
            Some(vec!["init_x".into(), "L_init".into()])
        );
        assert_eq!(unused(&d, "spec"), None);
        assert_eq!(unused(&d, "not_there"), None);
        std::fs::remove_dir_all(&d).unwrap();
    }
}
