//! Round-trip property: printing an AST and parsing it back gives the same AST (compared through
//! the span-free dump), for random expressions and for every test and demonstration file.
//! Also table tests for the operator precedence.

use config::ast::*;
use config::{parser, pretty, FileId, Span};
use testkit::rng::Rng;

const NAMES: &[&str] = &[
    "x", "y'", "st", "_tmp1", "ZMap.get", "Z.lxor", "f", "Some", "None",
];
const FIELDS: &[&str] = &["a", "b_c", "pbase"];
const OPS: &[&str] = &[
    "*", "/", "mod", "+", "-", "&", "|'", "<<", ">>", "=?", "<>?", ">?", ">=?", "<?", "<=?", "=s",
    "<>s", "&&", "||", "::", "++", "=", "<>", "<", "<=", ">", ">=", "/\\", "\\/", "<->", "->",
];

fn sp() -> Span {
    Span::default()
}
fn id(n: &str) -> Ident {
    Ident {
        name: n.into(),
        span: sp(),
    }
}
fn b(e: Expr) -> Box<Expr> {
    Box::new(e)
}
fn ty(r: &mut Rng, d: u32) -> TypeExpr {
    let kind = if d == 0 {
        TypeExprKind::Name(r.pick(&["Z", "bool", "Prop", "RData"]).into())
    } else {
        match r.below(4) {
            0 => TypeExprKind::App(
                r.pick(&["list", "option", "ZMap.t"]).into(),
                Box::new(ty(r, d - 1)),
            ),
            1 => TypeExprKind::Tuple(vec![ty(r, d - 1), ty(r, d - 1)]),
            2 => TypeExprKind::Arrow(Box::new(ty(r, d - 1)), Box::new(ty(r, d - 1))),
            _ => TypeExprKind::Name("Z".into()),
        }
    };
    TypeExpr { kind, span: sp() }
}
fn pat(r: &mut Rng, d: u32) -> Pattern {
    let kind = match if d == 0 { r.below(4) } else { r.below(6) } {
        0 => PatKind::Wild,
        1 => PatKind::Var(r.pick(&["v", "w"]).into()),
        2 => PatKind::Num(r.next_u64() as u128 % 1000),
        3 => PatKind::Str("s\"q".into()),
        4 => PatKind::Ctor(
            id(r.pick(&["Some", "C"])),
            (0..1 + r.below(2)).map(|_| pat(r, d - 1)).collect(),
        ),
        _ => PatKind::Tuple(vec![pat(r, d - 1), pat(r, d - 1)]),
    };
    Pattern { kind, span: sp() }
}
fn expr(r: &mut Rng, d: u32) -> Expr {
    let e = |k| Expr::new(k, sp());
    if d == 0 {
        return match r.below(4) {
            0 => e(ExprKind::Var(r.pick(NAMES).into())),
            1 => e(ExprKind::Num(r.next_u64() as u128)),
            2 => e(ExprKind::Str(r.pick(&["", "a b", "q\"uote"]).into())),
            _ => e(ExprKind::Bool(r.below(2) == 0)),
        };
    }
    let k = match r.below(20) {
        0 => {
            let f = expr(r, d - 1);
            let n = 1 + r.below(3);
            ExprKind::App(b(f), (0..n).map(|_| expr(r, d - 1)).collect())
        }
        1 => {
            let op = [UnOp::Neg, UnOp::Not, UnOp::BNot][r.below(3)];
            ExprKind::Unary(op, b(expr(r, d - 1)))
        }
        2..=5 => {
            let op = BinOp::from_symbol(r.pick(OPS)).unwrap();
            ExprKind::Binary(op, b(expr(r, d - 1)), b(expr(r, d - 1)))
        }
        6 => ExprKind::Tuple((0..2 + r.below(2)).map(|_| expr(r, d - 1)).collect()),
        7 => {
            let t = if r.below(2) == 0 {
                Some(ty(r, 2))
            } else {
                None
            };
            ExprKind::Let(
                Binder::new(id("x"), t),
                b(expr(r, d - 1)),
                b(expr(r, d - 1)),
            )
        }
        8 => ExprKind::LetTuple(vec![id("a"), id("_")], b(expr(r, d - 1)), b(expr(r, d - 1))),
        9 => ExprKind::When(
            (0..1 + r.below(3))
                .map(|i| id(["p", "q", "_"][i]))
                .collect(),
            b(expr(r, d - 1)),
            b(expr(r, d - 1)),
        ),
        10 => {
            let sc = expr(r, d - 1);
            let arms = (0..1 + r.below(3))
                .map(|_| Arm {
                    pat: pat(r, 2),
                    body: expr(r, d - 1),
                })
                .collect();
            ExprKind::Match(b(sc), arms)
        }
        11 => ExprKind::Rely(b(expr(r, d - 1)), b(expr(r, d - 1))),
        12 => ExprKind::Anno(b(expr(r, d - 1)), b(expr(r, d - 1))),
        13 => ExprKind::If(b(expr(r, d - 1)), b(expr(r, d - 1)), b(expr(r, d - 1))),
        14 => ExprKind::Field(b(expr(r, d - 1)), id(r.pick(FIELDS))),
        15 => ExprKind::MapGet(b(expr(r, d - 1)), b(expr(r, d - 1))),
        16 => ExprKind::MapSet(b(expr(r, d - 1)), b(expr(r, d - 1)), b(expr(r, d - 1))),
        17 => ExprKind::RecSet(b(expr(r, d - 1)), id(r.pick(FIELDS)), b(expr(r, d - 1))),
        18 => {
            let path = (0..1 + r.below(3)).map(|_| id(r.pick(FIELDS))).collect();
            ExprKind::Update(b(expr(r, d - 1)), path, b(expr(r, d - 1)))
        }
        _ => {
            let q = if r.below(2) == 0 {
                Quant::Exists
            } else {
                Quant::Forall
            };
            let bs = (0..1 + r.below(2))
                .map(|i| {
                    let t = if r.below(2) == 0 {
                        Some(ty(r, 1))
                    } else {
                        None
                    };
                    Binder::new(id(["i", "j"][i]), t)
                })
                .collect();
            ExprKind::Quant(q, bs, b(expr(r, d - 1)))
        }
    };
    e(k)
}

#[test]
fn random_expressions_round_trip() {
    let mut r = Rng::from_state(0x9E3779B97F4A7C15);
    for i in 0..3000 {
        let e = expr(&mut r, 1 + (i % 5) as u32);
        let src = pretty::expr_src(&e);
        let mut diags = vec![];
        let back = parser::parse_expr(FileId(0), &src, &mut diags);
        assert!(
            diags.is_empty(),
            "case {i}: `{src}` does not parse: {diags:?}"
        );
        let back = back.unwrap();
        assert_eq!(
            pretty::expr_dump(&back),
            pretty::expr_dump(&e),
            "case {i}: `{src}`"
        );
    }
}

#[test]
fn test_files_round_trip() {
    let td = testkit::root().join("testdata");
    let mut fs = testkit::files_below(&td.join("config"), "v");
    fs.extend(testkit::files_below(&td.join("pagetable"), "v"));
    fs.sort();
    let mut n = 0;
    for f in fs {
        let text = std::fs::read_to_string(&f).unwrap();
        let mut d1 = vec![];
        let items = parser::parse_file(FileId(0), &text, &mut d1);
        if !d1.is_empty() {
            continue; // files with syntax errors on purpose
        }
        let src = pretty::items_src(&items);
        let mut d2 = vec![];
        let back = parser::parse_file(FileId(0), &src, &mut d2);
        assert!(
            d2.is_empty(),
            "{}: printed form does not parse: {d2:?}\n{src}",
            f.display()
        );
        assert_eq!(
            pretty::items_dump(&back),
            pretty::items_dump(&items),
            "{}",
            f.display()
        );
        n += 1;
    }
    assert!(n >= 5);
}

fn dump(src: &str) -> String {
    let mut d = vec![];
    let e = parser::parse_expr(FileId(0), src, &mut d).unwrap_or_else(|| panic!("{src}: {d:?}"));
    pretty::expr_dump(&e)
}

#[test]
fn operator_precedence_table() {
    let cases = [
        ("a + b * c", "(+ a (* b c))"),
        ("a - b - c", "(- (- a b) c)"),
        ("a & b |' c", "(|' (& a b) c)"),
        ("f x y + g z", "(+ (app f x y) (app g z))"),
        ("a + b =? c", "(=? (+ a b) c)"),
        ("a =? b && c <? d || e", "(|| (&& (=? a b) (<? c d)) e)"),
        ("x << 2 =? y", "(=? (<< x 2) y)"),
        ("a :: b :: c", "(:: a (:: b c))"),
        ("a ++ b :: c", "(++ a (:: b c))"),
        ("m @ k + 1", "(@ m (+ k 1))"),
        ("m @ a @ b", "(@ (@ m a) b)"),
        ("m # k == v # k2 == v2", "(# (# m k v) k2 v2)"),
        ("m # k + 1 == v + 1", "(# m (+ k 1) (+ v 1))"),
        ("(m @ k) =? 0", "(=? (@ m k) 0)"),
        ("r.(f).(g)", "(get (get r f) g)"),
        ("f r.(g)", "(app f (get r g))"),
        ("r {a : 1} {b : 2}", "(set (set r a 1) b 2)"),
        ("r.[a].[b] :< x + 1", "(update r (a b) (+ x 1))"),
        ("m @ k = v", "(= (@ m k) v)"),
        ("a = b /\\ c < d \\/ e", "(\\/ (/\\ (= a b) (< c d)) e)"),
        ("a -> b -> c", "(-> a (-> b c))"),
        ("a /\\ b -> c <-> d", "(-> (/\\ a b) (<-> c d))"),
        (
            "forall (x : Z), x = x -> True",
            "(Forall ((x Z)) (-> (= x x) True))",
        ),
        ("(- x) + 1", "(+ (Neg x) 1)"),
        ("(! b) && (~ P)", "(&& (BNot b) (Not P))"),
        ("a mod b * c", "(* (mod a b) c)"),
        (
            "when x, y == f a; Some (x, y)",
            "(when (x y) (app f a) (app Some (tuple x y)))",
        ),
        (
            "rely x <? 3; anno x < 3; None",
            "(rely (<? x 3) (anno (< x 3) None))",
        ),
        ("let (a, b) := p in a + b", "(let (a b) p (+ a b))"),
        ("if b then 1 else 2 + 3", "(if b 1 (+ 2 3))"),
        (
            "match o with | Some (a, _) => a | None => 0 end",
            "(match o [(Some (tuple a _)) a] [None 0])",
        ),
        ("0x10 + 1", "(+ 16 1)"),
        ("s =s \"a\"\"b\"", "(=s s \"a\\\"b\")"),
    ];
    for (src, want) in cases {
        assert_eq!(dump(src), want, "{src}");
    }
}

#[test]
fn syntax_errors_are_reported_per_declaration() {
    let src =
        "Definition a := 1 +.\nDefinition b := (2.\nDefinition c := 3.\nRecord R := mkR { x : }.\n";
    let mut d = vec![];
    let items = parser::parse_file(FileId(0), src, &mut d);
    assert_eq!(d.len(), 3, "{d:?}");
    assert_eq!(items.len(), 1);
}
