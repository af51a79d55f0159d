//! Z3 over SMT-LIB: the encoding of spec-IR conditions (integers with explicit ranges), one
//! long-lived `z3 -in` process per worker thread, `(reset)` before every query and a resource
//! limit (`rlimit`) instead of a timeout, so an answer depends on the query text alone; a
//! persistent cache keyed by the full query text (the map hashes it, the stored text is compared).

use crate::spec::{Expr as E, IntCmp, IntOp, Lit, Ovf, Prim, Ty, ZCmp, ZOp};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Z3's answer to `(check-sat)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    Sat,
    Unsat,
    Unknown,
}

impl Answer {
    fn text(self) -> &'static str {
        match self {
            Answer::Sat => "sat",
            Answer::Unsat => "unsat",
            Answer::Unknown => "unknown",
        }
    }
    fn parse(s: &str) -> Option<Answer> {
        Some(match s {
            "sat" => Answer::Sat,
            "unsat" => Answer::Unsat,
            "unknown" => Answer::Unknown,
            _ => return None,
        })
    }
}

struct Proc {
    _child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    /// When the query in flight was sent (`None`: idle); the watchdog reads it.
    sent: Arc<Mutex<Option<Instant>>>,
}

/// A safety net, not a limit: Z3 4.8.12 does not charge every step of its default arithmetic
/// solver to `rlimit` (nested `mod` terms can spin for minutes under it). The scripts select the
/// older solver, which does; should a query still run this long, the watchdog kills the process
/// and the query counts as an error (not cached, never an answer), so a run that finishes
/// without errors is decided by `rlimit` alone.
const WATCHDOG: Duration = Duration::from_secs(120);

fn watchdog(pid: u32, sent: Arc<Mutex<Option<Instant>>>) {
    std::thread::spawn(move || loop {
        std::thread::sleep(Duration::from_millis(500));
        let Ok(g) = sent.lock() else { return };
        if let Some(t) = *g {
            if t.elapsed() > WATCHDOG {
                // the process is ours (spawned by `Smt::run`); its pipes close and the reader
                // sees end of file
                let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
                return;
            }
        }
        if Arc::strong_count(&sent) == 1 {
            return;
        }
    });
}

thread_local! {
    static PROC: RefCell<Option<Proc>> = const { RefCell::new(None) };
}

/// The shared query service: cache, counters, the Z3 command.
pub struct Smt {
    cache: Mutex<HashMap<String, Answer>>,
    path: Option<PathBuf>,
    pub rlimit: u64,
    z3: String,
    pub queries: AtomicUsize,
    pub hits: AtomicUsize,
    pub unknown: AtomicUsize,
    pub errors: AtomicUsize,
}

impl Smt {
    /// `cache`: the cache file (read now, written by [`Smt::save`]).
    pub fn new(cache: Option<PathBuf>, rlimit: u64) -> Smt {
        let mut map = HashMap::new();
        if let Some(p) = &cache {
            if let Ok(text) = std::fs::read_to_string(p) {
                for line in text.lines() {
                    if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                        if let (Some(q), Some(a)) = (
                            v.get("q").and_then(|q| q.as_str()),
                            v.get("a").and_then(|a| a.as_str()).and_then(Answer::parse),
                        ) {
                            map.insert(q.to_string(), a);
                        }
                    }
                }
            }
        }
        Smt {
            cache: Mutex::new(map),
            path: cache,
            rlimit,
            z3: std::env::var("AUTOV_Z3").unwrap_or_else(|_| "z3".into()),
            queries: AtomicUsize::new(0),
            hits: AtomicUsize::new(0),
            unknown: AtomicUsize::new(0),
            errors: AtomicUsize::new(0),
        }
    }

    /// Write the cache (entries sorted by query: the file is deterministic).
    pub fn save(&self) -> std::io::Result<()> {
        let Some(p) = &self.path else { return Ok(()) };
        let map = self.cache.lock().expect("cache lock");
        let mut es: Vec<(&String, &Answer)> = map.iter().collect();
        es.sort_by(|a, b| a.0.cmp(b.0));
        let mut out = String::new();
        for (q, a) in es {
            out.push_str(&serde_json::json!({"q": q, "a": a.text()}).to_string());
            out.push('\n');
        }
        if let Some(d) = p.parent() {
            std::fs::create_dir_all(d)?;
        }
        let tmp = p.with_extension("tmp");
        std::fs::write(&tmp, out)?;
        std::fs::rename(tmp, p)
    }

    pub fn cache_len(&self) -> usize {
        self.cache.lock().map(|m| m.len()).unwrap_or(0)
    }

    /// Run one query (a complete SMT-LIB script ending in `(check-sat)`), cached.
    pub fn check(&self, query: &str) -> (Answer, bool) {
        self.queries.fetch_add(1, Ordering::Relaxed);
        if let Some(a) = self.cache.lock().expect("cache lock").get(query) {
            self.hits.fetch_add(1, Ordering::Relaxed);
            return (*a, true);
        }
        let Some(a) = self.run(query) else {
            // a process failure: not an answer of the query, not cached
            self.unknown.fetch_add(1, Ordering::Relaxed);
            return (Answer::Unknown, false);
        };
        if a == Answer::Unknown {
            self.unknown.fetch_add(1, Ordering::Relaxed);
        }
        self.cache
            .lock()
            .expect("cache lock")
            .insert(query.to_string(), a);
        (a, false)
    }

    /// `None` when Z3 could not be run or did not answer.
    fn run(&self, query: &str) -> Option<Answer> {
        PROC.with(|cell| {
            let mut slot = cell.borrow_mut();
            for _attempt in 0..2 {
                if slot.is_none() {
                    match Command::new(&self.z3)
                        .args(["-in", "-smt2"])
                        .stdin(Stdio::piped())
                        .stdout(Stdio::piped())
                        .stderr(Stdio::null())
                        .spawn()
                    {
                        Ok(mut child) => {
                            let stdin = child.stdin.take().expect("piped stdin");
                            let stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
                            let sent = Arc::new(Mutex::new(None));
                            watchdog(child.id(), sent.clone());
                            *slot = Some(Proc {
                                _child: child,
                                stdin,
                                stdout,
                                sent,
                            });
                        }
                        Err(_) => {
                            self.errors.fetch_add(1, Ordering::Relaxed);
                            return None;
                        }
                    }
                }
                let p = slot.as_mut().expect("started above");
                let script = format!("(reset)\n{query}\n(echo \"@@end\")\n");
                *p.sent.lock().expect("watchdog lock") = Some(Instant::now());
                if p.stdin.write_all(script.as_bytes()).is_err() || p.stdin.flush().is_err() {
                    *slot = None;
                    continue;
                }
                let mut ans = None;
                let mut ok = false;
                let mut line = String::new();
                loop {
                    line.clear();
                    match p.stdout.read_line(&mut line) {
                        Ok(0) | Err(_) => break,
                        Ok(_) => {
                            let t = line.trim();
                            if t == "@@end" {
                                ok = true;
                                break;
                            }
                            if let Some(a) = Answer::parse(t) {
                                ans = Some(a);
                            } else if t.starts_with("(error") {
                                self.errors.fetch_add(1, Ordering::Relaxed);
                            }
                        }
                    }
                }
                let killed = p
                    .sent
                    .lock()
                    .map(|t| t.is_some_and(|t| t.elapsed() > WATCHDOG))
                    .unwrap_or(true);
                *p.sent.lock().expect("watchdog lock") = None;
                if !ok {
                    *slot = None;
                    if killed {
                        break;
                    }
                    continue;
                }
                return Some(ans.unwrap_or(Answer::Unknown));
            }
            self.errors.fetch_add(1, Ordering::Relaxed);
            None
        })
    }
}

// ---------------------------------------------------------------- encoding

/// Sort of an encoded term.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Sort {
    Int,
    Bool,
}

/// The encoding of a set of spec-IR formulas into one SMT-LIB script.
#[derive(Default)]
pub struct Enc {
    /// Declared constants (variables and abstracted terms) and their sorts.
    decls: BTreeMap<String, Sort>,
    /// Abstracted terms (opaque calls) → their constant.
    opaque: Vec<(E, Sort, String)>,
    /// Facts about abstracted terms (ranges of bit operations).
    facts: Vec<String>,
    /// Known sorts of variables (spec parameters, pattern variables).
    pub vtypes: BTreeMap<String, Ty>,
}

fn q(name: &str) -> String {
    format!("|{}|", name.replace('|', "_"))
}

fn pow2(w: u32) -> String {
    if w < 127 {
        (1i128 << w).to_string()
    } else {
        format!("(^ 2 {w})")
    }
}

fn num(n: i128) -> String {
    if n < 0 {
        format!("(- {})", -n)
    } else {
        n.to_string()
    }
}

fn is_low_mask(m: i128) -> Option<u32> {
    if m >= 0 && (m + 1).count_ones() == 1 {
        Some((m + 1).trailing_zeros())
    } else {
        None
    }
}

impl Enc {
    pub fn new(vtypes: BTreeMap<String, Ty>) -> Enc {
        Enc {
            vtypes,
            ..Default::default()
        }
    }

    fn var(&mut self, x: &str, s: Sort) -> Option<String> {
        let want = match self.vtypes.get(x) {
            Some(Ty::Z) => Some(Sort::Int),
            Some(Ty::Bool) => Some(Sort::Bool),
            Some(Ty::Nat) => Some(Sort::Int),
            Some(_) => None,
            None => Some(s),
        }?;
        if want != s {
            return None;
        }
        match self.decls.get(x) {
            Some(d) if *d != s => None,
            _ => {
                self.decls.insert(x.to_string(), s);
                Some(q(x))
            }
        }
    }

    fn abstract_term(&mut self, e: &E, s: Sort) -> Option<String> {
        if let Some((_, s2, n)) = self.opaque.iter().find(|(t, _, _)| t == e) {
            return (*s2 == s).then(|| q(n));
        }
        let n = format!("t'{}", self.opaque.len());
        self.opaque.push((e.clone(), s, n.clone()));
        self.decls.insert(n.clone(), s);
        Some(q(&n))
    }

    fn wrap(x: String, w: u32) -> String {
        format!("(mod {x} {})", pow2(w))
    }

    fn signed(x: String, w: u32) -> String {
        let u = Self::wrap(x, w);
        format!(
            "(let ((u {u})) (ite (< u {}) u (- u {})))",
            pow2(w - 1),
            pow2(w)
        )
    }

    /// Coq's floor division and modulo.
    fn zdiv(a: String, b: &E, bs: String) -> String {
        match super::ir::lit_z(b) {
            Some(d) if d > 0 => format!("(div {a} {bs})"),
            Some(0) => "0".into(),
            _ => {
                format!("(ite (= {bs} 0) 0 (ite (> {bs} 0) (div {a} {bs}) (div (- {a}) (- {bs}))))")
            }
        }
    }
    fn zmod(a: String, b: &E, bs: String) -> String {
        match super::ir::lit_z(b) {
            Some(d) if d > 0 => format!("(mod {a} {bs})"),
            Some(0) => a,
            _ => format!(
                "(ite (= {bs} 0) {a} (ite (> {bs} 0) (mod {a} {bs}) (- (mod (- {a}) (- {bs})))))"
            ),
        }
    }

    /// A bit operation on `Z`: literal masks and shifts are arithmetic; others are abstracted
    /// with range facts.
    fn bitop(&mut self, f: &str, a: &E, b: &E, whole: &E) -> Option<String> {
        let bl = super::ir::lit_z(b);
        let al = super::ir::lit_z(a);
        match f {
            "Z.land" => {
                if let Some(k) = bl.and_then(is_low_mask) {
                    let x = self.int(a)?;
                    return Some(format!("(mod {x} {})", pow2(k)));
                }
                if let Some(k) = al.and_then(is_low_mask) {
                    let x = self.int(b)?;
                    return Some(format!("(mod {x} {})", pow2(k)));
                }
                let t = self.abstract_term(whole, Sort::Int)?;
                let (x, y) = (self.int(a)?, self.int(b)?);
                // 0 <= x -> 0 <= land x y <= x, same for y
                self.facts
                    .push(format!("(=> (<= 0 {x}) (and (<= 0 {t}) (<= {t} {x})))"));
                self.facts
                    .push(format!("(=> (<= 0 {y}) (and (<= 0 {t}) (<= {t} {y})))"));
                Some(t)
            }
            "Z.lor" | "Z.lxor" => {
                let t = self.abstract_term(whole, Sort::Int)?;
                let (x, y) = (self.int(a)?, self.int(b)?);
                for w in [32u32, 64] {
                    self.facts.push(format!(
                        "(=> (and (<= 0 {x}) (< {x} {p}) (<= 0 {y}) (< {y} {p})) (and (<= 0 {t}) (< {t} {p})))",
                        p = pow2(w)
                    ));
                }
                if f == "Z.lor" {
                    self.facts.push(format!(
                        "(=> (and (<= 0 {x}) (<= 0 {y})) (and (<= {x} {t}) (<= {y} {t})))"
                    ));
                }
                Some(t)
            }
            "Z.shiftr" => match bl {
                Some(k) if (0..127).contains(&k) => {
                    let x = self.int(a)?;
                    Some(format!("(div {x} {})", pow2(k as u32)))
                }
                _ => self.abstract_term(whole, Sort::Int),
            },
            "Z.shiftl" => match bl {
                Some(k) if (0..127).contains(&k) => {
                    let x = self.int(a)?;
                    Some(format!("(* {x} {})", pow2(k as u32)))
                }
                _ => self.abstract_term(whole, Sort::Int),
            },
            _ => self.abstract_term(whole, Sort::Int),
        }
    }

    /// An integer-valued expression.
    pub fn int(&mut self, e: &E) -> Option<String> {
        Some(match e {
            E::Var(x) => self.var(x, Sort::Int)?,
            E::Lit(Lit::Z(s)) => num(s.parse().ok()?),
            E::Lit(Lit::Nat(n)) => n.to_string(),
            E::Lit(Lit::Bool(_)) => return None,
            E::If(c, a, b) => {
                let (c, a, b) = (self.boolean(c)?, self.int(a)?, self.int(b)?);
                format!("(ite {c} {a} {b})")
            }
            E::Prim(p, a) => match p {
                Prim::Int(op, w) => {
                    let w = *w;
                    let x = || a[0].clone();
                    match op {
                        IntOp::Add | IntOp::Sub | IntOp::Mul => {
                            let (x, y) = (self.int(&a[0])?, self.int(&a[1])?);
                            let o = match op {
                                IntOp::Add => "+",
                                IntOp::Sub => "-",
                                _ => "*",
                            };
                            Self::wrap(format!("({o} {x} {y})"), w)
                        }
                        IntOp::Udiv | IntOp::Urem => {
                            let (x, y) = (self.int(&a[0])?, self.int(&a[1])?);
                            let (x, y) = (Self::wrap(x, w), Self::wrap(y, w));
                            if *op == IntOp::Udiv {
                                format!("(ite (= {y} 0) 0 (div {x} {y}))")
                            } else {
                                format!("(ite (= {y} 0) {x} (mod {x} {y}))")
                            }
                        }
                        IntOp::And | IntOp::Or | IntOp::Xor => {
                            let f = match op {
                                IntOp::And => "Z.land",
                                IntOp::Or => "Z.lor",
                                _ => "Z.lxor",
                            };
                            let inner = E::call(f, vec![a[0].clone(), a[1].clone()]);
                            let t = self.bitop(f, &a[0], &a[1], &inner)?;
                            Self::wrap(t, w)
                        }
                        IntOp::Shl => match super::ir::lit_z(&a[1]) {
                            Some(k) if k >= 0 && (k as u32) < w => {
                                let x = self.int(&x())?;
                                Self::wrap(format!("(* {x} {})", pow2(k as u32)), w)
                            }
                            _ => self.abstract_term(e, Sort::Int)?,
                        },
                        IntOp::Lshr => match super::ir::lit_z(&a[1]) {
                            Some(k) if k >= 0 && (k as u32) < w => {
                                let x = self.int(&x())?;
                                format!("(div {} {})", Self::wrap(x, w), pow2(k as u32))
                            }
                            _ => self.abstract_term(e, Sort::Int)?,
                        },
                        _ => self.abstract_term(e, Sort::Int)?,
                    }
                }
                Prim::Trunc(w) | Prim::Zext(w) | Prim::Wrap(w) => {
                    let x = self.int(&a[0])?;
                    Self::wrap(x, *w)
                }
                Prim::Sext(w1, w2) => {
                    let x = self.int(&a[0])?;
                    Self::wrap(Self::signed(x, *w1), *w2)
                }
                Prim::Z(op) => {
                    let (x, y) = (self.int(&a[0])?, self.int(&a[1])?);
                    match op {
                        ZOp::Add => format!("(+ {x} {y})"),
                        ZOp::Sub => format!("(- {x} {y})"),
                        ZOp::Mul => format!("(* {x} {y})"),
                        ZOp::Div => Self::zdiv(x, &a[1], y),
                        ZOp::Mod => Self::zmod(x, &a[1], y),
                        ZOp::Pow => match super::ir::lit_z(&a[1]) {
                            Some(k) if (0..=8).contains(&k) => {
                                let mut s = "1".to_string();
                                for _ in 0..k {
                                    s = format!("(* {x} {s})");
                                }
                                s
                            }
                            _ => self.abstract_term(e, Sort::Int)?,
                        },
                    }
                }
                Prim::B2z => {
                    let c = self.boolean(&a[0])?;
                    format!("(ite {c} 1 0)")
                }
                _ => return None,
            },
            E::Call(f, a) => match (f.as_str(), a.len()) {
                ("signed", 2) => {
                    let w = super::ir::lit_z(&a[0])? as u32;
                    if !(1..=127).contains(&w) {
                        return None;
                    }
                    let x = self.int(&a[1])?;
                    Self::signed(x, w)
                }
                ("Z.land" | "Z.lor" | "Z.lxor" | "Z.shiftl" | "Z.shiftr", 2) => {
                    self.bitop(f, &a[0], &a[1], e)?
                }
                ("Z.opp", 1) => {
                    let x = self.int(&a[0])?;
                    format!("(- {x})")
                }
                _ => self.abstract_term(e, Sort::Int)?,
            },
            E::Match(..) | E::Bind(..) | E::Guard(..) | E::Let(..) | E::LetFun { .. } => {
                return None
            }
            E::Tuple(_) | E::Some(_) | E::None => return None,
        })
    }

    /// A boolean-valued expression.
    pub fn boolean(&mut self, e: &E) -> Option<String> {
        Some(match e {
            E::Var(x) => self.var(x, Sort::Bool)?,
            E::Lit(Lit::Bool(b)) => b.to_string(),
            E::Lit(_) => return None,
            E::If(c, a, b) => {
                let (c, a, b) = (self.boolean(c)?, self.boolean(a)?, self.boolean(b)?);
                format!("(ite {c} {a} {b})")
            }
            E::Prim(p, a) => match p {
                Prim::Cmp(c, w) => {
                    let (x, y) = (self.int(&a[0])?, self.int(&a[1])?);
                    match c {
                        IntCmp::Eq => format!("(= {} {})", Self::wrap(x, *w), Self::wrap(y, *w)),
                        IntCmp::Ult => format!("(< {} {})", Self::wrap(x, *w), Self::wrap(y, *w)),
                        IntCmp::Ule => {
                            format!("(<= {} {})", Self::wrap(x, *w), Self::wrap(y, *w))
                        }
                        IntCmp::Slt => {
                            format!("(< {} {})", Self::signed(x, *w), Self::signed(y, *w))
                        }
                        IntCmp::Sle => {
                            format!("(<= {} {})", Self::signed(x, *w), Self::signed(y, *w))
                        }
                    }
                }
                Prim::ZCmp(c) => {
                    let (x, y) = (self.int(&a[0])?, self.int(&a[1])?);
                    let o = match c {
                        ZCmp::Eq => "=",
                        ZCmp::Lt => "<",
                        ZCmp::Le => "<=",
                    };
                    format!("({o} {x} {y})")
                }
                Prim::And | Prim::Or | Prim::Xor => {
                    let (x, y) = (self.boolean(&a[0])?, self.boolean(&a[1])?);
                    let o = match p {
                        Prim::And => "and",
                        Prim::Or => "or",
                        _ => "xor",
                    };
                    format!("({o} {x} {y})")
                }
                Prim::Not => {
                    let x = self.boolean(&a[0])?;
                    format!("(not {x})")
                }
                Prim::Overflow(k, fl, w) => {
                    let w = *w;
                    let (x, y) = (self.int(&a[0])?, self.int(&a[1])?);
                    let (ux, uy) = (Self::wrap(x.clone(), w), Self::wrap(y.clone(), w));
                    let (sx, sy) = (Self::signed(x, w), Self::signed(y, w));
                    let o = match k {
                        Ovf::Add => "+",
                        Ovf::Sub => "-",
                        Ovf::Mul => "*",
                        Ovf::Shl => return self.abstract_term(e, Sort::Bool),
                    };
                    let urange = |t: String| format!("(not (and (<= 0 {t}) (< {t} {})))", pow2(w));
                    let srange = |t: String| {
                        format!("(not (and (<= (- {h}) {t}) (< {t} {h})))", h = pow2(w - 1))
                    };
                    let mut parts = vec![];
                    if fl.nuw {
                        parts.push(urange(format!("({o} {ux} {uy})")));
                    }
                    if fl.nsw {
                        parts.push(srange(format!("({o} {sx} {sy})")));
                    }
                    match parts.len() {
                        0 => "false".into(),
                        1 => parts.remove(0),
                        _ => format!("(or {})", parts.join(" ")),
                    }
                }
                Prim::SdivOverflow(w) => {
                    let (x, y) = (self.int(&a[0])?, self.int(&a[1])?);
                    format!(
                        "(and (= {} (- {})) (= {} (- 1)))",
                        Self::signed(x, *w),
                        pow2(*w - 1),
                        Self::signed(y, *w)
                    )
                }
                Prim::PtrInbounds(w) => {
                    // the pointer's base must be known
                    let (base_abs, off) = ptr_parts(&a[0])?;
                    let o = self.int(&off)?;
                    let n = self.int(&a[1])?;
                    let sn = Self::signed(n, *w);
                    if base_abs {
                        let s = format!("(+ {} {sn})", Self::wrap(o, 64));
                        format!("(and (<= 0 {s}) (< {s} {}))", pow2(64))
                    } else {
                        let s = format!("(+ {o} {sn})");
                        format!("(and (<= 0 {s}) (< {s} {}))", pow2(63))
                    }
                }
                Prim::CaseIn(w, ks) => {
                    let v = self.int(&a[0])?;
                    let v = Self::wrap(v, *w);
                    let mut ds = vec![];
                    for k in ks {
                        let k: i128 = k.parse().ok()?;
                        ds.push(format!(
                            "(= {v} {})",
                            num(k.rem_euclid(1i128 << (*w).min(126)))
                        ));
                    }
                    if ds.is_empty() {
                        "false".into()
                    } else {
                        format!("(or {})", ds.join(" "))
                    }
                }
                _ => return None,
            },
            E::Call(..) => self.abstract_term(e, Sort::Bool)?,
            _ => return None,
        })
    }

    /// The script: declarations, facts, the assertions, `(check-sat)`.
    pub fn script(&self, rlimit: u64, asserts: &[String]) -> String {
        // the older arithmetic solver: it charges its steps to `rlimit` (see [`WATCHDOG`])
        let mut s = format!("(set-option :rlimit {rlimit})\n(set-option :smt.arith.solver 2)\n");
        for (n, so) in &self.decls {
            let sort = match so {
                Sort::Int => "Int",
                Sort::Bool => "Bool",
            };
            s.push_str(&format!("(declare-const {} {sort})\n", q(n)));
        }
        for f in &self.facts {
            s.push_str(&format!("(assert {f})\n"));
        }
        for a in asserts {
            s.push_str(&format!("(assert {a})\n"));
        }
        s.push_str("(check-sat)");
        s
    }
}

/// A pointer expression's base kind (`true`: absolute) and offset.
fn ptr_parts(e: &E) -> Option<(bool, E)> {
    match e {
        E::Prim(Prim::PtrGlobal(_), _) => Some((false, E::z(0))),
        E::Prim(Prim::PtrAbs, a) => Some((true, a[0].clone())),
        E::Prim(Prim::PtrAdd(w), a) => {
            let (abs, o) = ptr_parts(&a[0])?;
            Some(if abs {
                (
                    true,
                    E::prim(
                        Prim::Wrap(64),
                        vec![E::prim(Prim::Z(ZOp::Add), vec![o, a[1].clone()])],
                    ),
                )
            } else {
                (
                    false,
                    E::prim(
                        Prim::Z(ZOp::Add),
                        vec![o, E::call("signed", vec![E::z(*w as i128), a[1].clone()])],
                    ),
                )
            })
        }
        _ => None,
    }
}
