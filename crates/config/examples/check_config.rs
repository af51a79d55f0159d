//! `cargo run -p config --example check_config -- proof.v [--plain] [--dump]`: load a configuration and
//! print its diagnostics (miette's fancy rendering on a terminal, or plain with `--plain`).

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let plain = args.iter().any(|a| a == "--plain");
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: check_config <proof.v> [--plain]");
        std::process::exit(2);
    };
    let (diags, sources, ok) = match config::load(std::path::Path::new(path)) {
        Ok(p) => {
            println!(
                "{}: {} layer(s), {} primitive(s), {} declaration(s)",
                p.proj_name,
                p.layers.len(),
                p.layers.iter().map(|l| l.prims.len()).sum::<usize>(),
                p.items.len()
            );
            if args.iter().any(|a| a == "--dump") {
                for it in &p.items {
                    println!("{}", config::pretty::item_dump(&it.item));
                }
            }
            (p.warnings.clone(), p.sources.clone(), true)
        }
        Err(e) => (e.diagnostics, e.sources, false),
    };
    for d in &diags {
        if plain {
            eprint!("{}", d.render_plain(&sources));
        } else {
            eprintln!("{:?}", miette::Report::new(d.to_miette(&sources)));
        }
    }
    if !ok {
        std::process::exit(1);
    }
}
