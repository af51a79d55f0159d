//! Inline asm constraint strings that crash LLVM 14's reader. `InlineAsm::ConstraintInfo::Parse`
//! trusts two multi-letter forms: `^xy` (it takes two letters and skips three bytes) and `@Nxyz`
//! (a digit N, then N letters). A string that ends early, or an `@` not followed by a digit, makes
//! it read past the string (a segfault) or build a string of negative length (a C++ exception that
//! aborts the process). This check finds such a constraint before LLVM parses the module.

use crate::error::Pos;
use crate::lex::{self, Tok};

/// Keywords that may stand between `asm` and its asm string.
const ASM_FLAGS: [&str; 4] = ["sideeffect", "alignstack", "inteldialect", "unwind"];

/// The first inline asm constraint string of `text` (an `asm "..." , "..."` value) that LLVM 14's
/// constraint parser would read past its end, with its position and the string as written.
pub fn find_crashing_constraint(text: &str) -> Option<(Pos, String)> {
    // Where we are in `asm [flags] "code" , "constraints"`.
    enum At {
        Elsewhere,
        Asm,
        Code,
        Comma,
    }
    let mut at = At::Elsewhere;
    for (pos, tok) in lex::tokens(text) {
        at = match (at, tok) {
            (At::Asm, Tok::Word(w)) if ASM_FLAGS.contains(&w) => At::Asm,
            (At::Asm, Tok::Quoted { .. }) => At::Code,
            (At::Code, Tok::Punct(b',')) => At::Comma,
            (At::Comma, Tok::Quoted { body, .. }) => {
                let bytes = crate::text::unescape_bytes(body.as_bytes());
                if bytes.split(|&c| c == b',').any(overruns) {
                    return Some((pos, format!("\"{body}\"")));
                }
                At::Elsewhere
            }
            // `module asm "code"` has no constraint string.
            (_, Tok::Word("asm")) => At::Asm,
            _ => At::Elsewhere,
        };
    }
    None
}

/// Would LLVM 14's `ConstraintInfo::Parse` read past the end of this one constraint? It follows
/// the parser's steps; where the parser returns an error instead, the answer is no (a clean error).
fn overruns(c: &[u8]) -> bool {
    let mut i = 0;
    match c.first() {
        None => return false,
        Some(b'~') => {
            if c.get(1) != Some(&b'{') {
                return false;
            }
            i = 1;
        }
        Some(b'=') => i = 1,
        _ => {}
    }
    if c.get(i) == Some(&b'*') {
        i += 1;
    }
    while matches!(c.get(i), Some(b'&' | b'%' | b'#' | b'*')) {
        i += 1;
    }
    while i < c.len() {
        match c[i] {
            b'{' => match c[i + 1..].iter().position(|&x| x == b'}') {
                Some(k) => i += k + 2,
                None => return false,
            },
            b'^' => {
                if i + 3 > c.len() {
                    return true;
                }
                i += 3;
            }
            b'@' => {
                let n = match c.get(i + 1) {
                    Some(d) if d.is_ascii_digit() => (d - b'0') as usize,
                    _ => return true,
                };
                if i + 2 + n > c.len() {
                    return true;
                }
                i += 2 + n;
            }
            _ => i += 1,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_letter_constraints_that_end_early() {
        for bad in ["@", "=r,@,X", "=r@r,X", "=@3cc", "r,^x", "^"] {
            let t = format!("  %r = call i32 asm sideeffect \"nop\", \"{bad}\"(i32 1)\n");
            let (pos, shown) = find_crashing_constraint(&t).unwrap_or_else(|| panic!("{bad}"));
            assert_eq!((pos.line, pos.col, shown), (1, 39, format!("\"{bad}\"")));
        }
    }

    #[test]
    fn well_formed_and_cleanly_rejected_constraints_pass() {
        for ok in [
            "=r,r,~{memory}",
            "={@cceq},r",
            "=@2cc,r",
            "^Wc,r",
            "{x,",
            "~x",
            "=&r,0",
            "",
        ] {
            let t = format!("call void asm \"nop\", \"{ok}\"()\nmodule asm \"@\"\n");
            assert_eq!(find_crashing_constraint(&t), None, "{ok}");
        }
        // Escapes are read first: `\40` is `@`.
        assert!(find_crashing_constraint("call void asm \"\", \"\\40\"()").is_some());
    }
}
