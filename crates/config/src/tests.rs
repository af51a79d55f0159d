//! Unit tests of the pieces (the golden, negative and round-trip tests are in `tests/`).

use super::ast::ExprKind;
use super::lexer::{lex, Tok};
use super::*;
use std::path::Path;

const HEADER: &str = "Definition PROJ_NAME := \"T\".\nDefinition PROJ_BASE := \"out\".\n";

fn load_src(body: &str) -> Result<Project, LoadError> {
    load_str(Path::new("/nonexistent/t.v"), &format!("{HEADER}{body}"))
}

#[test]
fn lexer_tokens() {
    let mut d = vec![];
    let toks: Vec<Tok> = lex(
        FileId(0),
        "x.(f) .[g] :< \"a\"\"b\" 0x1f (* c (* d *) *) =s <>s <>? a=sb ZMap.t y'.",
        &mut d,
    )
    .into_iter()
    .map(|t| t.tok)
    .collect();
    assert!(d.is_empty());
    let id = |s: &str| Tok::Ident(s.into());
    assert_eq!(
        toks,
        vec![
            id("x"),
            Tok::Sym(".("),
            id("f"),
            Tok::Sym(")"),
            Tok::Sym(".["),
            id("g"),
            Tok::Sym("]"),
            Tok::Sym(":<"),
            Tok::Str("a\"b".into()),
            Tok::Num(31),
            Tok::Sym("=s"),
            Tok::Sym("<>s"),
            Tok::Sym("<>?"),
            id("a"),
            Tok::Sym("="),
            id("sb"),
            id("ZMap.t"),
            id("y'"),
            Tok::Sym("."),
            Tok::Eof
        ]
    );
}

#[test]
fn typed_ast_is_filled() {
    let p = load_src(
        "Record St := mkSt { v : Z }.\n\
         Section B. Definition LAYER_DATA := St. Definition LAYER_PRIMS := \"f\" :: nil.\n\
         Definition st0 : St := mkSt 0. Definition LAYER_DATA_INIT := \"st0\".\n\
         Definition f_spec (x : Z) (st : St) : option (Z * St) := Some (x + st.(v), st).\n\
         End B.",
    )
    .unwrap_or_else(|e| panic!("{}", e.render_plain()));
    let it = p
        .items
        .iter()
        .find(|i| i.item.kind.name().is_some_and(|n| n.name == "f_spec"))
        .unwrap();
    let ast::ItemKind::Definition { body, .. } = &it.item.kind else {
        panic!()
    };
    assert_eq!(body.ty.as_ref().unwrap().to_string(), "option (Z * St)");
    let ExprKind::App(_, args) = &body.kind else {
        panic!()
    };
    assert_eq!(args[0].ty.as_ref().unwrap().to_string(), "(Z * St)");
    let ExprKind::Tuple(parts) = &args[0].kind else {
        panic!()
    };
    assert_eq!(parts[0].ty, Some(Ty::Z));
    assert_eq!(it.layer, Some(0));
    assert_eq!(p.layers[0].specs["f"], "f_spec");
}

#[test]
fn bidirectional_inference() {
    // the expected type flows into `nil` and `None`
    let ok = load_src(
        "Definition a : option (list Z) := Some nil.\n\
         Definition b (o : option Z) : Z := match o with | Some x => x | None => 0 end.\n\
         Definition c := fun_free_zero.\nDefinition fun_free_zero : Z := 0.\n\
         Section L. Definition LAYER_DATA := Z. Definition z0 : Z := 0. Definition LAYER_DATA_INIT := \"z0\". Definition LAYER_PRIMS := nil. End L.",
    );
    assert!(ok.is_ok(), "{}", ok.err().unwrap().render_plain());
    // nothing determines the element type: no silent default
    let e = load_src(
        "Definition d := None.\nSection L. Definition LAYER_DATA := Z. Definition z0 : Z := 0. Definition LAYER_DATA_INIT := \"z0\". Definition LAYER_PRIMS := nil. End L.",
    )
    .unwrap_err();
    assert_eq!(e.diagnostics.len(), 1);
    assert_eq!(e.diagnostics[0].code, Code::CannotInfer);
}

#[test]
fn several_errors_in_one_run_sorted_by_position() {
    let e = load_src(
        "Definition a : Z := true.\nDefinition b : bool := 1.\nDefinition c := nope.\n\
         Section L. Definition LAYER_DATA := Z. Definition z0 : Z := 0. Definition LAYER_DATA_INIT := \"z0\". Definition LAYER_PRIMS := nil. End L.",
    )
    .unwrap_err();
    let codes: Vec<&str> = e.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["E-CFG020", "E-CFG020", "E-CFG010"]);
    let lines: Vec<String> = e
        .diagnostics
        .iter()
        .map(|d| d.location(&e.sources).unwrap())
        .collect();
    assert_eq!(
        lines,
        [
            "/nonexistent/t.v:3:21",
            "/nonexistent/t.v:4:24",
            "/nonexistent/t.v:5:17"
        ]
    );
}

#[test]
fn plain_rendering_has_location_caret_and_hint() {
    let e = load_src("Definition c := nope + 1.\n").unwrap_err();
    let d = e
        .diagnostics
        .iter()
        .find(|d| d.code == Code::UnknownName)
        .unwrap();
    let r = d.render_plain(&e.sources);
    assert_eq!(
        r,
        "error[E-CFG010]: unknown name `nope`\n \
         --> /nonexistent/t.v:3:17\n  |\n\
         3 | Definition c := nope + 1.\n  \
         |                 ^^^^ not defined here\n   \
         = hint: declare `nope` (Definition, Parameter, …) or bind it locally\n"
    );
}

#[test]
fn miette_rendering() {
    let e = load_src("Definition c := nope + 1.\n").unwrap_err();
    let d = e
        .diagnostics
        .iter()
        .find(|d| d.code == Code::UnknownName)
        .unwrap();
    let mut out = String::new();
    miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
        .render_report(&mut out, &d.to_miette(&e.sources))
        .unwrap();
    assert!(out.contains("E-CFG010"), "{out}");
    assert!(out.contains("unknown name `nope`"), "{out}");
    assert!(out.contains("t.v:3:17"), "{out}");
    assert!(out.contains("declare `nope`"), "{out}");
}

#[test]
fn missing_root_file() {
    let e = load(Path::new("/nonexistent/proof.v")).unwrap_err();
    assert_eq!(e.diagnostics[0].code, Code::IncludeNotFound);
}

#[test]
fn codes_are_stable() {
    // (uniqueness of every workspace code is tested in the diag crate)
    assert_eq!(Code::TypeMismatch.as_str(), "E-CFG020");
    assert_eq!(Code::UnknownName.as_str(), "E-CFG010");
}

#[test]
fn binder_types_are_recorded() {
    let p = load_src(
        "Definition q : Prop := exists x, x + 1 = 2.\n\
         Definition l (b : bool) : Z := let y := b2z b in y.\n\
         Section L. Definition LAYER_DATA := Z. Definition z0 : Z := 0. Definition LAYER_DATA_INIT := \"z0\". Definition LAYER_PRIMS := nil. End L.",
    )
    .unwrap_or_else(|e| panic!("{}", e.render_plain()));
    let body = |n: &str| {
        p.items
            .iter()
            .find_map(|i| match &i.item.kind {
                ast::ItemKind::Definition { name, body, .. } if name.name == n => {
                    Some(body.clone())
                }
                _ => None,
            })
            .unwrap()
    };
    let ExprKind::Quant(_, bs, _) = &body("q").kind else {
        panic!()
    };
    assert_eq!(bs[0].resolved, Some(Ty::Z));
    let ExprKind::Let(b, _, _) = &body("l").kind else {
        panic!()
    };
    assert_eq!(b.resolved, Some(Ty::Z));
    // an unconstrained binder is an error, not a default
    let e = load_src(
        "Definition r : Prop := forall x, x = x.\n\
         Section L. Definition LAYER_DATA := Z. Definition z0 : Z := 0. Definition LAYER_DATA_INIT := \"z0\". Definition LAYER_PRIMS := nil. End L.",
    )
    .unwrap_err();
    assert_eq!(e.diagnostics[0].code, Code::CannotInfer);
}

#[test]
fn machine_readable_record() {
    let e = load_src("Definition c := nope + 1.\n").unwrap_err();
    let d = e
        .diagnostics
        .iter()
        .find(|d| d.code == Code::UnknownName)
        .unwrap();
    let r = d.record(&e.sources);
    assert_eq!((r.code, r.line, r.column), ("E-CFG010", Some(3), Some(17)));
    assert_eq!(r.file.as_deref(), Some("/nonexistent/t.v"));
}

/// A field access on a record whose declaration failed (shadowed by a duplicate definition, or on
/// a type cycle) reports the real error instead of panicking (found by a differential fuzz run).
#[test]
fn field_of_a_failed_record_does_not_panic() {
    for (src, code) in [
        (
            "Record R := mkR { a : Z }.\nDefinition R := \"x\".\nDefinition f (r : R) : Z := r.(a).",
            Code::Duplicate,
        ),
        (
            "Record A := mkA { x : B }.\nRecord B := mkB { y : A }.\nDefinition f (a : A) : B := a.(x).",
            Code::DefCycle,
        ),
    ] {
        let r = std::panic::catch_unwind(|| load_src(src));
        let Ok(Err(e)) = r else {
            panic!("{src}: expected diagnostics, got {:?}", r.map(|r| r.is_ok()));
        };
        assert!(
            e.diagnostics.iter().any(|d| d.code == code),
            "{src}: {}",
            e.render_plain()
        );
    }
}

/// Nesting is bounded (AFL++ found 18k `(` that overflowed the stack): one coded error at the
/// first token past the limit, for parentheses, operator chains, types and patterns alike; a
/// depth well inside the limit parses.
#[test]
fn nesting_is_bounded() {
    // The messages of a configuration without layers, apart from the missing layers.
    let errors = |src: &str| -> Vec<String> {
        let e = load_src(src).unwrap_err();
        e.diagnostics
            .iter()
            .filter(|d| d.code != diag::Code::NoLayers)
            .map(|d| format!("{} {}", d.code.as_str(), d.message))
            .collect()
    };
    let deep = |n: usize| format!("Definition d : Z := {}1{}.\n", "(".repeat(n), ")".repeat(n));
    let chain = |n: usize| format!("Definition d : Z := 1{}.\n", " + 1".repeat(n));
    assert_eq!(errors(&deep(100)), Vec::<String>::new());
    assert_eq!(errors(&chain(100)), Vec::<String>::new());
    let (open, close) = ("(".repeat(20_000), ")".repeat(20_000));
    for src in [
        deep(20_000),
        chain(20_000),
        format!("Definition d : {open}Z{close} := 1.\n"),
        format!("Definition d (x : Z) : Z := match x with {open}x{close} => 1 end.\n"),
    ] {
        assert_eq!(
            errors(&src),
            ["E-CFG004 nested more than 256 levels deep"],
            "{}",
            &src[..60]
        );
    }
}

/// `From AutoV.PT Require Import …` brings the library's names with their types: a relation
/// stated with them checks, a misuse is a type error, an unknown module is E-CFG052 and a
/// definition of an imported name is a duplicate.
#[test]
fn library_modules_are_imported_with_types() {
    let base =
        "Record St := mkSt { m : ZMap.t Z; blk : ZMap.t (option Z); pg : ZMap.t (option Z) }.\n\
         Section B. Definition LAYER_DATA := St. Definition LAYER_PRIMS := \"f\" :: nil.\n\
         Definition st0 : St := mkSt (zmap_init 0) (zmap_init None) (zmap_init None).\n\
         Definition LAYER_DATA_INIT := \"st0\".\n\
         Definition f_spec (st : St) : option (Z * St) := Some (0, st).\nEnd B.\n";
    let ok = format!(
        "From AutoV.PT Require Import PTDesc PTInstances.\n{base}\
         Definition r (st : St) : Prop := s2_rel 4096 (s2_cap3_of 1) 0 0 0 st.(m) (s2_amap st.(blk) st.(pg)).\n\
         Definition w (st : St) : Z := s2_lookup (s2_amap st.(blk) st.(pg)) (oa 8192).\n"
    );
    let p = load_src(&ok).unwrap_or_else(|e| panic!("{:?}", e.diagnostics));
    assert!(p.items.iter().any(|i| matches!(
        &i.item.kind,
        ast::ItemKind::Require { lib, modules } if lib.name == "AutoV.PT" && modules.len() == 2
    )));
    let codes = |src: &str| -> Vec<Code> {
        load_src(src)
            .err()
            .map(|e| e.diagnostics.iter().map(|d| d.code).collect())
            .unwrap_or_default()
    };
    let misuse = format!(
        "From AutoV.PT Require Import PTInstances.\n{base}Definition bad : Z := s2_lookup 3 4.\n"
    );
    assert!(
        codes(&misuse).contains(&Code::TypeMismatch),
        "{:?}",
        codes(&misuse)
    );
    let unknown = format!("From AutoV.PT Require Import PTNope.\n{base}");
    assert_eq!(codes(&unknown), vec![Code::UnknownLibrary]);
    let without = format!("{base}Definition x : Z := oa 4096.\n");
    assert!(codes(&without).contains(&Code::UnknownName));
    let dup =
        format!("From AutoV.PT Require Import PTDesc.\n{base}Definition oa (x : Z) : Z := x.\n");
    assert!(codes(&dup).contains(&Code::Duplicate));
}
