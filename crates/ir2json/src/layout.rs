//! Type sizes, alignments and field offsets of model [`Type`]s under the module's DataLayout string,
//! without LLVM (the model may come from JSON). Named structs use the layouts LLVM computed when the
//! module was read ([`StructLayout`]); everything else (literal structs, arrays, vectors, scalars) is
//! laid out here by LangRef's rules. This is the one DataLayout implementation of the workspace
//! (ir2coq lowers GEPs and `alloca` with it); tests check it against LLVM's struct layouts.

use crate::{FpKind, Module, StructLayout, Type};
use std::collections::HashMap;

/// Why a size could not be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LayoutError {
    #[error("type {0} has no size (opaque or unsized)")]
    Unsized(String),
    #[error("struct {0} has no layout in the IR model")]
    NoLayout(String),
}

/// Parsed DataLayout plus the module's named struct layouts.
pub struct Layout<'m> {
    /// (bit width, ABI alignment in bytes), sorted by width.
    ints: Vec<(u32, u64)>,
    floats: HashMap<u32, u64>,
    vectors: Vec<(u64, u64)>,
    ptr_size: u64,
    ptr_align: u64,
    aggr_align: u64,
    named: HashMap<&'m str, Option<&'m StructLayout>>,
}

fn parse_num(s: &str) -> Option<u64> {
    s.parse().ok()
}

impl<'m> Layout<'m> {
    pub fn new(m: &'m Module) -> Layout<'m> {
        let mut l = Layout {
            ints: vec![(1, 1), (8, 1), (16, 2), (32, 4), (64, 4)],
            floats: [(16, 2), (32, 4), (64, 8), (128, 16)].into_iter().collect(),
            vectors: vec![(64, 8), (128, 16)],
            ptr_size: 8,
            ptr_align: 8,
            aggr_align: 1,
            named: m
                .types
                .iter()
                .map(|t| {
                    (
                        t.name.as_str(),
                        t.body.as_ref().and_then(|b| b.layout.as_ref()),
                    )
                })
                .collect(),
        };
        for spec in m.data_layout.split('-') {
            let parts: Vec<&str> = spec.split(':').collect();
            let head = parts[0];
            let abi = parts
                .get(1)
                .and_then(|s| parse_num(s))
                .map(|b| (b / 8).max(1));
            if head == "p" || head == "p0" {
                if let (Some(sz), Some(a)) = (
                    parts.get(1).and_then(|s| parse_num(s)),
                    parts.get(2).and_then(|s| parse_num(s)),
                ) {
                    l.ptr_size = sz / 8;
                    l.ptr_align = (a / 8).max(1);
                }
            } else if let Some(w) = head.strip_prefix('i').and_then(|s| s.parse::<u32>().ok()) {
                if let Some(a) = abi {
                    l.ints.retain(|(x, _)| *x != w);
                    l.ints.push((w, a));
                    l.ints.sort();
                }
            } else if let Some(w) = head.strip_prefix('f').and_then(|s| s.parse::<u32>().ok()) {
                if let Some(a) = abi {
                    l.floats.insert(w, a);
                }
            } else if let Some(w) = head.strip_prefix('v').and_then(|s| s.parse::<u64>().ok()) {
                if let Some(a) = abi {
                    l.vectors.retain(|(x, _)| *x != w);
                    l.vectors.push((w, a));
                    l.vectors.sort();
                }
            } else if head == "a" {
                if let Some(a) = parts.get(1).and_then(|s| parse_num(s)) {
                    l.aggr_align = (a / 8).max(1);
                }
            }
        }
        l
    }

    fn int_align(&self, w: u32) -> u64 {
        // LLVM: the smallest listed width >= w, else the largest listed one.
        self.ints
            .iter()
            .find(|(x, _)| *x >= w)
            .or(self.ints.last())
            .map(|p| p.1)
            .unwrap_or(8)
    }

    /// ABI alignment in bytes.
    pub fn align(&self, t: &Type) -> Result<u64, LayoutError> {
        Ok(match t {
            Type::Int { bits } => self.int_align(*bits),
            Type::Float { fp } => match fp {
                FpKind::Half | FpKind::Bfloat => *self.floats.get(&16).unwrap_or(&2),
                FpKind::Float => *self.floats.get(&32).unwrap_or(&4),
                FpKind::Double => *self.floats.get(&64).unwrap_or(&8),
                FpKind::X86Fp80 => *self.floats.get(&80).unwrap_or(&16),
                FpKind::Fp128 | FpKind::PpcFp128 => *self.floats.get(&128).unwrap_or(&16),
            },
            Type::Ptr { .. } => self.ptr_align,
            Type::Array { elem, .. } => self.align(elem)?,
            Type::Vector { elem, len, .. } => {
                let bits = self.store_size(elem)? * 8 * len;
                match self.vectors.iter().find(|(w, _)| *w == bits) {
                    Some((_, a)) => *a,
                    None => bits.div_ceil(8).next_power_of_two().max(1),
                }
            }
            Type::Struct { fields, packed } => {
                if *packed {
                    1
                } else {
                    let mut a = self.aggr_align;
                    for f in fields {
                        a = a.max(self.align(f)?);
                    }
                    a
                }
            }
            Type::Named { name } => match self.named.get(name.as_str()) {
                Some(Some(l)) => l.align,
                _ => return Err(LayoutError::NoLayout(name.clone())),
            },
            Type::X86Mmx => 8,
            other => return Err(LayoutError::Unsized(format!("{other:?}"))),
        })
    }

    /// Store size in bytes (no tail padding for scalars).
    pub fn store_size(&self, t: &Type) -> Result<u64, LayoutError> {
        Ok(match t {
            Type::Int { bits } => (*bits as u64).div_ceil(8),
            Type::Float { fp } => match fp {
                FpKind::Half | FpKind::Bfloat => 2,
                FpKind::Float => 4,
                FpKind::Double => 8,
                FpKind::X86Fp80 => 10,
                FpKind::Fp128 | FpKind::PpcFp128 => 16,
            },
            Type::Ptr { .. } => self.ptr_size,
            Type::Vector { elem, len, .. } => (self.prim_bits(elem)? * len).div_ceil(8),
            _ => self.alloc_size(t)?,
        })
    }

    fn prim_bits(&self, t: &Type) -> Result<u64, LayoutError> {
        Ok(match t {
            Type::Int { bits } => *bits as u64,
            _ => self.store_size(t)? * 8,
        })
    }

    /// Allocation size in bytes (store size rounded up to the ABI alignment): the GEP stride.
    pub fn alloc_size(&self, t: &Type) -> Result<u64, LayoutError> {
        Ok(match t {
            Type::Array { elem, len } => self.alloc_size(elem)? * len,
            Type::Struct { .. } => self.struct_layout_literal(t)?.0,
            Type::Named { name } => match self.named.get(name.as_str()) {
                Some(Some(l)) => l.size,
                _ => return Err(LayoutError::NoLayout(name.clone())),
            },
            _ => {
                let s = self.store_size(t)?;
                let a = self.align(t)?;
                s.div_ceil(a) * a
            }
        })
    }

    /// Byte offset of field `i` of a struct type (named or literal).
    pub fn field_offset(&self, t: &Type, i: usize) -> Result<u64, LayoutError> {
        match t {
            Type::Named { name } => match self.named.get(name.as_str()) {
                Some(Some(l)) => l
                    .fields
                    .get(i)
                    .map(|f| f.offset)
                    .ok_or_else(|| LayoutError::NoLayout(format!("{name} field {i}"))),
                _ => Err(LayoutError::NoLayout(name.clone())),
            },
            _ => self
                .struct_layout_literal(t)?
                .1
                .get(i)
                .copied()
                .ok_or_else(|| LayoutError::Unsized(format!("field {i} of {t:?}"))),
        }
    }

    /// (size, field offsets) of a literal struct type.
    fn struct_layout_literal(&self, t: &Type) -> Result<(u64, Vec<u64>), LayoutError> {
        let Type::Struct { fields, packed } = t else {
            return Err(LayoutError::Unsized(format!("{t:?}")));
        };
        let mut off = 0u64;
        let mut offs = Vec::with_capacity(fields.len());
        let mut max_a = 1;
        for f in fields {
            let a = if *packed { 1 } else { self.align(f)? };
            max_a = max_a.max(a);
            off = off.div_ceil(a) * a;
            offs.push(off);
            off += self.alloc_size(f)?;
        }
        if !*packed {
            off = off.div_ceil(max_a) * max_a;
        }
        Ok((off, offs))
    }
}
