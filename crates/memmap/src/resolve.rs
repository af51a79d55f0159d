//! Resolving a map against the IR: every path's byte offset, strides and bounds from the module's
//! struct layouts and debug-info member names, checked against what the map states.

use crate::syntax::{Block, MapFile, PathDecl, Target};
use diag::{Code, Diagnostic};
use ir2json::layout::Layout;
use ir2json::{Module, Type};

/// One step of a resolved path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// Into member `name` at `offset` of its struct (`size` bytes).
    Field {
        name: String,
        offset: u64,
        size: u64,
    },
    /// Element `var` of an array of `len` elements of `stride` bytes.
    Index { var: String, stride: u64, len: u64 },
}

/// A path with its layout: the address is `block + Σ field offsets + Σ var · stride`.
#[derive(Clone, Debug)]
pub struct RPath {
    pub decl: PathDecl,
    pub steps: Vec<Step>,
    /// Bytes of the scalar at the end of the path.
    pub size: u64,
    /// An identifier for the path (`s2_pages_vmid`), unique in its block.
    pub id: String,
}

impl RPath {
    /// The constant part of the offset (all field offsets).
    pub fn const_offset(&self) -> u64 {
        self.steps
            .iter()
            .map(|s| match s {
                Step::Field { offset, .. } => *offset,
                Step::Index { .. } => 0,
            })
            .sum()
    }
    /// The index variables with their strides and bounds, outermost first.
    pub fn indices(&self) -> Vec<(String, u64, u64)> {
        self.steps
            .iter()
            .filter_map(|s| match s {
                Step::Index { var, stride, len } => Some((var.clone(), *stride, *len)),
                Step::Field { .. } => None,
            })
            .collect()
    }
    pub fn is_lock_word(&self) -> bool {
        matches!(self.decl.target, Target::LockWord(_))
    }
}

#[derive(Clone, Debug)]
pub struct RBlock {
    pub name: String,
    pub global: String,
    pub struct_ty: String,
    pub size: u64,
    pub paths: Vec<RPath>,
}

/// A resolved map.
#[derive(Clone, Debug)]
pub struct ResolvedMap {
    pub file: MapFile,
    pub blocks: Vec<RBlock>,
}

/// Resolve every block and path of `m` against `module`; every disagreement is a diagnostic
/// (located at the line that states it) and the map is returned only when there is none.
pub fn resolve(m: &MapFile, module: &Module) -> Result<ResolvedMap, Vec<Diagnostic>> {
    let lay = Layout::new(module);
    let mut diags = vec![];
    let mut blocks = vec![];
    let mut names = std::collections::BTreeSet::new();
    for b in &m.blocks {
        if !names.insert(b.name.clone()) {
            diags.push(
                Diagnostic::error(
                    Code::MapDuplicate,
                    b.span,
                    format!("block `{}` is given twice", b.name),
                )
                .hint("give each block a different name"),
            );
            continue;
        }
        if let Some(rb) = resolve_block(b, module, &lay, &mut diags) {
            blocks.push(rb);
        }
    }
    if diags.is_empty() {
        Ok(ResolvedMap {
            file: m.clone(),
            blocks,
        })
    } else {
        Err(diags)
    }
}

fn resolve_block(
    b: &Block,
    module: &Module,
    lay: &Layout,
    diags: &mut Vec<Diagnostic>,
) -> Option<RBlock> {
    let root = Type::Named {
        name: b.struct_ty.clone(),
    };
    let Some(ns) = module
        .named_struct(&b.struct_ty)
        .filter(|s| s.body.is_some())
    else {
        diags.push(
            Diagnostic::error(
                Code::MapUnknownType,
                b.span,
                format!("the code has no struct type `%{}`", b.struct_ty),
            )
            .label("no such struct")
            .hint("name an LLVM struct type of the code, e.g. `struct.el2_data` (without `%`)"),
        );
        return None;
    };
    let size = lay.alloc_size(&root).ok()?;
    if let Some(s) = b.size.filter(|s| *s != size) {
        diags.push(
            Diagnostic::error(
                Code::MapSize,
                b.span,
                format!("`%{}` is {size} bytes in the IR, the map says {s}", ns.name),
            )
            .label("wrong size")
            .hint(format!("write `size {size}` (or leave it out)")),
        );
    }
    let mut paths: Vec<RPath> = vec![];
    for p in &b.paths {
        let Some(rp) = resolve_path(p, &root, module, lay, diags) else {
            continue;
        };
        if paths.iter().any(|q| q.steps_eq(&rp)) {
            diags.push(
                Diagnostic::error(
                    Code::MapDuplicate,
                    p.span,
                    format!("path `{}` is mapped twice", p.display()),
                )
                .hint("keep one line per field"),
            );
            continue;
        }
        paths.push(rp);
    }
    // distinct identifiers
    let mut seen = std::collections::BTreeMap::<String, usize>::new();
    for p in &mut paths {
        let n = seen.entry(p.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            p.id = format!("{}_{}", p.id, *n);
        }
    }
    Some(RBlock {
        name: b.name.clone(),
        global: b.global.clone(),
        struct_ty: b.struct_ty.clone(),
        size,
        paths,
    })
}

impl RPath {
    /// Same bytes: the same fields and arrays (index variable names aside).
    fn steps_eq(&self, other: &RPath) -> bool {
        self.steps.len() == other.steps.len()
            && self
                .steps
                .iter()
                .zip(&other.steps)
                .all(|(a, b)| match (a, b) {
                    (Step::Field { offset: x, .. }, Step::Field { offset: y, .. }) => x == y,
                    (Step::Index { stride: x, .. }, Step::Index { stride: y, .. }) => x == y,
                    _ => false,
                })
    }
}

fn resolve_path(
    p: &PathDecl,
    root: &Type,
    module: &Module,
    lay: &Layout,
    diags: &mut Vec<Diagnostic>,
) -> Option<RPath> {
    let mut ty = root.clone();
    let mut steps = vec![];
    let mut err = |code: Code, msg: String, hint: String| {
        diags.push(
            Diagnostic::error(code, p.span, msg)
                .label(p.display())
                .hint(hint),
        );
    };
    let n = p.segments.len();
    for (k, seg) in p.segments.iter().enumerate() {
        let (fields, layout) = match struct_of(&ty, module) {
            Some(x) => x,
            None => {
                err(
                    Code::MapUnknownField,
                    format!(
                        "`{}` is not a struct, it has no member `{}`",
                        type_name(&ty),
                        seg.field
                    ),
                    "a path goes through struct members down to one scalar".into(),
                );
                return None;
            }
        };
        let Some(chain) = member_chain(&fields, &layout, &seg.field, module, 0) else {
            let known: Vec<&str> = layout
                .fields
                .iter()
                .filter_map(|f| f.debug_name.as_deref())
                .collect();
            err(
                Code::MapUnknownField,
                format!("`{}` has no member `{}`", type_name(&ty), seg.field),
                format!("its members (debug-info names): {}", known.join(", ")),
            );
            return None;
        };
        // the anonymous members (C11) the member is reached through, then the member itself
        let ((fl, fty), through) = chain.split_last()?;
        for (afl, _) in through {
            steps.push(Step::Field {
                name: String::new(),
                offset: afl.offset,
                size: afl.size,
            });
        }
        if k + 1 == n {
            // C's `offsetof`: through anonymous members, from the named struct
            let c_offset = through.iter().map(|(f, _)| f.offset).sum::<u64>() + fl.offset;
            if let Some(o) = p.offset.filter(|o| *o != c_offset) {
                err(
                    Code::MapOffset,
                    format!(
                        "`{}` is at offset {c_offset} of `{}` in the IR, the map says {o}",
                        seg.field,
                        type_name(&ty)
                    ),
                    format!("write `@ {c_offset}` (or leave it out)"),
                );
                return None;
            }
        }
        steps.push(Step::Field {
            name: seg.field.clone(),
            offset: fl.offset,
            size: fl.size,
        });
        ty = fty.clone();
        if let Some(var) = &seg.index {
            let Type::Array { len, elem } = &ty else {
                err(
                    Code::MapIndex,
                    format!(
                        "`{}` is indexed with `[{var}]` but is not an array ({})",
                        seg.field,
                        type_name(&ty)
                    ),
                    format!("write `{}` without an index", seg.field),
                );
                return None;
            };
            let stride = lay.alloc_size(elem).ok()?;
            steps.push(Step::Index {
                var: var.clone(),
                stride,
                len: *len,
            });
            ty = (**elem).clone();
        } else if matches!(ty, Type::Array { .. }) {
            err(
                Code::MapIndex,
                format!("`{}` is an array: the path must index it", seg.field),
                format!("write `{}[i]` with an index variable", seg.field),
            );
            return None;
        }
    }
    let size = match &ty {
        Type::Int { bits } => (*bits as u64).div_ceil(8),
        Type::Ptr { .. } => 8,
        _ if p.is_lock_word_decl() => lay.alloc_size(&ty).ok()?,
        _ => {
            err(
                Code::MapNotScalar,
                format!(
                    "`{}` ends at `{}`, not at an integer or pointer",
                    p.display(),
                    type_name(&ty)
                ),
                "continue the path down to a scalar member".into(),
            );
            return None;
        }
    };
    if let Some(s) = p.size.filter(|s| *s != size) {
        err(
            Code::MapSize,
            format!(
                "`{}` is {size} bytes in the IR, the map says {s}",
                p.display()
            ),
            format!("write `: {size}` (or leave it out)"),
        );
        return None;
    }
    let id = p
        .segments
        .iter()
        .map(|s| s.field.as_str())
        .collect::<Vec<_>>()
        .join("_");
    Some(RPath {
        decl: p.clone(),
        steps,
        size,
        id,
    })
}

impl PathDecl {
    fn is_lock_word_decl(&self) -> bool {
        matches!(self.target, Target::LockWord(_))
    }
}

/// The member types and layout of a named or literal struct.
/// The member `name` of a struct with these field types and layout: the field with that
/// debug-info name, or one reached through anonymous members (fields without a name whose type
/// is a struct or union, C11), as the chain of fields from the outermost.
fn member_chain(
    fields: &[Type],
    layout: &ir2json::StructLayout,
    name: &str,
    module: &Module,
    depth: usize,
) -> Option<Vec<(ir2json::FieldLayout, Type)>> {
    if let Some(i) = layout
        .fields
        .iter()
        .position(|f| f.debug_name.as_deref() == Some(name))
    {
        return Some(vec![(layout.fields[i].clone(), fields[i].clone())]);
    }
    if depth > 8 {
        return None;
    }
    layout
        .fields
        .iter()
        .zip(fields)
        .filter(|(f, _)| f.debug_name.is_none())
        .find_map(|(f, t)| {
            let (inner_fields, inner_layout) = struct_of(t, module)?;
            let mut chain = member_chain(&inner_fields, &inner_layout, name, module, depth + 1)?;
            // offsets in the chain are relative to each enclosing member
            chain.insert(0, (f.clone(), t.clone()));
            Some(chain)
        })
}

fn struct_of(t: &Type, module: &Module) -> Option<(Vec<Type>, ir2json::StructLayout)> {
    match t {
        Type::Named { name } => {
            let b = module.named_struct(name)?.body.as_ref()?;
            Some((b.fields.clone(), b.layout.clone()?))
        }
        _ => None,
    }
}

fn type_name(t: &Type) -> String {
    match t {
        Type::Named { name } => format!("%{name}"),
        Type::Int { bits } => format!("i{bits}"),
        Type::Ptr { .. } => "a pointer".into(),
        Type::Array { len, .. } => format!("an array of {len}"),
        _ => "this type".into(),
    }
}
