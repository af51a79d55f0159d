//! A minimal tokenizer of LLVM text IR for the checks that run before LLVM sees a module: quoted
//! strings (with the byte before them: `@`, `%`, `$`, `c`, `!`), words and single punctuation,
//! each with its 1-based line and column; comments are skipped.

use crate::error::Pos;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tok<'a> {
    /// A quoted string: the byte right before the opening quote (`b' '` at the start) and the
    /// body between the quotes, escapes unread (LLVM strings have no escaped quote).
    Quoted { prefix: u8, body: &'a str },
    /// A run of letters, digits and `._$-`.
    Word(&'a str),
    /// A metadata name after `!` (`!tbaa`, `!llvm.module.flags`), escapes unread; LLVM's lexer
    /// allows `\` in it, so `!\41` is the name `A`.
    MetaName(&'a str),
    /// Any other byte that is not white space.
    Punct(u8),
}

/// The tokens of `text` with the position of their first byte.
pub fn tokens(text: &str) -> impl Iterator<Item = (Pos, Tok<'_>)> {
    let b = text.as_bytes();
    let (mut i, mut line, mut line_start) = (0usize, 1u32, 0usize);
    std::iter::from_fn(move || loop {
        let c = *b.get(i)?;
        let pos = Pos {
            line,
            col: (i - line_start) as u32 + 1,
        };
        let word = |c: u8| c.is_ascii_alphanumeric() || b"._$-".contains(&c);
        match c {
            b'\n' => {
                line += 1;
                line_start = i + 1;
                i += 1;
            }
            b';' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            c if c.is_ascii_whitespace() => i += 1,
            b'"' => {
                let end = b[i + 1..]
                    .iter()
                    .position(|&c| c == b'"')
                    .map_or(b.len(), |k| i + 1 + k);
                for (k, &c) in b.iter().enumerate().take(end).skip(i + 1) {
                    if c == b'\n' {
                        line += 1;
                        line_start = k + 1;
                    }
                }
                let prefix = if i == 0 { b' ' } else { b[i - 1] };
                let body = &text[i + 1..end];
                i = (end + 1).min(b.len());
                return Some((pos, Tok::Quoted { prefix, body }));
            }
            b'!' if b
                .get(i + 1)
                .is_some_and(|&c| c.is_ascii_alphabetic() || b"-$._\\".contains(&c)) =>
            {
                let start = i + 1;
                i += 1;
                while i < b.len() && (word(b[i]) || b[i] == b'\\') {
                    i += 1;
                }
                return Some((pos, Tok::MetaName(&text[start..i])));
            }
            c if word(c) => {
                let start = i;
                while i < b.len() && word(b[i]) {
                    i += 1;
                }
                return Some((pos, Tok::Word(&text[start..i])));
            }
            c => {
                i += 1;
                return Some((pos, Tok::Punct(c)));
            }
        }
    })
}

/// The bytes LLVM's lexer reads from a quoted string's body: `\\` is a backslash, `\XX` (two hex
/// digits) one byte, any other backslash itself.
pub fn unescape(body: &[u8]) -> Vec<u8> {
    let hex = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        if body[i] == b'\\' {
            if body.get(i + 1) == Some(&b'\\') {
                out.push(b'\\');
                i += 2;
                continue;
            }
            if let (Some(h), Some(l)) = (
                body.get(i + 1).copied().and_then(hex),
                body.get(i + 2).copied().and_then(hex),
            ) {
                out.push(h << 4 | l);
                i += 3;
                continue;
            }
        }
        out.push(body[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_with_positions() {
        let t: Vec<_> = tokens("@\"a b\" = c\"x\" ; \"no\"\n  asm \"p\nq\", !\"m\", !\\41.b !0")
            .map(|(p, t)| (p.line, p.col, t))
            .collect();
        assert_eq!(
            t,
            [
                (1, 1, Tok::Punct(b'@')),
                (
                    1,
                    2,
                    Tok::Quoted {
                        prefix: b'@',
                        body: "a b"
                    }
                ),
                (1, 8, Tok::Punct(b'=')),
                (1, 10, Tok::Word("c")),
                (
                    1,
                    11,
                    Tok::Quoted {
                        prefix: b'c',
                        body: "x"
                    }
                ),
                (2, 3, Tok::Word("asm")),
                (
                    2,
                    7,
                    Tok::Quoted {
                        prefix: b' ',
                        body: "p\nq"
                    }
                ),
                (3, 3, Tok::Punct(b',')),
                (3, 5, Tok::Punct(b'!')),
                (
                    3,
                    6,
                    Tok::Quoted {
                        prefix: b'!',
                        body: "m"
                    }
                ),
                (3, 9, Tok::Punct(b',')),
                (3, 11, Tok::MetaName("\\41.b")),
                (3, 18, Tok::Punct(b'!')),
                (3, 19, Tok::Word("0")),
            ]
        );
    }

    #[test]
    fn unescape_reads_as_llvm_does() {
        assert_eq!(unescape(br"a\41\\42\q\4"), b"aA\\42\\q\\4");
    }
}
