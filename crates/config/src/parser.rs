//! Recursive-descent parser with precedence climbing for the operator table.
//! Recovery: an error inside a declaration skips to the declaration's closing `.`, so one run
//! reports the errors of several declarations.

use super::ast::*;
use super::lexer::{lex, Tok, Token, KEYWORDS};
use diag::span::{FileId, Span};
use diag::{Code, Diagnostic};

type PResult<T> = Result<T, ()>;

/// Parse one file into its items (Includes are left as items; the loader follows them).
pub fn parse_file(file: FileId, src: &str, diags: &mut Vec<Diagnostic>) -> Vec<Item> {
    let before = diags.len();
    let toks = lex(file, src, diags);
    let truncated = diags[before..]
        .iter()
        .any(|d| matches!(d.code, Code::UnterminatedComment | Code::UnterminatedString));
    let mut p = Parser {
        toks,
        pos: 0,
        depth: 0,
        diags,
    };
    let items = p.items();
    if truncated {
        // the rest of the file was swallowed: an error at its end is only a consequence
        let end = src.len() as u32;
        diags.retain(|d| !(d.code == Code::Syntax && d.span.is_some_and(|s| s.lo == end)));
    }
    items
}

/// Parse a single expression (tests, tools).
pub fn parse_expr(file: FileId, src: &str, diags: &mut Vec<Diagnostic>) -> Option<Expr> {
    parse_whole(file, src, diags, |p| p.expr(LVL_TOP))
}

/// Parse a single type (the signatures of coq-lib's library names, tools).
pub fn parse_type(file: FileId, src: &str, diags: &mut Vec<Diagnostic>) -> Option<TypeExpr> {
    parse_whole(file, src, diags, |p| p.ty())
}

/// Parse all of `src` with `what`; anything left over is an error.
fn parse_whole<T>(
    file: FileId,
    src: &str,
    diags: &mut Vec<Diagnostic>,
    what: impl FnOnce(&mut Parser) -> PResult<T>,
) -> Option<T> {
    let toks = lex(file, src, diags);
    let mut p = Parser {
        toks,
        pos: 0,
        depth: 0,
        diags,
    };
    let t = what(&mut p).ok()?;
    if p.peek() != &Tok::Eof {
        p.err_expected("end of input");
        return None;
    }
    Some(t)
}

struct Parser<'d> {
    toks: Vec<Token>,
    pos: usize,
    /// A bound on the depth of the tree being built: one per open expression, type or pattern
    /// and one per node an operator chain stacks on its left operand. See [`MAX_NESTING`].
    depth: u32,
    diags: &'d mut Vec<Diagnostic>,
}

/// How deep an expression, type or pattern may nest. Parsing, checking, printing and dropping
/// a tree recurse once per level; the limit keeps a pathological input (AFL++ found 18k `(`)
/// from overflowing the stack and is far beyond what a configuration needs.
pub const MAX_NESTING: u32 = 256;

/// Words that start a typedef right-hand side: `Definition N := <type>.`
const TYPE_WORDS: &[&str] = &[
    "Z", "bool", "Prop", "string", "nat", "Type", "list", "option", "ZMap.t",
];

fn describe(t: &Tok) -> String {
    match t {
        Tok::Ident(s) => format!("`{s}`"),
        Tok::Num(n) => format!("number `{n}`"),
        Tok::Str(s) => format!("string \"{s}\""),
        Tok::Sym(s) => format!("`{s}`"),
        Tok::Eof => "end of file".into(),
    }
}

impl Parser<'_> {
    /// One level deeper; an error (reported once, at the token that goes too deep) past the limit.
    fn deeper(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth <= MAX_NESTING {
            return Ok(());
        }
        if self.depth == MAX_NESTING + 1 {
            let d = Diagnostic::error(
                Code::Syntax,
                self.span(),
                format!("nested more than {MAX_NESTING} levels deep"),
            )
            .label("too deep")
            .hint("split the expression with `let` or helper definitions");
            self.diags.push(d);
        }
        Err(())
    }

    /// Run `f` one level deeper, with the depth restored afterwards (whatever `f` stacked).
    fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        let saved = self.depth;
        let r = self.deeper().and_then(|()| f(self));
        self.depth = saved;
        r
    }

    fn peek(&self) -> &Tok {
        &self.toks[self.pos].tok
    }
    fn span(&self) -> Span {
        self.toks[self.pos].span
    }
    fn prev_span(&self) -> Span {
        self.toks[self.pos.saturating_sub(1)].span
    }
    fn bump(&mut self) -> Token {
        let t = self.toks[self.pos].clone();
        if self.pos + 1 < self.toks.len() {
            self.pos += 1;
        }
        t
    }
    fn is_sym(&self, s: &str) -> bool {
        matches!(self.peek(), Tok::Sym(x) if *x == s)
    }
    fn is_kw(&self, k: &str) -> bool {
        matches!(self.peek(), Tok::Ident(x) if x == k)
    }
    fn eat_sym(&mut self, s: &str) -> bool {
        if self.is_sym(s) {
            self.bump();
            true
        } else {
            false
        }
    }
    fn err_expected(&mut self, what: &str) {
        let found = describe(self.peek());
        let hint = match self.peek() {
            Tok::Ident(k) if KEYWORDS.contains(&k.as_str()) => {
                format!("`{k}` is a keyword and cannot be used here; see docs/config.md")
            }
            _ if what.contains("`.`") => {
                "every declaration ends with `.`; check for a missing `.` or a stray token".into()
            }
            _ => "check the grammar in docs/config.md".into(),
        };
        let d = Diagnostic::error(
            Code::Syntax,
            self.span(),
            format!("expected {what}, found {found}"),
        )
        .label(format!("expected {what}"))
        .hint(hint);
        self.diags.push(d);
    }
    fn expect_sym(&mut self, s: &str) -> PResult<Span> {
        if self.is_sym(s) {
            Ok(self.bump().span)
        } else {
            self.err_expected(&format!("`{s}`"));
            Err(())
        }
    }
    fn expect_kw(&mut self, k: &str) -> PResult<Span> {
        if self.is_kw(k) {
            Ok(self.bump().span)
        } else {
            self.err_expected(&format!("`{k}`"));
            Err(())
        }
    }
    /// A non-keyword name (or `_` if `allow_wild`).
    fn ident(&mut self, what: &str) -> PResult<Ident> {
        match self.peek() {
            Tok::Ident(s) if KEYWORDS.contains(&s.as_str()) => {
                self.err_expected(what);
                Err(())
            }
            _ => self.qualid(what),
        }
    }

    /// A name, keywords included (a library path such as `AutoV.PT` lexes as one name).
    fn qualid(&mut self, what: &str) -> PResult<Ident> {
        match self.peek().clone() {
            Tok::Ident(s) => {
                let sp = self.bump().span;
                Ok(Ident { name: s, span: sp })
            }
            _ => {
                self.err_expected(what);
                Err(())
            }
        }
    }

    /// The word `w` (a keyword or a plain name).
    fn expect_word(&mut self, w: &str) -> PResult<()> {
        if matches!(self.peek(), Tok::Ident(s) if s == w) {
            self.bump();
            Ok(())
        } else {
            self.err_expected(&format!("`{w}`"));
            Err(())
        }
    }

    // ---------------------------------------------------------------- items
    fn items(&mut self) -> Vec<Item> {
        let mut out = vec![];
        while self.peek() != &Tok::Eof {
            let start = self.pos;
            match self.item() {
                Ok(it) => out.push(it),
                Err(()) => {
                    // recover: skip to the end of this declaration
                    if self.pos == start {
                        self.bump();
                    }
                    while !matches!(self.peek(), Tok::Eof | Tok::Sym(".")) {
                        self.bump();
                    }
                    self.eat_sym(".");
                }
            }
        }
        out
    }

    fn end_dot(&mut self) -> PResult<Span> {
        self.expect_sym(".")
    }

    fn item(&mut self) -> PResult<Item> {
        let start = self.span();
        let kw = match self.peek() {
            Tok::Ident(k) => k.clone(),
            _ => {
                self.err_expected("a declaration (`Definition`, `Record`, `Section`, …)");
                return Err(());
            }
        };
        let kind = match kw.as_str() {
            "Include" => {
                self.bump();
                let path = match self.peek().clone() {
                    Tok::Str(s) => {
                        self.bump();
                        s
                    }
                    _ => {
                        self.err_expected("a file name in quotes");
                        return Err(());
                    }
                };
                self.end_dot()?;
                ItemKind::Include(path)
            }
            "From" => {
                self.bump();
                let lib = self.qualid("a coq-lib library (e.g. `AutoV.PT`)")?;
                self.expect_word("Require")?;
                self.expect_word("Import")?;
                let mut modules = vec![self.ident("a module name")?];
                while !self.is_sym(".") && self.peek() != &Tok::Eof {
                    modules.push(self.ident("a module name")?);
                }
                self.end_dot()?;
                ItemKind::Require { lib, modules }
            }
            "Section" | "End" => {
                self.bump();
                let n = self.ident("a layer name")?;
                self.end_dot()?;
                if kw == "Section" {
                    ItemKind::Section(n)
                } else {
                    ItemKind::End(n)
                }
            }
            "Record" => {
                self.bump();
                let name = self.ident("a record name")?;
                self.opt_sort()?;
                self.expect_sym(":=")?;
                let ctor = self.ident("the record's constructor name (e.g. `mkR`)")?;
                self.expect_sym("{")?;
                let mut fields = vec![];
                while !self.is_sym("}") {
                    let fname = self.ident("a field name")?;
                    self.expect_sym(":")?;
                    let ty = self.ty()?;
                    fields.push(Field { name: fname, ty });
                    if !self.eat_sym(";") {
                        break;
                    }
                }
                self.expect_sym("}")?;
                self.end_dot()?;
                ItemKind::Record { name, ctor, fields }
            }
            "Inductive" => {
                self.bump();
                let name = self.ident("a type name")?;
                self.opt_sort()?;
                self.expect_sym(":=")?;
                let mut ctors = vec![];
                self.eat_sym("|");
                loop {
                    let cname = self.ident("a constructor name")?;
                    let args = self.params()?;
                    ctors.push(Ctor { name: cname, args });
                    if !self.eat_sym("|") {
                        break;
                    }
                }
                self.end_dot()?;
                ItemKind::Inductive { name, ctors }
            }
            "Definition" | "Fixpoint" => {
                self.bump();
                let name = self.ident("a definition name")?;
                let params = self.params()?;
                let ret = if self.eat_sym(":") {
                    Some(self.ty()?)
                } else {
                    None
                };
                self.expect_sym(":=")?;
                let typedef = kw == "Definition"
                    && params.is_empty()
                    && ret.is_none()
                    && matches!(self.peek(), Tok::Ident(w) if TYPE_WORDS.contains(&w.as_str()));
                if typedef {
                    let ty = self.ty()?;
                    self.end_dot()?;
                    ItemKind::Typedef { name, ty }
                } else {
                    let body = self.expr(LVL_TOP)?;
                    self.end_dot()?;
                    ItemKind::Definition {
                        name,
                        params,
                        ret,
                        body,
                        fixpoint: kw == "Fixpoint",
                    }
                }
            }
            "Parameter" => {
                self.bump();
                let name = self.ident("a name")?;
                self.expect_sym(":")?;
                let ty = self.ty()?;
                self.end_dot()?;
                ItemKind::Parameter { name, ty }
            }
            "Hint" => {
                self.bump();
                let kind = self.ident("a hint kind (`NoUnfold`, `NoTrans`)")?;
                let mut names = vec![self.ident("a name")?];
                while matches!(self.peek(), Tok::Ident(_)) {
                    names.push(self.ident("a name")?);
                }
                self.end_dot()?;
                ItemKind::Hint { kind, names }
            }
            _ => {
                self.err_expected("a declaration (`Definition`, `Record`, `Section`, …)");
                return Err(());
            }
        };
        Ok(Item {
            kind,
            span: start.to(self.prev_span()),
        })
    }

    /// Optional `: Type` after a Record/Inductive name.
    fn opt_sort(&mut self) -> PResult<()> {
        if self.eat_sym(":") {
            self.expect_kw("Type")?;
        }
        Ok(())
    }

    /// `(x y : T)*`
    fn params(&mut self) -> PResult<Vec<Param>> {
        let mut out = vec![];
        while self.is_sym("(") {
            self.bump();
            let mut names = vec![self.ident("a parameter name")?];
            while !self.is_sym(":") {
                names.push(self.ident("a parameter name or `:`")?);
            }
            self.expect_sym(":")?;
            let ty = self.ty()?;
            self.expect_sym(")")?;
            for n in names {
                out.push(Param {
                    name: n,
                    ty: ty.clone(),
                });
            }
        }
        Ok(out)
    }

    // ---------------------------------------------------------------- types
    fn ty(&mut self) -> PResult<TypeExpr> {
        self.nested(Self::ty_arrow)
    }
    fn ty_arrow(&mut self) -> PResult<TypeExpr> {
        let a = self.ty_prod()?;
        if self.eat_sym("->") {
            let b = self.ty()?;
            let span = a.span.to(b.span);
            return Ok(TypeExpr {
                kind: TypeExprKind::Arrow(Box::new(a), Box::new(b)),
                span,
            });
        }
        Ok(a)
    }
    fn ty_prod(&mut self) -> PResult<TypeExpr> {
        let first = self.ty_app()?;
        if !self.is_sym("*") {
            return Ok(first);
        }
        let mut parts = vec![first];
        while self.eat_sym("*") {
            parts.push(self.ty_app()?);
        }
        let span = parts[0].span.to(parts.last().unwrap().span);
        Ok(TypeExpr {
            kind: TypeExprKind::Tuple(parts),
            span,
        })
    }
    fn ty_app(&mut self) -> PResult<TypeExpr> {
        if let Tok::Ident(w) = self.peek().clone() {
            if matches!(w.as_str(), "list" | "option" | "ZMap.t") {
                let sp = self.bump().span;
                let arg = self.ty_atom()?;
                let span = sp.to(arg.span);
                return Ok(TypeExpr {
                    kind: TypeExprKind::App(w, Box::new(arg)),
                    span,
                });
            }
        }
        self.ty_atom()
    }
    fn ty_atom(&mut self) -> PResult<TypeExpr> {
        if self.is_sym("(") {
            let lo = self.bump().span;
            let mut t = self.ty()?;
            let hi = self.expect_sym(")")?;
            t.span = lo.to(hi);
            return Ok(t);
        }
        match self.peek().clone() {
            Tok::Ident(w) if w == "Type" || !KEYWORDS.contains(&w.as_str()) => {
                let sp = self.bump().span;
                Ok(TypeExpr {
                    kind: TypeExprKind::Name(w),
                    span: sp,
                })
            }
            _ => {
                self.err_expected("a type");
                Err(())
            }
        }
    }

    // ---------------------------------------------------------------- expressions
    /// Parse an expression whose operators all have level <= `max`.
    fn expr(&mut self, max: u8) -> PResult<Expr> {
        self.nested(|p| p.expr_chain(max))
    }
    fn expr_chain(&mut self, max: u8) -> PResult<Expr> {
        let mut lhs = self.operand()?;
        loop {
            let sym = match self.peek() {
                Tok::Sym(s) => *s,
                Tok::Ident(k) if k == "mod" => "mod",
                _ => break,
            };
            if let Some(op) = BinOp::from_symbol(sym) {
                let (lvl, right) = op.level();
                if lvl > max {
                    break;
                }
                self.bump();
                let rhs = self.expr(if right { lvl } else { lvl - 1 })?;
                let span = lhs.span.to(rhs.span);
                lhs = Expr::new(ExprKind::Binary(op, Box::new(lhs), Box::new(rhs)), span);
                // Each operator of a chain stacks a node on `lhs`.
                self.deeper()?;
                continue;
            }
            match sym {
                "#" if LVL_MAPSET <= max => {
                    self.bump();
                    let k = self.expr(LVL_TOP)?;
                    self.expect_sym("==")?;
                    let v = self.expr(LVL_MAPSET - 1)?;
                    let span = lhs.span.to(v.span);
                    lhs = Expr::new(
                        ExprKind::MapSet(Box::new(lhs), Box::new(k), Box::new(v)),
                        span,
                    );
                }
                "@" if LVL_MAPGET <= max => {
                    self.bump();
                    let k = self.expr(LVL_MAPGET - 1)?;
                    let span = lhs.span.to(k.span);
                    lhs = Expr::new(ExprKind::MapGet(Box::new(lhs), Box::new(k)), span);
                }
                "{" if LVL_RECSET <= max => {
                    self.bump();
                    let f = self.ident("a field name")?;
                    self.expect_sym(":")?;
                    let v = self.expr(LVL_TOP)?;
                    let hi = self.expect_sym("}")?;
                    let span = lhs.span.to(hi);
                    lhs = Expr::new(ExprKind::RecSet(Box::new(lhs), f, Box::new(v)), span);
                }
                ".[" if LVL_UPDATE <= max => {
                    let mut path = vec![];
                    while self.eat_sym(".[") {
                        path.push(self.ident("a field name")?);
                        self.expect_sym("]")?;
                    }
                    self.expect_sym(":<")?;
                    let v = self.expr(LVL_UPDATE - 1)?;
                    let span = lhs.span.to(v.span);
                    lhs = Expr::new(ExprKind::Update(Box::new(lhs), path, Box::new(v)), span);
                }
                _ => break,
            }
            self.deeper()?;
        }
        Ok(lhs)
    }

    fn binder_names(&mut self) -> PResult<Vec<Ident>> {
        let mut v = vec![self.ident("a name")?];
        while self.eat_sym(",") {
            v.push(self.ident("a name")?);
        }
        Ok(v)
    }

    /// Prefix forms (whose body extends as far right as possible) or an application.
    fn operand(&mut self) -> PResult<Expr> {
        let lo = self.span();
        let kw = match self.peek() {
            Tok::Ident(k) => k.clone(),
            _ => String::new(),
        };
        let kind = match kw.as_str() {
            "let" => {
                self.bump();
                if self.eat_sym("(") {
                    let names = self.binder_names()?;
                    self.expect_sym(")")?;
                    self.expect_sym(":=")?;
                    let e = self.expr(LVL_TOP)?;
                    self.expect_kw("in")?;
                    let b = self.expr(LVL_TOP)?;
                    ExprKind::LetTuple(names, Box::new(e), Box::new(b))
                } else {
                    let name = self.ident("a name")?;
                    let ty = if self.eat_sym(":") {
                        Some(self.ty()?)
                    } else {
                        None
                    };
                    self.expect_sym(":=")?;
                    let e = self.expr(LVL_TOP)?;
                    self.expect_kw("in")?;
                    let b = self.expr(LVL_TOP)?;
                    ExprKind::Let(Binder::new(name, ty), Box::new(e), Box::new(b))
                }
            }
            "when" => {
                self.bump();
                let names = self.binder_names()?;
                self.expect_sym("==")?;
                let e = self.expr(LVL_TOP)?;
                self.expect_sym(";")?;
                let b = self.expr(LVL_TOP)?;
                ExprKind::When(names, Box::new(e), Box::new(b))
            }
            "rely" | "anno" => {
                self.bump();
                let p = self.expr(LVL_TOP)?;
                self.expect_sym(";")?;
                let b = self.expr(LVL_TOP)?;
                if kw == "rely" {
                    ExprKind::Rely(Box::new(p), Box::new(b))
                } else {
                    ExprKind::Anno(Box::new(p), Box::new(b))
                }
            }
            "if" => {
                self.bump();
                let c = self.expr(LVL_TOP)?;
                self.expect_kw("then")?;
                let a = self.expr(LVL_TOP)?;
                self.expect_kw("else")?;
                let b = self.expr(LVL_TOP)?;
                ExprKind::If(Box::new(c), Box::new(a), Box::new(b))
            }
            "match" => {
                self.bump();
                let e = self.expr(LVL_TOP)?;
                self.expect_kw("with")?;
                let mut arms = vec![];
                self.eat_sym("|");
                if !self.is_kw("end") {
                    loop {
                        let pat = self.pattern()?;
                        self.expect_sym("=>")?;
                        let body = self.expr(LVL_TOP)?;
                        arms.push(Arm { pat, body });
                        if !self.eat_sym("|") {
                            break;
                        }
                    }
                }
                self.expect_kw("end")?;
                ExprKind::Match(Box::new(e), arms)
            }
            "exists" | "forall" => {
                self.bump();
                let mut binders = vec![];
                loop {
                    if self.is_sym("(") {
                        for p in self.params()? {
                            binders.push(Binder::new(p.name, Some(p.ty)));
                        }
                    } else if matches!(self.peek(), Tok::Ident(_)) {
                        let name = self.ident("a bound name")?;
                        binders.push(Binder::new(name, None));
                    } else {
                        break;
                    }
                }
                if binders.is_empty() {
                    self.err_expected("a bound name");
                    return Err(());
                }
                self.expect_sym(",")?;
                let b = self.expr(LVL_TOP)?;
                let q = if kw == "exists" {
                    Quant::Exists
                } else {
                    Quant::Forall
                };
                ExprKind::Quant(q, binders, Box::new(b))
            }
            _ => return self.application(),
        };
        Ok(Expr::new(kind, lo.to(self.prev_span())))
    }

    fn starts_atom(&self) -> bool {
        match self.peek() {
            Tok::Ident(k) => !KEYWORDS.contains(&k.as_str()) || k == "true" || k == "false",
            Tok::Num(_) | Tok::Str(_) => true,
            Tok::Sym(s) => *s == "(",
            Tok::Eof => false,
        }
    }

    fn application(&mut self) -> PResult<Expr> {
        let head = self.atom()?;
        let mut args = vec![];
        while self.starts_atom() {
            args.push(self.atom()?);
        }
        if args.is_empty() {
            return Ok(head);
        }
        let span = head.span.to(args.last().unwrap().span);
        Ok(Expr::new(ExprKind::App(Box::new(head), args), span))
    }

    fn atom(&mut self) -> PResult<Expr> {
        let lo = self.span();
        let mut e = match self.peek().clone() {
            Tok::Ident(k) if k == "true" || k == "false" => {
                self.bump();
                Expr::new(ExprKind::Bool(k == "true"), lo)
            }
            Tok::Ident(k) if !KEYWORDS.contains(&k.as_str()) => {
                self.bump();
                Expr::new(ExprKind::Var(k), lo)
            }
            Tok::Num(n) => {
                self.bump();
                Expr::new(ExprKind::Num(n), lo)
            }
            Tok::Str(s) => {
                self.bump();
                Expr::new(ExprKind::Str(s), lo)
            }
            Tok::Sym("(") => {
                self.bump();
                let un = match self.peek() {
                    Tok::Sym("-") => Some(UnOp::Neg),
                    Tok::Sym("~") => Some(UnOp::Not),
                    Tok::Sym("!") => Some(UnOp::BNot),
                    _ => None,
                };
                if let Some(op) = un {
                    self.bump();
                    let inner = self.expr(LVL_TOP)?;
                    let hi = self.expect_sym(")")?;
                    Expr::new(ExprKind::Unary(op, Box::new(inner)), lo.to(hi))
                } else {
                    let first = self.expr(LVL_TOP)?;
                    if self.is_sym(",") {
                        let mut parts = vec![first];
                        while self.eat_sym(",") {
                            parts.push(self.expr(LVL_TOP)?);
                        }
                        let hi = self.expect_sym(")")?;
                        Expr::new(ExprKind::Tuple(parts), lo.to(hi))
                    } else {
                        let hi = self.expect_sym(")")?;
                        let mut e = first;
                        e.span = lo.to(hi);
                        e
                    }
                }
            }
            _ => {
                self.err_expected("an expression");
                return Err(());
            }
        };
        while self.is_sym(".(") {
            self.bump();
            let f = self.ident("a field name")?;
            let hi = self.expect_sym(")")?;
            let span = e.span.to(hi);
            e = Expr::new(ExprKind::Field(Box::new(e), f), span);
            self.deeper()?;
        }
        Ok(e)
    }

    // ---------------------------------------------------------------- patterns
    fn pattern(&mut self) -> PResult<Pattern> {
        self.nested(Self::pattern_ctor)
    }
    fn pattern_ctor(&mut self) -> PResult<Pattern> {
        if let Tok::Ident(k) = self.peek().clone() {
            if !KEYWORDS.contains(&k.as_str()) && k != "_" {
                let id = self.ident("a constructor")?;
                let mut args = vec![];
                while self.starts_pat_atom() {
                    args.push(self.pat_atom()?);
                }
                if args.is_empty() {
                    return Ok(Pattern {
                        kind: PatKind::Var(id.name),
                        span: id.span,
                    });
                }
                let span = id.span.to(args.last().unwrap().span);
                return Ok(Pattern {
                    kind: PatKind::Ctor(id, args),
                    span,
                });
            }
        }
        self.pat_atom()
    }
    fn starts_pat_atom(&self) -> bool {
        match self.peek() {
            Tok::Ident(k) => !KEYWORDS.contains(&k.as_str()) || k == "true" || k == "false",
            Tok::Num(_) | Tok::Str(_) => true,
            Tok::Sym(s) => *s == "(",
            Tok::Eof => false,
        }
    }
    fn pat_atom(&mut self) -> PResult<Pattern> {
        let lo = self.span();
        let kind = match self.peek().clone() {
            Tok::Ident(k) if k == "_" => {
                self.bump();
                PatKind::Wild
            }
            Tok::Ident(k) if k == "true" || k == "false" => {
                self.bump();
                PatKind::Bool(k == "true")
            }
            Tok::Ident(k) if !KEYWORDS.contains(&k.as_str()) => {
                self.bump();
                PatKind::Var(k)
            }
            Tok::Num(n) => {
                self.bump();
                PatKind::Num(n)
            }
            Tok::Str(s) => {
                self.bump();
                PatKind::Str(s)
            }
            Tok::Sym("(") => {
                self.bump();
                let first = self.pattern()?;
                if self.is_sym(",") {
                    let mut parts = vec![first];
                    while self.eat_sym(",") {
                        parts.push(self.pattern()?);
                    }
                    let hi = self.expect_sym(")")?;
                    return Ok(Pattern {
                        kind: PatKind::Tuple(parts),
                        span: lo.to(hi),
                    });
                }
                let hi = self.expect_sym(")")?;
                return Ok(Pattern {
                    kind: first.kind,
                    span: lo.to(hi),
                });
            }
            _ => {
                self.err_expected("a pattern");
                return Err(());
            }
        };
        Ok(Pattern { kind, span: lo })
    }
}
