//! Golden tests: `testdata/ir2json/*.c` compiled with clang-14 at -O0 and -O1 (-g) at test time, and
//! the hand-written `testdata/ir2json/*.ll`, converted to JSON and compared with
//! `testdata/ir2json/golden/*.json`. `BLESS=1 cargo test -p ir2json --test golden` refreshes them.

mod common;

use common::{repo, scratch};
use serde_json::Value as J;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;

/// (name of the golden file stem, path of the .ll to convert)
/// The cases, and the scratch folder holding the `.ll` files compiled from `.c` (keep it alive
/// while they are read).
fn inputs() -> (testkit::Scratch, Vec<(String, PathBuf)>) {
    let dir = repo().join("testdata/ir2json");
    let tmp = scratch("golden");
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("testdata/ir2json")
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    let prefix_map = format!(
        "-fdebug-prefix-map={}=.",
        dir.canonicalize().unwrap().display()
    );
    for p in entries {
        let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
        match p.extension().and_then(|e| e.to_str()) {
            Some("ll") => out.push((stem, p.clone())),
            Some("c") => {
                for opt in ["-O0", "-O1"] {
                    let ll = tmp.join(format!("{stem}{}.ll", opt.replace('-', ".")));
                    let st = Command::new("clang-14")
                        .current_dir(&dir)
                        .args(["--target=aarch64-linux-gnu", "-ffreestanding", "-g", "-S"])
                        .args(["-emit-llvm", opt, &prefix_map])
                        .arg(p.file_name().unwrap())
                        .arg("-o")
                        .arg(&ll)
                        .status()
                        .expect("clang-14 must be installed (scripts/setup.sh)");
                    assert!(st.success(), "clang-14 failed on {}", p.display());
                    out.push((format!("{stem}{}", opt.replace('-', ".")), ll));
                }
            }
            _ => {}
        }
    }
    (tmp, out)
}

fn convert(path: &PathBuf) -> String {
    let m = ir2json::read_module(path).unwrap_or_else(|e| panic!("{e}"));
    ir2json::to_json(&m) + "\n"
}

#[test]
fn golden_outputs_match_and_are_deterministic() {
    let gold_dir = repo().join("testdata/ir2json/golden");
    std::fs::create_dir_all(&gold_dir).unwrap();
    let mut mismatches = Vec::new();
    let (_tmp, cases) = inputs();
    for (stem, path) in cases {
        let a = convert(&path);
        let b = convert(&path);
        assert!(a == b, "{stem}: output differs between two runs");
        let gold = gold_dir.join(format!("{stem}.json"));
        if let Err(e) = testkit::bless::check(&gold, &a, testkit::bless_command!()) {
            mismatches.push(format!("{stem}: {e}"));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

/// Collect the `op` tags of instructions/terminators, `kind`s of constants and `op`s of constant
/// expressions across JSON documents.
fn collect(v: &J, ops: &mut BTreeSet<String>, consts: &mut BTreeSet<String>, in_const: bool) {
    match v {
        J::Object(o) => {
            if let Some(J::String(op)) = o.get("op") {
                if in_const {
                    consts.insert(format!("expr:{op}"));
                } else {
                    ops.insert(op.clone());
                }
            }
            if in_const {
                if let Some(J::String(k)) = o.get("kind") {
                    consts.insert(k.clone());
                }
            }
            for (k, x) in o {
                let c = matches!(
                    k.as_str(),
                    "value"
                        | "initializer"
                        | "aliasee"
                        | "fields"
                        | "elems"
                        | "lhs"
                        | "rhs"
                        | "operand"
                        | "base"
                        | "indices"
                        | "cond"
                        | "on_true"
                        | "on_false"
                        | "vector"
                        | "index"
                        | "elem"
                        | "a"
                        | "b"
                        | "aggregate"
                        | "expr"
                        | "personality"
                        | "resolver"
                ) && (in_const
                    || matches!(
                        k.as_str(),
                        "value" | "initializer" | "aliasee" | "personality" | "resolver"
                    ));
                // A `Value::Const` nests its constant under "value"; locals have kind "local".
                let is_const_value = matches!(o.get("kind"), Some(J::String(s)) if s == "const");
                collect(x, ops, consts, c || (is_const_value && k == "value"));
            }
        }
        J::Array(a) => a.iter().for_each(|x| collect(x, ops, consts, in_const)),
        _ => {}
    }
}

#[test]
fn testdata_covers_every_instruction_and_constant_kind() {
    let mut ops = BTreeSet::new();
    let mut consts = BTreeSet::new();
    let (_tmp, cases) = inputs();
    for (_, path) in cases {
        let j: J = serde_json::from_str(&convert(&path)).unwrap();
        collect(&j, &mut ops, &mut consts, false);
    }
    let want_ops = [
        "binary",
        "fneg",
        "icmp",
        "fcmp",
        "cast",
        "alloca",
        "load",
        "store",
        "fence",
        "cmpxchg",
        "atomicrmw",
        "getelementptr",
        "select",
        "phi",
        "extractelement",
        "insertelement",
        "shufflevector",
        "extractvalue",
        "insertvalue",
        "call",
        "va_arg",
        "landingpad",
        "catchpad",
        "cleanuppad",
        "freeze",
        "ret",
        "br",
        "condbr",
        "switch",
        "indirectbr",
        "invoke",
        "callbr",
        "resume",
        "unreachable",
        "cleanupret",
        "catchret",
        "catchswitch",
    ];
    let missing: Vec<_> = want_ops.iter().filter(|o| !ops.contains(**o)).collect();
    assert!(
        missing.is_empty(),
        "instructions not covered: {missing:?} (have {ops:?})"
    );
    let want_consts = [
        "int",
        "float",
        "null",
        "zero",
        "struct",
        "array",
        "vector",
        "undef",
        "poison",
        "block_address",
        "global",
        "expr",
        "expr:binary",
        "expr:cast",
        "expr:getelementptr",
        "expr:icmp",
        "expr:select",
    ];
    let missing: Vec<_> = want_consts
        .iter()
        .filter(|o| !consts.contains(**o))
        .collect();
    assert!(
        missing.is_empty(),
        "constants not covered: {missing:?} (have {consts:?})"
    );
}
