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
