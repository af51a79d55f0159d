//! Sequentialising parallel copies (φ-elimination).
//!
//! The φ-nodes of a block read their incoming values *simultaneously* at the end of the predecessor.
//! [`sequentialize`] turns such a parallel copy `d1, …, dn := s1, …, sn` into an equivalent list of
//! sequential moves, breaking cycles (swaps, rotations) with fresh temporaries.

/// One sequential move `dst := src`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Move<V, S> {
    /// `dst := src` where `src` is a source operand (variable or constant).
    Copy { dst: V, src: S },
    /// `tmp := var`: save a variable into temporary number `tmp`.
    Save { tmp: u32, var: V },
    /// `dst := tmp`.
    Restore { dst: V, tmp: u32 },
}

/// A source operand of a parallel copy: either a variable that may be a destination of the same copy,
/// or something else (constant, global, a variable that is not a destination).
pub trait Source<V> {
    fn as_var(&self) -> Option<&V>;
}

/// Turn the parallel copy `copies` (destinations pairwise distinct) into sequential moves with the same
/// effect. `next_tmp` numbers the temporaries used to break cycles; at most one temporary per cycle.
pub fn sequentialize<V: Clone + Eq, S: Clone + Source<V>>(
    copies: &[(V, S)],
    next_tmp: &mut u32,
) -> Vec<Move<V, S>> {
    enum Src<S> {
        Orig(S),
        Tmp(u32),
    }
    // Drop self-copies `x := x`.
    let mut pending: Vec<(V, Src<S>)> = copies
        .iter()
        .filter(|(d, s)| s.as_var() != Some(d))
        .map(|(d, s)| (d.clone(), Src::Orig(s.clone())))
        .collect();
    let mut out = Vec::with_capacity(pending.len() + 2);
    while !pending.is_empty() {
        // A move whose destination no pending move still reads can run now.
        let ready = (0..pending.len()).find(|&i| {
            let d = &pending[i].0;
            !pending.iter().any(|(_, s)| match s {
                Src::Orig(s) => s.as_var() == Some(d),
                Src::Tmp(_) => false,
            })
        });
        match ready {
            Some(i) => {
                let (dst, src) = pending.remove(i);
                out.push(match src {
                    Src::Orig(src) => Move::Copy { dst, src },
                    Src::Tmp(tmp) => Move::Restore { dst, tmp },
                });
            }
            None => {
                // Only cycles are left: save the first destination and redirect its readers.
                let v = pending[0].0.clone();
                let tmp = *next_tmp;
                *next_tmp += 1;
                out.push(Move::Save {
                    tmp,
                    var: v.clone(),
                });
                for (_, s) in pending.iter_mut() {
                    if let Src::Orig(o) = s {
                        if o.as_var() == Some(&v) {
                            *s = Src::Tmp(tmp);
                        }
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[derive(Clone, Debug, PartialEq, Eq)]
    enum Op {
        Var(u8),
        Const(i64),
    }
    impl Source<u8> for Op {
        fn as_var(&self) -> Option<&u8> {
            match self {
                Op::Var(v) => Some(v),
                Op::Const(_) => None,
            }
        }
    }

    fn run_parallel(env: &HashMap<u8, i64>, copies: &[(u8, Op)]) -> HashMap<u8, i64> {
        let mut out = env.clone();
        for (d, s) in copies {
            let v = match s {
                Op::Var(v) => env[v],
                Op::Const(c) => *c,
            };
            out.insert(*d, v);
        }
        out
    }

    fn run_seq(env: &HashMap<u8, i64>, moves: &[Move<u8, Op>]) -> HashMap<u8, i64> {
        let mut e = env.clone();
        let mut tmps = HashMap::new();
        for m in moves {
            match m {
                Move::Copy { dst, src } => {
                    let v = match src {
                        Op::Var(v) => e[v],
                        Op::Const(c) => *c,
                    };
                    e.insert(*dst, v);
                }
                Move::Save { tmp, var } => {
                    tmps.insert(*tmp, e[var]);
                }
                Move::Restore { dst, tmp } => {
                    e.insert(*dst, tmps[tmp]);
                }
            }
        }
        e
    }

    fn check(copies: &[(u8, Op)]) -> Vec<Move<u8, Op>> {
        let env: HashMap<u8, i64> = (0..16).map(|v| (v, 100 + v as i64)).collect();
        let mut t = 0;
        let moves = sequentialize(copies, &mut t);
        assert_eq!(
            run_parallel(&env, copies),
            run_seq(&env, &moves),
            "{copies:?} -> {moves:?}"
        );
        moves
    }

    #[test]
    fn swap_uses_one_temporary() {
        let m = check(&[(0, Op::Var(1)), (1, Op::Var(0))]);
        assert_eq!(m.len(), 3);
    }

    #[test]
    fn rotation_and_chain() {
        check(&[(0, Op::Var(1)), (1, Op::Var(2)), (2, Op::Var(0))]);
        check(&[
            (0, Op::Var(1)),
            (1, Op::Var(2)),
            (2, Op::Var(3)),
            (3, Op::Const(5)),
        ]);
        // a cycle with a tail hanging off it: 3 := 0 reads a cycle member
        check(&[
            (0, Op::Var(1)),
            (1, Op::Var(0)),
            (3, Op::Var(0)),
            (4, Op::Var(4)),
        ]);
    }

    #[test]
    fn random_parallel_copies() {
        let mut s: u64 = 0x1234_5678_9abc_def1;
        let mut next = || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            s
        };
        for _ in 0..20000 {
            let n = (next() % 8) as usize;
            let mut dsts: Vec<u8> = (0..10).collect();
            let mut copies = Vec::new();
            for _ in 0..n {
                let i = (next() % dsts.len() as u64) as usize;
                let d = dsts.swap_remove(i);
                let src = if next() % 5 == 0 {
                    Op::Const((next() % 7) as i64)
                } else {
                    Op::Var((next() % 10) as u8)
                };
                copies.push((d, src));
            }
            check(&copies);
        }
    }
}
