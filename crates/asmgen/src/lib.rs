//! asmgen: aarch64 assembly (GNU as / objdump syntax) and LLVM inline asm to Coq.
//!
//! Pipeline: [`parse_program`] (text → [`ast::Program`]) → [`emit`] (procedures → a `coq::File`).
//! Inline-asm call sites are instantiated by [`inline::instantiate`].

pub mod ast;
pub mod error;
pub mod lexer;
pub mod parser;
pub mod sysreg;

pub use error::{AsmError, ErrorCode, Warning};
pub use parser::{parse_program, parse_program_all};
pub mod emit;

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
pub use ast::Program;
pub mod inline;
