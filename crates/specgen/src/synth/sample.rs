//! A cheap filter in front of Z3: evaluate a query's assertions under a few concrete assignments
//! of its constants. Most queries of the Z3 pass ask whether a rewrite is valid, and most are not
//! (the negated goal is satisfiable); a satisfying assignment found here answers `sat` without
//! starting Z3. A `sat` answer never changes a spec (the term is kept), so this filter can only
//! cost simplifications, never soundness; and the assignments are drawn from a generator seeded
//! by the query text, so the answer depends on the query alone (determinism).
//!
//! The evaluator covers the subset [`super::smt::Enc`] emits: Int and Bool constants, `let`,
//! `ite`, `and`/`or`/`not`/`=>`, `=`, `<`, `<=`, `>`, `>=`, `+`, `-`, `*`, `div`, `mod` (SMT-LIB's
//! Euclidean division). Anything else, an overflow of `i128` or a division by zero makes that
//! assignment inconclusive.

use std::collections::BTreeMap;

#[derive(Clone, Debug)]
enum S {
    Atom(String),
    List(Vec<S>),
}

fn parse(text: &str) -> Option<Vec<S>> {
    let mut stack: Vec<Vec<S>> = vec![vec![]];
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '(' => stack.push(vec![]),
            ')' => {
                let l = stack.pop()?;
                stack.last_mut()?.push(S::List(l));
            }
            c if c.is_whitespace() => {}
            '|' => {
                let mut a = String::from("|");
                for d in chars.by_ref() {
                    a.push(d);
                    if d == '|' {
                        break;
                    }
                }
                stack.last_mut()?.push(S::Atom(a));
            }
            '"' => {
                let mut a = String::from("\"");
                for d in chars.by_ref() {
                    a.push(d);
                    if d == '"' {
                        break;
                    }
                }
                stack.last_mut()?.push(S::Atom(a));
            }
            c => {
                let mut a = String::from(c);
                while let Some(&d) = chars.peek() {
                    if d == '(' || d == ')' || d.is_whitespace() {
                        break;
                    }
                    a.push(d);
                    chars.next();
                }
                stack.last_mut()?.push(S::Atom(a));
            }
        }
    }
    if stack.len() == 1 {
        stack.pop()
    } else {
        None
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum V {
    I(i128),
    B(bool),
}

struct Ev<'a> {
    env: Vec<(&'a str, V)>,
}

impl<'a> Ev<'a> {
    fn int(&mut self, e: &'a S) -> Option<i128> {
        match self.eval(e)? {
            V::I(n) => Some(n),
            V::B(_) => None,
        }
    }
    fn boolean(&mut self, e: &'a S) -> Option<bool> {
        match self.eval(e)? {
            V::B(b) => Some(b),
            V::I(_) => None,
        }
    }
    fn eval(&mut self, e: &'a S) -> Option<V> {
        match e {
            S::Atom(a) => {
                if a == "true" {
                    return Some(V::B(true));
                }
                if a == "false" {
                    return Some(V::B(false));
                }
                if let Ok(n) = a.parse::<i128>() {
                    return Some(V::I(n));
                }
                self.env
                    .iter()
                    .rev()
                    .find(|(n, _)| *n == a.as_str())
                    .map(|(_, v)| *v)
            }
            S::List(l) => {
                let S::Atom(h) = l.first()? else {
                    return None;
                };
                let args = &l[1..];
                match h.as_str() {
                    "let" => {
                        let S::List(bs) = args.first()? else {
                            return None;
                        };
                        let mut vals = vec![];
                        for b in bs {
                            let S::List(b) = b else { return None };
                            let S::Atom(n) = b.first()? else {
                                return None;
                            };
                            vals.push((n.as_str(), self.eval(b.get(1)?)?));
                        }
                        let k = self.env.len();
                        self.env.extend(vals);
                        let r = self.eval(args.get(1)?);
                        self.env.truncate(k);
                        r
                    }
                    "ite" => {
                        if self.boolean(args.first()?)? {
                            self.eval(args.get(1)?)
                        } else {
                            self.eval(args.get(2)?)
                        }
                    }
                    "and" => {
                        for a in args {
                            if !self.boolean(a)? {
                                return Some(V::B(false));
                            }
                        }
                        Some(V::B(true))
                    }
                    "or" => {
                        for a in args {
                            if self.boolean(a)? {
                                return Some(V::B(true));
                            }
                        }
                        Some(V::B(false))
                    }
                    "not" => Some(V::B(!self.boolean(args.first()?)?)),
                    "=>" => {
                        let a = self.boolean(args.first()?)?;
                        Some(V::B(!a || self.boolean(args.get(1)?)?))
                    }
                    "=" => {
                        let a = self.eval(args.first()?)?;
                        let b = self.eval(args.get(1)?)?;
                        Some(V::B(a == b))
                    }
                    "<" | "<=" | ">" | ">=" => {
                        let a = self.int(args.first()?)?;
                        let b = self.int(args.get(1)?)?;
                        Some(V::B(match h.as_str() {
                            "<" => a < b,
                            "<=" => a <= b,
                            ">" => a > b,
                            _ => a >= b,
                        }))
                    }
                    "+" | "*" => {
                        let mut acc: i128 = if h == "+" { 0 } else { 1 };
                        for a in args {
                            let x = self.int(a)?;
                            acc = if h == "+" {
                                acc.checked_add(x)?
                            } else {
                                acc.checked_mul(x)?
                            };
                        }
                        Some(V::I(acc))
                    }
                    "-" => {
                        let a = self.int(args.first()?)?;
                        if args.len() == 1 {
                            return Some(V::I(a.checked_neg()?));
                        }
                        let mut acc = a;
                        for x in &args[1..] {
                            acc = acc.checked_sub(self.int(x)?)?;
                        }
                        Some(V::I(acc))
                    }
                    "div" | "mod" => {
                        let a = self.int(args.first()?)?;
                        let b = self.int(args.get(1)?)?;
                        if b == 0 {
                            return None;
                        }
                        Some(V::I(if h == "div" {
                            a.checked_div_euclid(b)?
                        } else {
                            a.checked_rem_euclid(b)?
                        }))
                    }
                    _ => None,
                }
            }
        }
    }
}

/// A small deterministic generator (splitmix64), seeded by the query text.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

fn seed(text: &str) -> u64 {
    // FNV-1a: fixed, unlike the standard library's randomly keyed hasher
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Values an integer constant is drawn from: small numbers, powers of two and their
/// neighbours, and random numbers of a few widths.
fn int_value(g: &mut Gen) -> i128 {
    let r = g.next();
    match r % 8 {
        0 => (g.next() % 9) as i128,
        1 | 2 => {
            let k = [8u32, 9, 12, 16, 31, 32, 63, 64][(g.next() % 8) as usize];
            let d = (g.next() % 3) as i128 - 1;
            (1i128 << k) + d
        }
        3 => (g.next() % 4096) as i128,
        4 => (g.next() % (1 << 32)) as i128,
        5 => g.next() as i128,
        6 => -((g.next() % 4096) as i128),
        _ => (g.next() % 512) as i128,
    }
}

/// Tries per query.
const TRIES: usize = 48;

/// The small numbers a script mentions (path conditions compare with them).
fn literals(e: &S, out: &mut Vec<i128>) {
    match e {
        S::Atom(a) => {
            if let Ok(n) = a.parse::<i128>() {
                if n.abs() < (1 << 20) && !out.contains(&n) {
                    out.push(n);
                }
            }
        }
        S::List(l) => l.iter().for_each(|x| literals(x, out)),
    }
}

/// `true` when some assignment satisfies every assertion of `script` (then the query is `sat`);
/// `false` when none was found or the script is outside the evaluator's subset.
pub fn satisfiable(script: &str) -> bool {
    let Some(top) = parse(script) else {
        return false;
    };
    let mut consts: Vec<(&str, bool)> = vec![];
    let mut asserts: Vec<&S> = vec![];
    for c in &top {
        let S::List(l) = c else { return false };
        let Some(S::Atom(h)) = l.first() else {
            return false;
        };
        match h.as_str() {
            "declare-const" => match (l.get(1), l.get(2)) {
                (Some(S::Atom(n)), Some(S::Atom(s))) if s == "Int" || s == "Bool" => {
                    consts.push((n.as_str(), s == "Bool"))
                }
                _ => return false,
            },
            "assert" => asserts.push(l.get(1).unwrap_or(c)),
            "set-option" | "check-sat" | "echo" | "reset" => {}
            _ => return false,
        }
    }
    // bounds stated as `(and (<= lo x) (< x hi))` on a constant narrow its draws
    let mut bounds: BTreeMap<&str, (i128, i128)> = BTreeMap::new();
    for a in &asserts {
        if let S::List(l) = a {
            if let [S::Atom(h), S::List(lo), S::List(hi)] = &l[..] {
                if h == "and" {
                    if let (
                        [S::Atom(le), S::Atom(lo), S::Atom(x)],
                        [S::Atom(lt), S::Atom(x2), S::Atom(hi)],
                    ) = (&lo[..], &hi[..])
                    {
                        if le == "<=" && lt == "<" && x == x2 {
                            if let (Ok(lo), Ok(hi)) = (lo.parse::<i128>(), hi.parse::<i128>()) {
                                if lo < hi {
                                    bounds.insert(x.as_str(), (lo, hi));
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    let mut lits = vec![];
    for a in &asserts {
        literals(a, &mut lits);
    }
    let plan = Plan::new(&consts, &asserts);
    let mut g = Gen(seed(script));
    let draw = |g: &mut Gen, n: &str, is_bool: bool| -> V {
        if is_bool {
            return V::B(g.next().is_multiple_of(2));
        }
        let x = if !lits.is_empty() && g.next() % 8 < 3 {
            let l = lits[(g.next() % lits.len() as u64) as usize];
            l + (g.next() % 3) as i128 - 1
        } else {
            int_value(g)
        };
        V::I(match bounds.get(n) {
            Some((lo, hi)) if x < *lo || x >= *hi => lo + (x.rem_euclid(hi - lo)),
            _ => x,
        })
    };
    'tries: for _ in 0..TRIES {
        let mut ev = Ev { env: vec![] };
        // Constants are assigned one at a time, in the plan's order; each value is redrawn (up
        // to CHOICES times) until the assertions it completes hold, so a path condition that
        // pins a constant to a few values (`x mod 2^32 = 1`, `8x + 8 <= 32`) is met far more
        // often than by independent draws.
        for step in &plan.steps {
            let (n, is_bool) = consts[step.konst];
            let mut ok = false;
            for _ in 0..CHOICES {
                ev.env.push((n, draw(&mut g, n, is_bool)));
                if step
                    .completes
                    .iter()
                    .all(|&a| ev.boolean(asserts[a]) == Some(true))
                {
                    ok = true;
                    break;
                }
                ev.env.pop();
            }
            if !ok {
                continue 'tries;
            }
        }
        if asserts.iter().all(|a| ev.boolean(a) == Some(true)) {
            return true;
        }
    }
    false
}

/// Values drawn for one constant before its try is given up.
const CHOICES: usize = 12;

/// The order constants are assigned in, and for each the assertions whose constants are all
/// assigned once it is (checked as soon as they can be).
struct Plan {
    steps: Vec<Step>,
}

struct Step {
    konst: usize,
    completes: Vec<usize>,
}

impl Plan {
    /// Greedy: next comes the constant that completes the most assertions, then the one that
    /// occurs in the most; ties by declaration order (deterministic).
    fn new(consts: &[(&str, bool)], asserts: &[&S]) -> Plan {
        let uses: Vec<Vec<usize>> = asserts
            .iter()
            .map(|a| {
                let mut v = vec![];
                mentions(a, consts, &mut v);
                v
            })
            .collect();
        let mut assigned = vec![false; consts.len()];
        let mut done = vec![false; asserts.len()];
        let mut steps = vec![];
        for _ in 0..consts.len() {
            let score = |k: usize| {
                let mut completes = 0;
                let mut occurs = 0;
                for (a, u) in uses.iter().enumerate() {
                    if done[a] || !u.contains(&k) {
                        continue;
                    }
                    occurs += 1;
                    if u.iter().all(|&j| j == k || assigned[j]) {
                        completes += 1;
                    }
                }
                (completes, occurs)
            };
            let Some(k) = (0..consts.len())
                .filter(|&k| !assigned[k])
                .max_by_key(|&k| (score(k), std::cmp::Reverse(k)))
            else {
                break;
            };
            assigned[k] = true;
            let mut completes = vec![];
            for (a, u) in uses.iter().enumerate() {
                if !done[a] && u.iter().all(|&j| assigned[j]) {
                    done[a] = true;
                    completes.push(a);
                }
            }
            steps.push(Step {
                konst: k,
                completes,
            });
        }
        Plan { steps }
    }
}

/// The declared constants `e` mentions (a `let` binding that shadows one is rare enough in the
/// encoder's output to be ignored: the plan is a heuristic, the final check is exact).
fn mentions(e: &S, consts: &[(&str, bool)], out: &mut Vec<usize>) {
    match e {
        S::Atom(a) => {
            if let Some(k) = consts.iter().position(|(n, _)| n == a) {
                if !out.contains(&k) {
                    out.push(k);
                }
            }
        }
        S::List(l) => l.iter().for_each(|x| mentions(x, consts, out)),
    }
}

#[cfg(test)]
mod tests {
    use super::satisfiable;

    #[test]
    fn finds_models_and_refutes_nothing() {
        let q = "(set-option :rlimit 10)\n(declare-const |v_0| Int)\n\
                 (assert (and (<= 0 |v_0|) (< |v_0| 4294967296)))\n\
                 (assert (not (= (mod |v_0| 256) |v_0|)))\n(check-sat)";
        assert!(satisfiable(q));
        // valid goal: no assignment can satisfy its negation
        let q = "(declare-const |v_0| Int)\n(assert (and (<= 0 |v_0|) (< |v_0| 256)))\n\
                 (assert (not (= (mod |v_0| 256) |v_0|)))\n(check-sat)";
        assert!(!satisfiable(q));
        let q = "(declare-const x Int)\n(assert (let ((u (mod x 8))) (ite (< u 4) (= u 5) false)))";
        assert!(!satisfiable(q));
        // six constants each pinned below 3 and an equality between two of them: independent
        // draws meet all seven assertions about once in 10^4 tries; assigning one constant at a
        // time meets them in the first few
        let mut q = String::new();
        for i in 0..6 {
            q += &format!("(declare-const x{i} Int)\n(assert (and (<= 0 x{i}) (< x{i} 18446744073709551616)))\n(assert (< (* x{i} 4096) 12288))\n");
        }
        q += "(assert (= (+ x0 x5) 3))\n(check-sat)";
        assert!(satisfiable(&q));
        // outside the subset
        assert!(!satisfiable(
            "(declare-const x (_ BitVec 8))\n(assert true)"
        ));
    }
}
