//! Procedures → Coq files (`coq::File`), against `coq-lib/AArch64` (`AsmSyntax.v`,
//! `AsmSemantics.v`).
//!
//! Per procedure: `asm_<name>_code : list instr` (one commented instruction per line); for
//! straight-line procedures also the low spec `asm_<name>_low` (an `opt_bind` chain of
//! `step_data`) and `asm_<name>_refines`, proved by the generic lemmas `straight_refines` /
//! `straight_refines_falloff`. Inline-asm procedures add `asm_<name>_in_regs`/`_out_regs`, the
//! calling convention of `call_asm`.

mod instr;

pub use instr::instr_term;

use crate::ast::*;
use crate::inline::{Binding, InlineAsmProc};
use coq::sentence::Require;
use coq::{Binder, File, ListLayout, Proof, Sentence, Tactic, Term};

/// The definitions generated for one procedure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Code,
    Low,
    Refines,
    InRegs,
    OutRegs,
}

/// The Coq name of a definition about procedure `proc`: `coq::mangle::asm_proc_file(proc)`
/// followed by `_code`, `_low`, `_refines`, `_in_regs` or `_out_regs`. Injective: the mangling is,
/// and no suffix is a suffix of another.
pub fn name(proc: &str, part: Part) -> String {
    let suffix = match part {
        Part::Code => "code",
        Part::Low => "low",
        Part::Refines => "refines",
        Part::InRegs => "in_regs",
        Part::OutRegs => "out_regs",
    };
    format!("{}_{suffix}", coq::mangle::asm_proc_file(proc))
}

/// The source text of an instruction for its comment (tabs as spaces).
fn source(l: &Located) -> String {
    l.text.replace('\t', " ")
}

/// The code of a procedure as a Coq list, one commented instruction per line.
pub fn code_term(p: &Procedure) -> Term {
    Term::List(
        p.body
            .iter()
            .enumerate()
            .map(|(k, l)| {
                let labels: Vec<&str> = p
                    .labels
                    .iter()
                    .filter(|(_, i)| *i == k)
                    .map(|(n, _)| n.as_str())
                    .collect();
                let lab = if labels.is_empty() {
                    String::new()
                } else {
                    format!("{}: ", labels.join(": "))
                };
                Term::commented(format!("{k}: {lab}{}", source(l)), instr_term(&l.instr))
            })
            .collect(),
        ListLayout::Block,
    )
}

/// Sentences for one procedure: its code, and for straight-line procedures ending in `ret` (or
/// falling off the end) a low spec and the theorem that the procedure refines it.
pub fn procedure_sentences(p: &Procedure) -> Vec<Sentence> {
    let mut out = vec![
        Sentence::comment(format!(
            "asm procedure `{}` ({} instructions)",
            p.name,
            p.body.len()
        )),
        Sentence::definition(
            name(&p.name, Part::Code),
            vec![],
            Some(Term::app("list", vec![Term::name("instr")])),
            code_term(p),
        ),
    ];
    let ends_ret = matches!(
        p.body.last().map(|l| &l.instr),
        Some(Instr::Ret(Reg::X(30)))
    );
    let falloff = !p.body.is_empty() && p.body.iter().all(|l| !l.instr.is_control());
    if (ends_ret && p.is_straight_line()) || falloff {
        let body = if ends_ret {
            &p.body[..p.body.len() - 1]
        } else {
            &p.body[..]
        };
        out.push(low_spec(&p.name, body));
        out.push(refines(&p.name, ends_ret));
    }
    out
}

/// The state after `k` steps of a low spec (`s`, `s1`, `s2`, …).
fn state(k: usize) -> String {
    if k == 0 {
        "s".to_string()
    } else {
        format!("s{k}")
    }
}

fn v(x: &str) -> Term {
    Term::name(x)
}

/// `Definition asm_<p>_low (e : env) (s : state) : option state := opt_bind (step_data e i0 s)
/// (fun s1 => …)`.
fn low_spec(proc: &str, body: &[Located]) -> Sentence {
    let mut t = Term::some(v(&state(body.len())));
    for (k, l) in body.iter().enumerate().rev() {
        let step = Term::app(
            "step_data",
            vec![v("e"), instr_term(&l.instr), v(&state(k))],
        );
        // The comment heads the step's line: `(* add x0, x0, #1 *) opt_bind (step_data …) (fun …)`.
        t = Term::commented(
            source(l),
            Term::app(
                "opt_bind",
                vec![step, Term::fun(vec![Binder::untyped(state(k + 1))], t)],
            ),
        );
    }
    Sentence::definition(
        name(proc, Part::Low),
        vec![Binder::typed("e", v("env")), Binder::typed("s", v("state"))],
        Some(Term::app("option", vec![v("state")])),
        t,
    )
}

/// `Theorem asm_<p>_refines`: from `pc = 0`, running the code gives exactly the low spec's state
/// (for code ending in `ret`: when the return address is outside the code).
fn refines(proc: &str, ends_ret: bool) -> Sentence {
    let code = v(&name(proc, Part::Code));
    let len = Term::app("length", vec![code.clone()]);
    let fuel = if ends_ret {
        len.clone()
    } else {
        Term::app("S", vec![len.clone()])
    };
    let run = Term::eq(
        Term::app("run", vec![fuel, v("e"), code.clone(), v("s")]),
        Term::some(v("s'")),
    );
    let mut hyps = vec![
        Term::eq(Term::app("st_pc", vec![v("s")]), Term::int(0)),
        Term::eq(
            Term::app(name(proc, Part::Low), vec![v("e"), v("s")]),
            Term::some(v("s'")),
        ),
    ];
    let mut hyp_names = vec!["Hpc", "Hlow"];
    if ends_ret {
        let ret_addr = Term::app("rd64", vec![Term::app("X", vec![Term::int(30)]), v("s'")]);
        hyps.push(Term::eq(
            Term::app(
                "code_index",
                vec![v("e"), Term::app("Z.of_nat", vec![len]), ret_addr],
            ),
            Term::none(),
        ));
        hyp_names.push("Hret");
    }
    let stmt = Term::forall(
        vec![
            Binder::typed("e", v("env")),
            Binder::typed("s", v("state")),
            Binder::typed("s'", v("state")),
        ],
        Term::implies(hyps, run),
    );
    let (lemma, pre) = if ends_ret {
        (
            "straight_refines",
            Term::app("removelast", vec![code.clone()]),
        )
    } else {
        ("straight_refines_falloff", code.clone())
    };
    let apply = Tactic::call(
        "apply",
        vec![Term::app(
            lemma,
            vec![v("e"), pre, Term::list(vec![]), code, v("s"), v("s'")],
        )],
    );
    let mut each = vec![
        Tactic::call("reflexivity", vec![]),
        Tactic::call("reflexivity", vec![]),
    ];
    each.extend(hyp_names.iter().map(|h| Tactic::Exact(v(h))));
    let mut intros = vec![v("e"), v("s"), v("s'")];
    intros.extend(hyp_names.iter().map(|h| v(h)));
    Sentence::theorem(
        name(proc, Part::Refines),
        stmt,
        Proof(vec![
            Tactic::call("intros", intros),
            Tactic::dispatch(apply, each),
        ]),
    )
}

/// A file with the preamble every generated file starts with, and `body` inside a section over
/// the memory (`Context {M : MemOps}`).
pub fn file(source: &str, section: &str, body: Vec<Sentence>) -> File {
    let mut f = File::new(format!("Generated by asmgen from {source}. Do not edit."));
    f.push(Sentence::Require(Require::import(
        "Coq",
        &["ZArith", "String", "List"],
    )));
    f.push(Sentence::Require(Require::import(
        "AutoV.AArch64",
        &["AsmSyntax", "AsmSemantics"],
    )));
    f.push(Sentence::import(&["ListNotations"]));
    f.push(Sentence::open_scope(false, "Z_scope"));
    let mut sec = vec![Sentence::Context(vec![Binder::implicit("M", v("MemOps"))])];
    sec.extend(body);
    f.push(Sentence::Section {
        name: section.to_string(),
        body: sec,
    });
    f
}

/// The Coq file of a parsed program.
pub fn program_file(prog: &Program, source: &str) -> File {
    let body = prog
        .procedures
        .iter()
        .flat_map(procedure_sentences)
        .collect();
    file(source, "AsmProcs", body)
}

/// The Coq file of instantiated inline-asm procedures (each once, in order).
pub fn inline_file(procs: &[InlineAsmProc], source: &str) -> File {
    let mut seen = std::collections::BTreeSet::new();
    let body = procs
        .iter()
        .filter(|p| seen.insert(p.name.clone()))
        .flat_map(inline_sentences)
        .collect();
    file(source, "Iasm", body)
}

/// The operand bindings of an inline-asm procedure, for its comment.
fn binding_text(b: &Binding) -> String {
    match b {
        Binding::OutReg {
            operand,
            result,
            reg,
        } => format!("${operand}: result {result} <- x{reg}"),
        Binding::InReg { operand, arg, reg } => format!("${operand}: x{reg} <- arg {arg}"),
        Binding::InImm {
            operand,
            arg,
            value,
        } => format!("${operand}: immediate {value} (arg {arg})"),
        Binding::Mem { operand, arg, reg } => {
            format!("${operand}: [x{reg}] with x{reg} <- arg {arg}")
        }
    }
}

fn none_or_list(xs: Vec<String>) -> String {
    if xs.is_empty() {
        "none".to_string()
    } else {
        xs.join(", ")
    }
}

/// Sentences for an instantiated inline-asm procedure: the operand bindings as a comment, the
/// procedure as for assembly files, and the register lists of `call_asm`: input registers in
/// argument order (memory operands pass their pointer in a register too; immediates need none),
/// output registers in result order.
pub fn inline_sentences(p: &InlineAsmProc) -> Vec<Sentence> {
    let mut out = vec![Sentence::comment(format!(
        "inline asm {}{}; operands: {}; clobbers: {}",
        p.name,
        if p.side_effect { " (sideeffect)" } else { "" },
        none_or_list(p.bindings.iter().map(binding_text).collect()),
        none_or_list(p.clobbers.clone()),
    ))];
    out.extend(procedure_sentences(&p.procedure));
    let mut ins: Vec<(usize, u8)> = p
        .bindings
        .iter()
        .filter_map(|b| match b {
            Binding::InReg { arg, reg, .. } | Binding::Mem { arg, reg, .. } => Some((*arg, *reg)),
            _ => None,
        })
        .collect();
    ins.sort();
    let mut outs: Vec<(usize, u8)> = p
        .bindings
        .iter()
        .filter_map(|b| match b {
            Binding::OutReg { result, reg, .. } => Some((*result, *reg)),
            _ => None,
        })
        .collect();
    outs.sort();
    out.push(Sentence::comment(format!(
        "registers receiving call arguments {}, and holding results",
        none_or_list(ins.iter().map(|(a, _)| format!("#{a}")).collect())
    )));
    let regs = |part, v: Vec<(usize, u8)>| {
        Sentence::definition(
            name(&p.name, part),
            vec![],
            Some(Term::app("list", vec![Term::name("Z")])),
            Term::List(
                v.into_iter().map(|(_, r)| Term::int(r.into())).collect(),
                ListLayout::Block,
            ),
        )
    };
    out.push(regs(Part::InRegs, ins));
    out.push(regs(Part::OutRegs, outs));
    out
}
