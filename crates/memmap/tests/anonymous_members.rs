//! C11 anonymous members (`testdata/memmap/anon_union.c`, compiled by clang-14 at test time): the
//! IR's type of an anonymous union gets its debug-info member names from the parent's unnamed
//! member (ir2json), and a map path names the union's member as C does, `ctxt[i].sys_regs[r]`,
//! at C's `offsetof`.

use diag::span::FileId;
use diag::Code;
use memmap::{parse, resolve, Step};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The test IR, compiled once (the tests run in parallel).
fn module() -> &'static ir2json::Module {
    static M: OnceLock<ir2json::Module> = OnceLock::new();
    M.get_or_init(compile_module)
}

fn compile_module() -> ir2json::Module {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let src = root.join("testdata/memmap/anon_union.c");
    let dir = root.join("target/memmap-anon");
    std::fs::create_dir_all(&dir).unwrap();
    let ll = dir.join("anon_union.ll");
    compile(&src, &ll);
    ir2json::read_module(&ll).expect("the IR reads")
}

fn compile(src: &Path, ll: &Path) {
    let st = Command::new("clang-14")
        .args([
            "--target=aarch64-linux-gnu",
            "-O1",
            "-g",
            "-S",
            "-emit-llvm",
            "-o",
        ])
        .arg(ll)
        .arg(src)
        .status()
        .expect("clang-14 runs");
    assert!(st.success());
}

fn map(path_line: &str) -> String {
    format!(
        "code \"anon_union.ll\"\nstate RData\nfunctions mem_load mem_store mem_lock_of\n\n\
         block d : struct.data at data_start\n  {path_line}\nend\n"
    )
}

#[test]
fn the_union_member_the_ir_type_stands_for_is_named() {
    let m = module();
    let union = m
        .types
        .iter()
        .find(|t| t.name.starts_with("union.anon"))
        .expect("clang names the anonymous union's type");
    let layout = union.body.as_ref().unwrap().layout.as_ref().unwrap();
    let names: Vec<Option<&str>> = layout
        .fields
        .iter()
        .map(|f| f.debug_name.as_deref())
        .collect();
    // `u64 sys_regs[6]` and `u32 copro[12]` are both 48 bytes at 0; the IR's `[6 x i64]` is sys_regs
    assert_eq!(names, [Some("sys_regs")]);
    // the parent's field for the union has no name of its own
    let ctxt = m.named_struct("struct.ctxt").unwrap().body.clone().unwrap();
    let ctxt_layout = ctxt.layout.unwrap();
    let names: Vec<Option<&str>> = ctxt_layout
        .fields
        .iter()
        .map(|f| f.debug_name.as_deref())
        .collect();
    assert_eq!(names, [Some("regs"), Some("flags"), None, Some("esr")]);
}

#[test]
fn a_path_reaches_a_member_through_an_anonymous_union() {
    let m = module();
    let (file, d) = parse(
        FileId(0),
        &map("ctxt[i].sys_regs[r] @ 40 : 8 => st.(sys) @ (i * 6 + r) ; private"),
    );
    assert!(d.is_empty(), "{d:?}");
    let r = resolve(&file, m).expect("the path resolves");
    let p = &r.blocks[0].paths[0];
    // data.pad (8) + ctxt[i] (stride 96) + the union at 40 + sys_regs at 0 + r * 8
    assert_eq!(p.const_offset(), 8 + 40);
    let idx: Vec<(String, u64, u64)> = p.indices();
    assert_eq!(idx, [("i".into(), 96, 2), ("r".into(), 8, 6)]);
    assert!(p
        .steps
        .iter()
        .any(|s| matches!(s, Step::Field { name, offset: 40, size: 48 } if name.is_empty())));
    assert_eq!(p.size, 8);
}

#[test]
fn the_offset_of_a_member_through_an_anonymous_union_is_c_offsetof() {
    let m = module();
    let (file, _) = parse(
        FileId(0),
        &map("ctxt[i].sys_regs[r] @ 32 : 8 => st.(sys) @ (i * 6 + r) ; private"),
    );
    let errs = resolve(&file, m).expect_err("a wrong offset resolves");
    assert!(errs.iter().any(|d| d.code == Code::MapOffset), "{errs:?}");
    assert!(format!("{errs:?}").contains("@ 40"), "{errs:?}");
}

#[test]
fn a_member_the_ir_type_does_not_stand_for_is_unknown() {
    let m = module();
    let (file, _) = parse(
        FileId(0),
        &map("ctxt[i].copro[r] : 4 => st.(sys) @ (i * 12 + r) ; private"),
    );
    let errs = resolve(&file, m).expect_err("copro is not the IR's member");
    assert!(
        errs.iter().any(|d| d.code == Code::MapUnknownField),
        "{errs:?}"
    );
}
