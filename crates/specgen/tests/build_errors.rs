//! `autov build` errors come at once, with a code, a location and a hint: each
//! testdata/build/err/*.v says `expect: <codes>` in its first comment.

use specgen::generate::{build, BuildFailure, BuildOptions};
use std::path::Path;
use std::time::Instant;

/// (codes, rendered text) of a failing build.
fn failure(cfg: &Path) -> (Vec<String>, String) {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("build-errors")
        .join(cfg.file_stem().unwrap());
    let opts = BuildOptions {
        coqlib: Some(testkit::coq::repo_lib()),
        out: Some(out),
        progress: None,
        ..Default::default()
    };
    match build(cfg, &opts) {
        Ok(r) => (
            r.errors.iter().map(|e| e.code.to_string()).collect(),
            r.errors.iter().map(|e| format!("{e}\n")).collect(),
        ),
        Err(BuildFailure::Code(p, ds)) => (
            ds.iter().map(|d| d.code.as_str().to_string()).collect(),
            ds.iter().map(|d| d.render_plain(&p.sources)).collect(),
        ),
        Err(BuildFailure::Config(e)) => (
            e.diagnostics
                .iter()
                .map(|d| d.code.as_str().to_string())
                .collect(),
            e.render_plain(),
        ),
        Err(BuildFailure::Load(e)) => (vec![e.code.to_string()], format!("{e}")),
        Err(BuildFailure::Cycles(es)) => (
            es.iter().map(|e| e.code.to_string()).collect(),
            es.iter().map(|e| format!("{e}\n")).collect(),
        ),
        Err(BuildFailure::Io(e)) => (vec!["io".into()], e),
    }
}

#[test]
fn error_cases() {
    let dir = testkit::root().join("testdata/build/err");
    let cfgs = testkit::files_with_ext(&dir, "v");
    assert!(cfgs.len() >= 5);
    for cfg in cfgs {
        let text = std::fs::read_to_string(&cfg).unwrap();
        let want = testkit::expect::header_codes(&text)
            .unwrap_or_else(|| panic!("{}: no `expect:` line", cfg.display()));
        let t0 = Instant::now();
        let (codes, rendered) = failure(&cfg);
        // never a hang: these are decided before any proof work
        assert!(t0.elapsed().as_secs() < 10, "{}: slow", cfg.display());
        assert_eq!(codes, want, "{}:\n{rendered}", cfg.display());
        for (c, block) in codes.iter().zip(rendered.split("error[").skip(1)) {
            assert!(block.starts_with(c.as_str()), "{}: {block}", cfg.display());
            assert!(
                block.contains("hint: "),
                "{}: no hint: {block}",
                cfg.display()
            );
        }
        // a location: the config span, the function, or the code file
        assert!(
            rendered.contains(&format!("{}:", cfg.file_name().unwrap().to_string_lossy()))
                || rendered.contains(" @")
                || rendered.contains(".json:"),
            "{}: no location:\n{rendered}",
            cfg.display()
        );
    }
}
