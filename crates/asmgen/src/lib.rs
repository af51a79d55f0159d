//! asmgen: aarch64 assembly (GNU as / objdump syntax) and LLVM inline asm to Coq.
//!
//! Pipeline, split along cranelift's lines:
//! * [`lexer`]: statements and tokens with columns;
//! * [`operands`]: operand syntax (registers, immediates, shifts, memory operands, labels);
//!   immediates are evaluated by [`expr`], the one constant-expression evaluator (shared with
//!   inline-asm directives);
//! * [`build`](crate::build): one builder per instruction class turns a mnemonic and its operands into an
//!   [`ast::Instr`], whose immediates are the checked types of [`imms`];
//! * [`parser`]: labels, sections, directives, procedures, branch targets;
//! * [`emit`]: procedures → a `coq::File` (names from `coq::mangle`);
//! * [`inline`]: inline-asm call sites → instantiated procedures;
//! * [`error`]: errors and warnings, converted into `diag::Diagnostic`s (`E-ASM…`).

pub mod ast;
mod build;
pub mod emit;
pub mod error;
pub mod expr;
pub mod imms;
pub mod inline;
pub mod lexer;
pub mod operands;
pub mod parser;
pub mod sysreg;

pub use ast::Program;
pub use error::{AsmError, ErrorCode, Warning};
pub use parser::{parse_program, parse_program_all};

/// Parse assembly text and print it as a Coq file (see [`emit::program_file`]).
pub fn asm_to_coq(src: &str, source_name: &str) -> Result<(Program, String), AsmError> {
    let stem = std::path::Path::new(source_name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("anon");
    let prog = parse_program(src, stem)?;
    let text = emit::program_file(&prog, source_name).render();
    Ok((prog, text))
}
