//! The `autov` command line: parses arguments and wires library stages together. No logic lives here;
//! each subcommand is a module with an `Args` struct and a `run` function.

mod cmd_asmgen;
mod cmd_build;
mod cmd_ir2coq;
mod cmd_ir2json;
mod cmd_mutate;
mod cmd_test_conversion;
mod report;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "autov",
    version,
    about = "LLVM IR and aarch64 assembly to checked Coq refinement proofs"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    // One variant per subcommand module, e.g. `Ir2json(cmd_ir2json::Args)`.
    /// LLVM 14 IR (.ll/.bc files or directories) to JSON (schema: docs/ir-json.md).
    Ir2json(cmd_ir2json::Args),
    /// aarch64 assembly (.S or objdump -d text) to its Coq model (coq-lib/AArch64).
    Asmgen(cmd_asmgen::Args),
    /// Coq code model of one LLVM 14 module (one .v per function; see docs/coq-ir.md).
    Ir2coq(cmd_ir2coq::Args),
    /// Convert every .ll under each DIR (one project per DIR) and report; --check runs coqc.
    TestConversion(cmd_test_conversion::Args),
    /// Generate the Coq project of a layered proof configuration (proof.v); `make` in it checks it.
    Build(cmd_build::Args),
    /// Mutation testing of the generated proofs: mutants of the code, specs and relations, each
    /// built and checked incrementally (see docs/mutate.md).
    Mutate(cmd_mutate::Args),
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Ir2json(args) => cmd_ir2json::run(args),
        Command::Asmgen(args) => cmd_asmgen::run(args),
        Command::Ir2coq(args) => cmd_ir2coq::run(args),
        Command::TestConversion(args) => cmd_test_conversion::run(args),
        Command::Build(args) => cmd_build::run(args),
        Command::Mutate(args) => cmd_mutate::run(args),
    }
}
