//! `cargo run -p asmgen --example asm2coq -- in.S` prints the Coq model (development helper).
fn main() {
    let path = std::env::args().nth(1).expect("usage: asm2coq in.S");
    let src = std::fs::read_to_string(&path).expect("read input");
    match asmgen::asm_to_coq(&src, &path) {
        Ok((prog, text)) => {
            for w in &prog.warnings {
                eprintln!("{path}:{w}");
            }
            print!("{text}");
        }
        Err(e) => {
            eprintln!("{path}:{e}");
            std::process::exit(1);
        }
    }
}
