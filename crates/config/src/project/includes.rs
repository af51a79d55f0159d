//! Phase 1 — read and parse: the root file and, recursively, every file it `Include`s.
//!
//! Input: the root path and its text. Each file is added to the [`SourceMap`](diag::SourceMap)
//! and parsed; an `Include` is replaced by the declarations of the included file (resolved against
//! the including file's directory), each file at most once.
//!
//! Diagnostics: the lexer's and parser's (`E-CFG001`–`E-CFG004`, `E-CFG008`), `E-CFG005` (an
//! included file cannot be read), `E-CFG006` (include cycle, with a note per enclosing Include).
//!
//! Establishes: the flat list of every declaration in source order (includes expanded in place,
//! `Include` items removed), each with the directory of the file that declares it (reserved
//! definitions resolve paths against it). Later phases may assume no `Include` item remains. If
//! this phase emitted an error, the load stops after the section phase.

use super::{canon, Loader};
use crate::ast::{Item, ItemKind};
use crate::parser::parse_file;
use diag::span::Span;
use diag::{Code, Diagnostic};
use std::path::{Path, PathBuf};

impl Loader<'_> {
    /// Parse the root file and its includes into `(declaration, directory of its file)`.
    pub(super) fn read_files(&mut self, path: &Path, text: String) -> Vec<(Item, PathBuf)> {
        let mut flat = vec![];
        self.parse_rec(path, text, &mut vec![], &mut flat);
        flat
    }

    fn parse_rec(
        &mut self,
        path: &Path,
        text: String,
        stack: &mut Vec<(PathBuf, Span)>,
        out: &mut Vec<(Item, PathBuf)>,
    ) {
        let key = canon(path);
        self.seen.insert(key.clone());
        let fid = self.sm.add(path.to_path_buf(), text);
        let text = self.sm.file(fid).text.clone();
        let items = parse_file(fid, &text, &mut self.diags);
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        for it in items {
            if let ItemKind::Include(rel) = &it.kind {
                let target = dir.join(rel);
                let tkey = canon(&target);
                if tkey == key || stack.iter().any(|(p, _)| canon(p) == tkey) {
                    let mut d = Diagnostic::error(
                        Code::IncludeCycle,
                        it.span,
                        format!("include cycle: `{}` is already being included", target.display()),
                    )
                    .label("includes a file that (indirectly) includes this one")
                    .hint("remove one of the Includes; put shared declarations in a file both can include");
                    for (_, sp) in stack.iter() {
                        d = d.note(*sp, "included from here");
                    }
                    self.diags.push(d);
                    continue;
                }
                if self.seen.contains(&tkey) {
                    continue; // included once only
                }
                match std::fs::read_to_string(&target) {
                    Ok(t) if self.expander.is_some_and(|x| x.handles(&target)) => {
                        // a file of another language: the expander gives its configuration source
                        self.seen.insert(tkey);
                        let fid = self.sm.add(target.clone(), t);
                        let text = self.sm.file(fid).text.clone();
                        let expander = self.expander.expect("checked above");
                        match expander.expand(fid, &target, &text) {
                            Ok(gen) => {
                                let virt = target.with_extension("map.gen.v");
                                stack.push((path.to_path_buf(), it.span));
                                self.parse_rec(&virt, gen, stack, out);
                                stack.pop();
                            }
                            Err(ds) => self.diags.extend(ds),
                        }
                    }
                    Ok(t) => {
                        stack.push((path.to_path_buf(), it.span));
                        self.parse_rec(&target, t, stack, out);
                        stack.pop();
                    }
                    Err(e) => self.diags.push(
                        Diagnostic::error(
                            Code::IncludeNotFound,
                            it.span,
                            format!("cannot read included file `{}`: {e}", target.display()),
                        )
                        .label("included here")
                        .hint("Include paths are relative to the including file's directory"),
                    ),
                }
                continue;
            }
            out.push((it, dir.clone()));
        }
    }
}
