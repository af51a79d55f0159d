//! Parse (and Coq-print) throughput on a synthetic input built from testdata/asm snippets:
//! `cargo run --release -p asmgen --example bench [copies]`.
use std::time::Instant;

fn main() {
    let copies: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(400);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/asm");
    let mut snippets: Vec<String> = std::fs::read_dir(&dir)
        .expect("testdata/asm")
        .filter_map(|e| {
            let p = e.ok()?.path();
            (p.extension()? == "S").then(|| std::fs::read_to_string(p).expect("read"))
        })
        .collect();
    snippets.sort();
    let mut src = String::new();
    for c in 0..copies {
        for (k, s) in snippets.iter().enumerate() {
            src.push_str(&format!("\t.globl p{c}_{k}\np{c}_{k}:\n{s}\tret\n"));
        }
    }
    let lines = src.lines().count();
    let t = Instant::now();
    let prog = asmgen::parse_program(&src, "bench").expect("parse");
    let parse = t.elapsed();
    let instrs: usize = prog.procedures.iter().map(|p| p.body.len()).sum();
    if std::env::var("BENCH_PARSE_ONLY").is_ok() {
        println!("parse: {:.3} s, {instrs} instructions", parse.as_secs_f64());
        return;
    }
    let t = Instant::now();
    let text = asmgen::emit::program_file(&prog, "bench").render();
    let print = t.elapsed();
    let mb = src.len() as f64 / 1e6;
    println!(
        "input: {:.1} MB, {lines} lines, {instrs} instructions, {} procedures",
        mb,
        prog.procedures.len()
    );
    println!(
        "parse: {:.3} s = {:.0} instructions/s, {:.0} lines/s, {:.1} MB/s",
        parse.as_secs_f64(),
        instrs as f64 / parse.as_secs_f64(),
        lines as f64 / parse.as_secs_f64(),
        mb / parse.as_secs_f64()
    );
    println!(
        "print Coq (incl. low specs): {:.3} s = {:.0} instructions/s ({:.1} MB of Coq)",
        print.as_secs_f64(),
        instrs as f64 / print.as_secs_f64(),
        text.len() as f64 / 1e6
    );
}
