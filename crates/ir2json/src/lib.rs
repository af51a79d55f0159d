//! ir2json: reads LLVM 14 IR (`.ll` text or `.bc` bitcode, typed pointers) into the typed IR model of
//! [`model`], whose serde serialisation is the JSON schema documented in `docs/ir-json.md`.
//!
//! Entry points: [`read_module`] (a path) and [`read_module_str`] (text IR in memory), both returning
//! a [`Module`] or an [`IrError`] with a stable code. [`to_json`] gives the JSON document.
//!
//! How it reads: LLVM 14 parses the input once through the C API (captured diagnostics, so bad input
//! is an error value, never a process exit); llvm-ir 0.11 provides the instruction/constant model;
//! the C API supplies attributes, calling conventions, call types and DataLayout struct layouts; and
//! LLVM's own printing of the module supplies what neither exposes on LLVM 14 (inline-asm strings and
//! flags, nsw/nuw/exact and fast-math flags, tail-call kinds, callbr targets, block addresses, exact
//! wide integers, half/fp128/x86_fp80 bits, debug-info struct member names).

mod bigint;
mod convert;
mod datalayout;
pub mod error;
mod inline_asm;
mod intrinsic_probe;
pub mod layout;
mod lex;
pub mod model;
mod names;
mod sys;
mod text;

pub use error::{IrError, Pos};
pub use model::*;
/// LLVM's string unescaping (`\\`, `\XX`), as in `c"…"` constants and inline-asm strings.
pub use text::unescape;

use std::path::{Path, PathBuf};

/// Read one LLVM 14 module from a `.ll` or `.bc` file (detected by content, not by extension).
pub fn read_module(path: impl AsRef<Path>) -> Result<Module, IrError> {
    let path = path.as_ref();
    let bytes = std::fs::read(path).map_err(|source| IrError::Unreadable {
        path: path.to_path_buf(),
        source,
    })?;
    guarded(path, || read_bytes(&bytes, path))
}

/// Read LLVM 14 text IR from memory; `name` is used as the file name in errors.
pub fn read_module_str(text: &str, name: impl AsRef<Path>) -> Result<Module, IrError> {
    let path = name.as_ref();
    guarded(path, || read_bytes(text.as_bytes(), path))
}

/// Serialise a module as pretty-printed JSON (deterministic: fields and sequences in model order).
pub fn to_json(module: &Module) -> String {
    // The model has only string-keyed structs, strings, numbers and sequences: serialisation cannot
    // fail; an empty string would be the (unreachable) failure value.
    serde_json::to_string_pretty(module).unwrap_or_default()
}

thread_local! {
    /// Set while this thread runs inside [`guarded`]: panics there become `E-IR008` values, so the
    /// panic hook stays quiet for them.
    static IN_GUARD: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Where the last panic caught by [`guarded`] happened (source file and line), for its message.
    static PANIC_AT: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Wrap the current panic hook (once per process) so that panics caught by [`guarded`] print nothing;
/// every other panic goes to the previous hook unchanged.
fn install_quiet_hook() {
    static ONCE: std::sync::OnceLock<()> = std::sync::OnceLock::new();
    ONCE.get_or_init(|| {
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !IN_GUARD.with(|g| g.get()) {
                prev(info)
            } else {
                let at = info
                    .location()
                    .map(|l| format!("{}:{}", l.file(), l.line()));
                PANIC_AT.with(|p| *p.borrow_mut() = at);
            }
        }));
    });
}

/// Run `f`, turning any panic (from llvm-ir or from us) into an `E-IR008` error.
fn guarded(path: &Path, f: impl FnOnce() -> Result<Module, IrError>) -> Result<Module, IrError> {
    install_quiet_hook();
    let was = IN_GUARD.with(|g| g.replace(true));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    IN_GUARD.with(|g| g.set(was));
    match r {
        Ok(r) => r,
        Err(p) => {
            let message = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "panic".into());
            let message = match PANIC_AT.with(|p| p.borrow_mut().take()) {
                Some(at) => format!("{message} (at {at})"),
                None => message,
            };
            Err(IrError::Conversion {
                path: path.to_path_buf(),
                message,
            })
        }
    }
}

fn is_bitcode(b: &[u8]) -> bool {
    b.starts_with(b"BC\xC0\xDE") || b.starts_with(&[0xDE, 0xC0, 0x17, 0x0B])
}

/// Does this text look like an attempt at LLVM IR at all?
fn looks_like_ir(s: &str) -> bool {
    s.lines().any(|l| {
        let l = l.trim_start();
        l.starts_with("define ")
            || l.starts_with("declare ")
            || l.starts_with("target ")
            || l.starts_with("source_filename")
            || l.starts_with("; ModuleID")
            || l.starts_with("attributes #")
            || (l.starts_with('@') || l.starts_with('%') || l.starts_with('!')) && l.contains(" = ")
    })
}

/// Parse `input:LINE:COL: error: MESSAGE` from LLVM's text parser.
fn parse_diag(msg: &str) -> (Option<Pos>, String) {
    let first = msg.lines().next().unwrap_or("");
    let rest = first.strip_prefix("input:").unwrap_or(first);
    let mut parts = rest.splitn(3, ':');
    let line = parts.next().and_then(|s| s.trim().parse().ok());
    let col = parts.next().and_then(|s| s.trim().parse().ok());
    match (line, col, parts.next()) {
        (Some(line), Some(col), Some(m)) => (
            Some(Pos { line, col }),
            m.trim().trim_start_matches("error:").trim().to_string(),
        ),
        _ => (None, first.to_string()),
    }
}

/// The word at 1-based line:col of `text`.
fn word_at(text: &str, pos: Pos) -> &str {
    let Some(line) = text.lines().nth(pos.line.saturating_sub(1) as usize) else {
        return "";
    };
    let start = (pos.col.saturating_sub(1) as usize).min(line.len());
    let s = line.get(start..).unwrap_or("");
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// First use of the opaque `ptr` type in text IR, outside strings, comments and names.
fn find_opaque_ptr(text: &str) -> Option<Pos> {
    for (ln, line) in text.lines().enumerate() {
        let b = line.as_bytes();
        let mut in_str = false;
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if in_str {
                if c == b'"' {
                    in_str = false;
                }
            } else if c == b'"' {
                in_str = true;
            } else if c == b';' {
                break;
            } else if b[i..].starts_with(b"ptr") {
                let before_ok =
                    i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b"%@!._$-".contains(&b[i - 1]));
                let after = b.get(i + 3).copied().unwrap_or(b' ');
                let after_ok = !(after.is_ascii_alphanumeric() || b"._$-:".contains(&after));
                if before_ok && after_ok {
                    return Some(Pos {
                        line: ln as u32 + 1,
                        col: i as u32 + 1,
                    });
                }
            }
            i += 1;
        }
    }
    None
}

fn read_bytes(bytes: &[u8], path: &Path) -> Result<Module, IrError> {
    let p = || path.to_path_buf();
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(IrError::Empty { path: p() });
    }
    sys::install_fatal_handler();
    let bitcode = is_bitcode(bytes);
    if bitcode && bytes.len() < 32 {
        // LLVM 14 accepts a bare magic number as an empty module; that is a truncated file.
        return Err(IrError::BadBitcode {
            path: p(),
            message: format!("only {} bytes: too short to hold a module", bytes.len()),
        });
    }
    let text = if bitcode {
        None
    } else {
        let Ok(t) = std::str::from_utf8(bytes) else {
            return Err(IrError::NotLlvm {
                path: p(),
                reason: "neither LLVM bitcode nor UTF-8 text".into(),
            });
        };
        if t.contains('\0') {
            return Err(IrError::NotLlvm {
                path: p(),
                reason: "binary data that is not LLVM bitcode".into(),
            });
        }
        // LLVM 14's lexer would print a warning of its own for `ptr`; say it first, precisely.
        if let Some(pos) = find_opaque_ptr(t) {
            return Err(IrError::OpaquePointers {
                path: p(),
                pos: Some(pos),
            });
        }
        // LLVM 14 aborts the process on a datalayout string it cannot parse: check them first.
        for (pos, dl) in datalayout::find(t) {
            if let Err(e) = datalayout::check(&dl) {
                return Err(IrError::Malformed {
                    path: p(),
                    pos: Some(pos),
                    message: format!("invalid datalayout string \"{}\": {e}", dl.escape_debug()),
                });
            }
        }
        if let Some(n) = names::find_non_utf8(t) {
            return Err(non_utf8(path, Some(n.pos), n));
        }
        if let Some((pos, name)) = names::find_unprintable_metadata_name(t) {
            return Err(IrError::Malformed {
                path: p(),
                pos: Some(pos),
                message: format!(
                    "metadata name `{name}` starts with a byte that is not ASCII: LLVM 14's \
                     printer crashes on it"
                ),
            });
        }
        if let Some((pos, constraint)) = inline_asm::find_crashing_constraint(t) {
            return Err(IrError::Malformed {
                path: p(),
                pos: Some(pos),
                message: format!(
                    "inline asm constraint string {constraint} is malformed: LLVM 14's reader \
                     crashes on it (`@` must be followed by a digit N and N letters, `^` by two \
                     letters)"
                ),
            });
        }
        // LLVM 14 segfaults on some malformed intrinsic declarations: probe them first.
        if let Some((line, decl)) = intrinsic_probe::crashing_declaration(t) {
            return Err(IrError::Malformed {
                path: p(),
                pos: Some(Pos {
                    line: line as u32,
                    col: 1,
                }),
                message: format!(
                    "LLVM 14's reader crashes on this intrinsic declaration (its parameters do \
                     not match the intrinsic's): `{decl}`"
                ),
            });
        }
        Some(t)
    };
    // LLVM 14's text parser verifies modules that carry `"Debug Info Version" 3` and *aborts the
    // process* when they are invalid. Parse (for the C-API view) a copy whose version flag reads 0:
    // LLVM then strips the debug info instead of verifying, and ir2json verifies the module itself.
    // Debug locations come from llvm-ir's parse of the original text, which only happens once the
    // module is known to be valid; debug-info struct names come from the original text.
    let neutral: Option<Vec<u8>> = text.and_then(|t| {
        let key = "!\"Debug Info Version\", i32 3";
        t.find(key).map(|at| {
            let mut b = bytes.to_vec();
            b[at + key.len() - 1] = b'0';
            b
        })
    });
    let sm = match sys::parse(neutral.as_deref().unwrap_or(bytes), bitcode) {
        Ok(m) => m,
        Err(sys::ParseFail::Text(msg)) => {
            let t = text.unwrap_or("");
            let (pos, message) = parse_diag(&msg);
            if let Some(pos) = pos {
                if word_at(t, pos) == "ptr" {
                    return Err(IrError::OpaquePointers {
                        path: p(),
                        pos: Some(pos),
                    });
                }
            }
            if !looks_like_ir(t) {
                return Err(IrError::NotLlvm {
                    path: p(),
                    reason: format!("LLVM: {message}"),
                });
            }
            return Err(IrError::Malformed {
                path: p(),
                pos,
                message,
            });
        }
        Err(sys::ParseFail::Bitcode(message)) => {
            if message.to_ascii_lowercase().contains("opaque pointer") {
                return Err(IrError::OpaquePointers {
                    path: p(),
                    pos: None,
                });
            }
            return Err(IrError::BadBitcode { path: p(), message });
        }
    };
    if let Err(message) = sm.verify() {
        return Err(IrError::Invalid { path: p(), message });
    }
    let printed = sm.print();
    if bitcode {
        // Bitcode names are raw bytes; LLVM prints them with `\XX` escapes (no position to give).
        if let Some(n) = names::find_non_utf8(&printed) {
            return Err(non_utf8(path, None, n));
        }
    }
    let index = text::TextIndex::build(&printed, neutral.as_ref().and(text));
    drop(neutral);
    let lm = if sm.has_callbr() {
        // llvm-ir cannot read `callbr` (asm goto): it reads the same module with each `callbr`
        // lowered to a call and a switch over the same successors (`SysModule::lower_callbr`);
        // `convert` rebuilds the `callbr` terminators from that call and the printed original.
        let mut lowered = match sys::parse(bytes, bitcode) {
            Ok(m) => m,
            Err(sys::ParseFail::Text(m) | sys::ParseFail::Bitcode(m)) => {
                return Err(IrError::Conversion {
                    path: p(),
                    message: m,
                })
            }
        };
        lowered.lower_callbr();
        read_through_bitcode(&lowered)
    } else {
        match text {
            Some(t) => llvm_ir::Module::from_ir_str(t),
            None => llvm_ir::Module::from_bc_path(path),
        }
    }
    .map_err(|message| IrError::Conversion { path: p(), message })?;
    convert::module(path, &lm, &sm, &index)
}

/// llvm-ir's reading of a module LLVM holds, through a bitcode file (llvm-ir reads only files
/// and strings, and printed text does not always read back; see `SysModule::write_bitcode`).
fn read_through_bitcode(m: &sys::SysModule) -> Result<llvm_ir::Module, String> {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = std::env::temp_dir().join(format!("autov-ir2json-{}-{n}.bc", std::process::id()));
    let r = m
        .write_bitcode(&tmp)
        .and_then(|()| llvm_ir::Module::from_bc_path(&tmp));
    let _ = std::fs::remove_file(&tmp);
    r
}

fn non_utf8(path: &Path, pos: Option<Pos>, n: names::NonUtf8) -> IrError {
    IrError::NonUtf8 {
        path: path.to_path_buf(),
        pos,
        what: n.what.to_string(),
        text: n.written,
    }
}

/// All `.ll` and `.bc` files under `dir`, recursively, sorted.
pub fn find_ir_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d)? {
            let e = e?;
            let p = e.path();
            if e.file_type()?.is_dir() {
                stack.push(p);
            } else if matches!(p.extension().and_then(|x| x.to_str()), Some("ll" | "bc")) {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panics_become_e_ir008() {
        let e = guarded(Path::new("x.ll"), || panic!("boom {}", 1)).unwrap_err();
        assert_eq!(e.code(), "E-IR008");
        assert!(
            e.to_string().contains("x.ll") && e.to_string().contains("boom 1"),
            "{e}"
        );
        assert!(!IN_GUARD.with(|g| g.get()), "guard flag restored");
    }

    #[test]
    fn diagnostics_and_opaque_scan() {
        assert_eq!(
            parse_diag("input:12:7: error: expected type\nline\n  ^"),
            (Some(Pos { line: 12, col: 7 }), "expected type".to_string())
        );
        assert_eq!(
            find_opaque_ptr("; ptr\n@p = global i8* null\n  %x = load i8, ptr %q"),
            Some(Pos { line: 3, col: 17 })
        );
        assert_eq!(
            find_opaque_ptr("%ptr = type { i8* }\n@s = constant [3 x i8] c\"ptr\""),
            None
        );
        // Non-ASCII text outside strings must not upset the scan.
        assert_eq!(
            find_opaque_ptr("; \u{e9} ptr\n\u{e9}x ptr"),
            Some(Pos { line: 2, col: 5 })
        );
    }
}
