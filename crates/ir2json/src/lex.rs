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
            // LLVM's lexer ends a comment at '\n' or '\r'.
            b';' => {
                while i < b.len() && b[i] != b'\n' && b[i] != b'\r' {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_with_positions() {
        let q = |prefix, body| Tok::Quoted { prefix, body };
        let t: Vec<_> =
            tokens("@\"a b\" = c\"x\" ; \"no\"\n  asm \"p\nq\", !\"m\", !\\41.b !0 ;\r@")
                .map(|(p, t)| (p.line, p.col, t))
                .collect();
        #[rustfmt::skip]
        let expected = [
            (1, 1, Tok::Punct(b'@')), (1, 2, q(b'@', "a b")), (1, 8, Tok::Punct(b'=')),
            (1, 10, Tok::Word("c")), (1, 11, q(b'c', "x")),
            (2, 3, Tok::Word("asm")), (2, 7, q(b' ', "p\nq")),
            (3, 3, Tok::Punct(b',')), (3, 5, Tok::Punct(b'!')), (3, 6, q(b'!', "m")),
            (3, 9, Tok::Punct(b',')), (3, 11, Tok::MetaName("\\41.b")), (3, 18, Tok::Punct(b'!')),
            (3, 19, Tok::Word("0")),
            // a comment ends at '\r' as in LLVM's lexer (lines count '\n' only)
            (3, 23, Tok::Punct(b'@')),
        ];
        assert_eq!(t, expected);
    }
}
