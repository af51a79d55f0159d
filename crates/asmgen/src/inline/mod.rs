//! LLVM inline-asm call sites → named asm procedures, without a cross compiler or objdump.
//!
//! The template is instantiated with the operands described by the constraint string (registers
//! are assigned here, immediates substituted, memory operands become `[xN]`, tied operands share
//! their register, `${N:w}`/`${N:x}` select the view, `rZ` with a zero constant becomes `xzr`/`wzr`;
//! [`template`]), then a small assembler-directive interpreter expands what kernel headers put into
//! templates ([`directives`]), and the result is parsed as ordinary assembly. Alternatives are
//! modelled by their default (non-patched) instructions.

mod directives;
mod template;

pub use directives::{decode_inst, expand_directives, expand_macros_in_file};

use crate::ast::{Procedure, Program};
use crate::error::{AsmError, ErrorCode};
use crate::lexer::{tokenize, Tok};
use std::collections::BTreeSet;
use template::{substitute, Print};

/// The LLVM type of an operand or result, as far as asm instantiation needs it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum AsmType {
    /// `iN`
    Int(u32),
    /// any pointer
    Ptr,
    /// anything else (floats, vectors, structs): not supported as an operand
    Other(String),
}

/// The value passed for an input operand.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum AsmValue {
    /// an integer constant (`i64 24`)
    Const(i128),
    /// an SSA local (`%x`), global (`@g`) or any other non-constant value, by its printed name
    Value(String),
}

/// One call argument of the inline-asm call.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AsmArg {
    pub ty: AsmType,
    pub value: AsmValue,
}

/// An inline-asm call site: what `call <ret> asm [sideeffect] "<template>", "<constraints>"(<args>)`
/// says. `template` is the unescaped string (real newlines and tabs).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct InlineAsmSite {
    pub template: String,
    pub constraints: String,
    pub side_effect: bool,
    /// The call's result types: empty for `void`, one entry for a scalar, several for a struct.
    pub results: Vec<AsmType>,
    pub args: Vec<AsmArg>,
}

/// How one constraint operand is bound in the instantiated procedure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Binding {
    /// A direct output: the call's result number `result` is read from register `reg` afterwards.
    OutReg {
        operand: usize,
        result: usize,
        reg: u8,
    },
    /// An input in a register: call argument `arg` is written to register `reg` (zero-extended) before.
    InReg { operand: usize, arg: usize, reg: u8 },
    /// An input substituted as an immediate (or as the zero register for `rZ` with 0).
    InImm {
        operand: usize,
        arg: usize,
        value: i128,
    },
    /// A memory operand (`m`, `Q`, `=*Q`, `*Q`): the pointer argument `arg` is written to `reg`.
    Mem { operand: usize, arg: usize, reg: u8 },
}

/// The result of instantiation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlineAsmProc {
    /// Stable, content-derived name (`iasm_<16 hex digits>`).
    pub name: String,
    /// The instantiated assembly text that was parsed.
    pub text: String,
    pub procedure: Procedure,
    pub bindings: Vec<Binding>,
    /// `~{...}` clobbers, e.g. `memory`, `cc`, `x14`.
    pub clobbers: Vec<String>,
    pub side_effect: bool,
}

fn err(msg: impl Into<String>) -> AsmError {
    AsmError::new(ErrorCode::InlineAsm, 1, 1, msg)
}

/// 64-bit FNV-1a: stable across Rust versions and platforms (unlike `DefaultHasher`).
fn fnv1a(data: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in data {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[derive(Clone, Debug)]
struct Constraint {
    output: bool,
    indirect: bool,
    codes: String,
    tied: Option<usize>,
}

fn parse_constraints(s: &str) -> Result<(Vec<Constraint>, Vec<String>), AsmError> {
    let mut ops = Vec::new();
    let mut clobbers = Vec::new();
    if s.is_empty() {
        return Ok((ops, clobbers));
    }
    for part in s.split(',') {
        if let Some(c) = part.strip_prefix("~{").and_then(|r| r.strip_suffix('}')) {
            clobbers.push(c.to_string());
            continue;
        }
        let mut p = part;
        let output = p.starts_with('=');
        if output {
            p = &p[1..];
        }
        p = p.trim_start_matches('&');
        let indirect = p.starts_with('*');
        if indirect {
            p = &p[1..];
        }
        let tied = if !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()) {
            Some(
                p.parse::<usize>()
                    .map_err(|_| err(format!("bad tied constraint `{part}`")))?,
            )
        } else {
            None
        };
        ops.push(Constraint {
            output,
            indirect,
            codes: p.to_string(),
            tied,
        });
    }
    Ok((ops, clobbers))
}

fn type_bits(t: &AsmType) -> Result<u32, AsmError> {
    match t {
        AsmType::Int(n) => Ok(*n),
        AsmType::Ptr => Ok(64),
        AsmType::Other(s) => Err(err(format!("operand type `{s}` is not supported"))),
    }
}

/// Registers the template names literally or the constraints clobber: not available for operands.
fn used_registers(template: &str, clobbers: &[String]) -> BTreeSet<u8> {
    let number = |s: &str| {
        s.strip_prefix('x')
            .or_else(|| s.strip_prefix('w'))
            .and_then(|n| n.parse::<u8>().ok())
    };
    let mut used: BTreeSet<u8> = clobbers.iter().filter_map(|c| number(c)).collect();
    if let Ok(toks) = tokenize(&template.replace(['\n', ';'], " "), 1, 0) {
        for t in toks {
            if let Tok::Ident(s) = &t.tok {
                if let Some(n) = number(&s.to_ascii_lowercase()).filter(|&n| n <= 30) {
                    used.insert(n);
                }
            }
        }
    }
    used
}

/// Operand binding: registers from x0–x17 not otherwise used, and for each constraint operand
/// how it prints in the template and how it is bound.
struct Operands<'a> {
    site: &'a InlineAsmSite,
    pool: std::vec::IntoIter<u8>,
    prints: Vec<Print>,
    bindings: Vec<Binding>,
    /// Call arguments and results consumed so far.
    args: usize,
    results: usize,
}

impl Operands<'_> {
    fn next_reg(&mut self) -> Result<u8, AsmError> {
        self.pool
            .next()
            .ok_or_else(|| err("out of registers for operands"))
    }

    fn bind(&mut self, k: usize, c: &Constraint) -> Result<(), AsmError> {
        if c.output && !c.indirect {
            return self.output(k, c);
        }
        let arg = self.args;
        let a = self
            .site
            .args
            .get(arg)
            .ok_or_else(|| err(format!("operand {k}: missing call argument {arg}")))?;
        self.args += 1;
        if c.indirect || c.codes.contains('m') || c.codes.contains('Q') {
            let reg = self.next_reg()?;
            self.prints.push(Print::Mem(reg));
            self.bindings.push(Binding::Mem {
                operand: k,
                arg,
                reg,
            });
            return Ok(());
        }
        if let Some(t) = c.tied {
            let p = self
                .prints
                .get(t)
                .cloned()
                .ok_or_else(|| err(format!("operand {k}: tied to unknown operand {t}")))?;
            let Print::Reg { reg, .. } = p else {
                return Err(err(format!("operand {k}: tied to a non-register operand")));
            };
            self.prints.push(p);
            self.bindings.push(Binding::InReg {
                operand: k,
                arg,
                reg,
            });
            return Ok(());
        }
        let bits = type_bits(&a.ty)?;
        let imm_ok = c.codes.chars().any(|ch| "inIJKLMNS".contains(ch));
        let (print, binding) = match (&a.value, imm_ok, c.codes.contains('Z')) {
            (AsmValue::Const(0), _, true) => (
                Print::Zero { bits },
                Binding::InImm {
                    operand: k,
                    arg,
                    value: 0,
                },
            ),
            (AsmValue::Const(v), true, _) => (
                Print::Imm(*v),
                Binding::InImm {
                    operand: k,
                    arg,
                    value: *v,
                },
            ),
            _ if c.codes.contains('r') => {
                let reg = self.next_reg()?;
                (
                    Print::Reg { reg, bits },
                    Binding::InReg {
                        operand: k,
                        arg,
                        reg,
                    },
                )
            }
            _ => {
                return Err(err(format!(
                    "operand {k}: constraint `{}` not supported",
                    c.codes
                )))
            }
        };
        self.prints.push(print);
        self.bindings.push(binding);
        Ok(())
    }

    /// A direct output: a call result in a fresh register.
    fn output(&mut self, k: usize, c: &Constraint) -> Result<(), AsmError> {
        let ty = self
            .site
            .results
            .get(self.results)
            .ok_or_else(|| err(format!("operand {k}: no result type for output")))?;
        let bits = type_bits(ty)?;
        if !c.codes.contains('r') {
            return Err(err(format!(
                "operand {k}: output constraint `{}` not supported",
                c.codes
            )));
        }
        let reg = self.next_reg()?;
        self.prints.push(Print::Reg { reg, bits });
        self.bindings.push(Binding::OutReg {
            operand: k,
            result: self.results,
            reg,
        });
        self.results += 1;
        Ok(())
    }
}

/// Instantiate an inline-asm call site into a named procedure.
pub fn instantiate(site: &InlineAsmSite) -> Result<InlineAsmProc, AsmError> {
    let (cons, clobbers) = parse_constraints(&site.constraints)?;
    let used = used_registers(&site.template, &clobbers);
    let mut b = Operands {
        site,
        pool: (0u8..=17)
            .filter(|r| !used.contains(r))
            .collect::<Vec<_>>()
            .into_iter(),
        prints: vec![],
        bindings: vec![],
        args: 0,
        results: 0,
    };
    for (k, c) in cons.iter().enumerate() {
        b.bind(k, c)?;
    }
    if b.args != site.args.len() {
        return Err(err(format!(
            "{} call arguments but {} operands use arguments",
            site.args.len(),
            b.args
        )));
    }
    let text = expand_directives(&substitute(&site.template, &b.prints)?)?;
    let bindings = b.bindings;
    // Stable name from everything that determines the procedure.
    let mut key = text.clone();
    key.push('\u{0}');
    key.push_str(&format!("{bindings:?}{clobbers:?}{}", site.side_effect));
    let name = format!("iasm_{:016x}", fnv1a(key.as_bytes()));
    let procedure = parse_instantiated(&text, &name)?;
    Ok(InlineAsmProc {
        name,
        text,
        procedure,
        bindings,
        clobbers,
        side_effect: site.side_effect,
    })
}

/// Parse the instantiated text as procedure `name` (no global labels, no skipped directives).
fn parse_instantiated(text: &str, name: &str) -> Result<Procedure, AsmError> {
    let prog: Program = crate::parse_program(text, name).map_err(|e| {
        AsmError::new(
            e.code,
            e.line,
            e.col,
            format!(
                "{} (in instantiated inline asm `{}`)",
                e.msg,
                text.replace('\n', "; ")
            ),
        )
    })?;
    if let Some(w) = prog.warnings.first() {
        return Err(err(format!(
            "unsupported directive in inline asm: {}",
            w.msg
        )));
    }
    let mut procedure = match prog.procedures.len() {
        0 => Procedure {
            name: name.to_string(),
            body: vec![],
            labels: vec![],
        },
        1 => prog.procedures.into_iter().next().expect("one"),
        _ => return Err(err("inline asm defines a global label")),
    };
    procedure.name = name.to_string();
    Ok(procedure)
}
