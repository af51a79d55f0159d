//! Constructs of real-world C that must convert (issue 15): each `testdata/ir2coq/constructs/*.c`
//! is compiled by clang-14 at test time (target and flags below), read by ir2json, converted by
//! ir2coq, and — when coqc and a built coq-lib are there — every emitted file is compiled.
//! Each case asserts that the IR really has the construct, so a clang change cannot make the test
//! pass vacuously.

use ir2json::{Callee, Module, Op, TermOp, Value};
use std::path::{Path, PathBuf};

/// Compile `constructs/<name>.c` to IR with the flags, read it.
fn compile(name: &str, flags: &[&str]) -> (Module, String, PathBuf) {
    let src = testkit::root().join(format!("testdata/ir2coq/constructs/{name}.c"));
    let dir = testkit::root().join(format!("target/ir2coq-constructs/{name}"));
    std::fs::create_dir_all(&dir).unwrap();
    let ll = dir.join(format!("{name}.ll"));
    let flags: Vec<&str> = flags.iter().copied().chain(["-w"]).collect();
    testkit::tools::clang_emit_llvm(&flags, &src, &ll).unwrap_or_else(|e| panic!("{name}.c: {e}"));
    let text = std::fs::read_to_string(&ll).unwrap();
    let m = ir2json::read_module(&ll).unwrap_or_else(|e| panic!("{name}: {e}"));
    (m, text, dir)
}

fn convert(m: &Module, name: &str) -> ir2coq::ModuleOutput {
    ir2coq::convert_module(
        m,
        &ir2coq::Options {
            prefix: format!("C_{name}"),
            source: format!("{name}.ll"),
        },
    )
}

/// Write the module and compile every emitted file in dependency order.
fn coq_check(out: &ir2coq::ModuleOutput, dir: &Path, name: &str) {
    let Some(lib) = testkit::coq::built() else {
        eprintln!("constructs: coqc or coq-lib missing, {name} not compiled");
        return;
    };
    let d = dir.join("coq");
    out.write(&d).unwrap();
    let mut order = vec!["Types.v".to_string(), "Globals.v".to_string()];
    order.extend(out.modules.iter().map(|(_, m)| format!("{m}.v")));
    order.push("Code.v".into());
    let coqc = testkit::coq::Coqc::new(&lib)
        .quiet()
        .map(".", &format!("C_{name}"))
        .in_dir(&d);
    for f in &order {
        if let Err(e) = coqc.run(f) {
            panic!("{name}: {e}");
        }
    }
}

fn file<'a>(out: &'a ir2coq::ModuleOutput, path: &str) -> &'a str {
    out.files
        .iter()
        .find(|(p, _)| p == path)
        .map(|(_, c)| c.as_str())
        .unwrap_or_else(|| panic!("no {path}"))
}

fn all_converted(out: &ir2coq::ModuleOutput, name: &str) {
    let failed: Vec<String> = out.failed().map(|e| e.to_string()).collect();
    assert!(failed.is_empty(), "{name}: {failed:?}");
    assert!(
        out.global_errors.is_empty(),
        "{name}: {:?}",
        out.global_errors
    );
}

const AARCH64: &[&str] = &["--target=aarch64-linux-gnu", "-O1"];

#[test]
fn named_register_intrinsics() {
    let (m, text, dir) = compile("named_regs", AARCH64);
    for i in [
        "@llvm.read_register.i64(metadata",
        "@llvm.write_register.i64(metadata",
        "@llvm.read_volatile_register.i64(metadata",
    ] {
        assert!(text.contains(i), "clang-14 no longer emits {i}");
    }
    // ir2json keeps the register name of the metadata operand.
    let sp = m.function("sp_now").unwrap();
    let call = sp.blocks[0]
        .instrs
        .iter()
        .find_map(|i| match &i.op {
            Op::Call { call } => Some(call),
            _ => None,
        })
        .unwrap();
    match &call.args[0].value {
        Value::Metadata { md: Some(md) } => assert_eq!(md.strings, ["sp"]),
        v => panic!("metadata operand lost: {v:?}"),
    }
    let out = convert(&m, "named_regs");
    all_converted(&out, "named_regs");
    assert_eq!(out.converted(), 4);
    let g = file(&out, "Globals.v");
    for id in ["g_'rdreg_sp", "g_'rdreg_tpidr_el2", "g_'wrreg_tpidr_el2"] {
        assert_eq!(
            g.matches(&format!("Definition {id} ")).count(),
            1,
            "{id} defined once in Globals.v:\n{g}"
        );
    }
    assert!(file(&out, "F_sp_now.v").contains("Fintrinsic g_'rdreg_sp"));
    let w = file(&out, "F_write_tpidr.v");
    assert!(
        w.contains("Fintrinsic g_'wrreg_tpidr_el2") && w.contains("[Evar _0]"),
        "{w}"
    );
    coq_check(&out, &dir, "named_regs");
}

#[test]
fn vector_geps() {
    let (m, text, dir) = compile(
        "vector_gep",
        &["--target=x86_64-linux-gnu", "-O3", "-mavx2"],
    );
    let vgeps = text
        .lines()
        .filter(|l| l.contains("= getelementptr") && l.contains(" x i64> %"))
        .count();
    assert!(vgeps >= 2, "clang-14 no longer emits vector GEPs:\n{text}");
    let out = convert(&m, "vector_gep");
    all_converted(&out, "vector_gep");
    assert_eq!(out.converted(), 3);
    let g = file(&out, "F_fields.v");
    assert!(
        g.contains("Einsertelement") && g.contains("Eextractelement") && g.contains("Eptradd_inb"),
        "lane-wise GEP expected"
    );
    coq_check(&out, &dir, "vector_gep");
}

#[test]
fn scalable_vectors_fail_alone_with_their_code() {
    let (m, text, dir) = compile(
        "scalable",
        &[
            "--target=aarch64-linux-gnu",
            "-march=armv8-a+sve",
            "-ffreestanding",
            "-O1",
        ],
    );
    assert!(text.contains("<vscale x 4 x i32>"));
    let out = convert(&m, "scalable");
    let failed: Vec<_> = out.failed().collect();
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert_eq!(failed[0].function, "add_sve");
    assert_eq!(failed[0].code.as_str(), "E-I2C007");
    assert!(failed[0].to_string().contains("@add_sve"), "{}", failed[0]);
    assert!(out
        .functions
        .iter()
        .filter(|f| f.name != "add_sve")
        .all(|f| f.result.is_ok()));
    assert_eq!(out.converted(), 2);
    coq_check(&out, &dir, "scalable");
}

#[test]
fn asm_goto_reads_and_maps() {
    let (m, text, dir) = compile("asm_goto", AARCH64);
    assert!(text.matches("callbr ").count() >= 3, "{text}");
    let callbrs: Vec<(&str, &TermOp)> = m
        .functions
        .iter()
        .flat_map(|f| {
            f.blocks
                .iter()
                .map(move |b| (f.sig.name.as_str(), &b.term.op))
        })
        .filter(|(_, t)| matches!(t, TermOp::CallBr { .. }))
        .collect();
    assert_eq!(callbrs.len(), 3, "{callbrs:?}");
    for (f, t) in &callbrs {
        let TermOp::CallBr {
            call,
            default,
            indirect,
        } = t
        else {
            unreachable!()
        };
        assert!(matches!(call.callee, Callee::Asm { .. }), "{f}");
        let want = if *f == "two_labels" { 2 } else { 1 };
        assert_eq!(indirect.len(), want, "{f}: {t:?}");
        assert!(
            !indirect.contains(default),
            "{f}: default among indirect: {t:?}"
        );
    }
    // The printed IR agrees on every destination (LLVM prints them on a continuation line).
    let joined = text.replace("\n          to label", " to label");
    for l in joined.lines().filter(|l| l.contains("callbr ")) {
        let after = l.split(" to label ").nth(1).unwrap();
        let default = after.split(' ').next().unwrap();
        assert!(
            callbrs
                .iter()
                .any(|(_, t)| matches!(t, TermOp::CallBr { default: d, .. }
                if d.to_string() == default)),
            "{l}"
        );
    }
    let out = convert(&m, "asm_goto");
    all_converted(&out, "asm_goto");
    assert_eq!(out.converted(), 4);
    let two = file(&out, "F_two_labels.v");
    assert!(two.contains("Fasm") && two.contains("Sswitch"), "{two}");
    coq_check(&out, &dir, "asm_goto");
}

#[test]
fn marker_and_metadata_intrinsics() {
    let (m, text, dir) = compile(
        "md_intrinsics",
        &["--target=aarch64-linux-gnu", "-O1", "-g"],
    );
    for i in [
        "@llvm.var.annotation(",
        "@llvm.ptr.annotation.p0i8(",
        "@llvm.assume(i1 true) [ \"align\"",
        "@llvm.experimental.noalias.scope.decl(metadata",
        "@llvm.dbg.label(metadata",
    ] {
        assert!(text.contains(i), "clang-14 no longer emits {i}");
    }
    let out = convert(&m, "md_intrinsics");
    all_converted(&out, "md_intrinsics");
    let g = file(&out, "Globals.v");
    // Dropped markers and identities leave no primitive call behind.
    for f in &out.files {
        if f.0.starts_with("F_") {
            assert!(!f.1.contains("g_llvm'_var'_annotation"), "{}", f.0);
            assert!(!f.1.contains("g_llvm'_ptr'_annotation"), "{}", f.0);
            assert!(!f.1.contains("g_llvm'_expect"), "{}", f.0);
        }
    }
    assert!(g.contains("g_llvm'_assume"));
    coq_check(&out, &dir, "md_intrinsics");
}

#[test]
fn constrained_floating_point() {
    let (m, text, dir) = compile(
        "strict_fp",
        &[
            "--target=x86_64-linux-gnu",
            "-O1",
            "-ffp-exception-behavior=strict",
        ],
    );
    assert!(text.contains("@llvm.experimental.constrained.fadd.f64(double"));
    let out = convert(&m, "strict_fp");
    all_converted(&out, "strict_fp");
    let add = file(&out, "F_strict_add.v");
    assert!(
        add.contains(
            "g_'md_llvm'_experimental'_constrained'_fadd'_f64'zround'_tonearest'zfpexcept'_strict"
        ),
        "{add}"
    );
    // Only the value operands remain as arguments.
    assert!(add.contains("[Evar _0; Evar _1]"), "{add}");
    coq_check(&out, &dir, "strict_fp");
}

#[test]
fn metadata_operand_without_strings_is_a_coded_error() {
    // A metadata intrinsic whose operand holds no string cannot be keyed: E-I2C008, other
    // functions convert.
    let ll = r#"
target datalayout = "e-m:e-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128"
target triple = "aarch64-unknown-linux-gnu"
declare i1 @llvm.type.test(i8*, metadata)
define i1 @t(i8* %p) {
  %r = call i1 @llvm.type.test(i8* %p, metadata !0)
  ret i1 %r
}
define i32 @ok(i32 %x) {
  ret i32 %x
}
!0 = !{i64 0}
"#;
    let m = ir2json::read_module_str(ll, "md.ll").unwrap();
    let out = convert(&m, "md");
    let failed: Vec<_> = out.failed().collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].code.as_str(), "E-I2C008");
    assert_eq!(failed[0].function, "t");
    assert_eq!(out.converted(), 1);
}
