//! Module → files: `Types.v`, `Globals.v`, one `F_<fn>.v` per defined function, `Code.v`, plus
//! `_CoqProject` and a `Makefile` so that `make -j` checks the functions in parallel.

use crate::convert::{self, ConvError, FuncCode, ModCtx};
use crate::mangle;
use crate::syntax::Typ;
use coq::sentence::Require;
use coq::{File, ListLayout, Sentence, Term};
use ir2json::{Module, Type};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

/// Tool version written into every provenance header.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Options of one module conversion.
#[derive(Clone, Debug)]
pub struct Options {
    /// Coq logical name of the output folder (`-R out <prefix>`).
    pub prefix: String,
    /// Source file name written into the provenance headers.
    pub source: String,
}

/// Outcome for one defined function.
#[derive(Clone, Debug)]
pub struct FuncReport {
    pub name: String,
    /// The file written for it (relative), or the error.
    pub result: Result<String, ConvError>,
    pub stats: Option<crate::cfg::Stats>,
}

/// Everything produced for one module.
#[derive(Clone, Debug)]
pub struct ModuleOutput {
    /// (relative path, contents), in a fixed order.
    pub files: Vec<(String, String)>,
    pub functions: Vec<FuncReport>,
    /// Declarations (no body): counted apart, never as conversions.
    pub declarations: usize,
    /// Non-fatal problems (e.g. a named struct whose layout is unknown).
    pub warnings: Vec<String>,
    /// Global variables whose initializer has no constant form (`function` holds the global's
    /// name): failures, like functions that do not convert.
    pub global_errors: Vec<ConvError>,
    /// The options the module was converted with.
    pub opts: Options,
    /// The converted functions: (LLVM name, Coq module = file stem `F_<name>`), in `Code.v` order.
    pub modules: Vec<(String, String)>,
    /// The sentences of `Types.v`, `Globals.v` and each function file without their headers, for
    /// checks that compile several files in one coqc run ([`ModuleOutput::check_file`]).
    pub parts: CheckParts,
}

/// A file's sentences after its header, and whether they need `Coq.String`.
#[derive(Clone, Debug, Default)]
pub struct Part {
    pub body: Vec<Sentence>,
    pub strings: bool,
    /// Size of the emitted file in bytes (to size check chunks).
    pub bytes: usize,
}

/// The parts of a module folder (see [`ModuleOutput::parts`]).
#[derive(Clone, Debug, Default)]
pub struct CheckParts {
    pub types: Part,
    pub globals: Part,
    /// One per converted function, in the order of [`ModuleOutput::modules`].
    pub funcs: Vec<Part>,
}

impl ModuleOutput {
    pub fn converted(&self) -> usize {
        self.functions.iter().filter(|f| f.result.is_ok()).count()
    }
    pub fn failed(&self) -> impl Iterator<Item = &ConvError> {
        self.functions
            .iter()
            .filter_map(|f| f.result.as_ref().err())
    }
    /// One file checking, in one coqc run, the sentences of `Types.v` and `Globals.v` (each in a
    /// module of that name, imported) and of the function files `funcs` (indices into
    /// [`ModuleOutput::modules`]; each in a module named after its file, `F_…`), under the one
    /// header the emitted files share. With `code`, the function table of `Code.v` follows.
    /// Returns the text and, per function of `funcs`, the line range its module occupies (to
    /// attribute a coqc error to the function).
    /// With `base_compiled`, `Types.v` and `Globals.v` are required (compiled once for all the
    /// check files of a big module) instead of inlined.
    pub fn check_file(
        &self,
        funcs: &[usize],
        code: bool,
        base_compiled: bool,
    ) -> (String, Vec<(usize, usize)>) {
        let base: &[&str] = if base_compiled {
            &["Types", "Globals"]
        } else {
            &[]
        };
        let mut f = code_file(
            &self.opts,
            &format!("{} function files checked in one coqc run", funcs.len()),
            self.check_strings(funcs),
            base,
            vec![],
        );
        let (body, marks) = self.check_body(funcs, code, !base_compiled);
        f.extend(body);
        let text = f.render();
        // Line ranges: from each marker comment to the next (or the end).
        let mut starts = Vec::new();
        for (i, l) in text.lines().enumerate() {
            if let Some(rest) = l.strip_prefix("(* @@check ") {
                if marks
                    .get(starts.len())
                    .is_some_and(|m| rest.starts_with(m.as_str()))
                {
                    starts.push(i + 1);
                }
            }
        }
        let last = text.lines().count();
        let ranges = (0..starts.len())
            .map(|i| (starts[i], starts.get(i + 1).map_or(last, |&n| n - 1)))
            .collect();
        (text, ranges)
    }

    /// Fault injection for the tests of grouped checks (`autov test-conversion
    /// --check-fault-in`): function `k`'s check sentences and its emitted file in `outdir` end
    /// with a definition that does not type-check.
    pub fn inject_check_fault(&mut self, k: usize, outdir: &Path) -> std::io::Result<()> {
        let fault = Sentence::definition(
            "autov_check_fault",
            vec![],
            Some(Term::name("nat")),
            Term::name("true"),
        );
        let file = format!("{}.v", self.modules[k].1);
        let path = outdir.join(&file);
        let mut text = std::fs::read_to_string(&path)?;
        text.push_str(&fault.render());
        text.push('\n');
        std::fs::write(&path, &text)?;
        if let Some(f) = self.files.iter_mut().find(|(p, _)| *p == file) {
            f.1 = text;
        }
        self.parts.funcs[k].body.push(fault);
        Ok(())
    }

    /// Whether the check sentences of `funcs` need `Coq.String`.
    fn check_strings(&self, funcs: &[usize]) -> bool {
        let p = &self.parts;
        p.types.strings || p.globals.strings || funcs.iter().any(|&k| p.funcs[k].strings)
    }

    /// The sentences of a check file after its header (see [`ModuleOutput::check_file`]), and the
    /// marker of each function module.
    fn check_body(
        &self,
        funcs: &[usize],
        code: bool,
        inline_base: bool,
    ) -> (Vec<Sentence>, Vec<String>) {
        let p = &self.parts;
        let mut body = Vec::new();
        let base = [("Types", &p.types), ("Globals", &p.globals)];
        for (name, part) in base.into_iter().filter(|_| inline_base) {
            body.push(Sentence::Module {
                name: name.into(),
                ty: None,
                body: part.body.clone(),
            });
            body.push(Sentence::import(&[name]));
        }
        let mut marks = Vec::new();
        for &k in funcs {
            let m = &self.modules[k].1;
            body.push(Sentence::Comment(format!("@@check {m}")));
            body.push(Sentence::Module {
                name: m.clone(),
                ty: None,
                body: p.funcs[k].body.clone(),
            });
            marks.push(m.clone());
        }
        if code {
            body.push(code_def(&self.modules));
        }
        (body, marks)
    }

    /// The function table of `Code.v`, checked against check files (`drivers`, logical names in
    /// the module's folder) that hold the function modules.
    pub fn check_code(&self, drivers: &[String]) -> String {
        let requires: Vec<Require> = drivers
            .iter()
            .map(|d| Require::import(self.opts.prefix.clone(), &[d.as_str()]))
            .collect();
        let mut c = code_file(&self.opts, "function table (check)", false, &[], requires);
        c.push(Sentence::import(&["Types", "Globals"]));
        c.push(code_def(&self.modules));
        c.render()
    }

    /// Write all files under `dir` (created if needed).
    pub fn write(&self, dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        for (p, c) in &self.files {
            let path = dir.join(p);
            // Only rewrite changed files, so make rebuilds only what changed.
            if std::fs::read_to_string(&path).ok().as_deref() != Some(c.as_str()) {
                std::fs::write(path, c)?;
            }
        }
        Ok(())
    }
}

/// A valid Coq logical-name component derived from a file stem.
pub fn prefix_for(stem: &str) -> String {
    format!("M_{}", mangle::encode(stem).replace('\'', "_"))
}

/// A file of the code model: provenance header, requires (`String` when `strings`, the module's
/// `Types`/`Globals` when `import`), scopes.
fn code_file(
    opts: &Options,
    what: &str,
    strings: bool,
    import: &[&str],
    extra: Vec<Require>,
) -> File {
    let mut f = File::new(format!(
        "Generated by autov ir2coq {VERSION} from {}: {what}. Do not edit.",
        opts.source
    ));
    let mut requires = Vec::new();
    if !import.is_empty() {
        requires.push(Require::import(opts.prefix.clone(), import));
    }
    requires.extend(extra);
    f.extend(preamble(strings, requires));
    f
}

/// The preamble every emitted file shares: the standard library and coq-lib's syntax, then
/// `requires`, the list notations and `Z_scope`.
fn preamble(strings: bool, requires: Vec<Require>) -> Vec<Sentence> {
    let mut v = vec![Sentence::Require(Require::import(
        "Coq",
        &["ZArith", "List"],
    ))];
    if strings {
        v.push(Sentence::Require(Require::import("Coq", &["String"])));
    }
    v.push(Sentence::Require(Require::import("AutoV", &["Syntax"])));
    v.extend(requires.into_iter().map(Sentence::Require));
    v.push(Sentence::import(&["ListNotations"]));
    v.push(Sentence::open_scope(true, "Z_scope"));
    v
}

/// One file checking several whole modules in one coqc run, so that small modules share coqc's
/// start-up (loading the standard library and coq-lib costs about a third of a second): each
/// module's check sentences ([`ModuleOutput::check_file`] with all its functions and its function
/// table) in a module `M<k>` of their own, under one header. Errors are not attributed to a
/// function here: a bundle that fails is checked again module by module.
pub fn check_bundle(outs: &[&ModuleOutput]) -> String {
    let sources: Vec<&str> = outs.iter().map(|o| o.opts.source.as_str()).collect();
    let mut f = File::new(format!(
        "Generated by autov ir2coq {VERSION}: {} modules checked in one coqc run ({}). Do not edit.",
        outs.len(),
        sources.join(", ")
    ));
    let all = |o: &ModuleOutput| (0..o.modules.len()).collect::<Vec<_>>();
    f.extend(preamble(
        outs.iter().any(|o| o.check_strings(&all(o))),
        vec![],
    ));
    for (k, o) in outs.iter().enumerate() {
        f.push(Sentence::Module {
            name: format!("M{k}"),
            ty: None,
            body: o.check_body(&all(o), true, true).0,
        });
    }
    f.render()
}

/// `Definition name : ident := k%positive.`
fn ident_def(name: &str, k: u64) -> Sentence {
    Sentence::definition(
        name,
        vec![],
        Some(Term::name("ident")),
        Term::Scoped(Box::new(Term::int(k as i128)), "positive"),
    )
}

fn named_deps(t: &Type, out: &mut BTreeSet<String>) {
    match t {
        Type::Named { name } => {
            out.insert(name.clone());
        }
        Type::Array { elem, .. } | Type::Vector { elem, .. } => named_deps(elem, out),
        Type::Struct { fields, .. } => fields.iter().for_each(|f| named_deps(f, out)),
        Type::Func(ft) => {
            named_deps(&ft.ret, out);
            ft.params.iter().for_each(|p| named_deps(p, out));
        }
        _ => {}
    }
}

fn types_file(mc: &ModCtx, opts: &Options, warnings: &mut Vec<String>) -> (String, Part) {
    let mut body: Vec<Sentence> = Vec::new();
    // Topological order over by-value field references (pointers are erased, so no cycles).
    let mut done: BTreeSet<String> = BTreeSet::new();
    let mut order = Vec::new();
    fn visit(
        n: &str,
        mc: &ModCtx,
        done: &mut BTreeSet<String>,
        onstack: &mut BTreeSet<String>,
        order: &mut Vec<String>,
    ) {
        if done.contains(n) || !onstack.insert(n.to_string()) {
            return;
        }
        if let Some(Some(b)) = mc.named.get(n) {
            let mut deps = BTreeSet::new();
            b.fields.iter().for_each(|f| named_deps(f, &mut deps));
            for d in deps {
                visit(&d, mc, done, onstack, order);
            }
        }
        onstack.remove(n);
        done.insert(n.to_string());
        order.push(n.to_string());
    }
    for t in &mc.m.types {
        visit(&t.name, mc, &mut done, &mut BTreeSet::new(), &mut order);
    }
    for n in order {
        let Some(Some(b)) = mc.named.get(n.as_str()) else {
            continue;
        };
        let t = Type::Struct {
            fields: b.fields.clone(),
            packed: b.packed,
        };
        let def = |body: Term| {
            Sentence::definition(
                mangle::named_type(&n),
                vec![],
                Some(Term::name("typ")),
                body,
            )
        };
        match mc.typ(&t) {
            Ok(t) => body.push(Sentence::Group(vec![
                Sentence::comment(format!("%{n}")),
                def(t.term()),
            ])),
            Err(e) => {
                warnings.push(format!("type %{n}: {e:?}"));
                body.push(def(Term::name("Topaque")))
            }
        };
    }
    let mut file = code_file(opts, "named struct types", false, &[], vec![]);
    file.extend(body.clone());
    let text = file.render();
    let part = Part {
        body,
        strings: false,
        bytes: text.len(),
    };
    (text, part)
}

/// Convert one module. Functions convert in parallel; output is deterministic.
pub fn convert_module(m: &Module, opts: &Options) -> ModuleOutput {
    let mc = ModCtx::new(m);
    let mut warnings = Vec::new();
    let results: Vec<Result<FuncCode, ConvError>> = m
        .functions
        .par_iter()
        .map(|f| convert::convert_function(&mc, f))
        .collect();
    let mut files = Vec::new();
    let (types_text, types_part) = types_file(&mc, opts, &mut warnings);
    files.push(("Types.v".to_string(), types_text));

    // Globals.v: one ident per global symbol, the global variables, the table.
    let mut idents = Vec::new();
    let mut ident = |id: &str, what: String| {
        idents.push(ident_def(id, idents.len() as u64 + 1).with_comment(what));
    };
    for f in &m.functions {
        ident(
            &mangle::global(&f.sig.name),
            format!("define @{}", f.sig.name),
        );
    }
    for f in &m.declarations {
        ident(
            &mangle::global(&f.sig.name),
            format!("declare @{}", f.sig.name),
        );
    }
    for v in &m.globals {
        ident(&mangle::global(&v.name), format!("global @{}", v.name));
    }
    for a in &m.aliases {
        ident(&mangle::global(&a.name), format!("alias @{}", a.name));
    }
    for a in &m.ifuncs {
        ident(&mangle::global(&a.name), format!("ifunc @{}", a.name));
    }
    let mut asm_seen = BTreeSet::new();
    for fc in results.iter().flatten() {
        for site in &fc.asm {
            if asm_seen.insert(site.id.clone()) {
                ident(
                    &site.id.0,
                    format!(
                        "inline asm in @{}: {:?} constraints {:?}",
                        fc.name, site.asm.template, site.asm.constraints
                    ),
                );
            }
        }
        for (id, what) in &fc.prims {
            // Named-register and metadata primitives are shared by every function using them.
            if asm_seen.insert(id.clone()) {
                ident(&id.0, what.clone());
            }
        }
    }
    // Block addresses (blockaddress constants: indirectbr and callbr targets).
    let mut blockaddrs: BTreeMap<String, String> = BTreeMap::new();
    for f in &m.functions {
        for b in &f.blocks {
            let dests = match &b.term.op {
                ir2json::TermOp::IndirectBr { dests, .. } => dests,
                ir2json::TermOp::CallBr { indirect, .. } => indirect,
                _ => continue,
            };
            for d in dests {
                blockaddrs.insert(
                    mangle::block_addr(&f.sig.name, d),
                    format!("@{} {d}", f.sig.name),
                );
            }
        }
    }
    for (id, what) in &blockaddrs {
        ident(id, format!("blockaddress {what}"));
    }
    let mut gvars = Vec::new();
    let mut entries = Vec::new();
    let mut global_errors = Vec::new();
    for v in &m.globals {
        let gv = mangle::gvar(&v.name);
        let ty = match mc.typ(&v.ty) {
            Ok(t) => t,
            Err(e) => {
                warnings.push(format!("global @{}: {e:?}", v.name));
                Typ::Opaque
            }
        };
        let (init, failed) = match &v.initializer {
            None => (Term::none(), false),
            Some(c) => match mc.const_val(c) {
                Ok(c) => (Term::some(c.term()), false),
                Err(e) => {
                    global_errors.push(convert::global_error(e, &v.name));
                    (Term::none(), true)
                }
            },
        };
        let def = Sentence::definition(
            gv.clone(),
            vec![],
            Some(Term::name("gvar")),
            Term::app("mkgvar", vec![ty.term(), init, Term::bool(v.is_constant)]),
        );
        gvars.push(if failed {
            def.with_comment("FAILED: initializer has no constant form in AutoV.Syntax")
        } else {
            def
        });
        entries.push(Term::tuple(vec![
            Term::name(mangle::global(&v.name)),
            Term::name(gv),
        ]));
    }
    let table = Sentence::definition(
        "globals",
        vec![],
        Some(Term::name("globals")),
        Term::List(entries, ListLayout::Lines),
    );
    let strings = gvars.iter().any(|s| match s {
        Sentence::Definition { body, .. } => body.uses_strings(),
        Sentence::Trailing(..) => false,
        _ => false,
    });
    let mut gbody = vec![Sentence::Group(idents)];
    if !gvars.is_empty() {
        gbody.push(Sentence::Group(gvars));
    }
    gbody.push(table);
    let mut g = code_file(opts, "global symbols", strings, &["Types"], vec![]);
    g.extend(gbody.clone());
    let gtext = g.render();
    let globals_part = Part {
        body: gbody,
        strings,
        bytes: gtext.len(),
    };
    files.push(("Globals.v".to_string(), gtext));

    // One file per converted function.
    let mut reports = Vec::new();
    let mut code_entries: Vec<(String, String)> = Vec::new();
    let mut func_parts = Vec::new();
    let mut modules = Vec::new();
    for (f, r) in m.functions.iter().zip(results) {
        match r {
            Ok(fc) => {
                let modname = mangle::func_file(&f.sig.name);
                let file = format!("{modname}.v");
                let (text, part) = function_file(&fc, opts);
                func_parts.push(part);
                files.push((file.clone(), text));
                code_entries.push((f.sig.name.clone(), modname.clone()));
                modules.push(modname);
                reports.push(FuncReport {
                    name: f.sig.name.clone(),
                    result: Ok(file),
                    stats: Some(fc.stats),
                });
            }
            Err(e) => reports.push(FuncReport {
                name: f.sig.name.clone(),
                result: Err(e),
                stats: None,
            }),
        }
    }
    let requires = modules
        .iter()
        .map(|m| Require::plain(opts.prefix.clone(), &[m]))
        .collect();
    files.push((
        "Code.v".to_string(),
        code_table(opts, &code_entries, requires, "function table"),
    ));

    // _CoqProject and Makefile.
    let mut cp = format!("-R . {}\n", opts.prefix);
    let mut vs: Vec<String> = vec!["Types.v".into(), "Globals.v".into()];
    vs.extend(modules.iter().map(|m| format!("{m}.v")));
    vs.push("Code.v".into());
    for v in &vs {
        cp.push_str(v);
        cp.push('\n');
    }
    files.push(("_CoqProject".to_string(), cp));
    files.push(("Makefile".to_string(), makefile(opts, &modules)));
    ModuleOutput {
        files,
        functions: reports,
        declarations: m.declarations.len(),
        warnings,
        global_errors,
        opts: opts.clone(),
        modules: code_entries,
        parts: CheckParts {
            types: types_part,
            globals: globals_part,
            funcs: func_parts,
        },
    }
}

/// The function table file: `Definition code : code := [(g_f, F_f.f_f); …]` over `entries`
/// ((LLVM name, function module)), with `requires` bringing the function modules into scope.
fn code_table(
    opts: &Options,
    entries: &[(String, String)],
    requires: Vec<Require>,
    what: &str,
) -> String {
    let mut c = code_file(opts, what, false, &["Types", "Globals"], requires);
    c.push(code_def(entries));
    c.render()
}

/// `Definition code : code := [(g_f, F_f.f_f); …]`.
fn code_def(entries: &[(String, String)]) -> Sentence {
    let entries = entries
        .iter()
        .map(|(name, modname)| {
            Term::tuple(vec![
                Term::name(mangle::global(name)),
                Term::name(format!("{modname}.{}", mangle::func(name))),
            ])
        })
        .collect();
    Sentence::definition(
        "code",
        vec![],
        Some(Term::name("code")),
        Term::List(entries, ListLayout::Lines),
    )
}

fn makefile(opts: &Options, modules: &[String]) -> String {
    let mut s = format!(
        "# Generated by autov ir2coq {VERSION} from {}. Do not edit.\n\
         # Usage: make -j COQLIB=/path/to/coq-lib\n\
         COQLIB ?= ../coq-lib\n\
         COQC ?= coqc\n\
         COQFLAGS = -q -R $(COQLIB) AutoV -R . {}\n\n\
         all: Code.vo\n\n\
         %.vo: %.v\n\t$(COQC) $(COQFLAGS) \"$<\"\n\n\
         Globals.vo: Types.vo\n",
        opts.source.replace('\n', " "),
        opts.prefix
    );
    let mut fvo = Vec::new();
    for m in modules {
        let _ = writeln!(s, "{m}.vo: Types.vo Globals.vo");
        fvo.push(format!("{m}.vo"));
    }
    let _ = writeln!(s, "Code.vo: Types.vo Globals.vo {}", fvo.join(" "));
    s.push_str("\nclean:\n\trm -f *.vo *.vok *.vos *.glob .*.aux\n\n.PHONY: all clean\n");
    s
}

fn function_file(fc: &FuncCode, opts: &Options) -> (String, Part) {
    let params = Term::list(
        fc.params
            .iter()
            .map(|(x, t)| Term::tuple(vec![Term::name(x.0.clone()), t.term()]))
            .collect(),
    );
    let body = fc.body.term();
    let strings = body.uses_strings();
    let mut out: Vec<Sentence> = Vec::new();
    let locals: Vec<Sentence> = fc
        .locals
        .iter()
        .enumerate()
        .map(|(k, id)| ident_def(&id.0, k as u64 + 1))
        .collect();
    if !locals.is_empty() {
        out.push(Sentence::Group(locals));
    }
    out.push(Sentence::definition(
        mangle::func(&fc.name),
        vec![],
        Some(Term::name("func")),
        Term::Record(vec![
            ("fn_params".into(), params),
            ("fn_ret".into(), fc.ret.term()),
            ("fn_vararg".into(), Term::bool(fc.vararg)),
            ("fn_body".into(), body),
        ]),
    ));
    let mut f = code_file(
        opts,
        &format!("function @{}", fc.name),
        strings,
        &["Types", "Globals"],
        vec![],
    );
    f.extend(out.clone());
    let text = f.render();
    let part = Part {
        body: out,
        strings,
        bytes: text.len(),
    };
    (text, part)
}
