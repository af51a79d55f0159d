//! Access lowering: a memory-map load or store whose address is a mapped path's address (the
//! block known, the offset `c + s₁·i₁ + …` with the indices read off the offset's linear form)
//! becomes the path's abstract access (`if ok i st then Some (get i st) else None`, `set` for a
//! store), guarded by the index bounds of the path's access lemma (`Access/*.v`); the pointer-level
//! access stays as the out-of-bounds fallback. Simplification then prunes the fallback where the
//! path condition implies the bounds. The certificate rewrites the low side's access with the
//! same lemma ([`AccessUse`], coq-lib's `synth_access`), so no memory map is unfolded.

use super::ir::lit_z;
use crate::generate::memory::{access_module, lemma_name};
use crate::spec::{Expr as E, IntOp, Prim, ZCmp, ZOp};
use memmap::{ResolvedMap, Target};

/// One field path of a memory map, as synthesis needs it.
#[derive(Clone, Debug)]
pub struct MapPath {
    /// The code-model ident of the block's global (`PtrGlobal`'s argument).
    pub global: String,
    /// The map's pointer-level load and store.
    pub load: String,
    pub store: String,
    /// Bytes of the scalar.
    pub size: u64,
    /// The constant part of the offset, and per index its stride and length (outermost first).
    pub konst: i128,
    pub indices: Vec<(i128, i128)>,
    /// The abstract location's check, read and write (configuration definitions).
    pub ok: String,
    pub get: String,
    pub set: String,
    /// The access lemmas and the module (in `Access/`) that proves them.
    pub load_lemma: String,
    pub store_lemma: String,
    pub module: String,
}

/// The field paths of every map; `ident` maps an LLVM global to its code-model ident.
pub fn map_paths<'m>(
    maps: impl IntoIterator<Item = &'m ResolvedMap>,
    ident: impl Fn(&str) -> String,
) -> Vec<MapPath> {
    let mut out = vec![];
    for m in maps {
        let Some((load, store, _)) = m.file.functions.clone() else {
            continue;
        };
        for b in &m.blocks {
            for p in &b.paths {
                if !matches!(p.decl.target, Target::Field { .. }) {
                    continue;
                }
                out.push(MapPath {
                    global: ident(&b.global),
                    load: load.clone(),
                    store: store.clone(),
                    size: p.size,
                    konst: p.const_offset() as i128,
                    indices: p
                        .indices()
                        .into_iter()
                        .map(|(_, s, n)| (s as i128, n as i128))
                        .collect(),
                    ok: memmap::gen::ok_fn(b, p),
                    get: memmap::gen::get_fn(b, p),
                    set: memmap::gen::set_fn(b, p),
                    load_lemma: lemma_name(&load, b, p),
                    store_lemma: lemma_name(&store, b, p),
                    module: access_module(b, p),
                });
            }
        }
    }
    out
}

/// A lowered access, for the certificate: the lemma applied to these index terms rewrites the
/// low side's access (`op` kept folded meanwhile); `unfold` are the definitions its right-hand
/// side names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccessUse {
    /// The map's pointer-level operation (kept folded in the certificate: its lemma rewrites it).
    pub op: String,
    pub lemma: String,
    pub indices: Vec<E>,
    pub module: String,
    pub unfold: Vec<String>,
}

/// `e` as `k + Σ aⱼ·tⱼ` over unbounded integers (`+`, `-`, `*` by a literal); other terms are
/// atoms. `None` if a coefficient overflows.
fn linear(e: &E) -> Option<(i128, Vec<(i128, E)>)> {
    linear_in(e, None)
}

/// [`linear`], where `wrap = Some(w)` also reads the wrapping `iadd w`/`imul w` as `+`/`*`:
/// the form is then the value only modulo `2^w`.
fn linear_in(e: &E, wrap: Option<u32>) -> Option<(i128, Vec<(i128, E)>)> {
    if let Some(n) = lit_z(e) {
        return Some((n, vec![]));
    }
    let (op, a) = match e {
        E::Prim(Prim::Z(op @ (ZOp::Add | ZOp::Sub | ZOp::Mul)), a) if a.len() == 2 => (*op, a),
        E::Prim(Prim::Int(IntOp::Add, w), a) if a.len() == 2 && wrap == Some(*w) => (ZOp::Add, a),
        E::Prim(Prim::Int(IntOp::Mul, w), a) if a.len() == 2 && wrap == Some(*w) => (ZOp::Mul, a),
        _ => return Some((0, vec![(1, e.clone())])),
    };
    match op {
        ZOp::Add | ZOp::Sub => {
            let (k1, mut t1) = linear_in(&a[0], wrap)?;
            let (k2, t2) = linear_in(&a[1], wrap)?;
            let sign = if op == ZOp::Add { 1 } else { -1 };
            t1.extend(t2.into_iter().map(|(c, t)| (sign * c, t)));
            Some((k1.checked_add(sign * k2)?, t1))
        }
        _ => {
            let (x, k) = match (lit_z(&a[0]), lit_z(&a[1])) {
                (_, Some(k)) => (&a[0], k),
                (Some(k), _) => (&a[1], k),
                _ => return Some((0, vec![(1, e.clone())])),
            };
            let (c, t) = linear_in(x, wrap)?;
            let t: Option<Vec<(i128, E)>> = t
                .into_iter()
                .map(|(a, t)| Some((k.checked_mul(a)?, t)))
                .collect();
            Some((k.checked_mul(c)?, t?))
        }
    }
}

/// The offset of a `w`-bit pointer addition as a linear form. When the outermost operation is a
/// wrapping `iadd w`/`imul w` (an offset computed in `iN`, e.g. `imul 64 i 16`), the offset is
/// the form modulo `2^w` (sums and products commute with `mod`), so it is the form itself wherever
/// the form lies in `[0, 2^w)` — as every address of a path does under the index bounds the
/// lowering guards the access with ([`fits_signed`]). Constants and coefficients are taken as
/// their signed representatives (`iadd 64 x (2^64 - 8)` is `x - 8`).
fn offset_linear(off: &E, w: u32) -> Option<(i128, Vec<(i128, E)>)> {
    let wrapped = matches!(off, E::Prim(Prim::Int(IntOp::Add | IntOp::Mul, w2), _) if *w2 == w);
    if !wrapped || !(2..=64).contains(&w) {
        return linear(off);
    }
    let (k, terms) = linear_in(off, Some(w))?;
    let m = 1i128 << w;
    let signed = |x: i128| {
        let r = x.rem_euclid(m);
        if r >= m / 2 {
            r - m
        } else {
            r
        }
    };
    let terms = terms
        .into_iter()
        .map(|(c, t)| (signed(c), t))
        .filter(|(c, _)| *c != 0)
        .collect();
    Some((signed(k), terms))
}

fn add(a: E, b: E) -> E {
    E::prim(Prim::Z(ZOp::Add), vec![a, b])
}

/// The indices `i` with `off = konst + Σ sₖ·iₖ` (as integers, or modulo `2^w` for an offset
/// computed in `iN`: [`offset_linear`]), or `None`. Each term goes
/// to the largest stride dividing its coefficient, the constant to the strides outermost first.
fn indices_of(p: &MapPath, w: u32, off: &E) -> Option<Vec<E>> {
    let (k, terms) = offset_linear(off, w)?;
    if p.indices.is_empty() {
        return (terms.is_empty() && k == p.konst).then(Vec::new);
    }
    let mut idx: Vec<Option<E>> = vec![None; p.indices.len()];
    let mut push = |i: usize, t: E| {
        idx[i] = Some(match idx[i].take() {
            None => t,
            Some(x) => add(x, t),
        });
    };
    for (c, t) in terms {
        let (i, s) = p
            .indices
            .iter()
            .enumerate()
            .filter(|(_, (s, _))| c % s == 0)
            .max_by_key(|(_, (s, _))| *s)
            .map(|(i, (s, _))| (i, *s))?;
        let q = c / s;
        push(
            i,
            if q == 1 {
                t
            } else {
                E::prim(Prim::Z(ZOp::Mul), vec![t, E::z(q)])
            },
        );
    }
    let mut rest = k - p.konst;
    for (i, (s, _)) in p.indices.iter().enumerate() {
        let q = rest.div_euclid(*s);
        rest -= q * s;
        if q != 0 {
            push(i, E::z(q));
        }
    }
    if rest != 0 {
        return None;
    }
    let idx: Vec<E> = idx.into_iter().map(|x| x.unwrap_or(E::z(0))).collect();
    // an index that is a literal out of its range: another path's address (or none)
    let in_range = idx
        .iter()
        .zip(&p.indices)
        .all(|(i, (_, n))| match lit_z(i) {
            Some(q) => 0 <= q && q < *n,
            None => true,
        });
    in_range.then_some(idx)
}

/// How unlikely indices are as the ones the code meant: scaled terms, then the size of the
/// constant parts.
fn unlikeliness(idx: &[E]) -> (usize, i128) {
    let mut scaled = 0;
    let mut konst = 0i128;
    for i in idx {
        let Some((k, terms)) = linear(i) else {
            continue;
        };
        scaled += terms.iter().filter(|(c, _)| *c != 1).count();
        konst = konst.saturating_add(k.saturating_abs());
    }
    (scaled, konst)
}

/// `0 <= i < n` for every index (`true` for a path without indices).
fn bounds(p: &MapPath, idx: &[E]) -> E {
    let mut cs = vec![];
    for (i, (_, n)) in idx.iter().zip(&p.indices) {
        cs.push(E::prim(Prim::ZCmp(ZCmp::Le), vec![E::z(0), i.clone()]));
        cs.push(E::prim(Prim::ZCmp(ZCmp::Lt), vec![i.clone(), E::z(*n)]));
    }
    cs.into_iter()
        .reduce(|a, b| E::prim(Prim::And, vec![a, b]))
        .unwrap_or(E::bool(true))
}

/// The global, offset width and offset of `ptr_add (Ptr (Bglob g) 0) w off`.
fn global_offset(ptr: &E) -> Option<(&str, u32, &E)> {
    match ptr {
        E::Prim(Prim::PtrAdd(w), a) if a.len() == 2 => match &a[0] {
            E::Prim(Prim::PtrGlobal(g), _) => Some((g.as_str(), *w, &a[1])),
            _ => None,
        },
        _ => None,
    }
}

/// The pointer's offset is `signed w off`: the offset itself for every in-bounds index of `p`.
fn fits_signed(p: &MapPath, w: u32) -> bool {
    let last: i128 =
        p.konst + p.indices.iter().map(|(s, n)| s * (n - 1)).sum::<i128>() + p.size as i128;
    (2..=64).contains(&w) && last < (1i128 << (w - 1))
}

/// Lower every access of `e` at a mapped path's address; the uses are collected for the
/// certificate (in order of first appearance), `matched` counts the accesses lowered.
pub fn lower(paths: &[MapPath], e: &E, uses: &mut Vec<AccessUse>, matched: &mut usize) -> E {
    let mut rec = |x: &E, uses: &mut Vec<AccessUse>| lower(paths, x, uses, matched);
    match e {
        E::Call(f, a) => {
            let a: Vec<E> = a.iter().map(|x| rec(x, uses)).collect();
            let orig = E::Call(f.clone(), a.clone());
            let is_load = paths.iter().any(|p| &p.load == f) && a.len() == 3;
            let is_store = paths.iter().any(|p| &p.store == f) && a.len() == 4;
            if !(is_load || is_store) {
                return orig;
            }
            let (Some(sz), Some((g, w, off))) = (lit_z(&a[0]), global_offset(&a[1])) else {
                return orig;
            };
            // the paths whose address this can be; the likeliest is the one whose indices are
            // the offset's terms themselves (a term scaled, or a large constant, is another
            // array's element at an index the code cannot have meant)
            let best = paths
                .iter()
                .filter(|p| {
                    p.global == g
                        && p.size as i128 == sz
                        && (if is_load { &p.load } else { &p.store }) == f
                        && fits_signed(p, w)
                })
                .filter_map(|p| indices_of(p, w, off).map(|idx| (p, idx)))
                .min_by_key(|(_, idx)| unlikeliness(idx));
            let Some((p, idx)) = best else {
                return orig;
            };
            let st = a.last().expect("an access has a state").clone();
            let with = |extra: Vec<E>| {
                let mut v = idx.clone();
                v.extend(extra);
                v
            };
            let ok = E::call(p.ok.clone(), with(vec![st.clone()]));
            let (abs, lemma, unfold) = if is_load {
                (
                    E::some(E::call(p.get.clone(), with(vec![st]))),
                    p.load_lemma.clone(),
                    vec![p.ok.clone(), p.get.clone()],
                )
            } else {
                (
                    E::some(E::call(p.set.clone(), with(vec![a[2].clone(), st]))),
                    p.store_lemma.clone(),
                    vec![p.ok.clone(), p.set.clone()],
                )
            };
            let u = AccessUse {
                op: f.clone(),
                lemma,
                indices: idx.clone(),
                module: p.module.clone(),
                unfold,
            };
            if !uses.contains(&u) {
                uses.push(u);
            }
            *matched += 1;
            E::if_(bounds(p, &idx), E::if_(ok, abs, E::None), orig)
        }
        _ => super::ir::map_children(e, &mut |x| rec(x, uses)),
    }
}

/// Calls of the maps' pointer-level load and store in `e`.
pub fn count_raw(paths: &[MapPath], e: &E) -> usize {
    let mut n = 0;
    count(paths, e, &mut n);
    n
}

fn count(paths: &[MapPath], e: &E, n: &mut usize) {
    if let E::Call(f, _) = e {
        if paths.iter().any(|p| &p.load == f || &p.store == f) {
            *n += 1;
        }
    }
    for c in e.children() {
        count(paths, c, n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(konst: i128, indices: Vec<(i128, i128)>) -> MapPath {
        MapPath {
            global: "g".into(),
            load: "ld".into(),
            store: "sto".into(),
            size: 8,
            konst,
            indices,
            ok: "ok".into(),
            get: "get".into(),
            set: "set".into(),
            load_lemma: "ld_p".into(),
            store_lemma: "sto_p".into(),
            module: "p".into(),
        }
    }
    fn mul(a: E, k: i128) -> E {
        E::prim(Prim::Z(ZOp::Mul), vec![a, E::z(k)])
    }

    #[test]
    fn two_indices_and_a_shifted_constant() {
        let p = path(1000, vec![(768, 16), (96, 5)]);
        let off = add(
            add(mul(E::var("v"), 768), mul(E::var("l"), 96)),
            E::z(1000 + 96),
        );
        let idx = indices_of(&p, 64, &off).expect("matches");
        assert_eq!(idx[0], E::var("v"));
        assert_eq!(idx[1], add(E::var("l"), E::z(1)));
        // another field of the same element: no whole multiple of the inner stride
        assert!(indices_of(&p, 64, &add(mul(E::var("v"), 768), E::z(1004))).is_none());
        // a coefficient no stride divides
        assert!(indices_of(&p, 64, &add(mul(E::var("v"), 100), E::z(1000))).is_none());
    }

    #[test]
    fn an_offset_computed_in_i64_is_read_modulo_2_64() {
        let int = |op, a: E, b: E| E::prim(Prim::Int(op, 64), vec![a, b]);
        let p = path(1136, vec![(16, 4096)]);
        // `gep inbounds … i64 %index` with nsw flags: imul 64 i 16, then iadd 64 … 1136
        let off = int(
            IntOp::Add,
            int(IntOp::Mul, E::var("i"), E::z(16)),
            E::z(1136),
        );
        assert_eq!(indices_of(&p, 64, &off), Some(vec![E::var("i")]));
        // `i - 1` in 64-bit arithmetic: the constant is read as its signed value
        let q = path(0, vec![(16, 4096)]);
        let off = int(
            IntOp::Add,
            int(IntOp::Mul, E::var("i"), E::z(16)),
            E::z((1 << 64) - 16),
        );
        assert_eq!(
            indices_of(&q, 64, &off),
            Some(vec![add(E::var("i"), E::z(-1))])
        );
        // a 32-bit operation under a 64-bit offset is an atom (its wrap is another modulus)
        let off = int(
            IntOp::Add,
            E::prim(Prim::Int(IntOp::Mul, 32), vec![E::var("i"), E::z(16)]),
            E::z(1136),
        );
        assert_eq!(indices_of(&p, 64, &off), None);
        // an integer sum over a wrapped product is not reduced modulo 2^64: no match
        let off = add(int(IntOp::Mul, E::var("i"), E::z(16)), E::z(1136));
        assert_eq!(indices_of(&p, 64, &off), None);
    }

    #[test]
    fn prefers_the_path_whose_indices_are_the_terms() {
        // a per-CPU field at 1776 of 1792-byte elements, and an 8-byte array the same offset
        // also falls in (index 224·c + 4212814, which the code cannot mean)
        let mut cpu = path(33703280, vec![(1792, 16)]);
        cpu.module = "cpu".into();
        let mut arr = path(1136, vec![(8, 32)]);
        arr.module = "arr".into();
        let off = add(mul(E::var("c"), 1792), E::z(33703280));
        let ptr = E::prim(
            Prim::PtrAdd(64),
            vec![E::prim(Prim::PtrGlobal("g".into()), vec![]), off],
        );
        let store = E::call("sto", vec![E::z(8), ptr, E::var("x"), E::var("st")]);
        for paths in [vec![arr.clone(), cpu.clone()], vec![cpu, arr]] {
            let mut uses = vec![];
            lower(&paths, &store, &mut uses, &mut 0);
            assert_eq!(uses.len(), 1);
            assert_eq!(uses[0].module, "cpu");
            assert_eq!(uses[0].indices, vec![E::var("c")]);
        }
    }

    #[test]
    fn lowers_a_load_with_its_bounds_and_fallback() {
        let p = path(16, vec![(8, 4)]);
        let ptr = E::prim(
            Prim::PtrAdd(64),
            vec![
                E::prim(Prim::PtrGlobal("g".into()), vec![]),
                add(mul(E::var("i"), 8), E::z(16)),
            ],
        );
        let load = E::call("ld", vec![E::z(8), ptr.clone(), E::var("st")]);
        let mut uses = vec![];
        let out = lower(std::slice::from_ref(&p), &load, &mut uses, &mut 0);
        let E::If(c, then, fallback) = out else {
            panic!("not lowered: {out:?}")
        };
        assert_eq!(*c, bounds(&p, &[E::var("i")]));
        assert_eq!(*fallback, load);
        assert!(matches!(*then, E::If(..)));
        assert_eq!(uses.len(), 1);
        assert_eq!(uses[0].indices, vec![E::var("i")]);
        // a 4-byte access of an 8-byte path stays as it is
        let small = E::call("ld", vec![E::z(4), ptr, E::var("st")]);
        assert_eq!(lower(&[p], &small, &mut vec![], &mut 0), small);
    }
}
