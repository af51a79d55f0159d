//! The `autov` command line: parses arguments and wires library stages together. No logic lives here.

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "autov", version, about = "LLVM IR and aarch64 assembly to checked Coq refinement proofs")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {}
}
