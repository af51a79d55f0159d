//! Inline asm over the bottom layer's register view. Each inline-asm site of a verified function is
//! a callee named `iasm_<function>_<k>` ([`super::code::asm_name`]); the bottom layer provides it.
//! Its spec runs asmgen's model of the instantiated template through the view (coq-lib
//! `AArch64/AsmView.v`: system registers read and written through `LAYER_GET_REG`/`LAYER_SET_REG`,
//! memory through the layer's own load/store), and its code proof says the machine running the
//! code computes the same (from asmgen's per-procedure refinement lemma). All of it goes to
//! `<bottom>/Asm.v`, which the bottom's `Spec.v` exports.

use super::code::Code;
use super::ctx::{Ctx, GenError};
use super::names;
use crate::lowspec::VTy;
use crate::spec::print as sp;
use asmgen::ast::{Hint, Instr};
use asmgen::emit::{self, Part};
use asmgen::inline::{self, AsmArg, AsmType, AsmValue, Binding, InlineAsmProc, InlineAsmSite};
use config::{LayerOp, Ty};
use coq::sentence::{Proof, Require, Tactic};
use coq::{Binder, File, Sentence, Term};
use diag::{Code as DCode, Place};
use ir2json::{Constant, Type, Value};
use std::collections::{BTreeMap, BTreeSet};

/// An inline-asm site made a procedure.
#[derive(Clone, Debug)]
pub struct AsmProc {
    /// The function holding the site, and the site's number in it.
    pub func: String,
    pub index: usize,
    pub inst: InlineAsmProc,
    /// The call argument each input register receives, in the order of `<proc>_in_regs`.
    pub in_args: Vec<usize>,
    pub params: Vec<VTy>,
    pub ret: Option<VTy>,
}

fn asm_type(t: &Type) -> AsmType {
    match t {
        Type::Int { bits } => AsmType::Int(*bits),
        Type::Ptr { .. } => AsmType::Ptr,
        other => AsmType::Other(format!("{other:?}")),
    }
}

/// What instantiation needs from the IR's call: immediates are the constant arguments.
fn site_of(call: &ir2coq::convert::AsmCall) -> InlineAsmSite {
    let results = match &call.asm.ret_ty {
        Type::Void => vec![],
        Type::Struct { fields, .. } => fields.iter().map(asm_type).collect(),
        t => vec![asm_type(t)],
    };
    let args = call
        .asm
        .operand_tys
        .iter()
        .zip(&call.args)
        .map(|(t, v)| AsmArg {
            ty: asm_type(t),
            value: match v {
                Value::Const {
                    value: Constant::Int { signed, .. },
                } => signed
                    .parse()
                    .map(AsmValue::Const)
                    .unwrap_or_else(|_| AsmValue::Value(signed.clone())),
                Value::Local { name, .. } => AsmValue::Value(format!("%{name:?}")),
                _ => AsmValue::Value("<constant>".into()),
            },
        })
        .collect();
    InlineAsmSite {
        template: call.asm.template.clone(),
        constraints: call.asm.constraints.clone(),
        side_effect: call.asm.side_effect,
        results,
        args,
    }
}

/// The bottom's maintenance handler (`LAYER_ASM_MAINT`), if it has one: where inline asm's
/// barriers and TLB/cache maintenance go.
pub fn maint_op(cx: &config::Project) -> Option<&String> {
    cx.layers[0].ops.get(&LayerOp::AsmMaint)
}

/// The bottom's maintenance handler, or coq-lib's `no_maint`.
pub fn maint_handler(cx: &config::Project) -> String {
    maint_op(cx)
        .cloned()
        .unwrap_or_else(|| "AsmView.no_maint".to_string())
}

/// An instruction whose effect the register view does not carry (the spec would be undefined);
/// barriers and TLB/cache maintenance go to the layer's handler if it has one (`maint`).
fn outside_view(i: &Instr, maint: bool) -> Option<&'static str> {
    match i {
        Instr::Barrier { .. } if !maint => Some("a barrier"),
        Instr::Tlbi { .. } if !maint => Some("TLB maintenance"),
        Instr::Dc { .. } | Instr::Ic { .. } if !maint => Some("cache maintenance"),
        Instr::At { .. } => Some("an address translation"),
        Instr::MsrImm { .. } => Some("a PSTATE write"),
        Instr::Eret | Instr::Exc { .. } => Some("an exception"),
        Instr::Hint(h) if *h != Hint::Nop => Some("a hint"),
        Instr::Ldx { .. } | Instr::Ldxp { .. } | Instr::Clrex => Some("the exclusive monitor"),
        _ => None,
    }
}

/// Instantiate the sites `wanted` names (callees of verified functions); each failure is an
/// E-BLD022 at the site's function.
pub fn instantiate(
    code: &Code,
    wanted: &BTreeSet<String>,
    maint: bool,
    errors: &mut Vec<GenError>,
) -> BTreeMap<String, AsmProc> {
    let mut out = BTreeMap::new();
    for n in wanted {
        let Some((func, index, call)) = code.asm.get(n) else {
            continue;
        };
        let place = Place::function(func.clone()).context(format!("inline asm `{n}`"));
        let fail = |msg: String, hint: &str| GenError::new(DCode::BldAsm, place.clone(), msg, hint);
        let Some(sig) = code.info.signatures.get(n) else {
            errors.push(fail(
                format!("`{}`: only integer operands and at most one integer result are supported", call.asm.template.escape_debug()),
                "give the function holding it a spec in a lower layer instead of verifying its code",
            ));
            continue;
        };
        let params: Vec<VTy> = sig.params.iter().map(|s| super::ctx::vty_of(*s)).collect();
        let ret = sig.ret.map(super::ctx::vty_of);
        if params.iter().chain(&ret).any(|t| !matches!(t, VTy::Int(_))) {
            errors.push(fail(
                "a pointer or i1 operand or result (the register view passes integers)".to_string(),
                "give the function holding it a spec in a lower layer instead of verifying its code",
            ));
            continue;
        }
        let inst = match inline::instantiate(&site_of(call)) {
            Ok(p) => p,
            Err(e) => {
                errors.push(fail(
                    format!("cannot be instantiated: {e}"),
                    "see docs/asmgen.md for the supported templates and constraints",
                ));
                continue;
            }
        };
        let body = &inst.procedure.body;
        if body.is_empty() || body.iter().any(|l| l.instr.is_control()) {
            errors.push(fail(
                format!("{:?} is not straight-line code (empty, or with branches)", inst.text),
                "only straight-line inline asm runs over the register view; give the function holding it a spec in a lower layer",
            ));
            continue;
        }
        if let Some((l, what)) = body
            .iter()
            .find_map(|l| outside_view(&l.instr, maint).map(|w| (l, w)))
        {
            errors.push(fail(
                format!("`{}` is {what}, an effect the register view does not carry", l.text.trim()),
                if maint {
                    "the register view carries system-register reads and writes, memory, and barriers and TLB/cache maintenance (LAYER_ASM_MAINT); give the function holding it a spec in a lower layer"
                } else {
                    "the register view carries system-register reads and writes and memory; a bottom layer with a maintenance handler (LAYER_ASM_MAINT) also carries barriers and TLB/cache maintenance; or give the function holding it a spec in a lower layer"
                },
            ));
            continue;
        }
        let mut in_args: Vec<usize> = inst
            .bindings
            .iter()
            .filter_map(|b| match b {
                Binding::InReg { arg, .. } | Binding::Mem { arg, .. } => Some(*arg),
                _ => None,
            })
            .collect();
        in_args.sort();
        out.insert(
            n.clone(),
            AsmProc {
                func: func.clone(),
                index: *index,
                inst,
                in_args,
                params,
                ret,
            },
        );
    }
    out
}

fn name(s: impl Into<String>) -> Term {
    Term::name(s)
}

/// The name of the bottom layer's memory as the asm semantics sees it.
fn mem_name(ln: &str) -> String {
    format!("{ln}_asm_mem")
}

/// `<bottom>/Asm.v`: the procedures (asmgen), the layer's memory for them, each spec and code proof.
pub fn asm_file(cx: &Ctx, procs: &BTreeMap<String, AsmProc>) -> File {
    let l = &cx.p.layers[0];
    let ln = cx.lname(0);
    let st = sp::ty(cx.state(0));
    let mut f = cx.file(
        &format!("the inline-asm procedures the layer {ln} provides: asmgen's model of each instantiated template, its spec through the register view, and its code proof"),
        vec![
            Require::import("AutoV.AArch64", &["AsmSyntax", "AsmSemantics", "AsmLayer", "AsmView"]),
            Require::export(cx.layer_dir(0), &["Defs"]),
        ],
    );
    let mut seen = BTreeSet::new();
    let mut models = vec![Sentence::Context(vec![Binder::implicit(
        "M",
        name("MemOps"),
    )])];
    for p in procs.values() {
        if seen.insert(p.inst.name.clone()) {
            models.extend(emit::inline_sentences(&p.inst));
        }
    }
    f.push(Sentence::Section {
        name: "Iasm".into(),
        body: models,
    });
    let op = |o: LayerOp, mk: &str, none: &str| match l.ops.get(&o) {
        Some(g) => Term::app(mk, vec![name(g.clone())]),
        None => name(none),
    };
    let no_prims = Term::fun(
        ["f", "vs", "s", "s'", "r"]
            .iter()
            .map(|x| Binder::untyped(*x))
            .collect(),
        name("False"),
    );
    f.push(Sentence::definition(
        mem_name(ln),
        vec![],
        Some(name("MemOps")),
        Term::app(
            "layer_mem",
            vec![Term::Record(vec![
                ("lstate".into(), st.clone()),
                ("lload".into(), op(LayerOp::Load, "mk_load", "no_load")),
                ("lstore".into(), op(LayerOp::Store, "mk_store", "no_store")),
                ("lalloc".into(), name("no_alloc")),
                ("lptr2int".into(), name("no_ptr2int")),
                ("lfloat".into(), name("no_float")),
                ("lprim".into(), no_prims),
            ])],
        ),
    ));
    let get = name(l.ops[&LayerOp::GetReg].clone());
    let set = name(l.ops[&LayerOp::SetReg].clone());
    let maint = name(maint_handler(cx.p));
    for (n, p) in procs {
        let part = |x| name(emit::name(&p.inst.name, x));
        let args: Vec<Term> = p
            .in_args
            .iter()
            .map(|a| name(format!("a{}", a + 1)))
            .collect();
        let view = |what: &str, with_low: bool| {
            let mut xs = vec![
                name(mem_name(ln)),
                get.clone(),
                set.clone(),
                maint.clone(),
                part(Part::Code),
            ];
            if with_low {
                xs.push(part(Part::Low));
            }
            xs.extend([
                part(Part::InRegs),
                part(Part::OutRegs),
                Term::list(args.clone()),
                name("st"),
            ]);
            Term::app(what, xs)
        };
        let mut binders: Vec<Binder> = (1..=p.params.len())
            .map(|i| Binder::typed(format!("a{i}"), name("Z")))
            .collect();
        binders.push(Binder::typed("st", st.clone()));
        let (ret_ty, marshal) = match p.ret {
            Some(_) => (
                sp::ty(&Ty::Tuple(vec![Ty::Z, cx.state(0).clone()])),
                "asm_ret1",
            ),
            None => (st.clone(), "asm_ret0"),
        };
        f.push(Sentence::comment(format!(
            "`{n}`: inline asm {} of `{}`, {:?}, over the register view; its code proof: the machine computes the same",
            p.index, p.func, p.inst.text
        )));
        f.push(Sentence::definition(
            names::spec(n),
            binders.clone(),
            Some(Term::app("option", vec![ret_ty])),
            Term::app(marshal, vec![view("asm_view_call", true)]),
        ));
        // code proofs of callers keep it folded (both sides call it); RefProofs open it
        f.push(Sentence::simpl_never(names::spec(n)));
        let mut all = binders;
        all.push(Binder::untyped("r"));
        f.push(Sentence::lemma(
            format!("{n}_machine"),
            Term::forall(
                all,
                Term::implies(
                    vec![Term::eq(view("asm_view_call", true), Term::some(name("r")))],
                    Term::eq(view("asm_view_machine", false), Term::some(name("r"))),
                ),
            ),
            Proof(vec![
                Tactic::call("intros", vec![]),
                Tactic::dispatch(
                    Tactic::call("eapply", vec![name("asm_view_call_machine")]),
                    vec![
                        Tactic::Exact(part(Part::Refines)),
                        Tactic::call("eassumption", vec![]),
                    ],
                ),
            ]),
        ));
    }
    f
}
