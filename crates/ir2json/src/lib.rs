//! ir2json: reads LLVM 14 IR (`.ll` text or `.bc` bitcode, typed pointers) into the typed IR model of
//! [`model`], whose serde serialisation is the JSON schema documented in `docs/ir-json.md`.
//!
//! Entry points: [`read_module`] (a path) and [`read_module_from_str`] (text IR in memory), both
//! returning [`Module`] or an [`IrError`] with a stable code.

pub mod error;
pub mod model;

pub use error::{IrError, Pos};
pub use model::*;

use std::path::Path;

/// Read one LLVM 14 module from a `.ll` or `.bc` file (detected by content, not by extension).
pub fn read_module(path: impl AsRef<Path>) -> Result<Module, IrError> {
    let path = path.as_ref();
    Err(IrError::Conversion {
        path: path.to_path_buf(),
        message: "reader not implemented yet".into(),
    })
}

/// Serialise a module as pretty-printed JSON (deterministic: fields and sequences in model order).
pub fn to_json(module: &Module) -> String {
    serde_json::to_string_pretty(module).expect("the IR model always serialises")
}
