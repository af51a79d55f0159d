//! Lexer: source text → tokens with spans. Nested `(* *)` comments are skipped.

use diag::span::{FileId, Span};
use diag::{Code, Diagnostic};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tok {
    /// A name; may be qualified (`ZMap.t`, `Z.lxor`). Keywords are names too; the parser decides.
    Ident(String),
    Num(u128),
    Str(String),
    /// Punctuation and operators, spelled as in the source (`:=`, `|'`, `.(`, `.`, …).
    Sym(&'static str),
    Eof,
}

#[derive(Clone, Debug)]
pub struct Token {
    pub tok: Tok,
    pub span: Span,
}

/// Operators and punctuation, longest first (maximal munch).
const SYMS: &[&str] = &[
    "<->", "<>?", ">=?", "<=?", ":=", "=>", "|'", "||", "&&", "::", "++", "==", ":<", "<>", "<=",
    ">=", "=?", ">?", "<?", "<<", ">>", "\\/", "/\\", "->", ".(", ".[", "(", ")", "{", "}", "[",
    "]", ",", ";", ":", "|", "&", "*", "/", "+", "-", "#", "@", "=", "<", ">", "~", "!", ".",
];

/// Words that cannot be used as names.
pub const KEYWORDS: &[&str] = &[
    "Section",
    "End",
    "Definition",
    "Fixpoint",
    "Parameter",
    "Inductive",
    "Record",
    "Include",
    "From",
    "Require",
    "Hint",
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
    "mod",
    "true",
    "false",
    // Coq words that would make the generated Coq invalid if used as names
    "fun",
    "fix",
    "cofix",
    "Set",
    "as",
    "return",
    "struct",
    "at",
    "for",
    "using",
    "where",
    "Theorem",
    "Lemma",
    "Proof",
    "Qed",
    "Require",
    "Import",
    "Export",
    "Module",
];

pub fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}
pub fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '\''
}

/// Tokenize; lexical errors are reported and skipped, so lexing always yields a token stream
/// ending in `Eof`.
pub fn lex(file: FileId, src: &str, diags: &mut Vec<Diagnostic>) -> Vec<Token> {
    let b = src.as_bytes();
    let mut i = 0;
    let mut out = Vec::new();
    let sp = |lo: usize, hi: usize| Span::new(file, lo, hi);
    'outer: while i < b.len() {
        let c = src[i..].chars().next().unwrap();
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        // comments, nested
        if src[i..].starts_with("(*") {
            let start = i;
            let mut depth = 0;
            while i < b.len() {
                if src[i..].starts_with("(*") {
                    depth += 1;
                    i += 2;
                } else if src[i..].starts_with("*)") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        continue 'outer;
                    }
                } else {
                    i += src[i..].chars().next().unwrap().len_utf8();
                }
            }
            diags.push(
                Diagnostic::error(
                    Code::UnterminatedComment,
                    sp(start, start + 2),
                    "comment is never closed",
                )
                .label("comment starts here")
                .hint("close it with `*)` (comments nest: every `(*` needs its own `*)`)"),
            );
            break;
        }
        if c == '"' {
            let start = i;
            i += 1;
            let mut s = String::new();
            loop {
                if i >= b.len() {
                    diags.push(
                        Diagnostic::error(
                            Code::UnterminatedString,
                            sp(start, start + 1),
                            "string literal is never closed",
                        )
                        .label("string starts here")
                        .hint("add the closing `\"` (write `\"\"` for a quote inside a string)"),
                    );
                    break 'outer;
                }
                let ch = src[i..].chars().next().unwrap();
                if ch == '"' {
                    if src[i + 1..].starts_with('"') {
                        s.push('"');
                        i += 2;
                        continue;
                    }
                    i += 1;
                    break;
                }
                s.push(ch);
                i += ch.len_utf8();
            }
            out.push(Token {
                tok: Tok::Str(s),
                span: sp(start, i),
            });
            continue;
        }
        if c.is_ascii_digit() {
            let start = i;
            let hex = src[i..].starts_with("0x") || src[i..].starts_with("0X");
            if hex {
                i += 2;
            }
            while i < b.len() && (b[i] as char).is_ascii_alphanumeric()
                || i < b.len() && b[i] == b'_'
            {
                i += 1;
            }
            let text: String = src[start..i].chars().filter(|&c| c != '_').collect();
            let val = if hex {
                u128::from_str_radix(&text[2..], 16)
            } else {
                text.parse::<u128>()
            };
            match val {
                Ok(v) => out.push(Token {
                    tok: Tok::Num(v),
                    span: sp(start, i),
                }),
                Err(_) => {
                    diags.push(
                        Diagnostic::error(
                            Code::BadNumber,
                            sp(start, i),
                            format!("malformed number literal `{}`", &src[start..i]),
                        )
                        .label("not a number")
                        .hint("numbers are decimal (`42`) or hexadecimal (`0x2a`), below 2^128"),
                    );
                    out.push(Token {
                        tok: Tok::Num(0),
                        span: sp(start, i),
                    });
                }
            }
            continue;
        }
        if is_ident_start(c) {
            let start = i;
            loop {
                while i < b.len() && is_ident_char(b[i] as char) {
                    i += 1;
                }
                // qualified name: `.` immediately followed by an identifier start
                if i + 1 < b.len() && b[i] == b'.' && is_ident_start(b[i + 1] as char) {
                    i += 1;
                    continue;
                }
                break;
            }
            out.push(Token {
                tok: Tok::Ident(src[start..i].to_string()),
                span: sp(start, i),
            });
            continue;
        }
        // `=s` / `<>s` (string comparisons): only when not followed by a name character
        for s in ["<>s", "=s"] {
            if src[i..].starts_with(s) {
                let after = src[i + s.len()..].chars().next();
                if !after.is_some_and(is_ident_char) {
                    out.push(Token {
                        tok: Tok::Sym(if s == "=s" { "=s" } else { "<>s" }),
                        span: sp(i, i + s.len()),
                    });
                    i += s.len();
                    continue 'outer;
                }
            }
        }
        for s in SYMS {
            if src[i..].starts_with(s) {
                // `.(*` is a statement end followed by a comment
                if *s == ".(" && src[i + 1..].starts_with("(*") {
                    continue;
                }
                out.push(Token {
                    tok: Tok::Sym(s),
                    span: sp(i, i + s.len()),
                });
                i += s.len();
                continue 'outer;
            }
        }
        diags.push(
            Diagnostic::error(
                Code::BadChar,
                sp(i, i + c.len_utf8()),
                format!("unexpected character `{c}`"),
            )
            .label("not part of the language")
            .hint(
                "remove it; names are `[A-Za-z_][A-Za-z0-9_']*`, see docs/config.md for operators",
            ),
        );
        i += c.len_utf8();
    }
    out.push(Token {
        tok: Tok::Eof,
        span: sp(b.len(), b.len()),
    });
    out
}
