//! Robustness: truncated and mutated snippet lines never make the parser (or inline-asm
//! instantiation) panic; they either parse or return an error with a position inside the input.

use asmgen::inline::{expand_directives, instantiate, InlineAsmSite};

#[test]
fn mutated_lines_never_panic() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/asm");
    let mut lines = Vec::new();
    for e in std::fs::read_dir(&dir).expect("dir") {
        let p = e.expect("entry").path();
        if p.extension().is_some_and(|x| x == "S") {
            lines.extend(
                std::fs::read_to_string(p)
                    .expect("read")
                    .lines()
                    .map(str::to_string),
            );
        }
    }
    let junk = [
        '#', '[', ']', ',', '!', ':', '-', '{', '0', 'x', 'é', ';', '/', '*', '"', '<',
    ];
    let mut n = 0usize;
    for l in &lines {
        let chars: Vec<char> = l.chars().collect();
        for k in 0..=chars.len() {
            let cut: String = chars[..k].iter().collect();
            check(&cut);
            n += 1;
            if k < chars.len() {
                let j = junk[(k * 7 + chars.len()) % junk.len()];
                let mut m = chars.clone();
                m[k] = j;
                check(&m.iter().collect::<String>());
                n += 1;
            }
        }
    }
    assert!(n > 5000);
}

fn check(src: &str) {
    if let Err(e) = asmgen::parse_program(src, "t") {
        assert!(e.line >= 1 && e.col >= 1, "{src:?}: {e}");
        assert_eq!(e.line, 1, "{src:?}: {e}");
    }
    let _ = expand_directives(src);
    let _ = instantiate(&InlineAsmSite {
        template: src.to_string(),
        constraints: "=r,r,~{memory}".into(),
        side_effect: true,
        results: vec![asmgen::inline::AsmType::Int(64)],
        args: vec![asmgen::inline::AsmArg {
            ty: asmgen::inline::AsmType::Int(64),
            value: asmgen::inline::AsmValue::Value("%x".into()),
        }],
    });
}
