//! Coq-side tests for system instructions that trap at EL0 (see testdata/asm/el2/README.md): the
//! semantics records the expected events and register values, checked by `vm_compute` in one coqc run.

#[test]
fn el2_snippets_record_events() {
    if !testkit::tools::wanted(&["coqc"]) {
        return;
    }
    let dir = testkit::root().join("testdata/asm/el2");
    let files = testkit::files_with_ext(&dir, "S");
    assert!(files.len() >= 8);
    let regs: Vec<String> = (0..31)
        .map(|i| match i {
            19 => "65536".to_string(),
            20 => "65792".to_string(),
            30 => "0".to_string(),
            _ => i.to_string(),
        })
        .collect();
    let mut v = String::from(
        "From Coq Require Import ZArith String List.\n\
         From AutoV.AArch64 Require Import AsmSyntax AsmSemantics AsmByteMem.\n\
         Import ListNotations.\nOpen Scope Z_scope.\nOpen Scope string_scope.\n\
         Definition env0 := mkenv 4096 (fun _ => 0) (fun _ a => a + 4096).\n",
    );
    v.push_str(&format!(
        "Definition s0 := init_state [{}] 66048 0 [] (scratch 65536 512).\n",
        regs.join("; ")
    ));
    for (k, f) in files.iter().enumerate() {
        let src = std::fs::read_to_string(f).expect("read");
        let name = f.file_stem().unwrap().to_string_lossy().into_owned();
        let prog = asmgen::parse_program(&src, &name).unwrap_or_else(|e| panic!("{name}: {e}"));
        let code = asmgen::emit::code_term(&prog.procedures[0]).render();
        v.push_str(&format!(
            "Definition p{k} : list instr := {code}.\n\
             Definition r{k} := run 1000 env0 p{k} s0.\n"
        ));
        let mut checks = 0;
        for line in src.lines() {
            if let Some(ev) = line.strip_prefix("//! events:") {
                v.push_str(&format!(
                    "Example {name}_events : option_map (fun s => rev (st_events s)) r{k} = Some ({}).\n\
                     Proof. vm_compute. reflexivity. Qed.\n",
                    ev.trim()
                ));
                checks += 1;
            } else if let Some(r) = line.strip_prefix("//! x") {
                let (n, val) = r.split_once('=').expect("xN = v");
                v.push_str(&format!(
                    "Example {name}_x{} : option_map (fun s => st_regs s {}) r{k} = Some ({}).\n\
                     Proof. vm_compute. reflexivity. Qed.\n",
                    n.trim(),
                    n.trim(),
                    val.trim()
                ));
                checks += 1;
            }
        }
        assert!(checks > 0, "{name} has no expectations");
    }
    testkit::coq::PrivateLib::new(
        "el2",
        "AArch64",
        &["AsmSyntax", "AsmSemantics", "AsmByteMem"],
    )
    .check("El2.v", &v);
}
