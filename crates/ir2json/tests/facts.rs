//! Spot checks of specific facts through the typed API (not the JSON snapshot): exact integers, float
//! bits, flags, inline asm, callbr targets, block addresses, layouts, debug names and locations.

mod common;

use common::{repo, scratch};
use ir2json::*;

fn module() -> Module {
    read_module(repo().join("testdata/ir2json/all_instructions.ll"))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn global<'m>(m: &'m Module, n: &str) -> &'m Global {
    m.globals
        .iter()
        .find(|g| g.name == n)
        .unwrap_or_else(|| panic!("@{n}"))
}

fn int(c: &Constant) -> (u32, &str, &str) {
    match c {
        Constant::Int {
            bits,
            value,
            signed,
        } => (*bits, value.as_str(), signed.as_str()),
        other => panic!("not an int: {other:?}"),
    }
}

fn instrs<'m>(m: &'m Module, f: &str) -> Vec<&'m Instruction> {
    m.function(f)
        .unwrap()
        .blocks
        .iter()
        .flat_map(|b| &b.instrs)
        .collect()
}

#[test]
fn integers_are_exact() {
    let m = module();
    let init = |n| global(&m, n).initializer.clone().unwrap();
    assert_eq!(int(&init("g_int")), (32, "4294967295", "-1"));
    let min = "170141183460469231731687303715884105728";
    assert_eq!(int(&init("g_i128")), (128, min, &*format!("-{min}")));
    assert_eq!(
        int(&init("g_big")),
        (128, "18446744073709551617", "18446744073709551617")
    );
    // i128 literal operand: 2^128-1 and an implicit-typed shift amount.
    let ops: Vec<_> = instrs(&m, "arith")
        .into_iter()
        .filter_map(|i| match &i.op {
            Op::Binary {
                rhs: Value::Const { value },
                ..
            } => Some(value.clone()),
            _ => None,
        })
        .collect();
    assert!(ops.contains(&Constant::Int {
        bits: 128,
        value: "340282366920938463463374607431768211455".into(),
        signed: "-1".into()
    }));
}

#[test]
fn constant_expression_flags() {
    let m = module();
    let Some(Constant::Expr { expr }) = global(&m, "g_expr2").initializer.clone() else {
        panic!("constant expression expected")
    };
    let ConstExpr::Binary {
        bop: BinOp::Sub,
        flags,
        rhs,
        ..
    } = *expr
    else {
        panic!("sub expected")
    };
    assert!(flags.nuw && !flags.nsw);
    let Constant::Expr { expr } = rhs else {
        panic!("mul expected")
    };
    let ConstExpr::Binary {
        bop: BinOp::Mul,
        flags,
        ..
    } = *expr
    else {
        panic!("mul expected")
    };
    assert!(flags.nsw && !flags.nuw);
}

#[test]
fn floats_are_bit_exact() {
    let m = module();
    let bits = |n| match global(&m, n).initializer.clone().unwrap() {
        Constant::Float { bits, .. } => bits.unwrap(),
        other => panic!("{other:?}"),
    };
    assert_eq!(bits("g_double"), "0x7ff8000000000001");
    assert_eq!(bits("g_float"), "0x80000000");
    assert_eq!(bits("g_half"), "0x3c00");
    assert_eq!(bits("g_bf"), "0x3f80");
    assert_eq!(bits("g_fp128"), "0x3fff0000000000000000000000000000");
    assert_eq!(bits("g_x86"), "0x3fff8000000000000000");
}

#[test]
fn flags_and_tail_kinds() {
    let m = module();
    let flags: Vec<(BinOp, ArithFlags)> = instrs(&m, "arith")
        .into_iter()
        .filter_map(|i| match &i.op {
            Op::Binary { bop, flags, .. } => Some((*bop, flags.clone())),
            _ => None,
        })
        .collect();
    let f = |nsw, nuw, exact| ArithFlags {
        nsw,
        nuw,
        exact,
        fast_math: vec![],
    };
    assert_eq!(flags[0], (BinOp::Add, f(true, false, false)));
    assert_eq!(flags[1], (BinOp::Sub, f(false, true, false)));
    assert_eq!(flags[2], (BinOp::Mul, f(true, true, false)));
    assert_eq!(flags[3], (BinOp::UDiv, f(false, false, true)));
    assert_eq!(flags[8], (BinOp::LShr, f(false, false, true)));
    assert_eq!(flags[9], (BinOp::AShr, f(false, false, false)));
    let fl = instrs(&m, "floats");
    match &fl[0].op {
        Op::Binary {
            bop: BinOp::FAdd,
            flags,
            ..
        } => assert_eq!(flags.fast_math.len(), 7),
        other => panic!("{other:?}"),
    }
    match &fl[1].op {
        Op::Binary { flags, .. } => assert_eq!(flags.fast_math, vec!["nnan", "ninf"]),
        other => panic!("{other:?}"),
    }
    let tails: Vec<TailKind> = ["control", "leaf"]
        .iter()
        .flat_map(|f| instrs(&m, f))
        .filter_map(|i| match &i.op {
            Op::Call { call } => Some(call.tail),
            _ => None,
        })
        .collect();
    assert_eq!(
        tails,
        vec![TailKind::Tail, TailKind::NoTail, TailKind::MustTail]
    );
}

#[test]
fn inline_asm_and_callbr() {
    let m = module();
    let f = m.function("asm_calls").unwrap();
    let asms: Vec<&InlineAsm> = f.blocks[0]
        .instrs
        .iter()
        .filter_map(|i| match &i.op {
            Op::Call {
                call:
                    Call {
                        callee: Callee::Asm { asm },
                        ..
                    },
            } => Some(asm),
            _ => None,
        })
        .collect();
    assert_eq!(asms.len(), 3);
    assert_eq!(asms[0].template, "add $0, $1, #1\n\t// \"quoted\"");
    assert_eq!(asms[0].constraints, "=r,r,~{memory}");
    assert!(asms[0].side_effect && asms[0].align_stack);
    assert_eq!(asms[1].constraints, "=&r,=r,r");
    assert!(!asms[1].side_effect);
    assert!(matches!(&asms[1].ret_ty, Type::Struct { fields, .. } if fields.len() == 2));
    assert_eq!(asms[2].dialect, AsmDialect::Intel);
    match &f.blocks[0].term.op {
        TermOp::CallBr {
            call,
            default,
            indirect,
        } => {
            assert_eq!(default, &Name::Named("ok".into()));
            assert_eq!(indirect, &vec![Name::Named("err".into())]);
            let Callee::Asm { asm } = &call.callee else {
                panic!("asm callee")
            };
            assert_eq!(asm.template, "cbz $0, ${1:l}");
            assert_eq!(
                call.args[1].value,
                Value::Const {
                    value: Constant::BlockAddress {
                        function: "asm_calls".into(),
                        block: Name::Named("err".into())
                    }
                }
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn layouts_from_datalayout() {
    let m = module();
    let layout = |n: &str| {
        m.named_struct(n)
            .unwrap()
            .body
            .as_ref()
            .unwrap()
            .layout
            .clone()
            .unwrap()
    };
    let pair = layout("struct.pair");
    assert_eq!((pair.size, pair.align, pair.tail_padding), (16, 8, 0));
    assert_eq!(
        pair.fields
            .iter()
            .map(|f| (f.offset, f.padding_before))
            .collect::<Vec<_>>(),
        vec![(0, 0), (8, 4)]
    );
    let packed = layout("struct.packed");
    assert_eq!((packed.size, packed.align), (5, 1));
    assert_eq!(packed.fields[1].offset, 1);
    let nested = layout("struct.nested");
    assert_eq!(
        nested.fields.iter().map(|f| f.offset).collect::<Vec<_>>(),
        vec![0, 16, 32]
    );
    assert_eq!(nested.size, 48);
    assert!(m.named_struct("struct.opaque").unwrap().body.is_none());
}

#[test]
fn debug_names_and_locations_from_c() {
    let d = scratch("facts");
    let src = repo().join("testdata/ir2json/kernel_like.c");
    let ll = d.join("k.ll");
    let st = std::process::Command::new("clang-14")
        .args([
            "--target=aarch64-linux-gnu",
            "-ffreestanding",
            "-O0",
            "-g",
            "-S",
            "-emit-llvm",
        ])
        .arg(&src)
        .arg("-o")
        .arg(&ll)
        .status()
        .unwrap();
    assert!(st.success());
    let m = read_module(&ll).unwrap();
    let vcpu = m.named_struct("struct.vcpu").unwrap().body.clone().unwrap();
    assert_eq!(vcpu.debug_name.as_deref(), Some("vcpu"));
    let l = vcpu.layout.unwrap();
    let names: Vec<Option<&str>> = l.fields.iter().map(|f| f.debug_name.as_deref()).collect();
    assert_eq!(names, vec![Some("state"), Some("regs"), None, Some("tail")]);
    assert_eq!(l.fields[1].padding_before, 7);
    // `u32 flags : 3; u32 mode : 5;` share the i8 storage unit at offset 40.
    let bf: Vec<(&str, u64, u64)> = l.fields[2]
        .bitfields
        .iter()
        .map(|b| (b.name.as_str(), b.bit_offset, b.bits))
        .collect();
    assert_eq!(bf, vec![("flags", 0, 3), ("mode", 3, 5)]);
    let region = m
        .named_struct("struct.region_t")
        .unwrap()
        .body
        .clone()
        .unwrap();
    assert_eq!(
        region.layout.unwrap().fields[1].debug_name.as_deref(),
        Some("size")
    );
    // Debug locations point into the C source.
    let f = m.function("classify").unwrap();
    let loc = f
        .blocks
        .iter()
        .flat_map(|b| &b.instrs)
        .find_map(|i| i.debug_loc.clone())
        .unwrap();
    assert!(loc.file.ends_with("kernel_like.c"), "{loc:?}");
    assert!((70..80).contains(&loc.line), "{loc:?}");
    // The asm with a system register is kept.
    let asm = m
        .functions
        .iter()
        .flat_map(|f| &f.blocks)
        .flat_map(|b| &b.instrs)
        .find_map(|i| match &i.op {
            Op::Call {
                call:
                    Call {
                        callee: Callee::Asm { asm },
                        ..
                    },
            } => Some(asm.clone()),
            _ => None,
        });
    assert_eq!(asm.unwrap().template, "mrs $0, elr_el2");
}
