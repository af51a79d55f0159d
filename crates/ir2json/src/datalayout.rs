//! Checking `target datalayout` strings before LLVM 14 sees them: LLVM 14's text parser hands the
//! string to `Module::setDataLayout`, which calls `report_fatal_error` (the process aborts) on a
//! string `DataLayout::parseSpecifier` rejects. The rules here are parseSpecifier's, so that a
//! string it rejects is an `E-IR004` error value instead (found by fuzzing, issue 15); the few
//! corners where LLVM 14 would read past the token or trip an assertion are rejected as well, and
//! so is what the llvm-ir crate's own reading of the string panics on although LLVM accepts it
//! (fields after the last one LLVM reads, `e`/`E` with trailing characters, the deprecated `s`,
//! `G`, mangling `l`).

use crate::error::Pos;

/// Every `target datalayout = "…"` of the text (tokens as LLVM's lexer splits them: comments and
/// string contents skipped), with the position of its string and its unescaped content.
pub fn find(text: &str) -> Vec<(Pos, String)> {
    use crate::lex::Tok;
    const BEFORE: [Tok<'static>; 3] = [
        Tok::Word("target"),
        Tok::Word("datalayout"),
        Tok::Punct(b'='),
    ];
    let mut last: [Option<Tok>; 3] = [None; 3];
    let mut out = Vec::new();
    for (pos, tok) in crate::lex::tokens(text) {
        if let Tok::Quoted { body, .. } = tok {
            if last.iter().zip(&BEFORE).all(|(a, b)| *a == Some(*b)) {
                out.push((pos, crate::text::unescape(body)));
            }
        }
        last = [last[1], last[2], Some(tok)];
    }
    out
}

/// LLVM's `getInt`: a decimal number that fits in 32 bits, nothing else.
fn int(s: &str) -> Result<u64, String> {
    if s.is_empty() || !s.bytes().all(|c| c.is_ascii_digit()) {
        return Err(format!(
            "`{s}`: not a number, or does not fit in an unsigned int"
        ));
    }
    match s.parse::<u32>() {
        Ok(v) => Ok(v as u64),
        Err(_) => Err(format!(
            "`{s}`: not a number, or does not fit in an unsigned int"
        )),
    }
}

/// LLVM's `getIntInBytes`: a number of bits that is a whole number of bytes, in bytes.
fn bytes(s: &str) -> Result<u64, String> {
    let v = int(s)?;
    if v % 8 != 0 {
        return Err(format!(
            "`{s}`: number of bits must be a byte width multiple"
        ));
    }
    Ok(v / 8)
}

fn pow2(v: u64) -> bool {
    v != 0 && v & (v - 1) == 0
}

/// LLVM's `split`: `Err` on a trailing separator or an empty token before one.
fn split(s: &str, sep: char) -> Result<(&str, &str), String> {
    match s.split_once(sep) {
        None => Ok((s, "")),
        Some((a, "")) => Err(format!("`{a}{sep}`: trailing separator")),
        Some(("", _)) => Err(format!("expected a token before `{sep}`")),
        Some(x) => Ok(x),
    }
}

/// The next `:`-separated field of specifier `spec`.
fn field<'a>(rest: &mut &'a str, spec: &str, what: &str) -> Result<&'a str, String> {
    if rest.is_empty() {
        return Err(format!("`{spec}`: missing {what}"));
    }
    let (a, r) = split(rest, ':')?;
    *rest = r;
    Ok(a)
}

/// Check one datalayout string by the rules of LLVM 14's `DataLayout::parseSpecifier`.
pub fn check(desc: &str) -> Result<(), String> {
    let mut desc = desc;
    while !desc.is_empty() {
        let (spec, rest_desc) = split(desc, '-')?;
        desc = rest_desc;
        let (tok, mut rest) = split(spec, ':')?;
        if tok == "ni" {
            loop {
                let a = field(&mut rest, spec, "address space")?;
                if int(a)? == 0 {
                    return Err("address space 0 can never be non-integral".into());
                }
                if rest.is_empty() {
                    break;
                }
            }
            continue;
        }
        let mut cs = tok.chars();
        let spec_char = cs.next().unwrap_or(' ');
        let tok = cs.as_str();
        match spec_char {
            'E' | 'e' if tok.is_empty() => {}
            'p' => {
                let space = if tok.is_empty() { 0 } else { int(tok)? };
                if space >= 1 << 24 {
                    return Err(format!("`{spec}`: invalid address space"));
                }
                if int(field(&mut rest, spec, "pointer size")?)? == 0 {
                    return Err(format!("`{spec}`: invalid pointer size of 0"));
                }
                let abi = bytes(field(&mut rest, spec, "pointer alignment")?)?;
                if !pow2(abi) {
                    return Err(format!(
                        "`{spec}`: pointer ABI alignment must be a power of 2"
                    ));
                }
                let mut pref = abi;
                if !rest.is_empty() {
                    pref = bytes(field(&mut rest, spec, "preferred alignment")?)?;
                    if !pow2(pref) {
                        return Err(format!(
                            "`{spec}`: pointer preferred alignment must be a power of 2"
                        ));
                    }
                    if !rest.is_empty() && int(field(&mut rest, spec, "index size")?)? == 0 {
                        return Err(format!("`{spec}`: invalid index size of 0"));
                    }
                }
                if pref < abi {
                    return Err(format!(
                        "`{spec}`: preferred alignment cannot be less than the ABI alignment"
                    ));
                }
            }
            'i' | 'v' | 'f' | 'a' => {
                let size = if tok.is_empty() { 0 } else { int(tok)? };
                if spec_char == 'a' && size != 0 {
                    return Err(format!("`{spec}`: sized aggregate specification"));
                }
                if spec_char != 'a' && (size == 0 || size >= 1 << 24) {
                    return Err(format!("`{spec}`: invalid bit width"));
                }
                let abi = bytes(field(&mut rest, spec, "alignment")?)?;
                if spec_char != 'a' && abi == 0 {
                    return Err(format!(
                        "`{spec}`: ABI alignment must be >0 for non-aggregate types"
                    ));
                }
                if abi >= 1 << 16 || (abi != 0 && !pow2(abi)) {
                    return Err(format!("`{spec}`: invalid ABI alignment"));
                }
                let mut pref = abi;
                if !rest.is_empty() {
                    pref = bytes(field(&mut rest, spec, "preferred alignment")?)?;
                }
                if pref >= 1 << 16 || (pref != 0 && !pow2(pref)) {
                    return Err(format!("`{spec}`: invalid preferred alignment"));
                }
                if pref.max(1) < abi.max(1) {
                    return Err(format!(
                        "`{spec}`: preferred alignment cannot be less than the ABI alignment"
                    ));
                }
            }
            'n' => {
                if int(tok)? == 0 {
                    return Err(format!("`{spec}`: zero width native integer type"));
                }
                while !rest.is_empty() {
                    if int(field(&mut rest, spec, "width")?)? == 0 {
                        return Err(format!("`{spec}`: zero width native integer type"));
                    }
                }
            }
            'S' => {
                let a = bytes(tok)?;
                if a != 0 && !pow2(a) {
                    return Err(format!("`{spec}`: alignment is neither 0 nor a power of 2"));
                }
            }
            'F' => {
                let Some(t) = tok.strip_prefix(['i', 'n']) else {
                    return Err(format!("`{spec}`: unknown function pointer alignment type"));
                };
                let a = bytes(t)?;
                if a != 0 && !pow2(a) {
                    return Err(format!("`{spec}`: alignment is neither 0 nor a power of 2"));
                }
            }
            'P' | 'A' => {
                if int(tok)? >= 1 << 24 {
                    return Err(format!("`{spec}`: invalid address space"));
                }
            }
            'm' => {
                if !tok.is_empty() {
                    return Err(format!(
                        "`{spec}`: unexpected characters after the mangling specifier"
                    ));
                }
                if !matches!(rest, "e" | "o" | "m" | "w" | "x" | "a") {
                    return Err(format!("`{spec}`: unknown mangling"));
                }
                rest = "";
            }
            _ => return Err(format!("`{spec}`: unknown specifier")),
        }
        // parseSpecifier ignores what follows the fields it reads; llvm-ir panics on it.
        if !rest.is_empty() {
            return Err(format!("`{spec}`: unexpected fields `{rest}`"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_clang_emits_pass() {
        for s in [
            "e-m:e-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128",
            "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128",
            "E-m:e-Fi64-i64:64-n32:64-S128-v256:256:256-v512:512:512",
            "e-p:32:32-Fi8-i64:64-v128:64:128-a:0:32-n32-S64",
            "e-m:o-i64:64-i128:128-n32:64-S128",
            "e-ni:1:2:3-p:64:64:64:32-A5-P0",
            "",
        ] {
            assert_eq!(check(s), Ok(()), "{s}");
        }
    }

    #[test]
    fn layouts_llvm_aborts_on_fail() {
        for s in [
            "e-m:e-i8:8:32-i16:16:32-i64:64-i12:1:128",
            "e-i64:6x",
            "e-q8",
            "e-",
            "-e",
            "e--n32",
            "e-p:0:64",
            "e-p:64:48",
            "e-p:64:64:32",
            "e-i64:128:64",
            "e-i64:0",
            "e-i64:12",
            "e-a8:8",
            "e-n0",
            "e-S24",
            "e-F",
            "e-Fx8",
            "e-m:q",
            "e-m",
            "e-mx:e",
            "e-ni",
            "e-ni:0",
            "e-i99999999999:8",
            "e-P16777216",
            // LLVM accepts these, llvm-ir panics on them.
            "e32:32",
            "seq_cst:e",
            "e-i64:64:64:64",
            "e-p:64:64:64:64:64:64",
            "e-S128:8",
            "e-G1",
            "e-m:l",
        ] {
            assert!(check(s).is_err(), "{s}");
        }
    }

    #[test]
    fn finds_layouts_across_lines_and_comments() {
        // Not a token boundary in the middle of a multi-byte character.
        assert!(find("é target datalayout = \"e\" é").len() == 1);
        let t = "; target datalayout = \"x\"\ntarget ; c\n datalayout\n= \"e-q\"\n@s = global [3 x i8] c\"target datalayout\"";
        let f = find(t);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].1, "e-q");
        assert_eq!((f[0].0.line, f[0].0.col), (4, 3));
    }
}
