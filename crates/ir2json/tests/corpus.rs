//! Every `.ll` under `../shared/corpus` and `../shared/sekvm/SeKVM.ll` converts with 0 errors, and the
//! model agrees with independent counts taken from the source text (`define`/`declare` lines, block
//! labels, inline-asm call sites, wrap flags).

mod common;

use common::shared;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Counts taken directly from a `.ll` file's text, independently of the reader.
#[derive(Debug, Default, PartialEq)]
struct TextCounts {
    defines: usize,
    declares: usize,
    blocks: usize,
    asm_calls: usize,
    wrap_flags: usize,
}

fn text_counts(src: &str) -> TextCounts {
    let mut c = TextCounts::default();
    let mut in_body = false;
    let mut first_line = false;
    for line in src.lines() {
        if line.starts_with("define ") {
            c.defines += 1;
            in_body = true;
            first_line = true;
            continue;
        }
        // Declarations of `llvm.dbg.*` intrinsics are omitted from the model (as are their calls).
        if line.starts_with("declare ") && !line.contains("@llvm.dbg.") {
            c.declares += 1;
        }
        if !in_body {
            continue;
        }
        if line.starts_with('}') {
            in_body = false;
            continue;
        }
        let t = line.trim();
        if t.is_empty() || t.starts_with(';') {
            continue;
        }
        let is_label =
            !line.starts_with(' ') && t.split(';').next().unwrap_or("").trim_end().ends_with(':');
        if is_label || first_line {
            // The entry block has no label when it is unnamed.
            c.blocks += 1;
        }
        first_line = false;
        if !is_label {
            if (t.contains("call ") || t.starts_with("callbr ") || t.contains("= callbr "))
                && t.contains(" asm ")
            {
                c.asm_calls += 1;
            }
            let words: Vec<&str> = t.split_whitespace().collect();
            let opcode_at = if words.get(1) == Some(&"=") { 2 } else { 0 };
            if let Some(op) = words.get(opcode_at) {
                if ["add", "sub", "mul", "shl", "udiv", "sdiv", "lshr", "ashr"].contains(op) {
                    c.wrap_flags += words[opcode_at + 1..]
                        .iter()
                        .take_while(|w| ["nsw", "nuw", "exact"].contains(w))
                        .count();
                }
            }
        }
    }
    c
}

fn model_counts(m: &ir2json::Module) -> TextCounts {
    let mut c = TextCounts {
        defines: m.functions.len(),
        declares: m.declarations.len(),
        blocks: m.block_count(),
        ..Default::default()
    };
    for f in &m.functions {
        for b in &f.blocks {
            for i in &b.instrs {
                match &i.op {
                    ir2json::Op::Call { call }
                        if matches!(call.callee, ir2json::Callee::Asm { .. }) =>
                    {
                        c.asm_calls += 1
                    }
                    ir2json::Op::Binary { flags, .. } => {
                        c.wrap_flags +=
                            flags.nsw as usize + flags.nuw as usize + flags.exact as usize
                    }
                    _ => {}
                }
            }
            if let ir2json::TermOp::CallBr { call, .. } = &b.term.op {
                if matches!(call.callee, ir2json::Callee::Asm { .. }) {
                    c.asm_calls += 1;
                }
            }
        }
    }
    c
}

fn check(path: &Path) -> Result<TextCounts, String> {
    let src = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let m = ir2json::read_module(path).map_err(|e| e.to_string())?;
    let (want, got) = (text_counts(&src), model_counts(&m));
    if want != got {
        return Err(format!(
            "{}: text {want:?} vs model {got:?}",
            path.display()
        ));
    }
    Ok(got)
}

fn corpus_files() -> Vec<PathBuf> {
    let dir = shared().join("corpus");
    ir2json::find_ir_files(&dir)
        .unwrap_or_else(|e| panic!("{} must exist (the shared inputs): {e}", dir.display()))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "ll"))
        .collect()
}

#[test]
fn whole_corpus_converts_with_zero_errors() {
    let files = corpus_files();
    assert!(
        files.len() > 100,
        "expected the shared corpus, found {} files",
        files.len()
    );
    let results: Vec<Result<TextCounts, String>> = files.par_iter().map(|p| check(p)).collect();
    let errors: Vec<&String> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    assert!(
        errors.is_empty(),
        "{} of {} failed:\n{}",
        errors.len(),
        files.len(),
        errors
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
    let defines: usize = results.iter().flatten().map(|c| c.defines).sum();
    assert!(defines > 1000, "suspiciously few functions: {defines}");
}

#[test]
fn sekvm_converts_with_expected_shape() {
    let path = shared().join("sekvm/SeKVM.ll");
    let c = check(&path).unwrap_or_else(|e| panic!("{e}"));
    // Figures documented for SeKVM.ll in the design notes.
    // 350 definitions and 25 declarations, 3 of which are `llvm.dbg.*` intrinsics (omitted).
    assert_eq!((c.defines, c.declares), (350, 22));
    assert_eq!(c.asm_calls, 124);
    let m = ir2json::read_module(&path).unwrap();
    assert_eq!(m.globals.len(), 75);
    assert_eq!(m.block_count(), 796);
    // Every inline asm kept its text.
    let mut templates = 0;
    for f in &m.functions {
        for b in &f.blocks {
            for i in &b.instrs {
                if let ir2json::Op::Call { call } = &i.op {
                    if let ir2json::Callee::Asm { asm } = &call.callee {
                        assert!(!asm.template.is_empty() || !asm.constraints.is_empty());
                        templates += 1;
                    }
                }
            }
        }
    }
    assert_eq!(templates, 124);
    let elr = m.functions.iter().flat_map(|f| &f.blocks).flat_map(|b| &b.instrs).any(|i| {
        matches!(&i.op, ir2json::Op::Call { call } if matches!(&call.callee,
            ir2json::Callee::Asm { asm } if asm.template == "mrs $0, elr_el2" && asm.constraints == "=r" && asm.side_effect))
    });
    assert!(elr, "the `mrs $0, elr_el2` asm must be kept verbatim");
    // `\\num` in the IR text is one backslash in the template (LLVM's string escapes).
    let macro_asm = m
        .functions
        .iter()
        .flat_map(|f| &f.blocks)
        .flat_map(|b| &b.instrs)
        .find_map(|i| match &i.op {
            ir2json::Op::Call { call } => match &call.callee {
                ir2json::Callee::Asm { asm } if asm.template.contains(".irp") => {
                    Some(asm.template.clone())
                }
                _ => None,
            },
            _ => None,
        });
    let t = macro_asm.expect("SeKVM has the mrs_s macro asm");
    assert!(t.contains(".equ\t.L__reg_num_x\\num, \\num\n"), "{t:?}");
    // Struct layouts come with debug-info member names.
    let named = m
        .types
        .iter()
        .filter_map(|t| t.body.as_ref())
        .filter_map(|b| b.layout.as_ref())
        .flat_map(|l| &l.fields)
        .filter(|f| f.debug_name.is_some())
        .count();
    assert!(named > 0);
}

#[test]
fn sekvm_bitcode_gives_the_same_model_as_text() {
    let ll = shared().join("sekvm/SeKVM.ll");
    let dir = common::scratch("sekvm-bc");
    let bc = dir.join("SeKVM.bc");
    testkit::tools::llvm_as(&ll, &bc)
        .unwrap_or_else(|e| panic!("{e} (scripts/setup.sh installs LLVM 14)"));
    let mut from_bc = ir2json::read_module(&bc).unwrap_or_else(|e| panic!("{e}"));
    let from_ll = ir2json::read_module(&ll).unwrap();
    from_bc.name = from_ll.name.clone();
    assert!(from_bc == from_ll, "bitcode and text readings differ");
}

/// LLVM's printer escaping (`\\` for a backslash, `\XX` for non-printables and `"`).
fn llvm_escape(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'\\' => out.push_str("\\\\"),
            b'"' => out.push_str("\\22"),
            0x20..=0x7e => out.push(b as char),
            _ => out.push_str(&format!("\\{b:02X}")),
        }
    }
    out
}

/// Every inline-asm template and constraint string of SeKVM, escaped back the way LLVM prints it,
/// equals the quoted text in the source, in order.
#[test]
fn sekvm_asm_strings_round_trip_to_the_source_text() {
    let path = shared().join("sekvm/SeKVM.ll");
    let src = std::fs::read_to_string(&path).unwrap();
    let mut raw = Vec::new();
    for line in src.lines().filter(|l| l.starts_with("  ")) {
        let Some(at) = line.find(" asm ") else {
            continue;
        };
        let rest = &line[at + 5..];
        let q: Vec<&str> = rest.splitn(5, '"').collect();
        if q.len() >= 4 && q[2] == ", " {
            raw.push((q[1].to_string(), q[3].to_string()));
        }
    }
    let m = ir2json::read_module(&path).unwrap();
    let mine: Vec<(String, String)> = m
        .functions
        .iter()
        .flat_map(|f| &f.blocks)
        .flat_map(|b| &b.instrs)
        .filter_map(|i| match &i.op {
            ir2json::Op::Call { call } => match &call.callee {
                ir2json::Callee::Asm { asm } => {
                    Some((llvm_escape(&asm.template), llvm_escape(&asm.constraints)))
                }
                _ => None,
            },
            _ => None,
        })
        .collect();
    assert_eq!(mine.len(), 124);
    assert_eq!(mine, raw);
}
