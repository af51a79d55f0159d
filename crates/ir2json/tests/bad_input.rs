//! Bad input yields a typed error with a stable code (and line:col for text), never a panic.

mod common;

use common::{repo, scratch};
use std::path::{Path, PathBuf};

fn code_of(path: &Path) -> (String, String) {
    match ir2json::read_module(path) {
        Ok(_) => ("ok".into(), String::new()),
        Err(e) => (e.code().to_string(), e.to_string()),
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn malformed_text_has_code_and_position() {
    let d = scratch("malformed");
    let p = write(
        &d,
        "bad.ll",
        b"define i32 @f() {\n  %x = add i32 1,\n  ret i32 0\n}\n",
    );
    let e = ir2json::read_module(&p).unwrap_err();
    assert_eq!(e.code(), "E-IR004");
    assert_eq!(e.pos(), Some(ir2json::Pos { line: 3, col: 3 }));
    assert!(e.to_string().contains("bad.ll:3:3"), "{e}");
    // Undefined value: a semantic error is reported with its position too.
    let p = write(&d, "undef.ll", b"define i32 @f() {\n  ret i32 %nope\n}\n");
    let (c, m) = code_of(&p);
    assert_eq!(c, "E-IR004", "{m}");
    assert!(m.contains("undef.ll:2:"), "{m}");
}

#[test]
fn empty_and_whitespace_files() {
    let d = scratch("empty");
    assert_eq!(code_of(&write(&d, "empty.ll", b"")).0, "E-IR002");
    assert_eq!(code_of(&write(&d, "blank.ll", b" \n\n\t\n")).0, "E-IR002");
    assert_eq!(code_of(&write(&d, "empty.bc", b"")).0, "E-IR002");
}

#[test]
fn non_llvm_files() {
    let d = scratch("notllvm");
    assert_eq!(
        code_of(&write(
            &d,
            "bin.ll",
            &[0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0xff]
        ))
        .0,
        "E-IR003"
    );
    assert_eq!(
        code_of(&write(&d, "prose.ll", b"hello world\nthis is not IR\n")).0,
        "E-IR003"
    );
    assert_eq!(
        code_of(&write(&d, "latin1.ll", &[0xe9, 0xe8, b'\n'])).0,
        "E-IR003"
    );
}

#[test]
fn truncated_and_corrupt_bitcode() {
    let d = scratch("bitcode");
    let ll = repo().join("testdata/ir2json/all_instructions.ll");
    let bc = d.join("full.bc");
    testkit::tools::llvm_as(&ll, &bc)
        .unwrap_or_else(|e| panic!("{e} (scripts/setup.sh installs LLVM 14)"));
    // The intact bitcode reads, and gives the same module as the text.
    let from_bc = ir2json::read_module(&bc).unwrap_or_else(|e| panic!("{e}"));
    let from_ll = ir2json::read_module(&ll).unwrap();
    assert_eq!(from_bc.functions, from_ll.functions);
    assert_eq!(from_bc.globals, from_ll.globals);
    let bytes = std::fs::read(&bc).unwrap();
    for cut in [
        4usize,
        20,
        bytes.len() / 3,
        bytes.len() / 2,
        bytes.len() - 7,
    ] {
        let p = write(&d, &format!("cut{cut}.bc"), &bytes[..cut]);
        let (c, m) = code_of(&p);
        assert_eq!(c, "E-IR005", "cut at {cut}: {m}");
    }
    // Not tested: bytes flipped inside the bitcode (not truncated) can make LLVM 14's own bitcode
    // reader abort the process (llvm-dis-14 aborts on the same files); see docs/ir-json.md.
}

#[test]
fn opaque_pointer_ir_is_named_as_such() {
    let d = scratch("opaque");
    let p = write(
        &d,
        "llvm15.ll",
        b"; produced by clang-15\ndefine i32 @f(ptr %p) {\n  %v = load i32, ptr %p, align 4\n  ret i32 %v\n}\n",
    );
    let e = ir2json::read_module(&p).unwrap_err();
    assert_eq!(e.code(), "E-IR006");
    assert_eq!(e.pos(), Some(ir2json::Pos { line: 2, col: 15 }));
    let msg = e.to_string();
    assert!(
        msg.contains("LLVM 14 typed-pointer") && msg.contains("LLVM 15+"),
        "{msg}"
    );
    // `ptr` inside names, strings and comments is not mistaken for the opaque type.
    let ok = write(
        &d,
        "names.ll",
        b"@ptr = global i32 0 ; ptr\n%ptr.t = type { i32* }\ndefine i32* @g(%ptr.t* %p) {\nptr:\n  ret i32* @ptr\n}\n@s = constant [4 x i8] c\"ptr\\00\"\n",
    );
    assert_eq!(code_of(&ok).0, "ok", "{}", code_of(&ok).1);
}

#[test]
fn unreadable_paths() {
    let d = scratch("unreadable");
    let (c, m) = code_of(&d.join("does-not-exist.ll"));
    assert_eq!(c, "E-IR001");
    assert!(m.contains("does-not-exist.ll"), "{m}");
    // A directory is not a readable module.
    assert_eq!(code_of(&d).0, "E-IR001");
}

#[test]
fn errors_from_strings_name_the_source() {
    let e = ir2json::read_module_str("define void @f() {\n  ret i32\n}\n", "mem.ll").unwrap_err();
    assert_eq!(e.code(), "E-IR004");
    assert!(e.to_string().starts_with("E-IR004 mem.ll:3:1: "), "{e}");
}

#[test]
fn invalid_module_without_debug_info_is_e_ir007() {
    let d = scratch("invalid");
    // Parses, but %x does not dominate its use.
    let p = write(
        &d,
        "dom.ll",
        b"define i32 @f(i1 %t) {\n  br i1 %t, label %c, label %b\nc:\n  ret i32 %x\nb:\n  %x = add i32 1, 2\n  br label %c\n}\n",
    );
    let (c, m) = code_of(&p);
    assert_eq!(c, "E-IR007", "{m}");
    assert!(m.contains("dom.ll") && m.contains("dominate"), "{m}");
}

/// Every one-line deletion and every adjacent-line swap of the hand-written module either converts or
/// fails with a coded error — no panic escapes, no abort.
#[test]
fn line_mutations_never_crash() {
    let src = std::fs::read_to_string(repo().join("testdata/ir2json/all_instructions.ll")).unwrap();
    let lines: Vec<&str> = src.lines().collect();
    let mut codes = std::collections::BTreeMap::<String, usize>::new();
    let mut run = |text: String| {
        let code = match ir2json::read_module_str(&text, "mutant.ll") {
            Ok(_) => "ok".to_string(),
            Err(e) => e.code().to_string(),
        };
        *codes.entry(code).or_default() += 1;
    };
    for i in 0..lines.len() {
        let mut v = lines.clone();
        v.remove(i);
        run(v.join("\n"));
        if i + 1 < lines.len() {
            let mut v = lines.clone();
            v.swap(i, i + 1);
            run(v.join("\n"));
        }
    }
    eprintln!("mutation outcomes: {codes:?}");
    assert!(codes.get("E-IR004").copied().unwrap_or(0) > 10, "{codes:?}");
    assert!(
        !codes.contains_key("E-IR008"),
        "llvm-ir failed where LLVM accepted: {codes:?}"
    );
}

/// LLVM 14's parser would abort the process on an invalid module that carries debug info; ir2json
/// parses with the debug-info version neutralised and reports E-IR007 instead.
#[test]
fn invalid_module_with_debug_info_is_e_ir007_not_an_abort() {
    let d = scratch("invalid-dbg");
    let text = "define i32 @f() !dbg !4 {\n  ret i32 %x, !dbg !7\nb:\n  %x = add i32 1, 2, !dbg !7\n  ret i32 %x\n}\n\
        !llvm.module.flags = !{!0}\n!llvm.dbg.cu = !{!1}\n!0 = !{i32 2, !\"Debug Info Version\", i32 3}\n\
        !1 = distinct !DICompileUnit(language: DW_LANG_C99, file: !2, emissionKind: FullDebug)\n\
        !2 = !DIFile(filename: \"a.c\", directory: \"/\")\n!3 = !DISubroutineType(types: !{})\n\
        !4 = distinct !DISubprogram(name: \"f\", scope: !2, file: !2, line: 1, type: !3, unit: !1, spFlags: DISPFlagDefinition)\n\
        !7 = !DILocation(line: 2, scope: !4)\n";
    let p = write(&d, "inv.ll", text.as_bytes());
    let (c, m) = code_of(&p);
    assert_eq!(c, "E-IR007", "{m}");
    assert!(m.contains("dominate"), "{m}");
    // The same module made valid converts, with its debug location.
    let fixed = text.replace(
        "  ret i32 %x, !dbg !7\nb:\n",
        "  br label %b, !dbg !7\nb:\n",
    );
    let m = ir2json::read_module_str(&fixed, "fixed.ll").unwrap_or_else(|e| panic!("{e}"));
    let loc = m.functions[0].blocks[0].term.debug_loc.clone().unwrap();
    assert_eq!((loc.line, loc.file.as_str()), (2, "a.c"));
}

/// LLVM 14's reader segfaults upgrading `llvm.lifetime.end` declared with one parameter (fuzzing,
/// issue 15): the declaration is named in an E-IR004 and the process lives on.
#[test]
fn intrinsic_declared_with_too_few_parameters_is_e_ir004_not_a_crash() {
    let text = "define void @f() {\n  ret void\n}\n\ndeclare void @llvm.lifetime.end.p0i8(i64 nocapture) #1\n";
    let e = ir2json::read_module_str(text, "mem.ll").unwrap_err();
    assert_eq!(e.code(), "E-IR004");
    let m = e.to_string();
    assert!(m.starts_with("E-IR004 mem.ll:5:1: "), "{m}");
    assert!(m.contains("@llvm.lifetime.end.p0i8(i64 nocapture)`"), "{m}");
}

/// Fuzzing (issue 15): inputs LLVM 14 reads, or crashes on, that autov must reject with a coded,
/// located error before LLVM or llvm-ir see them.
#[test]
fn names_llvm_or_llvm_ir_cannot_handle_are_coded_errors() {
    let f = "define void @f(i32* %p) {\n  store i32 0, i32* %p, align 4, !\\C3\\A9 !0\n  ret void\n}\n!0 = !{}\n";
    // A metadata name starting with a non-ASCII byte: LLVM 14's printer segfaults.
    let m = ir2json::read_module_str(f, "md.ll")
        .unwrap_err()
        .to_string();
    assert!(m.starts_with("E-IR004 md.ll:2:34: "), "{m}");
    assert!(m.contains("`!\\C3\\A9`"), "{m}");
    // ... and after the first byte any bytes are fine.
    ir2json::read_module_str(&f.replace("!\\C3\\A9", "!x\\C3\\A9"), "md.ll").unwrap();
    // A name that is not UTF-8: llvm-ir would panic (once E-IR008).
    let e = ir2json::read_module_str("@\"a\\FF\" = global i8 0\n", "n.ll").unwrap_err();
    assert_eq!(
        (e.code(), e.pos()),
        ("E-IR010", Some(ir2json::Pos { line: 1, col: 2 }))
    );
    assert!(e.to_string().contains("global name is not UTF-8"), "{e}");
    ir2json::read_module_str(
        "@\"caf\\C3\\A9\" = global i8 0\n@s = constant [1 x i8] c\"\\FF\"\n",
        "u.ll",
    )
    .unwrap();
    // An inline asm constraint LLVM's parser reads past the end of (a C++ exception or a segfault).
    let a = "define i32 @f() {\n  %r = call i32 asm \"\", \"=r,@\"()\n  ret i32 %r\n}\n";
    let m = ir2json::read_module_str(a, "asm.ll")
        .unwrap_err()
        .to_string();
    assert!(
        m.starts_with(
            "E-IR004 asm.ll:2:25: malformed LLVM IR: inline asm constraint string \"=r,@\""
        ),
        "{m}"
    );
}

/// A module with `callbr` whose string attribute holds a line break: LLVM 14 prints it unescaped,
/// so the lowered copy that llvm-ir reads goes through bitcode, not text (fuzzing, issue 15).
#[test]
fn callbr_module_with_unprintable_attribute_reads() {
    let module = |attr: &str| {
        format!(
            "define i32 @f(i32 %x) #0 {{\nentry:\n  callbr void asm sideeffect \"cbz $0, ${{1:l}}\", \
             \"r,i\"(i32 %x, i8* blockaddress(@f, %err))\n          to label %ok [label %err]\n\
             ok:\n  ret i32 0\nerr:\n  ret i32 1\n}}\n\nattributes #0 = {{ {attr} }}\n"
        )
    };
    let plain =
        ir2json::read_module_str(&module("nounwind"), "cb.ll").unwrap_or_else(|e| panic!("{e}"));
    let odd = ir2json::read_module_str(&module("\"a\nb\"=\"c\""), "cb.ll")
        .unwrap_or_else(|e| panic!("{e}"));
    let callbrs = |m: &ir2json::model::Module| ir2json::to_json(m).matches("\"callbr\"").count();
    assert_eq!((callbrs(&plain), callbrs(&odd)), (1, 1));
}
