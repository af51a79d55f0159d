//! Instantiated inline asm runs in Coq through `call_asm` with the generated register lists.

use asmgen::inline::{instantiate, AsmArg, AsmType, AsmValue, InlineAsmSite};
use std::process::Command;

fn arg(ty: AsmType, v: AsmValue) -> AsmArg {
    AsmArg { ty, value: v }
}

#[test]
fn call_asm_computes_outputs() {
    if Command::new("coqc").arg("--version").output().is_err() {
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
        let n = asmgen::emit::mangle(&p.name);
        let mut sents = vec![];
        sents.extend(asmgen::emit::inline_sentences(&p));
        // Generated files put these in a section over M; here M is the byte memory.
        file.push_str(&asmgen::coq::render_file(&sents, 100));
        file.push_str(&format!(
            "\nExample call{k} : option_map fst (call_asm env0 {n}_code 100 (combine {n}_in_regs {ins}) {n}_out_regs s0) = Some {outs}.\n\
             Proof. vm_compute. reflexivity. Qed.\n"
        ));
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let work = std::env::temp_dir().join(format!("asmgen-call-{}", std::process::id()));
    let lib = work.join("lib/AArch64");
    std::fs::create_dir_all(&lib).expect("dir");
    for f in ["AsmSyntax", "AsmSemantics", "AsmByteMem", "Call"] {
        let dst = if f == "Call" {
            let d = work.join("Call.v");
            std::fs::write(&d, &file).expect("write");
            d
        } else {
            let d = lib.join(format!("{f}.v"));
            std::fs::copy(root.join("coq-lib/AArch64").join(format!("{f}.v")), &d).expect("copy");
            d
        };
        let o = Command::new("coqc")
            .arg("-R")
            .arg(work.join("lib"))
            .arg("AutoV")
            .arg(&dst)
            .output()
            .expect("coqc");
        assert!(
            o.status.success(),
            "{f}: {}{}\n{file}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
    }
    let _ = std::fs::remove_dir_all(&work);
}
