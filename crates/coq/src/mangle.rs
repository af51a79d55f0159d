//! Central, injective name mangling from LLVM names to Coq identifiers.
//!
//! Encoding of a name's bytes (prefix-free, hence injective):
//! * `A-Z a-z 0-9 _` stand for themselves;
//! * `.` becomes `'_`;
//! * any other byte `b` becomes `'` followed by two lowercase hex digits of `b` (`'` itself is `'27`).
//!
//! Every kind of Coq name gets a fixed prefix, so kinds never clash and no Coq keyword can be
//! produced: locals `_`, global idents `g_`, global variable records `gv_`, functions `f_`, their files
//! `F_`, named types `t_`, assembly procedures `asm_`. Generated names (temporaries, the dispatch label, inline-asm procedures,
//! block addresses) contain `'` followed by a letter other than `a-f`, which [`encode`] never produces.

/// Encode an arbitrary byte string (see module docs).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    for &b in s.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' => out.push(b as char),
            b'.' => out.push_str("'_"),
            _ => {
                out.push('\'');
                out.push_str(&format!("{b:02x}"));
            }
        }
    }
    out
}

/// Coq name of a numbered local value or block (`%7` → `_7`).
pub fn local_numbered(k: u64) -> String {
    format!("_{k}")
}

/// Coq name of a named local value or block: `%x` → `_x`, `%a.b` → `_a'_b`.
pub fn local_named(s: &str) -> String {
    // A *named* value spelled with digits only (`%"7"`) must not meet `%7`: escape its first digit.
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        format!("_'{:02x}{}", s.as_bytes()[0], &s[1..])
    } else {
        format!("_{}", encode(s))
    }
}

/// Generated temporary number `k` (φ-cycle breaking).
pub fn temp(k: u32) -> String {
    format!("_'t{k}")
}

/// The dispatch label variable of irreducible regions.
pub fn pc() -> String {
    "_'pc".to_string()
}

/// Parameter without a name (only in malformed input).
pub fn anon_param(i: usize) -> String {
    format!("_'p{i}")
}

/// The pointer a `byval` parameter number `i` arrives as; the parameter's own name then holds the
/// callee's copy of the object.
pub fn byval_incoming(i: usize) -> String {
    format!("_'q{i}")
}

/// Global ident of an LLVM global (function, variable, alias, ifunc): `g_<name>`.
pub fn global(name: &str) -> String {
    format!("g_{}", encode(name))
}

/// Global variable record: `gv_<name>`.
pub fn gvar(name: &str) -> String {
    format!("gv_{}", encode(name))
}

/// The `func` definition of a function: `f_<name>`.
pub fn func(name: &str) -> String {
    format!("f_{}", encode(name))
}

/// The Coq module (file stem) of a function: `F_<name>`.
pub fn func_file(name: &str) -> String {
    format!("F_{}", encode(name))
}

/// A named struct type: `t_<name>`.
pub fn named_type(name: &str) -> String {
    format!("t_{}", encode(name))
}

/// The `k`-th inline-asm call site of function `f`, as a named procedure.
pub fn asm_proc(f: &str, k: usize) -> String {
    format!("g_'iasm_{}'z{k}", encode(f))
}

/// The `k`-th `va_arg` site of function `f`, as a layer primitive.
pub fn va_arg_proc(f: &str, k: usize) -> String {
    format!("g_'vaarg_{}'z{k}", encode(f))
}

/// The address of block `b` (its local name, see [`local_named`]) of function `f` (`blockaddress`).
pub fn block_address(f: &str, b_local: &str) -> String {
    format!("g_'blk_{}'z{}", encode(f), b_local)
}

/// An assembly procedure (a label of an assembly file): `asm_<name>`.
pub fn asm_proc_file(name: &str) -> String {
    format!("asm_{}", encode(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn distinct_names_stay_distinct() {
        let names = [
            "a.b", "a_b", "a'_b", "a'5fb", "0", "a b", "a\"b", "\u{e9}", "a..b", "a._b", "a_.b", "",
        ];
        let mut seen = HashSet::new();
        for n in names {
            assert!(seen.insert(encode(n)), "collision on {n:?}");
        }
        let mut seen = HashSet::new();
        for n in [
            local_numbered(0),
            local_named("0"),
            local_named("'30"),
            local_numbered(10),
            local_named("10"),
            local_named("a.b"),
            local_named("a_b"),
        ] {
            assert!(seen.insert(n.clone()), "collision on {n:?}");
        }
        assert_eq!(local_named("a.b"), "_a'_b");
    }

    #[test]
    fn generated_names_are_not_producible() {
        // every generated name contains `'` followed by a letter g-z, which encode never emits
        for g in [temp(3), pc(), anon_param(1), asm_proc("f", 0)] {
            let i = g.find('\'').unwrap();
            let c = g.as_bytes()[i + 1];
            assert!(c.is_ascii_lowercase() && c > b'f', "{g}");
        }
    }

    #[test]
    fn exhaustive_short_strings_are_injective() {
        let alphabet = ["a", "_", ".", "'", "2", "e", " "];
        let mut all = vec![String::new()];
        for _ in 0..4 {
            let mut next = Vec::new();
            for s in &all {
                for c in alphabet {
                    next.push(format!("{s}{c}"));
                }
            }
            all.extend(next);
            all.sort();
            all.dedup();
        }
        let mut seen = std::collections::HashMap::new();
        for s in &all {
            if let Some(o) = seen.insert(encode(s), s.clone()) {
                panic!("{o:?} and {s:?} collide");
            }
        }
    }
}
