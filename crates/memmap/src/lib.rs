//! Memory maps: which bytes of a C object are which abstract fields of a configuration's state.
//!
//! A map (see [`syntax`] for the language) names a C struct at a code global and, per used member
//! path, the abstract location it stands for and its lock discipline. [`resolve`] checks it against
//! the IR — the module's struct layouts (ir2json's DataLayout) and debug-info member names — so a
//! map that disagrees with the code (a wrong offset or size, a member that does not exist) is an
//! error with a code before anything is generated. [`gen`] turns the resolved map into
//! configuration-language definitions (load, store, lock-word map), which the configuration loader
//! type-checks; the access lemmas (a load at a path's address returns the field) are stated and
//! proved by the project generator from the resolved paths.

pub mod accessor;
pub mod gen;
pub mod resolve;
pub mod syntax;

pub use resolve::{resolve, RBlock, RPath, ResolvedMap, Step};
pub use syntax::{parse, Access, AccessorDecl, Case, CaseOp, Formula, MapFile, PathDecl, Target};
