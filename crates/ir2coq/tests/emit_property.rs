//! End-to-end property test of the emitted Coq statements: random CFGs (many irreducible) are built
//! as IR-model functions whose blocks call `@trace(block, φ-value)` and branch on `@choose(k)`; the
//! converted `AutoV.Syntax` body is run by a small interpreter with the `Sbreak`/`Scontinue`/`Sloop`
//! semantics of docs/coq-ir.md and must give the same trace as the CFG itself (φ values included).

use ir2coq::convert::{convert_function, ModCtx};
use ir2coq::syntax::{Callee, Const, Expr, Id, Stmt};
use ir2json::*;
use std::collections::HashMap;
use testkit::rng::Rng;

fn i32t() -> Type {
    Type::Int { bits: 32 }
}

fn ci(bits: u32, v: i64) -> Value {
    Value::Const {
        value: Constant::Int {
            bits,
            value: (v as u64
                & if bits == 64 {
                    u64::MAX
                } else {
                    (1u64 << bits) - 1
                })
            .to_string(),
            signed: v.to_string(),
        },
    }
}

fn facts() -> GlobalFacts {
    GlobalFacts {
        linkage: Linkage::External,
        visibility: Visibility::Default,
        dll_storage: DllStorage::Default,
        unnamed_addr: None,
        addr_space: 0,
    }
}

fn sig(name: &str, ret: Type, params: Vec<Type>) -> FunctionSig {
    FunctionSig {
        name: name.into(),
        ret_ty: ret,
        params: params
            .into_iter()
            .map(|ty| Param {
                name: None,
                ty,
                attrs: vec![],
            })
            .collect(),
        var_arg: false,
        ret_attrs: vec![],
        fn_attrs: vec![],
        cc: CallConv {
            id: 0,
            name: "ccc".into(),
        },
        facts: facts(),
        section: None,
        comdat: None,
        align: 0,
        gc: None,
        prefix: None,
        prologue: None,
        personality: None,
    }
}

fn call(name: &str, ret: Type, result: Option<Name>, args: Vec<Value>) -> Instruction {
    Instruction {
        result,
        ty: ret.clone(),
        op: Op::Call {
            call: Call {
                callee: ir2json::Callee::Direct { name: name.into() },
                fn_ty: FuncType {
                    ret: Box::new(ret),
                    params: args.iter().map(|_| i32t()).collect(),
                    var_arg: false,
                },
                args: args
                    .into_iter()
                    .map(|value| Arg {
                        value,
                        attrs: vec![],
                    })
                    .collect(),
                ret_attrs: vec![],
                fn_attrs: vec![],
                cc: CallConv {
                    id: 0,
                    name: "ccc".into(),
                },
                tail: TailKind::None,
            },
        },
        debug_loc: None,
    }
}

fn bname(b: usize) -> Name {
    Name::Named(format!("b{b}"))
}

/// Build the IR function for a CFG. Blocks with φs get two φs that swap values across edges:
/// `%p = φ[pred id]`, `%q = φ[%p of the predecessor, or -1]` (a parallel-copy cycle on self loops).
fn build(succs: &[Vec<usize>], phis: &[bool]) -> Module {
    let n = succs.len();
    let mut preds: Vec<Vec<usize>> = vec![vec![]; n];
    for (b, ss) in succs.iter().enumerate() {
        for &s in ss {
            if !preds[s].contains(&b) {
                preds[s].push(b);
            }
        }
    }
    let mut blocks = Vec::new();
    for b in 0..n {
        let mut instrs = Vec::new();
        let phi_val = |p: usize| {
            if phis[p] {
                Value::Local {
                    name: Name::Named(format!("p{p}")),
                    ty: i32t(),
                }
            } else {
                ci(32, -1)
            }
        };
        if phis[b] {
            instrs.push(Instruction {
                result: Some(Name::Named(format!("p{b}"))),
                ty: i32t(),
                op: Op::Phi {
                    incoming: preds[b]
                        .iter()
                        .map(|&p| Incoming {
                            value: ci(32, p as i64),
                            block: bname(p),
                        })
                        .collect(),
                },
                debug_loc: None,
            });
            instrs.push(Instruction {
                result: Some(Name::Named(format!("q{b}"))),
                ty: i32t(),
                op: Op::Phi {
                    incoming: preds[b]
                        .iter()
                        .map(|&p| Incoming {
                            value: phi_val(p),
                            block: bname(p),
                        })
                        .collect(),
                },
                debug_loc: None,
            });
        }
        let (v1, v2) = if phis[b] {
            (
                Value::Local {
                    name: Name::Named(format!("p{b}")),
                    ty: i32t(),
                },
                Value::Local {
                    name: Name::Named(format!("q{b}")),
                    ty: i32t(),
                },
            )
        } else {
            (ci(32, -2), ci(32, -2))
        };
        instrs.push(call(
            "trace",
            Type::Void,
            None,
            vec![ci(32, b as i64), v1, v2],
        ));
        let ss = &succs[b];
        let op = match ss.len() {
            0 => TermOp::Ret { value: None },
            1 => TermOp::Br { dest: bname(ss[0]) },
            2 => {
                let c = Name::Named(format!("c{b}"));
                instrs.push(call(
                    "choose",
                    Type::Int { bits: 1 },
                    Some(c.clone()),
                    vec![ci(32, 2)],
                ));
                TermOp::CondBr {
                    cond: Value::Local {
                        name: c,
                        ty: Type::Int { bits: 1 },
                    },
                    on_true: bname(ss[0]),
                    on_false: bname(ss[1]),
                }
            }
            k => {
                let c = Name::Named(format!("c{b}"));
                instrs.push(call(
                    "choose",
                    i32t(),
                    Some(c.clone()),
                    vec![ci(32, k as i64)],
                ));
                TermOp::Switch {
                    value: Value::Local {
                        name: c,
                        ty: i32t(),
                    },
                    default: bname(ss[0]),
                    cases: (1..k)
                        .map(|i| SwitchCase {
                            value: match ci(32, i as i64) {
                                Value::Const { value } => value,
                                _ => unreachable!(),
                            },
                            dest: bname(ss[i]),
                        })
                        .collect(),
                }
            }
        };
        blocks.push(Block {
            name: bname(b),
            instrs,
            term: Terminator {
                result: None,
                op,
                debug_loc: None,
            },
        });
    }
    Module {
        schema_version: SCHEMA_VERSION.into(),
        name: "t".into(),
        source_file_name: "t.c".into(),
        data_layout: "e-m:e-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128".into(),
        target_triple: None,
        types: vec![],
        globals: vec![],
        aliases: vec![],
        ifuncs: vec![],
        functions: vec![Function {
            sig: sig("f", Type::Void, vec![]),
            debug_loc: None,
            blocks,
        }],
        declarations: vec![
            FunctionDecl {
                sig: sig("trace", Type::Void, vec![i32t(), i32t(), i32t()]),
                debug_loc: None,
            },
            FunctionDecl {
                sig: sig("choose", i32t(), vec![i32t()]),
                debug_loc: None,
            },
        ],
        module_asm: String::new(),
    }
}

/// Reference run of the CFG: trace of (block, p, q).
fn run_cfg(succs: &[Vec<usize>], phis: &[bool], limit: usize, r: &mut Rng) -> Vec<(i64, i64, i64)> {
    let mut p = vec![0i64; succs.len()];
    let mut q = vec![0i64; succs.len()];
    let mut trace = Vec::new();
    let mut b = 0;
    let mut pred: Option<usize> = None;
    loop {
        if phis[b] {
            let pr = pred.unwrap();
            let np = pr as i64;
            let nq = if phis[pr] { p[pr] } else { -1 };
            p[b] = np;
            q[b] = nq;
            trace.push((b as i64, p[b], q[b]));
        } else {
            trace.push((b as i64, -2, -2));
        }
        if trace.len() >= limit {
            return trace;
        }
        let ss = &succs[b];
        let next = match ss.len() {
            0 => return trace,
            1 => ss[0],
            k => ss[r.below(k)],
        };
        pred = Some(b);
        b = next;
    }
}

enum Flow {
    Normal,
    Break(usize),
    Continue(usize),
    Return,
    Stop,
}

struct Interp<'a> {
    env: HashMap<Id, i64>,
    trace: Vec<(i64, i64, i64)>,
    limit: usize,
    r: &'a mut Rng,
}

impl Interp<'_> {
    fn eval(&self, e: &Expr) -> i64 {
        match e {
            Expr::Var(x) => *self.env.get(x).unwrap_or_else(|| panic!("unset {x:?}")),
            Expr::Const(Const::Int(_, v)) => v.parse().unwrap(),
            other => panic!("unexpected expression {other:?}"),
        }
    }

    fn exec(&mut self, s: &Stmt) -> Flow {
        match s {
            Stmt::Skip => Flow::Normal,
            Stmt::Assign(x, e) => {
                let v = self.eval(e);
                self.env.insert(x.clone(), v);
                Flow::Normal
            }
            Stmt::Call(res, Callee::Direct(g), args) => {
                let a: Vec<i64> = args.iter().map(|e| self.eval(e)).collect();
                if g.0 == "g_trace" {
                    self.trace.push((a[0], a[1], a[2]));
                    if self.trace.len() >= self.limit {
                        return Flow::Stop;
                    }
                } else {
                    let k = a[0] as usize;
                    let i = self.r.below(k) as i64;
                    // condbr: edge 0 is the true edge
                    let v = if k == 2 { 1 - i } else { i };
                    self.env.insert(res.clone().unwrap(), v);
                }
                Flow::Normal
            }
            Stmt::Seq(v) => {
                for s in v {
                    match self.exec(s) {
                        Flow::Normal => {}
                        f => return f,
                    }
                }
                Flow::Normal
            }
            Stmt::If(c, a, b) => {
                if self.eval(c) != 0 {
                    self.exec(a)
                } else {
                    self.exec(b)
                }
            }
            Stmt::Switch(e, cases, d) => {
                let v = self.eval(e);
                for (vs, body) in cases {
                    if vs.iter().any(|x| x.parse::<i64>().unwrap() == v) {
                        return self.exec(body);
                    }
                }
                self.exec(d)
            }
            Stmt::Block(b) => match self.exec(b) {
                Flow::Break(0) => Flow::Normal,
                Flow::Break(n) => Flow::Break(n - 1),
                Flow::Continue(0) => panic!("continue to a block"),
                Flow::Continue(n) => Flow::Continue(n - 1),
                f => f,
            },
            Stmt::Loop(b) => loop {
                match self.exec(b) {
                    Flow::Normal | Flow::Continue(0) => continue,
                    Flow::Break(0) => break Flow::Normal,
                    Flow::Break(n) => break Flow::Break(n - 1),
                    Flow::Continue(n) => break Flow::Continue(n - 1),
                    f => break f,
                }
            },
            Stmt::Break(n) => Flow::Break(*n),
            Stmt::Continue(n) => Flow::Continue(*n),
            Stmt::Return(_) => Flow::Return,
            Stmt::Unreachable => panic!("reached Sunreachable"),
            other => panic!("unexpected statement {other:?}"),
        }
    }
}

#[test]
fn emitted_statements_agree_with_cfg() {
    let mut r = Rng::new(0x2545F4914F6CDD1D);
    let total = 1500;
    for case in 0..total {
        let n = 2 + r.below(if case % 10 == 0 { 30 } else { 10 });
        let succs: Vec<Vec<usize>> = (0..n)
            .map(|_| {
                let deg = [0, 1, 1, 2, 2, 2, 3, 4][r.below(8)];
                (0..deg).map(|_| 1 + r.below(n - 1)).collect()
            })
            .collect();
        let phis: Vec<bool> = (0..n).map(|b| b != 0 && r.below(2) == 0).collect();
        let m = build(&succs, &phis);
        let mc = ModCtx::new(&m);
        let fc =
            convert_function(&mc, &m.functions[0]).unwrap_or_else(|e| panic!("{e} on {succs:?}"));
        for _ in 0..10 {
            let seed = r.next_u64();
            let want = run_cfg(&succs, &phis, 300, &mut Rng::new(seed));
            let mut rr = Rng::new(seed);
            let mut it = Interp {
                env: HashMap::new(),
                trace: Vec::new(),
                limit: 300,
                r: &mut rr,
            };
            match it.exec(&fc.body) {
                Flow::Return | Flow::Stop => {}
                Flow::Normal => panic!("body fell through on {succs:?}"),
                _ => panic!("jump out of the function body on {succs:?}"),
            }
            assert_eq!(it.trace, want, "trace mismatch on {succs:?} phis {phis:?}");
        }
    }
}
