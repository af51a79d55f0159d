//! ir2json (placeholder until its issue lands).
