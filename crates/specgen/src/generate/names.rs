//! Every name of the generated project — Coq identifiers, module paths, file paths — in one
//! place, so the files that define a name and the files that use it cannot disagree.

/// The code model's folder (a logical sub-path of the project).
pub const CODE_DIR: &str = "Code";

/// `glob_ident_name`: the name of a code global (for `Bglob` patterns of the configuration).
pub const GLOB_IDENT_NAME: &str = "glob_ident_name";

/// The default name of primitive `p`'s spec (a hand-written one may be named otherwise).
pub fn spec(p: &str) -> String {
    format!("{p}_spec")
}
pub fn low_spec(p: &str) -> String {
    format!("{p}_spec_low")
}
/// The spec marshalled to coq-lib values (`primspec`).
pub fn prim(p: &str) -> String {
    format!("{p}_prim")
}
pub fn prim_low(p: &str) -> String {
    format!("{p}_prim_low")
}
/// Code proof: the code implements the low spec.
pub fn code_lemma(p: &str) -> String {
    format!("{p}_code")
}
/// Refinement proof: the spec refines the low spec.
pub fn ref_lemma(p: &str) -> String {
    format!("{p}_ref")
}
/// The spec-level statement of a refinement proof.
pub fn spec_ref_lemma(p: &str) -> String {
    format!("{p}_spec_ref")
}
/// The primitive's part of its layer's refinement.
/// The obligation of a primitive passed through a refinement relation.
pub fn pass_lemma(p: &str) -> String {
    format!("{p}_pass_ref")
}
pub fn refines_lemma(p: &str) -> String {
    format!("{p}_refines")
}
pub fn loop_body(fix: &str) -> String {
    format!("{fix}_body")
}
pub fn loop_wp(fix: &str) -> String {
    format!("{fix}_wp")
}
pub fn update_fn(record: &str, field: &str) -> String {
    format!("update_{record}_{field}")
}

/// Names of layer `l`'s definitions.
pub fn layer(l: &str) -> String {
    format!("{l}_layer")
}
pub fn layer_code(l: &str) -> String {
    format!("{l}_code")
}
pub fn rel(l: &str) -> String {
    format!("{l}_R")
}
pub fn layer_init(l: &str) -> String {
    format!("{l}_init")
}
pub fn layer_refines(l: &str) -> String {
    format!("{l}_refines")
}
/// The layer's relation holds on the initial states.
pub fn init_rel(l: &str) -> String {
    format!("{l}_init_rel")
}
/// The invariant of layer `l`'s reachable states.
pub fn inv(l: &str) -> String {
    format!("{l}_inv")
}
pub fn inv_init(l: &str) -> String {
    format!("{l}_inv_init")
}
/// Primitive `q`, as layer `l` provides it, preserves the invariant.
pub fn inv_pres(l: &str, q: &str) -> String {
    format!("{l}_{q}_inv")
}
/// The default name of primitive `p`'s precondition.
pub fn pre(p: &str) -> String {
    format!("{p}_pre")
}
/// A hand-written spec is defined where its precondition holds.
pub fn defined(p: &str) -> String {
    format!("{p}_defined")
}
/// The composed relation holds on the initial states up to layer `l`.
pub fn upto_init(l: &str) -> String {
    format!("upto_{l}_init")
}
/// The logical sub-path of the hand-written proofs.
pub const PROOFS_DIR: &str = "Proofs";

/// The refinement of the stack up to layer `l`.
pub fn upto(l: &str) -> String {
    format!("upto_{l}")
}

/// Logical path of layer `l`'s folder.
pub fn layer_dir(pn: &str, l: &str) -> String {
    format!("{pn}.{l}")
}
/// Logical path of primitive `p`'s folder in layer `l`.
pub fn prim_dir(pn: &str, l: &str, p: &str) -> String {
    format!("{pn}.{l}.{p}")
}
pub fn code_dir(pn: &str) -> String {
    format!("{pn}.{CODE_DIR}")
}
/// The code model's module of function `f`.
pub fn func_module(f: &str) -> String {
    coq::mangle::func_file(f)
}
/// The code model's `func` of `f`, qualified by its module.
pub fn func_qualified(f: &str) -> String {
    format!("{}.{}", func_module(f), coq::mangle::func(f))
}

/// Relative file paths.
pub fn prim_file(l: &str, p: &str, what: &str) -> String {
    format!("{l}/{p}/{what}.v")
}
pub fn layer_file(l: &str, what: &str) -> String {
    format!("{l}/{what}.v")
}
