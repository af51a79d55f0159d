//! Robustness: the front end never panics, whatever the input (random token soup built from
//! the language's own vocabulary, and mutations of the demonstration config).

use std::path::Path;
use testkit::rng::Rng;

const VOCAB: &[&str] = &[
    "Definition",
    "Fixpoint",
    "Record",
    "Inductive",
    "Parameter",
    "Section",
    "End",
    "Hint",
    "Include",
    "let",
    "in",
    "when",
    "match",
    "with",
    "end",
    "rely",
    "anno",
    "if",
    "then",
    "else",
    "exists",
    "forall",
    "x",
    "y",
    "St",
    "Z",
    "bool",
    "Prop",
    "list",
    "option",
    "ZMap.t",
    "Some",
    "None",
    "nil",
    "LAYER_DATA",
    "LAYER_PRIMS",
    "LAYER_CODE",
    "PROJ_NAME",
    "PROJ_BASE",
    "LAYER_REFREL",
    "f_spec",
    "f_loop_bound",
    "\"f\"",
    "\"x.ll\"",
    "0",
    "42",
    "0xff",
    ":=",
    ":",
    ".",
    ".(",
    ".[",
    "]",
    "(",
    ")",
    "{",
    "}",
    ",",
    ";",
    "|",
    "=>",
    "==",
    "#",
    "@",
    ":<",
    "+",
    "*",
    "=?",
    "&&",
    "::",
    "=",
    "/\\",
    "->",
    "(*",
    "*)",
    "_",
    "mkSt",
    "\n",
];

fn no_panic(path: &Path, src: &str) {
    let r = std::panic::catch_unwind(|| {
        let res = config::load_str(path, src);
        if let Err(e) = &res {
            // rendering must not panic either
            let _ = e.render_plain();
            for d in &e.diagnostics {
                let _ = d.to_miette(&e.sources);
            }
        }
    });
    assert!(r.is_ok(), "panic on input:\n{src}");
}

#[test]
fn token_soup_never_panics() {
    let mut r = Rng::new(0xDEADBEEF12345678);
    for _ in 0..3000 {
        let n = 1 + r.below(60);
        let mut s = String::new();
        for _ in 0..n {
            s.push_str(VOCAB[r.below(VOCAB.len())]);
            s.push(' ');
        }
        no_panic(Path::new("/nonexistent/fuzz.v"), &s);
    }
}

#[test]
fn mutated_demo_never_panics() {
    // loaded from its real path, so that its Include and LAYER_CODE resolve
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/pagetable/proof.v");
    let base = std::fs::read_to_string(&path).unwrap();
    let mut loaded = 0;
    let toks: Vec<&str> = base.split_inclusive(|c: char| c.is_whitespace()).collect();
    let mut r = Rng::new(0x0123456789ABCDEF);
    for _ in 0..400 {
        let mut t = toks.clone();
        for _ in 0..1 + r.below(4) {
            let i = r.below(t.len());
            match r.below(3) {
                0 => {
                    t.remove(i);
                }
                1 => t.insert(i, VOCAB[r.below(VOCAB.len())]),
                _ => {
                    let j = r.below(t.len());
                    t.swap(i, j);
                }
            }
        }
        let src = t.concat();
        no_panic(&path, &src);
        loaded += config::load_str(&path, &src).is_ok() as usize;
    }
    // some mutations are harmless (whitespace, swapped equal tokens): the real path resolves
    assert!(loaded > 0);
}
