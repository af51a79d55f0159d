//! Phase 2 — sections: `Section L. … End L.` become layers, bottom-up in source order.
//!
//! Input: the flat declarations of phase 1. Each `Section` opens a [`Layer`] (index = its
//! position; state `()`, no code, no primitives until the reserved phase fills them in), `End`
//! closes it. Every other declaration is tagged with the layer open at that point (`None` outside
//! sections). Declarations named `LAYER_*` or `PROJ_*` are set aside as reserved definitions (with
//! their layer and directory) instead of becoming project items.
//!
//! Diagnostics: `E-CFG007` (Section nested in another, `End` without a Section, `End` with the
//! wrong name, Section never closed), `E-CFG035` (two Sections with one name; both still become
//! layers, so indices stay in source order).
//!
//! Establishes: `layers` (names and indices only), `items` (every non-reserved declaration with its
//! layer, in source order, no `Section`/`End`/`Include` left), `reserved`. The load stops after
//! this phase if parsing failed.

use super::{Layer, Loader, PItem, Reserved};
use crate::ast::{Item, ItemKind};
use crate::types::Ty;
use diag::span::Span;
use diag::{Code, Diagnostic};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The output of the section phase.
pub(super) struct Sections {
    pub layers: Vec<Layer>,
    pub items: Vec<PItem>,
    pub reserved: Vec<Reserved>,
}

impl Loader<'_> {
    pub(super) fn sections(&mut self, flat: Vec<(Item, PathBuf)>) -> Sections {
        let mut layers: Vec<Layer> = vec![];
        let mut cur: Option<(usize, Span)> = None;
        let mut items: Vec<PItem> = vec![];
        let mut reserved: Vec<Reserved> = vec![];
        for (it, dir) in flat {
            match &it.kind {
                ItemKind::Section(n) => {
                    if let Some((i, sp)) = cur {
                        self.diags.push(
                            Diagnostic::error(Code::SectionStructure, it.span, format!("Section `{}` opened inside Section `{}`", n.name, layers[i].name.name))
                                .label("nested Section")
                                .note(sp, "still open")
                                .hint(format!("close the enclosing layer first with `End {}.`; layers do not nest", layers[i].name.name)),
                        );
                        continue;
                    }
                    if let Some(prev) = layers.iter().find(|l| l.name.name == n.name) {
                        self.diags.push(
                            Diagnostic::error(
                                Code::DuplicateLayer,
                                n.span,
                                format!("layer `{}` is declared twice", n.name),
                            )
                            .label("second declaration")
                            .note(prev.name.span, "first declared here")
                            .hint("give every Section a distinct name"),
                        );
                    }
                    layers.push(Layer {
                        name: n.clone(),
                        index: layers.len(),
                        data: Ty::Tuple(vec![]),
                        code: None,
                        prims: vec![],
                        ops: BTreeMap::new(),
                        data_init: None,
                        refrel: None,
                        specs: BTreeMap::new(),
                        loop_bounds: BTreeMap::new(),
                        pres: BTreeMap::new(),
                        inv: None,
                    });
                    cur = Some((layers.len() - 1, it.span));
                }
                ItemKind::End(n) => match cur {
                    None => self.diags.push(
                        Diagnostic::error(
                            Code::SectionStructure,
                            it.span,
                            format!("`End {}.` without an open Section", n.name),
                        )
                        .label("nothing to close")
                        .hint(format!(
                            "remove it, or open the layer with `Section {}.`",
                            n.name
                        )),
                    ),
                    Some((i, sp)) => {
                        if layers[i].name.name != n.name {
                            self.diags.push(
                                Diagnostic::error(
                                    Code::SectionStructure,
                                    n.span,
                                    format!(
                                        "`End {}` closes Section `{}`",
                                        n.name, layers[i].name.name
                                    ),
                                )
                                .label("wrong name")
                                .note(sp, "opened here")
                                .hint(format!("write `End {}.`", layers[i].name.name)),
                            );
                        }
                        cur = None;
                    }
                },
                _ => {
                    let layer = cur.map(|c| c.0);
                    if let Some(n) = it.kind.name() {
                        if n.name.starts_with("LAYER_") || n.name.starts_with("PROJ_") {
                            reserved.push(Reserved {
                                name: n.clone(),
                                item: it.clone(),
                                layer,
                                dir,
                            });
                            continue;
                        }
                    }
                    items.push(PItem { item: it, layer });
                }
            }
        }
        if let Some((i, sp)) = cur {
            self.diags.push(
                Diagnostic::error(
                    Code::SectionStructure,
                    sp,
                    format!("Section `{}` is never closed", layers[i].name.name),
                )
                .label("opened here")
                .hint(format!(
                    "add `End {}.` after the layer's declarations",
                    layers[i].name.name
                )),
            );
        }
        Sections {
            layers,
            items,
            reserved,
        }
    }
}
