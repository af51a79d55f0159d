//! `replay TARGET FILE...`: run a harness once per file (no AFL), e.g. on AFL's crash files.
fn main() {
    let mut args = std::env::args().skip(1);
    let target = args.next().unwrap_or_default();
    let f: fn(&[u8]) = match target.as_str() {
        "ir" => fuzzing::harness::ir,
        "config" => fuzzing::harness::config,
        "asm" => fuzzing::harness::asm,
        _ => {
            eprintln!("usage: replay ir|config|asm FILE...");
            std::process::exit(2)
        }
    };
    for file in args {
        let data = std::fs::read(&file).expect("readable input");
        eprintln!("replay {target} {file}");
        f(&data);
    }
}
