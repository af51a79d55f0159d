//! The Rust DataLayout implementation ([`ir2json::layout`]) agrees with LLVM: every named struct's
//! layout computed by LLVM when the module is read (size, alignment, field offsets) equals the one
//! the Rust code computes for the same fields as a literal struct, under several DataLayout strings,
//! and over the shared corpus when it is present.

mod common;

use ir2json::layout::Layout;
use ir2json::{Module, Type};

/// (structs checked) — panics on the first disagreement.
fn check(m: &Module, what: &str) -> usize {
    let lay = Layout::new(m);
    let mut n = 0;
    for t in &m.types {
        let Some(body) = &t.body else { continue };
        let Some(llvm) = &body.layout else { continue };
        let lit = Type::Struct {
            fields: body.fields.clone(),
            packed: body.packed,
        };
        let size = lay.alloc_size(&lit).unwrap();
        let align = lay.align(&lit).unwrap();
        let offs: Vec<u64> = (0..body.fields.len())
            .map(|i| lay.field_offset(&lit, i).unwrap())
            .collect();
        let llvm_offs: Vec<u64> = llvm.fields.iter().map(|f| f.offset).collect();
        assert_eq!(
            (size, align, &offs),
            (llvm.size, llvm.align, &llvm_offs),
            "{what}: %{} (Rust vs LLVM: size, align, offsets)",
            t.name
        );
        n += 1;
    }
    n
}

const BODY: &str = r#"
%a = type { i1, i16, i64, i8 }
%b = type { i8, double, i32 }
%c = type { x86_fp80, i8 }
%d = type { i8, <4 x i32>, i8 }
%e = type <{ i8, i64, i16 }>
%f = type { %a, [3 x i8], %e, i8* }
%g = type { i8, <3 x i16>, i128, float }
%h = type { i7, i33, i65, half, fp128 }
%i = type { [0 x i32], i8, %b, [2 x %c] }
%j = type { void (i32)*, i24, <2 x double> }
@ga = global %a zeroinitializer
@gb = global %b zeroinitializer
@gc = global %c zeroinitializer
@gd = global %d zeroinitializer
@ge = global %e zeroinitializer
@gf = global %f zeroinitializer
@gg = global %g zeroinitializer
@gh = global %h zeroinitializer
@gi = global %i zeroinitializer
@gj = global %j zeroinitializer
"#;

#[test]
fn rust_layout_agrees_with_llvm() {
    let layouts = [
        // x86_64, aarch64, i386, 32-bit ARM, and one with unusual integer/float/vector entries.
        "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128",
        "e-m:e-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128",
        "e-m:e-p:32:32-p270:32:32-p271:32:32-p272:64:64-f64:32:64-f80:32-n8:16:32-S128",
        "e-m:e-p:32:32-Fi8-i64:64-v128:64:128-a:0:32-n32-S64",
        "e-p:64:64-i16:32-i32:32-i64:32-f64:32-v64:32-v128:32-a:0:64",
    ];
    let mut n = 0;
    for dl in layouts {
        let text = format!("target datalayout = \"{dl}\"\n{BODY}");
        let m = ir2json::read_module_str(&text, "layout.ll").expect("test IR reads");
        n += check(&m, dl);
    }
    assert_eq!(n, 50);
}

#[test]
fn rust_layout_agrees_with_llvm_on_corpus() {
    let shared = common::shared();
    let mut files = vec![shared.join("sekvm/SeKVM.ll")];
    for d in ["corpus/memcached", "corpus/mbedtls/library"] {
        if let Ok(rd) = std::fs::read_dir(shared.join(d)) {
            let mut v: Vec<_> = rd
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == "ll"))
                .collect();
            v.sort();
            files.extend(v.into_iter().take(12));
        }
    }
    let mut n = 0;
    for f in files.iter().filter(|f| f.exists()) {
        let m = ir2json::read_module(f).expect("corpus reads");
        n += check(&m, &f.display().to_string());
    }
    eprintln!("layouts checked against LLVM: {n} named structs");
}
