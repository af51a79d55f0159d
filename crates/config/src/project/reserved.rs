//! Phase 9 — reserved definitions: `PROJ_*` settings and each layer's `LAYER_*` settings.
//!
//! Input: the reserved definitions set aside by the section phase (with their layer and
//! directory), the checked environment (phase 8), the layers. `PROJ_NAME`, `PROJ_BASE` and
//! `PROJ_PROOFS` must be outside sections; `LAYER_*` inside the Section of the layer they describe.
//! `LAYER_DATA` names a type; `LAYER_CODE` an LLVM IR (`.ll`, `.bc`) or ir2json (`.json`) file
//! relative to its file; `LAYER_PRIMS` a list of string literals; `LAYER_DATA_INIT`,
//! `LAYER_REFREL` and the layer operations (`LAYER_LOAD`, …) name a definition visible in the
//! layer, or are `None`.
//!
//! Diagnostics: `E-CFG012` (a reserved name given twice in one scope), `E-CFG032` (unknown
//! `LAYER_*`/`PROJ_*` name), `E-CFG030` (wrong place or form), `E-CFG037` (`PROJ_PROOFS` or
//! `LAYER_CODE` file missing), `E-CFG048` (a primitive listed twice in one layer), `E-CFG033`
//! (a layer operation that names no visible definition, or no function), `E-CFG034`
//! (`LAYER_REFREL` in the bottom layer).
//!
//! Establishes: each layer's `prims`, `ops`, `data_init` and `refrel`; the returned [`Settings`]
//! hold what the layer phase completes and checks: the project settings, each layer's own
//! `LAYER_DATA`/`LAYER_CODE` (before inheritance), which layers gave `LAYER_PRIMS`, and the uses
//! of definitions whose types the layer phase checks once every layer's state is known.

use super::{Layer, LayerOp, Loader, Reserved};
use crate::ast::{BinOp, Expr, ExprKind, Ident, ItemKind};
use crate::check::resolve_type;
use crate::env::{Env, GlobalKind};
use crate::types::Ty;
use diag::span::Span;
use diag::{Code, Diagnostic};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// What the reserved definitions say, before inheritance and type checks (see the layer phase).
pub(super) struct Settings {
    pub proj_name: Option<String>,
    pub proj_base: Option<PathBuf>,
    pub proj_proofs: Vec<PathBuf>,
    pub proj_trusted: Vec<String>,
    /// `PROJ_NAME` / `PROJ_BASE` given at all (even in a wrong form: then it is not "missing").
    pub proj_seen: (bool, bool),
    /// Each layer's own `LAYER_DATA` (with the span of the type).
    pub layer_data: Vec<Option<(Ty, Span)>>,
    /// Each layer's own `LAYER_CODE` (with the span of the path).
    pub layer_code: Vec<Option<(PathBuf, Span)>>,
    /// Which layers define `LAYER_PRIMS`.
    pub prims_given: Vec<bool>,
    /// Layer operations to check against their signature: (layer, operation, definition, use).
    pub op_checks: Vec<(usize, LayerOp, String, Span)>,
    /// Where `LAYER_DATA_INIT` (`"init"`) and `LAYER_REFREL` (`"rel"`) of a layer name their
    /// definition.
    pub use_sites: BTreeMap<(usize, &'static str), Span>,
}

/// One reserved definition being read: its name, layer (`usize::MAX` for `PROJ_*`) and value.
struct Res<'a> {
    r: &'a Reserved,
    n: &'a str,
    li: usize,
    body: Option<&'a Expr>,
    /// The value, when it is a string literal.
    str_value: Option<String>,
    /// The value is `None`.
    is_none: bool,
}

impl Loader<'_> {
    pub(super) fn reserved_definitions(
        &mut self,
        env: &Env,
        reserved: &[Reserved],
        layers: &mut [Layer],
    ) -> Settings {
        let mut st = Settings {
            proj_name: None,
            proj_base: None,
            proj_proofs: vec![],
            proj_trusted: vec![],
            proj_seen: (false, false),
            layer_data: vec![None; layers.len()],
            layer_code: vec![None; layers.len()],
            prims_given: vec![false; layers.len()],
            op_checks: vec![],
            use_sites: BTreeMap::new(),
        };
        let mut seen_res: BTreeMap<(Option<usize>, String), Span> = BTreeMap::new();
        for r in reserved {
            let n = r.name.name.as_str();
            if let Some(prev) = seen_res.insert((r.layer, n.to_string()), r.name.span) {
                self.diags.push(
                    Diagnostic::error(
                        Code::Duplicate,
                        r.name.span,
                        format!("`{n}` is given twice"),
                    )
                    .label("second definition")
                    .note(prev, "first given here")
                    .hint("keep one of them"),
                );
                continue;
            }
            self.reserved_definition(env, r, layers, &mut st);
        }
        st
    }

    /// Check where a reserved definition stands, then read it.
    fn reserved_definition(
        &mut self,
        env: &Env,
        r: &Reserved,
        layers: &mut [Layer],
        st: &mut Settings,
    ) {
        let n = r.name.name.as_str();
        let is_proj = matches!(
            n,
            "PROJ_NAME" | "PROJ_BASE" | "PROJ_PROOFS" | "PROJ_TRUSTED"
        );
        let is_layer = n == "LAYER_DATA"
            || n == "LAYER_CODE"
            || n == "LAYER_PRIMS"
            || n == "LAYER_DATA_INIT"
            || n == "LAYER_REFREL"
            || n == "LAYER_INV"
            || LayerOp::ALL.iter().any(|(_, s)| *s == n);
        if !is_proj && !is_layer {
            self.diags.push(
                Diagnostic::error(Code::ReservedUnknown, r.name.span, format!("`{n}` is not a reserved name"))
                    .label("unknown reserved name")
                    .hint("names starting with `LAYER_`/`PROJ_` are reserved: PROJ_NAME, PROJ_BASE, PROJ_PROOFS, PROJ_TRUSTED, LAYER_DATA, LAYER_CODE, LAYER_PRIMS, LAYER_DATA_INIT, LAYER_REFREL, LAYER_INV, LAYER_LOAD, LAYER_STORE, LAYER_ALLOC, LAYER_FREE, LAYER_GET_REG, LAYER_SET_REG, LAYER_GET_FLAG, LAYER_SET_FLAG, LAYER_ASM_MAINT"),
            );
            return;
        }
        if is_proj && r.layer.is_some() {
            self.diags.push(
                Diagnostic::error(
                    Code::ReservedMisuse,
                    r.name.span,
                    format!("`{n}` must be defined outside any Section"),
                )
                .label("inside a Section")
                .hint("move it before the first Section"),
            );
            return;
        }
        let Some(li) = r.layer.or(if is_proj { Some(usize::MAX) } else { None }) else {
            self.diags.push(
                Diagnostic::error(
                    Code::ReservedMisuse,
                    r.name.span,
                    format!("`{n}` must be defined inside a Section"),
                )
                .label("outside any layer")
                .hint("move it into the `Section … End …` of the layer it describes"),
            );
            return;
        };
        let body = match &r.item.kind {
            ItemKind::Definition { params, body, .. } if params.is_empty() => Some(body),
            _ => None,
        };
        let str_value = body.and_then(|b| match &b.kind {
            ExprKind::Str(s) => Some(s.clone()),
            _ => None,
        });
        let is_none = body.is_some_and(|b| matches!(&b.kind, ExprKind::Var(v) if v == "None"));
        st.proj_seen.0 |= n == "PROJ_NAME";
        st.proj_seen.1 |= n == "PROJ_BASE";
        let x = Res {
            r,
            n,
            li,
            body,
            str_value,
            is_none,
        };
        match n {
            "PROJ_NAME" | "PROJ_BASE" | "PROJ_PROOFS" | "PROJ_TRUSTED" => {
                self.project_setting(x, st)
            }
            "LAYER_DATA" | "LAYER_CODE" | "LAYER_PRIMS" => self.layer_setting(env, x, layers, st),
            _ => self.layer_reference(env, x, layers, st),
        }
    }

    /// `PROJ_NAME`, `PROJ_BASE`, `PROJ_PROOFS`.
    fn project_setting(&mut self, x: Res<'_>, st: &mut Settings) {
        let Res {
            r, n, str_value, ..
        } = x;
        match n {
                "PROJ_NAME" => match str_value {
                    Some(s) if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && s.starts_with(|c: char| c.is_ascii_alphabetic()) => st.proj_name = Some(s),
                    Some(_) => self.diags.push(
                        Diagnostic::error(Code::ReservedMisuse, r.item.span, "PROJ_NAME must be a Coq identifier (the logical name of the generated project)")
                            .label("not an identifier")
                            .hint("use letters, digits and `_`, starting with a letter"),
                    ),
                    None => self.want_str(r, n, "a string (the project's Coq logical name)"),
                },
                "PROJ_BASE" => match str_value {
                    Some(s) => st.proj_base = Some(r.dir.join(s)),
                    None => self.want_str(r, n, "a string (the output directory, relative to this file)"),
                },
                "PROJ_TRUSTED" => match x.body.and_then(string_list) {
                    Some(names) => st.proj_trusted = names.into_iter().map(|i| i.name).collect(),
                    None => self.diags.push(
                        Diagnostic::error(Code::ReservedMisuse, r.item.span, "PROJ_TRUSTED must be a list of string literals")
                            .label("wrong form")
                            .hint("write `Definition PROJ_TRUSTED := \"ax1\" :: \"ax2\" :: nil.` naming the assumptions the project trusts"),
                    ),
                },
                _ => match str_value {
                    Some(s) if s.ends_with(".v") && r.dir.join(&s).is_file() => {
                        st.proj_proofs = vec![r.dir.join(s)]
                    }
                    Some(s) if r.dir.join(&s).is_dir() => {
                        let mut files: Vec<PathBuf> = std::fs::read_dir(r.dir.join(&s))
                            .map(|d| {
                                d.filter_map(|e| e.ok().map(|e| e.path()))
                                    .filter(|p| p.extension().is_some_and(|e| e == "v"))
                                    .collect()
                            })
                            .unwrap_or_default();
                        files.sort();
                        if files.is_empty() {
                            self.diags.push(
                                Diagnostic::error(Code::CodeNotFound, r.item.span, format!("PROJ_PROOFS: the directory `{s}` has no `.v` file"))
                                    .label("no Coq file")
                                    .hint("put the hand-written lemmas in `.v` files there"),
                            );
                        }
                        st.proj_proofs = files;
                    }
                    Some(s) => self.diags.push(
                        Diagnostic::error(Code::CodeNotFound, r.item.span, format!("PROJ_PROOFS: `{s}` is neither an existing `.v` file nor a directory"))
                            .label("no such Coq file or directory")
                            .hint("give the path of a Coq file of lemmas, or of a directory of them, relative to this file"),
                    ),
                    None => self.want_str(r, n, "a string (a Coq file of lemmas, or a directory of them, relative to this file)"),
                },
        }
    }

    /// `LAYER_DATA`, `LAYER_CODE`, `LAYER_PRIMS` of layer `li`.
    fn layer_setting(&mut self, env: &Env, x: Res<'_>, layers: &mut [Layer], st: &mut Settings) {
        let Res {
            r,
            n,
            li,
            body,
            str_value,
            ..
        } = x;
        match n {
            "LAYER_DATA" => match &r.item.kind {
                ItemKind::Typedef { ty, .. } => {
                    if let Some(t) = resolve_type(env, ty, &mut self.diags) {
                        st.layer_data[li] = Some((t, ty.span));
                    }
                }
                _ => self.diags.push(
                    Diagnostic::error(
                        Code::ReservedMisuse,
                        r.item.span,
                        "LAYER_DATA must name a type (the layer's abstract state)",
                    )
                    .label("not a type")
                    .hint("write `Definition LAYER_DATA := RData.` with a declared Record or type"),
                ),
            },
            "LAYER_CODE" => match str_value {
                Some(s) => {
                    let p = r.dir.join(&s);
                    let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
                    if !matches!(ext, "ll" | "bc" | "json") {
                        self.diags.push(
                                Diagnostic::error(Code::ReservedMisuse, body.unwrap().span, format!("LAYER_CODE `{s}` is not LLVM IR: expected a `.ll`, `.bc` or `.json` file"))
                                    .label("unknown kind of file")
                                    .hint("name the LLVM IR text (.ll), bitcode (.bc) or the JSON written by `autov ir2json`"),
                            );
                    } else if !p.exists() {
                        self.diags.push(
                                Diagnostic::error(Code::CodeNotFound, body.unwrap().span, format!("code file `{}` does not exist", p.display()))
                                    .label("not found")
                                    .hint("LAYER_CODE is relative to the file that defines it; compile the C to LLVM IR first (`clang-14 -O1 -g -fno-inline -S -emit-llvm`)"),
                            );
                    }
                    st.layer_code[li] = Some((p, body.unwrap().span));
                }
                None => self.want_str(r, n, "a string (path of a .ll, .bc or ir2json .json file)"),
            },
            _ => {
                st.prims_given[li] = true;
                match body.and_then(string_list) {
                    Some(ps) => {
                        let mut seen: BTreeMap<String, Span> = BTreeMap::new();
                        for p in ps {
                            if let Some(prev) = seen.insert(p.name.clone(), p.span) {
                                self.diags.push(
                                    Diagnostic::error(
                                        Code::DuplicatePrim,
                                        p.span,
                                        format!(
                                            "primitive `{}` is listed twice in layer `{}`",
                                            p.name, layers[li].name.name
                                        ),
                                    )
                                    .label("again")
                                    .note(prev, "first listed here")
                                    .hint("remove the repetition"),
                                );
                                continue;
                            }
                            layers[li].prims.push(p);
                        }
                    }
                    None => self.diags.push(
                        Diagnostic::error(
                            Code::ReservedMisuse,
                            r.item.span,
                            "LAYER_PRIMS must be a list of string literals",
                        )
                        .label("wrong form")
                        .hint("write `Definition LAYER_PRIMS := \"f\" :: \"g\" :: nil.`"),
                    ),
                }
            }
        }
    }

    /// `LAYER_DATA_INIT`, `LAYER_REFREL` and the layer operations: a definition name or `None`.
    fn layer_reference(&mut self, env: &Env, x: Res<'_>, layers: &mut [Layer], st: &mut Settings) {
        let Res {
            r,
            n,
            li,
            body,
            str_value,
            is_none,
        } = x;
        if is_none {
            return;
        }
        let Some(fname) = str_value else {
            self.want_str(r, n, "a string naming a definition, or `None`");
            return;
        };
        let sp = body.unwrap().span;
        let visible = env.globals.get(&fname).filter(|g| {
            matches!(
                g.kind,
                GlobalKind::Definition | GlobalKind::Fixpoint | GlobalKind::Parameter
            ) && g.layer.is_none_or(|gl| gl <= li)
        });
        let Some(g) = visible else {
            self.diags.push(
                Diagnostic::error(
                    Code::LayerOp,
                    sp,
                    format!(
                        "`{n}` names `{fname}`, which is not a definition visible in layer `{}`",
                        layers[li].name.name
                    ),
                )
                .label("no such definition")
                .hint(format!(
                    "define `{fname}` globally or in this or a lower layer"
                )),
            );
            return;
        };
        let gty = g.ty.clone();
        match n {
            "LAYER_DATA_INIT" => {
                layers[li].data_init = Some(fname.clone());
                st.use_sites.insert((li, "init"), sp);
            }
            "LAYER_INV" => {
                layers[li].inv = Some(fname.clone());
                st.use_sites.insert((li, "inv"), sp);
            }
            "LAYER_REFREL" => {
                if li == 0 {
                    self.diags.push(
                                    Diagnostic::error(Code::RefRel, r.item.span, "the bottom layer has no layer below, so it has no refinement relation")
                                        .label("LAYER_REFREL in the bottom layer")
                                        .hint("remove it; relations are given in the layer above the one they relate to"),
                                );
                    return;
                }
                layers[li].refrel = Some(fname.clone());
                st.use_sites.insert((li, "rel"), sp);
            }
            _ => {
                if !matches!(gty, Some(Ty::Arrow(..)) | None) {
                    self.diags.push(
                        Diagnostic::error(
                            Code::LayerOp,
                            sp,
                            format!(
                                "`{n}` must name a function, but `{fname}` has type `{}`",
                                gty.unwrap()
                            ),
                        )
                        .label("not a function")
                        .hint("see docs/config.md for the signatures of the layer operations"),
                    );
                    return;
                }
                let op = LayerOp::ALL.iter().find(|(_, s)| *s == n).unwrap().0;
                layers[li].ops.insert(op, fname.clone());
                st.op_checks.push((li, op, fname.clone(), sp));
            }
        }
    }

    /// A reserved definition that should be a string literal is not.
    fn want_str(&mut self, r: &Reserved, n: &str, what: &str) {
        self.diags.push(
            Diagnostic::error(
                Code::ReservedMisuse,
                r.item.span,
                format!("`{n}` must be {what}"),
            )
            .label("wrong form")
            .hint(format!("write `Definition {n} := \"…\".`")),
        );
    }
}

/// `"a" :: "b" :: nil` → the strings.
fn string_list(e: &Expr) -> Option<Vec<Ident>> {
    match &e.kind {
        ExprKind::Var(v) if v == "nil" => Some(vec![]),
        ExprKind::Binary(BinOp::Cons, h, t) => {
            let ExprKind::Str(s) = &h.kind else {
                return None;
            };
            let mut rest = string_list(t)?;
            rest.insert(
                0,
                Ident {
                    name: s.clone(),
                    span: h.span,
                },
            );
            Some(rest)
        }
        _ => None,
    }
}
