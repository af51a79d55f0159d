//! specgen: from a checked configuration ([`config::Project`]) and the code it names to the files
//! of the generated Coq project ([`generate`]).
pub mod generate;
