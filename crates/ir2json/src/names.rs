//! Names and strings must be UTF-8. LLVM reads `\XX` escapes in quoted names and strings as
//! arbitrary bytes; the llvm-ir crate (and every later stage) reads names as UTF-8 and panics
//! otherwise. This scan finds the first quoted name or string whose escapes spell bytes that are
//! not UTF-8, so the module is rejected with a coded error before llvm-ir sees it. Byte data
//! (`c"..."` constants) and metadata strings (`!"..."`) may hold any bytes: llvm-ir does not read
//! them as text.

use crate::error::Pos;
use crate::lex::{self, Tok};

/// A quoted name or string that is not UTF-8 once unescaped.
#[derive(Debug, PartialEq, Eq)]
pub struct NonUtf8 {
    /// Where the opening quote is (1-based).
    pub pos: Pos,
    /// What the string is: "global name", "local name", "comdat name" or "string".
    pub what: &'static str,
    /// The string as written (quotes included, up to its first line break and 80 characters).
    pub written: String,
}

/// The first quoted name or string of `text` (outside comments) that is not UTF-8 once its `\XX`
/// escapes are read as bytes, as LLVM reads them.
pub fn find_non_utf8(text: &str) -> Option<NonUtf8> {
    lex::tokens(text).find_map(|(pos, tok)| {
        let Tok::Quoted { prefix, body } = tok else {
            return None;
        };
        let what = match prefix {
            b'c' | b'!' => return None,
            b'@' => "global name",
            b'%' => "local name",
            b'$' => "comdat name",
            _ => "string",
        };
        if !body.contains('\\')
            || std::str::from_utf8(&crate::text::unescape_bytes(body.as_bytes())).is_ok()
        {
            return None;
        }
        let first_line = body.split('\n').next().unwrap_or_default();
        let written = match first_line.char_indices().nth(80) {
            Some((cut, _)) => format!("\"{}…", &first_line[..cut]),
            None if first_line.len() < body.len() => format!("\"{first_line}…"),
            None => format!("\"{first_line}\""),
        };
        Some(NonUtf8 { pos, what, written })
    })
}

/// The first metadata name (`!name`, as a kind or named metadata) whose first byte, once its
/// escapes are read, is not ASCII, with its position and the name as written. LLVM 14's printer
/// crashes on such a name: it escapes the first byte through a signed `char` and indexes a table
/// with a negative number.
pub fn find_unprintable_metadata_name(text: &str) -> Option<(Pos, String)> {
    lex::tokens(text).find_map(|(pos, tok)| match tok {
        Tok::MetaName(name)
            if crate::text::unescape_bytes(name.as_bytes())
                .first()
                .is_some_and(|&c| c >= 0x80) =>
        {
            Some((pos, format!("!{name}")))
        }
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Option<(u32, u32, &'static str)> {
        find_non_utf8(text).map(|n| (n.pos.line, n.pos.col, n.what))
    }

    #[test]
    fn finds_names_and_strings_that_are_not_utf8() {
        assert_eq!(
            at("source_filename = \"go\\de\"\n"),
            Some((1, 19, "string"))
        );
        assert_eq!(
            at("\n@\"a\\FF\" = global i8 0\n"),
            Some((2, 2, "global name"))
        );
        assert_eq!(
            at("define void @f() {\n  %\"x\\C3\" = add i8 0, 0\n"),
            Some((2, 4, "local name"))
        );
        // A string spanning lines still reports its opening quote, and lines after it count on.
        assert_eq!(
            at("@a = global i8 0, section \"x\ny\"\n@\"\\80\" = global i8 0\n"),
            Some((3, 2, "global name"))
        );
    }

    #[test]
    fn accepts_utf8_escapes_data_metadata_and_comments() {
        // `\C3\A9` is "é" in UTF-8; `\\` is a backslash, `\q` no escape at all.
        assert_eq!(
            at("@\"caf\\C3\\A9\" = global i8 0\n@\"a\\\\FF\\q\" = global i8 0\n"),
            None
        );
        assert_eq!(
            at("@s = constant [1 x i8] c\"\\FF\"\n!0 = !{!\"\\FF\"}\n"),
            None
        );
        assert_eq!(
            at("; @\"\\FF\" in a comment\n@x = global i8 0 ; \"\\FE\"\n"),
            None
        );
    }

    #[test]
    fn metadata_names_starting_with_a_non_ascii_byte() {
        let at = |t: &str| find_unprintable_metadata_name(t).map(|(p, n)| (p.line, p.col, n));
        assert_eq!(
            at("  store i8 0, i8* %p, !\\ba !0\n"),
            Some((1, 23, "!\\ba".into()))
        );
        assert_eq!(at("!\\C3\\A9x = !{}\n"), Some((1, 1, "!\\C3\\A9x".into())));
        // Later bytes may be anything; escapes that spell ASCII are fine; strings are not names.
        assert_eq!(at("!x\\80 = !{}\n!\\41 = !{}\n!0 = !{!\"\\FF\"}\n"), None);
    }
}
