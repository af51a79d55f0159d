//! The one way autov writes Coq.
//!
//! * [`term`]: a typed Gallina AST — [`Term`]s (identifiers, literals, application, operators,
//!   tuples, lists, records, `let`, `fun`, `if`, `match`, quantifiers), [`Binder`]s whose types are
//!   terms, and [`Pat`]terns.
//! * [`sentence`]: vernacular [`Sentence`]s (Require, Definition, Fixpoint, Inductive, Record,
//!   Lemma with a [`Proof`] of [`Tactic`] calls, modules, Arguments, Ltac hooks) and the [`File`]
//!   that owns its header, requires and sentences.
//! * [`print`]: the Wadler-style layout (the `pretty` crate) of all of them.
//! * [`mangle`]: the central, injective mapping from source names to Coq identifiers.
//!
//! Generators build values of these types and render them; no Coq text is assembled with `format!`
//! outside this crate, and no rendered text crosses a stage boundary.

pub mod mangle;
pub mod print;
pub mod sentence;
pub mod term;

pub use print::WIDTH;
pub use sentence::{Ctor, File, Proof, Require, Sentence, Tactic};
pub use term::{Binder, ListLayout, Pat, Term};
