//! Names of LLVM values and globals in the code model: the central mangler of the `coq` crate
//! (`coq::mangle`, injective, one prefix per kind of name), applied to ir2json's names.

pub use coq::mangle::*;
use ir2json::Name;

/// Coq name of a local value or block: `%x` → `_x`, `%7` → `_7`, `%a.b` → `_a'_b`.
pub fn local(n: &Name) -> String {
    match n {
        Name::Number(k) => local_numbered(*k),
        Name::Named(s) => local_named(s),
    }
}

/// The address of block `b` of function `f` (`blockaddress`).
pub fn block_addr(f: &str, b: &Name) -> String {
    block_address(f, &local(b))
}

/// The layer primitive reading the named register `reg` (`llvm.read_register`,
/// `llvm.read_volatile_register` with `!{!"reg"}`): `g_'rdreg_<reg>`, one per register name.
pub fn read_reg(reg: &str) -> String {
    format!("g_'rdreg_{}", encode(reg))
}

/// The layer primitive writing the named register `reg` (`llvm.write_register`): `g_'wrreg_<reg>`.
pub fn write_reg(reg: &str) -> String {
    format!("g_'wrreg_{}", encode(reg))
}

/// The layer primitive of intrinsic `name` applied with the metadata strings `strings` (e.g.
/// `llvm.experimental.constrained.fadd.f64` with `round.tonearest`, `fpexcept.strict`):
/// `g_'md_<name>'z<s1>'z<s2>…` — the metadata operands become part of the primitive's identity.
pub fn md_prim(name: &str, strings: &[String]) -> String {
    let mut s = format!("g_'md_{}", encode(name));
    for x in strings {
        s.push_str("'z");
        s.push_str(&encode(x));
    }
    s
}
