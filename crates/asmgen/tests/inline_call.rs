//! Instantiated inline asm runs in Coq through `call_asm` with the generated register lists.

use asmgen::emit::Part;
use asmgen::inline::{instantiate, AsmArg, AsmType, AsmValue, InlineAsmSite};

fn arg(ty: AsmType, v: AsmValue) -> AsmArg {
    AsmArg { ty, value: v }
}

#[test]
fn call_asm_computes_outputs() {
    if !testkit::tools::wanted(&["coqc"]) {
        return;
    }
    let v = |s: &str| AsmValue::Value(s.into());
    let sites = [
        // (site, inputs, expected outputs)
        (
            InlineAsmSite {
                template: "add $0, $1, $2\n\teor ${0:w}, ${0:w}, #1".into(),
                constraints: "=r,r,r".into(),
                side_effect: false,
                results: vec![AsmType::Int(64)],
                args: vec![
                    arg(AsmType::Int(64), v("%a")),
                    arg(AsmType::Int(64), v("%b")),
                ],
            },
            "[5; 7]",
            "[13]",
        ),
        (
            InlineAsmSite {
                template: "ror $0, $0, #4".into(),
                constraints: "=r,0".into(),
                side_effect: false,
                results: vec![AsmType::Int(64)],
                args: vec![arg(AsmType::Int(64), v("%x"))],
            },
            "[16]",
            "[1]",
        ),
        (
            InlineAsmSite {
                template: "str ${0:x}, [$1]\n\tldr $2, [$1]".into(),
                constraints: "rZ,r,=r".into(),
                side_effect: true,
                results: vec![AsmType::Int(64)],
                args: vec![
                    arg(AsmType::Int(64), AsmValue::Const(0)),
                    arg(AsmType::Ptr, v("%p")),
                ],
            },
            "[65536]",
            "[0]",
        ),
    ];
    let mut file = String::from(
        "From Coq Require Import ZArith String List.\n\
         From AutoV.AArch64 Require Import AsmSyntax AsmSemantics AsmByteMem.\n\
         Import ListNotations.\nOpen Scope Z_scope.\n\
         Definition env0 := mkenv 4096 (fun _ => 0) (fun _ a => a).\n\
         Definition s0 := init_state [] 0 0 [] (scratch 65536 64).\n",
    );
    for (k, (site, ins, outs)) in sites.iter().enumerate() {
        let p = instantiate(site).expect("instantiate");
        let name = |part| asmgen::emit::name(&p.name, part);
        let (code, in_regs, out_regs) = (name(Part::Code), name(Part::InRegs), name(Part::OutRegs));
        // Generated files put these in a section over M; here M is the byte memory.
        for s in asmgen::emit::inline_sentences(&p) {
            file.push_str(&s.render());
            file.push_str("\n\n");
        }
        file.push_str(&format!(
            "Example call{k} : option_map fst (call_asm env0 {code} 100 (combine {in_regs} {ins}) {out_regs} s0) = Some {outs}.\n\
             Proof. vm_compute. reflexivity. Qed.\n"
        ));
    }
    testkit::coq::PrivateLib::new(
        "call",
        "AArch64",
        &["AsmSyntax", "AsmSemantics", "AsmByteMem"],
    )
    .check("Call.v", &file);
}
